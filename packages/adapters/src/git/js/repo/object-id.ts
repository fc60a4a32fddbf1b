import { createHash } from 'node:crypto';
import { MetawsmError, type Oid } from '@metawsm/core';

/** The four object types of a git object database. */
export type ObjectType = 'blob' | 'tree' | 'commit' | 'tag';

const OID_RE = /^[0-9a-f]{40}$/;

/** True for a 40-hex (SHA-1) object id. */
export function isOid(value: string): boolean {
  return OID_RE.test(value);
}

/** Throw INVALID_INPUT unless `oid` is a 40-hex object id. */
export function assertOid(oid: string, what: string): void {
  if (!isOid(oid)) {
    throw new MetawsmError('INVALID_INPUT', `${what} is not a 40-hex object id`, { data: { [what]: oid } });
  }
}

/** The id git gives an object of `type` with `content` (sha1 of `<type> <len>\0<content>`). */
export function hashObject(type: ObjectType, content: Uint8Array): Oid {
  return createHash('sha1').update(`${type} ${content.length}\0`).update(content).digest('hex');
}
