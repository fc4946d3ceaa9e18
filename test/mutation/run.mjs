// Runs Stryker (stryker.config.mjs) under a wall-clock cap.
//
//   node test/mutation/run.mjs [--max-minutes N] [stryker run options...]
//
// The incremental baseline (test/mutation/stryker-incremental.json) makes a run on unchanged code
// re-test nothing, so the cap only bites when a change touches many mutants, or when the baseline
// is missing or stale. Then the run is stopped, the mutants it did not reach are listed, and the
// exit status is 1: update the baseline (`npm run test:mutation:full`, docs/DEVELOPING.md).
// --max-minutes 0 means no cap. Without the cap, the exit status is Stryker's (1 below the floor),
// or 1 when a file's score is below its own floor (test/mutation/file-floors.json).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import config from '../../stryker.config.mjs';
import { forgetStaticSurvivorsIfTestsChanged, normalizeBaseline, readRecordedTestFiles, recordTestFiles, unitTestFiles } from './baseline.mjs';
import { fileScores, filesBelowFloor, readFloors } from './file-floors.mjs';
import { PLAN_FILE, TESTED_FILE } from './progress-reporter.mjs';
import { reuseRecord, testInputFiles } from './reuse.mjs';

const DEFAULT_MAX_MINUTES = 20;
const SHOWN = 40;

const args = process.argv.slice(2);
let maxMinutes = Number(process.env.MUTATION_MAX_MINUTES ?? DEFAULT_MAX_MINUTES);
const capAt = args.indexOf('--max-minutes');
if (capAt >= 0) {
  maxMinutes = Number(args[capAt + 1]);
  args.splice(capAt, 2);
}
if (!Number.isFinite(maxMinutes) || maxMinutes < 0) {
  console.error('--max-minutes takes a number of minutes (0: no cap)');
  process.exit(2);
}

// A run against the baseline (not a group of its own, not --force): static survivors are tested
// again when the tests changed (see forgetStaticSurvivorsIfTestsChanged); a stopped run puts them back.
const againstBaseline = !args.includes('--incrementalFile') && !args.includes('--force');
// The unit test files of the last complete run against the baseline, committed beside it.
const TEST_FILES_LIST = 'test/mutation/baseline-test-files.json';
const readTestFile = (name) => (fs.existsSync(name) ? fs.readFileSync(name, 'utf8') : undefined);
// What the runner may take from the baseline instead of running it again (test/mutation/reuse.mjs).
const REUSE_FILE = path.resolve('reports', 'mutation', 'reuse.json');
const baselineBefore = againstBaseline && fs.existsSync(config.incrementalFile) ? fs.readFileSync(config.incrementalFile) : undefined;
if (baselineBefore) {
  const unitTests = unitTestFiles();
  const recorded = readRecordedTestFiles(TEST_FILES_LIST);
  const { changed, dropped } = forgetStaticSurvivorsIfTestsChanged(config.incrementalFile, readTestFile, { testFiles: unitTests, recorded });
  if (changed.length > 0) {
    const reuse = reuseRecord(JSON.parse(baselineBefore), { recorded, readFile: readTestFile, unitTests, inputs: testInputFiles('.', unitTests) });
    fs.mkdirSync(path.dirname(REUSE_FILE), { recursive: true });
    fs.writeFileSync(REUSE_FILE, JSON.stringify(reuse));
    process.env.MUTATION_REUSE_FILE = REUSE_FILE;
    console.log(`== ${changed.length} test files changed since the baseline (${changed.slice(0, 3).join(', ')}${changed.length > 3 ? ', ...' : ''}): ` +
      `its ${dropped} static survivors are tested again; ` +
      (reuse.disabled ? `every test file that reaches a mutant runs (${reuse.disabled})`
        : `a survivor runs only against the ${reuse.changedTestFiles.length} changed test files, and ${Object.keys(reuse.staticErrors).length} static runtime errors stand`));
  }
}

// Which test files reach each source file's static mutants outside a test (the runner writes it after the initial run).
process.env.MUTATION_STATIC_REACH_FILE ??= path.resolve('reports', 'mutation', 'static-reach.json');
fs.mkdirSync(path.dirname(process.env.MUTATION_STATIC_REACH_FILE), { recursive: true });

const started = Date.now();
// Its own process group, so that the cap stops Stryker and its test runner processes together.
const stryker = spawn(path.resolve('node_modules', '.bin', 'stryker'), ['run', ...args], { stdio: 'inherit', detached: true });
let capped = false;
const timer = maxMinutes > 0
  ? setTimeout(() => {
    capped = true;
    console.error(`\n== mutation testing: stopped at the ${maxMinutes} min cap`);
    process.kill(-stryker.pid, 'SIGTERM');
    setTimeout(() => process.kill(-stryker.pid, 'SIGKILL'), 10_000).unref();
  }, maxMinutes * 60_000)
  : undefined;

