// `npm run bench:bad-inputs` (or `npx ts-node --transpile-only bench/bad-inputs.ts [--json]
// [--runs N] [--seed N]`): every bad input of the catalogue, every bad configuration file and
// N fuzzed prop sets (3,000 by default) through the public API, each built and synthesized into
// a fresh directory; prints a table per class with counts per outcome and the cases not in
// their expected outcome. Measures; asserts nothing (test/bench/bad-inputs.test.ts does).
import { execFileSync } from 'child_process';
import { FUZZ_SEED } from './bad-inputs/fuzz';
import { formatReport, runReport } from './bad-inputs/report';

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(name);
  if (index < 0) return fallback;
  const value = Number(process.argv[index + 1]);
  if (!Number.isSafeInteger(value) || value < 0) {
    console.error(`${name} takes a whole number, got ${process.argv[index + 1]}`);
    process.exit(2);
  }
  return value;
}

function commit(): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: __dirname, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', '../constructs', '../stacks'], { cwd: __dirname, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return `commit ${head}${dirty ? ' (constructs/ or stacks/ modified)' : ''}`;
  } catch {
    return 'commit unknown';
  }
}

const report = runReport({ seed: option('--seed', FUZZ_SEED), fuzzRuns: option('--runs', 3000) });
const context = `${commit()}, node ${process.version}`;
if (process.argv.includes('--json')) console.log(JSON.stringify({ context, ...report }, null, 2));
else console.log(formatReport(report, context));
