import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ObjectGit } from '../src/git/js/object-git.js';
import { buildThreeWay, gitMergeTree, makeObjectRepo, type ObjectRepo } from './support/object-repo.js';

// git merges files with a merge attribute (merge=union, -merge, binary, a driver) its own way;
// where the workspace sets one, a clean line merge of the js engine is not trusted.

describe('mergeTrees with merge attributes', () => {
  let repo: ObjectRepo;
  beforeEach(() => {
    repo = makeObjectRepo();
  });
  afterEach(() => repo.cleanup());

  const base = 'a\nb\nc\nd\ne\nf\ng\n';
  const merge = async (attr?: string) => {
    const tw = buildThreeWay(
      repo,
      { 'f.txt': base },
      { write: { 'f.txt': base.replace('b', 'B') } },
      { write: { 'f.txt': base.replace('f', 'F') } },
    );
    if (attr) writeFileSync(join(repo.dir, '.gitattributes'), `${attr}\n`);
    return {
      ours: await new ObjectGit().mergeTrees(repo.ws, tw.trees),
      git: gitMergeTree(repo, tw.ours, tw.theirs),
    };
  };

  it('merges line-wise without them, as git does', async () => {
    const r = await merge();
    expect(r.ours).toEqual({ clean: true, tree: r.git.clean ? r.git.tree : '' });
  });

  it.each(['*.txt merge=union', '*.txt -merge', '*.txt binary'])(
    'conflicts on a both-sides change under "%s"',
    async (attr) => {
      expect(await merge(attr)).toMatchObject({
        ours: { clean: false, conflicts: [{ path: 'f.txt', kind: 'content' }] },
      });
    },
  );
});
