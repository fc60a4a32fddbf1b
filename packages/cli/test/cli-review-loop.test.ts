import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { git, writeTree } from '@metawsm/testkit';
import { CANARY } from './support/scenario.js';
import { runCli } from './support/cli.js';
import { killAt } from './support/paused.js';
import { reviewScenario, type ReviewScenario } from './support/review-scenario.js';

const PR = ['acme', 'api', 1] as const;
const MEMBER = { user: 'reviewer', authorAssociation: 'MEMBER' as const };

describe('one feedback round over the stand-in: sync → dispatch → agent edit → commit → pr → addressed', () => {
  let s: ReviewScenario;
  afterEach(async () => {
    await s.close();
  });

  it('dispatches to the workspace only, with a token-free dispatch_command; pr addresses and replies once per thread, even after kill -9', async () => {
    s = await reviewScenario({
      reply_on_address: true,
      dispatch_command: ['sh', '-c', 'env > "$METAWSM_FEEDBACK_FILE.env"; echo restarted'],
    });
    // Every token variable holds the canary: none may reach the dispatch command.
    const env = { ...s.env, GH_TOKEN: CANARY, GITHUB_TOKEN: CANARY, GH_ENTERPRISE_TOKEN: CANARY };
    const cli = (...args: string[]) => runCli(args, { cwd: s.home, env });
    const a = s.github.addReviewComment(...PR, {
      ...MEMBER,
      body: 'Rename `b` to `count`.',
      path: 'src/b.ts',
      line: 1,
    });
    const b = s.github.addReviewComment(...PR, {
      ...MEMBER,
      body: '````\nfenced ``` trick\n````',
      path: 'src/b.ts',
      line: 1,
    });
    s.github.addReviewComment(...PR, { user: 'acme', body: 'and a test', inReplyTo: b.id });
    s.github.addReview(...PR, { ...MEMBER, body: 'Overall OK.', state: 'CHANGES_REQUESTED' });

    const d = await cli('review', 'sync', '--dispatch', '--run-id', s.runId, '--json');
    expect(d.code).toBe(0);
    expect(d.json.runStatus).toBe('running');
    const t = d.json.targets[0];
    expect(t.dispatch.items).toHaveLength(3);
    expect(t.dispatch.command).toMatchObject({ exitCode: 0, ok: true, outputTail: 'restarted\n' });
    const dir = join(s.ws, '.metawsm');
    expect(readdirSync(dir).sort()).toEqual([
      'review-feedback.json',
      'review-feedback.md',
      'review-feedback.md.env',
    ]);
    expect(existsSync(join(s.home, '.metawsm', 'review-feedback.md'))).toBe(false);
    const dumped = readFileSync(join(dir, 'review-feedback.md.env'), 'utf8');
    expect(dumped).not.toContain(CANARY);
    expect(dumped).toMatch(new RegExp(`^METAWSM_DISPATCH_ID=${t.dispatch.dispatchId}$`, 'm'));
    expect(dumped).toMatch(/^METAWSM_FEEDBACK_JSON=.*review-feedback\.json$/m);
    const md = readFileSync(join(dir, 'review-feedback.md'), 'utf8');
    expect(md).toContain('`````text\n````\nfenced ``` trick\n````\n`````');
    const doc = JSON.parse(readFileSync(join(dir, 'review-feedback.json'), 'utf8'));
    expect(doc.items.map((i: { status: string }) => i.status)).toEqual([
      'dispatched',
      'dispatched',
      'dispatched',
    ]);

    // The agent works on it, then stops.
    writeTree(s.ws, { 'src/b.ts': 'export const count = 2;\n', 'src/b.test.ts': 'test\n' });
    expect((await cli('run', 'complete', s.runId)).code).toBe(0);
    const c = await cli('commit', '--run-id', s.runId, '--json');
    expect(c.code).toBe(0);
    const branch = c.json.targets[0].branch as string;
    const tree = git(s.ws, ['ls-tree', '-r', '--name-only', `refs/heads/${branch}`], { env: s.env });
    expect(tree.split('\n')).toContain('src/b.test.ts');
    expect(tree).not.toContain('.metawsm');

    // pr is killed right after posting the first reply, before recording it.
    await killAt('pr.reply:done', ['pr', '--run-id', s.runId], { cwd: s.home, env });
    const replies = () => s.github.requests.filter((r) => r.method === 'POST' && /\/replies$/.test(r.route));
    expect(replies()).toHaveLength(1);
    const p = await cli('pr', '--run-id', s.runId, '--json');
    expect(p.code).toBe(0);
    expect(
      replies()
        .map((r) => r.route)
        .sort(),
    ).toEqual(
      [
        `/repos/acme/api/pulls/1/comments/${a.id}/replies`,
        `/repos/acme/api/pulls/1/comments/${b.id}/replies`,
      ].sort(),
    );
    expect(String((replies()[0]!.body as { body: string }).body)).toMatch(/^Addressed in [0-9a-f]{40}\./);
    await cli('pr', '--run-id', s.runId);
    expect(replies()).toHaveLength(2);

    const list = (await cli('review', 'list', '--run-id', s.runId, '--json')).json.items as {
      status: string;
    }[];
    expect(list.map((i) => i.status)).toEqual(['addressed', 'addressed', 'addressed']);
    const st = await cli('status', '--run-id', s.runId, '--json');
    expect(st.json.runs[0].targets[0]).toMatchObject({
      feedback: { addressed: 3, pending: 0, dispatched: 0 },
    });
    expect(st.json.runs[0].targets[0].next).toMatch(/wait for review/);
    for (const out of [d.stdout, c.stdout, p.stdout, st.stdout]) expect(out).not.toContain(CANARY);
  });
});
