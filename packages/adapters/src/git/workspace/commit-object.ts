import type { Signature } from '@metawsm/core';

/** The commit fields a snapshot records. */
export interface CommitFields {
  tree: string;
  parents: readonly string[];
  message: string;
  author: Signature;
  committer: Signature;
}

/**
 * Serialise a commit object the way `git commit-tree` writes it: header lines, a blank line, the
 * message ending in exactly one newline. Names and emails lose `<`, `>` and newlines, which would
 * make the header unparseable (git strips the same characters).
 */
export function serializeCommit(c: CommitFields): Buffer {
  const lines = [
    `tree ${c.tree}`,
    ...c.parents.map((p) => `parent ${p}`),
    `author ${person(c.author)}`,
    `committer ${person(c.committer)}`,
  ];
  return Buffer.from(`${lines.join('\n')}\n\n${c.message.replace(/\s+$/, '')}\n`, 'utf8');
}

function person(s: Signature): string {
  const clean = (v: string) => v.replace(/[<>\n]/g, '').trim();
  return `${clean(s.name)} <${clean(s.email)}> ${Math.trunc(s.timestamp)} ${formatOffset(s.timezoneOffset)}`;
}

/** Minutes east of UTC as git's `+hhmm` / `-hhmm`. */
function formatOffset(minutesEast: number): string {
  const abs = Math.abs(Math.trunc(minutesEast));
  const hhmm = `${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`;
  return `${minutesEast < 0 ? '-' : '+'}${hhmm}`;
}
