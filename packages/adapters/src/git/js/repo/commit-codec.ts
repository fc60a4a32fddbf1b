import { MetawsmError, type CommitSigning, type Oid, type Signature } from '@metawsm/core';
import { assertCommitSignature, formatZone } from '../../shared/commit-text.js';

/** The fields of a commit object that metawsm writes. */
export interface CommitFields {
  tree: Oid;
  parents: readonly Oid[];
  message: string;
  author: Signature;
  committer: Signature;
  /** Sign with this; null or absent: never signed (serialisation ignores it: the payload is what gets signed). */
  sign?: CommitSigning | null | undefined;
}

export { parseCommit } from '../../shared/commit-text.js';

/** Only what a history walk needs: parents and the committer time. */
export function parseCommitHeader(
  oid: Oid,
  content: Uint8Array,
): { parents: Oid[]; tree: Oid; time: number } {
  const buf = Buffer.from(content.buffer, content.byteOffset, content.byteLength);
  const end = buf.indexOf('\n\n');
  const head = buf.toString('latin1', 0, end < 0 ? buf.length : end);
  const parents: Oid[] = [];
  let tree = '';
  let time = 0;
  for (const line of head.split('\n')) {
    if (line.startsWith('parent ')) parents.push(line.slice(7));
    else if (line.startsWith('tree ') && tree === '') tree = line.slice(5);
    else if (line.startsWith('committer ')) time = Number(/ (\d+) [+-]\d{4}$/.exec(line)?.[1] ?? 0);
  }
  if (tree === '') throw new MetawsmError('GIT_FAILED', `commit ${oid} has no tree`, { data: { oid } });
  return { parents, tree, time };
}

function formatSignature(sig: Signature, field: string): string {
  assertCommitSignature(sig, field);
  return `${sig.name} <${sig.email}> ${sig.timestamp} ${formatZone(sig.timezoneOffset)}`;
}

/**
 * Serialise a commit object; the message is written exactly as given. Names or emails with `<`,
 * `>`, a line break or NUL, and times git cannot parse, are refused (INVALID_INPUT) rather than
 * written into a header git would misread.
 */
export function serializeCommit(c: CommitFields): Buffer {
  let head = `tree ${c.tree}\n`;
  for (const p of c.parents) head += `parent ${p}\n`;
  head += `author ${formatSignature(c.author, 'author')}\n`;
  head += `committer ${formatSignature(c.committer, 'committer')}\n`;
  return Buffer.from(`${head}\n${c.message}`, 'utf8');
}

/** `{ signature: format }` for a signed commit (the first line of its `gpgsig` header), `{}` otherwise. */
