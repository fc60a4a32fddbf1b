import { decideSigning, type CommitSigning, type SigningDecision } from '../../domain/signing.js';
import { MetawsmError } from '../../errors/metawsm-error.js';
import type { GitPrPolicy } from '../../policy/schema.js';
import type { GitPort, Workspace } from '../../ports/git.port.js';

const CONFIG_KEYS = 'user.signingkey, gpg.format (openpgp, ssh, x509) and git_pr.sign_commits';

/** The error for a decision that requires signing but cannot sign (exit 2); null when there is none. */
export function signingImpossible(decision: SigningDecision, path: string): MetawsmError | null {
  if (decision.kind !== 'impossible') return null;
  if (decision.reason === 'format_unknown')
    return new MetawsmError(
      'SIGNING_CONFIG_INVALID',
      `gpg.format "${decision.format}" is not a signing format git knows (${path})`,
      {
        hint: `Set gpg.format to openpgp, ssh or x509, or git_pr.sign_commits to "never"; signing reads ${CONFIG_KEYS}.`,
        data: { path, format: decision.format },
      },
    );
  return new MetawsmError(
    'SIGNING_KEY_MISSING',
    `commits must be signed but no signing key is configured for ${path}`,
    {
      hint: `Set user.signingkey (e.g. git config --global user.signingkey ~/.ssh/id_ed25519.pub with gpg.format ssh), or set git_pr.sign_commits to "never"; see ${CONFIG_KEYS}.`,
      data: { path, format: decision.format },
    },
  );
}

/** Read git's signing config for the workspace and decide (SPEC 4.1a). */
export async function decideForWorkspace(
  git: Pick<GitPort, 'signingConfig'>,
  ws: Workspace,
  policy: Pick<GitPrPolicy, 'sign_commits'>,
): Promise<SigningDecision> {
  if (policy.sign_commits === 'never') return { kind: 'unsigned', reason: 'never' };
  return decideSigning(policy.sign_commits, await git.signingConfig(ws));
}

/**
 * How this target's promotion commits are signed (null: unsigned). Throws SIGNING_KEY_MISSING or
 * SIGNING_CONFIG_INVALID (exit 2) before anything is written when signing is required but impossible.
 */
export async function promotionSigning(
  git: Pick<GitPort, 'signingConfig'>,
  ws: Workspace,
  policy: Pick<GitPrPolicy, 'sign_commits'>,
): Promise<CommitSigning | null> {
  const decision = await decideForWorkspace(git, ws, policy);
  const error = signingImpossible(decision, ws.path);
  if (error) throw error;
  return decision.kind === 'sign' ? decision.signing : null;
}
