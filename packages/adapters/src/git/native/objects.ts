import {
  EMPTY_TREE_OID,
  MetawsmError,
  type CommitInfo,
  type CommitSigning,
  type Oid,
  type Signature,
  type Workspace,
} from '@metawsm/core';
import type { ObjectData } from './cat-file.js';
import type { NativeContext } from './context.js';
import { runSigner, signerEnvironment } from '../signing/signer-process.js';
import { probeSigning } from '../signing/probe-signing.js';
import { signingFailed } from '../signing/signing-failure.js';
import { childEnv, configEnv, GLOBAL_ARGS } from './git-env.js';
import { assertOid, parseCommit, parseTree, signatureEnv, type TreeEntry } from './object-text.js';

/** The fields of a commit metawsm writes. */
export interface CommitFields {
  tree: Oid;
  parents: readonly Oid[];
  message: string;
  author: Signature;
  committer: Signature;
  /** Sign with this (git's own signing); null or absent: never signed. */
  sign?: CommitSigning | null | undefined;
}

/** Read an object that must exist and have `type`; GIT_FAILED otherwise. */
export async function readTyped(
  ctx: NativeContext,
  ws: Workspace,
  oid: Oid,
  type: string,
): Promise<ObjectData> {
  assertOid(oid, 'oid');
  const obj = await ctx.objects(ws).contents(oid);
  if (obj === null)
    throw new MetawsmError('GIT_FAILED', `object ${oid} is missing from the repository`, {
      hint: 'Fetch again, or run `git fsck` in the workspace.',
      data: { oid },
    });
  if (obj.type !== type)
    throw new MetawsmError('GIT_FAILED', `object ${oid} is a ${obj.type}, expected a ${type}`, {
      data: { oid },
    });
  return obj;
}

/** Read and parse a commit. */
export async function readCommit(ctx: NativeContext, ws: Workspace, oid: Oid): Promise<CommitInfo> {
  return parseCommit(oid, (await readTyped(ctx, ws, oid, 'commit')).data);
}

/** The entries of a tree (the empty tree needs no object). */
export async function readTree(ctx: NativeContext, ws: Workspace, oid: Oid): Promise<TreeEntry[]> {
  if (oid === EMPTY_TREE_OID) return [];
  return parseTree((await readTyped(ctx, ws, oid, 'tree')).data);
}

/**
 * Write a commit with `git commit-tree` (which checks that the tree and the parents exist). The
 * message goes in on stdin and is stored exactly; signatures come from the environment. Unsigned
 * commits get `--no-gpg-sign`, whatever `commit.gpgSign` says (snapshot commits must not be signed).
 */
export async function writeCommit(ctx: NativeContext, ws: Workspace, c: CommitFields): Promise<Oid> {
  assertOid(c.tree, 'tree');
  c.parents.forEach((p) => assertOid(p, 'parent'));
  // git treats the empty tree as always present, fsck does not: make it a real object.
  if (c.tree === EMPTY_TREE_OID)
    await ctx.runner.run({ cwd: ws.path, args: ['hash-object', '-t', 'tree', '-w', '--stdin'] });
  if (c.sign) return writeSignedCommit(ctx, ws, { ...c, sign: c.sign });
  const r = await ctx.runner.run({
    cwd: ws.path,
    args: ['commit-tree', '--no-gpg-sign', c.tree, ...parentArgs(c.parents)],
    input: c.message,
    env: signatureEnv(c.author, c.committer),
  });
  return r.stdout.toString('utf8').trim();
}

/** The decided format and program, as config git reads after every file (so it signs exactly as decided). */
function signerConfig(sign: CommitSigning): [string, string][] {
  const program: [string, string][] =
    sign.program === null
      ? []
      : [[sign.format === 'openpgp' ? 'gpg.program' : `gpg.${sign.format}.program`, sign.program]];
  return [['gpg.format', sign.format], ...program];
}

function parentArgs(parents: readonly Oid[]): string[] {
  return parents.flatMap((p) => ['-p', p]);
}

/**
 * `git commit-tree -S<key>`: git's own signing (gpg.format, gpg.program, gpg.ssh.program...). git
 * runs in a new session with the signer's environment (no GitHub token, nothing to prompt with),
 * so a locked key fails instead of waiting; the objects are checked first, so any failure of this
 * call is the signer's (SIGNING_FAILED).
 */
async function writeSignedCommit(
  ctx: NativeContext,
  ws: Workspace,
  c: CommitFields & { sign: CommitSigning },
): Promise<Oid> {
  if (c.tree !== EMPTY_TREE_OID) await readTyped(ctx, ws, c.tree, 'tree');
  for (const p of c.parents) await readTyped(ctx, ws, p, 'commit');
  const base = signerEnvironment(ctx.runner.env);
  const run = await runSigner({
    program: 'git',
    args: [...GLOBAL_ARGS, 'commit-tree', `-S${c.sign.key}`, c.tree, ...parentArgs(c.parents)],
    cwd: ws.path,
    env: childEnv(base, { ...signatureEnv(c.author, c.committer), ...configEnv(base, signerConfig(c.sign)) }),
    input: c.message,
  });
  const oid = run.stdout.toString('utf8').trim();
  if (run.code !== 0 || !/^[0-9a-f]{40}$/.test(oid)) {
    // git keeps gpg's own stderr to itself ("gpg failed to sign the data"): look at the key to say why.
    const probe = await probeSigning(c.sign, { path: ws.path, env: ctx.runner.env });
    throw signingFailed(run, { program: 'git commit-tree -S', signing: c.sign, path: ws.path, probe });
  }
  return oid;
}
