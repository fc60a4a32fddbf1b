import { MetawsmError, type Oid, type Signature } from '@metawsm/core';

/** One entry of a tree object. */
export interface TreeEntry {
  mode: string;
  name: string;
  oid: Oid;
}

const OID_RE = /^[0-9a-f]{40}$/;

/** Throw INVALID_INPUT unless `oid` is a 40-hex object id (nothing else ever reaches git's argv as an id). */
export function assertOid(oid: string, what: string): void {
  if (!OID_RE.test(oid))
    throw new MetawsmError('INVALID_INPUT', `${what} is not a 40-hex object id`, {
      hint: 'Pass a full object id.',
      data: { [what]: oid },
    });
}

import { assertCommitSignature, formatZone } from '../shared/commit-text.js';

export { parseCommit } from '../shared/commit-text.js';

/** Parse a (SHA-1) tree object: `<mode> <name>\0<20-byte id>` entries. */
export function parseTree(data: Buffer): TreeEntry[] {
  const out: TreeEntry[] = [];
  let i = 0;
  while (i < data.length) {
    const sp = data.indexOf(0x20, i);
    const nul = data.indexOf(0, sp + 1);
    if (sp < 0 || nul < 0 || nul + 21 > data.length)
      throw new MetawsmError('GIT_FAILED', 'a tree object is malformed', { hint: 'Run `git fsck`.' });
    const mode = data.toString('latin1', i, sp);
    out.push({
      mode: mode.padStart(6, '0'),
      name: data.toString('utf8', sp + 1, nul),
      oid: data.toString('hex', nul + 1, nul + 21),
    });
    i = nul + 21;
  }
  return out;
}

/**
 * The environment that makes `git commit-tree` record exactly these signatures (it reads them
 * from `GIT_AUTHOR_*` / `GIT_COMMITTER_*`; the raw `@<seconds> <zone>` date keeps the zone).
 */
export function signatureEnv(author: Signature, committer: Signature): Record<string, string> {
  assertCommitSignature(author, 'author');
  assertCommitSignature(committer, 'committer');
  return {
    GIT_AUTHOR_NAME: author.name,
    GIT_AUTHOR_EMAIL: author.email,
    GIT_AUTHOR_DATE: `@${author.timestamp} ${formatZone(author.timezoneOffset)}`,
    GIT_COMMITTER_NAME: committer.name,
    GIT_COMMITTER_EMAIL: committer.email,
    GIT_COMMITTER_DATE: `@${committer.timestamp} ${formatZone(committer.timezoneOffset)}`,
  };
}

/** Parse `git ls-tree -z` output: `<mode> <type> <oid>\t<name>\0` records. */
export function parseLsTree(stdout: Buffer): TreeEntry[] {
  const out: TreeEntry[] = [];
  for (const rec of stdout.toString('utf8').split('\0')) {
    const m = /^(\d{6}) \w+ ([0-9a-f]{40})\t([\s\S]+)$/.exec(rec);
    if (m) out.push({ mode: m[1]!, oid: m[2]!, name: m[3]! });
  }
  return out;
}

/** `{ signature: format }` for a signed commit (the first line of its `gpgsig` header), `{}` otherwise. */
