import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Testing } from 'cdktf';
import { fromCompose } from '../../../constructs/compose-import/from-compose';
import { recogniseImage, redisCommandProps, repositoryName } from '../../../constructs/compose-import/kinds';
import { ValidationError } from '../../../constructs/errors';
import { RedisEvictionPolicy, RedisPersistence } from '../../../constructs/redis';

const FIXTURES = path.resolve(__dirname, '..', '..', 'fixtures', 'compose-import');

type Json = { resource: { docker_container: Record<string, Record<string, unknown>>; docker_volume: Record<string, Record<string, unknown>> } };
const synth = (r: ReturnType<typeof fromCompose>): Json => JSON.parse(Testing.synth(r.stack, true)) as Json;
const container = (json: Json, name: string): Record<string, unknown> => Object.values(json.resource.docker_container).find((c) => c.name === name) ?? {};

/** Imports one compose file written into a fresh directory. */
function importText(text: string, allowUnsupported = false): ReturnType<typeof fromCompose> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'compose-kinds-'));
  fs.writeFileSync(path.join(dir, 'compose.yaml'), text);
  fs.writeFileSync(path.join(dir, 'Dockerfile'), 'FROM scratch\n');
  return fromCompose(Testing.app(), 'k', { files: [path.join(dir, 'compose.yaml')], namePrefix: 'k', allowUnsupported });
}

describe('recogniseImage', () => {
  it.each([
    ['postgres', 'Postgres'],
    ['postgres:16.4-alpine', 'Postgres'],
    ['docker.io/library/postgres:16@sha256:abc', 'Postgres'],
    ['localhost:5000/postgres:16', 'Postgres'],
    ['cds-local/postgres:15', 'Postgres'],
    ['redis:7', 'Redis'],
    ['chromadb/chroma:1.0.15', 'ChromaDb'],
    ['ghcr.io/chroma-core/chroma:latest', 'ChromaDb'],
    ['example/chromadb:1', 'ChromaDb'],
    ['ollama/ollama:0.6.5', 'Ollama'],
    ['nginx:1.27-alpine', 'NginxProxy'],
  ])('recognises %s as %s', (image, kind) => {
    expect(recogniseImage(image)).toBe(kind);
  });

  it.each(['bitnami/postgresql:16', 'postgres-exporter:1', 'example/api:1.2.3', 'redis-commander:latest', 'localhost:5000/app:postgres'])('recognises nothing in %s', (image) => {
    expect(recogniseImage(image)).toBeUndefined();
  });

  it('names the repository without registry, tag or digest', () => {
    expect(repositoryName('localhost:5000/team/Redis:7@sha256:abc')).toBe('redis');
  });
});

