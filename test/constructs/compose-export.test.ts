import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Lazy, Testing, Token } from 'cdktf';
import { Construct } from 'constructs';
import { parse } from 'yaml';
import { volume as dockerVolume } from '../../.gen/providers/docker';
import {
  Capability,
  ContainerImage,
  Cpu,
  DockerApp,
  DockerStack,
  Duration,
  GeneratedSecret,
  HealthCheck,
  LogRotation,
  NamedVolume,
  Port,
  RestartPolicy,
  Secret,
  Service,
  Size,
  StackNetwork,
  StackNetworks,
  StackValidationError,
  UpdateOrder,
} from '../../constructs';
import { COMPOSE_EXPORT_ENV, COMPOSE_EXPORT_FILE, COMPOSE_EXPORT_FILE_VERSION, exportCompose, toCompose, writeComposeExports, type ComposeExportFile } from '../../constructs/compose-export';
import { addSeedStacks, STACK_NAMES } from '../../stacks';
import { errorOf } from '../support/validation-error';
import { SERVICE_LABELS } from '../../constructs/service';
import { containers, newStack, synth, SynthesizedStack } from '../support/synth';

const image = ContainerImage.fromRegistry('example/app:1.2.3');
const health = HealthCheck.httpGet('/health', { port: Port.tcp(8000) });

type ComposeService = Record<string, unknown> & { environment?: Record<string, string>; configs?: { source: string; target: string; mode: number }[]; volumes?: unknown[]; ports?: unknown[] };
interface ComposeFile {
  name: string;
  services: Record<string, ComposeService>;
  networks?: Record<string, Record<string, unknown>>;
  volumes?: Record<string, Record<string, unknown>>;
  configs?: Record<string, { content: string }>;
}

function composeOf(stack: DockerStack, options = {}): ComposeFile {
  return readYaml(toCompose(stack, options));
}

/** The file as compose reads it: YAML 1.1, where 0744 is octal. */
const readYaml = (yaml: string) => parse(yaml, { version: '1.1' }) as ComposeFile;

/** What compose reads from a `$`-escaped text of the file. */
const unescape = (text: string) => text.replace(/\$\$/g, '$');

