// test/mutation/reuse.mjs: what a refresh after a test change takes from the baseline instead of
// running it again. The module is ESM run by node (as Stryker runs it), so each case runs it in a
// child node.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const moduleUrl = `file://${path.resolve(__dirname, 'reuse.mjs')}`;
const baselineUrl = `file://${path.resolve(__dirname, 'baseline.mjs')}`;

/** Calls exports of reuse.mjs (`reuse`) and baseline.mjs (`baseline`) in a child node; its JSON answer. */
function call(script: string, args: unknown, cwd?: string): unknown {
  const program = `import * as reuse from '${moduleUrl}';
import * as baseline from '${baselineUrl}';
const args = JSON.parse(process.argv[1]);
process.stdout.write(JSON.stringify(${script}));`;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', program, JSON.stringify(args)], { encoding: 'utf8', cwd });
  expect(result.stderr).toBe('');
  return JSON.parse(result.stdout);
}

interface Record {
  readonly disabled?: string;
  readonly changedTestFiles?: readonly string[];
  readonly survived?: readonly string[];
  readonly staticErrors?: { readonly [key: string]: string };
}
type Plan = { readonly result: { readonly status: string; readonly nrOfTests?: number; readonly errorMessage?: string } } | { readonly files: readonly string[] };

const location = (line: number, column: number) => ({ start: { line, column }, end: { line, column: column + 4 } });
const SOURCE = 'export const A = 1;\n';
// The baseline: one source file with a survivor, a static runtime error, a runtime error reached in
// tests only, a killed mutant and a static survivor; one test file it lists.
const report = {
  files: {
    'constructs/a.ts': {
      source: SOURCE,
      mutants: [
        { mutatorName: 'StringLiteral', replacement: '""', status: 'Survived', location: location(1, 1) },
        { mutatorName: 'ArithmeticOperator', replacement: 'a - b', status: 'RuntimeError', static: true, statusReason: 'TypeError: x is not a function', location: location(2, 3) },
        { mutatorName: 'ArithmeticOperator', replacement: 'a * b', status: 'RuntimeError', static: false, statusReason: 'RangeError', location: location(3, 3) },
        { mutatorName: 'BooleanLiteral', replacement: 'false', status: 'Killed', location: location(4, 1) },
        { mutatorName: 'BooleanLiteral', replacement: 'true', status: 'Survived', static: true, location: location(5, 1) },
      ],
    },
    'constructs/b.ts': { source: 'old text\n', mutants: [{ mutatorName: 'StringLiteral', replacement: '""', status: 'Survived', location: location(1, 1) }] },
  },
  testFiles: { 'test/a.test.ts': { source: 'listed test\n', tests: [] } },
};

/** reuseRecord over `report` with the given current texts and record of the last complete run. */
function reuseRecord(texts: { readonly [name: string]: string }, recorded: { readonly [name: string]: string } | undefined, unitTests: readonly string[], inputs: readonly string[] | undefined): Record {
  return call('reuse.reuseRecord(args.report, { recorded: args.recorded ?? undefined, readFile: (name) => args.texts[name], unitTests: args.unitTests, inputs: args.inputs })',
    { report, texts, recorded: recorded ?? null, unitTests, inputs }) as Record;
}
const hashes = (texts: { readonly [name: string]: string }): { [name: string]: string } =>
  call('Object.fromEntries(Object.entries(args).map(([name, text]) => [name, baseline.textHash(text)]))', texts) as { [name: string]: string };

const current = { 'constructs/a.ts': SOURCE, 'constructs/b.ts': 'new text\n', 'test/a.test.ts': 'listed test\n', 'test/b.test.ts': 'other test\n', 'test/support/s.ts': 'helper\n' };
const recordedNow = hashes({ 'test/a.test.ts': 'listed test\n', 'test/b.test.ts': 'other test\n', 'test/support/s.ts': 'helper\n' });
const unitTests = ['test/a.test.ts', 'test/b.test.ts'];

