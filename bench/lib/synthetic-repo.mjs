// Synthetic repositories for benchmarks: nested small source files plus some large and binary files.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

export function sh(cwd, args, env) {
  return execFileSync('git', args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 30 })
    .toString()
    .trim();
}

/** Path of the i-th small file: 3 levels of nesting, ~20 files per leaf directory. */
export function smallPath(i) {
  return `src/m${Math.floor(i / 2000)}/p${Math.floor(i / 200) % 10}/d${Math.floor(i / 20) % 10}/f${i}.ts`;
}

/** Create a bare origin `<root>/acme/<name>.git` with `files` small files, 5 large text files and 5 binaries. */
export function buildOrigin(root, name, files, env) {
  const seed = join(root, `${name}-seed`);
  rmSync(seed, { recursive: true, force: true });
  mkdirSync(seed, { recursive: true });
  const made = new Set();
  for (let i = 0; i < files; i++) {
    const p = join(seed, smallPath(i));
    const dir = p.slice(0, p.lastIndexOf('/'));
    if (!made.has(dir)) {
      mkdirSync(dir, { recursive: true });
      made.add(dir);
    }
    writeFileSync(
      p,
      `// file ${i}\nexport const v${i} = ${i};\nexport function f${i}(x: number) {\n  return x + ${i};\n}\n`,
    );
  }
  mkdirSync(join(seed, 'assets'), { recursive: true });
  for (let i = 0; i < 5; i++) {
    writeFileSync(join(seed, 'assets', `large${i}.txt`), `line ${i}\n`.repeat(12_000));
    const bin = Buffer.alloc(40_000);
    for (let j = 0; j < bin.length; j++) bin[j] = (j * 31 + i * 7) & 0xff;
    writeFileSync(join(seed, 'assets', `blob${i}.bin`), bin);
  }
  sh(root, ['init', '-q', '-b', 'main', seed], env);
  sh(seed, ['add', '-A'], env);
  sh(seed, ['commit', '-q', '-m', 'initial'], env);
  const bare = join(root, 'acme', `${name}.git`);
  rmSync(bare, { recursive: true, force: true });
  sh(root, ['clone', '-q', '--bare', seed, bare], env);
  sh(bare, ['config', 'http.receivepack', 'true'], env);
  rmSync(seed, { recursive: true, force: true });
  return bare;
}

/** Move `main` of the bare repo by one commit touching `count` files from the end of the range. */
export function moveBase(root, bare, files, count, env) {
  const tmp = join(root, 'mover');
  rmSync(tmp, { recursive: true, force: true });
  sh(root, ['clone', '-q', bare, tmp], env);
  for (let k = 0; k < count; k++)
    writeFileSync(join(tmp, smallPath(files - 1 - k)), `// moved by base ${k}\n`);
  sh(tmp, ['commit', '-qam', 'base moves'], env);
  sh(tmp, ['push', '-q', 'origin', 'main'], env);
  rmSync(tmp, { recursive: true, force: true });
}

/** The agent's changes: 20 modified, 5 untracked (2 in a new dir), 5 deleted — disjoint from the base move. */
export function agentChanges(ws, env) {
  for (let k = 0; k < 20; k++)
    writeFileSync(join(ws, smallPath(k * 7)), `// agent edit ${k}\nexport const changed = ${k};\n`);
  for (let k = 0; k < 3; k++)
    writeFileSync(join(ws, 'src', `agent-new-${k}.ts`), `export const n${k} = ${k};\n`);
  mkdirSync(join(ws, 'src', 'agent', 'feature'), { recursive: true });
  for (let k = 0; k < 2; k++)
    writeFileSync(join(ws, 'src', 'agent', 'feature', `g${k}.ts`), `export const g${k} = ${k};\n`);
  for (let k = 0; k < 5; k++) rmSync(join(ws, smallPath(k * 7 + 3)));
  return env;
}