describe('redisCommandProps', () => {
  it('maps the flags the kind sets onto its props', () => {
    expect(redisCommandProps(['redis-server', '--appendonly', 'yes', '--maxmemory', '100mb', '--maxmemory-policy', 'allkeys-lru'])).toEqual({
      persistence: RedisPersistence.APPEND_ONLY,
      maxMemory: expect.objectContaining({}),
      evictionPolicy: RedisEvictionPolicy.ALL_KEYS_LRU,
    });
    expect(redisCommandProps(['redis-server'])).toEqual({ persistence: RedisPersistence.SNAPSHOTS });
    expect(redisCommandProps(['redis-server', '--save', '', '--appendonly', 'no'])).toEqual({ persistence: RedisPersistence.NONE });
  });

  it.each([
    [['redis-server', '--requirepass', 'x'], /--requirepass is not one of the flags/],
    [['redis-stack-server'], /runs "redis-stack-server"/],
    [['redis-server', '--appendonly', 'yes', '--save', ''], /not one of the kind's persistence modes/],
    [['redis-server', '--appendonly', 'yes', '--appendfsync', 'always'], /--appendfsync always/],
    [['redis-server', '--port', '6380'], /--port 6380/],
    [['redis-server', '--maxmemory', 'lots'], /--maxmemory lots: not a size/],
    [['redis-server', '--maxmemory-policy', 'lru'], /not a RedisEvictionPolicy/],
    [['redis-server', '--appendonly'], /not a --flag with a value/],
  ])('fails when the command is %j', (command, why) => {
    expect(redisCommandProps(command)).toMatch(why);
  });
});

describe('fromCompose with recognised images', () => {
  const imported = fromCompose(Testing.app(), 'kinds', { files: [path.join(FIXTURES, 'kinds', 'compose.yaml')] });
  const json = synth(imported);

  it('builds each kind where the image is recognised, and says what each became', () => {
    expect(Object.fromEntries(Object.entries(imported.kinds).map(([name, k]) => [name, [k.kind, k.recognisedAs]]))).toEqual({
      db: ['Postgres', undefined],
      cache: ['Redis', undefined],
      queue: ['Redis', undefined],
      vectors: ['ChromaDb', undefined],
      llm: ['Ollama', undefined],
      proxy: ['Service', 'NginxProxy'],
      edge: ['NginxProxy', undefined],
      'reports-db': ['Postgres', undefined],
      'legacy-db': ['Service', 'Postgres'],
    });
    // no POSTGRES_PASSWORD: the kind generates one, and says so
    expect(imported.kinds['reports-db'].notes).toEqual(expect.arrayContaining([expect.stringMatching(/no POSTGRES_PASSWORD in the compose file: the kind generates one/)]));
    expect(container(json, 'kinds-reports-db').env).toEqual(expect.arrayContaining([expect.stringMatching(/^POSTGRES_PASSWORD=\$\{random_password\./)]));
  });

  it('moves the Postgres keys into the kind: user, database, checksums, the password a secret, the data volume', () => {
    const db = container(json, 'kinds-db');
    expect(db).toMatchObject({
      image: expect.stringContaining('postgres'),
      env: ['POSTGRES_DB=orders', 'POSTGRES_INITDB_ARGS=--data-checksums', 'POSTGRES_PASSWORD=Zq8-long-random-pass-1234', 'POSTGRES_USER=shop', 'TZ=UTC'],
      // compose gave no health check: the kind's own, over TCP, as the database owner
      healthcheck: expect.objectContaining({ test: ['CMD', 'pg_isready', '-h', '127.0.0.1', '-U', 'shop', '-d', 'orders'] }),
      mounts: [{ source: 'kinds-db-data', target: '/var/lib/postgresql/data', type: 'volume', read_only: false }],
      stop_signal: 'SIGINT',
    });
    expect(imported.kinds.db.notes.join('\n')).toMatch(/POSTGRES_PASSWORD becomes the kind's password.*\n.*no healthcheck in the compose file: the kind's own health check applies/);
  });

  it("reads Redis' command into its props, and sets persistence and maxmemory where compose is silent", () => {
    expect(container(json, 'kinds-cache').command).toEqual(['redis-server', '--port', '6379', '--dir', '/data', '--appendonly', 'yes', '--appendfsync', 'everysec', '--maxmemory', String(100 * 1024 ** 2), '--maxmemory-policy', 'allkeys-lru']);
    // no command: the image's plain redis-server (snapshots); maxmemory 75% of the kind's 256 MiB
    expect(container(json, 'kinds-queue')).toMatchObject({
      image: expect.stringContaining('redis-7-4-alpine-sha256-0000'),
      command: ['redis-server', '--port', '6379', '--dir', '/data', '--appendonly', 'no', '--maxmemory', String(192 * 1024 ** 2), '--maxmemory-policy', 'noeviction'],
      mounts: [{ source: 'kinds-queue-data', target: '/data', type: 'volume', read_only: false }],
    });
    expect(imported.kinds.queue.notes).toEqual(expect.arrayContaining([expect.stringMatching(/no named volume at \/data .*adds one \(child "data"\)/), expect.stringMatching(/no --maxmemory/)]));
  });

  it("gives ChromaDb and Ollama the compose volume as their data volume, and their own health checks", () => {
    expect(container(json, 'kinds-vectors')).toMatchObject({
      mounts: [{ source: 'kinds-vectors', target: '/data', type: 'volume', read_only: false }],
      healthcheck: expect.objectContaining({ test: ['CMD', 'bash', '-c', expect.stringContaining('/api/v2/heartbeat')] }),
    });
    expect(container(json, 'kinds-llm')).toMatchObject({
      env: ['OLLAMA_HOST=0.0.0.0:11434', 'OLLAMA_KEEP_ALIVE=10m'],
      mounts: [{ source: 'kinds-models', target: '/root/.ollama', type: 'volume', read_only: false }],
      healthcheck: expect.objectContaining({ test: ['CMD', 'ollama', 'list'] }),
    });
  });

  it('makes an nginx service with x-cdktf-proxy routes an NginxProxy: its config written, its port kept on the host', () => {
    const edge = container(json, 'kinds-edge');
    expect(edge).toMatchObject({
      ports: [{ internal: 8080, external: 8081, ip: '127.0.0.1', protocol: 'tcp' }],
      user: '101:101',
      healthcheck: expect.objectContaining({ test: expect.arrayContaining(['wget']) }),
      upload: [expect.objectContaining({ file: '/etc/nginx/nginx.conf', content: expect.stringMatching(/location \/vectors\/ \{[\s\S]*set \$upstream_vectors_8000 vectors:8000;[\s\S]*location \/ \{[\s\S]*set \$upstream_llm_11434 llm:11434;/) })],
    });
    expect(edge.depends_on).toEqual(expect.arrayContaining([expect.stringMatching(/^docker_container\.llm_/), expect.stringMatching(/^docker_container\.vectors_/)]));
    expect(imported.report.find((r) => r.key === 'services.edge.x-cdktf-proxy')).toMatchObject({ support: 'mapped', becomes: expect.stringMatching(/NginxProxy routes/) });
  });

  it('keeps nginx and a Postgres on a bind mount as Services, saying why in the warnings', () => {
    expect(imported.warnings).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/compose\.yaml:\d+: services\.proxy: imported as a Service, not as NginxProxy: NginxProxy writes nginx\.conf from typed routes, and the service gives none.*Give the routes in x-cdktf-proxy/),
        expect.stringMatching(/compose\.yaml:\d+: services\.legacy-db: imported as a Service, not as Postgres: a bind mount at \/var\/lib\/postgresql\/data/),
      ]),
    );
    expect(container(json, 'kinds-legacy-db').env).toEqual(['POSTGRES_PASSWORD=Zq8-long-random-pass-5678']);
    expect(imported.kinds['legacy-db'].notes).toEqual([expect.stringMatching(/^imported as a Service, not as Postgres: a bind mount at/)]);
  });
});

