import { Flags } from '@oclif/core';
import { createRun } from '@metawsm/core';
import { BaseCommand } from '../../base-command.js';

export default class RunCreate extends BaseCommand<typeof RunCreate> {
  static override summary =
    'Register a run: its tickets and the agent workspaces (git working trees) per repo.';
  static override description =
    'Each --repo is [TICKET:]NAME=PATH; without a ticket prefix the repo belongs to every ticket. PATH must be a git working tree (a normal clone or a `git worktree add` worktree) with the remote. New runs are `running` until `metawsm run complete`.';
  static override examples = [
    '<%= config.bin %> run create --ticket PROJ-12 --repo api=../agents/proj-12/api --title "Add rate limiting"',
    '<%= config.bin %> run create --ticket A-1 --ticket A-2 --repo A-1:web=./a1/web --repo A-2:web=./a2/web --base develop --status completed',
  ];
  static override flags = {
    ticket: Flags.string({ description: 'Ticket id (repeatable).', multiple: true, required: true }),
    repo: Flags.string({
      description: '[TICKET:]NAME=PATH of a workspace (repeatable).',
      multiple: true,
      required: true,
    }),
    base: Flags.string({ description: 'Base branch (default: policy git_pr.base_branch).' }),
    'run-id': Flags.string({ description: 'Choose the run id (default: run-YYYYMMDD-HHMMSS-xxxxxx).' }),
    title: Flags.string({ description: 'Summary used in commit messages and PR titles.' }),
    status: Flags.string({
      description: 'Initial status.',
      options: ['running', 'completed'],
      default: 'running',
    }),
    remote: Flags.string({ description: 'Git remote of every workspace.', default: 'origin' }),
  };

  async run() {
    const ctx = await this.context();
    const policy = await ctx.policy();
    const run = await createRun(
      await this.ports(),
      {
        tickets: this.flags.ticket,
        repos: this.flags.repo,
        base: this.flags.base,
        runId: this.flags['run-id'],
        title: this.flags.title,
        status: this.flags.status as 'running' | 'completed',
        remote: this.flags.remote,
        cwd: ctx.cwd,
      },
      policy.policy.git_pr,
    );
    this.say(
      `Created run ${run.id} (${run.status}) with ${run.targets.length} target(s): ${run.targets.map((t) => `${t.ticket}/${t.repo}`).join(', ')}.`,
    );
    if (run.status === 'running') this.say(`When the agents are done: metawsm run complete ${run.id}`);
    else this.say(`Next: metawsm commit --run-id ${run.id}`);
    // `runId` as well as `id`: scripts chaining commands look for the flag's name.
    return { ...run, runId: run.id };
  }
}
