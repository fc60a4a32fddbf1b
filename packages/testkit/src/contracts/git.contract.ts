import {
  EMPTY_TREE_OID,
  type CommitSigning,
  isMetawsmError,
  type GitPort,
  type RemoteEndpoint,
  type Signature,
  type Workspace,
} from '@metawsm/core';

/** What a GitPort contract run needs from a backend (fake or real repos + a git server). */
export interface GitHarness {
  git: GitPort;
  endpoint: RemoteEndpoint;
  /** Create a remote whose `main` holds `files`, and a workspace cloned from it (remote `origin`). */
  setup(files: Record<string, string>): Promise<string>;
  writeFiles(ws: string, files: Record<string, string>): Promise<void>;
  deleteFiles(ws: string, paths: string[]): Promise<void>;
  /** A commit by the agent of everything in the working tree, on the current branch. */
  agentCommit(ws: string, message: string): Promise<string>;
  /** A commit on a remote branch (created from main when missing). */
  remoteCommit(branch: string, files: Record<string, string>): Promise<string>;
  /** A signing setup that works for workspaces of this harness (a throwaway key). */
  signing: CommitSigning;
  /** Make the signer fail from now on (e.g. delete the key). */
  breakSigner(): Promise<void>;
  cleanup(): Promise<void>;
}

const sig: Signature = {
  name: 'Contract',
  email: 'contract@example.com',
  timestamp: 1_700_000_000,
  timezoneOffset: 60,
};
const dec = new TextDecoder();

async function fileTexts(
  git: GitPort,
  ws: Workspace,
  tree: string,
  paths: string[],
): Promise<Record<string, string | null>> {
  const all = await git.diffTrees(ws, EMPTY_TREE_OID, tree);
  const out: Record<string, string | null> = {};
  for (const p of paths) {
    const c = all.find((x) => x.path === p);
    out[p] = c?.newOid ? dec.decode(await git.readBlob(ws, c.newOid)) : null;
  }
  return out;
}

