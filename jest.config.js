/** Jest runs in ESM mode: NestJS 12 is ESM-only (see README, design notes). */
process.env.TEST_DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/bakti_test';
// Secrets of the tests' own (the built-in ones are refused outside NODE_ENV=development); worker processes inherit them.
process.env.JWT_SECRET ??= 'bakti-test-jwt-secret-only-for-the-test-suite';
process.env.AUDIT_KEY ??= 'bakti-test-audit-key-only-for-the-test-suite';

export default {
  testEnvironment: '<rootDir>/test/support/node-environment.ts',
  preset: 'ts-jest/presets/default-esm',
  extensionsToTreatAsEsm: ['.ts'],
  roots: ['<rootDir>/src', '<rootDir>/test'],
  testMatch: ['**/*.spec.ts', '**/*.e2e-spec.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }] },
  globalSetup: '<rootDir>/test/global-setup.ts',
  // Set-ups (a world of users, the demo) take seconds; on a loaded machine more.
  testTimeout: 60000,
  maxWorkers: 2,
  // The checkout's own cache: a shared /tmp cache once served a transform of another checkout's older files.
  cacheDirectory: '<rootDir>/node_modules/.cache/jest',
};
