// A Stryker test runner ("jest-file-filter") around @stryker-mutator/jest-runner that loads only the
// test files a mutant needs.
//
// Why: for each mutant, the jest runner starts jest with --findRelatedTests on the mutated file and
// a --testNamePattern of the tests that cover the mutant. Every test file imports the library's
// index, so every test file is "related": jest loaded all of them (cdktf, zod and 1 MB of provider
// bindings, once per file) only to skip most of their tests. Loading, not testing, was most of a
// mutant's cost, for static mutants and the others alike (which is also why `ignoreStatic` saved
// so little: it only changes which tests run inside files that are loaded anyway).
//
// What it does instead, with the same outcome:
// - a mutant covered by known tests gets jest on the files that hold those tests only, with the
//   same test name pattern (a test elsewhere never executes the mutant);
// - a static mutant (executed outside any test: while a test file loads, or in a beforeAll) gets
//   the files that reached it that way (recorded by static-coverage-environment.cjs during the
//   initial run: each test file has its own module registry, so what ran outside a test ran on
//   behalf of one file) and the files of the tests that reached it; every test file only when
//   the record has nothing for it;
// - in both cases, the files are run in steps: first the source file's own test
//   (constructs/x.ts -> test/constructs/x.test.ts), or else the file with most of the covering
//   tests; the other files only if the mutant survived that one, cheapest first in chunks of 2,
//   4, 8, ... files. A mutant is killed when any test fails, so stopping at the first failing
//   chunk changes nothing but the time.
//
// The initial test run happens in one runner process and mutants run in others, so the initial
// run writes the test-to-file map to a file in the sandbox for the others to read.
import fs from 'node:fs';
import path from 'node:path';
import { commonTokens, declareFactoryPlugin, PluginKind, tokens } from '@stryker-mutator/api/plugin';
import { DryRunStatus, MutantRunStatus } from '@stryker-mutator/api/test-runner';
import { strykerPlugins as jestPlugins, strykerValidationSchema } from '@stryker-mutator/jest-runner';
import { mutantKey, planFromBaseline, readReuseRecord } from './reuse.mjs';
import staticCoverageEnvironment from './static-coverage-environment.cjs';

const MAP_FILE = '.stryker-test-files.json';
const jestFactory = jestPlugins.find((plugin) => plugin.name === 'jest').factory;

const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

class JestFileFilterRunner {
  static inject = tokens(commonTokens.injector, commonTokens.logger);

  constructor(injector, log) {
    this.inner = injector.injectFunction(jestFactory);
    this.log = log;
    this.mapFile = path.resolve(MAP_FILE);
    this.map = undefined;
    // Set by run.mjs when tests changed since the baseline: what the baseline's results still say.
    this.reuse = readReuseRecord(process.env.MUTATION_REUSE_FILE);
    this.changedTestFiles = new Set((this.reuse?.changedTestFiles ?? []).map((file) => path.resolve(file)));
    this.fromBaseline = { reused: 0, narrowed: 0 };
    this.pendingFiles = undefined;
    // The jest runner passes `testFiles` through to jest when given; its mutantRun never does, so
    // the files for the current mutant are slipped in here.
    const adapter = this.inner.jestTestAdapter;
    const run = adapter.run.bind(adapter);
    adapter.run = (settings) => run(this.pendingFiles ? { ...settings, testFiles: this.pendingFiles } : settings);
  }

  capabilities() {
    return this.inner.capabilities();
  }

  init() {
    return this.inner.init();
  }

  dispose() {
    const { reused, narrowed } = this.fromBaseline;
    if (reused + narrowed > 0) this.log.info(`baseline results reused without a run: ${reused}; survivors run against the changed test files only: ${narrowed}`);
    return this.inner.dispose?.();
  }

  async dryRun(options) {
    const staticHitsByFile = new Map();
    globalThis[staticCoverageEnvironment.STATIC_HITS_BY_FILE] = staticHitsByFile;
    try {
      const result = await this.inner.dryRun(options);
      if (result.status === DryRunStatus.Complete) {
        const map = testMap(result, staticHitsByFile);
        fs.writeFileSync(this.mapFile, JSON.stringify(map));
        this.log.info(staticSummary(result, map));
        if (process.env.MUTATION_STATIC_REACH_FILE) {
          fs.writeFileSync(process.env.MUTATION_STATIC_REACH_FILE, `${JSON.stringify(staticReach(staticHitsByFile, instrumentedMutantFiles('constructs')), null, 2)}\n`);
        }
      }
      return result;
    } finally {
      delete globalThis[staticCoverageEnvironment.STATIC_HITS_BY_FILE];
    }
  }

