import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Testing } from 'cdktf';
import type { DockerStack } from '../../../constructs/docker-stack';
import { fromCompose } from '../../../constructs/compose-import/from-compose';
import { renderStackSource } from '../../../constructs/compose-import/typescript-writer';

const FIXTURES = path.resolve(__dirname, '..', '..', 'fixtures', 'compose-import');
/** Inside the repository, so the generated file resolves `constructs` and the library; removed after. */
const OUT = path.resolve(__dirname, '..', '..', `.generated-compose-import-${process.pid}`);

afterAll(() => fs.rmSync(OUT, { recursive: true, force: true }));

const cases: [string, string[], Record<string, string>][] = [
  ['basic', ['compose.yaml'], { DB_PASSWORD: 'Zq8-long-random-pass-1234' }],
  ['volumes', ['compose.yaml'], {}],
  ['healthchecks', ['compose.yaml'], {}],
  ['labels', ['compose.yaml'], {}],
  ['deploy', ['compose.yaml'], {}],
  ['build', ['compose.yaml'], {}],
  ['secrets-configs', ['compose.yaml'], {}],
  ['depends-on', ['compose.yaml'], {}],
  ['restart', ['compose.yaml'], {}],
  ['merge', ['compose.yaml', 'override.yaml'], {}],
  ['kinds', ['compose.yaml'], {}],
  ['e2e-shop', ['compose.yaml'], { SHOP_DB_PASSWORD: 'Zq8-long-random-pass-1234' }],
  ['e2e-ai', ['compose.yaml'], { ASSISTANT_DB_PASSWORD: 'Zq8-long-random-pass-1234' }],
  ['e2e-queue', ['compose.yaml', 'override.yaml'], {}],
  ['reset-override', ['compose.yaml', 'override.yaml'], {}],
];

describe('renderStackSource', () => {
  it.each(cases)('writes a stack for %s that synthesizes to the same Terraform as fromCompose', (name, files, environment) => {
    // Given a fixture imported with fromCompose
    const paths = files.map((f) => path.join(FIXTURES, name, f));
    const imported = fromCompose(Testing.app(), 'gen', { files: paths, environment });
    // When it is written as TypeScript and that file is loaded and built
    fs.mkdirSync(OUT, { recursive: true });
    const file = path.join(OUT, `${name}.ts`);
    fs.writeFileSync(file, renderStackSource(imported, { importFrom: path.relative(OUT, path.resolve(__dirname, '..', '..', '..', 'constructs')).replace(/\\/g, '/'), className: 'GeneratedStack', files }));
    const generated = require(file) as { GeneratedStack: new (scope: unknown, id: string) => DockerStack };
    const stack = new generated.GeneratedStack(Testing.app(), 'gen');
    // Then both synthesize to the same JSON
    expect(JSON.parse(Testing.synth(stack, false))).toEqual(JSON.parse(Testing.synth(imported.stack, false)));
  });
});

describe('renderStackSource and secrets', () => {
  const importFrom = 'cdktf-docker-stacks';

  it('writes a Postgres password compose read from a variable as that variable, never its value', () => {
    const imported = fromCompose(Testing.app(), 'gen', { files: [path.join(FIXTURES, 'e2e-shop', 'compose.yaml')], environment: { SHOP_DB_PASSWORD: 'Zq8-long-random-pass-1234' } });
    const source = renderStackSource(imported, { importFrom, className: 'ShopStack', files: ['compose.yaml'] });
    expect(source).toContain('password: Secret.fromVariable("SHOP_DB_PASSWORD")');
    expect(source).not.toContain('Zq8-long-random-pass-1234');
  });

  it('writes a password written in the compose file back as a literal', () => {
    const imported = fromCompose(Testing.app(), 'gen', { files: [path.join(FIXTURES, 'kinds', 'compose.yaml')], environment: {} });
    const source = renderStackSource(imported, { importFrom, className: 'KindsStack', files: ['compose.yaml'] });
    expect(source).toContain('password: Secret.fromLiteral("Zq8-long-random-pass-1234")');
    expect(source).not.toContain('Secret.fromVariable');
  });
});

