// The jest test environment of mutation runs (jest.mutation.config.js): jest's node environment that,
// during Stryker's initial test run only, records which test file reached each static mutant.
//
// Why: Stryker calls a mutant "static" when it executed outside any test, that is while a test file
// loaded (its imports, its describe bodies, test.each tables) or in a beforeAll/afterAll hook, and
// it then runs the mutant against every test. Each test file has its own module registry, so
// whatever ran outside a test ran on behalf of one file: a static mutant needs only the files that
// reached it that way, plus the files of the tests that reached it. jest-file-filter-runner.mjs
// uses this record to load those files instead of all of them.
//
// jest runs Stryker's test files one after another in this process (runInBand), and Stryker shares
// one coverage object between all of them, so the static hits a file added are the difference
// between that object before the file and after it.
const { TestEnvironment } = require('jest-environment-node');

/** Set by the runner around its initial test run: test file -> ids of the static mutants it reached. */
const STATIC_HITS_BY_FILE = Symbol.for('cdktf-docker-stacks.mutation.staticHitsByFile');

class StaticCoverageEnvironment extends TestEnvironment {
  #testPath;
  #hitsBefore;

  constructor(config, context) {
    super(config, context);
    this.#testPath = context.testPath;
  }

  async setup() {
    await super.setup();
    if (globalThis[STATIC_HITS_BY_FILE]) this.#hitsBefore = { ...this.#staticHits() };
  }

  async teardown() {
    const record = globalThis[STATIC_HITS_BY_FILE];
    if (record && this.#hitsBefore) {
      const reached = Object.entries(this.#staticHits())
        .filter(([mutantId, hits]) => hits > (this.#hitsBefore[mutantId] ?? 0))
        .map(([mutantId]) => mutantId);
      record.set(this.#testPath, reached);
    }
    await super.teardown();
  }

  /** Stryker's shared coverage object, set on this environment's global by its mixin (@stryker-mutator/jest-runner). */
  #staticHits() {
    const context = this.global[this.global.__strykerGlobalNamespace__ ?? '__stryker__'];
    return context?.mutantCoverage?.static ?? {};
  }
}

module.exports = StaticCoverageEnvironment;
module.exports.STATIC_HITS_BY_FILE = STATIC_HITS_BY_FILE;