describe('fromCompose falls back to Service where a kind cannot express the service', () => {
  it.each([
    ['POSTGRES_PASSWORD_FILE', 'image: postgres:16\n    environment: { POSTGRES_PASSWORD_FILE: /run/secrets/pw }', /POSTGRES_PASSWORD_FILE is set/],
    ['other initdb flags', 'image: postgres:16\n    environment: { POSTGRES_PASSWORD: Zq8-long-random-pass-1234, POSTGRES_INITDB_ARGS: "--locale=C" }', /POSTGRES_INITDB_ARGS "--locale=C"/],
    ['a user that is no identifier', 'image: postgres:16\n    environment: { POSTGRES_USER: Shop-Owner, POSTGRES_PASSWORD: Zq8-long-random-pass-1234 }', /POSTGRES_USER "Shop-Owner" is not a plain Postgres identifier/],
    ['a container user', 'image: postgres:16\n    user: "999"\n    environment: { POSTGRES_PASSWORD: Zq8-long-random-pass-1234 }', /user "999" is set/],
    ['a Redis flag the kind lacks', 'image: redis:7\n    command: ["redis-server", "--requirepass", "x"]', /--requirepass is not one of the flags/],
    ['a tmpfs where Redis keeps data', 'image: redis:7\n    tmpfs: [/data]', /a tmpfs at \/data/],
    ['a read-only Ollama models volume', 'image: ollama/ollama:0.6.5\n    volumes: ["m:/root/.ollama:ro"]', /a read-only volume at \/root\/\.ollama/],
    ['Chroma persisting elsewhere', 'image: chromadb/chroma:1.0.15\n    environment: [PERSIST_DIRECTORY=/chroma/chroma]', /PERSIST_DIRECTORY is \/chroma\/chroma/],
    ['an nginx proxy mounting its own configuration', 'image: nginx:1.27\n    ports: ["80:80"]\n    volumes: ["./nginx.conf:/etc/nginx/nginx.conf:ro"]\n    x-cdktf-proxy: { routes: { /: "up:8000" } }\n  up:\n    image: example/up:1.0.0', /\/etc\/nginx\/nginx\.conf is mounted/],
    ['an nginx proxy publishing 443', 'image: nginx:1.27\n    ports: ["80:80", "443:443"]\n    x-cdktf-proxy: { routes: { /: "up:8000" } }\n  up:\n    image: example/up:1.0.0', /one plain-HTTP port/],
    ['Ollama on another address', 'image: ollama/ollama:0.6.5\n    environment: [OLLAMA_HOST=127.0.0.1:11434]', /OLLAMA_HOST is 127\.0\.0\.1:11434/],
  ])('falls back on %s', (_, body, why) => {
    const imported = importText(`services:\n  s:\n    ${body}\n    healthcheck: { test: ["CMD", "true"] }\nvolumes:\n  m: {}\n`);
    expect(imported.kinds.s.kind).toBe('Service');
    expect(imported.kinds.s.notes.join('\n')).toMatch(why);
    expect(imported.warnings.join('\n')).toMatch(why);
  });

  it('builds a service built from a context as a Service, whatever its image is called', () => {
    const imported = importText('services:\n  db:\n    build: .\n    image: postgres:16\n    healthcheck: { test: ["CMD", "true"] }\n');
    expect(imported.kinds.db).toEqual({ kind: 'Service', notes: [] });
  });
});

