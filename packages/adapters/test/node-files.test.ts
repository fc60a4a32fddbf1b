import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NodeFiles } from '../src/system/node-files.js';
import { writeProtect } from '@metawsm/testkit';

// Issue 10 item 6: a policy or feedback file that cannot be read or written is LOCAL_IO_FAILED
// (exit 8) naming the path, never an internal error.

let dir: string;
const files = new NodeFiles();
const undo: (() => void)[] = [];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'metawsm-files-'));
});
afterEach(async () => {
  for (const u of undo.splice(0)) u();
  await rm(dir, { recursive: true, force: true });
});

describe('NodeFiles failures', () => {
  it('reading: absent (or under a file) is null; a folder in the way is LOCAL_IO_FAILED naming it', async () => {
    writeFileSync(join(dir, 'plain'), 'x');
    expect(await files.readText(join(dir, 'absent.json'))).toBeNull();
    expect(await files.readText(join(dir, 'plain', 'policy.json'))).toBeNull();
    mkdirSync(join(dir, 'policy.json'));
    await expect(files.readText(join(dir, 'policy.json'))).rejects.toMatchObject({
      code: 'LOCAL_IO_FAILED',
      exitCode: 8,
      data: { path: join(dir, 'policy.json'), errno: 'EISDIR', action: 'read' },
    });
  });

  it('writing under a file: LOCAL_IO_FAILED naming the folder that cannot be created', async () => {
    writeFileSync(join(dir, 'plain'), 'x');
    const target = join(dir, 'plain', '.metawsm', 'policy.json');
    await expect(files.writeTextAtomic(target, '{}')).rejects.toMatchObject({
      code: 'LOCAL_IO_FAILED',
      data: { path: join(dir, 'plain', '.metawsm'), errno: 'ENOTDIR', action: 'create' },
    });
    await expect(files.appendText(target, 'x')).rejects.toMatchObject({ code: 'LOCAL_IO_FAILED' });
  });

  it('replacing a folder with a file: LOCAL_IO_FAILED naming it, no temporary file left behind', async () => {
    mkdirSync(join(dir, 'policy.json'));
    await expect(files.writeTextAtomic(join(dir, 'policy.json'), '{}')).rejects.toMatchObject({
      code: 'LOCAL_IO_FAILED',
      data: { path: join(dir, 'policy.json'), action: 'write' },
    });
    expect(readdirSync(dir)).toEqual(['policy.json']);
  });

  it('a write-protected folder: LOCAL_IO_FAILED naming the file', async () => {
    const home = join(dir, 'home');
    mkdirSync(home);
    const restore = writeProtect(home, 'dir');
    if (restore === null)
      return console.warn('skipped: cannot write-protect a folder here (root without chattr)');
    undo.push(restore);
    await expect(files.writeTextAtomic(join(home, 'policy.json'), '{}')).rejects.toMatchObject({
      code: 'LOCAL_IO_FAILED',
      data: { path: join(home, 'policy.json') },
    });
    expect(existsSync(join(home, 'policy.json'))).toBe(false);
  });
});
