import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ConfigSyntaxError, parseGitConfig } from './config-parser.js';
import { errnoCode, gitFailed } from '../repo/errors.js';
import type { GitDirs } from '../repo/refs.js';
import { GitConfig, parseConfigBool, type ConfigFile } from './git-config.js';

/** The environment variables the config lookup honours (normally `process.env`). */
export type GitEnv = Readonly<Record<string, string | undefined>>;

/**
 * Read the config git would see in this repository: system (unless `GIT_CONFIG_NOSYSTEM`;
 * `GIT_CONFIG_SYSTEM` overrides the path), global (`GIT_CONFIG_GLOBAL`, else the XDG file and
 * then `~/.gitconfig`), the repository's `config`, and `config.worktree` when
 * `extensions.worktreeConfig` is on. `[include]` and `[includeIf]` are not followed.
 */
export async function loadGitConfig(dirs: GitDirs, env: GitEnv): Promise<GitConfig> {
  const files: ConfigFile[] = [];
  for (const path of [...systemConfigPaths(env), ...globalConfigPaths(env), join(dirs.commonDir, 'config')]) {
    const file = await readConfigFile(path);
    if (file) files.push(file);
  }
  if (new GitConfig(files).getBool('extensions', null, 'worktreeConfig', false)) {
    const file = await readConfigFile(join(dirs.gitDir, 'config.worktree'));
    if (file) files.push(file);
  }
  return new GitConfig(files);
}

/** Read only the repository's own config file (no global or system config). */
export async function loadRepoConfig(commonDir: string): Promise<GitConfig> {
  const file = await readConfigFile(join(commonDir, 'config'));
  return new GitConfig(file ? [file] : []);
}

function systemConfigPaths(env: GitEnv): string[] {
  if (parseConfigBool(env['GIT_CONFIG_NOSYSTEM'] ?? 'false')) return [];
  return [env['GIT_CONFIG_SYSTEM'] || '/etc/gitconfig'];
}

function globalConfigPaths(env: GitEnv): string[] {
  const explicit = env['GIT_CONFIG_GLOBAL'];
  if (explicit !== undefined) return explicit === '' ? [] : [explicit];
  const xdg = xdgGitPath(env, 'config');
  const home = env['HOME'];
  return [...(xdg ? [xdg] : []), ...(home ? [join(home, '.gitconfig')] : [])];
}

/** `$XDG_CONFIG_HOME/git/<name>`, else `~/.config/git/<name>`; null without either variable. */
export function xdgGitPath(env: GitEnv, name: string): string | null {
  const xdg = env['XDG_CONFIG_HOME'];
  if (xdg) return join(xdg, 'git', name);
  const home = env['HOME'];
  return home ? join(home, '.config', 'git', name) : null;
}

/** Expand a leading `~/` the way git expands path-valued config (e.g. `core.excludesFile`). */
export function expandConfigPath(value: string, env: GitEnv): string {
  const home = env['HOME'];
  if (home && (value === '~' || value.startsWith('~/'))) return join(home, value.slice(1));
  return value;
}

async function readConfigFile(path: string): Promise<ConfigFile | null> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    const code = errnoCode(e);
    if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') return null;
    throw gitFailed(`cannot read git config ${path}`, 'Check the file permissions.', e);
  }
  try {
    return { path, entries: parseGitConfig(text) };
  } catch (e) {
    if (!(e instanceof ConfigSyntaxError)) throw e;
    throw gitFailed(
      `bad git config file ${path}: ${e.message}`,
      'Fix the file (`git config --file <path> --list` shows the same error).',
      e,
    );
  }
}