describe('x-cdktf-proxy', () => {
  it.each([
    ['no routes', '{ routes: {} }', /x-cdktf-proxy\.routes = \{\}: no routes/],
    ['an upstream that is no service', '{ routes: { /: "nowhere:80" } }', /x-cdktf-proxy\.routes\.\/ = "nowhere:80": upstream "nowhere" is not a service/],
    ['a port that is no number', '{ routes: { /: "up:http" } }', /port "http" is not a port number/],
    ['an unknown key', '{ routes: { /: "up:80" }, tls: true }', /x-cdktf-proxy\.tls = true: not a key of the extension/],
    ['an unknown probe tool', '{ routes: { /: "up:80" }, probe_tool: nc }', /probe_tool = "nc": not a probe tool/],
  ])('fails on %s, naming the file and line', (_, extension, why) => {
    let message = '';
    try {
      importText(`services:\n  up:\n    image: example/up:1.0.0\n    healthcheck: { test: ["CMD", "true"] }\n  proxy:\n    image: nginx:1.27\n    ports: ["127.0.0.1:8080:80"]\n    x-cdktf-proxy: ${extension}\n`);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/compose\.yaml:8: services\.proxy\.x-cdktf-proxy/);
    expect(message).toMatch(why);
  });

  it('is ignored, with a warning, on an image that is not nginx', () => {
    const imported = importText('services:\n  web:\n    image: example/web:1.0.0\n    healthcheck: { test: ["CMD", "true"] }\n    x-cdktf-proxy: { routes: { /: "web:80" } }\n');
    expect(imported.kinds.web.kind).toBe('Service');
    expect(imported.warnings).toEqual([expect.stringMatching(/compose\.yaml:5: services\.web\.x-cdktf-proxy is read on nginx images only: ignored/)]);
  });
});

describe("the kinds' own validation applies to imported stacks", () => {
  it('fails when a Redis maxmemory is not below the memory limit, naming the file and the field', () => {
    let error: unknown;
    try {
      importText('services:\n  cache:\n    image: redis:7\n    command: redis-server --maxmemory 256mb\n    mem_limit: 256m\n');
    } catch (e) {
      error = e;
    }
    expect(ValidationError.isValidationError(error)).toBe(true);
    expect(String((error as Error).message)).toMatch(/k\/cache \(.*compose\.yaml:2\).*maxMemory.*not below memoryLimit/);
  });

  it('accepts a maxmemory one MiB below the limit', () => {
    const imported = importText('services:\n  cache:\n    image: redis:7\n    command: redis-server --maxmemory 255mb\n    mem_limit: 256m\n');
    expect(container(synth(imported), 'k-cache').command).toContain(String(255 * 1024 ** 2));
  });
});

