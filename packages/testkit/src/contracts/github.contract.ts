import { describeAccessContract } from './github-contract-access.js';
import { describeChecksContract } from './github-contract-checks.js';
import {
  GITHUB_CONTRACT_SETUP,
  type GitHubContractSetup,
  type GitHubHarness,
} from './github-contract-fixture.js';
import { describePullRequestContract } from './github-contract-pulls.js';
import { describeReviewContract } from './github-contract-reviews.js';
import { describeThreadContract } from './github-contract-threads.js';

export { GITHUB_CONTRACT_SETUP } from './github-contract-fixture.js';
export type {
  ContractCheckRunSeed,
  ContractCommentSeed,
  ContractIssueCommentSeed,
  ContractPermission,
  ContractPullSeed,
  ContractStatusSeed,
  ContractUser,
  GitHubContractSetup,
  GitHubHarness,
} from './github-contract-fixture.js';

/**
 * The GitHubPort contract (STYLE §16): FakeGitHub and the Octokit adapter over the GitHub
 * stand-in must both pass it, so the fake cannot drift from the real thing. Uses jest's
 * globals; `makeHarness` is called once per test with {@link GITHUB_CONTRACT_SETUP} and must
 * return a backend holding exactly that setup and no pull requests. Asserts on returned data and
 * error codes, never on messages.
 */
export function describeGitHubContract(
  name: string,
  makeHarness: (setup: GitHubContractSetup) => Promise<GitHubHarness>,
): void {
  describe(`GitHubPort contract: ${name}`, () => {
    let harness: GitHubHarness | undefined;

    beforeEach(async () => {
      harness = await makeHarness(GITHUB_CONTRACT_SETUP);
    });

    afterEach(async () => {
      await harness?.close();
      harness = undefined;
    });

    const h = (): GitHubHarness => {
      if (harness === undefined) throw new Error('github contract: no harness outside a test');
      return harness;
    };

    describeAccessContract(h);
    describePullRequestContract(h);
    describeReviewContract(h);
    describeThreadContract(h);
    describeChecksContract(h);
  });
}
