import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Testing } from 'cdktf';
import * as fc from 'fast-check';
import { fromCompose } from '../../../constructs/compose-import/from-compose';
import { KeySupport } from '../../../constructs/compose-import/key-table';
import { ValidationError } from '../../../constructs/errors';

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
