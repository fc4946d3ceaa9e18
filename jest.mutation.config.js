// The jest configuration of mutation runs (stryker.config.mjs): the unit project of jest.config.js
// (same ts-jest transform, which only transpiles since tsconfig.json sets isolatedModules; same test
// files) with three changes for Stryker:
// - without test/constructs/module-graph.test.ts: it checks the import graph, which mutants never
//   change, and each of its 50 load-order cases rebuilds the whole library in a fresh module
//   registry: it reaches every mutant, so every mutant ran it, and it is a third of the suite's time;
// - a fixed fast-check seed (test/mutation/setup.ts), so that a mutant's status does not depend on
//   the draw and the incremental baseline stays valid;
// - ci: a missing snapshot fails instead of being written;
// - jest's node environment extended to record which test file reached each static mutant
//   (test/mutation/static-coverage-environment.cjs), so that such a mutant loads only those files.
const path = require('node:path');
const { projects } = require('./jest.config');

const { displayName: _displayName, ...unit } = projects.find((project) => project.displayName === 'unit');

module.exports = {
  ...unit,
  testPathIgnorePatterns: [...unit.testPathIgnorePatterns, '/test/constructs/module-graph\\.test\\.ts$'],
  setupFiles: [...(unit.setupFiles ?? []), '<rootDir>/test/mutation/setup.ts'],
  ci: true,
  // An absolute path: Stryker resolves the environment itself, without jest's <rootDir>.
  testEnvironment: path.join(__dirname, 'test', 'mutation', 'static-coverage-environment.cjs'),
};
