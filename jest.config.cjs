/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json', diagnostics: false }],
  },
  // sources import with .js extensions (NodeNext); map them back to the .ts files for jest
  moduleNameMapper: {
    '^(\\.{1,2}/.*)\\.js$': '$1',
    '^kinetic-core$': '<rootDir>/src/index.ts',
    '^kinetic-core/operators$': '<rootDir>/operators/index.ts',
    '^kinetic-core/testing$': '<rootDir>/src/testing/index.ts',
    '^kinetic-core/node$': '<rootDir>/src/node/index.ts',
  },
  testTimeout: 30000,
};
