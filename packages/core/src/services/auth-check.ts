import { API_URL_VARIABLE, apiUrlOverride } from '../domain/api-url.js';
import type { GitEngineInfo } from '../domain/git.js';
import type { Target } from '../domain/run.js';
import type { ExitCode } from '../errors/codes.js';
import { MetawsmError, toMetawsmError } from '../errors/metawsm-error.js';
import type { LoadedPolicy } from '../policy/parse.js';
import type { GitHubUser } from '../ports/github.port.js';
import type { Ports } from '../ports/index.js';
import { mapBounded } from './concurrency.js';
import { resolveToken, type ResolvedToken } from './credentials.js';
import { checkSigning, type SigningReport } from './auth-signing.js';
import { endpointFor, locateRemote } from './remote.js';
import { selectTargets, type SelectionInput } from './select.js';

/** Readiness of one target. */
export interface TargetAuthReport {
  ticket: string;
  repo: string;
  /** Remote URL with credentials removed. */
  remote: string | null;
  owner: string | null;
  repository: string | null;
  apiUrl: string | null;
  tokenSource: string | null;
  login: string | null;
  scopes: string[] | null;
  pushPermission: boolean | null;
  baseBranch: string;
  baseBranchExists: boolean | null;
  gitIdentity: string | null;
  /** Whether promotion commits must be signed here and whether they can be (null: the workspace could not be read). */
  signing: SigningReport | null;
  pushReady: boolean;
  prReady: boolean;
  problems: { code: string; message: string; hint: string | null }[];
}

/** The `--json` result of `metawsm auth check`. */
export interface AuthCheckResult {
  credentialMode: string;
  /** The git engine in use and the version of the `git` program (null: the engine could not be chosen). */
  git: GitEngineInfo | null;
  /** Where the token came from (never the token). */
  tokenSource: string | null;
  login: string | null;
  scopes: string[] | null;
  runId: string | null;
  targets: TargetAuthReport[];
  pushReady: boolean;
  prReady: boolean;
  exitCode: ExitCode;
}

type Deps = Pick<Ports, 'git' | 'github' | 'store' | 'process'>;

/**
 * What to do about problems whose error carries no hint of its own (GitHub answers, transport),
 * or whose hint sends the operator to `auth check`, which is what they are running.
 */
const REMEDIES: Partial<Record<string, string>> = {
  AUTH_MISSING:
    'Export METAWSM_GITHUB_TOKEN (or GH_TOKEN / GITHUB_TOKEN), or run `gh auth login`; then check again.',
  AUTH_INVALID:
    'GitHub rejected the token: create a new one with `repo` scope and export METAWSM_GITHUB_TOKEN, or run `gh auth login`.',
  GITHUB_NOT_FOUND:
    "The repository is not visible to this token: check OWNER/REPO in the remote URL and the token's repository access.",
  PERMISSION_DENIED: 'Ask for write access to the repository, or use a token of an account that has it.',
  RATE_LIMITED: 'GitHub rate-limited this token: wait for the reset time, then check again.',
  GITHUB_API_FAILED: 'GitHub did not answer after retries: check https://www.githubstatus.com and try again.',
  REMOTE_FAILED:
    'The git remote did not answer after retries: check the network and the remote URL, then try again.',
};

/** The error's own hint, unless it is missing or tells the operator to run `auth check` (circular here). */
function remedyFor(err: MetawsmError): string | null {
  const own = err.hint !== undefined && !/auth check/.test(err.hint) ? err.hint : undefined;
  return own ?? REMEDIES[err.code] ?? null;
}

function problem(r: TargetAuthReport, e: unknown): void {
  const err = toMetawsmError(e);
  r.problems.push({ code: err.code, message: err.message, hint: remedyFor(err) });
}

async function checkTarget(
  deps: Deps,
  policy: LoadedPolicy,
  target: Target,
  tokens: Map<string, Promise<ResolvedToken | null>>,
): Promise<TargetAuthReport> {
  const r: TargetAuthReport = {
    ticket: target.ticket,
    repo: target.repo,
    remote: null,
    owner: null,
    repository: null,
    apiUrl: null,
    tokenSource: null,
    login: null,
    scopes: null,
    pushPermission: null,
    baseBranch: target.baseBranch,
    baseBranchExists: null,
    gitIdentity: null,
    signing: null,
    pushReady: false,
    prReady: false,
    problems: [],
  };
  try {
    const ws = await deps.git.openWorkspace(target.path);
    const id = await deps.git.identity(ws);
    r.gitIdentity = id ? `${id.name} <${id.email}>` : null;
    if (!id && !policy.policy.git_pr.author)
      problem(
        r,
        new MetawsmError('IDENTITY_MISSING', 'no git identity (user.name / user.email)', {
          hint: 'git config --global user.name "…" && git config --global user.email …',
        }),
      );
    const signing = await checkSigning(deps.git, ws, policy);
    r.signing = signing.report;
    if (signing.problem) problem(r, signing.problem);
    const loc = await locateRemote(deps, ws, target);
    Object.assign(r, { remote: loc.displayUrl, owner: loc.owner, repository: loc.repo, apiUrl: loc.apiUrl });
    const mode = policy.policy.git_pr.credential_mode;
    let tokenP = tokens.get(loc.host);
    if (!tokenP) tokens.set(loc.host, (tokenP = resolveToken(deps, { mode, host: loc.host, cwd: ws.path })));
    const token = await tokenP;
    if (!token)
      throw new MetawsmError('AUTH_MISSING', `no GitHub token for ${loc.host} (credential_mode ${mode})`, {
        hint:
          mode === 'env_token'
            ? 'export METAWSM_GITHUB_TOKEN=<token>'
            : 'export METAWSM_GITHUB_TOKEN / GH_TOKEN / GITHUB_TOKEN, or `gh auth login`.',
      });
    r.tokenSource = token.source;
    const conn = { apiUrl: loc.apiUrl, token: token.token };
    const user: GitHubUser = await deps.github.currentUser(conn);
    Object.assign(r, { login: user.login, scopes: user.scopes });
    const info = await deps.github.getRepository({ ...conn, owner: loc.owner, repo: loc.repo });
    r.pushPermission = info.permissions?.push ?? null;
    if (r.pushPermission === false)
      problem(
        r,
        new MetawsmError('PERMISSION_DENIED', `${user.login} cannot push to ${loc.owner}/${loc.repo}`, {
          hint: 'Ask for write access, or use a token of an account that has it.',
        }),
      );
    const tips = await deps.git.listRemoteBranches(ws, {
      endpoint: endpointFor(loc, token),
      branches: [target.baseBranch],
    });
    r.baseBranchExists = tips[target.baseBranch] != null;
    if (!r.baseBranchExists)
      problem(
        r,
        new MetawsmError('BASE_NOT_FOUND', `base branch ${target.baseBranch} is not on the remote`, {
          hint: 'Push it, or use --base with an existing branch.',
        }),
      );
  } catch (e) {
    problem(r, e);
  }
  r.pushReady = r.problems.length === 0 && r.pushPermission !== false && r.baseBranchExists === true;
  r.prReady = r.pushReady && r.login !== null && r.repository !== null;
  return r;
}

