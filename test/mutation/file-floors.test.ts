// test/mutation/file-floors.mjs: per-file mutation score floors. ESM run by node, so each case
// runs it in a child node, as baseline.test.ts does.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const moduleUrl = `file://${path.resolve(__dirname, 'file-floors.mjs')}`;

function evaluate(expression: string): unknown {
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', `import * as floors from '${moduleUrl}';\nprocess.stdout.write(JSON.stringify(${expression}));`], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(result.stderr);
  return JSON.parse(result.stdout) as unknown;
}

const mutants = (...statuses: string[]) => ({ mutants: statuses.map((status, i) => ({ id: String(i), status })) });

test('a file scores detected (killed, timed out) over detected and undetected (survived, no coverage); errors and ignored count for neither', () => {
  const report = {
    files: {
      'a.ts': mutants('Killed', 'Killed', 'Timeout', 'Survived', 'NoCoverage', 'RuntimeError', 'CompileError', 'Ignored'),
      'b.ts': mutants('Killed', 'Survived', 'Survived'),
      'c.ts': mutants('RuntimeError', 'Ignored'),
    },
  };
  expect(evaluate(`floors.fileScores(${JSON.stringify(report)})`)).toEqual({ 'a.ts': 60, 'b.ts': 33.3 });
});

test('a floor is the score less the margin, rounded down, never below 0', () => {
  expect(evaluate('floors.MARGIN')).toBe(3);
  expect(evaluate(`floors.floorsFor({ 'z.ts': 85.49, 'a.ts': 3, 'm.ts': 2.5, 'n.ts': 100 })`)).toEqual({ 'a.ts': 0, 'm.ts': 0, 'n.ts': 97, 'z.ts': 82 });
});

test('a file below its floor is reported with both; at the floor it passes; a file without a floor is not judged', () => {
  const scores = { 'a.ts': 81.9, 'b.ts': 82, 'new.ts': 10 };
  expect(evaluate(`floors.filesBelowFloor(${JSON.stringify(scores)}, { 'a.ts': 82, 'b.ts': 82 })`)).toEqual([{ file: 'a.ts', score: 81.9, floor: 82 }]);
});
