// Grows the mutation baseline (test/mutation/stryker-incremental.json) a group of files at a time,
// so that the full baseline over constructs/ (hours on 2 cores) is built across runs that each fit
// a time cap, and a stopped run loses at most the group it was in.
//
//   node test/mutation/extend-baseline.mjs [--max-minutes N] [--group-lines L] [files...]
//
// First the files already in the baseline are brought up to date (an incremental run, as
// `npm run test:mutation` does), since a group's result can only be merged into a baseline that
// was measured against the same tests. Then the files given (default: every constructs/ file not
// in the baseline yet) are cut into groups of about L source lines (default 600) and each group is
// mutated on its own and merged into the baseline as soon as it finishes. Prints the files still
// missing at the end; exits 1 when the cap stopped it before all were done.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { filesInBaseline, mergeIntoBaseline } from './baseline.mjs';

const BASELINE = 'test/mutation/stryker-incremental.json';
const GROUP_FILE = path.join('reports', 'mutation', 'group-incremental.json');

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(name);
  if (at < 0) return fallback;
  const [, value] = args.splice(at, 2);
  const number = Number(value);
  if (!Number.isFinite(number) || number < 0) {
    console.error(`${name} takes a number, not ${JSON.stringify(value)}`);
    process.exit(2);
  }
  return number;
};
const maxMinutes = option('--max-minutes', 120);
const groupLines = option('--group-lines', 600);
const deadline = maxMinutes > 0 ? Date.now() + maxMinutes * 60_000 : Infinity;

const allFiles = fs.readdirSync('constructs', { recursive: true })
  .map((file) => path.join('constructs', String(file)))
  .filter((file) => file.endsWith('.ts'))
  .sort();
for (const file of args) {
  if (!allFiles.includes(file)) {
    console.error(`${file} is not a source file under constructs/`);
    process.exit(2);
  }
}

const minutesLeft = () => (deadline === Infinity ? 0 : Math.max(1, Math.floor((deadline - Date.now()) / 60_000)));
const stryker = (extra, env = {}) => spawnSync('node', ['test/mutation/run.mjs', '--max-minutes', String(minutesLeft()), ...extra], {
  stdio: 'inherit',
  env: { ...process.env, MUTATION_NO_FLOOR: '1', ...env },
}).status;

if (filesInBaseline(BASELINE).length > 0) {
  console.log(`== bringing the baseline's ${filesInBaseline(BASELINE).length} files up to date`);
  if (stryker([]) !== 0) finish(1, 'the baseline could not be brought up to date within the cap');
}

const inBaseline = new Set(filesInBaseline(BASELINE));
const wanted = (args.length > 0 ? args : allFiles).filter((file) => !inBaseline.has(file));
const groups = [];
for (const file of wanted) {
  const lines = fs.readFileSync(file, 'utf8').split('\n').length;
  const last = groups.at(-1);
  if (last && last.lines + lines <= groupLines) {
    last.files.push(file);
    last.lines += lines;
  } else groups.push({ files: [file], lines });
}

for (const [index, group] of groups.entries()) {
  if (Date.now() >= deadline) finish(1, 'stopped at the cap');
  console.log(`== group ${index + 1} of ${groups.length} (${group.lines} lines): ${group.files.join(' ')}`);
  fs.rmSync(GROUP_FILE, { force: true });
  fs.mkdirSync(path.dirname(GROUP_FILE), { recursive: true });
  const started = Date.now();
  const status = stryker(['--mutate', group.files.join(','), '--incrementalFile', GROUP_FILE, '--force']);
  if (status !== 0 || !fs.existsSync(GROUP_FILE)) finish(1, `group ${index + 1} did not finish (exit ${status}); the groups before it are in the baseline`);
  mergeIntoBaseline(BASELINE, GROUP_FILE);
  console.log(`== group ${index + 1} merged into the baseline after ${Math.round((Date.now() - started) / 60_000)} min`);
}
finish(0, 'done');

function finish(code, message) {
  const missing = allFiles.filter((file) => !new Set(filesInBaseline(BASELINE)).has(file));
  console.log(`== ${message}: ${allFiles.length - missing.length} of ${allFiles.length} files of constructs/ in the baseline`);
  if (missing.length > 0) console.log(`   still missing: ${missing.join(' ')}`);
  process.exit(code);
}
