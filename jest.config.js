// Two projects: unit tests synthesize only; e2e tests deploy on a real Docker Engine and
// need the local engine, provider mirror and images (scripts/with-local-engine.sh).
const common = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['ts-jest', {}] },
  // Stryker's sandbox copy of the project (npm run test:mutation), when one is left behind.
  modulePathIgnorePatterns: ['<rootDir>/.stryker-tmp/'],
};

module.exports = {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/test/**/*.test.ts'], testPathIgnorePatterns: ['/test/e2e/', '/test/package/'] },
    { ...common, displayName: 'package', testMatch: ['<rootDir>/test/package/**/*.test.ts'], setupFilesAfterEnv: ['<rootDir>/test/e2e/support/setup.ts'] },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.e2e.test.ts'], testPathIgnorePatterns: ['/test/e2e/swarm'], setupFilesAfterEnv: ['<rootDir>/test/e2e/support/setup.ts'] },
    // Builds its own three-node Swarm (scripts/swarm.sh) and tears it down: run apart from the single-engine suites.
    { ...common, displayName: 'swarm', testMatch: ['<rootDir>/test/e2e/swarm*.e2e.test.ts'], setupFilesAfterEnv: ['<rootDir>/test/e2e/support/setup.ts'] },
  ],
};
