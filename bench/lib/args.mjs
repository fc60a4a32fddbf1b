// Command-line flags for the bench scripts: `--name value` or `--name=value`, plus positional arguments.

/**
 * Parse `argv` against `spec` (flag name → default value as a string, or `false` for a boolean switch).
 * Unknown flags exit 2 with the list of known ones, so a typo never silently runs the defaults.
 */
export function parseArgs(argv, spec, usage) {
  const flags = Object.fromEntries(Object.entries(spec).map(([k, v]) => [k, v]));
  const positional = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-h' || a === '--help') {
      console.log(usage);
      process.exit(0);
    }
    if (!a.startsWith('--')) {
      positional.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = a.slice(2, eq < 0 ? undefined : eq);
    if (!(name in spec)) {
      console.error(
        `unknown flag --${name}; known: ${Object.keys(spec)
          .map((k) => `--${k}`)
          .join(' ')}`,
      );
      console.error(usage);
      process.exit(2);
    }
    if (spec[name] === false) flags[name] = true;
    else if (eq >= 0) flags[name] = a.slice(eq + 1);
    else if (i + 1 < argv.length) flags[name] = argv[++i];
    else {
      console.error(`--${name} needs a value`);
      process.exit(2);
    }
  }
  return { flags, positional };
}

/** A comma-separated list flag, e.g. `--engines native,js`. */
export function listFlag(value) {
  return String(value)
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** A positive integer flag; exits 2 on anything else. */
export function intFlag(name, value) {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) {
    console.error(`--${name} must be a non-negative integer, got ${value}`);
    process.exit(2);
  }
  return n;
}
