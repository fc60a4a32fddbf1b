import { randomBytes } from 'node:crypto';
import type { IdPort } from '@metawsm/core';

/** IdPort on the OS's cryptographic random source. */
export class CryptoIds implements IdPort {
  randomHex(bytes = 8): string {
    return randomBytes(bytes).toString('hex');
  }
}
