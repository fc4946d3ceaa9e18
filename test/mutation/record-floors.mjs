// `npm run test:mutation:floors`: records each baseline file's floor (its score less the margin)
// in test/mutation/file-floors.json. Run it after the baseline grew or its scores rose, and
// commit both files together (docs/DEVELOPING.md, "Mutation testing").
import fs from 'node:fs';
import config from '../../stryker.config.mjs';
import { fileScores, floorsFor, FLOORS_FILE } from './file-floors.mjs';

const floors = floorsFor(fileScores(JSON.parse(fs.readFileSync(config.incrementalFile, 'utf8'))));
fs.writeFileSync(FLOORS_FILE, `${JSON.stringify(floors, null, 2)}\n`);
console.log(`${FLOORS_FILE}: floors of ${Object.keys(floors).length} files`);
