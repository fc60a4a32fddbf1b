import { MetawsmError } from '@metawsm/core';

/** What a failed file-system call means for the operator, by errno. */
const HINTS: Partial<Record<string, (path: string) => string>> = {
  EACCES: (p) => `Permission denied: let the user running metawsm read and write ${p}.`,
  EPERM: (p) => `The system refused the operation on ${p} (permissions or an immutable file).`,
  EROFS: (p) => `${p} is on a read-only file system: use a --home on a writable disk.`,
  ENOSPC: () => 'The disk is full: free some space, then run the command again.',
  EDQUOT: () => 'The disk quota is exhausted: free some space, then run the command again.',
  EFBIG: () => 'The file size limit was reached (ulimit -f): raise it, then run the command again.',
  ENOTDIR: (p) => `A part of ${p} is a file, not a folder: choose another --home.`,
  EEXIST: (p) => `A part of ${p} is a file, not a folder: choose another --home.`,
  EISDIR: (p) => `${p} is a folder where metawsm expects a file: move it away.`,
  EIO: (p) => `The disk reported an I/O error on ${p}: check the device.`,
};

/** The errno code (`EACCES`, …) of a Node.js file-system error, else undefined. */
export function errnoCode(e: unknown): string | undefined {
  const code = typeof e === 'object' && e !== null ? (e as { code?: unknown }).code : undefined;
  return typeof code === 'string' && /^E[A-Z]+$/.test(code) ? code : undefined;
}

/**
 * LOCAL_IO_FAILED (exit 8) for a file or folder metawsm could not read or write: the message names
 * the path, the hint what to do about this errno, the original error is the cause.
 */
export function localIoError(e: unknown, path: string, action: 'read' | 'write' | 'create'): MetawsmError {
  const errno = errnoCode(e) ?? 'UNKNOWN';
  const hint = HINTS[errno]?.(path) ?? `Check that ${path} can be ${action === 'read' ? 'read' : 'written'}.`;
  return new MetawsmError('LOCAL_IO_FAILED', `cannot ${action} ${path} (${errno})`, {
    hint,
    data: { path, errno, action },
    cause: e,
  });
}
