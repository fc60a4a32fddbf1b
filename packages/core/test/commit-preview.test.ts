import { WS, world } from './support/world.js';

const key = { runId: 'run-1', ticket: 'T-1', repo: 'api' };

async function refsOf(w: Awaited<ReturnType<typeof world>>) {
  const ws = await w.git.openWorkspace(WS);
  return {
    branch: await w.git.readRef(ws, 'refs/heads/t-1/api/run-1'),
    snapshot: await w.git.readRef(ws, 'refs/metawsm/snapshots/run-1/T-1/api'),
  };
}

describe('commit --dry-run writes nothing (SPEC 4.2; issue 10 item 5)', () => {
  it('journals no event rows, writes no record, moves no ref', async () => {
    const w = await world();
    w.git.writeFiles(WS, { 'a.txt': 'a\n' });
    const eventsBefore = await w.store.listEvents();

    const r = await w.commit({ dryRun: true });

    expect(r.targets[0]).toMatchObject({ outcome: 'committed', dryRun: true });
    expect(await w.store.listEvents()).toEqual(eventsBefore);
    expect(await w.store.getPullRequest(key)).toBeNull();
    expect(await refsOf(w)).toEqual({ branch: null, snapshot: null });
  });

  it('writes nothing either when the preview ends in failed checks or after a real commit', async () => {
    const w = await world();
    w.git.writeFiles(WS, { 'a.txt': 'a\n' });
    await w.commit();
    const recordBefore = await w.store.getPullRequest(key);
    const refsBefore = await refsOf(w);
    const eventsBefore = await w.store.listEvents();
    w.git.writeFiles(WS, { 'secret.pem': 'key\n' });

    const r = await w.commit({ dryRun: true });

    expect(r.targets[0]).toMatchObject({ outcome: 'checks_failed', exitCode: 6 });
    expect(await w.store.listEvents()).toEqual(eventsBefore);
    expect(await w.store.getPullRequest(key)).toEqual(recordBefore);
    expect(await refsOf(w)).toEqual(refsBefore);
  });
});

describe('commit --dry-run on a running run (SPEC §2; issue 10 item 18)', () => {
  it('is allowed with a warning; a real commit still needs --allow-running', async () => {
    const w = await world({ run: { status: 'running' } });
    w.git.writeFiles(WS, { 'a.txt': 'a\n' });

    const preview = await w.commit({ dryRun: true });

    expect(preview.exitCode).toBe(0);
    expect(preview.targets[0]).toMatchObject({ outcome: 'committed', dryRun: true });
    expect(preview.warnings).toHaveLength(1);
    await expect(w.commit()).rejects.toMatchObject({ code: 'RUN_NOT_COMPLETED' });
  });

  it('a closed run is still refused, even for a preview', async () => {
    const w = await world({ run: { status: 'closed' } });
    await expect(w.commit({ dryRun: true })).rejects.toMatchObject({ code: 'RUN_CLOSED' });
  });
});
