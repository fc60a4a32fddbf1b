import { MetawsmError } from '../errors/metawsm-error.js';
import type { LoadedPolicy } from '../policy/parse.js';
import type { GitPort, Workspace } from '../ports/git.port.js';
import { decideForWorkspace, signingImpossible } from './commit/commit-signing.js';

/** Whether a target's promotion commits must be signed, and whether they can be (`auth check`). */
export interface SigningReport {
  /** `sign_commits: always`, or `auto` with `commit.gpgsign=true`. */
  required: boolean;
  /** `gpg.format` when required. */
  format: string | null;
  /** `user.signingkey` when required (a key id or path, never secret). */
  key: string | null;
  /** Key found and signer runs; null when signing is not required. */
  usable: boolean | null;
  detail: string | null;
  /** What to do when not usable. */
  remedy: string | null;
}

/**
 * Decide as `commit` would (SPEC 4.1a) and, when signing is required, ask the engine whether the key
 * and the signer are there, without signing anything. Returns the report and the problem, if any.
 */
export async function checkSigning(
  git: Pick<GitPort, 'signingConfig' | 'probeSigning'>,
  ws: Workspace,
  policy: LoadedPolicy,
): Promise<{ report: SigningReport; problem: MetawsmError | null }> {
  const decision = await decideForWorkspace(git, ws, policy.policy.git_pr);
  const none = { format: null, key: null, usable: null, detail: null, remedy: null };
  if (decision.kind === 'unsigned') return { report: { required: false, ...none }, problem: null };
  if (decision.kind === 'impossible') {
    const impossible = signingImpossible(decision, ws.path)!;
    const report = { ...none, required: true, format: decision.format, usable: false };
    return {
      report: { ...report, detail: impossible.message, remedy: impossible.hint ?? null },
      problem: impossible,
    };
  }
  const { signing } = decision;
  const probe = await git.probeSigning(ws, signing);
  const report: SigningReport = { required: true, format: signing.format, key: signing.key, ...probe };
  const problem = probe.usable
    ? null
    : new MetawsmError('SIGNING_FAILED', `commits must be signed (${signing.format}) but ${probe.detail}`, {
        hint: probe.remedy ?? 'Check user.signingkey and gpg.format, or set git_pr.sign_commits to "never".',
      });
  return { report, problem };
}
