// A long, packed, merge-heavy history for bench/commit, built with `git fast-import` and cached between
// runs (building it takes minutes): `files` files laid out like the synthetic repos (smallPath), a
// first-parent chain of merges of short topic branches (the shape of git.git's history), and enough
// fresh content per commit that `git gc` leaves one pack of a few hundred MB. Synthetic repos with a
// few commits hid that a whole-pack load costs seconds (../../../shared/PERF-NOTES.md).
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { hashSeed, makeRng } from './rng.mjs';
import { smallPath } from './synthetic-repo.mjs';

/** Bump when the generated history changes: the cache is keyed by it. */
export const GENERATOR_VERSION = 2;

/** Where generated repositories are kept between runs. */
export function cacheRoot() {
  const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(base, 'metawsm-bench');
}

/**
 * Path of a bare repository with `commits` commits on `main` and `files` files at the tip, built on
 * first use (in `<dir>.building-<pid>`, renamed when complete, so an interrupted build is never used).
 * Resolves `{ bare, meta }`; `meta` holds commits, files, packs and pack size as measured after `git gc`.
 */
export async function longHistoryOrigin({ commits = 82_000, files = 5_000, env, log = () => {} }) {
  const dir = join(cacheRoot(), `long-history-v${GENERATOR_VERSION}-c${commits}-f${files}`);
  const bare = join(dir, 'origin.git');
  if (existsSync(join(dir, 'meta.json')))
    return { bare, meta: JSON.parse(readFileSync(join(dir, 'meta.json'), 'utf8')) };
  const building = `${dir}.building-${process.pid}`;
  rmSync(building, { recursive: true, force: true });
  mkdirSync(building, { recursive: true });
  const tmpBare = join(building, 'origin.git');
  const started = process.hrtime.bigint();
  execFileSync('git', ['init', '-q', '--bare', '-b', 'main', tmpBare], { env });
  log(`generating ${commits} commits × ${files} files into ${dir} (once; cached) ...`);
  await fastImport(tmpBare, env, { commits, files });
  // fast-import stores blobs whole and `git gc` reuses a packed object as it is, so compute deltas once
  // (-f), as a server's repack would, before the ordinary gc (refs, commit-graph, bitmap).
  log('git repack -a -d -f, git gc ...');
  execFileSync('git', ['repack', '-a', '-d', '-f', '-q'], { cwd: tmpBare, env, stdio: 'inherit' });
  execFileSync('git', ['gc', '--quiet'], { cwd: tmpBare, env, stdio: 'inherit' });
  const meta = measure(tmpBare, env);
  meta.generatorVersion = GENERATOR_VERSION;
  meta.buildSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  writeFileSync(join(building, 'meta.json'), `${JSON.stringify(meta, null, 2)}\n`);
  mkdirSync(dirname(dir), { recursive: true });
  rmSync(dir, { recursive: true, force: true });
  renameSync(building, dir);
  return { bare, meta };
}

function measure(bare, env) {
  const out = (args) =>
    execFileSync('git', args, { cwd: bare, env, maxBuffer: 1 << 30 })
      .toString()
      .trim();
  const counts = Object.fromEntries(
    out(['count-objects', '-v'])
      .split('\n')
      .map((l) => l.split(': ')),
  );
  return {
    commits: Number(out(['rev-list', '--count', 'main'])),
    firstParentCommits: Number(out(['rev-list', '--count', '--first-parent', 'main'])),
    files: out(['ls-tree', '-r', '--name-only', 'main']).split('\n').length,
    packs: Number(counts.packs),
    packMb: Number(counts['size-pack']) / 1024,
  };
}

/** Stream the generated history into `git fast-import` (with backpressure: the stream is ~1 GB). */
async function fastImport(bare, env, { commits, files }) {
  const child = spawn('git', ['fast-import', '--quiet', '--done'], {
    cwd: bare,
    env,
    stdio: ['pipe', 'ignore', 'inherit'],
  });
  const exited = new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`git fast-import exited ${code}`)),
    );
  });
  const write = (s) => (child.stdin.write(s) ? null : new Promise((r) => child.stdin.once('drain', r)));
  for (const chunk of historyChunks({ commits, files })) await write(chunk);
  child.stdin.end('done\n');
  await exited;
}

/**
 * The fast-import stream, one commit (with its blobs) per chunk. 25% of first-parent commits are direct
 * commits; the rest merge a topic of 1–4 commits forked from the current tip (`--no-ff` style, so the
 * merge's tree is the topic's tree). Every non-merge commit rewrites a region of 1–3 files.
 */