/** Without targets: just the token and the user behind it, on github.com (or METAWSM_GITHUB_API_URL). */
async function tokenOnly(
  deps: Deps,
  policy: LoadedPolicy,
  cwd: string,
  apiUrl: string,
): Promise<Pick<AuthCheckResult, 'tokenSource' | 'login' | 'scopes'> & { problem: MetawsmError | null }> {
  const mode = policy.policy.git_pr.credential_mode;
  const token = await resolveToken(deps, { mode, host: 'github.com', cwd });
  if (!token)
    return {
      tokenSource: null,
      login: null,
      scopes: null,
      problem: new MetawsmError('AUTH_MISSING', `no GitHub token (credential_mode ${mode})`, {
        hint: 'export METAWSM_GITHUB_TOKEN, GH_TOKEN or GITHUB_TOKEN, or run `gh auth login`.',
      }),
    };
  try {
    const user = await deps.github.currentUser({
      apiUrl,
      token: token.token,
    });
    return { tokenSource: token.source, login: user.login, scopes: user.scopes, problem: null };
  } catch (e) {
    return { tokenSource: token.source, login: null, scopes: null, problem: toMetawsmError(e) };
  }
}

function exitCodeOf(ready: boolean, codes: string[]): ExitCode {
  if (ready) return 0;
  const remote = codes.filter(
    (c) => c === 'REMOTE_FAILED' || c === 'GITHUB_API_FAILED' || c === 'RATE_LIMITED',
  );
  return remote.length > 0 && remote.length === codes.length ? 7 : 5;
}

/**
 * `metawsm auth check`: token source, login, scopes, and per target what push and PR need.
 * With no run selected and none open, only the token is checked. Exit 5 when not ready.
 */
export async function authCheck(
  deps: Deps,
  policy: LoadedPolicy,
  selection: SelectionInput,
  cwd: string,
): Promise<AuthCheckResult> {
  const mode = policy.policy.git_pr.credential_mode;
  // A malformed override is the operator's typo (exit 2), not something to report per target.
  const apiUrl = apiUrlOverride(deps.process.env(API_URL_VARIABLE)) ?? 'https://api.github.com';
  // An engine that cannot be chosen (e.g. METAWSM_GIT_ENGINE=native without git) shows up as
  // each target's problem; the header just says "unknown".
  const git = await deps.git.engine().catch(() => null);
  const none =
    !selection.runId &&
    !selection.ticket &&
    (await deps.store.listRuns()).every((r) => r.status === 'closed');
  if (none) {
    const t = await tokenOnly(deps, policy, cwd, apiUrl);
    const ready = t.problem === null;
    return {
      credentialMode: mode,
      git,
      tokenSource: t.tokenSource,
      login: t.login,
      scopes: t.scopes,
      runId: null,
      targets: [],
      pushReady: ready,
      prReady: ready,
      exitCode: exitCodeOf(ready, t.problem ? [t.problem.code] : []),
    };
  }
  const { run, targets } = await selectTargets(deps.store, selection);
  const tokens = new Map<string, Promise<ResolvedToken | null>>();
  const reports = await mapBounded(targets, 4, (t) => checkTarget(deps, policy, t, tokens));
  const pushReady = reports.length > 0 && reports.every((r) => r.pushReady);
  const prReady = reports.length > 0 && reports.every((r) => r.prReady);
  const first = reports.find((r) => r.tokenSource !== null);
  const codes = reports.flatMap((r) => r.problems.map((p) => p.code));
  return {
    credentialMode: mode,
    git,
    tokenSource: first?.tokenSource ?? null,
    login: first?.login ?? null,
    scopes: first?.scopes ?? null,
    runId: run.id,
    targets: reports,
    pushReady,
    prReady,
    exitCode: exitCodeOf(pushReady && prReady, codes),
  };
}
