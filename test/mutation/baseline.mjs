// Rewrites Stryker's incremental report (the committed baseline) into a stable, smaller form, so
// that a run that changed nothing leaves the file as it was and a small change makes a small diff:
// - tests are numbered in a fixed order (file, line, name) instead of the order jest ran them in;
// - a status reason keeps its first line, without the path of Stryker's temporary sandbox (the
//   stack traces were over a third of the file and differ on every run);
// - the absolute project root is dropped;
// - tests, files and mutants in a fixed order; arrays of ids and small objects on one line.
// Stryker reads none of what is dropped when it compares a run with the baseline: it matches
// mutants by file, location, mutator and replacement, and tests by file, name and location.
import fs from 'node:fs';

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
