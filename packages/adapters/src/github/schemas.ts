import { MetawsmError } from '@metawsm/core';
import * as v from 'valibot';

/**
 * The fields of GitHub's responses metawsm depends on, validated (everything else is ignored).
 * Optional/nullable where GitHub (or an older GitHub Enterprise) may omit or null them.
 */

const id = v.pipe(v.number(), v.integer());
const author = v.nullable(v.object({ login: v.string(), type: v.optional(v.string(), 'User') }));

/** `GET /user`. */
export const UserSchema = v.object({ login: v.string() });

/** `GET /repos/{o}/{r}`. */
export const RepoSchema = v.object({
  full_name: v.string(),
  default_branch: v.string(),
  permissions: v.optional(v.object({ admin: v.boolean(), push: v.boolean(), pull: v.boolean() })),
});

/** A pull request (single or list item; lists have no `merged`, only `merged_at`). */
export const PullSchema = v.object({
  number: v.pipe(id, v.minValue(1)),
  html_url: v.string(),
  state: v.picklist(['open', 'closed']),
  draft: v.nullish(v.boolean(), false),
  merged: v.nullish(v.boolean(), false),
  merged_at: v.nullish(v.string(), null),
  title: v.string(),
  body: v.nullish(v.string(), null),
  head: v.object({ ref: v.string(), sha: v.string() }),
  base: v.object({ ref: v.string() }),
});

/** An inline review comment (`line` is null on outdated comments). */
export const ReviewCommentSchema = v.object({
  id,
  body: v.nullish(v.string(), ''),
  user: author,
  author_association: v.string(),
  path: v.nullish(v.string(), null),
  line: v.nullish(id, null),
  html_url: v.string(),
  created_at: v.string(),
  updated_at: v.string(),
});

/** A top-level review (`submitted_at` is absent on pending reviews). */
export const ReviewSchema = v.object({
  id,
  body: v.nullish(v.string(), ''),
  user: author,
  author_association: v.string(),
  state: v.string(),
  html_url: v.string(),
  submitted_at: v.nullish(v.string(), null),
});

type AnySchema = v.GenericSchema;

/**
 * Validate `data` against `schema`; a mismatch is `GITHUB_API_FAILED` naming the offending
 * fields and what was expected (never the received values, which could hold anything).
 */
export function parseGitHub<S extends AnySchema>(schema: S, data: unknown, what: string): v.InferOutput<S> {
  const result = v.safeParse(schema, data);
  if (result.success) return result.output;
  const issues = result.issues
    .slice(0, 5)
    .map((i) => ({ path: v.getDotPath(i) ?? '(root)', expected: i.expected ?? i.type }));
  const list = issues.map((i) => `${i.path} (expected ${i.expected})`).join(', ');
  throw new MetawsmError('GITHUB_API_FAILED', `GitHub returned an unexpected ${what}: ${list}`, {
    hint: 'Check that the API URL (METAWSM_GITHUB_API_URL or the remote host) is a GitHub REST API; if it is, report this as a metawsm bug.',
    data: { response: what, issues },
  });
}
