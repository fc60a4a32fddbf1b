import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CaseTree, MergeCase } from './case.js';

/** The commits (and their trees) written for one case: `ours` and `theirs` are children of `base`. */
export interface CaseCommits {
  base: string;
  ours: string;
  theirs: string;
  trees: { base: string; ours: string; theirs: string };
}

/** Run git with `input` on stdin; resolves stdout, rejects with stderr on a non-zero exit. */
export function runGit(
  cwd: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  input: Buffer | string,
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, { cwd, env, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(Buffer.concat(out));
      else reject(new Error(`git ${args.join(' ')} exited ${code}: ${Buffer.concat(err).toString()}`));
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(input);
  });
}

/** Builds one `git fast-import` stream for all cases, writing each distinct blob once. */
class ImportStream {
  readonly #chunks: Buffer[] = [];
  readonly #blobs = new Map<string, number>();
  #mark = 0;

  #push(text: string): void {
    this.#chunks.push(Buffer.from(text, 'utf8'));
  }

  #data(bytes: Buffer): void {
    this.#push(`data ${bytes.length}\n`);
    this.#chunks.push(bytes, Buffer.from('\n'));
  }

  #blob(content: string): number {
    const known = this.#blobs.get(content);
    if (known !== undefined) return known;
    const mark = ++this.#mark;
    this.#push(`blob\nmark :${mark}\n`);
    this.#data(Buffer.from(content, 'utf8'));
    this.#blobs.set(content, mark);
    return mark;
  }

  /** A commit holding exactly `tree`; a root commit when `parent` is null. Returns its mark. */
  commit(tree: CaseTree, parent: number | null): number {
    const lines: string[] = [];
    for (const [path, f] of Object.entries(tree)) {
      const ref = f.mode === '160000' ? f.data : `:${this.#blob(f.data)}`;
      lines.push(`M ${f.mode} ${ref} ${path}\n`);
    }
    const mark = ++this.#mark;
    if (parent === null) this.#push('reset refs/metawsm/cases\n');
    this.#push(
      `commit refs/metawsm/cases\nmark :${mark}\ncommitter Case <case@example.com> 1700000000 +0000\n`,
    );
    this.#data(Buffer.alloc(0));
    if (parent !== null) this.#push(`from :${parent}\n`);
    this.#push('deleteall\n');
    for (const l of lines) this.#push(l);
    this.#push('\n');
    return mark;
  }

  bytes(): Buffer {
    return Buffer.concat(this.#chunks);
  }
}

/**
 * Write every case into the repository at `dir` with one `git fast-import` (one pack), so that
 * git's merge base of `ours` and `theirs` is exactly `base`; returns the commits and trees.
 */
export async function importCases(
  dir: string,
  cases: readonly MergeCase[],
  env: NodeJS.ProcessEnv,
): Promise<CaseCommits[]> {
  const stream = new ImportStream();
  const marks = cases.map((c) => {
    const base = stream.commit(c.base, null);
    return { base, ours: stream.commit(c.ours, base), theirs: stream.commit(c.theirs, base) };
  });
  const marksFile = join(dir, '.git', 'metawsm-case-marks');
  await runGit(dir, ['fast-import', '--quiet', `--export-marks=${marksFile}`], env, stream.bytes());
  const shaOf = new Map<number, string>();
  for (const line of readFileSync(marksFile, 'utf8').split('\n')) {
    const m = /^:(\d+) ([0-9a-f]{40})$/.exec(line);
    if (m) shaOf.set(Number(m[1]), m[2]!);
  }
  const commits = marks.map((m) => ({
    base: shaOf.get(m.base)!,
    ours: shaOf.get(m.ours)!,
    theirs: shaOf.get(m.theirs)!,
  }));
  const query = commits.flatMap((c) => [c.base, c.ours, c.theirs].map((s) => `${s}^{tree}\n`)).join('');
  const trees = (await runGit(dir, ['cat-file', '--batch-check=%(objectname)'], env, query))
    .toString()
    .trim()
    .split('\n');
  return commits.map((c, i) => ({
    ...c,
    trees: { base: trees[3 * i]!, ours: trees[3 * i + 1]!, theirs: trees[3 * i + 2]! },
  }));
}
