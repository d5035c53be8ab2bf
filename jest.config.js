// NestJS 12 ships ESM only, so jest runs in ESM mode (NODE_OPTIONS=--experimental-vm-modules,
// set by `npm test`): ts-jest emits ESM and `./x.js` imports map back to `./x.ts`.
const common = {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }] },
};

import { availableParallelism } from 'node:os';

/**
 * One worker more than the machine has cores: many e2e files spend much of their time waiting
 * (on a hub process starting, a browser, a job queue's poll, a rate-limit window), and another
 * file runs in that time. On 2 cores, 3 workers ran the suite in N min against 17 with 2 (CPU
 * use of the test processes was 121% of 200% with 2). `KENESH_TEST_WORKERS` overrides.
 */
const workers = Number(process.env.KENESH_TEST_WORKERS) || availableParallelism() + 1;

/** @type {import('jest').Config} */
export default {
  testTimeout: 30_000,
  maxWorkers: workers,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/src/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.js',
      globalTeardown: '<rootDir>/test/support/global-teardown.js',
    },
  ],
};
