import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EMPTY_TREE_OID, MetawsmError, type Oid, type Workspace } from '@metawsm/core';
import type { NativeContext } from './context.js';

/** Fixed identity and time: the helper commits of a tree merge are the same objects every time. */
const HELPER_IDENT = 'metawsm <metawsm@localhost> 0 +0000';

function commitBody(tree: Oid, parents: Oid[], message: string): { oid: Oid; body: Buffer } {
  const text = `tree ${tree}\n${parents.map((p) => `parent ${p}\n`).join('')}author ${HELPER_IDENT}\ncommitter ${HELPER_IDENT}\n\n${message}`;
  const body = Buffer.from(text, 'utf8');
  const oid = createHash('sha1').update(`commit ${body.length}\0`).update(body).digest('hex');
  return { oid, body };
}

/**
 * Write the helper commits of a three-tree merge (base; ours and theirs as its children) with
 * one `git hash-object -t commit -w --stdin-paths`: their ids are computed here (the base's is a
 * parent of the others) and checked against git's. The empty tree, which git treats as present
 * without storing it, is written first when used, so `git fsck` finds every object.
 */
export async function writeHelperCommits(
  ctx: NativeContext,
  ws: Workspace,
  trees: { base: Oid; ours: Oid; theirs: Oid },
): Promise<{ base: Oid; ours: Oid; theirs: Oid }> {
  if (Object.values(trees).includes(EMPTY_TREE_OID))
    await ctx.runner.run({ cwd: ws.path, args: ['hash-object', '-t', 'tree', '-w', '--stdin'] });
  const base = commitBody(trees.base, [], 'metawsm merge base\n');
  const ours = commitBody(trees.ours, [base.oid], 'metawsm merge: ours\n');
  const theirs = commitBody(trees.theirs, [base.oid], 'metawsm merge: theirs\n');
  const dir = await mkdtemp(join(tmpdir(), 'metawsm-merge-'));
  try {
    const files = [base, ours, theirs].map((c, i) => ({ ...c, file: join(dir, `c${i}`) }));
    await Promise.all(files.map((f) => writeFile(f.file, f.body)));
    const r = await ctx.runner.run({
      cwd: ws.path,
      args: ['hash-object', '-t', 'commit', '-w', '--no-filters', '--stdin-paths'],
      input: files.map((f) => `${f.file}\n`).join(''),
    });
    const written = r.stdout.toString('utf8').trim().split('\n');
    if (written.join() !== files.map((f) => f.oid).join())
      throw new MetawsmError('GIT_FAILED', 'git stored the helper commits of a tree merge under other ids', {
        hint: 'Check `git --version` and the repository (`git fsck`).',
        data: { expected: files.map((f) => f.oid), written },
      });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return { base: base.oid, ours: ours.oid, theirs: theirs.oid };
}
