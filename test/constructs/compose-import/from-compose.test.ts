import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Testing } from 'cdktf';
import * as fc from 'fast-check';
import { fromCompose } from '../../../constructs/compose-import/from-compose';
import { KeySupport } from '../../../constructs/compose-import/key-table';
import { ValidationError } from '../../../constructs/errors';
import { problemsOf } from '../../support/factory-error';

const FIXTURES = path.resolve(__dirname, '..', '..', 'fixtures', 'compose-import');

/** Writes files into a fresh directory and returns its path. */
function project(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'compose-import-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

/** The ValidationError `run` throws (fails the test when it throws none or another error). */
function validationError(run: () => unknown): ValidationError {
  try {
    run();
  } catch (error) {
    if (ValidationError.isValidationError(error)) return error;
    throw error;
  }
  throw new Error('expected a ValidationError');
}

type Json = { resource: { docker_container: Record<string, Record<string, unknown>>; docker_network: Record<string, Record<string, unknown>> } };
const synth = (r: ReturnType<typeof fromCompose>): Json => JSON.parse(Testing.synth(r.stack, true)) as Json;
const container = (json: Json, name: string): Record<string, unknown> => Object.values(json.resource.docker_container).find((c) => c.name === name) ?? {};

const SIMPLE = (extra = ''): string => `services:\n  web:\n    image: example/web:1.0.0\n    healthcheck:\n      test: ["CMD", "true"]\n${extra}`;
const COMPOSE_FIX = 'remove the key, or pass allowUnsupported (--allow-unsupported) to import without it';

describe('fromCompose', () => {
  it('maps the basic fixture onto the constructs, every key reported', () => {
    // Given a compose file with two services, networks, a volume, an env file and anchors
    const app = Testing.app();
    // When it is imported
    const imported = fromCompose(app, 'shop', { files: [path.join(FIXTURES, 'basic', 'compose.yaml')], environment: { DB_PASSWORD: 'Zq8-long-random-pass-1234' } });
    const json = synth(imported);
    // Then the containers carry what the file says
    expect(container(json, 'shop-db')).toMatchObject({
      cpus: '0.5',
      memory: 256,
      memory_reservation: 128,
      shm_size: 128,
      // a Postgres: the image's default user and database written out, the password the variable compose read it from
      env: ['POSTGRES_DB=postgres', 'POSTGRES_PASSWORD=${var.DB_PASSWORD}', 'POSTGRES_USER=postgres'],
      healthcheck: { interval: '5s', timeout: '3s', retries: 5, start_period: '10s', start_interval: '1s', test: ['CMD-SHELL', 'pg_isready -U postgres'] },
      mounts: [{ source: 'shop-data', target: '/var/lib/postgresql/data', type: 'volume', read_only: false }],
      log_opts: { 'max-size': '10m', 'max-file': '3' },
    });
    expect(container(json, 'shop-api')).toMatchObject({
      command: ['uvicorn', 'app:app', '--port', '8000'],
      env: ['API_TOKEN_FILE=/run/secrets/token', 'LOG_LEVEL=info', 'MODE=prod'],
      ports: [{ external: 8080, internal: 8000, ip: '127.0.0.1', protocol: 'tcp' }],
      restart: 'on-failure',
      max_retry_count: 3,
      user: '1000:1000',
      read_only: true,
      tmpfs: { '/tmp': 'size=16777216' },
      capabilities: { add: ['CAP_NET_BIND_SERVICE'], drop: ['ALL'] },
      stop_timeout: 20,
      depends_on: [expect.stringMatching(/^docker_container\.db_/)],
    });
    expect(Object.values(json.resource.docker_network).map((n) => [n.name, n.internal])).toEqual(
      expect.arrayContaining([
        ['shop-frontend', false],
        ['shop-backend', true],
      ]),
    );
    expect(imported.warnings).toEqual([]);
    expect(imported.report.find((r) => r.key === 'services.api.cap_drop')).toMatchObject({ support: KeySupport.CAVEAT, location: expect.stringMatching(/compose\.yaml:51$/) });
  });

  describe('bad input: a ValidationError with file and line, nothing added to the app', () => {
    const cases: [string, Record<string, string>, RegExp][] = [
      ['a YAML syntax error', { 'compose.yaml': 'services:\n  web:\n    image: "unterminated\n' }, /compose\.yaml:[34]: \(document\).*YAML syntax error/],
      ['a schema violation', { 'compose.yaml': SIMPLE('    restart_delay: 5s\n') }, /compose\.yaml:6: services\.web\.restart_delay/],
      ['an undefined ${VAR:?}', { 'compose.yaml': SIMPLE('    environment:\n      TOKEN: ${TOKEN:?give the token}\n') }, /compose\.yaml:7: services\.web\.environment\.TOKEN.*give the token/],
      ['a cycle through extends', { 'compose.yaml': `${SIMPLE('    extends: other\n')}  other:\n    extends: web\n` }, /compose\.yaml:\d+: services\.\w+\.extends.*cycle/],
      ['a missing env_file', { 'compose.yaml': SIMPLE('    env_file: missing.env\n') }, /compose\.yaml:6: services\.web\.env_file\[0\].*does not exist/],
      ['an unsupported key', { 'compose.yaml': SIMPLE('    ulimits:\n      nofile: 1024\n') }, /compose\.yaml:6: services\.web\.ulimits/],
      ['an unsupported value of a mapped key (deploy.mode global)', { 'compose.yaml': SIMPLE('    deploy:\n      mode: global\n') }, /compose\.yaml:7: services\.web\.deploy\.mode = "global"/],
      ['a network driver other than bridge', { 'compose.yaml': `${SIMPLE()}networks:\n  overlay-net:\n    driver: overlay\n` }, /compose\.yaml:8: networks\.overlay-net\.driver = "overlay"/],
      ['a volume driver other than local', { 'compose.yaml': `${SIMPLE()}volumes:\n  nfs:\n    driver: nfs\n` }, /compose\.yaml:8: volumes\.nfs\.driver = "nfs"/],
    ];
    it.each(cases)('fails on %s', (_, files, expected) => {
      // Given a project with the defect
      const dir = project(files);
      const app = Testing.app();
      // When it is imported
      const error = validationError(() => fromCompose(app, 'bad', { files: [path.join(dir, 'compose.yaml')], environment: {} }));
      // Then the error names the file, the line and the key, and the app holds nothing
      expect(error.message).toMatch(expected);
      expect(app.node.children).toEqual([]);
    });
  });

  it('lets an unsupported key through with allowUnsupported, as a warning', () => {
    const dir = project({ 'compose.yaml': SIMPLE('    ulimits:\n      nofile: 1024\n') });
    const imported = fromCompose(Testing.app(), 'ok', { files: [path.join(dir, 'compose.yaml')], environment: {}, allowUnsupported: true });
    expect(imported.warnings).toEqual([expect.stringMatching(/compose\.yaml:6: services\.web\.ulimits is not imported/)]);
  });

  it('interpolates every form and $$', () => {
    const dir = project({
      'compose.yaml': SIMPLE('    environment:\n      A: ${A}\n      B: ${B:-b-default}\n      C: ${C-c-default}\n      D: ${D:?}\n      E: $$HOME\n      F: ${UNSET:-${A}-nested}\n      G: $A\n'),
      '.env': 'A=from-env-file\nD=d\nC=\n',
    });
    const imported = fromCompose(Testing.app(), 'i', { files: [path.join(dir, 'compose.yaml')], environment: { B: '' } });
    expect(container(synth(imported), 'i-web').env).toEqual(['A=from-env-file', 'B=b-default', 'C=', 'D=d', 'E=$HOME', 'F=from-env-file-nested', 'G=from-env-file']);
  });

  it('reads a typed key\'s text as compose does: interpolated, quoted or tagged, and refuses what compose cannot cast', () => {
    // Given read_only, init, cpus and a health check's retries written as text three ways
    const dir = project({
      'compose.yaml': 'services:\n  web:\n    image: example/web:1.0.0\n    read_only: ${READ_ONLY}\n    init: "yes"\n    cpus: !override 0.5\n    healthcheck:\n      test: ["CMD", "true"]\n      retries: ${RETRIES}\n',
    });
    // When imported with the variables set
    const imported = fromCompose(Testing.app(), 'i', { files: [path.join(dir, 'compose.yaml')], environment: { READ_ONLY: 'true', RETRIES: '4' } });
    // Then each has its meaning (before: read_only "true" was no read-only root file system)
    expect(container(synth(imported), 'i-web')).toMatchObject({ read_only: true, init: true, cpus: '0.5', healthcheck: expect.objectContaining({ retries: 4 }) });
    // And a text the key cannot read is refused at its line, as compose refuses it ("failed to cast")
    expect(validationError(() => fromCompose(Testing.app(), 'i', { files: [path.join(dir, 'compose.yaml')], environment: { READ_ONLY: 'maybe', RETRIES: '4' } })).problems).toEqual([
      { ruleId: 'compose', path: `${path.join(dir, 'compose.yaml')}:4`, field: 'services.web.read_only', value: 'maybe', message: 'not a boolean; compose reads true or false here (also yes, no, on or off, in any case)', fix: 'write true or false' },
    ]);
  });

  it('merges several files with compose rules, applies extends, include and profiles', () => {
    const dir = project({
      'compose.yaml': `include:\n  - sub/compose.yaml\n${SIMPLE('    command: ["a", "b"]\n    environment: [X=1, Y=2]\n    ports: ["127.0.0.1:8000:80"]\n')}  base-job:\n    image: example/job:1.0.0\n    healthcheck: { disable: true }\n    labels: { tier: jobs }\n  job:\n    extends: base-job\n    labels: { name: job }\n  debug:\n    image: example/debug:1.0.0\n    profiles: [debug]\n    healthcheck: { test: ["NONE"] }\n`,
      'override.yaml': 'services:\n  web:\n    command: ["c"]\n    environment: { Y: "3" }\n    ports: ["127.0.0.1:8001:81"]\n',
      'sub/compose.yaml': 'services:\n  cache:\n    image: example/cache:1.0.0\n    healthcheck: { test: "redis-cli ping" }\n',
    });
    const files = [path.join(dir, 'compose.yaml'), path.join(dir, 'override.yaml')];
    const imported = fromCompose(Testing.app(), 'm', { files, environment: {} });
    const json = synth(imported);
    expect(Object.keys(imported.services).sort()).toEqual(['base-job', 'cache', 'job', 'web']);
    expect(container(json, 'm-web')).toMatchObject({ command: ['c'], env: ['X=1', 'Y=3'], ports: [{ internal: 80, external: 8000 }, { internal: 81, external: 8001 }] });
    expect(container(json, 'm-job').labels).toEqual(expect.arrayContaining([{ label: 'tier', value: 'jobs' }, { label: 'name', value: 'job' }]));
    expect(container(json, 'm-cache').healthcheck).toMatchObject({ test: ['CMD-SHELL', 'redis-cli ping'] });
    expect(imported.warnings).toEqual(['services left out (no active profile): debug']);
    const withDebug = fromCompose(Testing.app(), 'm', { files, environment: {}, profiles: ['debug'] });
    expect(Object.keys(withDebug.services)).toContain('debug');
  });

  it('reads ports in every syntax', () => {
    const dir = project({ 'compose.yaml': SIMPLE('    ports:\n      - 7000\n      - "7001:71"\n      - "127.0.0.1:7002:72/udp"\n      - "127.0.0.1::73"\n      - target: 74\n        published: "7004"\n        host_ip: 127.0.0.1\n') });
    const imported = fromCompose(Testing.app(), 'p', { files: [path.join(dir, 'compose.yaml')], environment: {} });
    expect(container(synth(imported), 'p-web').ports).toEqual([
      { internal: 7000, external: 7000, ip: '0.0.0.0', protocol: 'tcp' },
      { internal: 71, external: 7001, ip: '0.0.0.0', protocol: 'tcp' },
      { internal: 72, external: 7002, ip: '127.0.0.1', protocol: 'udp' },
      { internal: 73, external: 73, ip: '127.0.0.1', protocol: 'tcp' },
      { internal: 74, external: 7004, ip: '127.0.0.1', protocol: 'tcp' },
    ]);
  });

  it('publishes a port range port by port, as compose does', () => {
    const dir = project({ 'compose.yaml': SIMPLE('    ports:\n      - "127.0.0.1:8000-8002:9000-9002"\n      - "7000-7001:7000-7001/udp"\n') });
    const imported = fromCompose(Testing.app(), 'r', { files: [path.join(dir, 'compose.yaml')], environment: {} });
    expect(container(synth(imported), 'r-web').ports).toEqual([
      { internal: 9000, external: 8000, ip: '127.0.0.1', protocol: 'tcp' },
      { internal: 9001, external: 8001, ip: '127.0.0.1', protocol: 'tcp' },
      { internal: 9002, external: 8002, ip: '127.0.0.1', protocol: 'tcp' },
      { internal: 7000, external: 7000, ip: '0.0.0.0', protocol: 'udp' },
      { internal: 7001, external: 7001, ip: '0.0.0.0', protocol: 'udp' },
    ]);
  });

  it.each([
    ['ranges of different lengths', '"8000-8002:9000-9001"', /the host and container ranges differ in length/],
    ['a host range for one container port', '"8000-8002:9000"', /asks for any free host port of a range/],
    ['a descending range', '"8002-8000:9002-9000"', /is not a port mapping/],
    ['a long form with a published range', '{ target: 80, published: "8000-8001" }', /asks for any free host port of a range/],
  ])('fails on %s, naming the file and line', (_, port, why) => {
    const dir = project({ 'compose.yaml': SIMPLE(`    ports:\n      - ${port}\n`) });
    const error = validationError(() => fromCompose(Testing.app(), 'r', { files: [path.join(dir, 'compose.yaml')], environment: {} }));
    expect(error.message).toMatch(/compose\.yaml:7: services\.web\.ports\[0\]/);
    expect(error.message).toMatch(why);
  });

  it('reads !reset and !override: the earlier value removed, or replaced whole instead of merged', () => {
    // Given a file and an override using compose's merge tags (the fixture the differential test also reads)
    const dir = path.join(FIXTURES, 'reset-override');
    // When both are imported
    const imported = fromCompose(Testing.app(), 't', { files: [path.join(dir, 'compose.yaml'), path.join(dir, 'override.yaml')], environment: {}, namePrefix: 't' });
    const json = synth(imported);
    const own = (labels: unknown) => (labels as { label: string; value: string }[]).filter((l) => !l.label.startsWith('org.cdktf-docker-stacks.')).map((l) => `${l.label}=${l.value}`);
    // Then !override replaced environment, ports and volumes; !reset removed labels and depends_on
    expect(container(json, 't-web')).toMatchObject({ env: ['C=3'], ports: [{ internal: 90, external: 9090, ip: '127.0.0.1', protocol: 'tcp' }], mounts: [expect.objectContaining({ source: 't-data', target: '/data' })] });
    expect(own(container(json, 't-web').labels)).toEqual([]);
    expect(container(json, 't-web').depends_on).toBeUndefined();
    expect(container(json, 't-cache').healthcheck).toMatchObject({ test: ['CMD', 'false'] });
    // extends: the base's ports and volumes removed, its environment replaced
    expect(container(json, 't-job')).toMatchObject({ env: ['JOB=1'] });
    expect(container(json, 't-job').ports).toBeUndefined();
    expect(container(json, 't-job').mounts).toBeUndefined();
    // a !reset beside a merge key keeps what the merge key gives, as compose does
    expect(own(container(json, 't-worker').labels)).toEqual(['tier=base']);
  });

  describe("seed 003's compose file", () => {
    const seed = path.join(FIXTURES, 'seed-003', 'compose.yaml');
    it('fails on the depends_on alias and the folded command, with the fix', () => {
      const message = validationError(() => fromCompose(Testing.app(), 'mnemolite', { files: [seed], environment: {} })).message;
      expect(message).toMatch(/compose\.yaml:117: services\.api\.depends_on\.db = "db": "db" is a network alias of service "postgres".*Fix: write depends_on: \{ postgres/);
      expect(message).toMatch(/compose\.yaml:158: services\.worker\.depends_on\.db/);
      expect(message).toMatch(/compose\.yaml:41: services\.postgres\.command .*"#".*Fix: write command as a list/);
    });
    it('once those two are fixed, the stack rules find the port on the internal network, the unpinned image, the default secrets', () => {
      const text = fs.readFileSync(seed, 'utf8').replace(/ {6}db: # Nom du service simplifié/g, '      postgres:').replace(/command: >\n(?:\s+.*\n)+?(?=\s+shm_size)/, 'command: ["postgres", "-c", "work_mem=16MB"]\n');
      const dir = project({ 'compose.yaml': text, 'api/Dockerfile': 'FROM scratch\n', 'workers/Dockerfile': 'FROM scratch\n' });
      const imported = fromCompose(Testing.app(), 'mnemolite', { files: [path.join(dir, 'compose.yaml')], environment: {} });
      let message = '';
      try {
        Testing.synth(imported.stack, true);
      } catch (error) {
        message = (error as Error).message;
      }
      // The findings the issue lists, each with its fix
      expect(message).toMatch(/\[CDS-PORT-INTERNAL-ONLY\] mnemolite\/postgres: ports = "127\.0\.0\.1:5432": published, but the service joins only internal networks.*Fix: /);
      expect(message).toMatch(/\[CDS-PORT-INTERNAL-ONLY\] mnemolite\/chromadb/);
      expect(message).toMatch(/\[CDS-IMAGE-UNPINNED\] mnemolite\/chromadb: image = "ghcr\.io\/chroma-core\/chroma:latest".*Fix: pin/);
      expect(message).toMatch(/\[CDS-SECRET-WEAK\] mnemolite\/postgres: secrets\.POSTGRES_PASSWORD .*known default/);
      expect(message).toMatch(/\[CDS-SECRET-WEAK\] mnemolite\/api: environment\.API_KEY .*known default/);
      expect(message).toMatch(/\[CDS-HEALTHCHECK-TOOL\] mnemolite\/chromadb: healthCheck = "CMD curl .*does not have.*Fix: /);
      // and nothing about the built images, whose tags the import chose
      expect(message).not.toMatch(/CDS-IMAGE-UNPINNED\] mnemolite\/(api|worker)/);
    });
  });

  it("finds seed 001's health check calling what python:3.12-slim lacks", () => {
    const imported = fromCompose(Testing.app(), 'arkalia', { files: [path.join(FIXTURES, 'seed-001', 'compose.yaml')], environment: {} });
    expect(() => Testing.synth(imported.stack, true)).toThrow(/\[CDS-HEALTHCHECK-TOOL\] arkalia\/api: healthCheck = "CMD python -c import requests.*calls requests, which python:3\.12-slim does not have/);
  });

  it('reports every key present in an input, and lists each unsupported one in the warnings (property)', () => {
    // Service keys with a value the schema and the constructs accept, mapped and unsupported alike.
    const pool: Record<string, string> = {
      container_name: 'pt-web',
      command: '["serve"]',
      entrypoint: '["/entry"]',
      environment: '{ A: "1" }',
      labels: '{ team: a }',
      user: '"1000"',
      working_dir: '/srv',
      init: 'true',
      read_only: 'true',
      shm_size: '64m',
      tmpfs: '["/tmp:size=1m"]',
      cap_add: '[CHOWN]',
      cap_drop: '[ALL]',
      stop_grace_period: '5s',
      stop_signal: 'SIGINT',
      restart: 'on-failure:2',
      logging: '{ driver: json-file, options: { max-size: 1m } }',
      expose: '["80"]',
      cpus: '0.5',
      mem_limit: '64m',
      deploy: '{ replicas: 1, resources: { limits: { pids: 10 }, reservations: { cpus: "0.1" } }, placement: { constraints: [] } }',
      ulimits: '{ nofile: 1024 }',
      dns: '["127.0.0.1"]',
      hostname: 'web',
      sysctls: '{ net.core.somaxconn: 1024 }',
      extra_hosts: '["a:127.0.0.1"]',
      tty: 'true',
      stdin_open: 'true',
      devices: '[]',
      pids_limit: '10',
      platform: 'linux/amd64',
      'x-note': 'anything',
    };
    const keyPaths = (key: string): string[] => {
      if (key !== 'deploy') return [key];
      return ['deploy', 'deploy.replicas', 'deploy.resources', 'deploy.resources.limits', 'deploy.resources.limits.pids', 'deploy.resources.reservations', 'deploy.resources.reservations.cpus', 'deploy.placement'];
    };
    fc.assert(
      fc.property(fc.subarray(Object.keys(pool), { minLength: 1 }), (keys) => {
        // Given a service with those keys
        const body = keys.map((k) => `    ${k}: ${pool[k]}`).join('\n');
        const dir = project({ 'compose.yaml': `services:\n  web:\n    image: example/web:1.0.0\n    healthcheck: { test: ["CMD", "true"] }\n${body}\n` });
        // When it is imported, unsupported keys let through
        const imported = fromCompose(Testing.app(), 'pt', { files: [path.join(dir, 'compose.yaml')], environment: {}, allowUnsupported: true });
        // Then every key path is in the report, and each unsupported one also in a warning with its line
        const reported = new Map(imported.report.map((r) => [r.key, r.support]));
        for (const key of ['image', 'healthcheck', 'healthcheck.test', ...keys.flatMap(keyPaths)]) {
          const support = reported.get(`services.web.${key}`);
          expect([key, support]).toEqual([key, expect.stringMatching(/^(mapped|mapped with caveat|unsupported)$/)]);
          if (support === KeySupport.UNSUPPORTED) expect(imported.warnings.join('\n')).toMatch(new RegExp(`compose\\.yaml:\\d+: services\\.web\\.${key.replace(/\./g, '\\.')} is not imported`));
        }
      }),
      { numRuns: 25 },
    );
  });
});

/** Imports `yaml` (as compose.yaml in a fresh directory, beside `extra` files) under the id `x`. */
function importYaml(yaml: string, options: { allowUnsupported?: boolean; reportDefects?: boolean; namePrefix?: string; environment?: Record<string, string> } = {}, extra: Record<string, string> = {}) {
  const dir = project({ 'compose.yaml': yaml, ...extra });
  const file = path.join(dir, 'compose.yaml');
  const app = Testing.app();
  const run = () => fromCompose(app, 'x', { files: [file], environment: {}, ...options });
  return { dir, file, app, run };
}

const EVERY_SERVICE_KEY = `name: My_App
services:
  web:
    image: example/web:1.0.0
    container_name: the-web
    command: serve --port 80
    entrypoint: ["/entry", "-x"]
    environment:
      A: "1"
      B: 2
    ports:
      - "8080:80"
    cpus: 0.5
    mem_limit: 64m
    mem_reservation: 32m
    shm_size: 16m
    restart: "no"
    logging:
      driver: json-file
      options: { max-size: 1m, max-file: "2" }
    user: "1000"
    working_dir: /srv
    init: true
    read_only: true
    cap_add: [CHOWN, CAP_KILL]
    labels: { team: a, empty: null }
    scale: 1
    stop_grace_period: 5s
    stop_signal: SIGINT
    volumes:
      - data:/data:ro
      - /abs:/abs
      - type: tmpfs
        target: /t1
      - type: tmpfs
        target: /t2
        tmpfs: { size: 1024 }
    tmpfs: ["/t3", "/t4:size=2048", "/t5:mode=1777,size=1m"]
    healthcheck:
      test: ["CMD", "true"]
      interval: 10s
      timeout: 2s
      retries: 3
      start_period: 4s
      start_interval: 1s
    x-note: hi
volumes:
  data: {}
`;
const DEFAULTS_AND_SECTIONS = `services:
  a:
    image: example/a:1.0.0
    depends_on: [b]
    restart: always
    healthcheck: { test: "curl -f http://localhost/" }
    privileged: true
    pid: host
    ipc: host
    network_mode: host
  b:
    image: example/b:1.0.0
    restart: on-failure
    healthcheck: { test: ["CMD-SHELL", "true", "x"] }
    deploy: { restart_policy: { condition: any }, resources: { limits: { cpus: "0.25", memory: 32m }, reservations: { memory: 16m } }, replicas: 1 }
    cpus: 2
    mem_limit: 1g
    network_mode: none
    ipc: shareable
  c:
    image: example/c:1.0.0
    deploy: { restart_policy: { condition: none } }
    healthcheck: { test: ["NONE"] }
    networks: { front: { aliases: [c1, c2] }, back: null }
    secrets: [s1, { source: s2, target: custom }, { source: s3, target: /abs/s3 }]
    configs: [c1, { source: c2, target: rel }, c3]
  d:
    image: example/d:1.0.0
    deploy: { restart_policy: { condition: on-failure, max_attempts: 7 } }
    healthcheck: { test: ["probe", "--x"], disable: false }
  e:
    image: example/e:1.0.0
    deploy: { restart_policy: { condition: on-failure } }
    healthcheck: { disable: true, test: ["CMD", "x"] }
    restart: on-failure:4
  f:
    build: { context: ./f, dockerfile: F.Dockerfile, args: { A: "1", B: null } }
    restart: unless-stopped
  g:
    image: example/g:2.0.0
    build: { context: ./g }
    network_mode: bridge
networks:
  front: { name: front-net, internal: true, driver: bridge }
  back: {}
secrets:
  s1: { file: ./token.txt }
  s2: { environment: CONF }
  s3: { file: /etc/hostname }
configs:
  c1: { content: hello }
  c2: { environment: CONF }
  c3: { environment: NOPE }
`;
const REFUSED_VALUES = `services:
  web:
    image: example/web:1.0.0
    healthcheck: { test: ["CMD", "true"] }
    logging: { driver: syslog, options: { tag: x, max-size: 1m } }
    deploy: { mode: global }
    network_mode: "service:db"
    ipc: "container:db"
    security_opt: ["no-new-privileges", "no-new-privileges:true", "seccomp:unconfined"]
    volumes: ["anon", { type: volume, target: /v }, "named:/n"]
    depends_on: [ghost, dbalias]
    command: "run # a comment with many words here to cut"
    entrypoint: "/e #x"
  db:
    image: example/db:1.0.0
    networks: { default: { aliases: [dbalias] } }
    command: "a#b"
    environment: { U: "\${UNSET_ONE}", V: "\${UNSET_TWO}" }
  off:
    image: example/off:1.0.0
    profiles: [never]
`;
const FIXED = (text: string) => ({ 'f/F.Dockerfile': 'FROM scratch\n', 'g/Dockerfile': 'FROM scratch\n', 'token.txt': text });
const pick = (c: Record<string, unknown>, keys: string[]) => Object.fromEntries(keys.map((k) => [k, c[k]]));

describe('fromCompose, mapping each key', () => {
  it('maps every key of a service onto its container, tmpfs without a size at 64 MiB', () => {
    // Given a service that writes each mapped key
    const { file, run } = importYaml(EVERY_SERVICE_KEY);
    // When it is imported
    const imported = run();
    const json = synth(imported);
    // Then the container carries each value, the name prefix from the project name (lowercased, "_" replaced)
    expect(Object.values(json.resource.docker_container)).toEqual([
      {
        capabilities: { add: ['CAP_CHOWN', 'CAP_KILL'], drop: ['ALL'] },
        command: ['serve', '--port', '80'],
        cpus: '0.5',
        destroy_grace_seconds: 5,
        entrypoint: ['/entry', '-x'],
        env: ['A=1', 'B=2'],
        healthcheck: { interval: '10s', retries: 3, start_interval: '1s', start_period: '4s', test: ['CMD', 'true'], timeout: '2s' },
        image: '${docker_image.image-example-web-1-0-0.image_id}',
        init: true,
        ipc_mode: 'private',
        labels: [
          { label: 'empty', value: '' },
          { label: 'org.cdktf-docker-stacks.health-check', value: '6d9f8d52005b934e' },
          { label: 'org.cdktf-docker-stacks.service', value: 'web' },
          { label: 'org.cdktf-docker-stacks.stack', value: 'my-app' },
          { label: 'team', value: 'a' },
        ],
        log_driver: 'json-file',
        log_opts: { 'max-file': '2', 'max-size': '1m' },
        memory: 64,
        memory_reservation: 32,
        memory_swap: 64,
        mounts: [
          { read_only: false, source: '/abs', target: '/abs', type: 'bind' },
          { read_only: true, source: 'my-app-data', target: '/data', type: 'volume' },
        ],
        must_run: true,
        name: 'the-web',
        network_mode: 'bridge',
        networks_advanced: [{ aliases: ['web'], name: '${docker_network.network-default_BA29B4E7.id}' }],
        ports: [{ external: 8080, internal: 80, ip: '0.0.0.0', protocol: 'tcp' }],
        privileged: false,
        read_only: true,
        restart: 'no',
        security_opts: ['no-new-privileges:true'],
        shm_size: 16,
        stop_signal: 'SIGINT',
        stop_timeout: 5,
        tmpfs: { '/t1': 'size=67108864', '/t2': 'size=1024', '/t3': 'size=67108864', '/t4': 'size=2048', '/t5': 'size=1048576' },
        user: '1000',
        wait: true,
        wait_timeout: 70,
        working_dir: '/srv',
      },
    ]);
    expect(json.resource.docker_network).toEqual({ 'network-default_BA29B4E7': { driver: 'bridge', internal: false, name: 'my-app-default' } });
    expect(Object.keys(imported.services)).toEqual(['web']);
    expect(Object.keys(imported.volumes)).toEqual(['data']);
    expect(Object.keys(imported.networks)).toEqual(['default']);
    expect(imported.kinds).toEqual({ web: { kind: 'Service', notes: [] } });
    expect(imported.warnings).toEqual([]);
    expect(imported.defects).toEqual([]);
    // And every key is in the report with its line and row; the top-level sections the file leaves out are not
    expect(imported.report.map((r) => [r.key, r.location, r.support])).toEqual([
      ['name', `${file}:1`, KeySupport.MAPPED],
      ['services', `${file}:2`, KeySupport.MAPPED],
      ['volumes', `${file}:47`, KeySupport.MAPPED],
      ...[
        ['image', 4, KeySupport.MAPPED],
        ['container_name', 5, KeySupport.MAPPED],
        ['command', 6, KeySupport.CAVEAT],
        ['entrypoint', 7, KeySupport.CAVEAT],
        ['environment', 8, KeySupport.MAPPED],
        ['ports', 11, KeySupport.CAVEAT],
        ['cpus', 13, KeySupport.MAPPED],
        ['mem_limit', 14, KeySupport.MAPPED],
        ['mem_reservation', 15, KeySupport.MAPPED],
        ['shm_size', 16, KeySupport.MAPPED],
        ['restart', 17, KeySupport.CAVEAT],
        ['logging', 18, KeySupport.CAVEAT],
        ['user', 21, KeySupport.MAPPED],
        ['working_dir', 22, KeySupport.MAPPED],
        ['init', 23, KeySupport.MAPPED],
        ['read_only', 24, KeySupport.MAPPED],
        ['cap_add', 25, KeySupport.MAPPED],
        ['labels', 26, KeySupport.MAPPED],
        ['scale', 27, KeySupport.MAPPED],
        ['stop_grace_period', 28, KeySupport.MAPPED],
        ['stop_signal', 29, KeySupport.MAPPED],
        ['volumes', 30, KeySupport.MAPPED],
        ['tmpfs', 38, KeySupport.CAVEAT],
        ['healthcheck', 39, KeySupport.MAPPED],
        ['healthcheck.test', 40, KeySupport.MAPPED],
        ['healthcheck.interval', 41, KeySupport.MAPPED],
        ['healthcheck.timeout', 42, KeySupport.MAPPED],
        ['healthcheck.retries', 43, KeySupport.MAPPED],
        ['healthcheck.start_period', 44, KeySupport.MAPPED],
        ['healthcheck.start_interval', 45, KeySupport.MAPPED],
        ['x-note', 46, KeySupport.MAPPED],
      ].map(([key, line, support]) => [`services.web.${key}`, `${file}:${line}`, support]),
    ]);
    expect(imported.report.find((r) => r.key === 'services.web.x-note')).toEqual({ key: 'services.web.x-note', location: `${file}:46`, support: KeySupport.MAPPED, becomes: 'ignored (extension)' });
  });

  it('maps restart policies, health checks, resources, host access, networks, secrets, configs and builds', () => {
    // Given services that cover each branch of restart, healthcheck, deploy, network_mode, secrets, configs and build
    const { dir, run } = importYaml(DEFAULTS_AND_SECTIONS, { allowUnsupported: true, environment: { CONF: 'conf-value' } }, FIXED('tok'));
    // When they are imported, a variable set only in the process environment (the options' environment is read instead)
    process.env.NOPE = 'from-the-process';
    let imported: ReturnType<typeof fromCompose>;
    try {
      imported = run();
    } finally {
      delete process.env.NOPE;
    }
    const json = synth(imported);
    const keys = ['restart', 'max_retry_count', 'healthcheck', 'cpus', 'memory', 'memory_reservation', 'network_mode', 'networks_advanced', 'privileged', 'pid_mode', 'ipc_mode', 'depends_on', 'mounts', 'upload', 'image'];
    // Then each container is what its keys say; a service is created after what it depends on
    expect(Object.keys(imported.services)).toEqual(['b', 'a', 'c', 'd', 'e', 'f', 'g']);
    const hc = (test: string[]) => ({ interval: '10s', retries: 3, start_interval: '1s', start_period: '10s', test, timeout: '5s' });
    expect(pick(container(json, 'x-a'), keys)).toEqual({
      restart: 'unless-stopped', max_retry_count: undefined, healthcheck: hc(['CMD-SHELL', 'curl -f http://localhost/']), cpus: '1.0', memory: 512, memory_reservation: undefined,
      network_mode: 'host', networks_advanced: undefined, privileged: true, pid_mode: 'host', ipc_mode: 'host', depends_on: ['docker_container.b_C3BBCC65'], mounts: undefined, upload: undefined,
      image: '${docker_image.image-example-a-1-0-0.image_id}',
    });
    expect(pick(container(json, 'x-b'), keys)).toEqual({
      restart: 'on-failure', max_retry_count: 5, healthcheck: hc(['CMD-SHELL', 'true x']), cpus: '0.25', memory: 32, memory_reservation: 16,
      network_mode: 'bridge', networks_advanced: undefined, privileged: false, pid_mode: undefined, ipc_mode: 'private', depends_on: undefined, mounts: undefined, upload: undefined,
      image: '${docker_image.image-example-b-1-0-0.image_id}',
    });
    expect(pick(container(json, 'x-c'), keys)).toEqual({
      restart: 'no', max_retry_count: undefined, healthcheck: undefined, cpus: '1.0', memory: 512, memory_reservation: undefined, network_mode: 'bridge',
      networks_advanced: [
        { aliases: ['c', 'c1', 'c2'], name: '${docker_network.network-front_9F4FBACF.id}' },
        { aliases: ['c'], name: '${docker_network.network-back_E96A54F3.id}' },
      ],
      privileged: false, pid_mode: undefined, ipc_mode: 'private', depends_on: undefined,
      mounts: [
        { read_only: true, source: '/etc/hostname', target: '/abs/s3', type: 'bind' },
        { read_only: true, source: path.join(dir, 'token.txt'), target: '/run/secrets/s1', type: 'bind' },
      ],
      upload: [
        { content: 'conf-value', executable: false, file: '/run/secrets/custom' },
        { content: 'hello', executable: false, file: '/c1' },
        { content: 'conf-value', executable: false, file: '/rel' },
        { content: '', executable: false, file: '/c3' },
      ],
      image: '${docker_image.image-example-c-1-0-0.image_id}',
    });
    expect(pick(container(json, 'x-d'), ['restart', 'max_retry_count', 'healthcheck', 'networks_advanced'])).toEqual({
      restart: 'on-failure', max_retry_count: 7, healthcheck: hc(['CMD', 'probe', '--x']), networks_advanced: [{ aliases: ['d'], name: '${docker_network.network-default_BA29B4E7.id}' }],
    });
    expect(pick(container(json, 'x-e'), ['restart', 'max_retry_count', 'healthcheck'])).toEqual({ restart: 'on-failure', max_retry_count: 4, healthcheck: undefined });
    expect(pick(container(json, 'x-f'), ['restart', 'max_retry_count', 'image'])).toEqual({ restart: 'unless-stopped', max_retry_count: undefined, image: '${docker_image.image-x-f-build.image_id}' });
    expect(pick(container(json, 'x-g'), ['restart', 'max_retry_count', 'network_mode', 'networks_advanced'])).toEqual({ restart: 'on-failure', max_retry_count: 5, network_mode: 'bridge', networks_advanced: undefined });
    const images = (json as unknown as { resource: { docker_image: Record<string, Record<string, unknown>> } }).resource.docker_image;
    expect(pick(images['image-x-f-build'], ['name', 'build'])).toEqual({ name: 'x-f:build', build: { build_args: { A: '1', B: '' }, context: path.join(dir, 'f'), dockerfile: 'F.Dockerfile', tag: ['x-f:build'] } });
    expect(pick(images['image-example-g-2-0-0'], ['name', 'build'])).toEqual({ name: 'example/g:2.0.0', build: { build_args: {}, context: path.join(dir, 'g'), dockerfile: 'Dockerfile', tag: ['example/g:2.0.0'] } });
    expect(json.resource.docker_network).toEqual({
      'network-back_E96A54F3': { driver: 'bridge', internal: false, name: 'x-back' },
      'network-default_BA29B4E7': { driver: 'bridge', internal: false, name: 'x-default' },
      'network-front_9F4FBACF': { driver: 'bridge', internal: true, name: 'front-net' },
    });
    // And the unsupported secret from a variable is the only warning
    expect(imported.warnings).toEqual([`${path.join(dir, 'compose.yaml')}:48: secrets.s2.environment is not imported (a secret from a variable is Secret.fromVariable in code)`]);
  });
});

describe('fromCompose, values it refuses and defects', () => {
  it('refuses each depends_on cycle once, a service that depends on itself too; with reportDefects, builds without the closing edge', () => {
    // Given a cycle of three services and a service that depends on itself
    const yaml = [
      'services:',
      '  a: { image: example/a:1.0.0, depends_on: [b] }',
      '  b: { image: example/b:1.0.0, depends_on: [c] }',
      '  c: { image: example/c:1.0.0, depends_on: [a] }',
      '  d: { image: example/d:1.0.0, depends_on: [d] }',
      '  e: { image: example/e:1.0.0, depends_on: [a] }',
      '',
    ].join('\n');
    const cycles = (file: string) => [
      { ruleId: 'compose', path: `${file}:2`, field: 'services.a.depends_on.b', value: 'a -> b -> c -> a', message: 'depends_on forms a cycle: compose refuses it, and no service of it could start first', fix: 'remove one depends_on of the cycle' },
      { ruleId: 'compose', path: `${file}:5`, field: 'services.d.depends_on.d', value: 'd -> d', message: 'depends_on forms a cycle: compose refuses it, and no service of it could start first', fix: 'remove one depends_on of the cycle' },
    ];
    // When it is imported, Then each cycle is one problem, and nothing is added
    const refusedImport = importYaml(yaml);
    expect(problemsOf(refusedImport.run)).toEqual(cycles(refusedImport.file));
    expect(refusedImport.app.node.children).toEqual([]);
    // When it is imported with reportDefects, Then the cycles are defects and each service is created after the others of its cycle
    const reported = importYaml(yaml, { reportDefects: true });
    const imported = reported.run();
    expect(imported.defects).toEqual(cycles(reported.file));
    expect(Object.keys(imported.services)).toEqual(['c', 'b', 'a', 'd', 'e']);
  });

  const refused = (file: string) => [
    { ruleId: 'compose', path: `${file}:5`, field: 'services.web.logging.driver', value: 'syslog', message: 'not supported by the import: only the json-file driver (LogRotation.jsonFile)', fix: COMPOSE_FIX },
    { ruleId: 'compose', path: `${file}:5`, field: 'services.web.logging.options.tag', value: 'tag', message: 'not supported by the import: LogRotation.jsonFile takes max-size and max-file only', fix: COMPOSE_FIX },
    { ruleId: 'compose', path: `${file}:6`, field: 'services.web.deploy.mode', value: 'global', message: 'not supported by the import: only "replicated" (a fixed number of containers)', fix: COMPOSE_FIX },
    { ruleId: 'compose', path: `${file}:7`, field: 'services.web.network_mode', value: 'service:db', message: 'not supported by the import: only host, bridge and none', fix: COMPOSE_FIX },
    { ruleId: 'compose', path: `${file}:8`, field: 'services.web.ipc', value: 'container:db', message: 'not supported by the import: only host, private and shareable', fix: COMPOSE_FIX },
    { ruleId: 'compose', path: `${file}:9`, field: 'services.web.security_opt[2]', value: 'seccomp:unconfined', message: 'not supported by the import: the library sets no-new-privileges:true and no other option', fix: COMPOSE_FIX },
    { ruleId: 'compose', path: `${file}:10`, field: 'services.web.volumes[0]', value: 'anon', message: 'not supported by the import: an anonymous volume: give it a name (a named volume keeps data across redeploys)', fix: COMPOSE_FIX },
    { ruleId: 'compose', path: `${file}:10`, field: 'services.web.volumes[1]', value: { type: 'volume', target: '/v' }, message: 'not supported by the import: an anonymous volume: give it a name', fix: COMPOSE_FIX },
  ];
  const defects = (file: string) => [
    { ruleId: 'compose', path: `${file}:11`, field: 'services.web.depends_on.ghost', value: 'ghost', message: 'no service is named "ghost"', fix: 'name one of: web, db' },
    { ruleId: 'compose', path: `${file}:11`, field: 'services.web.depends_on.dbalias', value: 'dbalias', message: '"dbalias" is a network alias of service "db", not a service: compose refuses it, and no start-up order follows', fix: 'write depends_on: { db: { condition: service_healthy } }' },
    { ruleId: 'compose', path: `${file}:12`, field: 'services.web.command', value: '# a comment with many words', message: 'the command is one string holding "#": YAML folds the lines and keeps the "comments", so they reach the process as arguments', fix: 'write command as a list (one argument per item) and put comments on YAML lines of their own, outside the value' },
    { ruleId: 'compose', path: `${file}:13`, field: 'services.web.entrypoint', value: '#x', message: 'the entrypoint is one string holding "#": YAML folds the lines and keeps the "comments", so they reach the process as arguments', fix: 'write entrypoint as a list (one argument per item) and put comments on YAML lines of their own, outside the value' },
  ];

  it('fails with every refused value and defect together, and adds nothing to the app', () => {
    // Given a service with values of mapped keys the constructs cannot take, and defects compose is silent about
    const { file, app, run } = importYaml(REFUSED_VALUES);
    // When it is imported, Then each is a problem with its file, line, key path, value, message and fix
    expect(problemsOf(run)).toEqual([...refused(file), ...defects(file)]);
    expect(app.node.children).toEqual([]);
  });

  it('lets them through as warnings with allowUnsupported, and the defects as defects with reportDefects', () => {
    // Given the same file
    const { file, run } = importYaml(REFUSED_VALUES, { allowUnsupported: true, reportDefects: true });
    // When it is imported with both options
    const imported = run();
    // Then each refused value is a warning, beside the unset variables and the inactive services
    expect(imported.warnings).toEqual([
      ...refused(file).map((p) => `${p.path}: ${p.field} is not imported (${p.message.replace('not supported by the import: ', '')})`),
      'variables not set, read as empty strings: UNSET_ONE, UNSET_TWO',
      'services left out (no active profile): off',
    ]);
    expect(imported.defects).toEqual(defects(file));
    // And the stack is built without them: no dependency, the command split as written, the anonymous volumes left out
    const json = synth(imported);
    expect(pick(container(json, 'x-web'), ['depends_on', 'command', 'entrypoint', 'mounts', 'log_opts'])).toEqual({
      depends_on: undefined,
      command: ['run', '#', 'a', 'comment', 'with', 'many', 'words', 'here', 'to', 'cut'],
      entrypoint: ['/e', '#x'],
      mounts: [{ read_only: false, source: 'x-named', target: '/n', type: 'volume' }],
      log_opts: { 'max-file': '3', 'max-size': '1m' },
    });
    // And a "#" inside a word is no comment
    expect(container(json, 'x-db').command).toEqual(['a#b']);
  });
});

describe('fromCompose, names, construction errors and copied passwords', () => {
  it('takes namePrefix over the project name', () => {
    // Given a project with a name, imported with a namePrefix
    const { run } = importYaml(`name: Other\n${SIMPLE()}`, { namePrefix: 'given' });
    // When it is imported, Then the prefix given names the container and the network
    const json = synth(run());
    expect(Object.values(json.resource.docker_container).map((c) => c.name)).toEqual(['given-web']);
    expect(Object.values(json.resource.docker_network).map((n) => n.name)).toEqual(['given-default']);
  });

  it('names the stack by its id when the project has no name, and reports no name key', () => {
    // Given a project without a name
    const { file, run } = importYaml(SIMPLE());
    // When it is imported
    const imported = run();
    // Then the stack id is the prefix
    expect(Object.values(synth(imported).resource.docker_container).map((c) => c.name)).toEqual(['x-web']);
    expect(imported.report[0]).toEqual({ key: 'services', location: `${file}:1`, support: KeySupport.MAPPED, becomes: 'one Service per active service' });
  });

  it('fails when a construct refuses a prop, naming the compose file and line beside the construct path, and adds nothing to the app', () => {
    // Given a service whose capability the library does not know
    const { file, app, run } = importYaml(SIMPLE('    cap_add: [CAP_NET_ADMIN]\n'));
    // When it is imported, Then the construct's problem carries the service's line
    expect(problemsOf(run)).toEqual([{ ruleId: 'props', path: `x/web (${file}:2)`, field: 'capabilities.0', value: 'CAP_NET_ADMIN', message: 'not a Capability', fix: 'use the Capability enum, e.g. Capability.CHOWN' }]);
    expect(app.node.children).toEqual([]);
  });

  it('fails on a port it cannot map with the compose problem unchanged, or warns with allowUnsupported', () => {
    // Given a port asking for any free port of a host range
    const yaml = SIMPLE('    ports: ["8000-8002:9000"]\n');
    const failing = importYaml(yaml);
    // When it is imported, Then the problem names the port's line, its value and the fix
    const [problem] = problemsOf(failing.run);
    expect(problem).toEqual({ ruleId: 'compose', path: `${failing.file}:6`, field: 'services.web.ports[0]', value: '8000-8002:9000', message: expect.stringMatching(/^not supported by the import: /), fix: 'rewrite the value, or pass allowUnsupported' });
    expect(failing.app.node.children).toEqual([]);
    // And with allowUnsupported it is a warning, and the port is left out
    const passing = importYaml(yaml, { allowUnsupported: true });
    const imported = passing.run();
    expect(imported.warnings).toEqual([`${passing.file}:6: services.web.ports[0] is not imported (${problem.message.replace('not supported by the import: ', '')})`]);
    expect(container(synth(imported), 'x-web').ports).toBeUndefined();
  });

  it('warns about each copy of a Postgres password variable in another value, never about the password itself', () => {
    // Given a Postgres whose password is a variable, and an api whose URL copies it
    const yaml = 'services:\n  db:\n    image: postgres:16.4\n    environment:\n      POSTGRES_PASSWORD: ${DB_PASSWORD}\n  api:\n    image: example/api:1.0.0\n    healthcheck: { test: ["CMD", "true"] }\n    environment:\n      DATABASE_URL: postgres://postgres:${DB_PASSWORD}@db/postgres\n      OTHER: plain\n      PORT: 8000\n';
    const { file, run } = importYaml(yaml, { environment: { DB_PASSWORD: 'Zq8-long-random-pass-1234' } });
    // When it is imported
    const imported = run();
    // Then the copy is a warning with its line; the kind's notes are not warnings
    expect(imported.warnings).toEqual([
      `${file}:10: services.api.environment.DATABASE_URL holds the value of \${DB_PASSWORD}, the password of db: it stays plain text in the code and the synthesized Terraform; in code, pass db's connectionUrl (a secret) through the service's secrets instead`,
    ]);
    expect(imported.kinds.db.kind).toEqual('Postgres');
  });

  it('warns about x-cdktf-proxy on an image that is not nginx, and gives the notes of a recognised image that stayed a Service', () => {
    // Given an extension on a plain image, and an nginx that publishes two ports
    const yaml = `${SIMPLE('    x-cdktf-proxy: { routes: { "/": "web:80" } }\n')}  proxy:\n    image: nginx:1.27.0\n    ports: ["80:80", "443:443"]\n    x-cdktf-proxy: { routes: { "/": "web:80" } }\n`;
    const { file, run } = importYaml(yaml);
    // When it is imported
    const imported = run();
    // Then each is a warning with its line
    expect(imported.warnings).toEqual([
      `${file}:6: services.web.x-cdktf-proxy is read on nginx images only: ignored`,
      `${file}:7: services.proxy: imported as a Service, not as NginxProxy: the kind publishes one plain-HTTP port, container port 80 in the compose file (HTTPS needs its certificate directory, written in code)`,
    ]);
  });
});


describe('fromCompose, the sections beside services', () => {
  const SECTIONS = `services:
  web:
    image: example/web:1.0.0
    healthcheck: { test: ["CMD", "true"] }
    volumes: [data:/data, plain:/plain]
    secrets: [{ source: token }, ext]
    configs: [conf]
networks:
  default: { name: the-net, driver: bridge }
volumes:
  data: { name: the-data, driver: local }
  plain: {}
secrets:
  token: { file: ./token.txt }
  ext: { external: true }
configs:
  conf: { content: hello }
`;

  it('reports each key of networks, volumes, secrets and configs with its row, and names networks and volumes as written', () => {
    // Given a bridge network and a local volume with names, a volume without one, a secret without a target and an external one
    const { dir, file, run } = importYaml(SECTIONS, { allowUnsupported: true }, { 'token.txt': 'tok' });
    // When it is imported
    const imported = run();
    // Then each key of those sections is in the report with its full key path, line and row
    expect(imported.report.filter((r) => !r.key.startsWith('services'))).toEqual([
      { key: 'networks', location: `${file}:8`, support: KeySupport.MAPPED, becomes: 'one StackNetwork per network' },
      { key: 'volumes', location: `${file}:10`, support: KeySupport.MAPPED, becomes: 'one NamedVolume per volume' },
      { key: 'secrets', location: `${file}:13`, support: KeySupport.MAPPED, becomes: 'read-only bind mount at /run/secrets/<name> for each service that uses it' },
      { key: 'configs', location: `${file}:16`, support: KeySupport.MAPPED, becomes: 'an uploaded file (content) or a read-only bind mount (file)' },
      { key: 'networks.default.name', location: `${file}:9`, support: KeySupport.MAPPED, becomes: 'networkName' },
      { key: 'networks.default.driver', location: `${file}:9`, support: KeySupport.CAVEAT, becomes: '"bridge" only (the library creates bridge networks)' },
      { key: 'volumes.data.name', location: `${file}:11`, support: KeySupport.MAPPED, becomes: 'volumeName' },
      { key: 'volumes.data.driver', location: `${file}:11`, support: KeySupport.CAVEAT, becomes: '"local" only (the engine\'s default driver)' },
      { key: 'secrets.token.file', location: `${file}:14`, support: KeySupport.MAPPED, becomes: 'read-only bind mount in each service that uses it' },
      { key: 'secrets.ext.external', location: `${file}:15`, support: KeySupport.UNSUPPORTED, becomes: 'Swarm-only deploy setting; a stack deploys plain containers' },
      { key: 'configs.conf.content', location: `${file}:17`, support: KeySupport.MAPPED, becomes: 'uploaded file (Service files)' },
    ]);
    // And the external secret is the only warning
    expect(imported.warnings).toEqual([`${file}:15: secrets.ext.external is not imported (Swarm-only deploy setting; a stack deploys plain containers)`]);
    // And the network carries the name written; the volumes mounted, the name written or the prefixed one
    const json = synth(imported);
    expect(Object.values(json.resource.docker_network).map((n) => n.name)).toEqual(['the-net']);
    // And the secret without a target is mounted under /run/secrets/, the external one not at all
    expect(pick(container(json, 'x-web'), ['mounts', 'upload'])).toEqual({
      mounts: [
        { read_only: false, source: 'the-data', target: '/data', type: 'volume' },
        { read_only: false, source: 'x-plain', target: '/plain', type: 'volume' },
        { read_only: true, source: path.join(dir, 'token.txt'), target: '/run/secrets/token', type: 'bind' },
      ],
      upload: [{ content: 'hello', executable: false, file: '/conf' }],
    });
  });

  it('refuses a network driver other than bridge and a volume driver other than local, each with its message and fix', () => {
    // Given an overlay network and an nfs volume
    const { file, run } = importYaml(`${SIMPLE()}networks:\n  over: { driver: overlay }\nvolumes:\n  nfs: { driver: nfs }\n`);
    // When it is imported, Then each driver is a problem naming what the library creates
    expect(problemsOf(run)).toEqual([
      { ruleId: 'compose', path: `${file}:7`, field: 'networks.over.driver', value: 'overlay', message: 'not supported by the import: the library creates bridge networks only', fix: COMPOSE_FIX },
      { ruleId: 'compose', path: `${file}:9`, field: 'volumes.nfs.driver', value: 'nfs', message: 'not supported by the import: the engine creates volumes with its default (local) driver only', fix: COMPOSE_FIX },
    ]);
  });

  it('lists every service left out by profiles in one warning', () => {
    // Given two services of a profile that is not active
    const { run } = importYaml(`${SIMPLE()}  one:\n    image: example/one:1.0.0\n    profiles: [extra]\n  two:\n    image: example/two:1.0.0\n    profiles: [extra]\n`);
    // When it is imported, Then both are named, comma-separated
    expect(run().warnings).toEqual(['services left out (no active profile): one, two']);
  });
});

describe('fromCompose, values a service key accepts or refuses', () => {
  it('accepts the values the checks let through: ipc private, deploy mode replicated, logging without a driver, null command, entrypoint and deploy', () => {
    // Given services writing the accepted values of checked keys
    const yaml = `${SIMPLE('    ipc: private\n    deploy: { mode: replicated }\n    logging: { options: { max-file: "2" } }\n    security_opt: [no-new-privileges:true]\n')}  job:\n    image: example/job:1.0.0\n    healthcheck: { test: ["CMD", "true"] }\n    command: null\n    entrypoint: null\n    deploy: null\n`;
    const { run } = importYaml(yaml);
    // When it is imported, Then nothing is refused and each value is what it says
    const imported = run();
    expect(imported.warnings).toEqual([]);
    const json = synth(imported);
    expect(pick(container(json, 'x-web'), ['ipc_mode', 'log_opts', 'security_opts'])).toEqual({ ipc_mode: 'private', log_opts: { 'max-file': '2', 'max-size': '10m' }, security_opts: ['no-new-privileges:true'] });
    expect(pick(container(json, 'x-job'), ['command', 'entrypoint'])).toEqual({ command: undefined, entrypoint: undefined });
  });

  it('refuses a security_opt that only contains no-new-privileges', () => {
    // Given no-new-privileges set to false, and an option that ends with the text
    const { file, run } = importYaml(SIMPLE('    security_opt: ["no-new-privileges:false", "apparmor:no-new-privileges"]\n'));
    // When it is imported, Then both are refused
    const problem = (i: number, value: string) => ({ ruleId: 'compose', path: `${file}:6`, field: `services.web.security_opt[${i}]`, value, message: 'not supported by the import: the library sets no-new-privileges:true and no other option', fix: COMPOSE_FIX });
    expect(problemsOf(run)).toEqual([problem(0, 'no-new-privileges:false'), problem(1, 'apparmor:no-new-privileges')]);
  });

  it('reports a cycle entered from outside it once, from its first service, and finds an alias past a network without settings', () => {
    // Given x depending on the cycle y -> z -> y and on a name no service has, x joining a network with no settings
    const yaml = [
      'services:',
      '  x: { image: example/x:1.0.0, networks: { default: null }, depends_on: [y, ghost] }',
      '  y: { image: example/y:1.0.0, depends_on: [z] }',
      '  z: { image: example/z:1.0.0, depends_on: [y] }',
      '',
    ].join('\n');
    const { file, run } = importYaml(yaml);
    // When it is imported, Then the unknown name and the cycle, without x, are the problems
    expect(problemsOf(run)).toEqual([
      { ruleId: 'compose', path: `${file}:2`, field: 'services.x.depends_on.ghost', value: 'ghost', message: 'no service is named "ghost"', fix: 'name one of: x, y, z' },
      { ruleId: 'compose', path: `${file}:3`, field: 'services.y.depends_on.z', value: 'y -> z -> y', message: 'depends_on forms a cycle: compose refuses it, and no service of it could start first', fix: 'remove one depends_on of the cycle' },
    ]);
  });

  it('finds "#" comments in a string command at its start and quotes from the first word starting with "#"; a list is never folded', () => {
    // Given an entrypoint starting with "#", a command with "#" starting a later word, and a list holding "#"
    const yaml = `${SIMPLE('    entrypoint: "#first word"\n    command: "run #x y"\n')}  job:\n    image: example/job:1.0.0\n    healthcheck: { test: ["CMD", "true"] }\n    command: ["#literal", "arg"]\n`;
    const { file, run } = importYaml(yaml, { reportDefects: true });
    // When it is imported with reportDefects
    const imported = run();
    // Then both strings are defects quoting from the comment on, and the list is not
    const defect = (line: number, key: string, value: string) => ({
      ruleId: 'compose', path: `${file}:${line}`, field: `services.web.${key}`, value,
      message: `the ${key} is one string holding "#": YAML folds the lines and keeps the "comments", so they reach the process as arguments`,
      fix: `write ${key} as a list (one argument per item) and put comments on YAML lines of their own, outside the value`,
    });
    expect(imported.defects).toEqual([defect(7, 'command', '#x y'), defect(6, 'entrypoint', '#first word')]);
    expect(container(synth(imported), 'x-job').command).toEqual(['#literal', 'arg']);
  });
});

describe('fromCompose, health checks, mounts and restart policies', () => {
  it('gives a shell health check the programs its line calls, without the shell, and its start interval', () => {
    // Given a string test and a CMD-SHELL test, one with a start interval
    const yaml = 'services:\n  a:\n    image: example/a:1.0.0\n    healthcheck: { test: "curl -f http://localhost/", start_interval: 3s }\n  b:\n    image: example/b:1.0.0\n    healthcheck: { test: ["CMD-SHELL", "wget -q -O- http://localhost/"] }\n';
    // When it is imported
    const imported = importYaml(yaml).run();
    // Then each health check lists the shell once and the program the line calls
    expect(imported.services.a.healthCheck.tools).toEqual(['sh', 'curl']);
    expect(imported.services.b.healthCheck.tools).toEqual(['sh', 'wget']);
    expect(container(synth(imported), 'x-a').healthcheck).toMatchObject({ test: ['CMD-SHELL', 'curl -f http://localhost/'], start_interval: '3s' });
  });

  it('refuses a healthcheck without a test: the image\'s own test is unknown to the import', () => {
    // Given a healthcheck that only sets the interval
    const { file, run } = importYaml('services:\n  web:\n    image: example/web:1.0.0\n    healthcheck: { interval: 5s }\n');
    // When it is imported, Then the empty command is refused at the service's line
    expect(problemsOf(run)).toEqual([
      { ruleId: 'props', path: `HealthCheck.command (${file}:2)`, field: 'argv', value: [], message: 'an empty command', fix: 'give the program and its arguments, e.g. ["pg_isready", "-U", "app"]' },
    ]);
  });

  it('maps the long volume syntax (read_only, tmpfs with and without a size) and tmpfs written as one string', () => {
    // Given volumes in the long syntax and a tmpfs key holding one path
    const volumes = [
      '{ type: volume, source: data, target: /ro, read_only: true }',
      '{ type: volume, source: data, target: /rw }',
      '{ type: bind, source: /abs, target: /b, read_only: true }',
      '{ type: tmpfs, target: /t1, tmpfs: { mode: 1777 } }',
      '{ type: tmpfs, target: /t2, tmpfs: { size: 1m } }',
    ];
    const yaml = `${SIMPLE(`    volumes:\n${volumes.map((v) => `      - ${v}\n`).join('')}    tmpfs: /run\n`)}  job:\n    image: example/job:1.0.0\n    healthcheck: { test: ["CMD", "true"] }\n    tmpfs: ["/big:size=64MiB"]\nvolumes:\n  data: {}\n`;
    // When it is imported
    const json = synth(importYaml(yaml).run());
    // Then each mount is what its keys say, a tmpfs without a size at 64 MiB
    expect(pick(container(json, 'x-web'), ['mounts', 'tmpfs'])).toEqual({
      mounts: [
        { read_only: true, source: '/abs', target: '/b', type: 'bind' },
        { read_only: true, source: 'x-data', target: '/ro', type: 'volume' },
        { read_only: false, source: 'x-data', target: '/rw', type: 'volume' },
      ],
      tmpfs: { '/run': 'size=67108864', '/t1': 'size=67108864', '/t2': 'size=1048576' },
    });
    expect(container(json, 'x-job').tmpfs).toEqual({ '/big': 'size=67108864' });
  });

  it('refuses a tmpfs size with a fraction and no unit, quoting the text written (no "b" added)', () => {
    // Given a tmpfs size of 1.5 (no unit)
    const { file, run } = importYaml(SIMPLE('    tmpfs: ["/a:size=1.5"]\n'));
    // When it is imported, Then Size.parse refuses the text written, at the service's line
    expect(problemsOf(run)).toEqual([
      { ruleId: 'props', path: `Size.parse (${file}:2)`, field: 'text', value: '1.5', message: 'no unit; expected a whole number and a unit b, k, m or g (binary: 1k = 1024 bytes), e.g. "512m"', fix: 'write "1m" for MiB, or "1b" for bytes' },
    ]);
  });

  it('maps restart on-failure with a count of several digits; other text, not imported with allowUnsupported, leaves the default; deploy.restart_policy alone', () => {
    // Given restart texts and restart policies written without restart
    const service = (name: string, body: string) => `  ${name}:\n    image: example/${name}:1.0.0\n    healthcheck: { test: ["CMD", "true"] }\n${body}`;
    const yaml = `services:\n${[
      service('a', '    restart: on-failure:12\n'),
      service('b', '    restart: on-failure:3x\n'),
      service('c', '    restart: no-on-failure\n'),
      service('d', '    deploy: { restart_policy: { condition: any } }\n'),
      service('e', '    deploy: { restart_policy: { condition: on-failure } }\n'),
    ].join('')}`;
    // When it is imported
    const { file, run } = importYaml(yaml, { allowUnsupported: true });
    const imported = run();
    const json = synth(imported);
    // Then each container restarts as its key says, and the texts no policy has are not imported
    const reason = 'restart takes "no", "always", "unless-stopped" or "on-failure[:n]"';
    expect(imported.warnings).toEqual([`${file}:9: services.b.restart is not imported (${reason})`, `${file}:13: services.c.restart is not imported (${reason})`]);
    const restart = (name: string) => pick(container(json, `x-${name}`), ['restart', 'max_retry_count']);
    expect(['a', 'b', 'c', 'd', 'e'].map(restart)).toEqual([
      { restart: 'on-failure', max_retry_count: 12 },
      { restart: 'on-failure', max_retry_count: 5 },
      { restart: 'on-failure', max_retry_count: 5 },
      { restart: 'unless-stopped', max_retry_count: undefined },
      { restart: 'on-failure', max_retry_count: 5 },
    ]);
  });
});

describe('fromCompose, kinds and copied passwords', () => {
  it('gives no proxy warning for an nginx imported as NginxProxy', () => {
    // Given an nginx with one plain-HTTP port and routes
    const yaml = `${SIMPLE()}  proxy:\n    image: nginx:1.27.0\n    ports: ["80:80"]\n    x-cdktf-proxy: { routes: { "/": "web:80" } }\n`;
    // When it is imported
    const imported = importYaml(yaml).run();
    // Then it is an NginxProxy, and the extension was read: no warning
    expect(imported.kinds.proxy.kind).toEqual('NginxProxy');
    expect(imported.warnings).toEqual([]);
  });

  const DB = (password: string, extra = '') => `services:\n  db:\n    image: postgres:16.4\n    environment:\n      POSTGRES_PASSWORD: ${password}\n${extra}  api:\n    image: example/api:1.0.0\n    healthcheck: { test: ["CMD", "true"] }\n    environment:\n      DATABASE_URL: postgres://postgres:${password}@db/postgres\n`;

  it('warns about a copy of the password variable in the Postgres service itself and under POSTGRES_PASSWORD elsewhere', () => {
    // Given the variable copied in db's own PGPASSWORD and a tool's POSTGRES_PASSWORD
    const yaml = `${DB('${DB_PASSWORD}', '      PGPASSWORD: ${DB_PASSWORD}\n')}  tool:\n    image: example/tool:1.0.0\n    healthcheck: { test: ["CMD", "true"] }\n    environment:\n      POSTGRES_PASSWORD: \${DB_PASSWORD}\n`;
    const { file, run } = importYaml(yaml, { environment: { DB_PASSWORD: 'Zq8-long-random-pass-1234' } });
    // When it is imported, Then each copy is a warning, the password itself not
    const warning = (line: number, name: string, key: string) =>
      `${file}:${line}: services.${name}.environment.${key} holds the value of \${DB_PASSWORD}, the password of db: it stays plain text in the code and the synthesized Terraform; in code, pass db's connectionUrl (a secret) through the service's secrets instead`;
    expect(run().warnings).toEqual([warning(6, 'db', 'PGPASSWORD'), warning(11, 'api', 'DATABASE_URL'), warning(16, 'tool', 'POSTGRES_PASSWORD')]);
  });

  it('gives no copied-password warning for a password written in the file, or a variable that is empty', () => {
    // Given a literal password copied into the api's URL
    const literal = importYaml(DB('Zq8-long-random-pass-1234')).run();
    // Then the copy is no warning: the literal is in the code anyway
    expect(literal.warnings).toEqual([]);
    // Given the password variable unset
    const empty = importYaml(DB('${DB_PASSWORD}')).run();
    // Then the unset variable is the only warning (an empty password is in every text)
    expect(empty.warnings).toEqual(['variables not set, read as empty strings: DB_PASSWORD']);
  });
});

describe('construct ids', () => {
  it.each([
    ['network-default', 'network "default"'],
    ['network-back', 'network "back"'],
    ['volume-data', 'volume "data"'],
    ['docker', 'the stack\'s own "docker"'],
  ])('refuses a service named %s, whose construct id is already that of %s, with its file and line, and adds nothing', (name, owner) => {
    // Given a service whose name is an id the import gives to something else
    const yaml = [
      'services:',
      '  web: { image: example/web:1.0.0, networks: [back], volumes: ["data:/d"] }',
      `  ${name}: { image: example/other:1.0.0 }`,
      'networks: { back: {} }',
      'volumes: { data: {} }',
      '',
    ].join('\n');
    const { file, app, run } = importYaml(yaml);
    // When it is imported, Then it is one compose problem at the service, and the app has no stack
    expect(problemsOf(run)).toEqual([
      { ruleId: 'compose', path: `${file}:3`, field: `services.${name}`, value: name, message: `the import gives this service the construct id "${name}", which is already that of ${owner}`, fix: 'rename the service, and the entries that name it (depends_on, links)' },
    ]);
    expect(app.node.tryFindChild('x')).toBeUndefined();
  });

  it.each(['network', 'volumes', 'network-front', 'Docker', 'provider'])('imports a service named %s, an id nothing else has', (name) => {
    const yaml = ['services:', `  ${name}: { image: example/other:1.0.0, volumes: ["data:/d"] }`, 'volumes: { data: {} }', ''].join('\n');
    expect(Object.keys(importYaml(yaml).run().services)).toEqual([name]);
  });
});

describe('restart text', () => {
  it.each(['on-failure:3x', 'no-on-failure', 'always:3', 'On-Failure', 'sometimes'])('refuses restart: %s, which is no restart policy, at its line; with allowUnsupported warns that it is not imported', (text) => {
    // Given a restart text that is none of the four policies
    const { file, run } = importYaml(SIMPLE(`    restart: "${text}"\n`));
    // When it is imported, Then it is one problem at the key
    const reason = 'restart takes "no", "always", "unless-stopped" or "on-failure[:n]"';
    expect(problemsOf(run)).toEqual([{ ruleId: 'compose', path: `${file}:6`, field: 'services.web.restart', value: text, message: `not supported by the import: ${reason}`, fix: COMPOSE_FIX }]);
    const allowed = importYaml(SIMPLE(`    restart: "${text}"\n`), { allowUnsupported: true });
    expect(allowed.run().warnings).toEqual([`${allowed.file}:6: services.web.restart is not imported (${reason})`]);
  });

  it.each([
    ['no', { restart: 'no' }],
    ['always', { restart: 'unless-stopped' }],
    ['unless-stopped', { restart: 'unless-stopped' }],
    ['on-failure', { restart: 'on-failure', max_retry_count: 5 }],
    ['on-failure:1', { restart: 'on-failure', max_retry_count: 1 }],
  ])('maps restart: %s', (text, expected) => {
    expect(container(synth(importYaml(SIMPLE(`    restart: "${text}"\n`)).run()), 'x-web')).toMatchObject(expected);
  });
});
