import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadCompose } from '../../../constructs/compose-import/loader';
import { problemsOf } from '../../support/factory-error';

/** Writes files into a fresh directory and returns its path. */
function project(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'compose-loader-'));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

describe('loadCompose environmentVariables', () => {
  it('names the variable of each environment value taken whole from one, in every form', () => {
    // Given values from variables in the mapping form, the list form and a bare key, beside literals and defaults
    const dir = project({
      'compose.yaml': [
        'services:',
        '  db:',
        '    image: postgres:16',
        '    environment:',
        '      POSTGRES_PASSWORD: ${DB_PASSWORD:?set it}',
        '      POSTGRES_USER: shop',
        '      FALLBACK: ${UNSET:-written-default}',
        '      MIXED: prefix-${DB_PASSWORD}',
        '  api:',
        '    image: example/api:1',
        '    environment:',
        '      - API_KEY=$API_KEY',
        '      - SECRET_KEY',
        '      - PLAIN=value',
        '',
      ].join('\n'),
      '.env': 'DB_PASSWORD=from-the-env-file\n',
    });
    // When the file is loaded
    const project_ = loadCompose({ files: [path.join(dir, 'compose.yaml')], environment: { API_KEY: 'k-123', SECRET_KEY: 's-456' } });
    // Then exactly the values that came from a set variable name it
    expect(project_.environmentVariables).toEqual({
      db: { POSTGRES_PASSWORD: 'DB_PASSWORD' },
      api: { API_KEY: 'API_KEY', SECRET_KEY: 'SECRET_KEY' },
    });
    expect(project_.services.db.environment).toMatchObject({ POSTGRES_PASSWORD: 'from-the-env-file', FALLBACK: 'written-default' });
  });

  it('follows the value through merged files and extends: the last one written counts', () => {
    // Given a base service whose password is a variable, extended; and an override file that writes another service's literally
    const dir = project({
      'compose.yaml': [
        'services:',
        '  base:',
        '    image: postgres:16',
        '    environment: { POSTGRES_PASSWORD: "${BASE_PASSWORD}" }',
        '  child:',
        '    extends: base',
        '  other:',
        '    image: postgres:16',
        '    environment: { POSTGRES_PASSWORD: "${OTHER_PASSWORD}" }',
        '',
      ].join('\n'),
      'override.yaml': 'services:\n  other:\n    environment: { POSTGRES_PASSWORD: "written-in-the-override" }\n',
    });
    // When both files are loaded
    const loaded = loadCompose({ files: [path.join(dir, 'compose.yaml'), path.join(dir, 'override.yaml')], environment: { BASE_PASSWORD: 'b-1', OTHER_PASSWORD: 'o-1' } });
    // Then the extended value keeps its variable, and the overridden one is a literal
    expect(loaded.environmentVariables).toEqual({ base: { POSTGRES_PASSWORD: 'BASE_PASSWORD' }, child: { POSTGRES_PASSWORD: 'BASE_PASSWORD' } });
  });
});

describe('loadCompose commands', () => {
  it('refuses a command or entrypoint string with an unterminated quote, as compose does', () => {
    // Given a command and an entrypoint that leave a quote open (compose: "invalid command line string")
    const dir = project({
      'compose.yaml': ['services:', '  api:', '    image: example/api:1', '    command: echo "open', "    entrypoint: sh -c 'run", '    healthcheck: { test: ["CMD", "true"] }', ''].join('\n'),
    });
    // When it is loaded, then both are named with their line and the fix
    expect(problemsOf(() => loadCompose({ files: [path.join(dir, 'compose.yaml')], environment: {} }))).toEqual([
      {
        ruleId: 'compose', path: `${path.join(dir, 'compose.yaml')}:4`, field: 'services.api.command', value: 'echo "open',
        message: 'the " quote is never closed (compose: "invalid command line string")', fix: 'close the quote, or write the command as a list, one argument per item',
      },
      {
        ruleId: 'compose', path: `${path.join(dir, 'compose.yaml')}:5`, field: 'services.api.entrypoint', value: "sh -c 'run",
        message: 'the \' quote is never closed (compose: "invalid command line string")', fix: 'close the quote, or write the entrypoint as a list, one argument per item',
      },
    ]);
  });
});

describe('loadCompose env_file format', () => {
  it('reads format ".env" as the default, and refuses any other format, naming where it is written', () => {
    // Given env files in the dotenv format, said and unsaid, and one in another format
    const dir = project({
      'compose.yaml': ['services:', '  api:', '    image: example/api:1', '    env_file:', '      - { path: a.env, format: .env }', '      - b.env', '      - path: c.env', '        format: raw', ''].join('\n'),
      'a.env': 'A=1\n',
      'b.env': 'B=2\n',
      'c.env': 'C=3\n',
    });
    // When it is loaded, then the other format is named, with its value and line
    const file = path.join(dir, 'compose.yaml');
    expect(problemsOf(() => loadCompose({ files: [file], environment: {} }))).toEqual([{
      ruleId: 'compose', path: `${file}:8`, field: 'services.api.env_file[2].format', value: 'raw',
      message: 'unsupported env_file format "raw": only the dotenv format (".env") is read, as docker compose 2.26 reads it', fix: 'remove format, and write the file as KEY=value lines',
    }]);
    // And without it, both other files are read
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('        format: raw\n', ''));
    expect(loadCompose({ files: [file], environment: {} }).services.api.environment).toEqual({ A: '1', B: '2', C: '3' });
  });
});
