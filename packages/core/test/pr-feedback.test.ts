import { Secret, addressedMarker } from '../src/index.js';
import { TOKEN, WS } from './support/world.js';
import { KEY, OWNER, REPO, reviewWorld } from './support/review-world.js';

async function dispatchedThreads(opts: Parameters<typeof reviewWorld>[0] = {}) {
  const w = await reviewWorld(opts);
  const a = w.comment('thread a');
  const b = w.comment('thread b');
  w.comment('reply in b', { inReplyTo: b.id, user: 'acme' });
  const rev = w.review('a review body');
  await w.dispatch();
  // The agent works, the run is completed again, a new commit is promoted.
  w.clock.advance(1000);
  w.git.writeFiles(WS, { 'fix.txt': 'fixed\n' });
  await w.store.updateRun('run-1', { status: 'completed' });
  await w.commit({}, w.policy);
  return { w, a, b, rev };
}

const replies = (w: Awaited<ReturnType<typeof reviewWorld>>) =>
  w.github.calls.filter((c) => c.method === 'replyToReviewComment');

describe('pr closes the loop: addressed and reply_on_address', () => {
  it('pr after a dispatch marks the dispatched items addressed (and journals it), no replies by default', async () => {
    const { w, a, b, rev } = await dispatchedThreads();
    const r = await w.pr({}, w.policy);
    expect(r.targets[0]).toMatchObject({ outcome: 'updated', exitCode: 0 });
    for (const id of [a.id, b.id, rev.id])
      expect(await w.item(id)).toMatchObject({
        status: 'addressed',
        replyState: 'none',
        addressedAt: w.clock.nowIso(),
      });
    expect(replies(w)).toHaveLength(0);
    const [event] = await w.store.listEvents({ runId: 'run-1', type: 'review.addressed' });
    expect((event!.data.items as string[]).sort()).toEqual(
      [`review:${rev.id}`, `review_comment:${a.id}`, `review_comment:${b.id}`].sort(),
    );
  });

  it('items dispatched after the pushed commit was made stay dispatched', async () => {
    const w = await reviewWorld();
    w.git.writeFiles(WS, { 'late.txt': 'x\n' });
    await w.commit({}, w.policy);
    w.clock.advance(1000);
    const c = w.comment('after the commit');
    await w.dispatch();
    await w.store.updateRun('run-1', { status: 'completed' });
    await w.pr({}, w.policy);
    expect(await w.item(c.id)).toMatchObject({ status: 'dispatched' });
  });

  it('reply_on_address: exactly one reply per review thread (none for review bodies), also when pr runs twice', async () => {
    const { w, a, b } = await dispatchedThreads({ rf: { reply_on_address: true } });
    const r = await w.pr({}, w.policy);
    expect(r.targets[0]!.actions).toEqual(['push', 'update', 'reply', 'reply']);
    const sha = (await w.store.getPullRequest(KEY))!.lastPushedSha!;
    expect(
      replies(w)
        .map((c) => c.args[1])
        .sort(),
    ).toEqual([a.id, b.id].sort());
    for (const call of replies(w)) expect(String(call.args[2])).toContain(`Addressed in ${sha}.`);
    for (const id of [a.id, b.id])
      expect(await w.item(id)).toMatchObject({ replyState: 'posted', replyId: expect.any(Number) });
    await w.pr({}, w.policy);
    expect(replies(w)).toHaveLength(2);
  });

  it('reply_on_address: a pr killed after posting a reply finds it by its marker and never replies twice', async () => {
    const { w, a, b } = await dispatchedThreads({ rf: { reply_on_address: true } });
    const put = w.store.putFeedback.bind(w.store);
    let crash = true;
    w.store.putFeedback = (items) => {
      if (crash && items.some((i) => i.replyState === 'posted')) {
        crash = false;
        return Promise.reject(new Error('killed'));
      }
      return put(items);
    };
    const first = await w.pr({}, w.policy);
    expect(first.targets[0]!.outcome).toBe('error');
    expect(replies(w)).toHaveLength(1);
    const [crashedOn] = replies(w).map((c) => c.args[1] as number);
    const owed = (await w.items()).filter((i) => i.replyState === 'owed').map((i) => i.githubId);
    expect(owed.sort()).toEqual([a.id, b.id].sort());
    await w.pr({}, w.policy);
    expect(replies(w)).toHaveLength(2);
    expect(replies(w).filter((c) => c.args[1] === crashedOn)).toHaveLength(1);
    const posted = (await w.item(crashedOn!))!;
    const gh = { apiUrl: 'https://api.github.com', token: new Secret(TOKEN), owner: OWNER, repo: REPO };
    const marked = (await w.github.listReviewComments(gh, 1)).filter((x) =>
      x.body.includes(addressedMarker(posted)),
    );
    expect(marked).toHaveLength(1);
    expect(posted).toMatchObject({ replyState: 'posted', replyId: marked[0]!.id });
  });
});
