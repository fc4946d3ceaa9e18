// test/mutation/jest-file-filter-runner.mjs: which test files a mutant loads, from Stryker's
// initial run. The module is ESM run by node (as Stryker runs it), so each case runs it in a
// child node.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const moduleUrl = `file://${path.resolve(__dirname, 'jest-file-filter-runner.mjs')}`;

interface DryRun {
  readonly tests: readonly { readonly id: string; readonly fileName: string }[];
  readonly mutantCoverage: { readonly static: Record<string, number>; readonly perTest: Record<string, Record<string, number>> };
}
interface TestMap {
  readonly filesByTest: Record<string, readonly string[]>;
  readonly allFiles: readonly string[];
  readonly bestFileByMutant: Record<string, string>;
  readonly staticFilesByMutant: Record<string, readonly string[]>;
}

/** Calls an export of the runner module in a child node with JSON arguments; its JSON answer. */
function call(script: string, args: unknown): unknown {
  const program = `import * as runner from '${moduleUrl}';
const args = JSON.parse(process.argv[1]);
process.stdout.write(JSON.stringify(${script}));`;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', program, JSON.stringify(args)], { encoding: 'utf8' });
  expect(result.stderr).toBe('');
  return JSON.parse(result.stdout);
}

/** testMap(dryRun, staticHitsByFile) as the runner computes it after Stryker's initial run. */
function testMap(dryRun: DryRun, staticHitsByFile: Record<string, readonly string[]>): TestMap {
  return call('runner.testMap(args[0], new Map(Object.entries(args[1])))', [dryRun, staticHitsByFile]) as TestMap;
}

// Three test files. Mutant 1 runs while a.test.ts loads and in b.test.ts's test; mutant 2 runs
// while a.test.ts and c.test.ts load; mutant 3 only in tests, two of b.test.ts and one of c.test.ts.
const dryRun: DryRun = {
  tests: [
    { id: 't1', fileName: '/p/test/a.test.ts' },
    { id: 't2', fileName: '/p/test/b.test.ts' },
    { id: 't3', fileName: '/p/test/b.test.ts' },
    { id: 't4', fileName: '/p/test/c.test.ts' },
  ],
  mutantCoverage: { static: { '1': 1, '2': 2 }, perTest: { t2: { '1': 1, '3': 1 }, t3: { '3': 2 }, t4: { '3': 1 } } },
};
const everyFileRecorded = { '/p/test/a.test.ts': ['1', '2'], '/p/test/b.test.ts': [], '/p/test/c.test.ts': ['2'] };

test('a static mutant gets the files that reached it while loading and the files of the tests that reached it, and no other', () => {
  expect(testMap(dryRun, everyFileRecorded).staticFilesByMutant).toEqual({
    '1': ['/p/test/a.test.ts', '/p/test/b.test.ts'],
    '2': ['/p/test/a.test.ts', '/p/test/c.test.ts'],
  });
});

test('a static mutant gets every file when one file is missing from the record (it could have reached anything)', () => {
  const { staticFilesByMutant, allFiles } = testMap(dryRun, { '/p/test/a.test.ts': ['1', '2'], '/p/test/b.test.ts': [] });
  expect(staticFilesByMutant).toEqual({});
  expect(allFiles).toEqual(['/p/test/a.test.ts', '/p/test/b.test.ts', '/p/test/c.test.ts']);
});

test('a mutant reached in tests runs first in the file holding most of those tests', () => {
  const map = testMap(dryRun, everyFileRecorded);
  expect(map.bestFileByMutant['3']).toBe('/p/test/b.test.ts');
  expect(map.filesByTest).toEqual({ t1: ['/p/test/a.test.ts'], t2: ['/p/test/b.test.ts'], t3: ['/p/test/b.test.ts'], t4: ['/p/test/c.test.ts'] });
});

test('a mutant runs its first file alone, then the others cheapest first in chunks of 2, 4, 8 files', () => {
  const files = Array.from({ length: 10 }, (_, i) => `f${i}`);
  // f9 is the cheapest, f0 the costliest; f4 runs first.
  const msPerFile = Object.fromEntries(files.map((file, i) => [file, 100 - i]));
  expect(call('runner.fileSteps(...args)', [files, 'f4', msPerFile])).toEqual([['f4'], ['f9', 'f8'], ['f7', 'f6', 'f5', 'f3'], ['f2', 'f1', 'f0']]);
  expect(call('runner.fileSteps(...args)', [['a', 'b'], 'b', {}])).toEqual([['b'], ['a']]);
  // No first file known: the cheapest goes alone first, then the rest as before.
  expect(call('runner.fileSteps(...args)', [['a', 'b', 'c', 'd'], undefined, { a: 5, b: 1, c: 3, d: 4 }])).toEqual([['b'], ['c', 'd'], ['a']]);
});

test('the initial run\'s test time is summed per file', () => {
  const timed = { ...dryRun, tests: dryRun.tests.map((t, i) => ({ ...t, timeSpentMs: 10 * (i + 1) })) };
  expect((testMap(timed, everyFileRecorded) as TestMap & { msPerFile: Record<string, number> }).msPerFile).toEqual({
    '/p/test/a.test.ts': 10,
    '/p/test/b.test.ts': 50,
    '/p/test/c.test.ts': 40,
  });
});

test('staticReach counts, per source file, the static mutants each test file reached outside a test, most first', () => {
  const fileOf = { '1': 'constructs/a.ts', '2': 'constructs/a.ts', '3': 'constructs/b.ts' };
  const hits = { [path.join(process.cwd(), 'test/x.test.ts')]: ['1', '3'], [path.join(process.cwd(), 'test/y.test.ts')]: ['1', '2', '9'], [path.join(process.cwd(), 'test/z.test.ts')]: [] };
  expect(call('runner.staticReach(new Map(Object.entries(args[0])), args[1])', [hits, fileOf])).toEqual({
    '(unknown)': { 'test/y.test.ts': 1 },
    'constructs/a.ts': { 'test/y.test.ts': 2, 'test/x.test.ts': 1 },
    'constructs/b.ts': { 'test/x.test.ts': 1 },
  });
});

test('instrumentedMutantFiles reads the mutant ids of each instrumented source file', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'instrumented-'));
  try {
    fs.mkdirSync(path.join(root, 'constructs', 'sub'), { recursive: true });
    fs.writeFileSync(path.join(root, 'constructs', 'a.ts'), 'const x = stryMutAct_9fa48("0") ? 1 : (stryCov_9fa48("0"), stryMutAct_9fa48("12") ? 2 : 3);\n');
    fs.writeFileSync(path.join(root, 'constructs', 'sub', 'b.ts'), 'if (stryMutAct_9fa48("7")) {}\n');
    fs.writeFileSync(path.join(root, 'constructs', 'notes.md'), 'stryMutAct_9fa48("99")\n');
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', `import * as runner from '${moduleUrl}'; process.stdout.write(JSON.stringify(runner.instrumentedMutantFiles('constructs')));`], { cwd: root, encoding: 'utf8' });
    expect(JSON.parse(result.stdout)).toEqual({ '0': 'constructs/a.ts', '12': 'constructs/a.ts', '7': 'constructs/sub/b.ts' });
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});
