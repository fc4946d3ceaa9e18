// Per-file floors of the mutation score. One global floor over a growing baseline says little:
// each group of files added pulls the score toward its own, so a file that was well tested can
// lose tests while the total stays above the floor. Each file in the baseline gets its own floor
// (test/mutation/file-floors.json, written by `npm run test:mutation:floors`: its score when
// recorded, less a margin), and `npm run test:mutation` fails when a file falls below it.
import fs from 'node:fs';

/** Points below the recorded score at which a file fails: room for small test refactors. */
export const MARGIN = 3;
export const FLOORS_FILE = 'test/mutation/file-floors.json';

const DETECTED = new Set(['Killed', 'Timeout']);
const UNDETECTED = new Set(['Survived', 'NoCoverage']);

/**
 * Stryker's mutation score of each file of a report (incremental or JSON report): detected
 * (killed, timed out) over detected and undetected (survived, not covered), in percent, to one
 * decimal. Compile and runtime errors and ignored mutants count for neither, as in Stryker.
 * A file with no valid mutant has no score.
 */
export function fileScores(report) {
  const scores = {};
  for (const [file, { mutants }] of Object.entries(report.files ?? {})) {
    const detected = mutants.filter((m) => DETECTED.has(m.status)).length;
    const valid = detected + mutants.filter((m) => UNDETECTED.has(m.status)).length;
    if (valid > 0) scores[file] = Math.round((1000 * detected) / valid) / 10;
  }
  return scores;
}

/** Floors for `scores`: each score less MARGIN, rounded down to a whole point, never below 0. */
export function floorsFor(scores) {
  return Object.fromEntries(Object.entries(scores).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([file, score]) => [file, Math.max(0, Math.floor(score - MARGIN))]));
}

/** The files whose score is below their floor, with both; a file without a floor is not judged. */
export function filesBelowFloor(scores, floors) {
  return Object.entries(scores)
    .filter(([file, score]) => floors[file] !== undefined && score < floors[file])
    .map(([file, score]) => ({ file, score, floor: floors[file] }));
}

/** Reads the floors file; an absent file has no floors. */
export function readFloors(file = FLOORS_FILE) {
  return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {};
}