describe('reuseRecord', () => {
  test('keys survivors and static runtime errors of unchanged source files by the identity Stryker gives them (0-based)', () => {
    expect(reuseRecord(current, recordedNow, unitTests, ['test/support/s.ts'])).toEqual({
      changedTestFiles: [],
      survived: ['constructs/a.ts@0:0-0:4\nStringLiteral: ""', 'constructs/a.ts@4:0-4:4\nBooleanLiteral: true'],
      staticErrors: { 'constructs/a.ts@1:2-1:6\nArithmeticOperator: a - b': 'TypeError: x is not a function' },
    });
  });

  test('a listed test file is compared with the baseline\'s text, another with its recorded hash; a new one is changed', () => {
    const texts = { ...current, 'test/a.test.ts': 'listed test, changed\n', 'test/b.test.ts': 'other test, changed\n', 'test/c.test.ts': 'new\n' };
    expect(reuseRecord(texts, recordedNow, [...unitTests, 'test/c.test.ts'], ['test/support/s.ts']).changedTestFiles)
      .toEqual(['test/a.test.ts', 'test/b.test.ts', 'test/c.test.ts']);
    expect(reuseRecord({ ...current, 'test/b.test.ts': 'other test, changed\n' }, recordedNow, unitTests, ['test/support/s.ts']).changedTestFiles)
      .toEqual(['test/b.test.ts']);
  });

  test('a changed snapshot counts as a change of its test file', () => {
    const snap = 'test/stacks/__snapshots__/x.test.ts.snap';
    const recorded = { ...recordedNow, ...hashes({ [snap]: 'old\n', 'test/stacks/x.test.ts': 'x\n' }) };
    const record = reuseRecord({ ...current, [snap]: 'new\n', 'test/stacks/x.test.ts': 'x\n' }, recorded, [...unitTests, 'test/stacks/x.test.ts'], ['test/support/s.ts', snap]);
    expect(record.changedTestFiles).toEqual(['test/stacks/x.test.ts']);
  });

  test('reuses nothing when a shared test input changed, was added or is gone, or nothing was recorded', () => {
    expect(reuseRecord({ ...current, 'test/support/s.ts': 'helper, changed\n' }, recordedNow, unitTests, ['test/support/s.ts']))
      .toEqual({ disabled: 'test/support/s.ts changed since the baseline, and any test may read it' });
    expect(reuseRecord({ ...current, 'test/fixtures/f.yaml': 'new\n' }, recordedNow, unitTests, ['test/support/s.ts', 'test/fixtures/f.yaml']).disabled)
      .toBe('test/fixtures/f.yaml changed since the baseline, and any test may read it');
    const withoutHelper = Object.fromEntries(Object.entries(current).filter(([name]) => name !== 'test/support/s.ts'));
    expect(reuseRecord(withoutHelper, recordedNow, unitTests, []).disabled).toBe('test/support/s.ts changed since the baseline, and any test may read it');
    expect(reuseRecord(current, undefined, unitTests, ['test/support/s.ts']).disabled).toBe('no record of the test files the baseline was measured against');
    expect(reuseRecord(current, recordedNow, unitTests, undefined).disabled).toBe('the test inputs under test/ cannot be listed outside a git work tree');
  });
});

describe('planFromBaseline', () => {
  const record: Record = {
    changedTestFiles: ['test/b.test.ts'],
    survived: ['s'],
    staticErrors: { e: 'TypeError: x is not a function' },
  };
  const plan = (key: string, files: readonly string[], changed: readonly string[], isStatic: boolean, given: Record | null = record): Plan =>
    call('reuse.planFromBaseline(args.record && (args.record.disabled ? args.record : { ...args.record, survivedKeys: new Set(args.record.survived) }), args.key, args.files, new Set(args.changed), args.isStatic)',
      { record: given, key, files, changed, isStatic }) as Plan;

  test('a baseline survivor runs only against the changed files among those that reach it', () => {
    expect(plan('s', ['/p/a.test.ts', '/p/b.test.ts', '/p/c.test.ts'], ['/p/b.test.ts', '/p/d.test.ts'], true)).toEqual({ files: ['/p/b.test.ts'] });
    expect(plan('s', ['/p/a.test.ts', '/p/b.test.ts'], ['/p/b.test.ts'], false)).toEqual({ files: ['/p/b.test.ts'] });
  });

  test('a baseline survivor that no changed file reaches survives again without a run', () => {
    expect(plan('s', ['/p/a.test.ts'], ['/p/b.test.ts'], true)).toEqual({ result: { status: 'survived', nrOfTests: 0 } });
  });

  test('a static runtime error stands while an unchanged file loads its module, and runs again when every such file changed', () => {
    expect(plan('e', ['/p/a.test.ts', '/p/b.test.ts'], ['/p/b.test.ts'], true)).toEqual({
      result: { status: 'error', errorMessage: 'TypeError: x is not a function (the baseline\'s result: the module it breaks still loads in an unchanged test file)' },
    });
    expect(plan('e', ['/p/b.test.ts'], ['/p/b.test.ts'], true)).toEqual({ files: ['/p/b.test.ts'] });
    // The same mutant now reached inside a test only (not static): run as usual.
    expect(plan('e', ['/p/a.test.ts', '/p/b.test.ts'], ['/p/b.test.ts'], false)).toEqual({ files: ['/p/a.test.ts', '/p/b.test.ts'] });
  });

  test('any other mutant, or any mutant without a record or with a disabled one, runs against every file that reaches it', () => {
    expect(plan('k', ['/p/a.test.ts', '/p/b.test.ts'], ['/p/b.test.ts'], true)).toEqual({ files: ['/p/a.test.ts', '/p/b.test.ts'] });
    expect(plan('s', ['/p/a.test.ts'], [], true, null)).toEqual({ files: ['/p/a.test.ts'] });
    expect(plan('s', ['/p/a.test.ts'], [], true, { disabled: 'no record' })).toEqual({ files: ['/p/a.test.ts'] });
  });
});

test('testInputFiles lists what git tracks or would track under test/, not the unit tests, not what git ignores, not test/mutation, e2e or package; nothing outside a work tree', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'reuse-inputs-'));
  try {
    const write = (name: string, text = 'x\n') => {
      fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
      fs.writeFileSync(path.join(root, name), text);
    };
    for (const name of ['test/a.test.ts', 'test/support/s.ts', 'test/fixtures/f.yaml', 'test/mutation/m.mjs', 'test/e2e/e.ts', 'test/package/p.ts', 'test/fixtures/.state/x.tfstate', 'constructs/a.ts']) write(name);
    write('.gitignore', '.state/\n');
    expect(spawnSync('git', ['init', '-q'], { cwd: root }).status).toBe(0);
    expect(call('reuse.testInputFiles(".", args)', ['test/a.test.ts'], root)).toEqual(['test/fixtures/f.yaml', 'test/support/s.ts']);
    fs.rmSync(path.join(root, '.git'), { recursive: true });
    expect(call('reuse.testInputFiles(".", args) ?? "unlisted"', ['test/a.test.ts'], root)).toBe('unlisted');
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});
