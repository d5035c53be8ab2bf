import { availableParallelism } from 'node:os';

// NestJS 12 ships ESM only, so jest runs in ESM mode (NODE_OPTIONS=--experimental-vm-modules,
// set by `npm test`): ts-jest emits ESM and `./x.js` imports map back to `./x.ts`.
const common = {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }] },
};

/**
 * One worker per core, on any machine (it was 2 under CI and half the cores otherwise: one worker
 * on a 2-core laptop). The suite is CPU-bound: on 2 cores, with 3 workers the processors were
 * idle under 2 % of the time (vmstat) and the run was no faster (18.5 min, against 17.3 with 2),
 * so no more workers than cores.
 * `KENESH_TEST_WORKERS` overrides.
 */
const workers = Number(process.env.KENESH_TEST_WORKERS) || availableParallelism();

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
