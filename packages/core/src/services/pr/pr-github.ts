import { sha256Hex } from '../../domain/digest.js';
import { decideAdoption } from '../../domain/pr-adoption.js';
import { isMetawsmError } from '../../errors/metawsm-error.js';
import type { GitHubRepo, PullRequestInfo } from '../../ports/github.port.js';
import type { PrContext } from './pr-target.js';
import { saveRecord } from './pr-target.js';
import { normalizeBody, prMarker } from './pr-text.js';

/** What metawsm wants the PR to say. */
export interface DesiredPr {
  title: string;
  body: string;
  bodyDigest: string;
}

/** The PR of ours among those the head-branch lookup returned (foreign ones are warned about, never adopted). */
async function lookUpOurs(c: PrContext, gh: GitHubRepo): Promise<PullRequestInfo | null> {
  const found = await c.deps.github.findPullRequestsByHead(gh, c.record.branch);
  const marker = prMarker({ runId: c.run.id, ticket: c.target.ticket, repo: c.target.repo });
  const decision = decideAdoption(found, { branch: c.record.branch, owner: gh.owner, marker });
  for (const r of decision.rejected)
    c.result.warnings.push(
      `PR #${r.number} returned for ${c.record.branch} is not ours (${r.reason}): not adopted`,
    );
  return decision.kind === 'adopt' ? decision.pr : null;
}

async function remember(c: PrContext, pr: PullRequestInfo, written: DesiredPr | null): Promise<void> {
  c.result.number = pr.number;
  c.result.url = pr.url;
  c.result.state = pr.state;
  const patch = { prNumber: pr.number, prUrl: pr.url, prState: pr.state };
  await saveRecord(
    c,
    written ? { ...patch, prTitle: written.title, prBodyDigest: written.bodyDigest } : patch,
  );
}

async function createOrAdopt(c: PrContext, gh: GitHubRepo, want: DesiredPr): Promise<PullRequestInfo> {
  const scope = { ticket: c.target.ticket, repo: c.target.repo };
  const draft = c.options.draft ?? c.policy.policy.git_pr.draft;
  try {
    const pr = await c.journal.step(
      'pr.create',
      scope,
      { branch: c.record.branch },
      () =>
        c.deps.github.createPullRequest(gh, {
          title: want.title,
          body: want.body,
          head: c.record.branch,
          base: c.target.baseBranch,
          draft,
        }),
      (p) => ({ number: p.number }),
    );
    c.result.outcome = 'created';
    c.result.actions.push('create');
    await remember(c, pr, want);
    return pr;
  } catch (e) {
    if (!isMetawsmError(e, 'PR_ALREADY_EXISTS')) throw e;
    const found = await lookUpOurs(c, gh);
    if (!found) throw e;
    await adopt(c, gh, found, want);
    return found;
  }
}

/** Take over a PR that exists on GitHub but not in our record; rewrite it only if it carries our marker. */
async function adopt(c: PrContext, gh: GitHubRepo, pr: PullRequestInfo, want: DesiredPr): Promise<void> {
  c.result.outcome = 'adopted';
  const ours = pr.body.includes(prMarker({ runId: c.run.id, ticket: c.target.ticket, repo: c.target.repo }));
  await remember(c, pr, null);
  if (ours && (pr.state === 'open' || pr.state === 'draft')) await rewrite(c, gh, pr, want, true);
}

