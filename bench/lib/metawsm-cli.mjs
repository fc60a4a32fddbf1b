// Driving the built CLI (`packages/cli/bin/run.js`) from a bench: a throwaway metawsm home per engine,
// `run create` per case, and a timed `commit --json`. The engine is only requested, through
// METAWSM_GIT_ENGINE; what the CLI reports having used (`targets[].engine`) is read back when present.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { run } from './proc.mjs';

export const BIN = fileURLToPath(new URL('../../packages/cli/bin/run.js', import.meta.url));

/**
 * A metawsm home at `dir` whose policy requires no checks (the benches measure promotion, not checks;
 * a real commit adding e.g. a `*.pem` fixture must not turn into `checks_failed`).
 * Returns the environment to run the CLI with.
 */
export function makeHome({ dir, env, engine }) {
  mkdirSync(dir, { recursive: true });
  const cliEnv = { ...env, METAWSM_HOME: dir, METAWSM_GIT_ENGINE: engine };
  execFileSync(process.execPath, [BIN, 'policy', 'init'], { cwd: dir, env: cliEnv, stdio: 'pipe' });
  const file = join(dir, '.metawsm', 'policy.json');
  const policy = JSON.parse(readFileSync(file, 'utf8'));
  policy.git_pr = { ...policy.git_pr, required_checks: [], forbidden_file_patterns: [] };
  writeFileSync(file, `${JSON.stringify(policy, null, 2)}\n`);
  return cliEnv;
}

/** `run create` of a completed single-target run (async: it must not block the in-process git server). */
export async function createRun({ cliEnv, runId, ticket, repo, path, base }) {
  const args = ['run', 'create', '--ticket', ticket, '--repo', `${repo}=${path}`, '--run-id', runId];
  if (base) args.push('--base', base);
  const r = await run(process.execPath, [BIN, ...args, '--status', 'completed'], {
    cwd: cliEnv.METAWSM_HOME,
    env: cliEnv,
  });
  if (r.code !== 0) throw new Error(`metawsm run create exited ${r.code}: ${r.stderr}`);
}

/**
 * Timed `metawsm commit --run-id <id> --json`: `{ seconds, rssMb, code, target, engineUsed, raw }`, where
 * `target` is the first target's JSON entry (null if the output was not JSON).
 */
export async function timedCommit({ cliEnv, runId }) {
  const r = await run(process.execPath, [BIN, 'commit', '--run-id', runId, '--json'], {
    cwd: cliEnv.METAWSM_HOME,
    env: cliEnv,
  });
  let json = null;
  try {
    json = JSON.parse(r.stdout);
  } catch {
    // Leave `target` null: the caller reports the stderr tail.
  }
  const target = json?.targets?.[0] ?? null;
  return {
    seconds: r.seconds,
    rssMb: r.rssMb,
    code: r.code,
    target,
    error: json?.error ?? target?.error ?? null,
    engineUsed: target?.engine ?? json?.engine ?? null,
    stderr: r.stderr.slice(-2000),
  };
}