  async mutantRun(options) {
    const map = this.loadMap();
    if (!map) return this.inner.mutantRun(options);
    // Runtime mutants: the files of the covering tests; static mutants: the files that reached them
    // (every test file when unknown).
    const reached = options.testFilter ? this.filesOf(map, options.testFilter) : (map.staticFilesByMutant[options.activeMutant.id] ?? map.allFiles);
    if (!reached) return this.inner.mutantRun(options);
    // After a test change: a baseline survivor needs only the changed files, a static runtime error none.
    const { location, mutatorName, replacement } = options.activeMutant;
    const key = mutantKey(path.relative(process.cwd(), options.sandboxFileName), location, mutatorName, replacement);
    const plan = planFromBaseline(this.reuse, key, reached, this.changedTestFiles, !options.testFilter);
    if (plan.result) {
      this.fromBaseline.reused += 1;
      return plan.result;
    }
    const { files } = plan;
    if (files !== reached) this.fromBaseline.narrowed += 1;
    // First the source file's own test, or else the file with most of the tests that reach the
    // mutant: most mutants die there, and then no other file is loaded.
    const mirror = this.mirrorOf(options.sandboxFileName);
    const best = map.bestFileByMutant[options.activeMutant.id];
    const first = files.includes(mirror) ? mirror : files.includes(best) ? best : undefined;
    // Then the others, cheapest first, in chunks of 2, 4, 8, ... files: jest cannot stop at the
    // first failure when run from code, so one run of 70 files ran all 70 even when the first
    // failed; this way a mutant killed in the k-th file loads at most about 2k of them.
    let result;
    let testsRun = 0;
    for (const step of fileSteps(files, first, map.msPerFile)) {
      result = await this.runWith(step, options);
      testsRun += result.nrOfTests ?? 0;
      if (result.status !== MutantRunStatus.Survived) return result;
    }
    return { ...result, nrOfTests: testsRun };
  }

  async runWith(files, options) {
    this.pendingFiles = files.map((file) => `^${escapeRegExp(file)}$`);
    try {
      return await this.inner.mutantRun(options);
    } finally {
      this.pendingFiles = undefined;
    }
  }

  /** The files holding the given tests, or undefined when a test is unknown (then run as usual). */
  filesOf(map, testIds) {
    const files = new Set();
    for (const id of testIds) {
      const found = map.filesByTest[id];
      if (!found) return undefined;
      for (const file of found) files.add(file);
    }
    return [...files];
  }

  /** constructs/x/y.ts -> <sandbox>/test/constructs/x/y.test.ts */
  mirrorOf(sourceFile) {
    return path.resolve('test', path.relative(process.cwd(), sourceFile).replace(/\.ts$/, '.test.ts'));
  }

  loadMap() {
    if (this.map === undefined) {
      try {
        this.map = JSON.parse(fs.readFileSync(this.mapFile, 'utf8'));
      } catch {
        this.log.warn(`${this.mapFile} not found: running mutants with every related test file`);
        this.map = null;
      }
    }
    return this.map;
  }
}

/**
 * The steps in which a mutant's test files run: `first` alone, then the others cheapest first (by
 * their tests' time in the initial run) in chunks of 2, 4, 8, ... files. Without a `first` (no
 * mirror test and no covering test, as for most static mutants of a file without its own test), the
 * cheapest file goes alone first.
 */
export function fileSteps(files, first, msPerFile) {
  const cheapestFirst = (a, b) => (msPerFile[a] ?? 0) - (msPerFile[b] ?? 0) || a.localeCompare(b);
  const lead = first ?? [...files].sort(cheapestFirst)[0];
  const rest = files.filter((file) => file !== lead).sort(cheapestFirst);
  const steps = [[lead]];
  for (let start = 0, size = 2; start < rest.length; start += size, size *= 2) steps.push(rest.slice(start, start + size));
  return steps;
}

/**
 * From the dry run: the files of each test, every test file, per mutant the file that holds most of
 * its covering tests, and per static mutant the files that reached it (outside a test or in one).
 */
