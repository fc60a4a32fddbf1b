import { isolatedGitEnv, makeTempDir, type TempDir } from '../../../testkit/src/git-fixtures.js';
import { WorkspaceGit } from '../../src/git/js/workspace-git.js';

/** A fresh temp dir, an isolated git environment and a WorkspaceGit bound to it, for each test. */
export interface WorkspaceSandbox {
  readonly tmp: TempDir;
  readonly env: NodeJS.ProcessEnv;
  readonly adapter: WorkspaceGit;
}

/** Register beforeEach/afterEach that create and remove the sandbox; read its fields inside tests. */
export function useWorkspaceSandbox(): WorkspaceSandbox {
  let current: WorkspaceSandbox | null = null;
  beforeEach(() => {
    const tmp = makeTempDir();
    const env = isolatedGitEnv(tmp.path);
    current = { tmp, env, adapter: new WorkspaceGit({ env }) };
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
