import { execFileSync } from 'node:child_process';
import { chmodSync } from 'node:fs';

/**
 * Make a file or folder unwritable and return the undo, or null when this machine cannot: as root,
 * permission bits do not stop writes, so the immutable attribute (`chattr +i`, ext4 and friends,
 * needs CAP_LINUX_IMMUTABLE) is used instead.
 */
export function writeProtect(path: string, kind: 'file' | 'dir'): (() => void) | null {
  if (process.getuid?.() !== 0) {
    chmodSync(path, kind === 'dir' ? 0o555 : 0o444);
    return () => chmodSync(path, kind === 'dir' ? 0o755 : 0o644);
  }
  try {
    execFileSync('chattr', ['+i', path], { stdio: 'ignore' });
    return () => execFileSync('chattr', ['-i', path], { stdio: 'ignore' });
  } catch {
    return null;
  }
}
