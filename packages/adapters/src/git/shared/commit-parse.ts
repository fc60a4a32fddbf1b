import { MetawsmError, signatureFormatOf, type CommitInfo, type Oid, type Signature } from '@metawsm/core';

// One reading of a commit object for both git engines: what each engine writes is checked by the
// other's reader in the contract suite, so they must never parse differently.

const SIG_RE = /^(.*) <(.*)> (\d+) ([+-])(\d{2})(\d{2})$/;

function parseSignature(raw: string | undefined, oid: Oid, field: string): Signature {
  const m = raw === undefined ? null : SIG_RE.exec(raw);
  if (!m)
    throw new MetawsmError('GIT_FAILED', `commit ${oid} has a malformed ${field} line`, {
      hint: 'Run `git fsck` in the repository.',
      data: { oid },
    });
  const minutes = Number(m[5]) * 60 + Number(m[6]);
  return {
    name: m[1]!,
    email: m[2]!,
    timestamp: Number(m[3]),
    timezoneOffset: m[4] === '-' ? -minutes : minutes,
  };
}

/**
 * Parse a commit object: headers up to the first blank line (continuation lines of gpgsig or
 * mergetag skipped), then the message exactly as stored, decoded as UTF-8.
 */
export function parseCommit(oid: Oid, data: Uint8Array): CommitInfo {
  const text = Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('utf8');
  const split = text.indexOf('\n\n');
  const head = split < 0 ? text : text.slice(0, split);
  const message = split < 0 ? '' : text.slice(split + 2);
  let tree: string | undefined;
  const parents: Oid[] = [];
  const fields = new Map<string, string>();
  for (const line of head.split('\n')) {
    if (line.startsWith(' ')) continue;
    const sp = line.indexOf(' ');
    const key = sp < 0 ? line : line.slice(0, sp);
    const value = sp < 0 ? '' : line.slice(sp + 1);
    if (key === 'tree' && tree === undefined) tree = value;
    else if (key === 'parent') parents.push(value);
    else if (!fields.has(key)) fields.set(key, value);
  }
  if (tree === undefined)
    throw new MetawsmError('GIT_FAILED', `commit ${oid} has no tree`, {
      hint: 'Run `git fsck`.',
      data: { oid },
    });
  return {
    oid,
    tree,
    parents,
    message,
    author: parseSignature(fields.get('author'), oid, 'author'),
    committer: parseSignature(fields.get('committer'), oid, 'committer'),
    ...signatureField(fields.get('gpgsig') ?? fields.get('gpgsig-sha256')),
  };
}

function signatureField(gpgsig: string | undefined): Pick<CommitInfo, 'signature'> {
  return gpgsig === undefined ? {} : { signature: signatureFormatOf(gpgsig) };
}
