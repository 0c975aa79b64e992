/** One jest run for everything: unit and contract tests next to the code, end-to-end tests under test/. */
const { availableParallelism } = require('node:os');

const moduleNameMapper = {
  '^@app/(contracts|eventstore|messaging|access|readmodel|service-kit)$': '<rootDir>/libs/$1/src',
  '^@app/eventstore/(.+)$': '<rootDir>/libs/eventstore/src/$1',
};
// jose ships ES modules only: jest (CommonJS) needs them transpiled like our own TypeScript.
const transform = {
  '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
  '/node_modules/jose/.+\\.js$': ['ts-jest', { tsconfig: { allowJs: true, isolatedModules: true } }],
};
const common = {
  testEnvironment: 'node',
  moduleNameMapper,
  transform,
  transformIgnorePatterns: ['/node_modules/(?!jose/)'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  setupFilesAfterEnv: ['<rootDir>/test/yield-cpu-to-schemathesis.js'],
};

module.exports = {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/apps/**/*.spec.ts', '<rootDir>/libs/**/*.spec.ts'] },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/test/**/*.e2e.ts'] },
  ],
  globalSetup: '<rootDir>/test/global-setup.js',
  // Most suites wait (for processes they started, the broker, timers) more than they compute: a worker more than cores.
  maxWorkers: availableParallelism() + 1,
  testSequencer: '<rootDir>/test/slow-first-sequencer.js',
  testTimeout: 120000,
};
