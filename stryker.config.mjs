// Mutation testing of constructs/ with StrykerJS: npm run test:mutation (docs/DEVELOPING.md,
// "Mutation testing"). Runs are incremental against the committed baseline
// test/mutation/stryker-incremental.json: only mutants in changed code, or whose tests changed,
// are tested again.
import { filesInBaseline } from './test/mutation/baseline.mjs';

/** The floor: the score of the baseline's files, less a margin (docs/DEVELOPING.md). */
const FLOOR = 96;
const INCREMENTAL_FILE = 'test/mutation/stryker-incremental.json';

export default {
  // The files that have results in the baseline: a run on them re-tests only what changed. The
  // baseline grows a group of files at a time (`npm run test:mutation:extend`, which also lists the
  // files still missing); MUTATION_ALL=1 mutates every file (`npm run test:mutation:full`).
  mutate: process.env.MUTATION_ALL ? ['constructs/**/*.ts'] : filesInBaseline(INCREMENTAL_FILE),
  // @stryker-mutator/jest-runner, wrapped so that a mutant loads only the test files it needs.
  testRunner: 'jest-file-filter',
  plugins: ['@stryker-mutator/jest-runner', './test/mutation/jest-file-filter-runner.mjs', './test/mutation/progress-reporter.mjs'],
  jest: { projectType: 'custom', configFile: 'jest.mutation.config.js' },
  // Per-test coverage: a mutant runs only the tests that reach it (all tests if it is static,
  // i.e. executed while modules load). Static mutants are tested, not ignored: `ignoreStatic`
  // would drop them from the score, and most of this library's are also reached by tests.
  coverageAnalysis: 'perTest',
  concurrency: 2,
  // Per mutant: 3 x its tests' time in the initial run + 60 s. Generous, so that a busy machine does
  // not turn slow runs into "timeouts" (which count as killed); real infinite loops are caught
  // earlier by Stryker's hit limit.
  timeoutFactor: 3,
  timeoutMS: 60_000,
  dryRunTimeoutMinutes: 15,
  incremental: true,
  incrementalFile: INCREMENTAL_FILE,
  thresholds: { high: 80, low: 60, break: process.env.MUTATION_NO_FLOOR ? null : FLOOR },
  reporters: ['clear-text', 'progress', 'html', 'mutation-progress'],
  clearTextReporter: { reportTests: false, reportMutants: false },
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  // Not needed by the unit tests: kept out of Stryker's sandbox copy of the project.
  ignorePatterns: ['cdktf.out', 'lib', '.local', 'coverage', 'reports', 'bench', 'test/e2e', 'test/package', 'test/mutation/stryker-incremental.json'],
  tempDirName: '.stryker-tmp',
};
