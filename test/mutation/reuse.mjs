// What a refresh after a test change can take from the baseline instead of running it again.
//
// When tests change, Stryker tests a mutant that was not killed again with every test that reaches
// it (a survivor that a new test reaches; a static survivor, which run.mjs drops; a static runtime
// error or timeout that a new test reaches). Most of that repeats what the baseline already
// measured: the baseline ran every unchanged test file against the mutant, and a deterministic test
// that did not change gives the same result again. This module works out, before Stryker starts,
// what stays true (writeReuseRecord), and jest-file-filter-runner.mjs uses it per mutant:
// - a baseline survivor runs only against the changed test files among those that reach it (none:
//   it survives again, without a run);
// - a static runtime error (a mutant that breaks a module while it loads) is the same error again
//   as long as an unchanged test file loads that module.
// Both hold only for a mutant whose source file is byte for byte the baseline's, and only when the
// test files' shared inputs (test/support, fixtures, the helpers beside the tests) did not change;
// a changed snapshot counts as a change of its test file. As in Stryker's own incremental mode,
// changes elsewhere in the source are not followed: a mutant's result is taken to depend on its own
// file and its tests.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { changedTestFiles, textHash } from './baseline.mjs';

/** Directories under test/ whose files no unit test reads. */
const NOT_UNIT_INPUTS = ['test/mutation/', 'test/e2e/', 'test/package/'];
const SNAPSHOT = /^(.*)\/__snapshots__\/([^/]+)\.snap$/;

/** Stryker's identity of a mutant (file relative to the project, 0-based location, mutator, replacement). */
export function mutantKey(relativeFile, { start, end }, mutatorName, replacement) {
  return `${relativeFile}@${start.line}:${start.column}-${end.line}:${end.column}\n${mutatorName}: ${replacement}`;
}

/** The same key from a mutant of Stryker's report, whose positions are 1-based. */
export function reportMutantKey(relativeFile, mutant) {
  const { start, end } = mutant.location;
  const zeroBased = { start: { line: start.line - 1, column: start.column - 1 }, end: { line: end.line - 1, column: end.column - 1 } };
  return mutantKey(relativeFile, zeroBased, mutant.mutatorName, mutant.replacement ?? mutant.mutatorName);
}

/**
 * The files under test/ that unit tests read besides the test files themselves (helpers, fixtures,
 * snapshots), relative to `root` and sorted: git's tracked and untracked files, not those it
 * ignores (the state a test run leaves behind). Undefined outside a git work tree (or without
 * git): what a test run leaves behind cannot then be told from an input, so nothing is reused.
 */
export function testInputFiles(root = '.', unitTests = []) {
  const git = spawnSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z', '--', 'test'], { cwd: root, encoding: 'utf8' });
  if (git.error || git.status !== 0) return undefined;
  const tests = new Set(unitTests);
  return git.stdout.split('\0')
    .filter((name) => name !== '' && !tests.has(name) && !NOT_UNIT_INPUTS.some((dir) => name.startsWith(dir)) && fs.existsSync(path.join(root, name)))
    .sort();
}

/**
 * What a run against `report` (the baseline, parsed) may reuse per mutant, or `{ disabled }` with
 * the reason when nothing can be (no record of the tests it was measured against, or a shared test
 * input changed). `recorded` is the record of recordTestFiles (test and input files with hashes);
 * `readFile(name)` gives a file's current text or undefined; `unitTests` and `inputs` list the
 * current unit test files and test input files.
 */
export function reuseRecord(report, { recorded, readFile, unitTests, inputs }) {
  if (!recorded) return { disabled: 'no record of the test files the baseline was measured against' };
  if (!inputs) return { disabled: 'the test inputs under test/ cannot be listed outside a git work tree' };
  const listed = report.testFiles ?? {};
  const changed = new Set(changedTestFiles(report, readFile, { testFiles: unitTests, recorded }));
  const recordedInputs = Object.keys(recorded).filter((name) => !(name in listed) && !unitTests.includes(name) && !name.endsWith('.test.ts'));
  for (const name of [...new Set([...inputs, ...recordedInputs])].sort()) {
    if (recorded[name] === textHash(readFile(name))) continue;
    const snapshot = SNAPSHOT.exec(name);
    if (snapshot) {
      changed.add(`${snapshot[1]}/${snapshot[2]}`);
      continue;
    }
    return { disabled: `${name} changed since the baseline, and any test may read it` };
  }
  const survived = [];
  const staticErrors = {};
  for (const [file, sourceFile] of Object.entries(report.files ?? {})) {
    if (readFile(file) !== sourceFile.source) continue;
    for (const mutant of sourceFile.mutants) {
      if (mutant.status === 'Survived') survived.push(reportMutantKey(file, mutant));
      else if (mutant.status === 'RuntimeError' && mutant.static) staticErrors[reportMutantKey(file, mutant)] = mutant.statusReason ?? 'runtime error';
    }
  }
  return { changedTestFiles: [...changed].sort(), survived, staticErrors };
}

/**
 * The decision for one mutant that Stryker sends to the runner: `files` are the test files that
 * would run (absolute), `changed` the set of changed test files (absolute), `key` its mutantKey and
 * `isStatic` whether it runs while modules load. Returns `{ result }` when the baseline's result
 * stands without a run, or `{ files }`, the files to run.
 */
export function planFromBaseline(record, key, files, changed, isStatic) {
  if (!record || record.disabled) return { files };
  if (isStatic && key in record.staticErrors && files.some((file) => !changed.has(file))) {
    return { result: { status: 'error', errorMessage: `${record.staticErrors[key]} (the baseline's result: the module it breaks still loads in an unchanged test file)` } };
  }
  if (record.survivedKeys.has(key)) {
    const narrowed = files.filter((file) => changed.has(file));
    return narrowed.length === 0 ? { result: { status: 'survived', nrOfTests: 0 } } : { files: narrowed };
  }
  return { files };
}

/** Reads a record written by run.mjs (its `survived` list as a set), or undefined. */
export function readReuseRecord(file) {
  if (!file || !fs.existsSync(file)) return undefined;
  const record = JSON.parse(fs.readFileSync(file, 'utf8'));
  return record.disabled ? record : { ...record, survivedKeys: new Set(record.survived) };
}