export function testMap(result, staticHitsByFile) {
  const filesByTest = {};
  const testsPerFile = {};
  const msPerFile = {};
  for (const test of result.tests) {
    msPerFile[test.fileName] = (msPerFile[test.fileName] ?? 0) + (test.timeSpentMs ?? 0);
    const files = (filesByTest[test.id] ??= []);
    if (!files.includes(test.fileName)) files.push(test.fileName);
    testsPerFile[test.fileName] = (testsPerFile[test.fileName] ?? 0) + 1;
  }
  const coveringPerFile = {};
  for (const [testId, hits] of Object.entries(result.mutantCoverage?.perTest ?? {})) {
    for (const mutantId of Object.keys(hits)) {
      const counts = (coveringPerFile[mutantId] ??= {});
      for (const file of filesByTest[testId] ?? []) counts[file] = (counts[file] ?? 0) + 1;
    }
  }
  const bestFileByMutant = {};
  for (const [mutantId, counts] of Object.entries(coveringPerFile)) {
    // Most covering tests first; of two such files, the smaller one (cheaper to run).
    [bestFileByMutant[mutantId]] = Object.keys(counts).sort((a, b) => counts[b] - counts[a] || testsPerFile[a] - testsPerFile[b]);
  }
  const allFiles = Object.keys(testsPerFile).sort();
  const staticFilesByMutant = {};
  // Every file Stryker ran must have been recorded: a file missing from the record (another test
  // environment, say) could have reached any static mutant, so then none gets a narrower list.
  if (allFiles.every((file) => staticHitsByFile.has(file))) {
    for (const [file, mutantIds] of staticHitsByFile) {
      for (const mutantId of mutantIds) (staticFilesByMutant[mutantId] ??= new Set()).add(file);
    }
    for (const [mutantId, files] of Object.entries(staticFilesByMutant)) {
      for (const file of Object.keys(coveringPerFile[mutantId] ?? {})) files.add(file);
      staticFilesByMutant[mutantId] = [...files].sort();
    }
  }
  return { filesByTest, allFiles, bestFileByMutant, staticFilesByMutant, msPerFile };
}

/** One log line: how many test files a static mutant loads now, against every file before. */
/** Mutant id -> source file (relative), read from the instrumented files of the sandbox (the cwd). */
export function instrumentedMutantFiles(directory) {
  const fileOf = {};
  for (const name of fs.readdirSync(directory, { recursive: true })) {
    const file = path.join(directory, String(name));
    if (!file.endsWith('.ts')) continue;
    for (const match of fs.readFileSync(file, 'utf8').matchAll(/stryMutAct_9fa48\("(\d+)"\)/g)) fileOf[match[1]] = file;
  }
  return fileOf;
}

/**
 * Per source file, the test files that reached its static mutants outside any test (at load, at
 * describe time, in a beforeAll), most first, with how many each reached: where to move work
 * into the tests, or into functions, to make those mutants cheap (docs/DEVELOPING.md).
 */
export function staticReach(staticHitsByFile, fileOf) {
  const bySource = {};
  for (const [testFile, mutantIds] of staticHitsByFile) {
    for (const id of mutantIds) {
      const source = fileOf[id] ?? '(unknown)';
      const counts = (bySource[source] ??= {});
      const test = path.relative(process.cwd(), testFile);
      counts[test] = (counts[test] ?? 0) + 1;
    }
  }
  return Object.fromEntries(Object.keys(bySource).sort().map((source) => [
    source,
    Object.fromEntries(Object.entries(bySource[source]).sort(([a, x], [b, y]) => y - x || a.localeCompare(b))),
  ]));
}

function staticSummary(result, map) {
  const staticIds = Object.keys(result.mutantCoverage?.static ?? {});
  if (staticIds.length === 0) return 'no static mutants';
  const counts = staticIds.map((id) => map.staticFilesByMutant[id]?.length ?? map.allFiles.length);
  const files = counts.reduce((sum, count) => sum + count, 0);
  return `${staticIds.length} static mutants load ${files} test files in all (${(files / staticIds.length).toFixed(1)} each), not ${staticIds.length * map.allFiles.length} (${map.allFiles.length} each)`;
}

function jestFileFilterRunnerFactory(injector) {
  return injector.injectClass(JestFileFilterRunner);
}
jestFileFilterRunnerFactory.inject = tokens(commonTokens.injector);

export const strykerPlugins = [declareFactoryPlugin(PluginKind.TestRunner, 'jest-file-filter', jestFileFilterRunnerFactory)];
export { strykerValidationSchema };
