import { spawn, type ChildProcess } from 'node:child_process';
import { BIN } from './cli.js';

/** Run `metawsm` with METAWSM_TEST_PAUSE_AT=<point>; resolves once it announced the pause (it then waits to be killed). */
export async function pauseAt(
  point: string,
  args: string[],
  opts: { cwd: string; env: NodeJS.ProcessEnv },
): Promise<ChildProcess> {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: opts.cwd,
    env: { ...opts.env, METAWSM_TEST_PAUSE_AT: point },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  await new Promise<void>((resolve, reject) => {
    let err = '';
    child.stderr!.on('data', (d: Buffer) => {
      err += d.toString();
      if (err.includes(`METAWSM_PAUSED ${point}`)) resolve();
    });
    child.on('close', (code) => reject(new Error(`exited ${code} before ${point}: ${err}`)));
  });
  return child;
}

/** `kill -9` a child and wait until it is gone. */
export async function kill9(child: ChildProcess): Promise<void> {
  child.kill('SIGKILL');
  if (child.exitCode === null && child.signalCode === null) await new Promise((r) => child.on('close', r));
}

/** A crash at exactly `point`: pause there, then `kill -9`. */
export async function killAt(
  point: string,
  args: string[],
  opts: { cwd: string; env: NodeJS.ProcessEnv },
): Promise<void> {
  await kill9(await pauseAt(point, args, opts));
}
