import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadCompose } from '../../../constructs/compose-import/loader';
import { problemsOf } from '../../support/factory-error';

/** Writes files into a fresh directory and returns its path. */
function project(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'compose-loader-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

/** YAML text of `lines`, one a line. */
const yaml = (...lines: string[]): string => `${lines.join('\n')}\n`;

/** Runs `run` with `process.env[name]` set to `value` (undefined: unset), then restores it. */
function withProcessEnv<T>(name: string, value: string | undefined, run: () => T): T {
  const saved = process.env[name];
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
  try {
    return run();
  } finally {
    if (saved === undefined) delete process.env[name];
    else process.env[name] = saved;
  }
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

describe('loadCompose project', () => {
  it('fails when no compose file is given', () => {
    // Given no file
    // When it is loaded, then the problem names the option and the fix
    expect(problemsOf(() => loadCompose({ files: [], environment: {} }))).toEqual([{
      ruleId: 'compose', path: '(unknown location)', field: 'files', value: [],
      message: 'no compose file given', fix: 'pass at least one file, e.g. files: ["compose.yaml"]',
    }]);
  });

  it('returns every section, the name, the other top-level keys and the project directory', () => {
    // Given a file with each top-level section, a name, a version and an extension
    const dir = project({
      'compose.yaml': yaml(
        'name: shop',
        'version: "3.9"',
        'x-common: { restart: always }',
        'services:',
        '  api:',
        '    image: example/api:1',
        'networks:',
        '  front: { driver: bridge }',
        '  back:',
        'volumes:',
        '  data: { driver: local }',
        '  cache:',
        'secrets:',
        '  token: { file: ./token.txt }',
        'configs:',
        '  conf: { external: true }',
      ),
    });
    // When it is loaded
    const loaded = loadCompose({ files: [path.join(dir, 'compose.yaml')], environment: {} });
    // Then each section holds its entries (an empty entry as an empty mapping), and the rest is in other
    expect({ ...loaded, locations: undefined }).toEqual({
      name: 'shop',
      projectDirectory: dir,
      services: { api: { image: 'example/api:1' } },
      networks: { front: { driver: 'bridge' }, back: {} },
      volumes: { data: { driver: 'local' }, cache: {} },
      secrets: { token: { file: './token.txt' } },
      configs: { conf: { external: true } },
      other: { 'version': '3.9', 'x-common': { restart: 'always' } },
      locations: undefined,
      inactiveServices: [],
      unsetVariables: [],
      environmentVariables: {},
    });
    // And the locations name the file and line of each key
    expect(loaded.locations.find(['networks', 'back'])).toEqual({ file: path.join(dir, 'compose.yaml'), line: 9 });
    expect(loaded.locations.find(['services', 'api', 'image'])).toEqual({ file: path.join(dir, 'compose.yaml'), line: 6 });
  });

  it('returns no name and empty sections for a file without them', () => {
    // Given a file with services only
    const dir = project({ 'compose.yaml': yaml('services:', '  api:', '    image: example/api:1') });
    // When it is loaded
    const loaded = loadCompose({ files: [path.join(dir, 'compose.yaml')], environment: {} });
    // Then the other sections are empty and nothing else is read
    expect({ ...loaded, locations: undefined }).toEqual({
      name: undefined, projectDirectory: dir, services: { api: { image: 'example/api:1' } },
      networks: {}, volumes: {}, secrets: {}, configs: {}, other: {}, locations: undefined,
      inactiveServices: [], unsetVariables: [], environmentVariables: {},
    });
  });

  it('returns no services for a file without services', () => {
    // Given a file with a network only
    const dir = project({ 'compose.yaml': yaml('networks:', '  front: {}') });
    // When it is loaded, then there are no services
    const loaded = loadCompose({ files: [path.join(dir, 'compose.yaml')], environment: {} });
    expect([loaded.services, loaded.networks, loaded.other]).toEqual([{}, { front: {} }, {}]);
  });

  it('resolves relative file paths against the working directory, and the project directory is the first file\'s', () => {
    // Given two files in different directories, named relative to the working directory
    const dir = project({ 'a/compose.yaml': yaml('services:', '  api:', '    image: example/api:1'), 'b/override.yaml': yaml('services:', '  api:', '    image: example/api:2') });
    const relative = (name: string): string => path.relative(process.cwd(), path.join(dir, name));
    // When they are loaded
    const loaded = loadCompose({ files: [relative('a/compose.yaml'), relative('b/override.yaml')], environment: {} });
    // Then the project directory is the first file's, absolute, and the later file wins
    expect([loaded.projectDirectory, loaded.services]).toEqual([path.join(dir, 'a'), { api: { image: 'example/api:2' } }]);
    expect(loaded.locations.find(['services', 'api', 'image'])).toEqual({ file: path.join(dir, 'b/override.yaml'), line: 3 });
    expect(loaded.locations.find(['services', 'api'])).toEqual({ file: path.join(dir, 'b/override.yaml'), line: 2 });
  });

  it('fails when a file is not a mapping, naming its first line', () => {
    // Given a file that is a list
    const dir = project({ 'compose.yaml': yaml('- api', '- db') });
    const file = path.join(dir, 'compose.yaml');
    // When it is loaded, then the problem names the file and shows the value
    expect(problemsOf(() => loadCompose({ files: [file], environment: {} }))).toEqual([{
      ruleId: 'compose', path: `${file}:1`, field: '(document)', value: ['api', 'db'],
      message: 'a compose file is a mapping (services:, networks:, ...)', fix: 'start the file with "services:"',
    }]);
  });

  it('fails when a file breaks the schema, naming the key', () => {
    // Given a service with an unknown key
    const dir = project({ 'compose.yaml': yaml('services:', '  api:', '    image: example/api:1', '    imagee: typo') });
    const file = path.join(dir, 'compose.yaml');
    // When it is loaded, then the schema problem is thrown
    expect(problemsOf(() => loadCompose({ files: [file], environment: {} }))).toEqual([{
      ruleId: 'compose', path: `${file}:4`, field: 'services.api.imagee', value: 'typo',
      message: '"imagee" is not a key the compose specification knows here', fix: 'remove the key or fix its spelling (see https://compose-spec.io)',
    }]);
  });

  it('keeps one item per identity in a list before validating it', () => {
    // Given a capability written twice
    const dir = project({ 'compose.yaml': yaml('services:', '  api:', '    image: example/api:1', '    cap_add: [NET_ADMIN, NET_ADMIN]') });
    // When it is loaded, then it is kept once
    expect(loadCompose({ files: [path.join(dir, 'compose.yaml')], environment: {} }).services.api.cap_add).toEqual(['NET_ADMIN']);
  });
});

describe('loadCompose variables', () => {
  it('reads .env in the first file\'s directory by default, under the environment', () => {
    // Given a .env beside the first file and another beside the second
    const dir = project({
      'compose.yaml': yaml('services:', '  api:', '    image: example/api:${TAG}', '    environment: { A: "${A}", B: "${B}" }'),
      '.env': yaml('TAG=1', 'A=from-env-file', 'B=from-env-file', 'C=${B}'),
      'sub/override.yaml': yaml('services:', '  api:', '    labels: { c: "${C}" }'),
      'sub/.env': yaml('TAG=2'),
    });
    // When they are loaded with B in the environment
    const loaded = loadCompose({ files: [path.join(dir, 'compose.yaml'), path.join(dir, 'sub/override.yaml')], environment: { B: 'from-environment' } });
    // Then the first directory's .env is read, the environment wins over it and interpolates it
    expect(loaded.services).toEqual({ api: { image: 'example/api:1', environment: { A: 'from-env-file', B: 'from-environment' }, labels: { c: 'from-environment' } } });
    expect(loaded.environmentVariables).toEqual({ api: { A: 'A', B: 'B' } });
  });

  it('reads no env file when there is no .env and none is given', () => {
    // Given no .env
    const dir = project({ 'compose.yaml': yaml('services:', '  api:', '    image: example/api:1', '    environment: { A: "${A}" }') });
    // When it is loaded
    const loaded = loadCompose({ files: [path.join(dir, 'compose.yaml')], environment: {} });
    // Then the variable is unset
    expect([loaded.services.api.environment, loaded.unsetVariables]).toEqual([{ A: '' }, ['A']]);
  });

  it('reads the env file given instead of .env, relative to the working directory', () => {
    // Given a .env and another env file
    const dir = project({
      'compose.yaml': yaml('services:', '  api:', '    image: example/api:${TAG}'),
      '.env': yaml('TAG=from-dot-env'),
      'other.env': yaml('TAG=from-other'),
    });
    // When it is loaded with the other file, named relative to the working directory
    const loaded = loadCompose({ files: [path.join(dir, 'compose.yaml')], envFile: path.relative(process.cwd(), path.join(dir, 'other.env')), environment: {} });
    // Then only that file is read
    expect(loaded.services.api.image).toBe('example/api:from-other');
  });

  it('fails when the env file given does not exist', () => {
    // Given an env file that is not there
    const dir = project({ 'compose.yaml': yaml('services:', '  api:', '    image: example/api:1'), '.env': '' });
    // When it is loaded, then the problem names the option and the absolute path
    expect(problemsOf(() => loadCompose({ files: [path.join(dir, 'compose.yaml')], envFile: path.join(dir, 'missing.env'), environment: {} }))).toEqual([{
      ruleId: 'compose', path: '(unknown location)', field: 'envFile', value: path.join(dir, 'missing.env'),
      message: 'the env file does not exist', fix: 'create it, fix the path (relative to the compose file), or mark it `required: false`',
    }]);
  });

  it('takes the env file\'s bare keys from the environment given', () => {
    // Given a .env with a bare key
    const dir = project({ 'compose.yaml': yaml('services:', '  api:', '    image: example/api:${TAG}'), '.env': yaml('TAG') });
    // When it is loaded with the key in the environment
    const loaded = loadCompose({ files: [path.join(dir, 'compose.yaml')], environment: { TAG: '7' } });
    // Then it is read
    expect(loaded.services.api.image).toBe('example/api:7');
  });

  it('reads the process environment when no environment is given', () => {
    // Given a variable set in the process environment and in .env
    const dir = project({ 'compose.yaml': yaml('services:', '  api:', '    image: example/api:${LOADER_TEST_TAG}'), '.env': yaml('LOADER_TEST_TAG=from-env-file') });
    // When it is loaded without an environment
    const loaded = withProcessEnv('LOADER_TEST_TAG', 'from-process', () => loadCompose({ files: [path.join(dir, 'compose.yaml')] }));
    // Then the process environment wins
    expect(loaded.services.api.image).toBe('example/api:from-process');
  });

  it('lists the unset variables once each, sorted', () => {
    // Given unset variables, one used twice, and a set one
    const dir = project({ 'compose.yaml': yaml('services:', '  api:', '    image: "example/${ZED}:${ALPHA}-${ZED}-${SET}"') });
    // When it is loaded
    const loaded = loadCompose({ files: [path.join(dir, 'compose.yaml')], environment: { SET: 's' } });
    // Then each unset variable is listed once, in order
    expect([loaded.unsetVariables, loaded.services.api.image]).toEqual([['ALPHA', 'ZED'], 'example/:--s']);
  });

  it('fails with every interpolation and cast problem of a file, with its line', () => {
    // Given a required variable unset, a syntax error and a boolean that is not one
    const dir = project({
      'compose.yaml': yaml('services:', '  api:', '    image: "${IMAGE:?name the image}"', '    read_only: ${RO}', '    working_dir: "$"', '    privileged: ${PRIV}'),
    });
    const file = path.join(dir, 'compose.yaml');
    // When it is loaded
    // Then each is named, in order
    expect(problemsOf(() => loadCompose({ files: [file], environment: { RO: 'maybe', PRIV: 'yes' } }))).toEqual([
      { ruleId: 'compose', path: `${file}:3`, field: 'services.api.image', value: '${IMAGE:?name the image}', message: '${IMAGE} is required and not set: name the image', fix: 'set IMAGE in the environment or the env file' },
      { ruleId: 'compose', path: `${file}:4`, field: 'services.api.read_only', value: 'maybe', message: 'not a boolean; compose reads true or false here (also yes, no, on or off, in any case)', fix: 'write true or false' },
      { ruleId: 'compose', path: `${file}:5`, field: 'services.api.working_dir', value: '$', message: 'invalid interpolation: a "$" at position 1 starts no variable', fix: 'write ${VAR}, ${VAR:-default} or ${VAR:?message}, and "$$" for a literal "$"' },
    ]);
  });

  it('casts typed keys and keeps other values as written', () => {
    // Given a typed key from a variable, a number, a boolean and a null
    const dir = project({
      'compose.yaml': yaml('services:', '  api:', '    image: example/api:1', '    read_only: ${RO}', '    scale: 2', '    tty: true', '    user: "${USER_ID}"', '    healthcheck: { retries: "${RETRIES}" }', '    command:'),
    });
    // When it is loaded
    const loaded = loadCompose({ files: [path.join(dir, 'compose.yaml')], environment: { RO: 'yes', USER_ID: '1000', RETRIES: '3' } });
    // Then the typed keys are read as their type
    expect(loaded.services.api).toEqual({ image: 'example/api:1', read_only: true, scale: 2, tty: true, user: '1000', healthcheck: { retries: 3 }, command: null });
  });
});

describe('loadCompose relative paths', () => {
  it('makes the host paths of a service absolute against its own file\'s directory', () => {
    // Given a file in a subdirectory with relative, absolute, home and remote paths
    const dir = project({
      'compose.yaml': yaml('services:', '  api:', '    image: example/api:1'),
      'sub/override.yaml': yaml(
        'services:',
        '  api:',
        '    build: ./app',
        '    volumes:',
        '      - ./data:/data',
        '      - ../logs:/logs:ro',
        '      - ~/cache:/cache',
        '      - /srv/www:/www',
        '      - named:/named',
        '      - /anonymous',
        '      - { type: bind, source: ./conf, target: /conf }',
        '      - { type: volume, source: vol, target: /vol }',
        '  web:',
        '    image: example/web:1',
        '    build: { context: "git://example.com/web.git", dockerfile: ./Dockerfile }',
      ),
    });
    // When they are loaded
    const loaded = withProcessEnv('HOME', '/home/tester', () => loadCompose({ files: [path.join(dir, 'compose.yaml'), path.join(dir, 'sub/override.yaml')], environment: {} }));
    // Then the relative host paths are absolute against sub/, the others as written
    expect(loaded.services).toEqual({
      api: {
        image: 'example/api:1',
        build: { context: path.join(dir, 'sub/app') },
        volumes: [
          `${path.join(dir, 'sub/data')}:/data`,
          `${path.join(dir, 'logs')}:/logs:ro`,
          '/home/tester/cache:/cache',
          '/srv/www:/www',
          'named:/named',
          '/anonymous',
          { type: 'bind', source: path.join(dir, 'sub/conf'), target: '/conf' },
          { type: 'volume', source: 'vol', target: '/vol' },
        ],
      },
      web: { image: 'example/web:1', build: { context: 'git://example.com/web.git', dockerfile: './Dockerfile' } },
    });
  });

  it('keeps a build context with a scheme, and reads ~ as itself without HOME', () => {
    // Given an https context and a home path
    const dir = project({
      'compose.yaml': yaml('services:', '  api:', '    image: example/api:1', '    build: { context: "https://example.com/api.git#main" }', '    volumes: ["~/cache:/cache"]'),
    });
    // When it is loaded without HOME
    const loaded = withProcessEnv('HOME', undefined, () => loadCompose({ files: [path.join(dir, 'compose.yaml')], environment: {} }));
    // Then both are as written
    expect(loaded.services.api).toEqual({ image: 'example/api:1', build: { context: 'https://example.com/api.git#main' }, volumes: ['~/cache:/cache'] });
  });

  it('keeps a build without context, a bind mount without source and anonymous volumes as written', () => {
    // Given a build with a dockerfile only, a bind mount naming no source, and anonymous volumes that a path resolution would rewrite
    const dir = project({
      'compose.yaml': yaml('services:', '  api:', '    build: { dockerfile: ./Dockerfile }', '    volumes:', '      - /var/lib/data/', '      - /srv/../cache', '      - { type: bind, target: /conf }'),
    });
    // When it is loaded, then each is as written
    expect(loadCompose({ files: [path.join(dir, 'compose.yaml')], environment: {} }).services.api).toEqual({
      build: { dockerfile: './Dockerfile' },
      volumes: ['/var/lib/data/', '/srv/../cache', { type: 'bind', target: '/conf' }],
    });
  });

  it('reads a scheme only at the start of a build context, and a host path only where a volume source starts with ., ~ or /', () => {
    // Given a relative context holding "x://" further on, and named volumes with a dot, a tilde and a slash after their first character
    const dir = project({
      'compose.yaml': yaml('services:', '  api:', '    build: { context: "./ctx/x://y" }', '    volumes: ["data.v1:/data", "cache~1:/cache", "logs/x:/logs", "./a.b:/ab"]'),
    });
    // When it is loaded
    const loaded = withProcessEnv('HOME', '/home/tester', () => loadCompose({ files: [path.join(dir, 'compose.yaml')], environment: {} }));
    // Then the context is resolved against the file's directory, the named volumes are kept, the relative path resolved
    expect(loaded.services.api).toEqual({
      build: { context: path.join(dir, 'ctx/x:/y') },
      volumes: ['data.v1:/data', 'cache~1:/cache', 'logs/x:/logs', `${path.join(dir, 'a.b')}:/ab`],
    });
  });

  it('resolves a build context written as a string', () => {
    // Given the short build form
    const dir = project({ 'compose.yaml': yaml('services:', '  api:', '    build: .') });
    // When it is loaded, then the context is the file's directory
    expect(loadCompose({ files: [path.join(dir, 'compose.yaml')], environment: {} }).services.api).toEqual({ build: { context: dir } });
  });

  it('reads env files relative to the file that names them, in both forms', () => {
    // Given a file in a subdirectory naming env files in the string and the mapping form
    const dir = project({
      'compose.yaml': yaml('services:', '  api:', '    image: example/api:1'),
      'sub/override.yaml': yaml('services:', '  api:', '    env_file: [a.env, { path: ./b.env }]', '  web:', '    image: example/web:1', '    env_file: a.env'),
      'sub/a.env': yaml('A=1'),
      'sub/b.env': yaml('B=2'),
    });
    // When they are loaded
    const loaded = loadCompose({ files: [path.join(dir, 'compose.yaml'), path.join(dir, 'sub/override.yaml')], environment: {} });
    // Then both are read, and env_file is gone
    expect(loaded.services).toEqual({ api: { image: 'example/api:1', environment: { A: '1', B: '2' } }, web: { image: 'example/web:1', environment: { A: '1' } } });
  });
});

describe('loadCompose env_file and environment', () => {
  it('puts env file values under environment, which wins, and reads a bare key from the variables', () => {
    // Given env files, an environment overriding one of their keys, bare keys set and unset, and non-text values
    const dir = project({
      'compose.yaml': yaml(
        'services:',
        '  api:',
        '    image: example/api:1',
        '    env_file: [one.env, two.env]',
        '    environment:',
        '      SHARED: from-environment',
        '      FROM_VARIABLES:',
        '      NOT_SET:',
        '      PORT: 8080',
        '      DEBUG: true',
      ),
      'one.env': yaml('SHARED=from-one', 'ONE=1', 'LATER=from-one'),
      'two.env': yaml('LATER=from-two', 'GREETING=hello-${NAME}'),
    });
    // When it is loaded
    const loaded = loadCompose({ files: [path.join(dir, 'compose.yaml')], environment: { FROM_VARIABLES: 'v', NAME: 'world' } });
    // Then the environment wins, the later file over the earlier, and an unset bare key is left out
    expect(loaded.services.api).toEqual({
      image: 'example/api:1',
      environment: { SHARED: 'from-environment', ONE: '1', LATER: 'from-two', GREETING: 'hello-world', FROM_VARIABLES: 'v', PORT: '8080', DEBUG: 'true' },
    });
    expect(loaded.environmentVariables).toEqual({ api: { FROM_VARIABLES: 'FROM_VARIABLES' } });
  });

  it('keeps an environment that ends up empty, and adds none where there was none', () => {
    // Given a service whose only environment key is unset, and one without environment
    const dir = project({ 'compose.yaml': yaml('services:', '  api:', '    image: example/api:1', '    environment: [NOT_SET]', '  web:', '    image: example/web:1') });
    // When it is loaded
    const loaded = loadCompose({ files: [path.join(dir, 'compose.yaml')], environment: {} });
    // Then the first keeps an empty environment, the second has none
    expect(loaded.services).toEqual({ api: { image: 'example/api:1', environment: {} }, web: { image: 'example/web:1' } });
    expect(loaded.environmentVariables).toEqual({});
  });

  it('skips a missing env file marked required: false, and reads a present one marked so', () => {
    // Given optional env files, one missing, and one required explicitly
    const dir = project({
      'compose.yaml': yaml('services:', '  api:', '    image: example/api:1', '    env_file:', '      - { path: missing.env, required: false }', '      - { path: here.env, required: false }', '      - { path: also.env, required: true }'),
      'here.env': yaml('HERE=1'),
      'also.env': yaml('ALSO=1'),
    });
    // When it is loaded, then the present ones are read
    expect(loadCompose({ files: [path.join(dir, 'compose.yaml')], environment: {} }).services.api).toEqual({ image: 'example/api:1', environment: { HERE: '1', ALSO: '1' } });
  });

  it('fails with every missing env file, bad env file and open quote of every service together', () => {
    // Given missing env files, one env file that does not parse, and a command with an open quote
    const dir = project({
      'compose.yaml': yaml(
        'services:',
        '  api:',
        '    image: example/api:1',
        '    env_file:',
        '      - missing.env',
        '      - { path: bad.env }',
        '  web:',
        '    image: example/web:1',
        '    command: echo "open',
        '    env_file: [{ path: gone.env, required: true }]',
      ),
      'bad.env': yaml('NOT A KEY'),
    });
    const file = path.join(dir, 'compose.yaml');
    // When it is loaded, then all are named, each where it is written
    expect(problemsOf(() => loadCompose({ files: [file], environment: {} }))).toEqual([
      { ruleId: 'compose', path: `${file}:5`, field: 'services.api.env_file[0]', value: path.join(dir, 'missing.env'), message: 'the env file does not exist', fix: 'create it, fix the path (relative to the compose file), or mark it `required: false`' },
      { ruleId: 'compose', path: `${path.join(dir, 'bad.env')}:1`, field: '(document)', value: 'NOT A KEY', message: 'a key cannot contain a space', fix: 'write KEY=value, one per line; a key holds letters, digits and "_", ".", "-", "[", "]"' },
      { ruleId: 'compose', path: `${file}:10`, field: 'services.web.env_file[0]', value: path.join(dir, 'gone.env'), message: 'the env file does not exist', fix: 'create it, fix the path (relative to the compose file), or mark it `required: false`' },
      { ruleId: 'compose', path: `${file}:9`, field: 'services.web.command', value: 'echo "open', message: 'the " quote is never closed (compose: "invalid command line string")', fix: 'close the quote, or write the command as a list, one argument per item' },
    ]);
  });

  it('rethrows an error reading an env file that is not a ValidationError', () => {
    // Given an env file that is a directory
    const dir = project({ 'compose.yaml': yaml('services:', '  api:', '    image: example/api:1', '    env_file: [adir]'), 'adir/x': '' });
    // When it is loaded, then the read error is thrown as it is
    expect(() => loadCompose({ files: [path.join(dir, 'compose.yaml')], environment: {} })).toThrow(expect.objectContaining({ code: 'EISDIR' }));
  });

  it('accepts commands and entrypoints with closed quotes or as lists', () => {
    // Given commands and entrypoints with closed quotes, as lists, and without quotes
    const dir = project({
      'compose.yaml': yaml('services:', '  api:', '    image: example/api:1', '    command: echo "closed"', "    entrypoint: sh -c 'run'", '  web:', '    image: example/web:1', '    command: ["echo", "\\"open"]', '    entrypoint: run'),
    });
    // When it is loaded, then they are kept as written
    expect(loadCompose({ files: [path.join(dir, 'compose.yaml')], environment: {} }).services).toEqual({
      api: { image: 'example/api:1', command: 'echo "closed"', entrypoint: "sh -c 'run'" },
      web: { image: 'example/web:1', command: ['echo', '"open'], entrypoint: 'run' },
    });
  });
});

describe('loadCompose environment sources', () => {
  it('prefers the service\'s own source of a value, then the last other service\'s', () => {
    // Given two services writing the same value under the same key from different variables, and a third writing it literally
    const dir = project({
      'compose.yaml': yaml(
        'services:',
        '  first:',
        '    image: example/api:1',
        '    environment: { KEY: "${ONE}" }',
        '  second:',
        '    image: example/api:1',
        '    environment: { KEY: "${TWO}" }',
        '  third:',
        '    image: example/api:1',
        '    environment: { KEY: same, OTHER_KEY: same }',
      ),
    });
    // When it is loaded with both variables equal
    const loaded = loadCompose({ files: [path.join(dir, 'compose.yaml')], environment: { ONE: 'same', TWO: 'same' } });
    // Then each names its own variable; the literal one takes the last source of that key and value
    expect(loaded.environmentVariables).toEqual({ first: { KEY: 'ONE' }, second: { KEY: 'TWO' }, third: { KEY: 'TWO' } });
  });

  it('counts only environment entries of services, in the list form only KEY=$VAR with a key on both sides', () => {
    // Given variables used as labels, in an extension's environment, in list items without a key, and a whole item from one variable
    const dir = project({
      'compose.yaml': yaml(
        'x-template:',
        '  tmpl:',
        '    environment: { FROM_X: "${X}" }',
        'services:',
        '  api:',
        '    image: example/api:1',
        '    labels: { FROM_LABEL: "${L}" }',
        '    environment:',
        '      - FROM_LABEL=l',
        '      - FROM_X=x',
        '      - ${EMPTY}=$E',
        '      - $KV',
        '      - LISTED=$LISTED',
        '      - PREFIXED=pre$LISTED',
      ),
    });
    // When it is loaded
    const loaded = loadCompose({ files: [path.join(dir, 'compose.yaml')], environment: { X: 'x', L: 'l', EMPTY: '', E: 'e', KV: 'WHOLE=kv', LISTED: 'listed' } });
    // Then only the KEY=$VAR item names its variable
    expect(loaded.services.api.environment).toEqual({ 'FROM_LABEL': 'l', 'FROM_X': 'x', '': 'e', 'WHOLE': 'kv', 'LISTED': 'listed', 'PREFIXED': 'prelisted' });
    expect(loaded.environmentVariables).toEqual({ api: { LISTED: 'LISTED' } });
  });

  it('takes another service\'s source for a literal KEY=value list item of the same value', () => {
    // Given a list item from a variable, and another service's list item writing the same key and value literally
    const dir = project({ 'compose.yaml': yaml('services:', '  first:', '    image: example/api:1', '    environment: ["KEY=$V"]', '  second:', '    image: example/api:1', '    environment: ["KEY=same"]') });
    // When it is loaded
    const loaded = loadCompose({ files: [path.join(dir, 'compose.yaml')], environment: { V: 'same' } });
    // Then the literal item records no source of its own, and both name the variable
    expect(loaded.environmentVariables).toEqual({ first: { KEY: 'V' }, second: { KEY: 'V' } });
  });

  it('names no variable for an inactive service', () => {
    // Given a service in a profile with a value from a variable
    const dir = project({ 'compose.yaml': yaml('services:', '  debug:', '    image: example/debug:1', '    profiles: [debug]', '    environment: { KEY: "${V}" }') });
    // When it is loaded without the profile, then nothing is named
    expect(loadCompose({ files: [path.join(dir, 'compose.yaml')], environment: { V: 'v' } }).environmentVariables).toEqual({});
  });
});

describe('loadCompose merge tags', () => {
  it('replaces an !override value whole and removes a !reset one, including one the earlier file lacks', () => {
    // Given an override file with merge tags
    const dir = project({
      'compose.yaml': yaml('services:', '  api:', '    image: example/api:1', '    environment: { A: "1", B: "2" }', '    ports: ["80:80"]', '    labels: { keep: "yes" }'),
      'override.yaml': yaml('services:', '  api:', '    environment: !override { C: "3" }', '    ports: !reset []', '    labels: { added: "yes" }', '  web:', '    image: example/web:1', '    environment: !override { D: "4" }', '    dns: !reset []'),
    });
    // When both are loaded
    const loaded = loadCompose({ files: [path.join(dir, 'compose.yaml'), path.join(dir, 'override.yaml')], environment: {} });
    // Then the tagged values replace or remove the earlier ones, the others merge
    expect(loaded.services).toEqual({
      api: { image: 'example/api:1', environment: { C: '3' }, labels: { keep: 'yes', added: 'yes' } },
      web: { image: 'example/web:1', environment: { D: '4' } },
    });
  });
});

describe('loadCompose extends', () => {
  it('merges the base service under the extending one, in the string and the mapping form, in any order', () => {
    // Given a child written before its base, a grandchild in the mapping form, and an !override and a !reset key
    const dir = project({
      'compose.yaml': yaml(
        'services:',
        '  child:',
        '    extends: base',
        '    environment: { OWN: "1" }',
        '    labels: !override { only: "child" }',
        '  base:',
        '    image: example/base:1',
        '    environment: { BASE: "1" }',
        '    labels: { from: "base" }',
        '    ports: ["80:80"]',
        '    depends_on: [db]',
        '  grandchild:',
        '    extends: { service: child }',
        '    ports: !reset []',
        '  sibling:',
        '    image: example/sibling:1',
        '    labels: !override { only: "sibling" }',
        '    dns: !reset []',
        '  db:',
        '    image: postgres:16',
      ),
    });
    // When it is loaded
    const file = path.join(dir, 'compose.yaml');
    const loaded = loadCompose({ files: [file], environment: {} });
    // Then each has its bases' keys under its own, without extends
    const dependsOn = { db: { condition: 'service_started', required: true } };
    expect(loaded.services).toEqual({
      child: { image: 'example/base:1', environment: { BASE: '1', OWN: '1' }, labels: { only: 'child' }, ports: ['80:80'], depends_on: dependsOn },
      base: { image: 'example/base:1', environment: { BASE: '1' }, labels: { from: 'base' }, ports: ['80:80'], depends_on: dependsOn },
      grandchild: { image: 'example/base:1', environment: { BASE: '1', OWN: '1' }, labels: { only: 'child' }, depends_on: dependsOn },
      sibling: { image: 'example/sibling:1', labels: { only: 'sibling' } },
      db: { image: 'postgres:16' },
    });
    // And the inherited keys are located where the base writes them, the own ones where the child does
    expect([loaded.locations.find(['services', 'child', 'image']), loaded.locations.find(['services', 'grandchild', 'image']), loaded.locations.find(['services', 'child', 'environment'])])
      .toEqual([{ file, line: 7 }, { file, line: 7 }, { file, line: 4 }]);
  });

  it('applies to the base only the extending service\'s own !override and !reset keys, not those of a resource of the same name', () => {
    // Given a child extending a base, beside a network and an extension named like the child with tagged keys
    const dir = project({
      'compose.yaml': yaml(
        'x-child:',
        '  child:',
        '    ports: !reset []',
        'services:',
        '  child:',
        '    extends: base',
        '  base:',
        '    image: example/base:1',
        '    labels: { from: base }',
        '    ports: ["80:80"]',
        'networks:',
        '  child:',
        '    labels: !override { network: "yes" }',
      ),
    });
    // When it is loaded
    const loaded = loadCompose({ files: [path.join(dir, 'compose.yaml')], environment: {} });
    // Then the child keeps the base's labels and ports
    expect(loaded.services.child).toEqual({ image: 'example/base:1', labels: { from: 'base' }, ports: ['80:80'] });
  });

  it('reads a base from another file, relative to the extending file, with that file\'s paths', () => {
    // Given a child extending a service of a file in a subdirectory
    const dir = project({
      'compose.yaml': yaml('services:', '  child:', '    extends: { file: sub/base.yaml, service: base }', '    image: example/child:1'),
      'sub/base.yaml': yaml('services:', '  base:', '    extends: root', '    build: ./app', '  root:', '    image: example/root:1', '    environment: { R: "${R}" }'),
    });
    // When it is loaded
    const loaded = loadCompose({ files: [path.join(dir, 'compose.yaml')], environment: { R: 'r' } });
    // Then the base's keys, its own base's, and its paths resolved against sub/ are the child's
    expect(loaded.services).toEqual({ child: { image: 'example/child:1', build: { context: path.join(dir, 'sub/app') }, environment: { R: 'r' } } });
    expect(loaded.environmentVariables).toEqual({ child: { R: 'R' } });
  });

  it('locates the keys a base from another file gives where that file writes them, not at a service of the same name here', () => {
    // Given a child extending "db" of base.yaml, beside a "db" of its own file with other keys
    const dir = project({
      'compose.yaml': yaml('services:', '  app:', '    extends: { file: base.yaml, service: db }', '    labels: { own: "1" }', '  db:', '    image: postgres:16', '    environment: { A: "1" }'),
      'base.yaml': yaml('services:', '  db:', '    image: example/base:1'),
    });
    const file = path.join(dir, 'compose.yaml');
    // When it is loaded
    const loaded = loadCompose({ files: [file], environment: {} });
    // Then the inherited image is located in base.yaml, the own labels here, and a key of the other db is not the child's
    expect(loaded.services.app).toEqual({ image: 'example/base:1', labels: { own: '1' } });
    expect(loaded.locations.find(['services', 'app', 'image'])).toEqual({ file: path.join(dir, 'base.yaml'), line: 3 });
    expect(loaded.locations.find(['services', 'app', 'labels'])).toEqual({ file, line: 4 });
    expect(loaded.locations.find(['services', 'app', 'environment', 'A'])).toEqual({ file, line: 2 });
  });

  it('fails when the base service is not in the file', () => {
    // Given a child extending a service that is not there
    const dir = project({ 'compose.yaml': yaml('services:', '  child:', '    image: example/child:1', '    extends: nope') });
    const file = path.join(dir, 'compose.yaml');
    // When it is loaded, then the problem names the extends and the file
    expect(problemsOf(() => loadCompose({ files: [file], environment: {} }))).toEqual([{
      ruleId: 'compose', path: `${file}:4`, field: 'services.child.extends', value: 'nope',
      message: 'extends names service "nope", which compose.yaml does not define', fix: 'name a service of that file',
    }]);
  });

  it('fails when the base service is not in the other file', () => {
    // Given a child extending a service another file does not define
    const dir = project({ 'compose.yaml': yaml('services:', '  child:', '    image: example/child:1', '    extends:', '      file: base.yaml', '      service: nope'), 'base.yaml': yaml('services:', '  base:', '    image: example/base:1') });
    const file = path.join(dir, 'compose.yaml');
    // When it is loaded, then the problem names the other file
    expect(problemsOf(() => loadCompose({ files: [file], environment: {} }))).toEqual([{
      ruleId: 'compose', path: `${file}:4`, field: 'services.child.extends', value: 'nope',
      message: 'extends names service "nope", which base.yaml does not define', fix: 'name a service of that file',
    }]);
  });

  it('fails when the other file defines no services', () => {
    // Given a child extending a service of a file without services
    const dir = project({ 'compose.yaml': yaml('services:', '  child:', '    image: example/child:1', '    extends: { file: base.yaml, service: base }'), 'base.yaml': yaml('networks:', '  front: {}') });
    const file = path.join(dir, 'compose.yaml');
    // When it is loaded, then the problem names the other file
    expect(problemsOf(() => loadCompose({ files: [file], environment: {} }))).toEqual([{
      ruleId: 'compose', path: `${file}:4`, field: 'services.child.extends', value: 'base',
      message: 'extends names service "base", which base.yaml does not define', fix: 'name a service of that file',
    }]);
  });

  it('fails when extends forms a cycle in one file, naming the chain', () => {
    // Given two services extending each other
    const dir = project({ 'compose.yaml': yaml('services:', '  a:', '    image: example/a:1', '    extends: b', '  b:', '    image: example/b:1', '    extends: a') });
    const file = path.join(dir, 'compose.yaml');
    // When it is loaded, then the cycle is named where it closes
    expect(problemsOf(() => loadCompose({ files: [file], environment: {} }))).toEqual([{
      ruleId: 'compose', path: `${file}:7`, field: 'services.b.extends', value: 'a -> b -> a',
      message: 'extends forms a cycle', fix: 'make one service of the cycle stop extending another',
    }]);
  });

  it('fails when a service extends itself', () => {
    // Given a service extending itself
    const dir = project({ 'compose.yaml': yaml('services:', '  a:', '    image: example/a:1', '    extends: a') });
    const file = path.join(dir, 'compose.yaml');
    // When it is loaded, then the cycle is named
    expect(problemsOf(() => loadCompose({ files: [file], environment: {} }))).toEqual([{
      ruleId: 'compose', path: `${file}:4`, field: 'services.a.extends', value: 'a -> a',
      message: 'extends forms a cycle', fix: 'make one service of the cycle stop extending another',
    }]);
  });

  it('names only services in the chain of an extends cycle of an included file', () => {
    // Given a service extending itself in a file that another includes, in a directory whose name holds a "#"
    const dir = project({ 'compose.yaml': yaml('include: ["sub#1/part.yaml"]'), 'sub#1/part.yaml': yaml('services:', '  a:', '    image: example/a:1', '    extends: a') });
    // When the including file is loaded, then the chain holds the services, not the including file
    expect(problemsOf(() => loadCompose({ files: [path.join(dir, 'compose.yaml')], environment: {} }))).toEqual([{
      ruleId: 'compose', path: `${path.join(dir, 'sub#1/part.yaml')}:4`, field: 'services.a.extends', value: 'a -> a',
      message: 'extends forms a cycle', fix: 'make one service of the cycle stop extending another',
    }]);
  });

  it('fails when extends forms a cycle across files', () => {
    // Given services of two files extending each other
    const dir = project({
      'a.yaml': yaml('services:', '  a:', '    image: example/a:1', '    extends: { file: b.yaml, service: b }'),
      'b.yaml': yaml('services:', '  b:', '    image: example/b:1', '    extends: { file: a.yaml, service: a }'),
    });
    const file = path.join(dir, 'a.yaml');
    // When it is loaded, then the cycle is named
    expect(problemsOf(() => loadCompose({ files: [file], environment: {} }))).toEqual([{
      ruleId: 'compose', path: `${file}:4`, field: 'services.a.extends', value: 'a -> b -> a',
      message: 'extends forms a cycle', fix: 'make one service of the cycle stop extending another',
    }]);
  });
});

describe('loadCompose include', () => {
  it('adds the resources of included files, relative to the including file, in every form', () => {
    // Given a file including three others, as a string, a path and a list of paths; a network is in both
    const dir = project({
      'compose.yaml': yaml(
        'include:',
        '  - parts/db.yaml',
        '  - path: parts/cache.yaml',
        '  - path: [parts/queue.yaml]',
        'services:',
        '  api:',
        '    image: example/api:1',
        'networks:',
        '  shared: { driver: overlay }',
      ),
      'parts/db.yaml': yaml('services:', '  db:', '    image: postgres:16', '    build: ./db', 'networks:', '  shared: { driver: bridge }', '  back: {}', 'volumes:', '  data: {}', 'secrets:', '  pw: { file: ./pw.txt }', 'configs:', '  conf: { file: ./conf.txt }'),
      'parts/cache.yaml': yaml('services:', '  cache:', '    image: "redis:${REDIS}"'),
      'parts/queue.yaml': yaml('services:', '  queue:', '    image: rabbitmq:3'),
    });
    // When it is loaded
    const file = path.join(dir, 'compose.yaml');
    const loaded = loadCompose({ files: [file], environment: { REDIS: '7' } });
    // Then the included resources are added, the including file's network wins, and include is not kept
    expect({ ...loaded, locations: undefined }).toEqual({
      name: undefined,
      projectDirectory: dir,
      services: { api: { image: 'example/api:1' }, db: { image: 'postgres:16', build: { context: path.join(dir, 'parts/db') } }, cache: { image: 'redis:7' }, queue: { image: 'rabbitmq:3' } },
      networks: { shared: { driver: 'overlay' }, back: {} },
      volumes: { data: {} },
      secrets: { pw: { file: './pw.txt' } },
      configs: { conf: { file: './conf.txt' } },
      other: {},
      locations: undefined,
      inactiveServices: [],
      unsetVariables: [],
      environmentVariables: {},
    });
    // And the included keys are located in their files, the including file's own keys in it
    expect([loaded.locations.find(['services', 'db', 'image']), loaded.locations.find(['networks', 'shared']), loaded.locations.find(['networks', 'back']), loaded.locations.find(['services', 'queue'])])
      .toEqual([{ file: path.join(dir, 'parts/db.yaml'), line: 3 }, { file, line: 9 }, { file: path.join(dir, 'parts/db.yaml'), line: 7 }, { file: path.join(dir, 'parts/queue.yaml'), line: 2 }]);
  });

  it('adds the included services to a file without services', () => {
    // Given a file with only an include
    const dir = project({ 'compose.yaml': yaml('include: [db.yaml]'), 'db.yaml': yaml('services:', '  db:', '    image: postgres:16') });
    // When it is loaded, then the included service is there
    expect(loadCompose({ files: [path.join(dir, 'compose.yaml')], environment: {} }).services).toEqual({ db: { image: 'postgres:16' } });
  });

  it('fails when a service is defined both in the file and in an included one', () => {
    // Given a service in both
    const dir = project({ 'compose.yaml': yaml('include: [db.yaml]', 'services:', '  db:', '    image: postgres:15'), 'db.yaml': yaml('services:', '  db:', '    image: postgres:16') });
    const file = path.join(dir, 'compose.yaml');
    // When it is loaded, then the problem names the service where the including file defines it
    expect(problemsOf(() => loadCompose({ files: [file], environment: {} }))).toEqual([{
      ruleId: 'compose', path: `${file}:3`, field: 'services.db', value: 'db',
      message: 'service "db" is defined here and in the included db.yaml', fix: 'rename one of them; compose refuses a resource defined twice through include',
    }]);
  });

  it('fails when an included file does not exist', () => {
    // Given an include of a missing file
    const dir = project({ 'compose.yaml': yaml('services:', '  api:', '    image: example/api:1', 'include:', '  - missing.yaml') });
    const file = path.join(dir, 'compose.yaml');
    // When it is loaded, then the problem names the include as written
    expect(problemsOf(() => loadCompose({ files: [file], environment: {} }))).toEqual([{
      ruleId: 'compose', path: `${file}:5`, field: 'include[0]', value: 'missing.yaml',
      message: 'the included file does not exist', fix: 'fix the path (relative to the including file)',
    }]);
  });

  it('fails when includes form a cycle', () => {
    // Given two files including each other
    const dir = project({ 'a.yaml': yaml('include: [sub/b.yaml]'), 'sub/b.yaml': yaml('services:', '  b:', '    image: example/b:1', 'include:', '  - ../a.yaml') });
    // When it is loaded, then the cycle is named where it closes
    expect(problemsOf(() => loadCompose({ files: [path.join(dir, 'a.yaml')], environment: {} }))).toEqual([{
      ruleId: 'compose', path: `${path.join(dir, 'sub/b.yaml')}:5`, field: 'include[0]', value: '../a.yaml',
      message: 'include forms a cycle', fix: 'remove the include that leads back to this file',
    }]);
  });

  it('fails when a file includes itself', () => {
    // Given a file including itself
    const dir = project({ 'compose.yaml': yaml('services:', '  api:', '    image: example/api:1', 'include:', '  - ./compose.yaml') });
    const file = path.join(dir, 'compose.yaml');
    // When it is loaded, then the cycle is named
    expect(problemsOf(() => loadCompose({ files: [file], environment: {} }))).toEqual([{
      ruleId: 'compose', path: `${file}:5`, field: 'include[0]', value: './compose.yaml',
      message: 'include forms a cycle', fix: 'remove the include that leads back to this file',
    }]);
  });
});

describe('loadCompose profiles', () => {
  const profiled = yaml(
    'services:',
    '  api:',
    '    image: example/api:1',
    '    profiles: []',
    '  debug:',
    '    image: example/debug:1',
    '    profiles: [debug, dev]',
    '  tools:',
    '    image: example/tools:1',
    '    profiles: [tools]',
  );

  it('keeps only services without profiles when none is active', () => {
    // Given services with and without profiles
    const dir = project({ 'compose.yaml': profiled });
    // When it is loaded without profiles
    const loaded = loadCompose({ files: [path.join(dir, 'compose.yaml')], environment: {} });
    // Then the profiled services are inactive
    expect([loaded.services, loaded.inactiveServices]).toEqual([{ api: { image: 'example/api:1', profiles: [] } }, ['debug', 'tools']]);
  });

  it('activates no profile by default, whatever a profile is named', () => {
    // Given services whose profiles have unusual names (spaces, one word)
    const dir = project({ 'compose.yaml': yaml('services:', '  api:', '    image: example/api:1', '  odd:', '    image: example/odd:1', '    profiles: ["Stryker was here", "with spaces", ""]') });
    // When it is loaded without profiles, then only the service without profiles is active
    const loaded = loadCompose({ files: [path.join(dir, 'compose.yaml')], environment: {} });
    expect([Object.keys(loaded.services), loaded.inactiveServices]).toEqual([['api'], ['odd']]);
  });

  it('keeps a service one of whose profiles is active', () => {
    // Given services with profiles
    const dir = project({ 'compose.yaml': profiled });
    // When it is loaded with the second profile of one
    const loaded = loadCompose({ files: [path.join(dir, 'compose.yaml')], profiles: ['dev'], environment: {} });
    // Then it is active
    expect([Object.keys(loaded.services), loaded.inactiveServices]).toEqual([['api', 'debug'], ['tools']]);
  });

  it('keeps every service with the profile *', () => {
    // Given services with profiles
    const dir = project({ 'compose.yaml': profiled });
    // When it is loaded with *
    const loaded = loadCompose({ files: [path.join(dir, 'compose.yaml')], profiles: ['*'], environment: {} });
    // Then all are active
    expect([Object.keys(loaded.services), loaded.inactiveServices]).toEqual([['api', 'debug', 'tools'], []]);
  });

  it('fails when an active service depends on an inactive one, naming each dependency', () => {
    // Given a service depending on services in inactive profiles and on an active one
    const dir = project({
      'compose.yaml': yaml(
        'services:',
        '  api:',
        '    image: example/api:1',
        '    depends_on:',
        '      db: { condition: service_started }',
        '      debug: { condition: service_started }',
        '      tools: { condition: service_started }',
        '  db:',
        '    image: postgres:16',
        '  debug:',
        '    image: example/debug:1',
        '    profiles: [debug, dev]',
        '  tools:',
        '    image: example/tools:1',
        '    profiles: [tools]',
      ),
    });
    const file = path.join(dir, 'compose.yaml');
    // When it is loaded with another profile, then each inactive dependency is named
    expect(problemsOf(() => loadCompose({ files: [file], profiles: ['other'], environment: {} }))).toEqual([
      { ruleId: 'compose', path: `${file}:6`, field: 'services.api.depends_on.debug', value: 'debug', message: '"debug" is only in profiles ["debug","dev"], none of them active', fix: 'activate one of them (--profile), or drop the dependency' },
      { ruleId: 'compose', path: `${file}:7`, field: 'services.api.depends_on.tools', value: 'tools', message: '"tools" is only in profiles ["tools"], none of them active', fix: 'activate one of them (--profile), or drop the dependency' },
    ]);
    // And with the profiles active, it loads
    expect(Object.keys(loadCompose({ files: [file], profiles: ['dev', 'tools'], environment: {} }).services)).toEqual(['api', 'db', 'debug', 'tools']);
  });

  it('lets an inactive service depend on another inactive one', () => {
    // Given two services of a profile, one depending on the other
    const dir = project({ 'compose.yaml': yaml('services:', '  a:', '    image: example/a:1', '    profiles: [p]', '    depends_on: [b]', '  b:', '    image: example/b:1', '    profiles: [p]') });
    // When it is loaded without the profile, then both are inactive
    expect(loadCompose({ files: [path.join(dir, 'compose.yaml')], environment: {} }).inactiveServices).toEqual(['a', 'b']);
  });
});