async function rewrite(
  c: PrContext,
  gh: GitHubRepo,
  pr: PullRequestInfo,
  want: DesiredPr,
  force: boolean,
): Promise<boolean> {
  const titleOurs = force || pr.title === c.record.prTitle;
  const bodyOurs = force || sha256Hex(normalizeBody(pr.body)) === c.record.prBodyDigest;
  const patch: { title?: string; body?: string } = {};
  if (titleOurs && pr.title !== want.title) patch.title = want.title;
  if (bodyOurs && normalizeBody(pr.body) !== normalizeBody(want.body)) patch.body = want.body;
  if (!titleOurs || !bodyOurs)
    c.result.warnings.push(
      `PR #${pr.number} ${!titleOurs ? 'title' : 'body'} was edited on GitHub: left as is`,
    );
  if (patch.title === undefined && patch.body === undefined) return false;
  c.result.actions.push('update');
  if (c.options.dryRun) return true;
  const scope = { ticket: c.target.ticket, repo: c.target.repo };
  const updated = await c.journal.step(
    'pr.update',
    scope,
    { number: pr.number, fields: Object.keys(patch) },
    () => c.deps.github.updatePullRequest(gh, pr.number, patch),
  );
  await remember(c, updated, {
    title: patch.title ?? c.record.prTitle ?? updated.title,
    body: want.body,
    bodyDigest: patch.body !== undefined ? want.bodyDigest : (c.record.prBodyDigest ?? ''),
  });
  return true;
}

/** Labels and reviewers from policy: failures are warnings, not failures. */
async function decorate(c: PrContext, gh: GitHubRepo, num: number): Promise<void> {
  const gp = c.policy.policy.git_pr;
  const steps: [string, string[], () => Promise<void>][] = [
    ['labels', gp.default_labels, () => c.deps.github.addLabels(gh, num, gp.default_labels)],
    ['reviewers', gp.default_reviewers, () => c.deps.github.requestReviewers(gh, num, gp.default_reviewers)],
  ];
  for (const [name, values, call] of steps) {
    if (values.length === 0) continue;
    c.result.actions.push(name);
    try {
      await call();
    } catch (e) {
      const code = isMetawsmError(e) ? e.code : 'INTERNAL';
      c.result.warnings.push(`could not add ${name} (${values.join(', ')}) to PR #${num}: ${code}`);
    }
  }
}

/** The PR this target already has: the recorded one, else one of ours found by head branch (open first). */
export async function findExistingPr(c: PrContext, gh: GitHubRepo): Promise<PullRequestInfo | null> {
  return c.record.prNumber !== null ? c.deps.github.getPullRequest(gh, c.record.prNumber) : lookUpOurs(c, gh);
}

/**
 * A closed or merged PR is reported (and recorded), never reopened, and nothing is pushed for it:
 * a new iteration needs a new run. Returns true when that is the case.
 */
export async function stopIfClosed(c: PrContext, pr: PullRequestInfo | null): Promise<boolean> {
  if (pr === null || (pr.state !== 'closed' && pr.state !== 'merged')) return false;
  await remember(c, pr, null);
  c.result.outcome = 'closed';
  c.result.warnings.push(
    `PR #${pr.number} is ${pr.state}: not reopened and nothing pushed; start a new run for new work`,
  );
  return true;
}

/**
 * Open the PR, or update the existing one. Idempotent: `existing` is the recorded PR or
 * the one found by head branch (adopted); only when there is none is a PR created, and a 422
 * "already exists" then adopts it.
 */
export async function ensurePullRequest(
  c: PrContext,
  gh: GitHubRepo,
  want: DesiredPr,
  pushed: boolean,
  existing: PullRequestInfo | null,
): Promise<void> {
  if (existing === null) {
    if (c.options.dryRun) {
      c.result.actions.push('create');
      c.result.outcome = 'planned';
      return;
    }
    const pr = await createOrAdopt(c, gh, want);
    if (c.result.outcome === 'created' || c.result.outcome === 'adopted') await decorate(c, gh, pr.number);
    return;
  }
  if (c.record.prNumber === null) {
    // Adopting rewrites title/body only if the PR carries our marker (we wrote it before a crash).
    await adopt(c, gh, existing, want);
    return;
  }
  await remember(c, existing, null);
  const edited = await rewrite(c, gh, existing, want, false);
  c.result.outcome = c.options.dryRun ? 'planned' : pushed || edited ? 'updated' : 'unchanged';
}
