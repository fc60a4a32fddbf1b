import type { ActorSource, CredentialMode } from '../domain/pull-request.js';
import { Secret } from '../domain/secret.js';
import { MetawsmError } from '../errors/metawsm-error.js';
import type { ProcessPort } from '../ports/process.port.js';

/** Where a token came from (never the token itself). */
export type TokenSource = 'METAWSM_GITHUB_TOKEN' | 'GH_TOKEN' | 'GITHUB_TOKEN' | 'gh auth token';

/** A token and its provenance. */
export interface ResolvedToken {
  token: Secret;
  source: TokenSource;
  mode: CredentialMode;
}

const ENV_CHAIN: Record<CredentialMode, readonly TokenSource[]> = {
  local_user_auth: ['METAWSM_GITHUB_TOKEN', 'GH_TOKEN', 'GITHUB_TOKEN'],
  env_token: ['METAWSM_GITHUB_TOKEN'],
};

/**
 * The token chain of policy `git_pr.credential_mode` (docs/policy.md): `local_user_auth` tries METAWSM_GITHUB_TOKEN, GH_TOKEN, GITHUB_TOKEN,
 * then `gh auth token` when gh is installed; `env_token` accepts only METAWSM_GITHUB_TOKEN.
 */
export async function resolveToken(
  deps: { process: ProcessPort },
  input: { mode: CredentialMode; host: string; cwd: string },
): Promise<ResolvedToken | null> {
  for (const name of ENV_CHAIN[input.mode]) {
    const value = deps.process.env(name)?.trim();
    if (value) return { token: new Secret(value), source: name, mode: input.mode };
  }
  if (input.mode !== 'local_user_auth') return null;
  const gh = await deps.process.which('gh');
  if (!gh) return null;
  const argv = [gh, 'auth', 'token', ...(input.host === 'github.com' ? [] : ['--hostname', input.host])];
  // gh may need GH_ENTERPRISE_TOKEN & co. to answer: it is metawsm's own helper, not user code.
  const r = await deps.process.run({
    argv,
    cwd: input.cwd,
    timeoutMs: 15_000,
    maxOutputBytes: 4096,
    trusted: true,
  });
  const value = r.exitCode === 0 ? r.stdout.trim() : '';
  return value ? { token: new Secret(value), source: 'gh auth token', mode: input.mode } : null;
}

/** AUTH_MISSING with the remedy for the credential mode. */
export function authMissing(mode: CredentialMode, host: string): MetawsmError {
  const hint =
    mode === 'env_token'
      ? 'Policy git_pr.credential_mode is env_token: export METAWSM_GITHUB_TOKEN=<token with repo scope>.'
      : `Export METAWSM_GITHUB_TOKEN (or GH_TOKEN / GITHUB_TOKEN), or run \`gh auth login --hostname ${host}\`.`;
  return new MetawsmError('AUTH_MISSING', `no GitHub token found for ${host} (credential_mode ${mode})`, {
    hint,
    data: { mode, host },
  });
}

/** The actor and how it was determined (see {@link resolveActor}). */
export interface Actor {
  name: string;
  source: ActorSource;
}

/** `--actor`, else the GitHub login, else git `Name <email>`, else `unknown`. */
export function resolveActor(input: {
  flag?: string | undefined;
  githubLogin?: string | null | undefined;
  gitIdentity?: { name: string; email: string } | null | undefined;
}): Actor {
  const flag = input.flag?.trim();
  if (flag) return { name: flag, source: 'flag' };
  if (input.githubLogin) return { name: input.githubLogin, source: 'github' };
  if (input.gitIdentity)
    return { name: `${input.gitIdentity.name} <${input.gitIdentity.email}>`, source: 'git' };
  return { name: 'unknown', source: 'unknown' };
}