// A run stopped by hand (Ctrl-C, kill) ends as a capped one does: the baseline as it was before.
let stopped = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    stopped = true;
    process.kill(-stryker.pid, signal);
  });
}

stryker.on('exit', (code, signal) => {
  clearTimeout(timer);
  fs.rmSync(REUSE_FILE, { force: true });
  if (capped || stopped) {
    if (capped) reportUntested();
    // It may lack its static survivors (dropped above to be tested again): put them back.
    if (baselineBefore) fs.writeFileSync(config.incrementalFile, baselineBefore);
    // Stryker had no chance to remove its sandbox.
    fs.rmSync('.stryker-tmp', { recursive: true, force: true });
    process.exit(1);
  }
  // Stryker rewrote the baseline (also when the score is below the floor): make it stable.
  const rewritten = fs.existsSync(config.incrementalFile) && fs.statSync(config.incrementalFile).mtimeMs >= started;
  if (rewritten) {
    normalizeBaseline(config.incrementalFile);
    warnAboutComputedTestNames();
  }
  // A complete run against the whole baseline: every mutant of it is now measured against these tests.
  if (rewritten && againstBaseline && !args.includes('--mutate')) {
    const unitTests = unitTestFiles();
    // Outside a git work tree only the test files are recorded; the next run then finds the inputs
    // changed and reuses nothing, as it should without a record of them.
    recordTestFiles(TEST_FILES_LIST, [...unitTests, ...(testInputFiles('.', unitTests) ?? [])].sort(), readTestFile);
  }
  if (code === 0 && !process.env.MUTATION_NO_FLOOR && !checkFileFloors()) process.exit(1);
  process.exit(code ?? (signal ? 1 : 0));
});

/** Each file's score against its floor (test/mutation/file-floors.mjs); false when one is below. */
function checkFileFloors() {
  const below = filesBelowFloor(fileScores(JSON.parse(fs.readFileSync(config.incrementalFile, 'utf8'))), readFloors());
  for (const { file, score, floor } of below) {
    console.error(`== ${file}: mutation score ${score}% is below its floor of ${floor}% (test/mutation/file-floors.json): add tests that kill its survivors (reports/mutation/mutation.html)`);
  }
  return below.length === 0;
}

/**
 * A mutant killed by a test whose title prints a value the mutant changed was killed under a name
 * that does not exist unmutated; Stryker cannot find that test again, so it tests the mutant again
 * on every run. Names them, so that the title gets literals instead.
 */
function warnAboutComputedTestNames() {
  const report = JSON.parse(fs.readFileSync(config.incrementalFile, 'utf8'));
  const known = new Set(Object.values(report.testFiles ?? {}).flatMap((testFile) => testFile.tests.map((test) => test.id)));
  const unknown = new Set();
  for (const sourceFile of Object.values(report.files)) {
    for (const mutant of sourceFile.mutants) {
      if (mutant.status === 'Killed') for (const id of mutant.killedBy ?? []) if (!known.has(id)) unknown.add(id);
    }
  }
  if (unknown.size === 0) return;
  console.error(`== ${unknown.size} tests killed mutants under a title that does not exist unmutated (a title printed from a value), so their mutants are tested again on every run; give these titles literals:`);
  for (const name of [...unknown].sort().slice(0, SHOWN)) console.error(`   ${name}`);
}

function reportUntested() {
  if (!fs.existsSync(PLAN_FILE)) {
    console.error('== the run was stopped before its test plan was ready (in the initial test run)');
    return;
  }
  const { planned, toTest } = JSON.parse(fs.readFileSync(PLAN_FILE, 'utf8'));
  const tested = new Set(fs.readFileSync(TESTED_FILE, 'utf8').split('\n').filter(Boolean));
  const untested = toTest.filter((mutant) => !tested.has(mutant.id));
  console.error(`== ${planned} mutants, ${toTest.length} to test (the others reused from the baseline or ignored), ` +
    `${toTest.length - untested.length} tested, ${untested.length} left untested:`);
  const perFile = new Map();
  for (const mutant of untested) perFile.set(mutant.file, (perFile.get(mutant.file) ?? 0) + 1);
  for (const [file, count] of [...perFile].sort()) console.error(`   ${String(count).padStart(5)}  ${file}`);
  for (const m of untested.slice(0, SHOWN)) console.error(`   ${m.file}:${m.line}:${m.column} ${m.mutator} -> ${JSON.stringify(m.replacement)}`);
  if (untested.length > SHOWN) console.error(`   ... and ${untested.length - SHOWN} more`);
}
