import { MetawsmError } from '@metawsm/core';
import * as v from 'valibot';

/**
 * The fields of GitHub's responses metawsm depends on, validated (everything else is ignored).
 * Optional/nullable where GitHub (or an older GitHub Enterprise) may omit or null them.
 */

/** A positive integer id. */
export const id = v.pipe(v.number(), v.integer());
/** A user (`null` for deleted accounts, shown as `ghost`). */
export const author = v.nullable(v.object({ login: v.string(), type: v.optional(v.string(), 'User') }));

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
  user: author,
  // `repo` is null when the head repository (a fork) was deleted.
  head: v.object({
    ref: v.string(),
    sha: v.string(),
    repo: v.nullish(v.object({ owner: v.object({ login: v.string() }) }), null),
  }),
  base: v.object({ ref: v.string() }),
  updated_at: v.string(),
});

type AnySchema = v.GenericSchema;

/**
 * Validate `data` against `schema`; a mismatch (including `null`, an HTML page or a cut-off body)
 * is GITHUB_BAD_RESPONSE naming the offending fields and what was expected, never the received
 * values, which could hold anything.
 */
export function parseGitHub<S extends AnySchema>(schema: S, data: unknown, what: string): v.InferOutput<S> {
  const result = v.safeParse(schema, data);
  if (result.success) return result.output;
  const issues = result.issues
    .slice(0, 5)
    .map((i) => ({ path: v.getDotPath(i) ?? '(root)', expected: i.expected ?? i.type }));
  const list = issues.map((i) => `${i.path} (expected ${i.expected})`).join(', ');
  const shape =
    typeof data === 'string' ? (/^\s*</.test(data) ? 'an HTML page' : 'text that is not JSON') : null;
  const detail = shape ? `${shape} instead of JSON` : list;
  throw new MetawsmError('GITHUB_BAD_RESPONSE', `GitHub returned an unexpected ${what}: ${detail}`, {
    hint: 'Check that the API URL (METAWSM_GITHUB_API_URL or the remote host) is a GitHub REST API and no proxy rewrites it; if it is, report this as a metawsm bug.',
    data: { response: what, issues },
  });
}
