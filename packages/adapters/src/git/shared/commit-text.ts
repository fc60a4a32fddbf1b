import { MetawsmError, signatureFormatOf, type CommitInfo, type Oid, type Signature } from '@metawsm/core';

// Commit object text shared by both git engines (what each writes is read back by the other in the
// contract suite): one parser, one rule for the signature lines.

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

/** `+hhmm` / `-hhmm` for an offset in minutes east of UTC. */
export function formatZone(offset: number): string {
  const abs = Math.abs(offset);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${offset < 0 ? '-' : '+'}${hh}${mm}`;
}

/** INVALID_INPUT for a name or email git would misread in a header, or a time it cannot parse. */
export function assertCommitSignature(sig: Signature, field: string): void {
  if (/[<>\n\0]/.test(sig.name) || /[<>\n\0]/.test(sig.email))
    throw new MetawsmError(
      'INVALID_INPUT',
      `the commit ${field} name or email contains <, > or a line break`,
      {
        hint: 'Fix user.name / user.email (or git_pr.author in the policy).',
        data: { field },
      },
    );
  if (
    !Number.isSafeInteger(sig.timestamp) ||
    sig.timestamp < 0 ||
    !Number.isInteger(sig.timezoneOffset) ||
    Math.abs(sig.timezoneOffset) >= 100 * 60
  )
    throw new MetawsmError('INVALID_INPUT', `the commit ${field} time is invalid`, {
      hint: 'Pass whole seconds since the epoch and an offset under 100 hours.',
      data: { field },
    });
}