/** The GitPort contract: behaviour every implementation (FakeGit, IsomorphicGitAdapter, NativeGitAdapter) must share. */
export function describeGitContract(name: string, makeHarness: () => Promise<GitHarness>): void {
  describe(`GitPort contract: ${name}`, () => {
    let h: GitHarness;
    let wsPath: string;
    let ws: Workspace;
    beforeEach(async () => {
      h = await makeHarness();
      wsPath = await h.setup({ 'README.md': 'hello\n', 'src/a.txt': 'one\ntwo\nthree\n' });
      ws = await h.git.openWorkspace(wsPath);
    });
    afterEach(() => h.cleanup());

    it('opens a workspace with its HEAD and reads the remote URL', async () => {
      expect(['native', 'js']).toContain((await h.git.engine()).name);
      expect(ws.headRef).toBe('refs/heads/main');
      expect(ws.headSha).toMatch(/^[0-9a-f]{40}$/);
      expect(await h.git.remoteUrl(ws, 'origin')).toBe(h.endpoint.url);
      expect(await h.git.remoteUrl(ws, 'nope')).toBeNull();
      const err = await h.git.openWorkspace(`${wsPath}-missing`).catch((e: unknown) => e);
      expect(isMetawsmError(err, 'PATH_NOT_FOUND') || isMetawsmError(err, 'NOT_A_GIT_REPO')).toBe(true);
    });

    it('fetches branch tips, null for a missing branch, and records remote-tracking refs', async () => {
      const moved = await h.remoteCommit('main', { 'base.txt': 'b\n' });
      const tips = await h.git.fetch(ws, {
        remote: 'origin',
        endpoint: h.endpoint,
        branches: ['main', 'no-such-branch'],
      });
      expect(tips).toEqual({ main: moved, 'no-such-branch': null });
      expect(await h.git.readRef(ws, 'refs/remotes/origin/main')).toBe(moved);
      expect(await h.git.listRemoteBranches(ws, { endpoint: h.endpoint, branches: ['main', 'x'] })).toEqual({
        main: moved,
        x: null,
      });
    });

    it('snapshots the full workspace state without .metawsm/, as a commit on HEAD', async () => {
      await h.writeFiles(wsPath, {
        'src/a.txt': 'one\nTWO\nthree\n',
        'new/dir/file.txt': 'new\n',
        '.metawsm/review-feedback.md': 'x\n',
      });
      await h.deleteFiles(wsPath, ['README.md']);
      const snap = await h.git.snapshot(ws, {
        ref: 'refs/metawsm/snapshots/r/t/api',
        message: 'snap\n',
        author: sig,
        committer: sig,
      });
      expect(snap.head).toBe(ws.headSha);
      expect((await h.git.readCommit(ws, snap.commit)).parents).toEqual([ws.headSha]);
      expect(await h.git.readRef(ws, 'refs/metawsm/snapshots/r/t/api')).toBe(snap.commit);
      expect(await h.git.workspaceTree(ws)).toBe(snap.tree);
      const head = await h.git.readCommit(ws, ws.headSha!);
      const changes = await h.git.diffTrees(ws, head.tree, snap.tree);
      expect(changes.map((c) => `${c.status} ${c.path}`)).toEqual([
        'deleted README.md',
        'added new/dir/file.txt',
        'modified src/a.txt',
      ]);
      expect(await fileTexts(h.git, ws, snap.tree, ['src/a.txt', 'new/dir/file.txt'])).toEqual({
        'src/a.txt': 'one\nTWO\nthree\n',
        'new/dir/file.txt': 'new\n',
      });
      const again = await h.git.snapshot(ws, { ref: null, message: 'snap\n', author: sig, committer: sig });
      expect(again.tree).toBe(snap.tree);
    });

    it('merges trees cleanly when both sides changed different lines', async () => {
      const head = await h.git.readCommit(ws, ws.headSha!);
      const baseTip = await h.remoteCommit('main', { 'src/a.txt': 'ONE\ntwo\nthree\n' });
      await h.git.fetch(ws, { remote: 'origin', endpoint: h.endpoint, branches: ['main'] });
      await h.writeFiles(wsPath, { 'src/a.txt': 'one\ntwo\nTHREE\n' });
      const snap = await h.git.snapshot(ws, { ref: null, message: 's', author: sig, committer: sig });
      const ours = (await h.git.readCommit(ws, baseTip)).tree;
      const merged = await h.git.mergeTrees(ws, { base: head.tree, ours, theirs: snap.tree });
      expect(merged.clean).toBe(true);
      if (merged.clean)
        expect(await fileTexts(h.git, ws, merged.tree, ['src/a.txt'])).toEqual({
          'src/a.txt': 'ONE\ntwo\nTHREE\n',
        });
    });

    it('reports conflicts by path and kind', async () => {
      const head = await h.git.readCommit(ws, ws.headSha!);
      const baseTip = await h.remoteCommit('main', { 'src/a.txt': 'base\n', 'README.md': 'base readme\n' });
      await h.git.fetch(ws, { remote: 'origin', endpoint: h.endpoint, branches: ['main'] });
      await h.writeFiles(wsPath, { 'src/a.txt': 'agent\n' });
      await h.deleteFiles(wsPath, ['README.md']);
      const snap = await h.git.snapshot(ws, { ref: null, message: 's', author: sig, committer: sig });
      const merged = await h.git.mergeTrees(ws, {
        base: head.tree,
        ours: (await h.git.readCommit(ws, baseTip)).tree,
        theirs: snap.tree,
      });
      expect(merged).toEqual({
        clean: false,
        conflicts: [
          { path: 'README.md', kind: 'modify_delete' },
          { path: 'src/a.txt', kind: 'content' },
        ],
      });
    });

    it('merges commits: the merge base comes from history, so agent commits are part of the change', async () => {
      await h.writeFiles(wsPath, { 'src/a.txt': 'one\ntwo\nTHREE\n' });
      await h.agentCommit(wsPath, 'agent edits line 3');
      await h.writeFiles(wsPath, { 'README.md': 'hello agent\n' });
      const baseTip = await h.remoteCommit('main', { 'src/a.txt': 'ONE\ntwo\nthree\n' });
      await h.git.fetch(ws, { remote: 'origin', endpoint: h.endpoint, branches: ['main'] });
      const opened = await h.git.openWorkspace(wsPath);
      const snap = await h.git.snapshot(opened, { ref: null, message: 's', author: sig, committer: sig });
      const merged = await h.git.mergeCommits(opened, { ours: baseTip, theirs: snap.commit });
      expect(merged.clean).toBe(true);
      if (merged.clean)
        expect(await fileTexts(h.git, opened, merged.tree, ['src/a.txt', 'README.md'])).toEqual({
          'src/a.txt': 'ONE\ntwo\nTHREE\n',
          'README.md': 'hello agent\n',
        });
      await h.writeFiles(wsPath, { 'src/a.txt': 'agent\n' });
      const moved = await h.remoteCommit('main', { 'src/a.txt': 'base\n' });
      await h.git.fetch(ws, { remote: 'origin', endpoint: h.endpoint, branches: ['main'] });
      const snap2 = await h.git.snapshot(opened, { ref: null, message: 's', author: sig, committer: sig });
      expect(await h.git.mergeCommits(opened, { ours: moved, theirs: snap2.commit })).toEqual({
        clean: false,
        conflicts: [{ path: 'src/a.txt', kind: 'content' }],
      });
    });

    it('merges unrelated histories against the empty tree', async () => {
      await h.writeFiles(wsPath, { 'p.txt': 'p\n' });
      const snap = await h.git.snapshot(ws, { ref: null, message: 's', author: sig, committer: sig });
      const orphan = await h.git.writeCommit(ws, {
        tree: snap.tree,
        parents: [],
        message: 'orphan',
        author: sig,
        committer: sig,
      });
      const merged = await h.git.mergeCommits(ws, { ours: ws.headSha!, theirs: orphan });
      expect(merged.clean).toBe(true);
      if (merged.clean) expect(merged.tree).toBe(snap.tree);
    });

    it('writes and reads commits exactly; ancestry and merge base', async () => {
      const head = await h.git.readCommit(ws, ws.headSha!);
      const c1 = await h.git.writeCommit(ws, {
        tree: head.tree,
        parents: [ws.headSha!],
        message: 'subject\n\nbody line\n',
        author: sig,
        committer: sig,
      });
      const c2 = await h.git.writeCommit(ws, {
        tree: head.tree,
        parents: [c1],
        message: 'second',
        author: sig,
        committer: sig,
      });
      const read = await h.git.readCommit(ws, c1);
      expect(read).toMatchObject({
        oid: c1,
        tree: head.tree,
        parents: [ws.headSha],
        message: 'subject\n\nbody line\n',
        author: sig,
        committer: sig,
      });
      expect(await h.git.isAncestor(ws, ws.headSha!, c2)).toBe(true);
      expect(await h.git.isAncestor(ws, c2, ws.headSha!)).toBe(false);
      expect(await h.git.isAncestor(ws, c2, c2)).toBe(true);
      const side = await h.git.writeCommit(ws, {
        tree: head.tree,
        parents: [c1],
        message: 'side',
        author: sig,
        committer: sig,
      });
      expect(await h.git.mergeBase(ws, c2, side)).toBe(c1);
      expect(
        (await h.git.listCommits(ws, { tip: c2, exclude: [ws.headSha!], limit: 10 })).map((c) => c.oid),
      ).toEqual([c2, c1]);
    });

    it('updates refs by compare-and-swap', async () => {
      const ref = 'refs/heads/t-1/api/run-1';
      await h.git.updateRef(ws, { ref, newOid: ws.headSha!, expectedOld: null });
      expect(await h.git.readRef(ws, ref)).toBe(ws.headSha);
      await expect(
        h.git.updateRef(ws, { ref, newOid: ws.headSha!, expectedOld: null }),
      ).rejects.toMatchObject({ code: 'REF_CHANGED' });
      const head = await h.git.readCommit(ws, ws.headSha!);
      const c = await h.git.writeCommit(ws, {
        tree: head.tree,
        parents: [ws.headSha!],
        message: 'x',
        author: sig,
        committer: sig,
      });
      await expect(h.git.updateRef(ws, { ref, newOid: c, expectedOld: c })).rejects.toMatchObject({
        code: 'REF_CHANGED',
      });
      await h.git.updateRef(ws, { ref, newOid: c, expectedOld: ws.headSha });
      expect(await h.git.readRef(ws, ref)).toBe(c);
    });

    it('pushes under a lease: new branch, fast-forward, wrong lease refused, already-there succeeds', async () => {
      await h.writeFiles(wsPath, { 'p.txt': 'p\n' });
      const snap = await h.git.snapshot(ws, { ref: null, message: 's', author: sig, committer: sig });
      const c1 = await h.git.writeCommit(ws, {
        tree: snap.tree,
        parents: [ws.headSha!],
        message: 'c1',
        author: sig,
        committer: sig,
      });
      await h.git.push(ws, { endpoint: h.endpoint, oid: c1, branch: 'feature/x', lease: null });
      expect(await h.git.listRemoteBranches(ws, { endpoint: h.endpoint, branches: ['feature/x'] })).toEqual({
        'feature/x': c1,
      });
      const c2 = await h.git.writeCommit(ws, {
        tree: snap.tree,
        parents: [c1],
        message: 'c2',
        author: sig,
        committer: sig,
      });
      await expect(
        h.git.push(ws, { endpoint: h.endpoint, oid: c2, branch: 'feature/x', lease: null }),
      ).rejects.toMatchObject({ code: 'REF_CHANGED' });
      await expect(
        h.git.push(ws, { endpoint: h.endpoint, oid: c2, branch: 'feature/x', lease: ws.headSha }),
      ).rejects.toMatchObject({ code: 'REF_CHANGED' });
      await h.git.push(ws, { endpoint: h.endpoint, oid: c2, branch: 'feature/x', lease: c1 });
      const again = await h.git.push(ws, { endpoint: h.endpoint, oid: c2, branch: 'feature/x', lease: c1 });
      expect(again.packBytes).toBe(0);
      expect(await h.git.listRemoteBranches(ws, { endpoint: h.endpoint, branches: ['feature/x'] })).toEqual({
        'feature/x': c2,
      });
    });

    it('reads signing config (nothing configured here) and signs only when asked', async () => {
      expect(await h.git.signingConfig(ws)).toMatchObject({ gpgSign: false, key: null });
      const fields = {
        tree: (await h.git.readCommit(ws, ws.headSha!)).tree,
        parents: [ws.headSha!],
        message: 'm\n',
        author: sig,
        committer: sig,
      };
      const plain = await h.git.writeCommit(ws, { ...fields, sign: null });
      const signed = await h.git.writeCommit(ws, { ...fields, sign: h.signing });
      expect(signed).not.toBe(plain);
      const [p, s] = [await h.git.readCommit(ws, plain), await h.git.readCommit(ws, signed)];
      expect(p.signature).toBeUndefined();
      expect(s.signature).toBe(h.signing.format);
      expect({ tree: s.tree, parents: s.parents, message: s.message }).toEqual({
        tree: p.tree,
        parents: p.parents,
        message: p.message,
      });
      expect(await h.git.probeSigning(ws, h.signing)).toMatchObject({ usable: true, remedy: null });
    });

    it('a failing signer is SIGNING_FAILED and its probe says why', async () => {
      await h.breakSigner();
      const fields = {
        tree: (await h.git.readCommit(ws, ws.headSha!)).tree,
        parents: [ws.headSha!],
        message: 'm\n',
        author: sig,
        committer: sig,
      };
      await expect(h.git.writeCommit(ws, { ...fields, sign: h.signing })).rejects.toMatchObject({
        code: 'SIGNING_FAILED',
      });
      const probe = await h.git.probeSigning(ws, h.signing);
      expect(probe.usable).toBe(false);
      expect(probe.remedy).toEqual(expect.any(String));
    });

    it('switchBranch refuses when the workspace changed since the snapshot, touching nothing', async () => {
      await h.writeFiles(wsPath, { 'a.txt': 'a\n' });
      const snap = await h.git.snapshot(ws, { ref: null, message: 's', author: sig, committer: sig });
      const c = await h.git.writeCommit(ws, {
        tree: snap.tree,
        parents: [ws.headSha!],
        message: 'c',
        author: sig,
        committer: sig,
      });
      await h.git.updateRef(ws, { ref: 'refs/heads/pr', newOid: c, expectedOld: null });
      await h.writeFiles(wsPath, { 'late.txt': 'late\n' });
      await expect(h.git.switchBranch(ws, { branch: 'pr', expectTree: snap.tree })).rejects.toMatchObject({
        code: 'WORKSPACE_CHANGED',
      });
      expect((await h.git.openWorkspace(wsPath)).headRef).toBe('refs/heads/main');
      await h.deleteFiles(wsPath, ['late.txt']);
      await h.git.switchBranch(ws, { branch: 'pr', expectTree: snap.tree });
      const after = await h.git.openWorkspace(wsPath);
      expect(after).toMatchObject({ headRef: 'refs/heads/pr', headSha: c });
      expect(await h.git.workspaceTree(after)).toBe(snap.tree);
    });
  });
}
