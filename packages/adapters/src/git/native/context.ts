import type { Workspace } from '@metawsm/core';
import type { CatFileBatch } from './cat-file.js';
import type { GitRunner } from './git-runner.js';

/** What every native operation needs: a way to run git and the object reader of a workspace. */
export interface NativeContext {
  runner: GitRunner;
  /** The long-lived `cat-file` process of the workspace's repository. */
  objects(ws: Workspace): CatFileBatch;
}
