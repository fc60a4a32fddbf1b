import { assertValidRefName, MetawsmError, type Signature, type SnapshotRequest } from '@metawsm/core';

/** INVALID_REF unless `ref` is a valid full ref name under `refs/` (both engines check before writing). */
export function assertSnapshotRef(ref: string): void {
  assertValidRefName(ref, 'snapshot ref');
  if (!ref.startsWith('refs/'))
    throw new MetawsmError('INVALID_REF', `snapshot ref "${ref}" must be a full ref name under refs/`, {
      hint: 'Pass a name such as refs/metawsm/snapshots/<run>/<ticket>/<repo>.',
      data: { ref },
    });
}

/**
 * A snapshot's message and signatures the way `git commit-tree` records user input: the message
 * loses trailing whitespace and ends in exactly one newline; names and emails lose `<`, `>` and
 * newlines (git strips the same characters) and surrounding spaces; times are whole seconds and
 * minutes. Both engines write the snapshot commit from this, so their snapshots are identical.
 */
export function cleanSnapshotFields(
  req: Pick<SnapshotRequest, 'message' | 'author' | 'committer'>,
): Pick<SnapshotRequest, 'message' | 'author' | 'committer'> {
  return {
    message: `${req.message.replace(/\s+$/, '')}\n`,
    author: cleanSignature(req.author),
    committer: cleanSignature(req.committer),
  };
}

function cleanSignature(s: Signature): Signature {
  const clean = (v: string) => v.replace(/[<>\n]/g, '').trim();
  return {
    name: clean(s.name),
    email: clean(s.email),
    timestamp: Math.trunc(s.timestamp),
    timezoneOffset: Math.trunc(s.timezoneOffset),
  };
}
