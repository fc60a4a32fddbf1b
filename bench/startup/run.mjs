#!/usr/bin/env node
// bench/startup: whole-process wall time of everyday commands that do little work (status,
// run list, policy show, --help, --version), next to `node -e 0` measured in the same rounds.
// Rounds interleave the commands so a busy machine slows every one alike; the figure to read is
// the median, and the overhead over bare Node beside it.
// --compare BIN adds the same commands of another build (e.g. a checkout of main) to the rounds.
// Usage: node bench/startup/run.mjs [--reps 21] [--compare path/to/bin/run.js] [--json]
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../packages/cli/bin/run.js', import.meta.url));
const arg = (name, def) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : def;
};
const reps = Number(arg('reps', '21'));
const compare = arg('compare', null);

/** A home with a policy and one completed run over a real git workspace. */
function makeHome() {
  const dir = mkdtempSync(join(tmpdir(), 'metawsm-startup-'));
  const ws = join(dir, 'ws');
  mkdirSync(ws);
  const git = (...args) => execFileSync('git', args, { cwd: ws, stdio: 'ignore' });
  git('init', '-q', '-b', 'main');
  writeFileSync(join(ws, 'a.txt'), 'a\n');
  git('add', '-A');
  git('-c', 'user.name=b', '-c', 'user.email=b@example.com', 'commit', '-q', '-m', 'a');
  git('remote', 'add', 'origin', 'https://github.com/acme/api.git');
  const home = join(dir, 'home');
  mkdirSync(home);
  const cli = (...args) => execFileSync(process.execPath, [BIN, ...args], { cwd: home, stdio: 'ignore' });
  cli('policy', 'init');
  // Another build may not know every key this one writes ($schema, newer keys): when comparing,
  // both read a policy of defaults only.
  if (compare) writeFileSync(join(home, '.metawsm', 'policy.json'), '{}\n');
  cli('run', 'create', '--ticket', 'T-1', '--repo', `api=${ws}`, '--status', 'completed', '--run-id', 'r1');
  return { dir, home };
}

const ARGS = [['status'], ['run', 'list'], ['policy', 'show'], ['--help'], ['--version']];
const COMMANDS = [
  ['node -e 0', [process.execPath, '-e', '0']],
  ...ARGS.map((a) => [a.join(' '), [process.execPath, BIN, ...a]]),
  ...(compare ? ARGS.map((a) => [`${a.join(' ')} (compare)`, [process.execPath, compare, ...a]]) : []),
];

/** CPU time (user + system, ms) of the children this process has waited for; Linux only, else null. */
function childrenCpuMs() {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
    // cutime and cstime, in clock ticks (100 per second on Linux).
    return (Number(fields[13]) + Number(fields[14])) * 10;
  } catch {
    return null;
  }
}

function timeOnce(argv, cwd) {
  const cpuBefore = childrenCpuMs();
  const start = process.hrtime.bigint();
  const r = spawnSync(argv[0], argv.slice(1), {
    cwd,
    stdio: 'ignore',
    env: { ...process.env, NO_COLOR: '1' },
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`${argv.join(' ')} exited ${r.status}`);
  const cpuAfter = childrenCpuMs();
  return { ms, cpu: cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore };
}

const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};

const { dir, home } = makeHome();
try {
  const samples = new Map(COMMANDS.map(([name]) => [name, { ms: [], cpu: 0 }]));
  for (const [, argv] of COMMANDS) timeOnce(argv, home); // warm the page cache
  for (let i = 0; i < reps; i++)
    for (const [name, argv] of COMMANDS) {
      const t = timeOnce(argv, home);
      const s = samples.get(name);
      s.ms.push(t.ms);
      s.cpu = t.cpu === null || s.cpu === null ? null : s.cpu + t.cpu;
    }
  const node = quantile(samples.get('node -e 0').ms, 0.5);
  const rows = COMMANDS.map(([name]) => {
    const { ms, cpu } = samples.get(name);
    const median = quantile(ms, 0.5);
    return {
      name,
      median,
      p25: quantile(ms, 0.25),
      p75: quantile(ms, 0.75),
      overNode: median - node,
      ratio: median / node,
      // Mean CPU (user + system) per run: steadier than wall time on a busy machine.
      cpuMs: cpu === null ? null : cpu / reps,
    };
  });
  if (process.argv.includes('--json')) process.stdout.write(`${JSON.stringify({ reps, rows }, null, 2)}\n`);
  else {
    const f = (x) => (x === null ? '     -' : x.toFixed(0).padStart(6));
    process.stdout.write(`bench/startup — ${reps} interleaved rounds, whole-process wall time (ms)\n`);
    process.stdout.write('command                  median   p25   p75  over node  × node  cpu mean\n');
    for (const r of rows)
      process.stdout.write(
        `${r.name.padEnd(23)}${f(r.median)}${f(r.p25)}${f(r.p75)}   ${f(r.overNode)}    ${r.ratio.toFixed(2)}  ${f(r.cpuMs)}\n`,
      );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
