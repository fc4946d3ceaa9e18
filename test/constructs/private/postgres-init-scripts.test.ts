import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { POSTGRES_INIT_SCRIPTS_PATH, initScriptUploads } from '../../../constructs/private/postgres-init-scripts';
import { errorOf } from '../../support/validation-error';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cds-init-scripts-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('initScriptUploads', () => {
  test('given scripts and a subdirectory, then the regular files are uploaded by name, .sh ones executable, and the subdirectory is left out', () => {
    fs.writeFileSync(path.join(dir, '20-seed.sql'), 'INSERT INTO t VALUES (1);\n');
    fs.writeFileSync(path.join(dir, '10-schema.sh'), '#!/bin/sh\npsql -c "CREATE TABLE t (id int)"\n');
    fs.mkdirSync(path.join(dir, 'archive.sql'));
    expect(initScriptUploads('test/db', dir)).toEqual([
      { path: `${POSTGRES_INIT_SCRIPTS_PATH}/10-schema.sh`, content: '#!/bin/sh\npsql -c "CREATE TABLE t (id int)"\n', executable: true },
      { path: `${POSTGRES_INIT_SCRIPTS_PATH}/20-seed.sql`, content: 'INSERT INTO t VALUES (1);\n' },
    ]);
    expect(POSTGRES_INIT_SCRIPTS_PATH).toBe('/docker-entrypoint-initdb.d');
  });

  test('fails when the directory cannot be read, naming the path, the field, the error code and the fix', () => {
    const missing = path.join(dir, 'missing');
    expect(errorOf(() => initScriptUploads('test/db', missing)).problems).toEqual([
      {
        ruleId: 'props',
        path: 'test/db',
        field: 'initScriptsDirectory',
        value: missing,
        message: 'cannot be read (ENOENT); on Swarm its scripts are uploaded with the service',
        fix: 'give an existing directory of *.sql / *.sh scripts, readable where cdktf synth runs',
      },
    ]);
  });
});
