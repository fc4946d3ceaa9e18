// Rewrites Stryker's incremental report (the committed baseline) into a stable, smaller form, so
// that a run that changed nothing leaves the file as it was and a small change makes a small diff:
// - tests are numbered in a fixed order (file, line, name) instead of the order jest ran them in;
// - a status reason keeps its first line, without the path of Stryker's temporary sandbox (the
//   stack traces were over a third of the file and differ on every run);
// - the absolute project root is dropped;
// - tests, files and mutants in a fixed order; arrays of ids and small objects on one line.
// Stryker reads none of what is dropped when it compares a run with the baseline: it matches
// mutants by file, location, mutator and replacement, and tests by file, name and location.
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const REASON_MAX = 300;
const INLINE_MAX = 100;

export function normalizeBaseline(file) {
  const report = JSON.parse(fs.readFileSync(file, 'utf8'));
  const order = [];
  for (const [fileName, testFile] of Object.entries(report.testFiles ?? {})) {
    for (const test of testFile.tests) order.push({ fileName, test });
  }
  order.sort((a, b) => compare(a.fileName, b.fileName) || (a.test.location?.start.line ?? 0) - (b.test.location?.start.line ?? 0) || compare(a.test.name, b.test.name));
  const newId = new Map(order.map(({ test }, index) => [test.id, String(index)]));
  for (const { test } of order) test.id = newId.get(test.id);
  for (const testFile of Object.values(report.testFiles ?? {})) testFile.tests.sort((a, b) => Number(a.id) - Number(b.id));

  const sortedKeys = (object) => Object.fromEntries(Object.entries(object).sort(([a], [b]) => compare(a, b)));
  report.files = sortedKeys(report.files);
  if (report.testFiles) report.testFiles = sortedKeys(report.testFiles);

  const renumber = (ids) => ids && [...new Set(ids.map((id) => newId.get(id) ?? id))].sort((a, b) => Number(a) - Number(b) || compare(a, b));
  for (const sourceFile of Object.values(report.files)) {
    for (const mutant of sourceFile.mutants) {
      mutant.coveredBy = renumber(mutant.coveredBy);
      mutant.killedBy = renumber(mutant.killedBy);
      if (mutant.statusReason) mutant.statusReason = shortReason(mutant.statusReason);
    }
    // In source order, not in the order the concurrent runners finished them.
    sourceFile.mutants.sort((a, b) => a.location.start.line - b.location.start.line || a.location.start.column - b.location.start.column
      || a.location.end.line - b.location.end.line || a.location.end.column - b.location.end.column
      || compare(a.mutatorName, b.mutatorName) || compare(a.replacement ?? '', b.replacement ?? ''));
  }
  delete report.projectRoot;
  fs.writeFileSync(file, `${serialize(report, '')}\n`);
}

