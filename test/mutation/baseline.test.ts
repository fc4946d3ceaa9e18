// test/mutation/baseline.mjs: merging a group's mutation report into the committed baseline. The
// module is ESM run by node (as Stryker's wrapper runs it), so each case runs it in a child node.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const moduleUrl = `file://${path.resolve(__dirname, 'baseline.mjs')}`;

interface Test {
  readonly id: string;
  readonly name: string;
  readonly location?: { readonly start: { readonly line: number; readonly column: number } };
}
interface Mutant {
  readonly id: string;
  readonly mutatorName: string;
  readonly replacement: string;
  readonly status: string;
  readonly location: { readonly start: { readonly line: number; readonly column: number }; readonly end: { readonly line: number; readonly column: number } };
  readonly killedBy?: readonly string[];
  readonly coveredBy?: readonly string[];
}
interface Report {
  readonly files: Record<string, { readonly language: string; readonly source: string; readonly mutants: readonly Mutant[] }>;
  readonly testFiles: Record<string, { readonly source: string; readonly tests: readonly Test[] }>;
  readonly config: { readonly mutate: readonly string[] };
  readonly schemaVersion: string;
  readonly thresholds: { readonly high: number; readonly low: number };
}

const at = (line: number) => ({ start: { line, column: 1 }, end: { line, column: 5 } });
const mutant = (id: string, line: number, status: string, killedBy: readonly string[], coveredBy: readonly string[]): Mutant => ({
  id, mutatorName: 'StringLiteral', replacement: '""', status, location: at(line), killedBy, coveredBy,
});
const test = (id: string, name: string, line: number): Test => ({ id, name, location: { start: { line, column: 3 } } });
const report = (files: Report['files'], testFiles: Report['testFiles'], mutate: readonly string[]): Report => ({
  files, testFiles, config: { mutate }, schemaVersion: '1.0', thresholds: { high: 80, low: 60 },
});

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cds-baseline-'));
  for (const file of ['a.ts', 'b.ts', 'enum.ts']) fs.writeFileSync(path.join(dir, file), '');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(name: string, value: Report): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, JSON.stringify(value));
  return file;
}

function run(script: string): { status: number | null; stdout: string; stderr: string } {
  return spawnSync(process.execPath, ['--input-type=module', '-e', `import * as baseline from '${moduleUrl}';\n${script}`], { cwd: dir, encoding: 'utf8' });
}

function merge(base: Report, group: Report): { result: ReturnType<typeof run>; merged: () => Report } {
  const baseFile = write('baseline.json', base);
  const groupFile = write('group.json', group);
  const result = run(`baseline.mergeIntoBaseline(${JSON.stringify(baseFile)}, ${JSON.stringify(groupFile)});`);
  return { result, merged: () => JSON.parse(fs.readFileSync(baseFile, 'utf8')) as Report };
}

const source = { language: 'typescript', source: 'x' };
// The two runs saw the same test files, but numbered their tests differently.
const sharedTests = 'test("one"); test("two");';
const base = report(
  {
    'a.ts': { ...source, mutants: [mutant('1', 1, 'Killed', ['7'], ['7', '8']), mutant('2', 2, 'Survived', [], ['8'])] },
    'b.ts': { ...source, mutants: [mutant('3', 1, 'Survived', [], ['7'])] },
  },
  { 'a.test.ts': { source: sharedTests, tests: [test('7', 'one', 1), test('8', 'two', 2)] }, 'old.test.ts': { source: 'test("old")', tests: [test('9', 'old', 1)] } },
  ['a.ts', 'b.ts'],
);
const group = report(
  { 'b.ts': { ...source, mutants: [mutant('0', 1, 'Killed', ['0'], ['0', '1'])] } },
  { 'a.test.ts': { source: sharedTests, tests: [test('1', 'one', 1), test('0', 'two', 2)] } },
  ['b.ts', 'enum.ts'],
);

function testNamed(merged: Report, id: string | undefined): string {
  const found = Object.values(merged.testFiles).flatMap((testFile) => testFile.tests).filter((t) => t.id === id);
  expect(found).toHaveLength(1);
  return found[0].name;
}

