import type { SigningConfig } from '@metawsm/core';
import { parseConfigBool } from '../js/workspace/git-config.js';

/** Config entries in git's reading order (lowest precedence first), keys as `section[.subsection].key`. */
export type FlatConfig = readonly (readonly [key: string, value: string | null])[];

const PROGRAM_KEYS: Record<string, readonly string[]> = {
  // git reads both into one variable: whichever comes last wins.
  openpgp: ['gpg.program', 'gpg.openpgp.program'],
  ssh: ['gpg.ssh.program'],
  x509: ['gpg.x509.program'],
};

function last(entries: FlatConfig, keys: readonly string[]): string | null | undefined {
  let v: string | null | undefined;
  for (const [k, value] of entries) if (keys.includes(k)) v = value;
  return v;
}

/**
 * SPEC 4.1a's inputs from a workspace's effective config: `commit.gpgsign`, `gpg.format`,
 * `user.signingkey` and the format's signer program, the last value winning as in git. A
 * `commit.gpgsign` that is not a boolean counts as false (git itself refuses to commit then).
 */
export function signingConfigOf(entries: FlatConfig): SigningConfig {
  const gpgSign = parseConfigBool(last(entries, ['commit.gpgsign']) ?? 'false') ?? false;
  const format = (last(entries, ['gpg.format']) ?? '').trim() || 'openpgp';
  const key = (last(entries, ['user.signingkey']) ?? '').trim() || null;
  const program = (last(entries, PROGRAM_KEYS[format.toLowerCase()] ?? []) ?? '').trim() || null;
  return { gpgSign, format, key, program };
}
