export type * from './clock.port.js';
export type * from './files.port.js';
export type * from './git.port.js';
export type * from './github.port.js';
export type * from './http-cache.port.js';
export type * from './id.port.js';
export type * from './process.port.js';
export type * from './store.port.js';
import type { ClockPort } from './clock.port.js';
import type { FilesPort } from './files.port.js';
import type { GitPort } from './git.port.js';
import type { GitHubPort } from './github.port.js';
import type { IdPort } from './id.port.js';
import type { ProcessPort } from './process.port.js';
import type { StorePort } from './store.port.js';

/** Every port; use cases take `Pick<Ports, ...>` of what they need. */
export interface Ports {
  git: GitPort;
  github: GitHubPort;
  store: StorePort;
  clock: ClockPort;
  ids: IdPort;
  process: ProcessPort;
  files: FilesPort;
}