describe('mergeIntoBaseline', () => {
  it('replaces the files the group mutated, keeps the others, and points every mutant at the same test as before', () => {
    const { result, merged } = merge(base, group);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const out = merged();
    expect(Object.keys(out.files)).toEqual(['a.ts', 'b.ts']);
    const [killed, survived] = out.files['a.ts'].mutants;
    expect(killed.status).toBe('Killed');
    expect(testNamed(out, killed.killedBy?.[0])).toBe('one');
    expect(killed.coveredBy?.map((id) => testNamed(out, id))).toEqual(['one', 'two']);
    expect(survived.coveredBy?.map((id) => testNamed(out, id))).toEqual(['two']);
    // b.ts is the group's: killed now, by the test the group calls "two".
    expect(out.files['b.ts'].mutants).toHaveLength(1);
    expect(out.files['b.ts'].mutants[0].status).toBe('Killed');
    expect(testNamed(out, out.files['b.ts'].mutants[0].killedBy?.[0])).toBe('two');
    // A test file only the baseline had stays, with ids that clash with no other test.
    expect(out.testFiles['old.test.ts'].tests.map((t) => t.name)).toEqual(['old']);
    const ids = Object.values(out.testFiles).flatMap((testFile) => testFile.tests.map((t) => t.id));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('keeps, in config.mutate, every file either run mutated, also one without mutants, and filesInBaseline lists them', () => {
    const { merged } = merge(base, group);
    expect(merged().config.mutate).toEqual(['a.ts', 'b.ts', 'enum.ts']);
    const listed = run(`console.log(JSON.stringify(baseline.filesInBaseline('baseline.json')));`);
    expect(JSON.parse(listed.stdout)).toEqual(['a.ts', 'b.ts', 'enum.ts']);
  });

  it('refuses a group measured against another version of a test file, and leaves the baseline as it was', () => {
    const changed = report(group.files, { 'a.test.ts': { source: `${sharedTests} test("three");`, tests: group.testFiles['a.test.ts'].tests } }, group.config.mutate);
    const { result, merged } = merge(base, changed);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('the baseline was measured against other tests than this run (a.test.ts)');
    expect(result.stderr).toContain('npm run test:mutation');
    expect(merged()).toEqual(base);
  });

  it('takes the group as the baseline when there is none yet', () => {
    const groupFile = write('group.json', group);
    const result = run(`baseline.mergeIntoBaseline('new.json', ${JSON.stringify(groupFile)});`);
    expect(result.status).toBe(0);
    const out = JSON.parse(fs.readFileSync(path.join(dir, 'new.json'), 'utf8')) as Report;
    expect(Object.keys(out.files)).toEqual(['b.ts']);
    expect(testNamed(out, out.files['b.ts'].mutants[0].killedBy?.[0])).toBe('two');
  });
});

describe('filesInBaseline', () => {
  it('lists nothing without a baseline, and leaves out files that no longer exist', () => {
    expect(JSON.parse(run(`console.log(JSON.stringify(baseline.filesInBaseline('none.json')));`).stdout)).toEqual([]);
    write('baseline.json', report({}, {}, ['a.ts', 'gone.ts']));
    expect(JSON.parse(run(`console.log(JSON.stringify(baseline.filesInBaseline('baseline.json')));`).stdout)).toEqual(['a.ts']);
  });
});

describe('forgetStaticSurvivorsIfTestsChanged', () => {
  const staticMutant = (id: string, line: number, status: string): Mutant => ({ ...mutant(id, line, status, status === 'Killed' ? ['0'] : [], []), static: true } as Mutant);
  const base = report(
    { 'a.ts': { language: 'typescript', source: 'a', mutants: [staticMutant('1', 1, 'Survived'), staticMutant('2', 2, 'Killed'), mutant('3', 3, 'Survived', [], ['0'])] } },
    { 'a.test.ts': { source: 'old', tests: [test('0', 'a works', 1)] } },
    ['a.ts'],
  );

  /** Runs it with `a.test.ts` reading `testFileText` (null: gone) and the other test files as given. */
  function forget(testFileText: string | null, others: { readonly texts?: Record<string, string>; readonly recorded?: Record<string, string> } = {}): { result: { changed: string[]; dropped: number }; mutants: string[] } {
    const file = write('baseline.json', base);
    const texts = { ...(testFileText === null ? {} : { 'a.test.ts': testFileText }), ...others.texts };
    const options = others.recorded === undefined ? '' : `, { testFiles: ${JSON.stringify(Object.keys(texts))}, recorded: ${JSON.stringify(others.recorded)} }`;
    const out = run(`process.stdout.write(JSON.stringify(baseline.forgetStaticSurvivorsIfTestsChanged('baseline.json', (name) => (${JSON.stringify(texts)})[name]${options})));`);
    expect(out.stderr).toBe('');
    const after = JSON.parse(fs.readFileSync(file, 'utf8')) as Report;
    return { result: JSON.parse(out.stdout) as { changed: string[]; dropped: number }, mutants: after.files['a.ts'].mutants.map((m) => m.id) };
  }

  it('given unchanged tests, then nothing is dropped', () => {
    expect(forget('old')).toEqual({ result: { changed: [], dropped: 0 }, mutants: ['1', '2', '3'] });
  });

  it('given a changed test file, then only the static survivors are dropped (Stryker retests the others itself)', () => {
    expect(forget('new')).toEqual({ result: { changed: ['a.test.ts'], dropped: 1 }, mutants: ['2', '3'] });
  });

  it('given a test file that is gone, then the static survivors are dropped', () => {
    expect(forget(null)).toEqual({ result: { changed: ['a.test.ts'], dropped: 1 }, mutants: ['2', '3'] });
  });

  describe('with the test files of the last complete run recorded', () => {
    // The hashes recordTestFiles writes, worked out in a child node as the module does.
    const recorded = (texts: Record<string, string>): Record<string, string> => {
      const out = run(`process.stdout.write(JSON.stringify(baseline.recordTestFiles('list.json', ${JSON.stringify(Object.keys(texts))}, (name) => (${JSON.stringify(texts)})[name])));`);
      expect(out.stderr).toBe('');
      const written = JSON.parse(out.stdout) as Record<string, string>;
      // What it returns is what it wrote, and what readRecordedTestFiles reads back
      expect(JSON.parse(fs.readFileSync(path.join(dir, 'list.json'), 'utf8'))).toEqual(written);
      expect(JSON.parse(run("process.stdout.write(JSON.stringify(baseline.readRecordedTestFiles('list.json')))").stdout)).toEqual(written);
      return written;
    };

    it('given a test file the baseline does not list and the record does not know, then the static survivors are dropped', () => {
      expect(forget('old', { texts: { 'b.test.ts': 'new file' }, recorded: recorded({ 'a.test.ts': 'old' }) })).toEqual({ result: { changed: ['b.test.ts'], dropped: 1 }, mutants: ['2', '3'] });
    });

    it('given an unlisted test file that changed since the record, then the static survivors are dropped', () => {
      expect(forget('old', { texts: { 'b.test.ts': 'changed' }, recorded: recorded({ 'a.test.ts': 'old', 'b.test.ts': 'before' }) })).toEqual({ result: { changed: ['b.test.ts'], dropped: 1 }, mutants: ['2', '3'] });
    });

    it('given every test file as recorded, then nothing is dropped', () => {
      expect(forget('old', { texts: { 'b.test.ts': 'same' }, recorded: recorded({ 'a.test.ts': 'old', 'b.test.ts': 'same' }) })).toEqual({ result: { changed: [], dropped: 0 }, mutants: ['1', '2', '3'] });
    });
  });
});

describe('unitTestFiles', () => {
  it('lists the test files of jest.config.js\'s unit project, relative and sorted: no e2e or package suite', () => {
    expect(JSON.parse(run("process.stdout.write(JSON.stringify(baseline.readRecordedTestFiles('none.json') ?? null))").stdout)).toBeNull();
    const root = path.resolve(__dirname, '..', '..');
    const out = spawnSync(process.execPath, ['--input-type=module', '-e', `import * as baseline from '${moduleUrl}';\nprocess.stdout.write(JSON.stringify(baseline.unitTestFiles(${JSON.stringify(root)})));`], { cwd: dir, encoding: 'utf8' });
    const files = JSON.parse(out.stdout) as string[];
    expect(files).toEqual([...files].sort());
    expect(files).toContain(path.join('test', 'mutation', 'baseline.test.ts'));
    expect(files).toContain(path.join('test', 'constructs', 'postgres.test.ts'));
    expect(files.every((name) => name.startsWith(`test${path.sep}`) && name.endsWith('.test.ts'))).toBe(true);
    expect(files.filter((name) => name.startsWith(path.join('test', 'e2e')) || name.startsWith(path.join('test', 'package')))).toEqual([]);
  });
});
