/** Signature formats git knows (`gpg.format`). */
export const SIGNING_FORMATS = ['openpgp', 'ssh', 'x509'] as const;
/** See {@link SIGNING_FORMATS}. */
export type SigningFormat = (typeof SIGNING_FORMATS)[number];

/** Values of policy `git_pr.sign_commits` (SPEC 4.1a). */
export const SIGN_COMMITS_MODES = ['auto', 'always', 'never'] as const;
/** See {@link SIGN_COMMITS_MODES}. */
export type SignCommitsMode = (typeof SIGN_COMMITS_MODES)[number];

/** What a workspace's git config (repo, then global) says about signing. */
export interface SigningConfig {
  /** `commit.gpgsign` (false when unset). */
  gpgSign: boolean;
  /** `gpg.format` as configured (`openpgp` when unset); may be a value git does not know. */
  format: string;
  /** `user.signingkey`; null when unset or empty. */
  key: string | null;
  /** The signer configured for the format (`gpg.program`, `gpg.ssh.program`, `gpg.x509.program`); null: git's default. */
  program: string | null;
}

/** How to sign one commit: what `GitPort.writeCommit` needs to sign it the way git would. */
export interface CommitSigning {
  format: SigningFormat;
  /** `user.signingkey`: a key id, a key file path, or a `key::` / `ssh-…` literal for ssh. */
  key: string;
  /** The signer program; null: git's default for the format (`gpg`, `ssh-keygen`, `gpgsm`). */
  program: string | null;
}

/** Why signing is required but impossible. */
export type SigningImpossible = 'key_missing' | 'format_unknown';

/** The decision of {@link decideSigning}. */
export type SigningDecision =
  | { kind: 'unsigned'; reason: 'never' | 'not_configured' }
  | { kind: 'sign'; signing: CommitSigning }
  | { kind: 'impossible'; reason: SigningImpossible; format: string };

/**
 * SPEC 4.1a: `always` signs; `auto` signs iff `commit.gpgsign=true`; `never` does not. Signing needs
 * `user.signingkey` for every format: git would fall back to the committer's email for openpgp, but
 * metawsm wants the key that signs promotion commits to be named, not guessed.
 */
export function decideSigning(mode: SignCommitsMode, config: SigningConfig): SigningDecision {
  if (mode === 'never') return { kind: 'unsigned', reason: 'never' };
  if (mode === 'auto' && !config.gpgSign) return { kind: 'unsigned', reason: 'not_configured' };
  const format = config.format.toLowerCase();
  if (!isSigningFormat(format))
    return { kind: 'impossible', reason: 'format_unknown', format: config.format };
  if (config.key === null) return { kind: 'impossible', reason: 'key_missing', format };
  return { kind: 'sign', signing: { format, key: config.key, program: config.program } };
}

/** True for a format git can sign with. */
export function isSigningFormat(value: string): value is SigningFormat {
  return (SIGNING_FORMATS as readonly string[]).includes(value);
}

/** The format of an ASCII-armoured commit signature (the `gpgsig` header), as git tells them apart. */
export function signatureFormatOf(armor: string): SigningFormat | 'unknown' {
  if (armor.startsWith('-----BEGIN PGP SIGNATURE-----')) return 'openpgp';
  if (armor.startsWith('-----BEGIN SSH SIGNATURE-----')) return 'ssh';
  if (armor.startsWith('-----BEGIN SIGNED MESSAGE-----')) return 'x509';
  return 'unknown';
}

/**
 * Insert a `gpgsig` header into an unsigned commit object exactly as git does: after the last
 * header line, every line of the signature after the first prefixed by one space.
 */
export function addSignatureHeader(commit: string, armor: string): string {
  const end = commit.indexOf('\n\n');
  const at = end < 0 ? commit.length : end + 1;
  const lines = armor.endsWith('\n') ? armor.slice(0, -1).split('\n') : armor.split('\n');
  const header = `gpgsig ${lines.join('\n ')}\n`;
  return commit.slice(0, at) + header + commit.slice(at);
}
