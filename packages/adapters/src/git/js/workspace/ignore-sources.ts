import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { expandConfigPath, xdgGitPath, type GitEnv } from './config-files.js';
import type { GitConfig } from './git-config.js';
import { IgnoreLayer, IgnoreStack } from './ignore-rules.js';

/**
 * The repository-wide ignore rules below all `.gitignore` files: `$GIT_DIR/info/exclude` (of the
 * common dir, shared by all worktrees), then `core.excludesFile` (default `$XDG_CONFIG_HOME/git/ignore`).
 */
export async function baseIgnoreStack(opts: {
  root: string;
  commonDir: string;
  config: GitConfig;
  env: GitEnv;
  ignoreCase: boolean;
}): Promise<IgnoreStack> {
  const configured = opts.config.getString('core', null, 'excludesFile');
  const excludesFile = configured
    ? resolve(opts.root, expandConfigPath(configured, opts.env))
    : xdgGitPath(opts.env, 'ignore');
  const layers: IgnoreLayer[] = [];
  for (const path of [join(opts.commonDir, 'info', 'exclude'), excludesFile]) {
    if (!path) continue;
    const text = await readFile(path, 'utf8').catch(() => null);
    const layer = text === null ? null : IgnoreLayer.parse('', text, opts.ignoreCase);
    if (layer) layers.push(layer);
  }
  return new IgnoreStack(layers);
}
