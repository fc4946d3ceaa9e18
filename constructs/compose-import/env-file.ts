import * as fs from 'fs';
import { ValidationError } from '../errors';
import { interpolate } from './interpolation';
import { composeProblem, KeyPath, SourceLocation } from './source-location';

/**
 * Reads a dotenv file as compose does: `KEY=value` lines, `export` prefixes, `#` comments,
 * single quotes literal, double quotes with `\n` escapes, unquoted values cut at ` #`; values
 * interpolate earlier keys and `variables`. A missing file is an error at `namedAt` unless
 * `required` is false.
 */
export function readEnvFile(
  file: string,
  variables: Readonly<Record<string, string | undefined>>,
  namedAt: { readonly location: SourceLocation | undefined; readonly keyPath: KeyPath },
  required = true,
): Record<string, string> {
  if (!fs.existsSync(file)) {
    if (!required) return {};
    throw new ValidationError([composeProblem(namedAt.location, namedAt.keyPath, file, 'the env file does not exist', 'create it, fix the path (relative to the compose file), or mark it `required: false`')]);
  }
  const result: Record<string, string> = {};
  const lines = fs.readFileSync(file, 'utf8').split(/\r?\n/);
  lines.forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const match = /^(?:export\s+)?([^=\s]+)\s*(?:=\s*(.*))?$/.exec(line);
    if (!match) {
      throw new ValidationError([composeProblem({ file, line: index + 1 }, [], raw, 'not a KEY=value line', 'write KEY=value, one per line')]);
    }
    const [, key, rest] = match;
    if (rest === undefined) {
      // A bare key takes its value from the environment, if set there.
      const fromEnvironment = variables[key];
      if (fromEnvironment !== undefined) result[key] = fromEnvironment;
      return;
    }
    let value: string;
    if (rest.startsWith("'")) {
      value = rest.slice(1, rest.lastIndexOf("'") > 0 ? rest.lastIndexOf("'") : undefined);
    } else {
      const quoted = rest.startsWith('"');
      const body = quoted ? rest.slice(1, rest.lastIndexOf('"') > 0 ? rest.lastIndexOf('"') : undefined).replace(/\\n/g, '\n').replace(/\\"/g, '"') : rest.replace(/\s+#.*$/, '').trim();
      const expanded = interpolate(body, { ...variables, ...result });
      if (expanded.error) {
        throw new ValidationError([composeProblem({ file, line: index + 1 }, [key], body, expanded.error.kind === 'unset' ? '' : expanded.error.message, 'set the variable, or give a default with ${VAR:-default}')]);
      }
      value = expanded.value;
    }
    result[key] = value;
  });
  return result;
}