/** Writes files into a fresh directory and returns its path (as from-compose.test.ts does). */
function project(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'compose-writer-'));
  for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), content);
  return dir;
}

const IMPORT_FROM = 'cdktf-docker-stacks';

/** The generated source of a compose file written into a fresh project. */
function renderCompose(compose: string, environment: Record<string, string> = {}, files = ['compose.yaml']): string {
  const dir = project({ 'compose.yaml': compose });
  const imported = fromCompose(Testing.app(), 'gen', { files: [path.join(dir, 'compose.yaml')], environment });
  return renderStackSource(imported, { importFrom: IMPORT_FROM, className: 'GeneratedStack', files });
}

/** The generated source of a fixture of the `cases` table. */
function renderFixture(name: string, files: readonly string[], environment: Record<string, string>): string {
  const imported = fromCompose(Testing.app(), 'gen', { files: files.map((f) => path.join(FIXTURES, name, f)), environment });
  return renderStackSource(imported, { importFrom: IMPORT_FROM, className: 'GeneratedStack', files: [...files] });
}

/** One `const <variable> = new <className>(this, <id>, { ... });` statement of a generated file. */
interface Construction {
  readonly variable: string;
  readonly className: string;
  readonly id: string;
  /** `key: value`, one a line for a service; for a one-line network or volume, split at ", ". */
  readonly props: readonly string[];
}

