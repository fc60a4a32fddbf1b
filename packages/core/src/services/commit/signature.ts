import type { Identity, Signature } from '../../domain/git.js';
import { MetawsmError } from '../../errors/metawsm-error.js';
import type { GitPrPolicy } from '../../policy/schema.js';
import type { ClockPort } from '../../ports/clock.port.js';
import type { GitPort, Workspace } from '../../ports/git.port.js';

/** Author/committer identity: policy `git_pr.author`, else repo config, else global config. */
export async function commitIdentity(git: GitPort, ws: Workspace, policy: GitPrPolicy): Promise<Identity> {
  if (policy.author) return policy.author;
  const identity = await git.identity(ws);
  if (identity) return identity;
  throw new MetawsmError('IDENTITY_MISSING', `no git identity for ${ws.path}`, {
    hint: 'Set one: git config --global user.name "Your Name" && git config --global user.email you@example.com (or policy git_pr.author).',
    data: { path: ws.path },
  });
}

/** A signature at the clock's current time. */
export function signatureNow(clock: ClockPort, identity: Identity): Signature {
  const ms = clock.nowMs();
  return {
    name: identity.name,
    email: identity.email,
    timestamp: Math.floor(ms / 1000),
    timezoneOffset: clock.timezoneOffsetMinutes(ms),
  };
}
