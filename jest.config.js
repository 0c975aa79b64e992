/** One jest run for everything: unit and contract tests next to the code, end-to-end tests under test/. */
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
};

module.exports = {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/apps/**/*.spec.ts', '<rootDir>/libs/**/*.spec.ts'] },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/test/**/*.e2e.ts'] },
  ],
  globalSetup: '<rootDir>/test/global-setup.js',
  testTimeout: 120000,
};