function shortReason(reason) {
  const firstLine = reason.split('\n', 1)[0].replace(/\/\S*?\.stryker-tmp\/sandbox-[^/]+\//g, '');
  return firstLine.length > REASON_MAX ? `${firstLine.slice(0, REASON_MAX)}...` : firstLine;
}

function compare(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** JSON with two-space indentation, except that arrays of ids and small objects stay on one line. */
function serialize(value, indent) {
  const oneLine = JSON.stringify(value);
  if (value === null || typeof value !== 'object' || oneLine.length <= INLINE_MAX) return oneLine;
  if (Array.isArray(value)) {
    if (value.every((item) => item === null || typeof item !== 'object')) return oneLine;
    const inner = `${indent}  `;
    return `[\n${value.map((item) => inner + serialize(item, inner)).join(',\n')}\n${indent}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, item]) => item !== undefined);
    if (entries.length === 0) return '{}';
    const inner = `${indent}  `;
    return `{\n${entries.map(([key, item]) => `${inner}${JSON.stringify(key)}: ${serialize(item, inner)}`).join(',\n')}\n${indent}}`;
  }
  return oneLine;
}

/**
 * Merges the report of a run over some files (`groupFile`) into the baseline: the group's files
 * replace the baseline's entries for the same files, the others stay. Both runs must have seen the
 * same tests (the same test files, byte for byte): a baseline result stands only for the tests it
 * was measured against, so a stale baseline is refreshed first (`npm run test:mutation`).
 */
export function mergeIntoBaseline(baselineFile, groupFile) {
  const group = JSON.parse(fs.readFileSync(groupFile, 'utf8'));
  if (!fs.existsSync(baselineFile)) {
    fs.copyFileSync(groupFile, baselineFile);
    normalizeBaseline(baselineFile);
    return;
  }
  const base = JSON.parse(fs.readFileSync(baselineFile, 'utf8'));
  // A report lists only the test files that reached its mutants, so a file in one report only is
  // no contradiction; one in both must be the same.
  const changed = Object.keys(base.testFiles ?? {})
    .filter((name) => name in (group.testFiles ?? {}) && base.testFiles[name].source !== group.testFiles[name].source);
  if (changed.length > 0) {
    throw new Error(`the baseline was measured against other tests than this run (${changed.slice(0, 5).join(', ')}${changed.length > 5 ? ', ...' : ''}): ` +
      'refresh it first with `npm run test:mutation`');
  }
  // Each run numbers its tests itself: give every test one id, through its file, name and line
  // (a test in both reports gets the group's), and rewrite the references to it.
  const key = (fileName, test) => `${fileName}\0${test.name}\0${test.location?.start.line ?? ''}`;
  const groupIds = new Map();
  const testFiles = {};
  for (const [fileName, testFile] of Object.entries(group.testFiles ?? {})) {
    testFiles[fileName] = { ...testFile, tests: testFile.tests.map((test) => ({ ...test, id: `g${test.id}` })) };
    for (const test of testFile.tests) groupIds.set(key(fileName, test), `g${test.id}`);
  }
  const baseIds = new Map();
  for (const [fileName, testFile] of Object.entries(base.testFiles ?? {})) {
    for (const test of testFile.tests) baseIds.set(test.id, groupIds.get(key(fileName, test)) ?? `b${test.id}`);
    if (!(fileName in testFiles)) testFiles[fileName] = { ...testFile, tests: testFile.tests.map((test) => ({ ...test, id: baseIds.get(test.id) })) };
  }
  const rewrite = (ids, map) => ids && ids.map((id) => map(id)).filter((id) => id !== undefined);
  const files = {};
  for (const [fileName, sourceFile] of Object.entries(base.files)) {
    if (fileName in group.files) continue;
    files[fileName] = { ...sourceFile, mutants: sourceFile.mutants.map((mutant) => ({ ...mutant, coveredBy: rewrite(mutant.coveredBy, (id) => baseIds.get(id)), killedBy: rewrite(mutant.killedBy, (id) => baseIds.get(id)) })) };
  }
  for (const [fileName, sourceFile] of Object.entries(group.files)) {
    files[fileName] = { ...sourceFile, mutants: sourceFile.mutants.map((mutant) => ({ ...mutant, coveredBy: rewrite(mutant.coveredBy, (id) => `g${id}`), killedBy: rewrite(mutant.killedBy, (id) => `g${id}`) })) };
  }
  // config.mutate: every file a run mutated, also those without a single mutant (an enum, say),
  // which have no entry under `files`; this is what filesInBaseline lists.
  const mutate = [...new Set([...(base.config?.mutate ?? Object.keys(base.files)), ...(group.config?.mutate ?? Object.keys(group.files))])].sort(compare);
  const merged = { ...group, files, testFiles, config: { ...group.config, mutate } };
  fs.writeFileSync(baselineFile, JSON.stringify(merged));
  normalizeBaseline(baselineFile);
}

/**
 * Stryker tests a survivor again only when a test that covers it changed or was added, and it
 * records no covering tests for a static mutant (one that runs while the modules load), so a
 * static survivor would never be tested again, however the tests change. When a test file the
 * baseline was measured against changed or is gone, or (with `recorded`, the unit test files of
 * the last complete run, see recordTestFiles) a test file was added or changed that the baseline
 * does not list, this drops the baseline's static survivors, and Stryker tests them as new
 * mutants. `readTestFile(name)` gives a test file's current text, or undefined when it is gone;
 * `testFiles` names the unit test files there are now. Returns the changed test files and the
 * number of mutants dropped.
 */
export function forgetStaticSurvivorsIfTestsChanged(baselineFile, readTestFile, { testFiles = [], recorded } = {}) {
  if (!fs.existsSync(baselineFile)) return { changed: [], dropped: 0 };
  const report = JSON.parse(fs.readFileSync(baselineFile, 'utf8'));
  const changed = changedTestFiles(report, readTestFile, { testFiles, recorded });
  if (changed.length === 0) return { changed, dropped: 0 };
  let dropped = 0;
  for (const sourceFile of Object.values(report.files)) {
    const kept = sourceFile.mutants.filter((mutant) => !(mutant.static && mutant.status === 'Survived'));
    dropped += sourceFile.mutants.length - kept.length;
    sourceFile.mutants = kept;
  }
  if (dropped > 0) fs.writeFileSync(baselineFile, JSON.stringify(report));
  return { changed, dropped };
}

/**
 * The test files that changed since `report` (the baseline, parsed) was measured: a file it lists
 * whose text differs or that is gone, and (with `recorded`, see recordTestFiles) a file of
 * `testFiles` it does not list whose hash differs from the recorded one (a new file, say).
 */
export function changedTestFiles(report, readTestFile, { testFiles = [], recorded } = {}) {
  const listed = report.testFiles ?? {};
  const changed = Object.entries(listed).filter(([name, testFile]) => readTestFile(name) !== testFile.source).map(([name]) => name);
  if (recorded) changed.push(...testFiles.filter((name) => !(name in listed) && recorded[name] !== textHash(readTestFile(name))));
  return changed;
}

/**
 * The unit test files, relative to `root` and sorted: the files jest's unit project of
 * jest.config.js selects (its testMatch and testPathIgnorePatterns), asked of jest itself so that
 * this list and the suite cannot drift apart.
 */
export function unitTestFiles(root = '.') {
  const jest = spawnSync(process.execPath, [path.join(root, 'node_modules', 'jest', 'bin', 'jest.js'), '--selectProjects', 'unit', '--listTests', '--json'], { cwd: root, encoding: 'utf8' });
  if (jest.status !== 0) throw new Error(`jest --listTests failed (${jest.status}): ${jest.stderr}`);
  return JSON.parse(jest.stdout).map((name) => path.relative(path.resolve(root), name)).sort();
}

/**
 * Writes the unit test files a complete run was measured against, and the files they read under
 * test/ (test/mutation/reuse.mjs, testInputFiles), each with a hash of its text, to `listFile`:
 * what forgetStaticSurvivorsIfTestsChanged compares the tests with next time, to notice a test
 * file the baseline does not list (a new one, say), and what reuseRecord compares the inputs with.
 * Returns the list.
 */
export function recordTestFiles(listFile, testFiles, readTestFile) {
  const recorded = Object.fromEntries(testFiles.map((name) => [name, textHash(readTestFile(name))]));
  fs.writeFileSync(listFile, `${JSON.stringify(recorded, null, 1)}\n`);
  return recorded;
}

/** The recorded test files of `listFile`, or undefined when there is none. */
export function readRecordedTestFiles(listFile) {
  return fs.existsSync(listFile) ? JSON.parse(fs.readFileSync(listFile, 'utf8')) : undefined;
}

/** A short hash of a file's text (undefined for a file that is gone). */
export function textHash(text) {
  return text === undefined ? undefined : crypto.createHash('sha256').update(text).digest('hex').slice(0, 16);
}

/** The source files the baseline has mutated (and that still exist), with or without mutants. */
export function filesInBaseline(baselineFile) {
  if (!fs.existsSync(baselineFile)) return [];
  const report = JSON.parse(fs.readFileSync(baselineFile, 'utf8'));
  return [...new Set([...(report.config?.mutate ?? []), ...Object.keys(report.files)])].filter((file) => fs.existsSync(file));
}