/** The statements that build the constructs, in order, read back from the generated text. */
function constructions(source: string): Construction[] {
  const found: Construction[] = [];
  const lines = source.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const oneLine = /^ {4}const (\S+) = new (\w+)\(this, ("[^"]*"), \{ (.*) \}\);$/.exec(lines[i]);
    if (oneLine) {
      found.push({ variable: oneLine[1], className: oneLine[2], id: JSON.parse(oneLine[3]) as string, props: oneLine[4].split(', ') });
      continue;
    }
    const open = /^ {4}const (\S+) = new (\w+)\(this, ("[^"]*"), \{$/.exec(lines[i]);
    if (!open) continue;
    const props: string[] = [];
    for (i++; lines[i] !== '    });'; i++) {
      // Each prop on its own line, indented six spaces and ended by a comma.
      expect(lines[i]).toMatch(/^ {6}\S.*,$/);
      props.push(lines[i].slice(6, -1));
    }
    found.push({ variable: open[1], className: open[2], id: JSON.parse(open[3]) as string, props });
  }
  return found;
}

/** The construction built with construct id `id`. */
function construction(source: string, id: string): Construction {
  const found = constructions(source).find((c) => c.id === id);
  if (found === undefined) throw new Error(`no construct "${id}" in the generated source`);
  return found;
}

const keys = (c: Construction): string[] => c.props.map((p) => p.slice(0, p.indexOf(':')));
/** The prop of `c` called `key`, as written (`key: value`), or undefined. */
const prop = (c: Construction, key: string): string | undefined => c.props.find((p) => p.startsWith(`${key}: `));

const NETWORK_OR_VOLUME = ['StackNetwork', 'NamedVolume'];
/** Words a `const` cannot be called, and the constructor's parameters, which a `const` would shadow. */
const NOT_A_VARIABLE = new Set(
  'break case catch class const continue debugger default delete do else enum export extends false finally for function if import in instanceof new null return super switch this throw true try typeof var void while with yield let static implements interface package private protected public await arguments eval undefined scope id'.split(' '),
);

describe('renderStackSource over every fixture', () => {
  it.each(cases)('writes no empty, undefined or default-valued prop for %s', (name, files, environment) => {
    const source = renderFixture(name, files, environment);
    const prefix = /super\(scope, id, \{ namePrefix: ("[^"]*") \}\);/.exec(source);
    expect(prefix).not.toBeNull();
    const namePrefix = JSON.parse(prefix?.[1] ?? '""') as string;
    // An empty list or object, or `undefined`, is what leaving the prop out means: the owner would only delete it.
    expect(source.match(/\w+: (?:\[\]|\{\s*\}|undefined)(?=[,\s}])/g) ?? []).toEqual([]);
    for (const c of constructions(source).filter((x) => !NETWORK_OR_VOLUME.includes(x.className))) {
      // One replica and the stack's own container name are the defaults; a replicated service has no single name.
      expect([c.id, prop(c, 'replicas')]).not.toEqual([c.id, 'replicas: 1']);
      expect([c.id, prop(c, 'containerName')]).not.toEqual([c.id, `containerName: ${JSON.stringify(`${namePrefix}-${c.id}`)}`]);
      if (prop(c, 'replicas') !== undefined) expect([c.id, prop(c, 'containerName')]).toEqual([c.id, undefined]);
    }
  });

  it.each(cases)('names every construct of %s with its own valid lowerCamelCase variable', (name, files, environment) => {
    const variables = constructions(renderFixture(name, files, environment)).map((c) => c.variable);
    expect(new Set(variables).size).toBe(variables.length);
    for (const variable of variables) {
      // A leading "_" only before a digit, a trailing "_" only to tell two names apart.
      expect(variable).toMatch(/^(?:[a-z]|_[0-9])[A-Za-z0-9]*_*$/);
      expect(NOT_A_VARIABLE.has(variable)).toBe(false);
    }
  });

  it.each(cases)('imports only what the body of %s uses, sorted, and voids exactly its services', (name, files, environment) => {
    const source = renderFixture(name, files, environment);
    const imported = /^import \{ (.*) \} from "cdktf-docker-stacks";$/m.exec(source)?.[1].split(', ') ?? [];
    const body = source.slice(source.indexOf('export class'));
    expect(imported).toContain('DockerStack');
    expect(imported).toEqual([...imported].sort());
    // A name imported and not used fails noUnusedLocals in the owner's project.
    expect(imported.filter((n) => n !== 'DockerStack' && !new RegExp(`\\b${n}\\b`).test(body))).toEqual([]);
    const services = constructions(source).filter((c) => !NETWORK_OR_VOLUME.includes(c.className));
    expect(source).toContain(`\n    void [${services.map((c) => c.variable).join(', ')}];\n  }\n}\n`);
  });
});

describe('renderStackSource text', () => {
  it('writes the whole file: header, imports, networks, volumes, then one service a statement, one prop a line', () => {
    const source = renderCompose(
      [
        'name: shop',
        'services:',
        '  db:',
        '    image: example/db:1.0.0',
        '    healthcheck: { test: ["CMD", "true"] }',
        '    volumes: [data:/var/lib/data]',
        '    networks: [backend]',
        '  api:',
        '    image: example/api:1.0.0',
        '    healthcheck: { test: ["CMD", "true"] }',
        '    depends_on: [db]',
        '    networks: [backend]',
        'networks:',
        '  backend: { internal: true }',
        'volumes:',
        '  data: {}',
        '',
      ].join('\n'),
      {},
      ['deploy/compose.yaml', 'deploy/override.yaml'],
    );
    const check = 'healthCheck: HealthCheck.command(["true"], { interval: Duration.parse("10s"), timeout: Duration.parse("5s"), retries: 3, startPeriod: Duration.parse("10s") }),';
    expect(source).toBe(
      [
        '// Generated by `cdktf-docker-stacks import` from deploy/compose.yaml, deploy/override.yaml.',
        '// The stack is yours now: edit it freely; the compose file is no longer read.',
        "import { Construct } from 'constructs';",
        'import { ContainerImage, Cpu, DockerStack, Duration, HealthCheck, LogRotation, NamedVolume, RestartPolicy, Service, Size, StackNetwork } from "cdktf-docker-stacks";',
        '',
        '/** The stack of compose.yaml + override.yaml. */',
        'export class GeneratedStack extends DockerStack {',
        '  constructor(scope: Construct, id: string) {',
        '    super(scope, id, { namePrefix: "shop" });',
        '    const backendNetwork = new StackNetwork(this, "network-backend", { networkName: "shop-backend", internal: true });',
        '    const dataVolume = new NamedVolume(this, "volume-data", { volumeName: "shop-data" });',
        '    const db = new Service(this, "db", {',
        '      image: ContainerImage.fromRegistry("example/db:1.0.0"),',
        `      ${check}`,
        '      networks: [{ network: backendNetwork }],',
        '      volumes: [{ volume: dataVolume, target: "/var/lib/data", readOnly: false }],',
        '      cpuLimit: Cpu.cores(1),',
        '      memoryLimit: Size.mebibytes(512),',
        '      restartPolicy: RestartPolicy.onFailure(5),',
        '      logging: LogRotation.jsonFile({ maxSize: Size.mebibytes(10), maxFiles: 3 }),',
        '      stopGracePeriod: Duration.parse("10s"),',
        '    });',
        '    const api = new Service(this, "api", {',
        '      image: ContainerImage.fromRegistry("example/api:1.0.0"),',
        `      ${check}`,
        '      networks: [{ network: backendNetwork }],',
        '      cpuLimit: Cpu.cores(1),',
        '      memoryLimit: Size.mebibytes(512),',
        '      restartPolicy: RestartPolicy.onFailure(5),',
        '      logging: LogRotation.jsonFile({ maxSize: Size.mebibytes(10), maxFiles: 3 }),',
        '      stopGracePeriod: Duration.parse("10s"),',
        '      dependsOn: [db],',
        '    });',
        '    void [db, api];',
        '  }',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('camel-cases compose names into variables that never clash with each other, a keyword or the constructor parameters', () => {
    const healthy = '    image: example/a:1.0.0\n    healthcheck: { test: ["CMD", "true"] }\n';
    const source = renderCompose(
      [
        'services:',
        ...['1st', 'web2', 'web-app', 'web_app', 'reports-db-replica', 'scope', 'id', 'default', 'new'].map((name) => `  ${name}:\n${healthy}    networks: [default]`),
        `  tagged:\n${healthy}    networks: [_net, default]\n    volumes: [data2:/data, _cache:/cache]`,
        'networks:',
        '  _net: {}',
        'volumes:',
        '  data2: {}',
        '  _cache: {}',
        '',
      ].join('\n'),
    );
    expect(constructions(source).map((c) => [c.id, c.variable])).toEqual([
      ['network-default', 'defaultNetwork'],
      // the separator that opens "_net" is dropped, not read as an empty first word
      ['network-_net', 'netNetwork'],
      ['volume-data2', 'data2Volume'],
      ['volume-_cache', 'cacheVolume'],
      // "_" only before a leading digit, never before a digit further in
      ['1st', '_1st'],
      ['web2', 'web2'],
      ['web-app', 'webApp'],
      // the same camelCase as web-app: told apart by a trailing "_"
      ['web_app', 'webApp_'],
      ['reports-db-replica', 'reportsDbReplica'],
      // the constructor's parameters are taken
      ['scope', 'scope_'],
      ['id', 'id_'],
      // keywords cannot be variables
      ['default', 'defaultService'],
      ['new', 'newService'],
      ['tagged', 'tagged'],
    ]);
  });

  it('writes each Size in the largest binary unit that holds it whole', () => {
    const app = construction(
      renderCompose(
        [
          'services:',
          '  app:',
          '    image: example/app:1.0.0',
          '    healthcheck: { test: ["CMD", "true"] }',
          '    mem_limit: 2g',
          '    mem_reservation: 1536m',
          '    tmpfs: [/a:size=1536k, /b:size=1000, /c:size=3m]',
          '    logging: { driver: json-file, options: { max-size: 512k } }',
          '',
        ].join('\n'),
      ),
      'app',
    );
    expect(prop(app, 'memoryLimit')).toBe('memoryLimit: Size.gibibytes(2)');
    expect(prop(app, 'memoryReservation')).toBe('memoryReservation: Size.mebibytes(1536)');
    expect(prop(app, 'tmpfs')).toBe('tmpfs: { "/a": Size.kibibytes(1536), "/b": Size.bytes(1000), "/c": Size.mebibytes(3) }');
    expect(prop(app, 'logging')).toBe('logging: LogRotation.jsonFile({ maxSize: Size.kibibytes(512), maxFiles: 3 })');
  });

  it('writes a service without networks or with host access without a networks prop', () => {
    const isolated = construction(renderCompose('services:\n  job:\n    image: example/job:1.0.0\n    healthcheck: { test: ["CMD", "true"] }\n    network_mode: none\n'), 'job');
    expect(keys(isolated)).toEqual(['image', 'healthCheck', 'cpuLimit', 'memoryLimit', 'restartPolicy', 'logging', 'stopGracePeriod']);
    const file = path.join(FIXTURES, 'host-access', 'compose.yaml');
    const agent = construction(renderFixture('host-access', ['compose.yaml'], {}), 'agent');
    expect(keys(agent)).toEqual(['image', 'healthCheck', 'cpuLimit', 'memoryLimit', 'restartPolicy', 'logging', 'stopGracePeriod', 'hostAccess']);
    expect(prop(agent, 'hostAccess')).toBe(
      `hostAccess: ${JSON.stringify({ reason: `imported from the compose file (${file}:2)`, privileged: true, hostNetwork: true, hostPid: true, hostIpc: true })}`,
    );
  });

  it('writes a shell health check with the tools of its command, not the shell', () => {
    const shell = construction(renderFixture('healthchecks', ['compose.yaml'], {}), 'shell');
    expect(prop(shell, 'healthCheck')).toBe(
      'healthCheck: HealthCheck.shell("test -f /tmp/ok && echo ok", ["test","echo"], { interval: Duration.parse("10s"), timeout: Duration.parse("5s"), retries: 3, startPeriod: Duration.parse("10s") })',
    );
  });

  it('writes only the labels the compose file gave, not the ones every service sets', () => {
    const api = construction(renderFixture('basic', ['compose.yaml'], { DB_PASSWORD: 'Zq8-long-random-pass-1234' }), 'api');
    expect(prop(api, 'labels')).toBe('labels: {"team":"shop"}');
    expect(prop(api, 'networks')).toBe('networks: [{ network: frontendNetwork }, { network: backendNetwork, aliases: ["api-internal"] }]');
  });

  it('writes build args only when the build has some, and a container name only when compose gave one', () => {
    const source = renderFixture('build', ['compose.yaml'], {});
    expect(prop(construction(source, 'short'), 'image')).toBe(`image: ContainerImage.fromBuild(${JSON.stringify(path.join(FIXTURES, 'build', 'app'))}, { tag: "example/short:dev", dockerfile: "Dockerfile" })`);
    expect(prop(construction(renderFixture('labels', ['compose.yaml'], {}), 'app'), 'containerName')).toBe('containerName: "labelled-app"');
    const workers = construction(renderFixture('deploy', ['compose.yaml'], {}), 'workers');
    expect([prop(workers, 'replicas'), prop(workers, 'containerName')]).toEqual(['replicas: 3', undefined]);
  });
});

describe('renderStackSource and kinds', () => {
  const kinds = (): string => renderFixture('kinds', ['compose.yaml'], {});

  it('leaves out of a Postgres the POSTGRES_* variables its own props set, and writes its user once', () => {
    const db = construction(kinds(), 'db');
    expect(db.className).toBe('Postgres');
    expect(db.props.slice(0, 5)).toEqual(['user: "shop"', 'database: "orders"', 'dataChecksums: true', 'password: Secret.fromLiteral("Zq8-long-random-pass-1234")', 'dataVolume: dbDataVolume']);
    expect(prop(db, 'environment')).toBe('environment: {"TZ":"UTC"}');
    expect(prop(db, 'command')).toBe('command: ["postgres"]');
    // `user` is the database owner: a container user written too would be a second `user` key.
    expect(db.props.filter((p) => p.startsWith('user: '))).toEqual(['user: "shop"']);
  });

  it('writes no password or data volume for a Postgres whose password and volume the kind makes itself', () => {
    const reports = construction(kinds(), 'reports-db');
    expect([reports.variable, reports.className]).toEqual(['reportsDb', 'Postgres']);
    expect(keys(reports).slice(0, 4)).toEqual(['user', 'database', 'dataChecksums', 'image']);
  });

  it('writes an NginxProxy with its routes, and without the command, ports and configuration file the kind makes', () => {
    const edge = construction(kinds(), 'edge');
    expect(edge.className).toBe('NginxProxy');
    expect(edge.props.slice(0, 3)).toEqual([
      'routes: [{ path: "/", upstream: llm, upstreamPort: Port.tcp(11434), stripPrefix: false }, { path: "/vectors/", upstream: vectors, upstreamPort: Port.tcp(8000), stripPrefix: true }]',
      'httpPort: Port.tcp(8081)',
      'public: false',
    ]);
    expect(keys(edge)).toEqual(['routes', 'httpPort', 'public', 'image', 'healthCheck', 'networks', 'cpuLimit', 'memoryLimit', 'restartPolicy', 'logging', 'user', 'stopGracePeriod', 'stopSignal', 'dependsOn']);
  });

  it('keeps a Postgres command, a public proxy, a proxy’s other files and a plain service’s nginx.conf', () => {
    const source = renderCompose(
      [
        'services:',
        '  db:',
        '    image: postgres:16.4-alpine',
        '    command: postgres -c max_connections=200',
        '    environment:',
        '      POSTGRES_PASSWORD: ${DB_PASSWORD}',
        '  web:',
        '    image: example/web:1.0.0',
        '    healthcheck: { test: ["CMD", "true"] }',
        '    configs: [{ source: nginx, target: /etc/nginx/nginx.conf }]',
        '  edge:',
        '    image: nginx:1.27-alpine',
        '    ports: ["8080:80"]',
        '    configs: [{ source: motd, target: /srv/motd.txt }]',
        '    x-cdktf-proxy:',
        '      routes: { /: web:8000 }',
        'configs:',
        '  nginx: { content: "events {}\\n" }',
        '  motd: { content: "hello\\n" }',
        '',
      ].join('\n'),
      { DB_PASSWORD: 'Zq8-long-random-pass-1234' },
    );
    expect(prop(construction(source, 'db'), 'command')).toBe('command: ["postgres","-c","max_connections=200"]');
    // Only the proxy writes /etc/nginx/nginx.conf itself: a plain service keeps the file it was given.
    expect(prop(construction(source, 'web'), 'files')).toBe('files: [{"path":"/etc/nginx/nginx.conf","content":"events {}\\n"}]');
    const edge = construction(source, 'edge');
    expect([edge.className, prop(edge, 'public'), prop(edge, 'files')]).toEqual(['NginxProxy', 'public: true', 'files: [{"path":"/srv/motd.txt","content":"hello\\n"}]']);
  });

  it('writes a variable password as the variable even while TF_VAR_ holds its value', () => {
    // The importer's shell may have the value set; the literal must still never reach the file.
    const saved = process.env.TF_VAR_SHOP_DB_PASSWORD;
    process.env.TF_VAR_SHOP_DB_PASSWORD = 'Zq8-long-random-pass-9876';
    try {
      const source = renderFixture('e2e-shop', ['compose.yaml'], { SHOP_DB_PASSWORD: 'Zq8-long-random-pass-1234' });
      expect(construction(source, 'db').props.filter((p) => p.startsWith('password: '))).toEqual(['password: Secret.fromVariable("SHOP_DB_PASSWORD")']);
      expect(source).not.toContain('Zq8-long-random-pass-9876');
    } finally {
      if (saved === undefined) delete process.env.TF_VAR_SHOP_DB_PASSWORD;
      else process.env.TF_VAR_SHOP_DB_PASSWORD = saved;
    }
  });
});
