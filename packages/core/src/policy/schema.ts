import * as v from 'valibot';
import { SIGN_COMMITS_MODES } from '../domain/signing.js';

/** Names of the built-in checks (docs/policy.md, `git_pr.required_checks`). */
export const BUILTIN_CHECK_NAMES = ['tests', 'forbidden_files', 'clean_tree', 'secrets'] as const;

/** GitHub `author_association` values. */
export const AUTHOR_ASSOCIATIONS = [
  'OWNER',
  'MEMBER',
  'COLLABORATOR',
  'CONTRIBUTOR',
  'FIRST_TIME_CONTRIBUTOR',
  'FIRST_TIMER',
  'MANNEQUIN',
  'NONE',
] as const;

const nonEmpty = v.pipe(v.string(), v.trim(), v.minLength(1, 'must be a non-empty string'));
const nonEmptyList = v.array(nonEmpty);
const PLACEHOLDER = /\{([^{}]*)\}/g;

const branchTemplate = v.pipe(
  v.string(),
  v.minLength(1, 'must be a non-empty string'),
  v.check(
    (t) => [...t.matchAll(PLACEHOLDER)].every((m) => ['ticket', 'repo', 'run'].includes(m[1] ?? '')),
    'unknown placeholder: only {ticket}, {repo} and {run} are supported',
  ),
);

/** Build the policy schema; `checkNames` are the names the check registry knows. */
export function policySchema(checkNames: readonly string[] = BUILTIN_CHECK_NAMES) {
  const checkName = v.picklist(checkNames, `unknown check; supported: ${checkNames.join(', ')}`);
  const reviewFeedback = v.strictObject({
    enabled: v.optional(v.boolean(), false),
    mode: v.optional(v.picklist(['assist', 'auto']), 'assist'),
    ignore_authors: v.optional(nonEmptyList, []),
    trusted_associations: v.optional(v.array(v.picklist(AUTHOR_ASSOCIATIONS)), [
      'OWNER',
      'MEMBER',
      'COLLABORATOR',
    ]),
    include_bots: v.optional(v.boolean(), false),
    include_conversation: v.optional(v.boolean(), true),
    include_checks: v.optional(v.boolean(), true),
    reply_on_address: v.optional(v.boolean(), false),
    max_items_per_sync: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(10_000)), 50),
    auto_dispatch_cap_per_interval: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0)), 1),
    dispatch_command: v.optional(
      v.nullable(v.pipe(nonEmptyList, v.minLength(1, 'must name a program'))),
      null,
    ),
  });
  const gitPr = v.strictObject({
    mode: v.optional(v.picklist(['off', 'assist', 'auto']), 'assist'),
    credential_mode: v.optional(v.picklist(['local_user_auth', 'env_token']), 'local_user_auth'),
    branch_template: v.optional(branchTemplate, '{ticket}/{repo}/{run}'),
    base_branch: v.optional(nonEmpty, 'main'),
    require_all: v.optional(v.boolean(), true),
    required_checks: v.optional(v.array(checkName), ['tests', 'forbidden_files', 'clean_tree']),
    test_commands: v.optional(nonEmptyList, []),
    test_timeout_seconds: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(86_400)), 600),
    forbidden_file_patterns: v.optional(nonEmptyList, [
      '.env',
      '.env.*',
      '*.pem',
      '*.key',
      '*.p12',
      '*.pfx',
      'id_rsa',
      'id_ed25519',
    ]),
    allowed_repos: v.optional(nonEmptyList, []),
    default_labels: v.optional(nonEmptyList, []),
    default_reviewers: v.optional(nonEmptyList, []),
    draft: v.optional(v.boolean(), false),
    update_strategy: v.optional(v.picklist(['rebase', 'append']), 'rebase'),
    sign_commits: v.optional(v.picklist(SIGN_COMMITS_MODES), 'auto'),
    author: v.optional(v.strictObject({ name: nonEmpty, email: nonEmpty })),
    review_feedback: v.optional(reviewFeedback, {}),
  });
  return v.strictObject({
    // Editors read it to offer completion; it never changes what metawsm does.
    $schema: v.optional(nonEmpty),
    git_pr: v.optional(gitPr, {}),
  });
}

/** The validated, defaulted policy (without `$schema`, which only editors read). */
export type Policy = Omit<v.InferOutput<ReturnType<typeof policySchema>>, '$schema'>;
/** The `git_pr` block. */
export type GitPrPolicy = Policy['git_pr'];
/** The `git_pr.review_feedback` block. */
export type ReviewFeedbackPolicy = GitPrPolicy['review_feedback'];
