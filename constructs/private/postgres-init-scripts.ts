import * as fs from 'fs';
import * as nodePath from 'path';
import { ValidationError } from '../errors';
import type { FileUpload } from '../service';

/** Where the official Postgres image looks for scripts to run at its first start. */
export const POSTGRES_INIT_SCRIPTS_PATH = '/docker-entrypoint-initdb.d';

/**
 * The scripts of `directory` as files uploaded into the init directory, for a Swarm target: a
 * host directory bind-mounted there would be looked for on whichever node runs the task, where
 * it may not exist; uploaded files travel with the service (as `docker_config`). Regular files
 * only, by name, `.sh` ones executable. A ValidationError naming `path` and the field when the
 * directory cannot be read.
 */
export function initScriptUploads(path: string, directory: string): FileUpload[] {
  let names: string[];
  try {
    names = fs
      .readdirSync(directory, { withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => entry.name)
      .sort();
  } catch (error) {
    throw new ValidationError([
      {
        ruleId: 'props',
        path,
        field: 'initScriptsDirectory',
        value: directory,
        message: `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)}); on Swarm its scripts are uploaded with the service`,
        fix: 'give an existing directory of *.sql / *.sh scripts, readable where cdktf synth runs',
      },
    ]);
  }
  return names.map((name) => ({
    path: `${POSTGRES_INIT_SCRIPTS_PATH}/${name}`,
    content: fs.readFileSync(nodePath.join(directory, name), 'utf8'),
    ...(name.endsWith('.sh') ? { executable: true } : {}),
  }));
}
