import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Testing } from 'cdktf';
import { fromCompose } from '../../../constructs/compose-import/from-compose';
import { KindDecision, KindInput, planKind, proxyUpstreams, recogniseImage, redisCommandProps, repositoryName } from '../../../constructs/compose-import/kinds';
import { ValidationError } from '../../../constructs/errors';
import { HealthCheck, ProbeTool } from '../../../constructs/health-check';
import { ContainerImage } from '../../../constructs/image';
import { NginxProxyProps } from '../../../constructs/nginx-proxy';
import { Port } from '../../../constructs/port';
import { PostgresProps } from '../../../constructs/postgres';
import { RedisEvictionPolicy, RedisPersistence, RedisProps } from '../../../constructs/redis';
import { Service, ServiceProps } from '../../../constructs/service';
import { Size } from '../../../constructs/size';
import { NamedVolume } from '../../../constructs/volume';
import { newStack } from '../../support/synth';

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

describe('redisCommandProps, flag by flag', () => {
  const PERSISTENCE_MODES = "not one of the kind's persistence modes (append-only, snapshots on the default schedule, none)";

  it.each([
    [['redis-server', '--port', '6379', '--dir', '/data'], { persistence: RedisPersistence.SNAPSHOTS }],
    [['redis-server', '--appendonly', 'no'], { persistence: RedisPersistence.SNAPSHOTS }],
    [['redis-server', '--appendonly', 'yes', '--appendfsync', 'everysec'], { persistence: RedisPersistence.APPEND_ONLY }],
    [['redis-server', '--maxmemory-policy', 'volatile-lru'], { persistence: RedisPersistence.SNAPSHOTS, evictionPolicy: RedisEvictionPolicy.VOLATILE_LRU }],
  ])('accepts %j as the kind sets it', (command, props) => {
    expect(redisCommandProps(command)).toStrictEqual(props);
  });

  it.each([
    ['512', 512],
    ['2k', 2_000],
    ['2kb', 2_048],
    ['3m', 3_000_000],
    ['3MB', 3 * 1024 ** 2],
    ['1g', 1e9],
    ['1gb', 1024 ** 3],
  ])("reads --maxmemory %s in Redis' units", (text, bytes) => {
    const props = redisCommandProps(['redis-server', '--maxmemory', text]);
    expect(typeof props === 'string' ? props : [props.maxMemory?.toBytes(), Object.keys(props)]).toEqual([bytes, ['persistence', 'maxMemory']]);
  });

  it.each([
    [[], 'the command runs "", and the kind runs redis-server with flags of its own'],
    [['redis-server', 'appendonly', 'yes'], 'the argument "appendonly" is not a --flag with a value'],
    [['redis-server', '--requirepass', 'x'], '--requirepass is not one of the flags the kind sets (--appendonly, --appendfsync, --save, --maxmemory, --maxmemory-policy, --port, --dir)'],
    [['redis-server', '--port', '6380'], '--port 6380: the kind listens on 6379'],
    [['redis-server', '--dir', '/var/lib/redis'], '--dir /var/lib/redis: the kind keeps its data in /data'],
    [['redis-server', '--appendfsync', 'everysec'], '--appendfsync everysec: the kind fsyncs the append-only file every second'],
    [['redis-server', '--appendonly', 'always'], `--appendonly always: ${PERSISTENCE_MODES}`],
    [['redis-server', '--appendonly', 'no', '--save', '900 1'], `--appendonly no --save "900 1": ${PERSISTENCE_MODES}`],
    [['redis-server', '--appendonly', 'yes', '--save', ''], `--appendonly yes --save "": ${PERSISTENCE_MODES}`],
    [['redis-server', '--maxmemory', 'x100mb'], '--maxmemory x100mb: not a size'],
    [['redis-server', '--maxmemory', '100mbx'], '--maxmemory 100mbx: not a size'],
    [['redis-server', '--maxmemory', '1.5mb'], '--maxmemory 1.5mb: not a size'],
  ])('refuses %j, saying why', (command, why) => {
    expect(redisCommandProps(command)).toBe(why);
  });
});

