import type {
  CheckAnnotationInfo,
  CheckRunInfo,
  CombinedStatusInfo,
  CommitStatusInfo,
  ReviewThreadInfo,
} from '../ports/github.port.js';
import type {
  FakeCheckRunSeed,
  FakeCommitStatusSeed,
  FakeGitHubRepo,
  FakePullRequest,
} from './fake-github-state.js';
import type { FakeGitHubWorld } from './fake-github-world.js';

/** Store a check run (with its annotations) on a commit. */
export function addCheckRun(world: FakeGitHubWorld, r: FakeGitHubRepo, seed: FakeCheckRunSeed): CheckRunInfo {
  const id = world.nextId();
  const status = seed.status ?? 'completed';
  const at = world.timestamp();
  const url = `${world.web}/${r.owner}/${r.repo}/runs/${id}`;
  const annotations: CheckAnnotationInfo[] = (seed.annotations ?? []).map((a) => ({
    path: a.path,
    startLine: a.startLine,
    endLine: a.endLine ?? a.startLine,
    level: a.level ?? 'failure',
    title: a.title ?? null,
    message: a.message,
  }));
  const run: CheckRunInfo = {
    id,
    name: seed.name,
    headSha: seed.headSha,
    status,
    conclusion: status === 'completed' ? (seed.conclusion ?? 'success') : null,
    title: seed.title ?? null,
    summary: seed.summary ?? null,
    detailsUrl: seed.detailsUrl ?? url,
    url,
    annotationsCount: annotations.length,
    startedAt: at,
    completedAt: status === 'completed' ? at : null,
  };
  r.checkRuns.push({ ...run, annotations });
  return { ...run };
}

/** The latest check run per name on a commit (GitHub's default `filter=latest`), oldest first. */
export function latestCheckRuns(r: FakeGitHubRepo, sha: string): CheckRunInfo[] {
  const latest = new Map<string, CheckRunInfo & { annotations: CheckAnnotationInfo[] }>();
  for (const c of r.checkRuns) if (c.headSha === sha) latest.set(c.name, c);
  return [...latest.values()].sort((a, b) => a.id - b.id).map(({ annotations: _a, ...c }) => c);
}

/** Annotations of a check run, at most `limit`; undefined when there is no such check run. */
export function checkAnnotations(
  r: FakeGitHubRepo,
  id: number,
  limit: number | undefined,
): CheckAnnotationInfo[] | undefined {
  const run = r.checkRuns.find((c) => c.id === id);
  return run?.annotations.slice(0, limit ?? run.annotations.length).map((a) => ({ ...a }));
}

/** Store a commit status. */
export function addCommitStatus(
  world: FakeGitHubWorld,
  r: FakeGitHubRepo,
  seed: FakeCommitStatusSeed,
): CommitStatusInfo {
  const at = world.timestamp();
  const status: CommitStatusInfo = {
    id: world.nextId(),
    context: seed.context,
    state: seed.state,
    description: seed.description ?? null,
    targetUrl: seed.targetUrl ?? null,
    createdAt: at,
    updatedAt: at,
  };
  r.statuses.push({ ...status, sha: seed.sha });
  return { ...status };
}

/** GitHub's combined status: the latest status per context (newest first) and their overall state. */
export function combinedStatus(r: FakeGitHubRepo, sha: string): CombinedStatusInfo {
  const latest = new Map<string, CommitStatusInfo>();
  for (const s of r.statuses) if (s.sha === sha) latest.set(s.context, s);
  const statuses = [...latest.values()]
    .sort((a, b) => b.id - a.id)
    .map((s): CommitStatusInfo => {
      const { sha: _sha, ...rest } = s as CommitStatusInfo & { sha: string };
      return rest;
    });
  return { state: combinedState(statuses.map((s) => s.state)), sha, statuses };
}

/** `failure` if any is error/failure; `pending` if any is pending or there are none; else `success`. */
export function combinedState(states: string[]): string {
  if (states.some((s) => s === 'error' || s === 'failure')) return 'failure';
  if (states.length === 0 || states.some((s) => s === 'pending')) return 'pending';
  return 'success';
}

/** The PR's review threads as GitHub's GraphQL API reports them, oldest first. */
export function reviewThreads(r: FakeGitHubRepo, pr: FakePullRequest): ReviewThreadInfo[] {
  const comments = r.comments.filter((c) => c.pull === pr.number);
  return comments
    .filter((c) => c.inReplyToId === null)
    .map((root) => {
      const state = r.threads.get(root.id) ?? { resolved: false, outdated: false };
      return {
        id: `PRRT_${root.id}`,
        isResolved: state.resolved,
        isOutdated: state.outdated,
        path: root.path,
        line: root.line,
        commentIds: comments.filter((c) => c.id === root.id || c.inReplyToId === root.id).map((c) => c.id),
      };
    });
}
