import { describeGitContract } from '@metawsm/testkit';
import { FakeGit } from '../src/testing/index.js';

const URL = 'https://github.com/acme/api.git';

describeGitContract('FakeGit', async () => {
  const git = new FakeGit();
  let n = 0;
  return {
    git,
    endpoint: { url: URL, auth: null },
    setup: async (files) => {
      git.seedRemote(URL, files);
      const path = `/ws/${++n}`;
      git.cloneWorkspace(path, URL);
      return path;
    },
    writeFiles: async (ws, files) => git.writeFiles(ws, files),
    deleteFiles: async (ws, paths) => git.deleteFiles(ws, paths),
    agentCommit: async (ws, message) => git.agentCommit(ws, message),
    remoteCommit: async (branch, files) => {
      const remote = git.remotes.get(URL)!;
      if (!remote.has(branch)) remote.set(branch, remote.get('main')!);
      return git.remoteCommit(URL, branch, files);
    },
    signing: { format: 'ssh', key: 'fake-key', program: null },
    breakSigner: async () => {
      git.signerFailure = 'key gone';
    },
    cleanup: async () => undefined,
  };
});