describe('fromCompose with recognised images', () => {
  // Imported in each test, not once for the block: what runs outside a test is a "static" mutant
  // to Stryker, tested against every test of the file (docs/DEVELOPING.md, mutation testing).
  const importKinds = (): { imported: ReturnType<typeof fromCompose>; json: Json } => {
    const imported = fromCompose(Testing.app(), 'kinds', { files: [path.join(FIXTURES, 'kinds', 'compose.yaml')] });
    return { imported, json: synth(imported) };
  };

  it('builds each kind where the image is recognised, and says what each became', () => {
    const { imported, json } = importKinds();
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
    const { imported, json } = importKinds();
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
    const { imported, json } = importKinds();
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
    const { json } = importKinds();
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
    const { imported, json } = importKinds();
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
    const { imported, json } = importKinds();
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

describe('proxyUpstreams', () => {
  it('reads the upstream of each short and long route, and skips what is neither', () => {
    expect(proxyUpstreams({ routes: { '/': 'api:8000', '/v/': { upstream: 'vectors', port: 8000 }, '/n/': { upstream: 5 }, '/x/': 7, '/z/': null } })).toEqual(['api', 'vectors']);
  });

  it.each([undefined, null, 'routes', ['api:8000'], { routes: null }, { routes: ['api:8000'] }, { routes: 'api:8000' }])('reads no upstream from %j', (extension) => {
    expect(proxyUpstreams(extension)).toEqual([]);
  });
});

describe('planKind', () => {
  const PASSWORD = 'Zq8-long-random-pass-1234';
  const LITERAL_PASSWORD_NOTE =
    "POSTGRES_PASSWORD becomes the kind's password as Secret.fromLiteral, so the value is in the code and the synthesized Terraform; it is written in the compose file (or is a default there): write it as ${VAR} to set it at deploy time instead";
  const NO_HEALTH_CHECK = "no healthcheck in the compose file: the kind's own health check applies";
  const addedVolume = (target: string, id: string): string => `no named volume at ${target} in the compose file: the kind adds one (child "${id}"), so the data outlives the container`;

  type GivenProps = Omit<ServiceProps, 'image' | 'healthCheck'>;
  /** The compose health check, as the importer passes it (the kinds drop it when compose gave none). */
  const HEALTH_CHECK = HealthCheck.command(['true']);

  /** The decision for a service of `image` with `props`; `fail` throws its arguments as one line. */
  function decide(image: string, props: GivenProps = {}, input: Partial<KindInput> = {}): KindDecision {
    return planKind({
      image,
      hasHealthCheck: false,
      command: props.command,
      environmentVariables: {},
      props: { image: ContainerImage.fromRegistry(image), healthCheck: HEALTH_CHECK, ...props },
      built: {},
      fail: (field, value, message, fix) => {
        throw new Error(`[${field.join('.')}] = ${JSON.stringify(value)}: ${message}. Fix: ${fix}`);
      },
      ...input,
    });
  }
  const volumes = (...ids: string[]): NamedVolume[] => {
    const stack = newStack();
    return ids.map((id) => new NamedVolume(stack, id));
  };

  it('keeps any other image a Service with the props as given', () => {
    const props = { environment: { MODE: 'prod' } };
    const decision = decide('example/api:1.0.0', props);
    expect(decision).toEqual({ plan: { kind: 'Service', props: { image: expect.anything(), healthCheck: HEALTH_CHECK, ...props } }, report: { kind: 'Service', notes: [] } });
  });

  describe('Postgres', () => {
    const ENV = { POSTGRES_USER: 'shop', POSTGRES_DB: 'orders', POSTGRES_PASSWORD: PASSWORD, POSTGRES_INITDB_ARGS: ' --data-checksums ', TZ: 'UTC' };

    it('takes the database keys out of the environment into its props, and notes each default it adds', () => {
      const decision = decide('postgres:16', { environment: ENV });
      expect(decision.report).toEqual({ kind: 'Postgres', notes: [LITERAL_PASSWORD_NOTE, addedVolume('/var/lib/postgresql/data', 'data'), NO_HEALTH_CHECK] });
      const props = decision.plan.props as PostgresProps;
      expect(props.environment).toEqual({ TZ: 'UTC' });
      expect([props.user, props.database, props.dataChecksums, props.volumes, 'dataVolume' in props]).toEqual(['shop', 'orders', true, [], false]);
    });

    it('takes the volume at its data path as the data volume, keeps the others, and adds no note for what compose gave', () => {
      const [data, backups] = volumes('data', 'backups');
      const mounts = [{ volume: backups, target: '/backups' }, { volume: data, target: '/var/lib/postgresql/data' }];
      const decision = decide('postgres:16', { environment: { POSTGRES_PASSWORD: PASSWORD }, volumes: mounts }, { hasHealthCheck: true });
      expect(decision.report).toEqual({ kind: 'Postgres', notes: [LITERAL_PASSWORD_NOTE] });
      const props = decision.plan.props as PostgresProps;
      expect([props.dataVolume, props.volumes, props.user, props.database, props.dataChecksums]).toEqual([data, [mounts[0]], 'postgres', 'postgres', false]);
    });

    it.each([
      ['a user with a character outside the identifier', { POSTGRES_USER: 'shop-owner', POSTGRES_DB: 'orders' }, 'POSTGRES_USER "shop-owner" is not a plain Postgres identifier, which the kind requires'],
      ['a database of 64 characters', { POSTGRES_DB: 'd'.repeat(64) }, `POSTGRES_DB "${'d'.repeat(64)}" is not a plain Postgres identifier, which the kind requires`],
      ['initdb flags with more than checksums', { POSTGRES_INITDB_ARGS: '--data-checksums --locale=C' }, 'POSTGRES_INITDB_ARGS "--data-checksums --locale=C" holds more than --data-checksums, the one initdb flag the kind sets'],
    ])('stays a Service, with its props as given, on %s', (_, env, reason) => {
      const props = { environment: { POSTGRES_PASSWORD: PASSWORD, ...env } };
      expect(decide('postgres:16', props)).toEqual({
        plan: { kind: 'Service', props: { image: expect.anything(), healthCheck: HEALTH_CHECK, ...props } },
        report: { kind: 'Service', recognisedAs: 'Postgres', notes: [`imported as a Service, not as Postgres: ${reason}`] },
      });
    });

    it('accepts identifiers of 63 characters, the most Postgres keeps', () => {
      expect(decide('postgres:16', { environment: { POSTGRES_USER: `_${'u'.repeat(62)}`, POSTGRES_PASSWORD: PASSWORD } }).plan.kind).toBe('Postgres');
    });
  });

  describe('Redis', () => {
    const NO_MAXMEMORY = 'no --maxmemory in the compose file: the kind sets 75% of the memory limit, so Redis refuses writes before the kernel kills it';
    const NO_USER = 'no user in the compose file: the kind runs Redis as "redis"';

    it("runs the image's plain redis-server without a command, and notes each default it adds", () => {
      const decision = decide('redis:7');
      expect(decision.report).toEqual({ kind: 'Redis', notes: [NO_MAXMEMORY, addedVolume('/data', 'data'), NO_HEALTH_CHECK, NO_USER] });
      expect(decision.plan.props).toStrictEqual({ image: expect.anything(), volumes: [], persistence: RedisPersistence.SNAPSHOTS });
    });

    it('takes the volume at /data as the data volume and the flags as props, keeps the other volumes, and adds no note for what compose gave', () => {
      const [data, extra] = volumes('data', 'extra');
      const mounts = [{ volume: extra, target: '/extra' }, { volume: data, target: '/data' }];
      const command = ['redis-server', '--maxmemory', '1048576'];
      const decision = decide('redis:7', { command, user: '999', volumes: mounts }, { hasHealthCheck: true });
      expect(decision.report).toEqual({ kind: 'Redis', notes: [] });
      const props = decision.plan.props as RedisProps;
      expect('command' in props).toBe(false);
      expect([props.dataVolume, props.volumes, props.maxMemory?.toBytes(), props.persistence, props.user]).toEqual([data, [mounts[0]], 1024 ** 2, RedisPersistence.SNAPSHOTS, '999']);
    });

    it('adds a data volume where compose mounts one elsewhere only', () => {
      const [other] = volumes('other');
      const decision = decide('redis:7', { volumes: [{ volume: other, target: '/other' }] });
      expect(decision.report.notes).toContain(addedVolume('/data', 'data'));
      const props = decision.plan.props as RedisProps;
      expect([props.dataVolume, props.volumes]).toEqual([undefined, [{ volume: other, target: '/other' }]]);
    });

    it.each([
      ['a tmpfs at /data', { tmpfs: { '/data': Size.mebibytes(64) } }, 'a tmpfs at /data, where the kind keeps its data in a named volume'],
      ['a bind mount at /data', { bindMounts: [{ source: '/srv/redis', target: '/data' }] }, 'a bind mount at /data, where the kind keeps its data in a named volume'],
    ])('stays a Service on %s, even with flags it could read', (_, props, reason) => {
      const decision = decide('redis:7', { command: ['redis-server', '--appendonly', 'yes'], ...props });
      expect(decision.plan.kind).toBe('Service');
      expect(decision.report).toEqual({ kind: 'Service', recognisedAs: 'Redis', notes: [`imported as a Service, not as Redis: ${reason}`] });
    });
  });

  describe('ChromaDb', () => {
    const SETS = 'the kind sets ANONYMIZED_TELEMETRY=FALSE, IS_PERSISTENT=TRUE and PERSIST_DIRECTORY=/data where the compose file does not';

    it.each([
      ['no environment', {}],
      ['its own settings', { PERSIST_DIRECTORY: '/data', IS_PERSISTENT: 'true' }],
    ])('is the kind with %s, and notes what it sets and adds', (_, environment) => {
      const decision = decide('chromadb/chroma:1.0.15', { environment });
      expect(decision.report).toEqual({ kind: 'ChromaDb', notes: [SETS, addedVolume('/data', 'data'), NO_HEALTH_CHECK] });
      expect(decision.plan.props).toMatchObject({ volumes: [] });
      expect('dataVolume' in decision.plan.props).toBe(false);
    });

    it.each([
      ['persistence turned off', { environment: { IS_PERSISTENT: 'FALSE' } }, 'IS_PERSISTENT is FALSE, and the kind persists its data'],
      ['a bind mount at /data', { bindMounts: [{ source: '/srv/chroma', target: '/data' }] }, 'a bind mount at /data, where the kind keeps its data in a named volume'],
    ])('stays a Service on %s', (_, props, reason) => {
      expect(decide('chromadb/chroma:1.0.15', props).report).toEqual({ kind: 'Service', recognisedAs: 'ChromaDb', notes: [`imported as a Service, not as ChromaDb: ${reason}`] });
    });
  });

  describe('Ollama', () => {
    const SETS = 'the kind sets OLLAMA_HOST=0.0.0.0:11434 where the compose file does not';

    it.each([undefined, '0.0.0.0', '0.0.0.0:11434'])('is the kind with OLLAMA_HOST %s, and notes what it sets and adds', (host) => {
      const decision = decide('ollama/ollama:0.6.5', { environment: host === undefined ? {} : { OLLAMA_HOST: host } });
      expect(decision.report).toEqual({ kind: 'Ollama', notes: [SETS, addedVolume('/root/.ollama', 'models'), NO_HEALTH_CHECK] });
      expect('modelsVolume' in decision.plan.props).toBe(false);
    });

    it('stays a Service on another address', () => {
      expect(decide('ollama/ollama:0.6.5', { environment: { OLLAMA_HOST: '0.0.0.0:11435' } }).report.notes).toEqual([
        'imported as a Service, not as Ollama: OLLAMA_HOST is 0.0.0.0:11435, and the kind listens on 0.0.0.0:11434',
      ]);
    });
  });

  it.each([
    ['ChromaDb', 'chromadb/chroma:1.0.15', '/data', 'dataVolume', 'the kind sets ANONYMIZED_TELEMETRY=FALSE, IS_PERSISTENT=TRUE and PERSIST_DIRECTORY=/data where the compose file does not'],
    ['Ollama', 'ollama/ollama:0.6.5', '/root/.ollama', 'modelsVolume', 'the kind sets OLLAMA_HOST=0.0.0.0:11434 where the compose file does not'],
  ])('makes %s take the volume compose mounts at its data path, and note only what it sets', (kind, image, target, volumeProp, sets) => {
    const [data] = volumes('data');
    const decision = decide(image, { volumes: [{ volume: data, target }] }, { hasHealthCheck: true });
    expect(decision.report).toEqual({ kind, notes: [sets] });
    expect(decision.plan.props).toMatchObject({ volumes: [], [volumeProp]: data });
  });

  describe('NginxProxy', () => {
    const ROUTE_FIX = 'write routes: { "/": "api:8000" } or { "/api/": { upstream: api, port: 8000, strip_prefix: true } }';
    const HTTP = { ports: [{ containerPort: Port.tcp(80), hostPort: Port.tcp(8081), hostIp: '127.0.0.1' }] };
    const built = (): Record<string, Service> => {
      const stack = newStack();
      return { api: new Service(stack, 'api', { image: ContainerImage.fromRegistry('example/api:1.0.0'), healthCheck: HEALTH_CHECK }), '55': new Service(stack, 'n55', { image: ContainerImage.fromRegistry('example/n:1.0.0'), healthCheck: HEALTH_CHECK }) };
    };
    const proxy = (extension: unknown, props: GivenProps = HTTP, input: Partial<KindInput> = {}): KindDecision =>
      decide('nginx:1.27-alpine', props, { proxyExtension: extension, built: built(), ...input });

    it('routes to the services built so far, keeps the host port, and notes what it changes', () => {
      const decision = proxy({ routes: { '/': 'api:1', '/api/': { upstream: 'api', port: 65535, strip_prefix: false } } });
      expect(decision.report).toEqual({
        kind: 'NginxProxy',
        notes: ['the kind writes nginx.conf from x-cdktf-proxy.routes and listens on 8080 inside the container (host port 8081 kept)', 'no user in the compose file: the kind runs nginx as 101:101'],
      });
      const props = decision.plan.props as NginxProxyProps;
      expect(props.routes.map((r) => ({ ...r, upstream: r.upstream.node.id, upstreamPort: r.upstreamPort?.number }))).toStrictEqual([
        { path: '/', upstream: 'api', upstreamPort: 1 },
        { path: '/api/', upstream: 'api', upstreamPort: 65535, stripPrefix: false },
      ]);
      expect([props.httpPort?.number, props.public, 'probeTool' in props, 'ports' in props, 'healthCheck' in props]).toEqual([8081, false, false, false, false]);
    });

    it('keeps the container port as the host port where compose gives none, is public on any address, and replaces a compose health check', () => {
      const decision = proxy({ routes: { '/': 'api:8000' }, probe_tool: 'curl' }, { ports: [{ containerPort: Port.tcp(80) }], user: '101:101' }, { hasHealthCheck: true });
      expect(decision.report.notes).toEqual([
        'the kind writes nginx.conf from x-cdktf-proxy.routes and listens on 8080 inside the container (host port 80 kept)',
        "the compose healthcheck is replaced by the kind's (GET /healthz on 8080): the one written probes nginx's old port",
      ]);
      const props = decision.plan.props as NginxProxyProps;
      expect([props.httpPort?.number, props.public, props.probeTool, props.user]).toEqual([80, true, ProbeTool.CURL, '101:101']);
      expect((proxy({ routes: { '/': 'api:8000' } }, { ports: [{ containerPort: Port.tcp(80), hostIp: '0.0.0.0' }] }).plan.props as NginxProxyProps).public).toBe(true);
    });

    it.each([
      ['a list', ['api:8000'], '[] = ["api:8000"]: not a mapping. Fix: write x-cdktf-proxy: { routes: { "/": "api:8000" } }'],
      ['an unknown key', { routes: { '/': 'api:8000' }, tls: true }, '[tls] = true: not a key of the extension. Fix: use routes and probe_tool'],
      ['an unknown probe tool', { routes: { '/': 'api:8000' }, probe_tool: 'nc' }, '[probe_tool] = "nc": not a probe tool. Fix: use one of python3, bash, curl, wget'],
      ['no routes', { routes: {} }, `[routes] = {}: no routes. Fix: ${ROUTE_FIX}`],
      ['a route that is neither text nor a mapping', { routes: { '/': 5 } }, `[routes./] = 5: upstream undefined is not a service of the file. Fix: ${ROUTE_FIX}`],
      ['an upstream that is no name', { routes: { '/': { upstream: 55, port: 80 } } }, `[routes./] = {"upstream":55,"port":80}: upstream 55 is not a service of the file. Fix: ${ROUTE_FIX}`],
      ['port 0', { routes: { '/': 'api:0' } }, `[routes./] = "api:0": port "0" is not a port number. Fix: ${ROUTE_FIX}`],
      ['port 65536', { routes: { '/': { upstream: 'api', port: 65536 } } }, `[routes./] = {"upstream":"api","port":65536}: port 65536 is not a port number. Fix: ${ROUTE_FIX}`],
      ['a strip_prefix that is no boolean', { routes: { '/a/': { upstream: 'api', port: 80, strip_prefix: 'yes' } } }, `[routes./a/.strip_prefix] = "yes": not true or false. Fix: ${ROUTE_FIX}`],
    ])('fails on %s, with the field, the value and the fix', (_, extension, message) => {
      expect(() => proxy(extension)).toThrow(message);
    });

    it.each([
      ['a command', { command: ['nginx', '-g', 'daemon off;'] }, 'a command or entrypoint is set, and the kind runs nginx with the configuration it writes'],
      ['an entrypoint', { entrypoint: ['/docker-entrypoint.sh'] }, 'a command or entrypoint is set, and the kind runs nginx with the configuration it writes'],
      ['a volume at /etc/nginx', { volumes: [{ volume: volumes('conf')[0], target: '/etc/nginx' }] }, '/etc/nginx is mounted, and the kind writes the configuration there itself'],
      ['a bind mount under /etc/nginx', { bindMounts: [{ source: './conf.d', target: '/etc/nginx/conf.d' }] }, '/etc/nginx/conf.d is mounted, and the kind writes the configuration there itself'],
      ['a tmpfs under /etc/nginx', { tmpfs: { '/etc/nginx/cache': Size.mebibytes(8) } }, '/etc/nginx/cache is mounted, and the kind writes the configuration there itself'],
      ['a file under /etc/nginx', { files: [{ path: '/etc/nginx/conf.d/a.conf', content: 'server {}' }] }, '/etc/nginx/conf.d/a.conf is mounted, and the kind writes the configuration there itself'],
      ['no port', { ports: undefined }, 'the kind publishes one plain-HTTP port, container port 80 in the compose file (HTTPS needs its certificate directory, written in code)'],
      ['another container port', { ports: [{ containerPort: Port.tcp(8080) }] }, 'the kind publishes one plain-HTTP port, container port 80 in the compose file (HTTPS needs its certificate directory, written in code)'],
      ['a port on another address', { ports: [{ containerPort: Port.tcp(80), hostIp: '10.0.0.1' }] }, 'the port binds 10.0.0.1, and the kind binds 0.0.0.0 (public) or 127.0.0.1'],
    ])('stays a Service with %s', (_, extra, reason) => {
      const props = { ports: HTTP.ports, ...extra };
      expect(proxy({ routes: { '/': 'api:8000' } }, props).report).toEqual({ kind: 'Service', recognisedAs: 'NginxProxy', notes: [`imported as a Service, not as NginxProxy: ${reason}`] });
    });

    it('accepts a mount beside the configuration directory', () => {
      expect(proxy({ routes: { '/': 'api:8000' } }, { ...HTTP, bindMounts: [{ source: './html', target: '/etc/nginxx' }] }).plan.kind).toBe('NginxProxy');
    });
  });
});
