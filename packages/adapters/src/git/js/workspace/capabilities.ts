import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MetawsmError } from '@metawsm/core';
import type { GitDirs } from '../repo/refs.js';
import { loadGitConfig, type GitEnv } from './config-files.js';
import type { GitConfig } from './git-config.js';

const NATIVE_HINT =
  "Use git's own engine for this workspace: install git >= 2.38 and set METAWSM_GIT_ENGINE=native (or leave it unset).";

/** ENGINE_UNSUPPORTED (exit 2): the workspace uses a git feature the pure-JS engine does not reproduce. */
export function engineUnsupported(path: string, what: string): MetawsmError {
  return new MetawsmError(
    'ENGINE_UNSUPPORTED',
    `${path} uses ${what}, which the pure-JS git engine cannot handle as git does`,
    {
      hint: NATIVE_HINT,
      data: { path },
    },
  );
}

/** Attribute lines of the root `.gitattributes` and `info/attributes` (pattern, then attributes). */
async function attributeLines(root: string, dirs: GitDirs): Promise<string[][]> {
  const out: string[][] = [];
  for (const file of [join(root, '.gitattributes'), join(dirs.commonDir, 'info', 'attributes')]) {
    const text = await readFile(file, 'utf8').catch(() => '');
    for (const line of text.split('\n')) {
      const t = line.trim();
      if (t !== '' && !t.startsWith('#')) out.push(t.split(/\s+/));
    }
  }
  return out;
}

function runsFilter(config: GitConfig, name: string): boolean {
  return (
    name === 'lfs' ||
    config.getString('filter', name, 'clean') !== null ||
    config.getString('filter', name, 'process') !== null
  );
}

/**
 * Refuse what the js engine would snapshot differently from `git add -A` (clean filters, Git LFS,
 * `working-tree-encoding`), and return warnings for end-of-line conversion (core.autocrlf,
 * `text`/`eol` attributes): git stores such text files with LF, the js engine as they are on disk.
 * Split and sparse indexes are refused where the index is read.
 */
export async function checkCapabilities(root: string, dirs: GitDirs, env: GitEnv): Promise<string[]> {
  const config = await loadGitConfig(dirs, env);
  const warnings: string[] = [];
  const autocrlf = config.getString('core', null, 'autocrlf')?.toLowerCase();
  if (
    autocrlf === 'input' ||
    (autocrlf !== undefined && autocrlf !== 'false' && config.getBool('core', null, 'autocrlf', false))
  )
    warnings.push(
      `core.autocrlf=${autocrlf}: files with CRLF line endings are promoted as they are on disk, where git would store LF (METAWSM_GIT_ENGINE=native converts as git does)`,
    );
  let eolAttributes = false;
  for (const [, ...attrs] of await attributeLines(root, dirs)) {
    for (const a of attrs) {
      const [key, value] = a.split('=', 2);
      if (key === 'filter' && value && runsFilter(config, value))
        throw engineUnsupported(
          root,
          value === 'lfs' ? 'Git LFS (filter=lfs)' : `the clean filter "${value}"`,
        );
      if (key === 'working-tree-encoding') throw engineUnsupported(root, 'working-tree-encoding attributes');
      if (key === 'text' || key === 'eol') eolAttributes = true;
    }
  }
  if (eolAttributes)
    warnings.push(
      'text/eol attributes: files with CRLF line endings are promoted as they are on disk, where git may store LF (METAWSM_GIT_ENGINE=native converts as git does)',
    );
  return warnings;
}
