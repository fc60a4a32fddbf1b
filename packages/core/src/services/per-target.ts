import type { Target } from '../domain/run.js';
import type { ExitCode } from '../errors/codes.js';
import { toMetawsmError, type MetawsmError, type MetawsmErrorJson } from '../errors/metawsm-error.js';
import type { TargetProgress } from './commit/commit-result.js';
import { mapBounded } from './concurrency.js';

/** The fields every per-target result shares. */
export interface TargetOutcome {
  outcome: string;
  error: MetawsmErrorJson | null;
  exitCode: ExitCode;
}

/**
 * Run `work` for every target, at most `concurrency` at once, reporting progress. A thrown error
 * becomes that target's `error` outcome (never the whole command's); the exit code is the
 * highest any target produced.
 */
export async function forEachTarget<R extends TargetOutcome>(
  targets: readonly Target[],
  opts: {
    concurrency: number;
    onProgress?: ((p: TargetProgress) => void) | undefined;
    blank: (target: Target) => R;
    work: (target: Target, result: R) => Promise<void>;
    onError?: (target: Target, error: MetawsmError) => Promise<void>;
  },
): Promise<{ results: R[]; exitCode: ExitCode }> {
  const results = await mapBounded(targets, opts.concurrency, async (target) => {
    const result = opts.blank(target);
    opts.onProgress?.({ ticket: target.ticket, repo: target.repo, stage: 'start' });
    try {
      await opts.work(target, result);
    } catch (e) {
      const err = toMetawsmError(e);
      Object.assign(result, { outcome: 'error', error: err.toJSON(), exitCode: err.exitCode });
      await opts.onError?.(target, err);
    }
    opts.onProgress?.({ ticket: target.ticket, repo: target.repo, stage: 'done', outcome: result.outcome });
    return result;
  });
  const exitCode = results.reduce<ExitCode>((max, r) => (r.exitCode > max ? r.exitCode : max), 0);
  return { results, exitCode };
}
