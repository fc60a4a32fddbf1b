import type { GitPort } from '@metawsm/core';
import { isolatedGitEnv, makeTempDir, type TempDir } from '../../../testkit/src/git-fixtures.js';
import { WorkspaceGit } from '../../src/git/js/workspace-git.js';
import { NativeGitAdapter } from '../../src/git/native/native-git.adapter.js';

/** The engines every workspace test runs on. */
export const WORKSPACE_ENGINES = ['js', 'native'] as const;
/** One of {@link WORKSPACE_ENGINES}. */
export type WorkspaceEngine = (typeof WORKSPACE_ENGINES)[number];

/** The GitPort methods that read (or, for switchBranch, change) a working tree. */
export type WorkspaceOps = Pick<
  GitPort,
  | 'openWorkspace'
  | 'remoteUrl'
  | 'identity'
  | 'snapshot'
  | 'workspaceTree'
  | 'workspaceProblems'
  | 'switchBranch'
>;

/** The workspace half of an engine, bound to `env`. */
export function workspaceAdapter(engine: WorkspaceEngine, env: NodeJS.ProcessEnv): WorkspaceOps {
  return engine === 'js' ? new WorkspaceGit({ env }) : new NativeGitAdapter({ env });
}

/** A fresh temp dir, an isolated git environment and the engine's workspace adapter bound to it, for each test. */
export interface WorkspaceSandbox {
  readonly tmp: TempDir;
  readonly env: NodeJS.ProcessEnv;
  readonly adapter: WorkspaceOps;
}

/** Register beforeEach/afterEach that create and remove the sandbox; read its fields inside tests. */
export function useWorkspaceSandbox(engine: WorkspaceEngine = 'js'): WorkspaceSandbox {
  let current: WorkspaceSandbox | null = null;
  beforeEach(() => {
    const tmp = makeTempDir();
    const env = isolatedGitEnv(tmp.path);
    current = { tmp, env, adapter: workspaceAdapter(engine, env) };
  });
  afterEach(() => current?.tmp.cleanup());
  const get = (): WorkspaceSandbox => {
    if (!current) throw new Error('workspace sandbox used outside a test');
    return current;
  };
  return {
    get tmp() {
      return get().tmp;
    },
    get env() {
      return get().env;
    },
    get adapter() {
      return get().adapter;
    },
  };
}