describe('the Postgres password from compose', () => {
  type WithVariables = Json & { variable?: Record<string, { sensitive?: boolean }> };
  const PASSWORD = 'Zq8-long-random-pass-1234';

  /** Imports a Postgres whose POSTGRES_PASSWORD is `written`, beside an api with `apiEnvironment`. */
  function importPassword(written: string, environment: Record<string, string>, apiEnvironment = '{ MODE: prod }') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'compose-password-'));
    const text = [
      'services:',
      '  db:',
      '    image: postgres:16.4-alpine',
      `    environment: { POSTGRES_PASSWORD: ${JSON.stringify(written)} }`,
      '  api:',
      '    image: example/api:1.0.0',
      `    environment: ${apiEnvironment}`,
      '    healthcheck: { test: ["CMD", "true"] }',
      '',
    ].join('\n');
    fs.writeFileSync(path.join(dir, 'compose.yaml'), text);
    return fromCompose(Testing.app(), 'p', { files: [path.join(dir, 'compose.yaml')], namePrefix: 'p', environment });
  }
  const synthesize = (imported: ReturnType<typeof fromCompose>) => {
    const synthesized = Testing.synth(imported.stack, true);
    return { synthesized, json: JSON.parse(synthesized) as WithVariables };
  };

  it('stays the variable compose read it from: a sensitive Terraform variable, the value nowhere in the output', () => {
    const imported = importPassword('${SHOP_DB_PASSWORD:?set it}', { SHOP_DB_PASSWORD: PASSWORD });
    const { synthesized, json } = synthesize(imported);
    expect(container(json, 'p-db').env).toEqual(expect.arrayContaining(['POSTGRES_PASSWORD=${var.SHOP_DB_PASSWORD}']));
    expect(json.variable?.SHOP_DB_PASSWORD).toMatchObject({ sensitive: true });
    expect(synthesized).not.toContain(PASSWORD);
    expect(imported.kinds.db.notes).toEqual(expect.arrayContaining([expect.stringMatching(/Secret\.fromVariable\("SHOP_DB_PASSWORD"\), set when you deploy through TF_VAR_SHOP_DB_PASSWORD/)]));
    expect(imported.warnings).toEqual([]);
  });

  it.each([
    ['written in the file', PASSWORD, {}, /it is written in the compose file/],
    ['a default that applied', `\${UNSET_PASSWORD:-${PASSWORD}}`, {}, /it is written in the compose file \(or is a default there\)/],
    ['from a variable Terraform cannot name', '${_DB_PASSWORD}', { _DB_PASSWORD: PASSWORD }, /\$\{_DB_PASSWORD\}, which is no Terraform variable name/],
  ])('stays a literal when %s, and the note says how to keep it out of the code', (_what, written, environment, why) => {
    const imported = importPassword(written, environment);
    const { json } = synthesize(imported);
    expect(container(json, 'p-db').env).toEqual(expect.arrayContaining([`POSTGRES_PASSWORD=${PASSWORD}`]));
    expect(json.variable).toBeUndefined();
    expect(imported.kinds.db.notes).toEqual(expect.arrayContaining([expect.stringMatching(/Secret\.fromLiteral, so the value is in the code and the synthesized Terraform/), expect.stringMatching(why)]));
  });

  it('warns where compose copied the value into another environment value, which stays plain text', () => {
    // (a copy in a URL is also an error of the stack rules at synth: CDS-SECRET-WEAK)
    const imported = importPassword('${SHOP_DB_PASSWORD}', { SHOP_DB_PASSWORD: PASSWORD }, '{ DATABASE_URL: "postgresql://postgres:${SHOP_DB_PASSWORD}@db/postgres" }');
    expect(imported.warnings).toEqual([expect.stringMatching(/compose\.yaml:7: services\.api\.environment\.DATABASE_URL holds the value of \$\{SHOP_DB_PASSWORD\}, the password of db: it stays plain text/)]);
  });
});
