import type { ExitCode } from '../../errors/codes.js';
import type { LoadedPolicy } from '../../policy/parse.js';
import type { OperatorTickReport } from './operator-result.js';
import { operatorTick, type OperatorDeps, type OperatorTickInput } from './operator-tick.js';

/** A stop request (SIGINT/SIGTERM in the CLI): `wait` resolves once `stop()` was called. */
export interface StopSignal {
  readonly stopped: boolean;
  readonly wait: Promise<void>;
  stop(): void;
}

/** A fresh {@link StopSignal}. */
export function stopSignal(): StopSignal {
  let release: () => void = () => undefined;
  const wait = new Promise<void>((resolve) => (release = resolve));
  const signal = {
    stopped: false,
    wait,
    stop() {
      signal.stopped = true;
      release();
    },
  };
  return signal;
}

/** Input of {@link operatorLoop}. */
export interface OperatorLoopInput extends Omit<OperatorTickInput, 'stopped'> {
  /** One tick, then return (`--once`). */
  once: boolean;
  stop: StopSignal;
  /** The current policy (read anew each tick). */
  policy: () => Promise<LoadedPolicy>;
  /** Called after each tick (the CLI prints it). */
  onTick: (report: OperatorTickReport) => void;
}

/**
 * `metawsm operator` (docs/operating.md, the operator loop): tick, then wait `intervalMs` on the clock, until `once` or a stop
 * request. A stop during a tick lets the current action finish and starts no other. Returns the
 * number of ticks and the highest exit code of the actions run.
 */
export async function operatorLoop(
  deps: OperatorDeps,
  input: OperatorLoopInput,
): Promise<{ ticks: number; exitCode: ExitCode }> {
  let exitCode: ExitCode = 0;
  let ticks = 0;
  while (!input.stop.stopped) {
    ticks++;
    const report = await operatorTick(
      deps,
      await input.policy(),
      { ...input, stopped: () => input.stop.stopped },
      ticks,
    );
    input.onTick(report);
    if (report.exitCode > exitCode) exitCode = report.exitCode;
    if (input.once || input.stop.stopped) break;
    await Promise.race([deps.clock.sleep(input.intervalMs), input.stop.wait]);
  }
  return { ticks, exitCode };
}
