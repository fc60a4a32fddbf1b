import type { Identity, SigningConfig } from '@metawsm/core';
import { signingConfigOf } from '../../signing/signing-config.js';
import type { GitDirs } from '../repo/refs.js';
import { loadGitConfig, type GitEnv } from './config-files.js';
import type { GitConfig } from './git-config.js';

/** `remote.<name>.url`, rewritten by the longest matching `url.<base>.insteadOf` as git does; null when unset. */
export async function readRemoteUrl(dirs: GitDirs, remote: string, env: GitEnv): Promise<string | null> {
  const config = await loadGitConfig(dirs, env);
  const url = config.getString('remote', remote, 'url');
  return url === null ? null : applyInsteadOf(config, url);
}

/** `user.name` and `user.email` (repository config over global); null when either is missing or empty. */
export async function readIdentity(dirs: GitDirs, env: GitEnv): Promise<Identity | null> {
  const config = await loadGitConfig(dirs, env);
  const name = config.getString('user', null, 'name')?.trim();
  const email = config.getString('user', null, 'email')?.trim();
  return name && email ? { name, email } : null;
}

/** Signing settings (SPEC 4.1a), read from the same files in the same order as the identity. */
export async function readSigningConfig(dirs: GitDirs, env: GitEnv): Promise<SigningConfig> {
  const config = await loadGitConfig(dirs, env);
  const flat = config.files.flatMap((f) =>
    f.entries.map(
      (e) => [`${e.section}${e.subsection === null ? '' : `.${e.subsection}`}.${e.key}`, e.value] as const,
    ),
  );
  return signingConfigOf(flat);
}

function applyInsteadOf(config: GitConfig, url: string): string {
  let best: { prefix: string; base: string } | null = null;
  for (const file of config.files) {
    for (const e of file.entries) {
      if (e.section !== 'url' || e.key !== 'insteadof' || e.subsection === null || !e.value) continue;
      if (url.startsWith(e.value) && (!best || e.value.length > best.prefix.length))
        best = { prefix: e.value, base: e.subsection };
    }
  }
  return best ? best.base + url.slice(best.prefix.length) : url;
}
