// Child processes for the benches: async (the git HTTP server runs in the bench's own event loop, so a
// synchronous child talking to it would deadlock), timed with hrtime, peak RSS from /usr/bin/time.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

const TIME = '/usr/bin/time';
const MARK = '__METAWSM_BENCH_RSS__';
const hasTime = existsSync(TIME);

/**
 * Run `cmd args` and resolve `{ code, stdout, stderr, seconds, rssMb }` (never rejects on a non-zero exit).
 * `rssMb` is the peak RSS of the process and its waited-for descendants (git children included), or NaN
 * when /usr/bin/time is missing. Wall time is measured here, not by time(1), whose resolution is 10 ms.
 */
export function run(cmd, args, { cwd, env, input } = {}) {
  return new Promise((resolve, reject) => {
    const argv = hasTime ? ['-f', `${MARK} %M`, cmd, ...args] : args;
    const start = process.hrtime.bigint();
    const stdin = input === undefined ? 'ignore' : 'pipe';
    const child = spawn(hasTime ? TIME : cmd, argv, { cwd, env, stdio: [stdin, 'pipe', 'pipe'] });
    const out = [];
    const err = [];
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => err.push(d));
    child.on('error', reject);
    child.on('close', (code) => {
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      let stderr = Buffer.concat(err).toString();
      let rssMb = NaN;
      const at = stderr.lastIndexOf(MARK);
      if (at >= 0) {
        rssMb =
          Number(
            stderr
              .slice(at + MARK.length)
              .trim()
              .split(/\s/)[0],
          ) / 1024;
        stderr = stderr.slice(0, at);
      }
      resolve({ code, stdout: Buffer.concat(out).toString(), stderr, seconds, rssMb });
    });
    if (child.stdin) {
      // A child may exit without reading its input; its exit status tells what happened, not EPIPE.
      child.stdin.on('error', () => {});
      child.stdin.end(input);
    }
  });
}

/** Like {@link run} but rejects (with stderr) on a non-zero exit unless `ok` lists the code. */
export async function runOk(cmd, args, opts = {}, ok = [0]) {
  const r = await run(cmd, args, opts);
  if (!ok.includes(r.code)) throw new Error(`${cmd} ${args.join(' ')} exited ${r.code}: ${r.stderr.trim()}`);
  return r;
}
