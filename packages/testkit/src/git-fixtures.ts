import { execFile, execFileSync, type ExecFileSyncOptions } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, chmodSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** Environment that makes git deterministic and independent of the user's config. */
export function isolatedGitEnv(home: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_AUTHOR_NAME: 'Test Author',
    GIT_AUTHOR_EMAIL: 'author@example.com',
    GIT_COMMITTER_NAME: 'Test Committer',
    GIT_COMMITTER_EMAIL: 'committer@example.com',
    GIT_TERMINAL_PROMPT: '0',
    ...extra,
  };
}

/** A temporary directory removed by `cleanup()`. */
export interface TempDir {
  path: string;
  cleanup(): void;
}

/** Create a temporary directory (under the OS temp dir). */
export function makeTempDir(prefix = 'metawsm-test-'): TempDir {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, cleanup: () => rmSync(path, { recursive: true, force: true }) };
}

/** Run git synchronously in `cwd`; returns trimmed stdout. Throws with stderr on failure. */
export function git(
  cwd: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; input?: string | Buffer } = {},
): string {
  const opts: ExecFileSyncOptions = {
    cwd,
    env: options.env ?? process.env,
    stdio: ['pipe', 'pipe', 'pipe'],
    maxBuffer: 256 * 1024 * 1024,
  };
  if (options.input !== undefined) opts.input = options.input;
  try {
    return execFileSync('git', args, opts).toString().replace(/\n$/, '');
  } catch (e) {
    const err = e as { stderr?: Buffer; message: string };
    throw new Error(`git ${args.join(' ')} failed in ${cwd}: ${err.stderr?.toString() ?? err.message}`);
  }
}

/**
 * Run git asynchronously. Use this (not {@link git}) for anything that talks to a server running in the
 * same process: a synchronous child blocks the event loop the server needs.
 */
export function gitAsync(
  cwd: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv } = {},
): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      args,
      { cwd, env: options.env ?? process.env, maxBuffer: 256 * 1024 * 1024 },
      (err, stdout, stderr) => {
        if (err) reject(new Error(`git ${args.join(' ')} failed in ${cwd}: ${stderr || err.message}`));
        else resolve(stdout.replace(/\n$/, ''));
      },
    );
  });
}

/** File content for {@link writeTree}: text, bytes, or a description with mode. */
export type FixtureFile =
  string | Buffer | { content: string | Buffer; executable?: boolean } | { symlink: string };

/** Write files (paths relative to `root`, `/`-separated), creating directories. */
export function writeTree(root: string, files: Record<string, FixtureFile>): void {
  for (const [rel, spec] of Object.entries(files)) {
    const abs = join(root, ...rel.split('/'));
    mkdirSync(dirname(abs), { recursive: true });
    rmSync(abs, { force: true });
    if (typeof spec === 'object' && !Buffer.isBuffer(spec) && 'symlink' in spec) {
      symlinkSync(spec.symlink, abs);
      continue;
    }
    const content = typeof spec === 'string' || Buffer.isBuffer(spec) ? spec : spec.content;
    writeFileSync(abs, content);
    const exec =
      typeof spec === 'object' && !Buffer.isBuffer(spec) && 'executable' in spec && spec.executable;
    chmodSync(abs, exec ? 0o755 : 0o644);
  }
}

/** A bare "origin" repository plus a clone to act as the agent's workspace. */
export interface RepoPair {
  /** The bare repository directory (serve its parent with the git HTTP server). */
  bare: string;
  /** A working clone. */
  work: string;
  env: NodeJS.ProcessEnv;
}

/**
 * Create `<root>/<name>.git` (bare, branch `main`, with `initialFiles` committed) and clone it to
 * `<root>/<name>-work`. The clone's `origin` points at `remoteUrl` when given (e.g. the HTTP server URL).
 */
export function createRepoPair(
  root: string,
  name: string,
  initialFiles: Record<string, FixtureFile>,
  options: { remoteUrl?: string; env?: NodeJS.ProcessEnv } = {},
): RepoPair {
  const env = options.env ?? isolatedGitEnv(root);
  const bare = join(root, `${name}.git`);
  const seed = join(root, `${name}-seed`);
  const work = join(root, `${name}-work`);
  mkdirSync(dirname(bare), { recursive: true });
  git(root, ['init', '-q', '--bare', '-b', 'main', bare], { env });
  git(bare, ['config', 'http.receivepack', 'true'], { env });
  git(root, ['init', '-q', '-b', 'main', seed], { env });
  writeTree(seed, initialFiles);
  git(seed, ['add', '-A'], { env });
  git(seed, ['commit', '-q', '--allow-empty', '-m', 'initial'], { env });
  git(seed, ['push', '-q', bare, 'main'], { env });
  rmSync(seed, { recursive: true, force: true });
  git(root, ['clone', '-q', bare, work], { env });
  if (options.remoteUrl) git(work, ['remote', 'set-url', 'origin', options.remoteUrl], { env });
  return { bare, work, env };
}

/** Commit `files` directly onto `branch` of a bare repository (moving the remote's base). */
export function commitToBare(
  bare: string,
  branch: string,
  files: Record<string, FixtureFile>,
  options: { env: NodeJS.ProcessEnv; message?: string; remove?: string[] },
): string {
  const tmp = mkdtempSync(join(tmpdir(), 'metawsm-bare-'));
  try {
    git(tmp, ['clone', '-q', '-b', branch, bare, 'c'], { env: options.env });
    const c = join(tmp, 'c');
    writeTree(c, files);
    for (const r of options.remove ?? []) git(c, ['rm', '-q', '-r', r], { env: options.env });
    git(c, ['add', '-A'], { env: options.env });
    git(c, ['commit', '-q', '-m', options.message ?? 'move base'], { env: options.env });
    git(c, ['push', '-q', 'origin', branch], { env: options.env });
    return git(c, ['rev-parse', 'HEAD'], { env: options.env });
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
