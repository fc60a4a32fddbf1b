/** GitHub token variables every tool in the ecosystem reads (gh, Actions, Octokit apps, Enterprise). */
export const GITHUB_TOKEN_VARIABLES = [
  'METAWSM_GITHUB_TOKEN',
  'GH_TOKEN',
  'GITHUB_TOKEN',
  'GH_ENTERPRISE_TOKEN',
  'GITHUB_ENTERPRISE_TOKEN',
  'GITHUB_PAT',
  'GITHUB_PERSONAL_ACCESS_TOKEN',
  'HOMEBREW_GITHUB_API_TOKEN',
  'COPILOT_GITHUB_TOKEN',
] as const;

/**
 * A variable that may hold a GitHub token: one of {@link GITHUB_TOKEN_VARIABLES}, or any name that
 * mentions GitHub (`GH`, `GITHUB`) together with TOKEN, PAT or SECRET (e.g. `MY_GITHUB_TOKEN`).
 */
export function isGitHubTokenVariable(name: string): boolean {
  const upper = name.toUpperCase();
  if ((GITHUB_TOKEN_VARIABLES as readonly string[]).includes(upper)) return true;
  const words = upper.split(/[^A-Z0-9]+/);
  const github = words.includes('GH') || words.some((w) => w.startsWith('GITHUB'));
  return github && words.some((w) => w === 'TOKEN' || w === 'PAT' || w === 'SECRET' || w.endsWith('TOKEN'));
}

/**
 * The environment of a command metawsm runs for the user (`test_commands`, `dispatch_command`):
 * this process's environment plus `extra`, minus every GitHub token variable: agent
 * code must never receive the operator's token.
 */
export function userCommandEnvironment(
  parent: Readonly<Record<string, string | undefined>>,
  extra: Readonly<Record<string, string>> = {},
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries({ ...parent, ...extra }))
    if (v !== undefined && !isGitHubTokenVariable(k)) env[k] = v;
  return env;
}