export function* historyChunks({ commits, files }) {
  const rng = makeRng(hashSeed('long-history', String(GENERATOR_VERSION)));
  const out = new StreamWriter(new ContentGenerator(rng, files));
  const init = out.blobs([...Array(files).keys()]);
  const first = out.commit({ message: 'initial import', changes: init.changes });
  yield init.text + first.text;
  let tip = first.mark;
  let count = 1;
  while (count < commits) {
    const topicLength = rng.next() < 0.25 ? 0 : rng.int(1, 4);
    let head = tip;
    const touched = new Map();
    for (let i = 0; i < Math.max(1, topicLength); i++) {
      const b = out.blobs(out.content.pickFiles());
      for (const [path, blob] of b.changes) touched.set(path, blob);
      const message = `change ${count}: rewrite ${b.changes.length} file(s)`;
      const c = out.commit({ from: head, message, changes: b.changes });
      head = c.mark;
      count++;
      yield b.text + c.text;
    }
    if (topicLength > 0) {
      const m = out.commit({
        from: tip,
        merge: head,
        message: `Merge topic ${count}`,
        changes: [...touched],
      });
      head = m.mark;
      count++;
      yield m.text;
    }
    tip = head;
  }
}

/** fast-import commands with marks (blobs and commits share one mark sequence) and advancing dates. */
class StreamWriter {
  #mark = 0;
  #time = 1_262_304_000; // 2010-01-01

  constructor(content) {
    this.content = content;
  }

  /** A commit on `main` with parents `from` (and `merge`), setting `changes` (`[path, blobMark]`). */
  commit({ from, merge, message, changes }) {
    const mark = ++this.#mark;
    this.#time += 600;
    const who = `Dev ${mark % 17} <dev${mark % 17}@example.com> ${this.#time} +0000`;
    const lines = [
      `commit refs/heads/main`,
      `mark :${mark}`,
      `author ${who}`,
      `committer ${who}`,
      data(message),
    ];
    if (from) lines.push(`from :${from}`);
    if (merge) lines.push(`merge :${merge}`);
    for (const [path, blob] of changes) lines.push(`M 100644 :${blob} ${path}`);
    return { mark, text: `${lines.join('\n')}\n\n` };
  }

  /** The next content of each file index, as marked blobs: `{ text, changes: [path, blobMark][] }`. */
  blobs(indexes) {
    let text = '';
    const changes = [];
    for (const i of indexes) {
      const mark = ++this.#mark;
      text += `blob\nmark :${mark}\n${data(this.content.content(i))}\n`;
      changes.push([smallPath(i), mark]);
    }
    return { text, changes };
  }
}

function data(s) {
  return `data ${Buffer.byteLength(s)}\n${s}`;
}

/** File contents: a fixed header and a body of random lines, rewritten in place and kept near 120 lines. */
class ContentGenerator {
  static ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-';
  #rng;
  #files;
  #bodies;

  constructor(rng, files) {
    this.#rng = rng;
    this.#files = files;
    this.#bodies = Array.from({ length: files }, () => this.#lines(20));
  }

  /** 1–3 distinct file indexes. */
  pickFiles() {
    const n = this.#rng.int(1, 3);
    const set = new Set();
    while (set.size < n) set.add(this.#rng.int(0, this.#files - 1));
    return [...set];
  }

  /** Rewrite a region of file `i` (the first call returns the initial content) and return its text. */
  content(i) {
    const body = this.#bodies[i];
    if (body.touched) {
      const add = this.#rng.int(18, 68);
      // Mean-reverting length: delete more than we add when the file is long.
      const del = Math.min(
        body.length,
        Math.max(0, add + Math.round((body.length - 120) / 4) + this.#rng.int(-10, 10)),
      );
      const at = this.#rng.int(0, body.length - del);
      body.splice(at, del, ...this.#lines(add));
    }
    body.touched = true;
    return `// file ${i}\nexport const v${i} = ${i};\nexport const data${i} = [\n${body.join('\n')}\n];\n`;
  }

  #lines(n) {
    const out = [];
    for (let l = 0; l < n; l++) {
      let s = '  "';
      for (let c = 0; c < 48; c++) s += ContentGenerator.ALPHABET[Math.floor(this.#rng.next() * 64)];
      out.push(`${s}",`);
    }
    return out;
  }
}
