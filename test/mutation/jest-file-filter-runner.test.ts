// test/mutation/jest-file-filter-runner.mjs: which test files a mutant loads, from Stryker's
// initial run. The module is ESM run by node (as Stryker runs it), so each case runs it in a
// child node.
import { spawnSync } from 'node:child_process';
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

/** testMap(dryRun, staticHitsByFile) as the runner computes it after Stryker's initial run. */
function testMap(dryRun: DryRun, staticHitsByFile: Record<string, readonly string[]>): TestMap {
  const script = `import { testMap } from '${moduleUrl}';
const [dryRun, hits] = JSON.parse(process.argv[1]);
process.stdout.write(JSON.stringify(testMap(dryRun, new Map(Object.entries(hits)))));`;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script, JSON.stringify([dryRun, staticHitsByFile])], { encoding: 'utf8' });
  expect(result.stderr).toBe('');
  return JSON.parse(result.stdout) as TestMap;
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