describe('toCompose', () => {
  test('given a service with every setting, writes each as the compose specification names it', () => {
    const stack = newStack('shop');
    const nets = new StackNetworks(stack, 'networks');
    const data = new NamedVolume(stack, 'data');
    const db = new Service(stack, 'db', { image: ContainerImage.fromRegistry('example/db:1.0.0'), healthCheck: HealthCheck.tcp(Port.tcp(5432)), networks: [{ network: nets.backend, aliases: ['database'] }] });
    new Service(stack, 'api', {
      image,
      healthCheck: HealthCheck.httpGet('/health', { port: Port.tcp(8000), interval: Duration.seconds(30), startPeriod: Duration.seconds(40), startInterval: Duration.seconds(2) }),
      command: ['serve', '--port', '8000'],
      entrypoint: ['/entry.sh'],
      user: '1000:1000',
      workingDir: '/srv',
      init: true,
      environment: { MODE: 'production' },
      ports: [{ containerPort: Port.tcp(8000), hostPort: Port.tcp(18000) }],
      networks: [{ network: nets.backend }, { network: nets.frontend }],
      volumes: [{ volume: data, target: '/data' }],
      bindMounts: [{ source: '/etc/ssl/shop', target: '/certs' }],
      files: [
        { path: '/etc/app/app.conf', content: 'a = 1\n' },
        { path: '/usr/local/bin/start.sh', content: '#!/bin/sh\nexec serve\n', executable: true },
      ],
      cpuLimit: Cpu.cores(0.5),
      memoryLimit: Size.mebibytes(256),
      memoryReservation: Size.mebibytes(128),
      shmSize: Size.mebibytes(64),
      restartPolicy: RestartPolicy.onFailure(3),
      logging: LogRotation.jsonFile({ maxSize: Size.mebibytes(5), maxFiles: 2 }),
      readOnlyRootFilesystem: true,
      tmpfs: { '/tmp': Size.mebibytes(16) },
      capabilities: [Capability.NET_BIND_SERVICE, Capability.CHOWN],
      labels: { team: 'shop' },
      stopGracePeriod: Duration.seconds(20),
      stopSignal: 'SIGINT',
      dependsOn: [db],
    });

    const compose = composeOf(stack);

    expect(compose.name).toBe('shop');
    expect(compose.services.api).toEqual({
      image: 'example/app:1.2.3',
      container_name: 'shop-api',
      entrypoint: ['/entry.sh'],
      command: ['serve', '--port', '8000'],
      user: '1000:1000',
      working_dir: '/srv',
      init: true,
      environment: { MODE: 'production' },
      healthcheck: {
        test: ['CMD', 'python3', '-c', "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/health', timeout=5)"],
        interval: '30s',
        timeout: '5s',
        retries: 3,
        start_period: '40s',
        start_interval: '2s',
      },
      depends_on: { db: { condition: 'service_healthy' } },
      restart: 'on-failure:3',
      networks: { 'shop-backend': { aliases: ['api'] }, 'shop-frontend': { aliases: ['api'] } },
      ports: [{ target: 8000, published: '18000', host_ip: '127.0.0.1', protocol: 'tcp' }],
      volumes: [
        { type: 'bind', source: '/etc/ssl/shop', target: '/certs', read_only: true },
        { type: 'volume', source: 'shop-data', target: '/data', read_only: false },
      ],
      configs: [
        { source: 'api-etc-app-app.conf', target: '/etc/app/app.conf', mode: 0o644 },
        { source: 'api-usr-local-bin-start.sh', target: '/usr/local/bin/start.sh', mode: 0o744 },
      ],
      tmpfs: [`/tmp:size=${16 * 1024 * 1024}`],
      read_only: true,
      cap_drop: ['ALL'],
      cap_add: ['CAP_CHOWN', 'CAP_NET_BIND_SERVICE'],
      security_opt: ['no-new-privileges:true'],
      ipc: 'private',
      shm_size: '64m',
      memswap_limit: '256m',
      deploy: { resources: { limits: { cpus: '0.5', memory: '256m' }, reservations: { memory: '128m' } } },
      logging: { driver: 'json-file', options: { 'max-size': '5m', 'max-file': '2' } },
      stop_signal: 'SIGINT',
      stop_grace_period: '20s',
      labels: expect.objectContaining({ team: 'shop', 'org.cdktf-docker-stacks.service': 'api', 'org.cdktf-docker-stacks.stack': 'shop' }),
    });
    expect(compose.services.db.networks).toEqual({ 'shop-backend': { aliases: ['database', 'db'] } });
    expect(compose.networks).toEqual({
      'shop-frontend': { name: 'shop-frontend', driver: 'bridge' },
      'shop-backend': { name: 'shop-backend', driver: 'bridge', internal: true },
    });
    expect(compose.volumes).toEqual({ 'shop-data': { name: 'shop-data' } });
    expect(compose.configs).toEqual({ 'api-etc-app-app.conf': { content: 'a = 1\n' }, 'api-usr-local-bin-start.sh': { content: '#!/bin/sh\nexec serve\n' } });
  });

  test('writes file modes in octal', () => {
    const stack = newStack('shop');
    new Service(stack, 'api', { image, healthCheck: health, files: [{ path: '/run.sh', content: 'x', executable: true }] });

    expect(toCompose(stack)).toMatch(/^ {8}mode: 0744$/m);
  });

  test('escapes every $ of the stack\'s own text as $$, so compose interpolates none of it', () => {
    const stack = newStack('shop');
    new Service(stack, 'api', {
      image,
      healthCheck: HealthCheck.shell('test -n "$HOME"', ['test']),
      command: ['echo', '$PATH', '${HOME}'],
      environment: { PRICE: '5$', TEMPLATE: '${NAME}' },
      labels: { note: '$x' },
      files: [{ path: '/etc/app.conf', content: 'set $var 1;\n' }],
    });

    const compose = composeOf(stack);

    expect(compose.services.api.command).toEqual(['echo', '$$PATH', '$${HOME}']);
    expect(compose.services.api.environment).toEqual({ PRICE: '5$$', TEMPLATE: '$${NAME}' });
    expect(compose.services.api.healthcheck).toMatchObject({ test: ['CMD-SHELL', 'test -n "$$HOME"'] });
    expect(compose.services.api.labels).toMatchObject({ note: '$$x' });
    expect(compose.configs).toEqual({ 'api-etc-app.conf': { content: 'set $$var 1;\n' } });
  });

  test('writes no secret value: a variable is the TF_VAR_ variable cdktf reads, required with :?', () => {
    const stack = newStack('shop');
    new Service(stack, 'api', { image, healthCheck: health, secrets: { API_KEY: Secret.fromVariable('shop_api_key') } });

    const { yaml, variables } = exportCompose(stack);

    expect(readYaml(yaml).services.api.environment).toEqual({ API_KEY: '${TF_VAR_shop_api_key:?set TF_VAR_shop_api_key (see the header of this file)}' });
    expect(variables.map((v) => v.name)).toEqual(['TF_VAR_shop_api_key']);
    expect(yaml).toMatch(/^# +TF_VAR_shop_api_key: /m);
  });

  test('writes no secret value: a literal and a generated secret become variables of their own, named after the stack and their owner', () => {
    const stack = newStack('shop');
    const generated = new GeneratedSecret(stack, 'session-key');
    new Service(stack, 'api', { image, healthCheck: health, secrets: { TOKEN: Secret.fromLiteral('a-literal-secret-value'), SESSION: generated.secret } });

    const { yaml, variables } = exportCompose(stack);

    expect(yaml).not.toContain('a-literal-secret-value');
    expect(readYaml(yaml).services.api.environment).toEqual({
      SESSION: '${SHOP_SESSION_KEY:?set SHOP_SESSION_KEY (see the header of this file)}',
      TOKEN: '${SHOP_API_TOKEN:?set SHOP_API_TOKEN (see the header of this file)}',
    });
    expect(variables.map((v) => v.name).sort()).toEqual(['SHOP_API_TOKEN', 'SHOP_SESSION_KEY']);
  });

  test('writes a derived secret (a connection URL) with the variables inside it, and says their values go in as they are', () => {
    const stack = newStack('shop');
    const password = Secret.fromVariable('shop_db_password');
    const url = Secret.derived('url', [password], ([p]) => `postgresql://app:${p}@db:5432/$shop`);
    new Service(stack, 'api', { image, healthCheck: health, secrets: { DATABASE_URL: url, PGPASSWORD: password } });

    const { document, variables } = exportCompose(stack);

    expect((document.services as Record<string, ComposeService>).api.environment).toEqual({
      DATABASE_URL: 'postgresql://app:${TF_VAR_shop_db_password:?set TF_VAR_shop_db_password (see the header of this file)}@db:5432/$$shop',
      PGPASSWORD: '${TF_VAR_shop_db_password:?set TF_VAR_shop_db_password (see the header of this file)}',
    });
    expect(variables).toEqual([{ name: 'TF_VAR_shop_db_password', description: expect.stringContaining('URL-safe') as string }]);
  });

  test('lists no warning when the file carries everything the stack deploys', () => {
    const stack = newStack('shop');
    const db = new Service(stack, 'db', { image, healthCheck: health, volumes: [{ volume: new NamedVolume(stack, 'data'), target: '/data' }] });
    new Service(stack, 'api', { image, healthCheck: health, environment: { TEMPLATE: '${NAME}', PRICE: '5$' }, command: ['sh', '-c', 'echo ${HOME} %{x}'], labels: { note: '${n}' }, files: [{ path: '/etc/a.sh', content: 'echo ${HOME}' }], secrets: { KEY: Secret.fromVariable('shop_key') }, dependsOn: [db] });

    expect(exportCompose(stack).warnings).toEqual([]);
  });

  test('lists a start-first service as a warning naming the service and updateOrder, in the result and the header', () => {
    const stack = newStack('shop');
    new Service(stack, 'api', { image, healthCheck: health, updateOrder: UpdateOrder.START_FIRST });

    const { yaml, warnings } = exportCompose(stack);

    expect(warnings).toEqual([{ path: 'shop/api', key: 'updateOrder', message: expect.stringContaining('stopping the old one first') as string }]);
    expect(yaml).toMatch(/^# +shop\/api updateOrder: UpdateOrder.START_FIRST/m);
  });

  test('lists a container setting the file does not carry (an escape-hatch override), naming the container and the key', () => {
    const stack = newStack('shop');
    const api = new Service(stack, 'api', { image, healthCheck: health });
    api.containers[0].addOverride('dns', ['192.0.2.53']);

    expect(exportCompose(stack).warnings).toEqual([{ path: 'shop/api/Resource', key: 'dns', message: 'container setting "dns" has no equivalent in the compose file and is left out' }]);
  });

  test('lists an override of a mapped setting whose value the file does not have, with both values', () => {
    const stack = newStack('shop');
    const api = new Service(stack, 'api', { image, healthCheck: health, memoryLimit: Size.mebibytes(256) });
    api.containers[0].addOverride('memory', 2048);
    api.containers[0].addOverride('env', ['TOKEN=an-overridden-secret-value']);

    const warnings = exportCompose(stack).warnings;

    expect(warnings.map((w) => [w.path, w.key])).toEqual([
      ['shop/api/Resource', 'env'],
      ['shop/api/Resource', 'memory'],
    ]);
    expect(warnings[1].message).toBe('the stack deploys 2048 and the compose file says 256 (an override the exporter does not read?)');
    // A variable is named, never shown: its value may be a secret, and the header is in the file.
    expect(warnings[0].message).toBe('the stack deploys other values than the compose file for TOKEN (an override the exporter does not read?)');
    expect(toCompose(stack)).not.toContain('an-overridden-secret-value');
  });

  test('lists a resource a compose file has no place for, naming it and its type', () => {
    const stack = newStack('shop');
    new Service(stack, 'api', { image, healthCheck: health });
    new dockerVolume.Volume(stack, 'scratch', { name: 'shop-scratch' });

    expect(exportCompose(stack).warnings).toEqual([{ path: 'shop/scratch', key: 'docker_volume', message: 'a docker_volume resource has no equivalent in a compose file and is left out' }]);
  });

  test('writes the other restart policies, a service without a health check, and host PID, IPC and privileged mode', () => {
    const stack = newStack('shop');
    const cache = new Service(stack, 'cache', { image, healthCheck: HealthCheck.none(), restartPolicy: RestartPolicy.never() });
    new Service(stack, 'agent', {
      image,
      healthCheck: health,
      restartPolicy: RestartPolicy.unlessStopped(),
      hostAccess: { reason: 'inspects the host', privileged: true, hostPid: true, hostIpc: true },
    });

    const compose = composeOf(stack);

    expect(compose.services.agent).toMatchObject({ restart: 'unless-stopped', privileged: true, pid: 'host', ipc: 'host' });
    expect(compose.services.cache).toMatchObject({ restart: 'no' });
    expect(cache.dependsOn).toEqual([]);
    expect(compose.services.cache).not.toHaveProperty('healthcheck');
    // YAML 1.1 reads a bare no as false: the policy is quoted.
    expect(toCompose(stack)).toMatch(/^ {4}restart: "no"$/m);
    expect(exportCompose(stack).warnings).toEqual([]);
  });

  test('is written by DockerApp beside the stack\'s Terraform JSON only for the stacks CDS_COMPOSE_EXPORT names', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cds-compose-app-'));
    const saved = process.env[COMPOSE_EXPORT_ENV];
    try {
      const app = new DockerApp({ outdir });
      for (const id of ['shop', 'blog']) new Service(new DockerStack(app, id), 'api', { image, healthCheck: health, secrets: { KEY: Secret.fromVariable(`${id}_key`) } });
      process.env[COMPOSE_EXPORT_ENV] = 'shop';

      app.synth();

      const file = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', 'shop', COMPOSE_EXPORT_FILE), 'utf8')) as ComposeExportFile;
      expect(file).toEqual({ version: COMPOSE_EXPORT_FILE_VERSION, stack: 'shop', yaml: toCompose(app.node.findChild('shop') as DockerStack), variables: [expect.objectContaining({ name: 'TF_VAR_shop_key' })], warnings: [] });
      expect(fs.existsSync(path.join(outdir, 'stacks', 'blog', COMPOSE_EXPORT_FILE))).toBe(false);
    } finally {
      if (saved === undefined) delete process.env[COMPOSE_EXPORT_ENV];
      else process.env[COMPOSE_EXPORT_ENV] = saved;
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });

  test('is not written by DockerApp when CDS_COMPOSE_EXPORT is unset', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cds-compose-app-'));
    const saved = process.env[COMPOSE_EXPORT_ENV];
    try {
      delete process.env[COMPOSE_EXPORT_ENV];
      const app = new DockerApp({ outdir });
      new Service(new DockerStack(app, 'shop'), 'api', { image, healthCheck: health });

      app.synth();

      expect(fs.readdirSync(path.join(outdir, 'stacks', 'shop'))).not.toContain(COMPOSE_EXPORT_FILE);
      expect(fs.readdirSync(path.join(outdir, 'stacks', 'shop'))).toContain('cdk.tf.json');
    } finally {
      if (saved !== undefined) process.env[COMPOSE_EXPORT_ENV] = saved;
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });

  test('leaves start_interval out for an engine older than 25', () => {
    const stack = new DockerStack(Testing.app(), 'old', { engineVersion: '20.10' });
    new Service(stack, 'api', { image, healthCheck: health });

    expect(composeOf(stack).services.api.healthcheck).not.toHaveProperty('start_interval');
  });

  test('declares the volumes external with externalVolumes, and names the project with projectName', () => {
    const stack = newStack('shop');
    new Service(stack, 'api', { image, healthCheck: health, volumes: [{ volume: new NamedVolume(stack, 'data'), target: '/data' }] });

    const compose = composeOf(stack, { externalVolumes: true, projectName: 'other' });

    expect(compose.volumes).toEqual({ 'shop-data': { name: 'shop-data', external: true } });
    expect(compose.name).toBe('other');
  });

  test('gives replicas as deploy.replicas without a container name; a service without networks the default bridge; host network as network_mode', () => {
    const stack = newStack('shop');
    new Service(stack, 'worker', { image, healthCheck: health, replicas: 3 });
    new Service(stack, 'agent', { image, healthCheck: health, hostAccess: { reason: 'metrics of the host', hostNetwork: true } });

    const compose = composeOf(stack);

    expect(compose.services.worker).not.toHaveProperty('container_name');
    expect(compose.services.worker).toMatchObject({ network_mode: 'bridge', deploy: { replicas: 3 } });
    expect(compose.services.agent).toMatchObject({ network_mode: 'host' });
    expect(compose.services.agent).not.toHaveProperty('networks');
  });

  test('builds an image from a directory with build, tagged with its reference', () => {
    const stack = newStack('shop');
    const context = path.resolve(__dirname, '..', '..', 'examples', 'demo-app');
    new Service(stack, 'api', { image: ContainerImage.fromBuild(context, { tag: 'shop-api:dev', buildArgs: { VERSION: '1' } }), healthCheck: health });

    expect(composeOf(stack).services.api).toMatchObject({ image: 'shop-api:dev', build: { context, dockerfile: 'Dockerfile', args: { VERSION: '1' } } });
  });

  test('fails when the argument is not a DockerStack', () => {
    const error = errorOf(() => toCompose({} as DockerStack));

    expect(error.problems).toEqual([expect.objectContaining({ path: 'toCompose', field: 'stack', message: 'not a DockerStack' })]);
  });

  test('fails when the stack does not validate, with the stack\'s problems', () => {
    const stack = newStack('shop');
    new Service(stack, 'a', { image, healthCheck: health, ports: [{ containerPort: Port.tcp(80), hostPort: Port.tcp(8080) }] });
    new Service(stack, 'b', { image, healthCheck: health, ports: [{ containerPort: Port.tcp(80), hostPort: Port.tcp(8080) }] });

    expect(() => toCompose(stack)).toThrow(StackValidationError);
  });

  test('fails when a value is known only when Terraform applies (a resource attribute), naming the service and the field', () => {
    const stack = newStack('shop');
    const network = new StackNetwork(stack, 'net');
    new Service(stack, 'api', { image, healthCheck: health, environment: { NETWORK_ID: network.networkId } });

    const error = errorOf(() => toCompose(stack));

    expect(error.problems).toEqual([expect.objectContaining({ path: 'shop/api', field: 'environment.NETWORK_ID' })]);
  });
});

describe('toCompose of the seed stacks', () => {
  const profiles = ['local', 'official'] as const;

  // Every setting of every synthesized container is in the compose service it belongs to.
  test.each(profiles.flatMap((profile) => STACK_NAMES.map((name) => [profile, name] as const)))('%s images, %s: the compose file carries what the Terraform JSON deploys', (profile, name) => {
    const stack = addSeedStacks(new App(), { imageProfile: profile }, [name])[0];
    const json = synth(stack);
    const compose = composeOf(stack);

    expect(Object.keys(compose.services).sort()).toEqual([...new Set(containers(json).map((c) => serviceOf(c)))].sort());
    for (const c of containers(json)) {
      expect({ container: c.name, ...parity(compose, serviceOf(c), json) }).toEqual({ container: c.name, ...expected(c, json) });
    }
    // Only my-ia's app, which replaces itself start-first under cdktf, is not quite as deployed.
    expect(exportCompose(stack).warnings.map((w) => `${w.path} ${w.key}`)).toEqual(name === 'my-ia' ? ['my-ia/app updateOrder'] : []);
  });
});

describe('toCompose of each seed stack (local images)', () => {
  const exported = (name: (typeof STACK_NAMES)[number]) => {
    const e = exportCompose(addSeedStacks(new App(), { imageProfile: 'local' }, [name])[0]);
    return { ...e, compose: readYaml(e.yaml) };
  };
  const healthy = (...names: string[]) => Object.fromEntries(names.map((n) => [n, { condition: 'service_healthy' }]));

  test('vibecoding: the proxy publishes on all addresses, the scheduler gets its scripts executable and its crontab not, the password is a variable', () => {
    const { compose, variables, warnings } = exported('vibecoding');

    expect(Object.keys(compose.services)).toEqual(['postgres', 'redis', 'api', 'worker', 'scheduler', 'nginx']);
    expect(compose.services.api.depends_on).toEqual(healthy('postgres', 'redis'));
    expect(compose.services.nginx).toMatchObject({ depends_on: healthy('api'), ports: [{ target: 8080, published: '80', host_ip: '0.0.0.0', protocol: 'tcp' }], configs: [{ target: '/etc/nginx/nginx.conf', mode: 0o644 }] });
    expect(compose.services.scheduler.configs?.map((c) => [c.target, c.mode])).toEqual([
      ['/etc/cds-cron/entrypoint.sh', 0o744],
      ['/etc/cds-cron/crontab', 0o644],
      ['/etc/cds-cron/health.sh', 0o644],
      ['/etc/cds-cron/jobs/auto-scrape.sh', 0o744],
      ['/etc/cds-cron/jobs/backup-postgres.sh', 0o744],
    ]);
    expect(compose.networks?.['vibecoding-backend']).toEqual({ name: 'vibecoding-backend', driver: 'bridge', internal: true });
    expect(Object.keys(compose.volumes ?? {})).toEqual(['vibecoding-postgres-data', 'vibecoding-redis-data', 'vibecoding-scheduler-backups']);
    expect(variables.map((v) => v.name)).toEqual(['TF_VAR_vibecoding_postgres_password']);
    expect(warnings).toEqual([]);
  });

  test('vibecoding-dev: only Postgres and Redis, published on 127.0.0.1', () => {
    const { compose, warnings } = exported('vibecoding-dev');

    expect(Object.keys(compose.services)).toEqual(['postgres', 'redis']);
    expect(compose.services.postgres.ports).toEqual([{ target: 5432, published: '5432', host_ip: '127.0.0.1', protocol: 'tcp' }]);
    expect(compose.services.redis.ports).toEqual([{ target: 6379, published: '6379', host_ip: '127.0.0.1', protocol: 'tcp' }]);
    expect(compose).not.toHaveProperty('configs');
    expect(warnings).toEqual([]);
  });

  test('mnemolite: api and worker wait for a healthy db and chroma, the init scripts are a read-only bind mount, shm_size and the API key variable', () => {
    const { compose, variables, warnings } = exported('mnemolite');

    expect(compose.services.api.depends_on).toEqual(healthy('postgres', 'chromadb'));
    expect(compose.services.worker.depends_on).toEqual(healthy('postgres', 'chromadb'));
    expect(compose.services.postgres).toMatchObject({ shm_size: '512m', stop_signal: 'SIGINT', stop_grace_period: '1m0s' });
    expect(compose.services.postgres.volumes).toContainEqual({ type: 'bind', source: path.resolve(__dirname, '..', '..', 'stacks', 'assets', 'mnemolite', 'db-init'), target: '/docker-entrypoint-initdb.d', read_only: true });
    expect(compose.services.api.ports).toEqual([{ target: 8000, published: '8380', host_ip: '127.0.0.1', protocol: 'tcp' }]);
    expect(compose.networks?.['mnemolite-backend']).toMatchObject({ internal: true });
    expect(variables.map((v) => v.name)).toEqual(['TF_VAR_mnemolite_postgres_password', 'TF_VAR_mnemolite_api_key']);
    expect(warnings).toEqual([]);
  });

  test('my-ia: the app waits for three healthy services on the internal network; its start-first update is the one warning', () => {
    const { compose, variables, warnings } = exported('my-ia');

    expect(compose.services.app.depends_on).toEqual(healthy('postgres', 'ollama', 'chroma'));
    expect(compose.services.app.environment?.DATABASE_URL).toBe('postgresql://myia:${TF_VAR_my_ia_postgres_password:?set TF_VAR_my_ia_postgres_password (see the header of this file)}@postgres:5432/myia');
    expect(compose.services.frontend.configs).toEqual([{ source: 'frontend-etc-nginx-nginx.conf', target: '/etc/nginx/nginx.conf', mode: 0o644 }]);
    expect(compose.networks).toEqual({ 'my-ia-internal': { name: 'my-ia-internal', driver: 'bridge', internal: true }, 'my-ia-external': { name: 'my-ia-external', driver: 'bridge' } });
    expect(variables.map((v) => v.name)).toEqual(['TF_VAR_my_ia_postgres_password', 'TF_VAR_my_ia_api_key']);
    expect(warnings.map((w) => `${w.path} ${w.key}`)).toEqual(['my-ia/app updateOrder']);
  });

  test('nexten: the matching workers start only once matching-api is healthy; no secret', () => {
    const { compose, variables, warnings } = exported('nexten');

    for (const worker of ['matching-worker-high', 'matching-worker-standard', 'matching-worker-bulk']) expect(compose.services[worker].depends_on).toEqual(healthy('matching-api', 'redis'));
    expect(compose.services['cv-parser-worker'].depends_on).toEqual(healthy('cv-parser', 'redis'));
    expect(variables).toEqual([]);
    expect(warnings).toEqual([]);
  });

  test('arkalia: one api, probed with the python3 it has', () => {
    const { compose, variables, warnings } = exported('arkalia');

    expect(Object.keys(compose.services)).toEqual(['api']);
    expect(compose.services.api.healthcheck).toMatchObject({ test: ['CMD', 'python3', '-c', "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/health', timeout=5)"], start_interval: '1s' });
    expect(compose.services.api.ports).toEqual([{ target: 8000, published: '8100', host_ip: '127.0.0.1', protocol: 'tcp' }]);
    expect({ variables, warnings }).toEqual({ variables: [], warnings: [] });
  });
});

/** A parsed document (compose file, Terraform JSON), read field by field and compared whole. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

/** The settings of compose service `key` in the Terraform JSON's terms. */
function parity(compose: ComposeFile, key: string, json: SynthesizedStack): Record<string, unknown> {
  const s = compose.services[key] as Json;
  const env = s.environment as Record<string, string> | undefined;
  const volumes = (s.volumes ?? []) as { type: string; source: string; target: string; read_only: boolean }[];
  const networkIds = Object.fromEntries(Object.entries(json.resource.docker_network ?? {}).map(([id, n]) => [(n as { name: string }).name, `\${docker_network.${id}.id}`]));
  return {
    image: s.image,
    command: s.command?.map(unescape),
    entrypoint: s.entrypoint?.map(unescape),
    user: s.user,
    working_dir: s.working_dir,
    init: s.init ?? false,
    plainEnv: Object.entries(env ?? {})
      .filter(([, v]) => !v.includes('${'))
      .map(([k, v]) => `${k}=${unescape(v)}`)
      .sort(),
    envKeys: Object.keys(env ?? {}).sort(),
    healthcheck: s.healthcheck ? { ...s.healthcheck, test: (s.healthcheck.test as string[]).map(unescape) } : undefined,
    cpus: s.deploy.resources.limits.cpus,
    memory: s.deploy.resources.limits.memory,
    memswap: s.memswap_limit,
    reservation: s.deploy.resources.reservations?.memory,
    shm: s.shm_size,
    restart: s.restart,
    capabilities: { add: s.cap_add ?? [], drop: s.cap_drop },
    security_opts: s.security_opt,
    read_only: s.read_only,
    tmpfs: s.tmpfs ? Object.fromEntries((s.tmpfs as string[]).map((t) => [t.slice(0, t.indexOf(':')), t.slice(t.indexOf(':') + 1)])) : undefined,
    labels: Object.entries(s.labels as Record<string, string>)
      .map(([label, value]) => ({ label, value: unescape(value) }))
      .sort((a, b) => a.label.localeCompare(b.label)),
    logging: { driver: s.logging.driver, options: s.logging.options },
    stop_signal: s.stop_signal,
    stop_grace_period: s.stop_grace_period,
    ports: (s.ports ?? []).map((p: Record<string, unknown>) => ({ internal: p.target, external: Number(p.published), ip: p.host_ip, protocol: p.protocol })),
    networks: Object.entries((s.networks ?? {}) as Record<string, { aliases: string[] }>)
      .map(([name, n]) => ({ name: networkIds[name], aliases: n.aliases }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    mounts: volumes.map((v) => ({ type: v.type, source: v.source, target: v.target, read_only: v.read_only })),
    uploads: (s.configs ?? []).map((c: { source: string; target: string; mode: number }) => ({ file: c.target, content: unescape((compose.configs ?? {})[c.source].content), executable: c.mode === 0o744 })),
    depends_on: Object.keys(s.depends_on ?? {}).sort(),
  };
}

/** The service a synthesized container belongs to, by the library's label. */
function serviceOf(c: Record<string, unknown>): string {
  return (c.labels as { label: string; value: string }[]).find((l) => l.label === SERVICE_LABELS.service)?.value as string;
}

/** The same settings, read from the synthesized container. */
function expected(c: Json, json: SynthesizedStack): Record<string, unknown> {
  const imageKey = /^\$\{docker_image\.(.+)\.image_id\}$/.exec(c.image as string)?.[1] as string;
  const env = (c.env ?? []) as string[];
  const sizeText = (mebibytes: number | undefined) => (mebibytes === undefined ? undefined : Size.mebibytes(mebibytes).toDockerString());
  const byAddress = Object.fromEntries(Object.entries(json.resource.docker_container).map(([id, other]) => [`docker_container.${id}`, serviceOf(other)]));
  return {
    image: (json.resource.docker_image[imageKey] as { name: string }).name,
    command: c.command,
    entrypoint: c.entrypoint,
    user: c.user,
    working_dir: c.working_dir,
    init: c.init ?? false,
    plainEnv: env.filter((e) => !e.includes('${')).sort(),
    envKeys: env.map((e) => e.slice(0, e.indexOf('='))).sort(),
    healthcheck: c.healthcheck,
    cpus: c.cpus,
    memory: sizeText(c.memory),
    memswap: sizeText(c.memory_swap),
    reservation: sizeText(c.memory_reservation),
    shm: sizeText(c.shm_size),
    restart: c.restart === 'on-failure' ? `on-failure:${c.max_retry_count}` : c.restart,
    capabilities: c.capabilities,
    security_opts: c.security_opts,
    read_only: c.read_only,
    tmpfs: c.tmpfs,
    labels: c.labels,
    logging: { driver: c.log_driver, options: c.log_opts },
    stop_signal: c.stop_signal,
    stop_grace_period: Duration.seconds(c.stop_timeout as number).toGoString(),
    ports: c.ports ?? [],
    networks: ((c.networks_advanced ?? []) as { name: string; aliases: string[] }[]).map((n) => ({ name: n.name, aliases: n.aliases })).sort((a, b) => a.name.localeCompare(b.name)),
    mounts: ((c.mounts ?? []) as { type: string; source: string; target: string; read_only: boolean }[]).map((m) => ({ type: m.type, source: m.source, target: m.target, read_only: m.read_only })),
    uploads: ((c.upload ?? []) as { file: string; content: string; executable: boolean }[]).map((u) => ({ file: u.file, content: u.content, executable: u.executable })),
    depends_on: [...new Set(((c.depends_on ?? []) as string[]).map((d) => byAddress[d]))].sort(),
  };
}

describe('toCompose, key by key', () => {
  const HEADER = [
    '# Compose file of stack shop, written by cdktf-docker-stacks (toCompose); edit the stack, not this file.',
    '# Start: docker compose up -d --wait. Named volumes hold the data: `docker compose down -v` deletes them, `cdktf destroy` never does.',
  ];
  const TERRAFORM_VALUE = {
    ruleId: 'props',
    path: 'shop/api',
    message: 'a value known only when Terraform applies the stack (a resource attribute) cannot be written into a compose file',
    fix: 'give the value as text in the stack, or set it in the exported file by hand',
  };

  test('writes a service without optional settings with only the keys it needs, and a file without networks, volumes or configs', () => {
    const stack = newStack('shop');
    new Service(stack, 'api', { image, healthCheck: health });

    const { yaml, document } = exportCompose(stack);

    expect(Object.keys(document)).toEqual(['name', 'services']);
    expect(Object.keys(readYaml(yaml).services.api)).toEqual([
      'image',
      'container_name',
      'healthcheck',
      'restart',
      'network_mode',
      'read_only',
      'cap_drop',
      'security_opt',
      'ipc',
      'memswap_limit',
      'deploy',
      'logging',
      'stop_grace_period',
      'labels',
    ]);
    // The header is the two lines a file without variables and warnings has, then the document.
    expect(yaml.split('\n').slice(0, 4)).toEqual([...HEADER, '', 'name: shop']);
  });

  test('lists the variables and the warnings in the header, each under its heading', () => {
    const stack = newStack('shop');
    new Service(stack, 'api', { image, healthCheck: health, updateOrder: UpdateOrder.START_FIRST, secrets: { API_KEY: Secret.fromVariable('shop_api_key') } });

    const lines = toCompose(stack).split('\n');

    expect(lines.slice(0, 6)).toEqual([
      ...HEADER,
      '# Set before `docker compose up` (no secret is written here):',
      '#   TF_VAR_shop_api_key: secret shop_api_key, the variable cdktf deploy reads',
      '# Not as the stack deploys it:',
      '#   shop/api updateOrder: UpdateOrder.START_FIRST: compose replaces a container by stopping the old one first, so a changed service is down while the new one starts',
    ]);
  });

  test('describes each kind of secret variable exactly, with the URL note only where a derived value holds it', () => {
    const stack = newStack('shop');
    const generated = new GeneratedSecret(stack, 'session-key');
    new Service(stack, 'api', { image, healthCheck: health, secrets: { TOKEN: Secret.fromLiteral('a-literal-secret-value'), SESSION: generated.secret, API_KEY: Secret.fromVariable('shop_api_key') } });

    expect(exportCompose(stack).variables).toEqual([
      { name: 'TF_VAR_shop_api_key', description: 'secret shop_api_key, the variable cdktf deploy reads' },
      { name: 'SHOP_SESSION_KEY', description: "generated by shop/session-key in Terraform's state; give it a random value (e.g. openssl rand -hex 24)" },
      { name: 'SHOP_API_TOKEN', description: 'a literal secret of shop/api (TOKEN), not copied into this file' },
    ]);
  });

  test('writes environment, secrets and labels sorted by name, whatever order the stack gives them in', () => {
    const stack = newStack('shop');
    new Service(stack, 'api', {
      image,
      healthCheck: health,
      environment: { ZETA: '1', ALPHA: '2' },
      secrets: { Z_KEY: Secret.fromVariable('z_key'), A_KEY: Secret.fromVariable('a_key') },
      labels: { zeta: '1', alpha: '2' },
    });

    const api = readYaml(toCompose(stack)).services.api;

    expect(Object.keys(api.environment ?? {})).toEqual(['ALPHA', 'ZETA', 'A_KEY', 'Z_KEY']);
    expect(Object.keys(api.labels as Record<string, string>)).toEqual(['alpha', 'org.cdktf-docker-stacks.health-check', 'org.cdktf-docker-stacks.service', 'org.cdktf-docker-stacks.stack', 'zeta']);
  });

  test('publishes no port of a service on the host network, and writes a build without arguments without args', () => {
    const stack = newStack('shop');
    new Service(stack, 'agent', { image, healthCheck: health, ports: [{ containerPort: Port.tcp(9100) }], hostAccess: { reason: 'collects the metrics of the host', hostNetwork: true } });
    const context = path.resolve(__dirname, '..', '..', 'examples', 'demo-app');
    new Service(stack, 'api', { image: ContainerImage.fromBuild(context, { tag: 'shop-api:dev' }), healthCheck: health });

    const compose = composeOf(stack);

    expect(compose.services.agent).not.toHaveProperty('ports');
    expect(compose.services.api.build).toEqual({ context, dockerfile: 'Dockerfile' });
  });

  test('keeps a long value on one line, as the stack has it', () => {
    const stack = newStack('shop');
    const long = `${'word '.repeat(40)}end`;
    new Service(stack, 'api', { image, healthCheck: health, environment: { LONG: long } });

    expect(toCompose(stack)).toContain(`\n      LONG: ${long}\n`);
  });

  test('names a config after the service and the path, a run of other characters one "-"', () => {
    const stack = newStack('shop');
    new Service(stack, 'api', { image, healthCheck: health, files: [{ path: '/etc/app/my@@file.conf', content: 'x' }] });

    expect(composeOf(stack).services.api.configs).toEqual([{ source: 'api-etc-app-my-file.conf', target: '/etc/app/my@@file.conf', mode: 0o644 }]);
  });

  test('names a literal secret\'s variable with one "_" for a run of other characters', () => {
    const stack = newStack('shop');
    new Service(stack, 'pay--api', { image, healthCheck: health, secrets: { TOKEN: Secret.fromLiteral('a-literal-secret-value-1') } });

    expect(exportCompose(stack).variables.map((v) => v.name)).toEqual(['SHOP_PAY_API_TOKEN']);
  });

  test.each([
    ['entrypoint', (id: string) => ({ entrypoint: ['/entry.sh', id] }), 'entrypoint'],
    ['command', (id: string) => ({ command: ['serve', id] }), 'command'],
    ['working directory', (id: string) => ({ workingDir: `/srv/${id}` }), 'workingDir'],
    ['health check', (id: string) => ({ healthCheck: HealthCheck.command(['check', id]) }), 'healthCheck'],
    ['label', (id: string) => ({ labels: { network: id } }), 'labels.network'],
    ['file', (id: string) => ({ files: [{ path: '/etc/a.conf', content: id }] }), 'files./etc/a.conf'],
    ['build argument', (id: string) => ({ image: ContainerImage.fromBuild(path.resolve(__dirname, '..', '..', 'examples', 'demo-app'), { tag: 'shop-api:dev', buildArgs: { NETWORK: id } }) }), 'build.args.NETWORK'],
  ])('fails on a resource attribute in a %s, naming the field and the value', (_, props, field) => {
    const stack = newStack('shop');
    const network = new StackNetwork(stack, 'net');
    new Service(stack, 'api', { image, healthCheck: health, ...props(network.networkId) });

    expect(errorOf(() => toCompose(stack)).problems).toEqual([{ ...TERRAFORM_VALUE, field, value: expect.stringMatching(/^(\/srv\/)?\$\{docker_network\.net_\w+\.id\}$/) as string }]);
  });

  test('fails on a resource attribute inside a derived secret, naming the secret', () => {
    const stack = newStack('shop');
    const network = new StackNetwork(stack, 'net');
    new Service(stack, 'api', { image, healthCheck: health, secrets: { URL: Secret.derived('url', [Secret.fromVariable('p')], ([p]) => `${p}@${network.networkId}`) } });

    expect(errorOf(() => toCompose(stack)).problems).toEqual([{ ...TERRAFORM_VALUE, field: 'secrets.URL', value: expect.stringMatching(/@\$\{docker_network\.net_\w+\.id\}$/) as string }]);
  });

  test('fails on a value that resolves to no text, naming the value as the stack holds it', () => {
    const stack = newStack('shop');
    new Service(stack, 'api', { image, healthCheck: health, environment: { LIST: Token.asString(Lazy.anyValue({ produce: () => ['a'] })) } });

    expect(errorOf(() => toCompose(stack)).problems).toEqual([{ ...TERRAFORM_VALUE, field: 'environment.LIST', value: expect.stringMatching(/^\$\{TfToken\[TOKEN\.\d+\]\}$/) as string }]);
  });

  test('fails on two services of one name, naming both', () => {
    const stack = newStack('shop');
    new Service(new Construct(stack, 'a'), 'api', { image, healthCheck: health, containerName: 'shop-a-api' });
    new Service(new Construct(stack, 'b'), 'api', { image, healthCheck: health, containerName: 'shop-b-api' });

    expect(errorOf(() => toCompose(stack)).problems).toEqual([
      { ruleId: 'props', path: 'shop/b/api', field: '(construct id)', value: 'api', message: 'a compose file has one service per name, and shop/a/api has this name too', fix: 'give one of the two services another construct id' },
    ]);
  });

  test('fails with every validation message, each but the stack\'s own prefixed with its construct path', () => {
    const stack = newStack('shop');
    const api = new Service(stack, 'api', { image, healthCheck: health });
    stack.node.addValidation({ validate: () => ['the stack says no'] });
    api.node.addValidation({ validate: () => ['the api says no'] });

    let error: unknown;
    try {
      toCompose(stack);
    } catch (e) {
      error = e;
    }
    expect((error as StackValidationError).messages).toEqual(['the stack says no', 'shop/api: the api says no']);
  });

  test('fails on an argument that is not a DockerStack with the fix', () => {
    expect(errorOf(() => toCompose({} as DockerStack)).problems[0].fix).toBe('pass the DockerStack to export, e.g. toCompose(app.node.findChild("shop") as DockerStack)');
  });
});

describe('writeComposeExports', () => {
  const withOutdir = (run: (outdir: string) => void): void => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cds-compose-exports-'));
    try {
      run(outdir);
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  };
  const stacks = (...ids: string[]): DockerStack[] => {
    const app = Testing.app();
    return ids.map((id) => {
      const stack = new DockerStack(app, id);
      new Service(stack, 'api', { image, healthCheck: health });
      return stack;
    });
  };
  const written = (outdir: string): string[] => fs.readdirSync(outdir).filter((name) => fs.existsSync(path.join(outdir, name, COMPOSE_EXPORT_FILE))).sort();
  const prepare = (outdir: string, list: readonly DockerStack[]): void => list.forEach((s) => fs.mkdirSync(path.join(outdir, s.node.id)));

  test.each([
    [' shop , blog ', ['blog', 'shop']],
    ['*', ['blog', 'news', 'shop']],
    ['news', ['news']],
  ])('exports the stacks %j names, and no other', (selection, expected) => {
    withOutdir((outdir) => {
      const list = stacks('shop', 'blog', 'news');
      prepare(outdir, list);

      writeComposeExports(list, selection, (s) => s.node.id, outdir);

      expect(written(outdir)).toEqual(expected);
    });
  });

  test('writes why a stack cannot be exported into its file, and the other stacks\' exports still', () => {
    withOutdir((outdir) => {
      const [shop, blog] = stacks('shop', 'blog');
      new Service(shop, 'worker', { image, healthCheck: health, environment: { NETWORK_ID: new StackNetwork(shop, 'net').networkId } });
      prepare(outdir, [shop, blog]);

      writeComposeExports([shop, blog], '*', (s) => s.node.id, outdir);

      const file = JSON.parse(fs.readFileSync(path.join(outdir, 'shop', COMPOSE_EXPORT_FILE), 'utf8')) as ComposeExportFile;
      expect(file).toEqual({ version: COMPOSE_EXPORT_FILE_VERSION, stack: 'shop', error: expect.stringContaining('shop/worker: environment.NETWORK_ID') as string });
      expect(written(outdir)).toEqual(['blog', 'shop']);
    });
  });

  test('lets any other error through, writing nothing for that stack', () => {
    withOutdir((outdir) => {
      const [shop] = stacks('shop');
      prepare(outdir, [shop]);
      shop.node.findAll = () => {
        throw new TypeError('an unexpected failure');
      };

      expect(() => writeComposeExports([shop], '*', (s) => s.node.id, outdir)).toThrow(TypeError);
      expect(written(outdir)).toEqual([]);
    });
  });
});
