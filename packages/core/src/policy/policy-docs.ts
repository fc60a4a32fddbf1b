/** What one policy key means, for the reference (docs/policy.md) and the JSON Schema's descriptions. */
export interface PolicyKeyDoc {
  /** What the key changes, in a sentence or three (Markdown). */
  description: string;
  /** A value an operator might set (omitted for blocks: their keys have examples). */
  example?: unknown;
}

/**
 * The meaning of every key of `.metawsm/policy.json`, by dotted path. The schema (schema.ts) says
 * what is valid; this says what it does. A test keeps both in step: every key of the schema has
 * an entry here and every entry names a key of the schema.
 */
export const POLICY_KEY_DOCS: Readonly<Record<string, PolicyKeyDoc>> = {
  $schema: {
    description:
      "Where editors find this file's JSON Schema (completion, hover help, validation while typing). `metawsm policy init` writes it; metawsm itself ignores it. Any URL or path of `policy.schema.json` works, e.g. `./node_modules/@metawsm/core/policy.schema.json`.",
    example: 'https://unpkg.com/@metawsm/core@0.1.0/policy.schema.json',
  },
  git_pr: {
    description: 'Everything about turning workspaces into commits and pull requests.',
  },
  'git_pr.mode': {
    description:
      '`off` refuses `commit` and `pr` (exit 2, `POLICY_MODE_OFF`); `assist` lets operators run them and makes `metawsm operator` only recommend commands; `auto` lets `metawsm operator` run ready `commit` and `pr` actions itself.',
    example: 'auto',
  },
  'git_pr.credential_mode': {
    description:
      'Where the GitHub token comes from. `local_user_auth`: `METAWSM_GITHUB_TOKEN`, then `GH_TOKEN`, then `GITHUB_TOKEN`, then `gh auth token` when the GitHub CLI is installed. `env_token`: only `METAWSM_GITHUB_TOKEN` (for CI and shared machines).',
    example: 'env_token',
  },
  'git_pr.branch_template': {
    description:
      "Name of each target's PR branch. Placeholders `{ticket}`, `{repo}`, `{run}`; each value is lowercased, characters outside `[a-z0-9._-]` become `-`, runs of `-` collapse, leading/trailing `-` and `.` are trimmed, an empty value becomes `x`. The result must be a valid git ref name.",
    example: 'agents/{ticket}-{repo}',
  },
  'git_pr.base_branch': {
    description: 'Base branch of runs created without `--base`: the PR branch is built on its current tip.',
    example: 'develop',
  },
  'git_pr.require_all': {
    description:
      '`true`: every required check that applies must pass before a commit is written or a PR pushed; `false`: at least one must pass. All checks always run and are reported.',
    example: false,
  },
  'git_pr.required_checks': {
    description:
      'Checks run on each change (exit 6 when they fail). `tests` runs `test_commands`; `forbidden_files` refuses added or modified files matching `forbidden_file_patterns`; `clean_tree` (for `pr`) refuses when the workspace holds changes that were not promoted; `secrets` scans added lines for well-known token formats.',
    example: ['tests', 'forbidden_files', 'clean_tree', 'secrets'],
  },
  'git_pr.test_commands': {
    description:
      'Commands run by the `tests` check, each with `sh -c` in the workspace, without any GitHub token in their environment. A non-zero exit fails the check; its last 20 output lines are kept in the report.',
    example: ['npm ci', 'npm test'],
  },
  'git_pr.test_timeout_seconds': {
    description:
      'Time limit of each test command; a command that runs longer is killed (its whole process group) and fails the check.',
    example: 1200,
  },
  'git_pr.forbidden_file_patterns': {
    description:
      "Globs matched against the full path and the basename of every file a change adds or modifies (including files in new folders and in the agent's own commits). A match fails the `forbidden_files` check.",
    example: ['.env', '.env.*', '*.pem', 'secrets/**'],
  },
  'git_pr.allowed_repos': {
    description:
      'Repo names (`--repo NAME=PATH`) that runs may use; empty allows all. Others are refused by `run create`, `commit` and `pr` (exit 2).',
    example: ['api', 'web'],
  },
  'git_pr.default_labels': {
    description:
      'Labels added to every PR metawsm opens or updates. A label that cannot be added is a warning, not a failure.',
    example: ['agent', 'needs-review'],
  },
  'git_pr.default_reviewers': {
    description:
      'GitHub logins asked to review every PR metawsm opens. A reviewer that cannot be requested is a warning, not a failure.',
    example: ['octocat'],
  },
  'git_pr.draft': {
    description:
      'Open new PRs as drafts. `metawsm pr --draft` / `--no-draft` overrides it for one invocation.',
    example: true,
  },
  'git_pr.update_strategy': {
    description:
      "How a pushed PR branch follows a base branch that moved. `rebase`: the new commit's parent is the base tip and the push uses a lease on the last pushed sha; `append`: the base is merged into the branch and the new commit goes on top (no force-push).",
    example: 'append',
  },
  'git_pr.sign_commits': {
    description:
      "Whether the commits metawsm writes on a PR branch (new, append, rebase, the merge commit of `append`) are signed. `auto`: when the workspace's git config (repo, then global) has `commit.gpgsign=true`; `always`: every time (no `user.signingkey` → exit 2 `SIGNING_KEY_MISSING`; the signer failing → exit 8 `SIGNING_FAILED`, branch unchanged); `never`: not even when git's config asks. Signing follows `gpg.format` (openpgp, ssh, x509), `user.signingkey` and `gpg.*.program`; snapshot commits are never signed. `auth check` reports whether signing is required and usable.",
    example: 'always',
  },
  'git_pr.author': {
    description:
      "Author and committer of the commits metawsm writes. Without it: the workspace's `user.name` / `user.email`, else the global git config.",
    example: { name: 'Agent Bot', email: 'agent-bot@example.com' },
  },
  'git_pr.author.name': {
    description: 'Name of the author and committer.',
    example: 'Agent Bot',
  },
  'git_pr.author.email': {
    description: 'E-mail of the author and committer.',
    example: 'agent-bot@example.com',
  },
  'git_pr.review_feedback': {
    description: "Bringing reviewers' comments and failing CI back to the agent that wrote the change.",
  },
  'git_pr.review_feedback.enabled': {
    description:
      "Collect review feedback from open PRs (`metawsm review sync`, and the operator's `review_sync_due` intent).",
    example: true,
  },
  'git_pr.review_feedback.mode': {
    description:
      '`assist`: the operator only recommends dispatching feedback; `auto`: it dispatches pending feedback to the agent itself, within `auto_dispatch_cap_per_interval`.',
    example: 'auto',
  },
  'git_pr.review_feedback.ignore_authors': {
    description: 'GitHub logins whose comments are never collected.',
    example: ['dependabot[bot]', 'some-noisy-user'],
  },
  'git_pr.review_feedback.trusted_associations': {
    description:
      'Comments are collected only from authors whose `author_association` with the repository is listed here (review text is untrusted input handed to an agent).',
    example: ['OWNER', 'MEMBER'],
  },
  'git_pr.review_feedback.include_bots': {
    description: 'Also collect comments written by bot accounts.',
    example: true,
  },
  'git_pr.review_feedback.include_conversation': {
    description: "Also collect the PR's conversation comments (not only review threads and review bodies).",
    example: false,
  },
  'git_pr.review_feedback.include_checks': {
    description:
      "Also collect failing CI on the PR's head commit: check runs that failed, timed out, were cancelled or need action, and failed commit statuses, with up to 50 annotations. A check that later passes on a newer head marks its item addressed.",
    example: false,
  },
  'git_pr.review_feedback.reply_on_address': {
    description:
      'When `pr` pushes a commit that addresses dispatched feedback, reply "Addressed in <sha>" once per review thread (metawsm never resolves threads; people do).',
    example: true,
  },
  'git_pr.review_feedback.max_items_per_sync': {
    description:
      'At most this many new feedback items per sync, oldest first; the rest are reported as deferred and come next time.',
    example: 20,
  },
  'git_pr.review_feedback.auto_dispatch_cap_per_interval': {
    description:
      'In `auto` mode, at most this many dispatches per run in each operator interval (0: never dispatch automatically).',
    example: 2,
  },
  'git_pr.review_feedback.dispatch_command': {
    description:
      'A program run (argv, no shell) in the workspace after feedback is written, e.g. to restart the agent. It gets `METAWSM_RUN_ID`, `METAWSM_TICKET`, `METAWSM_REPO`, `METAWSM_DISPATCH_ID`, `METAWSM_FEEDBACK_FILE`, `METAWSM_FEEDBACK_JSON` and no GitHub token. `null`: none.',
    example: ['agentctl', 'resume', '--quiet'],
  },
};
