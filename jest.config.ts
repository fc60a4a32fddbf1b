/**
 * @jest-config-loader ts-node
 * @jest-config-loader-options {"transpileOnly": true, "compilerOptions": {"verbatimModuleSyntax": false, "module": "CommonJS", "moduleResolution": "Node10"}}
 */
import type { Config } from 'jest';

const swc = [
  '@swc/jest',
  {
    jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
    module: { type: 'es6' },
    sourceMaps: 'inline',
  },
] as const;

/** Tests run against package sources (no build needed), except CLI end-to-end tests, which spawn bin/run.js. */
const config: Config = {
  roots: [
    '<rootDir>/packages/core/test',
    '<rootDir>/packages/adapters/test',
    '<rootDir>/packages/testkit/test',
    '<rootDir>/packages/cli/test',
    '<rootDir>/examples/library-consumer/test',
  ],
  testMatch: ['**/*.test.ts'],
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': swc as unknown as [string, Record<string, unknown>] },
  moduleNameMapper: {
    '^@metawsm/core$': '<rootDir>/packages/core/src/index.ts',
    '^@metawsm/core/testing$': '<rootDir>/packages/core/src/testing/index.ts',
    '^@metawsm/adapters$': '<rootDir>/packages/adapters/src/index.ts',
    '^@metawsm/adapters/git-engine$': '<rootDir>/packages/adapters/src/git/select-engine.ts',
    '^@metawsm/adapters/(git|github|store|system)$': '<rootDir>/packages/adapters/src/$1/index.ts',
    '^@metawsm/testkit$': '<rootDir>/packages/testkit/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  testEnvironment: 'node',
  // One throwaway PostgreSQL cluster per run, started by the first suite that needs it.
  globalSetup: '<rootDir>/packages/testkit/jest/postgres-global-setup.mjs',
  globalTeardown: '<rootDir>/packages/testkit/jest/postgres-global-teardown.mjs',
  testTimeout: 60_000,
  maxWorkers: 2,
};

export default config;
