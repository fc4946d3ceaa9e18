import {
  Capability,
  ContainerImage,
  Cpu,
  Duration,
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
  UpdateOrder,
  ValidationError,
} from '../../constructs';
import { Testing } from 'cdktf';
import { DockerStack } from '../../constructs';
import { errorOf } from '../support/validation-error';
import { PROXY_DNS_CACHE_VALIDITY_MILLIS, REPLICAS_MAX, REPLICAS_MIN, START_FIRST_LEAST_FIRST_PROBE_MILLIS } from '../../constructs/limits';
import { container, containerAddress, containers, newStack, synth } from '../support/synth';
import { resourceNamed, swarmStack } from '../support/swarm';

const image = ContainerImage.fromRegistry('example/app:1.2.3');
const health = HealthCheck.httpGet('/health', { port: Port.tcp(8000) });

describe('Service defaults', () => {
  test('given only an image and a health check, renders the hardened defaults', () => {
    const stack = newStack('shop');
    new Service(stack, 'api', { image, healthCheck: health });

    const c = container(synth(stack), 'shop-api');
    expect(c).toMatchObject({
      cpus: '1.0',
      memory: 512,
      memory_swap: 512,
      restart: 'on-failure',
      max_retry_count: 5,
      log_driver: 'json-file',
      log_opts: { 'max-size': '10m', 'max-file': '3' },
      security_opts: ['no-new-privileges:true'],
      capabilities: { drop: ['ALL'], add: [] },
      privileged: false,
      read_only: false,
      must_run: true,
      wait: true,
      stop_timeout: 10,
      destroy_grace_seconds: 10,
    });
    expect(c.image).toMatch(/^\$\{docker_image\..*\.image_id\}$/);
  });

  test('renders health-check durations in Go form and derives wait_timeout from them', () => {
    const stack = newStack();
    new Service(stack, 'api', {
      image,
      healthCheck: HealthCheck.command(['true'], { interval: Duration.minutes(1), timeout: Duration.seconds(5), retries: 3, startPeriod: Duration.seconds(40) }),
    });

    const c = container(synth(stack), 'test-api');
    expect(c.healthcheck).toEqual({ test: ['CMD', 'true'], interval: '1m0s', timeout: '5s', retries: 3, start_period: '40s', start_interval: '1s' });
    // 40s + 3 x (60s + 5s) + 30s margin
    expect(c.wait_timeout).toBe(265);
  });

  test('a service without a health check is not waited for', () => {
    const stack = newStack();
    new Service(stack, 'batch', { image, healthCheck: HealthCheck.none() });

    const c = container(synth(stack), 'test-batch');
    expect(c.wait).toBe(false);
    expect(c.healthcheck).toBeUndefined();
  });

  test('labels carry the health-check hash, so a changed check replaces the container', () => {
    const a = newStack();
    new Service(a, 'api', { image, healthCheck: HealthCheck.command(['true']) });
    const b = newStack();
    new Service(b, 'api', { image, healthCheck: HealthCheck.command(['true'], { retries: 4 }) });

    const label = (json: ReturnType<typeof synth>) =>
      (container(json, 'test-api').labels as { label: string; value: string }[]).find((l) => l.label === 'org.cdktf-docker-stacks.health-check')?.value;
    expect(label(synth(a))).toBeDefined();
    expect(label(synth(a))).not.toBe(label(synth(b)));
  });
});

describe('Service ports, networks and mounts', () => {
  test('publishes on 127.0.0.1 unless the service is public', () => {
    const stack = newStack();
    const nets = new StackNetworks(stack, 'nets');
    new Service(stack, 'private', { image, healthCheck: health, networks: [{ network: nets.frontend }], ports: [{ containerPort: Port.tcp(8000), hostPort: Port.tcp(18000) }] });
    new Service(stack, 'edge', { image, healthCheck: health, public: true, networks: [{ network: nets.frontend }], ports: [{ containerPort: Port.tcp(80) }] });

    const json = synth(stack);
    expect(container(json, 'test-private').ports).toEqual([{ internal: 8000, external: 18000, ip: '127.0.0.1', protocol: 'tcp' }]);
    expect(container(json, 'test-edge').ports).toEqual([{ internal: 80, external: 80, ip: '0.0.0.0', protocol: 'tcp' }]);
  });

  test('joins networks by id with its name as a DNS alias', () => {
    const stack = newStack();
    const backend = new StackNetwork(stack, 'backend-net', { internal: true });
    new Service(stack, 'db', { image, healthCheck: health, networks: [{ network: backend, aliases: ['database'] }] });

    const json = synth(stack);
    expect(container(json, 'test-db').networks_advanced).toEqual([{ name: expect.stringMatching(/^\$\{docker_network\.backend-net_\w+\.id\}$/), aliases: ['database', 'db'] }]);
    expect(Object.values(json.resource.docker_network)[0]).toMatchObject({ name: 'test-backend-net', internal: true, driver: 'bridge' });
  });

  test('mounts named volumes read-write and host paths read-only by default', () => {
    const stack = newStack();
    const data = new NamedVolume(stack, 'data');
    new Service(stack, 'db', { image, healthCheck: health, volumes: [{ volume: data, target: '/data' }], bindMounts: [{ source: '/etc/certs', target: '/certs' }] });

    expect(container(synth(stack), 'test-db').mounts).toEqual([
      { type: 'bind', source: '/etc/certs', target: '/certs', read_only: true },
      { type: 'volume', source: 'test-data', target: '/data', read_only: false },
    ]);
  });

  test('late additions land in the output', () => {
    const stack = newStack();
    const service = new Service(stack, 'api', { image, healthCheck: health });
    service.addEnvironment('LOG_LEVEL', 'info');
    service.addSecret('API_KEY', Secret.fromVariable('shop_api_key'));
    service.addPort({ containerPort: Port.tcp(8000) });

    const json = synth(stack);
    const c = container(json, 'test-api');
    expect(c.env).toEqual(['API_KEY=${var.shop_api_key}', 'LOG_LEVEL=info']);
    expect(c.ports).toEqual([{ internal: 8000, external: 8000, ip: '127.0.0.1', protocol: 'tcp' }]);
    expect(json.variable?.shop_api_key).toMatchObject({ sensitive: true, type: 'string' });
  });

  test('fails at once on a duplicate environment key, port or mount path', () => {
    const stack = newStack();
    const service = new Service(stack, 'api', { image, healthCheck: health, environment: { A: '1' }, ports: [{ containerPort: Port.tcp(8000) }] });
    expect(() => service.addEnvironment('A', '2')).toThrow(/test\/api: addEnvironment\(key\) = "A": this environment variable is already set/);
    expect(() => service.addPort({ containerPort: Port.tcp(8000), hostPort: Port.tcp(9000) })).toThrow(/already published/);
    service.mountHostPath({ source: '/srv', target: '/srv' });
    expect(() => service.mountHostPath({ source: '/other', target: '/srv' })).toThrow(/two mounts at the same path/);
  });

  test('fails when a service on the host network joins a network, in props or later (the engine refuses to connect it)', () => {
    const stack = newStack();
    const net = new StackNetwork(stack, 'net');
    const hostAccess = { reason: 'reads the host network interfaces', hostNetwork: true };
    const problem = {
      ruleId: 'props',
      path: 'test/agent',
      field: 'networks',
      value: 'test-net',
      message: "a service on the host network uses the host's network stack and cannot join a network",
      fix: 'remove the network, or drop hostAccess.hostNetwork',
    };
    expect(errorOf(() => new Service(stack, 'agent', { image, healthCheck: health, hostAccess, networks: [{ network: net }] })).problems).toEqual([problem]);
    const agent = new Service(stack, 'agent2', { image, healthCheck: health, hostAccess });
    expect(errorOf(() => agent.connect(net)).problems).toEqual([{ ...problem, path: 'test/agent2' }]);
  });
});

describe('Service limits, restarts, logging and security', () => {
  test('renders limits in the provider units, swap disabled', () => {
    const stack = newStack();
    new Service(stack, 'db', {
      image,
      healthCheck: health,
      cpuLimit: Cpu.cores(0.5),
      memoryLimit: Size.gibibytes(1),
      memoryReservation: Size.mebibytes(256),
      shmSize: Size.mebibytes(512),
      restartPolicy: RestartPolicy.unlessStopped(),
      logging: LogRotation.jsonFile({ maxSize: Size.mebibytes(20), maxFiles: 5 }),
      capabilities: [Capability.SETUID, Capability.CHOWN],
      stopGracePeriod: Duration.seconds(60),
      readOnlyRootFilesystem: true,
      tmpfs: { '/tmp': Size.mebibytes(64) },
      user: '10001:10001',
    });

    expect(container(synth(stack), 'test-db')).toMatchObject({
      cpus: '0.5',
      memory: 1024,
      memory_swap: 1024,
      memory_reservation: 256,
      shm_size: 512,
      restart: 'unless-stopped',
      log_opts: { 'max-size': '20m', 'max-file': '5' },
      capabilities: { drop: ['ALL'], add: ['CAP_CHOWN', 'CAP_SETUID'] },
      stop_timeout: 60,
      destroy_grace_seconds: 60,
      read_only: true,
      tmpfs: { '/tmp': `size=${64 * 1024 * 1024}` },
      user: '10001:10001',
    });
  });

  test('replicas are identical containers sharing the service alias', () => {
    const stack = newStack();
    const net = new StackNetwork(stack, 'backend-net', { internal: true });
    new Service(stack, 'worker', { image, healthCheck: health, replicas: 3, networks: [{ network: net }] });

    const json = synth(stack);
    for (const name of ['test-worker-1', 'test-worker-2', 'test-worker-3']) {
      expect(container(json, name).networks_advanced).toEqual([expect.objectContaining({ aliases: ['worker'] })]);
    }
  });

  test('a dependent is created after its dependency, which is waited for until healthy', () => {
    const stack = newStack();
    const db = new Service(stack, 'db', { image, healthCheck: HealthCheck.command(['pg_isready']) });
    new Service(stack, 'api', { image, healthCheck: health, dependsOn: [db] });

    const json = synth(stack);
    expect(container(json, 'test-db').wait).toBe(true);
    expect(container(json, 'test-api').depends_on).toEqual([containerAddress(json, 'test-db')]);
  });
});

describe('Service across stacks', () => {
  test('fails when dependsOn names a service of another stack (depends_on cannot cross Terraform states), naming both and the fix', () => {
    const app = Testing.app();
    const db = new Service(new DockerStack(app, 'shop'), 'db', { image, healthCheck: HealthCheck.command(['pg_isready']) });
    const reports = new DockerStack(app, 'reports');

    const error = errorOf(() => new Service(reports, 'api', { image, healthCheck: health, dependsOn: [db] }));
    expect(error.problems).toEqual([
      {
        ruleId: 'props',
        path: 'reports/api',
        field: 'dependsOn',
        value: 'shop/db',
        message: expect.stringContaining('stack shop'),
        fix: expect.stringMatching(/one stack.*addDependency/),
      },
    ]);
    expect(reports.node.tryFindChild('api')).toBeUndefined();
  });

  test('fails when addDependency names a service of another stack', () => {
    const app = Testing.app();
    const db = new Service(new DockerStack(app, 'shop'), 'db', { image, healthCheck: HealthCheck.command(['pg_isready']) });
    const api = new Service(new DockerStack(app, 'reports'), 'api', { image, healthCheck: health });

    expect(errorOf(() => api.addDependency(db)).problems[0]).toMatchObject({ path: 'reports/api', field: 'dependsOn', value: 'shop/db' });
    expect(api.dependsOn).toEqual([]);
    expect(JSON.stringify(JSON.parse(Testing.synth(api.node.scope as DockerStack)))).not.toContain('terraform_remote_state');
  });
});

describe('Service validation', () => {
  test('fails when props are wrong, naming the path, field, value and fix, all at once', () => {
    const stack = newStack();
    let error: unknown;
    try {
      new Service(stack, 'api', {
        image,
        healthCheck: health,
        command: [],
        memoryLimit: Size.kibibytes(1536),
        replicas: 0,
        environment: { 'BAD-KEY': 'x' },
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    const message = (error as ValidationError).message;
    expect((error as ValidationError).problems).toHaveLength(4);
    expect(message).toContain('test/api: environment.BAD-KEY = "x": not a valid variable name');
    expect(message).toContain('test/api: command = []: an empty argument list. Fix: give at least the program');
    expect(message).toContain('test/api: memoryLimit = 1536k: memoryLimit must be a whole number of MiB, at least 6');
    expect(message).toContain('test/api: replicas = 0');
    expect(message).toContain('environment.BAD-KEY');
  });

  test('fails when a value of the wrong kind is given where a value type is expected', () => {
    const stack = newStack();
    const props = { image, healthCheck: health, memoryLimit: 512 } as unknown as ConstructorParameters<typeof Service>[2];
    expect(() => new Service(stack, 'api', props)).toThrow(/memoryLimit = 512: not a Size. Fix: use Size.mebibytes\(n\)/);
  });

  test('fails when replicas would share a host port or a writable volume', () => {
    const stack = newStack();
    const data = new NamedVolume(stack, 'data');
    expect(() => new Service(stack, 'a', { image, healthCheck: health, replicas: 2, ports: [{ containerPort: Port.tcp(80) }] })).toThrow(/2 replicas cannot publish one host port/);
    expect(() => new Service(stack, 'b', { image, healthCheck: health, replicas: 2, volumes: [{ volume: data, target: '/data' }] })).toThrow(/2 replicas would write to one volume/);
  });

  test('fails when an unknown prop is given', () => {
    const stack = newStack();
    const props = { image, healthCheck: health, memory: '1g' } as unknown as ConstructorParameters<typeof Service>[2];
    expect(() => new Service(stack, 'api', props)).toThrow(/Unrecognized key|remove memory/);
  });
});

describe('Service updateOrder', () => {
  const startFirst = (extra: Partial<ConstructorParameters<typeof Service>[2]> = {}) => {
    const stack = newStack('shop');
    const net = new StackNetwork(stack, 'net');
    const service = new Service(stack, 'api', { image, healthCheck: health, networks: [{ network: net }], secrets: { API_KEY: Secret.fromVariable('api_key') }, updateOrder: UpdateOrder.START_FIRST, ...extra });
    return { stack, service, json: synth(stack) };
  };
  const generationOf = (json: ReturnType<typeof synth>) => Object.values(json.resource.random_id ?? {})[0] as { byte_length: number; keepers: Record<string, string> };

  test('given the default, then the container keeps its name and is replaced stop-first', () => {
    const stack = newStack('shop');
    new Service(stack, 'api', { image, healthCheck: health });
    const json = synth(stack);

    expect(container(json, 'shop-api').name).toBe('shop-api');
    expect(container(json, 'shop-api').lifecycle).toBeUndefined();
    expect(json.resource.random_id).toBeUndefined();
  });

  test('given START_FIRST, then the new container is created before the old one is destroyed, under a generation name', () => {
    const { json, service } = startFirst();
    const c = container(json, 'shop-api');

    expect(c.lifecycle).toEqual({ create_before_destroy: true });
    expect(c.name).toMatch(/^shop-api-\$\{random_id\.api_Generation_[A-Z0-9]+\.hex\}$/);
    expect(c).toMatchObject({ wait: true, must_run: true });
    expect(service.containerNames).toEqual(['shop-api']);
    expect(generationOf(json).byte_length).toBe(3);
  });

  test('given START_FIRST, then the generation keepers cover the static configuration and hash every reference in Terraform', () => {
    const { json } = startFirst();
    const keepers = generationOf(json).keepers;

    expect(keepers.configuration).toMatch(/^[0-9a-f]{64}$/);
    expect(Object.entries(keepers).filter(([k]) => k !== 'configuration').map(([, v]) => v).sort()).toEqual([
      '${sha256(tostring(docker_image.image-example-app-1-2-3.image_id))}',
      expect.stringMatching(/^\$\{sha256\(tostring\(docker_network\.net_[A-Z0-9]+\.id\)\)\}$/),
      '${sha256(tostring(var.api_key))}',
    ]);
    // The secret itself never appears in the keepers, only its digest.
    expect(JSON.stringify(keepers)).not.toMatch(/[^(]var\.api_key/);
  });

  test('given a changed command, memory or environment, then the configuration keeper changes; given the same props, it does not', () => {
    const keeper = (extra: Partial<ConstructorParameters<typeof Service>[2]>) => generationOf(startFirst(extra).json).keepers.configuration;
    const base = keeper({});

    expect(keeper({})).toBe(base);
    expect(keeper({ command: ['serve', '--fast'] })).not.toBe(base);
    expect(keeper({ memoryLimit: Size.mebibytes(256) })).not.toBe(base);
    expect(keeper({ environment: { LOG_LEVEL: 'debug' } })).not.toBe(base);
  });

  test('given START_FIRST with replicas, then every replica gets the generation and the lifecycle', () => {
    const { json } = startFirst({ replicas: 2 });

    expect(containers(json).map((c) => [c.name.replace(/\$\{random_id\.[^}]+\}/, '<gen>'), c.lifecycle])).toEqual([
      ['shop-api-1-<gen>', { create_before_destroy: true }],
      ['shop-api-2-<gen>', { create_before_destroy: true }],
    ]);
  });

  test('given START_FIRST with a read-only volume, then it is accepted', () => {
    const stack = newStack();
    const models = new NamedVolume(stack, 'models');
    expect(() => new Service(stack, 'api', { image, healthCheck: health, updateOrder: UpdateOrder.START_FIRST, volumes: [{ volume: models, target: '/models', readOnly: true }] })).not.toThrow();
  });

  test('fails when START_FIRST meets a host port, a writable volume, a fixed name or no health check, all reported together', () => {
    const stack = newStack();
    const data = new NamedVolume(stack, 'data');
    let error: unknown;
    try {
      new Service(stack, 'api', {
        image,
        healthCheck: HealthCheck.none(),
        containerName: 'api',
        ports: [{ containerPort: Port.tcp(8000) }],
        volumes: [{ volume: data, target: '/data' }],
        updateOrder: UpdateOrder.START_FIRST,
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).problems.map((p) => [p.path, p.field])).toEqual([
      ['test/api', 'healthCheck'],
      ['test/api', 'containerName'],
      ['test/api', 'ports'],
      ['test/api', 'volumes'],
    ]);
    expect((error as ValidationError).message).toContain('test/api: ports = 8000/tcp: with UpdateOrder.START_FIRST two containers exist during a deploy, and a host port can be bound by one only. Fix: publish the port from a proxy');
    expect(stack.node.tryFindChild('api')).toBeUndefined();
  });

  test('fails when a port or a writable volume is added later to a START_FIRST service', () => {
    const { service, stack } = startFirst();
    expect(() => service.addPort({ containerPort: Port.tcp(8000) })).toThrow(/shop\/api: ports = 8000\/tcp: with UpdateOrder.START_FIRST/);
    expect(() => service.mountVolume(new NamedVolume(stack, 'data'), '/data')).toThrow(/shop\/api: volumes = "\/data": with UpdateOrder.START_FIRST two containers would write/);
  });

  // The proxy may hold a DNS answer without the new container for PROXY_DNS_CACHE_VALIDITY_MILLIS:
  // the old container must not go (the new one turn healthy) before that answer expires.
  const first = Duration.millis(START_FIRST_LEAST_FIRST_PROBE_MILLIS);
  const justBelow = Duration.millis(START_FIRST_LEAST_FIRST_PROBE_MILLIS - 1);

  test('given START_FIRST and the default start interval, then the first probe waits out the proxy DNS cache, and STOP_FIRST keeps probing every second', () => {
    expect(START_FIRST_LEAST_FIRST_PROBE_MILLIS).toBeGreaterThan(PROXY_DNS_CACHE_VALIDITY_MILLIS);
    const { json, service } = startFirst();
    const generationName = Object.keys(json.resource.docker_container ?? {})[0];
    expect((json.resource.docker_container as Record<string, { healthcheck: unknown }>)[generationName].healthcheck).toMatchObject({ start_period: '10s', start_interval: first.toGoString() });
    expect(service.healthCheck.startInterval).toEqual(first);

    const stack = newStack('shop');
    new Service(stack, 'api', { image, healthCheck: health });
    expect(container(synth(stack), 'shop-api').healthcheck).toMatchObject({ start_interval: '1s' });
  });

  test('given START_FIRST and a start interval at the least first-probe delay, then it is kept', () => {
    const { json } = startFirst({ healthCheck: HealthCheck.httpGet('/health', { port: Port.tcp(8000), startInterval: first }) });
    expect(Object.values(json.resource.docker_container as Record<string, { healthcheck: unknown }>)[0].healthcheck).toMatchObject({ start_interval: first.toGoString() });
  });

  test('fails when START_FIRST is given a start interval one step below the least first-probe delay, naming the field and the fix', () => {
    const error = errorOf(() => startFirst({ healthCheck: HealthCheck.httpGet('/health', { port: Port.tcp(8000), startInterval: justBelow }) }));
    expect(error.problems).toEqual([expect.objectContaining({ path: 'shop/api', field: 'healthCheck.startInterval', value: justBelow, fix: expect.stringContaining(`at least ${first}`) as string })]);
    expect(error.message).toContain('could still send requests to the removed container');
  });

  test.each([
    ['an interval below it (the start interval cannot exceed the interval)', { interval: Duration.seconds(2) }, undefined],
    ['no start period (the first probe comes one interval after the start)', { interval: Duration.seconds(2), startPeriod: Duration.seconds(0) }, undefined],
    ['an engine older than 25 (no start interval)', { interval: Duration.seconds(2) }, '24.0.9'],
  ])('fails when START_FIRST meets %s, naming the interval', (_, timing, engineVersion) => {
    const stack = new DockerStack(Testing.app(), 'shop', engineVersion ? { engineVersion } : {});
    const props = { image, healthCheck: HealthCheck.httpGet('/health', { port: Port.tcp(8000), ...timing }), updateOrder: UpdateOrder.START_FIRST };
    expect(errorOf(() => new Service(stack, 'api', props)).problems).toEqual([expect.objectContaining({ path: 'shop/api', field: 'healthCheck.interval', value: Duration.seconds(2), fix: `use an interval of at least ${first}` })]);
  });

  test.each([
    ['no start period', { interval: first, startPeriod: Duration.seconds(0) }, undefined],
    ['an engine older than 25', { interval: first }, '24.0.9'],
  ])('given START_FIRST with %s and an interval at the least first-probe delay, then it is accepted', (_, timing, engineVersion) => {
    const stack = new DockerStack(Testing.app(), 'shop', engineVersion ? { engineVersion } : {});
    const props = { image, healthCheck: HealthCheck.httpGet('/health', { port: Port.tcp(8000), ...timing }), updateOrder: UpdateOrder.START_FIRST };
    expect(() => new Service(stack, 'api', props)).not.toThrow();
  });

  test('fails when updateOrder is not an UpdateOrder', () => {
    const props = { image, healthCheck: health, updateOrder: 'blue-green' } as unknown as ConstructorParameters<typeof Service>[2];
    expect(() => new Service(newStack(), 'api', props)).toThrow(/test\/api: updateOrder = "blue-green": not an UpdateOrder. Fix: use UpdateOrder.STOP_FIRST or UpdateOrder.START_FIRST/);
  });
});

describe('StackNetwork', () => {
  test('fails when given the id cdktf reserves for the Terraform backend', () => {
    expect(() => new StackNetwork(newStack(), 'backend')).toThrow(/test\/backend: \(construct id\) = "backend": cdktf reserves the id "backend"/);
  });
});

describe('Service replicas limits', () => {
  test.each([REPLICAS_MIN, REPLICAS_MAX])('given %d replicas (a bound), then that many containers are synthesized', (replicas) => {
    const stack = newStack();
    new Service(stack, 'worker', { image, healthCheck: health, replicas });
    expect(containers(synth(stack))).toHaveLength(replicas);
  });

  test.each([
    [REPLICAS_MIN - 1, 'test/worker: replicas = 0'],
    [REPLICAS_MAX + 1, 'test/worker: replicas = 33'],
  ])('fails when replicas is %d, one step outside', (replicas, message) => {
    expect(() => new Service(newStack(), 'worker', { image, healthCheck: health, replicas })).toThrow(message);
  });
});

describe('Service health checks and the engine version', () => {
  const stackFor = (engineVersion?: string) => new DockerStack(Testing.app(), 'test', engineVersion ? { engineVersion } : {});
  const labelOf = (c: Record<string, unknown>, key: string) => (c.labels as { label: string; value: string }[]).find((l) => l.label === key)?.value;

  test('given no engine version (Engine 25 or later), when synthesized, then checks run every second during the start period', () => {
    const stack = stackFor();
    new Service(stack, 'api', { image, healthCheck: health });
    expect(container(synth(stack), 'test-api').healthcheck).toMatchObject({ start_period: '10s', start_interval: '1s' });
  });

  test.each(['25.0', '26.1.5', '27.0.0-rc.1'])('given engine %s, when synthesized, then start_interval is rendered', (engineVersion) => {
    const stack = stackFor(engineVersion);
    new Service(stack, 'api', { image, healthCheck: health });
    expect(container(synth(stack), 'test-api').healthcheck).toMatchObject({ start_interval: '1s' });
  });

  test.each(['20.10', '24.0.9'])('given engine %s (older than 25), when synthesized, then start_interval is left out and the check label says so', (engineVersion) => {
    const older = stackFor(engineVersion);
    new Service(older, 'api', { image, healthCheck: health });
    const current = stackFor();
    new Service(current, 'api', { image, healthCheck: health });

    const c = container(synth(older), 'test-api');
    expect(c.healthcheck).not.toHaveProperty('start_interval');
    expect(labelOf(c, 'org.cdktf-docker-stacks.health-check')).not.toBe(labelOf(container(synth(current), 'test-api'), 'org.cdktf-docker-stacks.health-check'));
  });

  test('fails when a check sets startInterval for an engine older than 25, naming the field and the fix', () => {
    const stack = stackFor('20.10');
    const healthCheck = HealthCheck.command(['true'], { startInterval: Duration.seconds(2) });
    const error = errorOf(() => new Service(stack, 'api', { image, healthCheck }));
    expect(error.problems).toEqual([expect.objectContaining({ path: 'test/api', field: 'healthCheck.startInterval', fix: expect.stringContaining('leave startInterval out') as string })]);
    expect(stack.node.tryFindChild('api')).toBeUndefined();
  });

  test.each(['25', 'v26.1', 'latest', ''])('fails when the engine version is %p, naming the field', (engineVersion) => {
    expect(errorOf(() => new DockerStack(Testing.app(), 'test', { engineVersion })).problems).toEqual([
      {
        ruleId: 'props',
        path: 'test',
        field: 'engineVersion',
        value: engineVersion,
        message: 'not an engine version',
        fix: 'write major.minor as `docker version --format "{{.Server.Version}}"` prints it, e.g. "20.10" or "26.1.5"',
      },
    ]);
  });
});

describe('Service literal text in Terraform', () => {
  // Terraform evaluates ${...} and %{...} in every string: a user's text must arrive as written.
  test('given ${ and %{ in environment, command, entrypoint, health check, labels and files, then each is escaped for Terraform', () => {
    const stack = newStack('shop');
    const service = new Service(stack, 'api', {
      image,
      healthCheck: HealthCheck.command(['sh', '-c', 'test -n "${HOME}"']),
      environment: { GREETING: 'hi ${USER}', TEMPLATE: '%{ if x }' },
      command: ['sh', '-c', 'echo ${PATH}'],
      entrypoint: ['/bin/sh', '-c', '${0}'],
      labels: { note: '${not-a-reference}' },
      files: [{ path: '/etc/app.sh', content: 'echo ${HOME}\n' }],
    });
    const c = container(synth(stack), 'shop-api');

    expect(c.env).toEqual(['GREETING=hi $${USER}', 'TEMPLATE=%%{ if x }']);
    expect(c.command).toEqual(['sh', '-c', 'echo $${PATH}']);
    expect(c.entrypoint).toEqual(['/bin/sh', '-c', '$${0}']);
    expect((c.healthcheck as { test: string[] }).test).toEqual(['CMD', 'sh', '-c', 'test -n "$${HOME}"']);
    expect(c.labels).toContainEqual({ label: 'note', value: '$${not-a-reference}' });
    expect(c.upload).toEqual([{ file: '/etc/app.sh', content: 'echo $${HOME}\n', executable: false }]);
    // What the library reports is the text as written.
    expect(service.environmentVariables.get('GREETING')).toBe('hi ${USER}');
  });

  test('given a secret, then its Terraform reference is not escaped', () => {
    const stack = newStack('shop');
    new Service(stack, 'api', { image, healthCheck: health, secrets: { API_KEY: Secret.fromVariable('api_key') } });
    expect(container(synth(stack), 'shop-api').env).toEqual(['API_KEY=${var.api_key}']);
  });
});

describe('Service replicas and accessors', () => {
  test('given 3 replicas, then the containers have the ids Resource, Replica2 and Replica3, each named after its replica number', () => {
    const stack = newStack();
    const service = new Service(stack, 'worker', { image, healthCheck: health, replicas: 3 });
    const json = synth(stack);

    expect(service.containers.map((c) => c.node.id)).toEqual(['Resource', 'Replica2', 'Replica3']);
    // cdktf leaves the id Resource out of the resource name.
    expect(Object.entries(json.resource.docker_container).map(([key, c]) => [key.replace(/_[0-9A-F]+$/, ''), c.name]).sort()).toEqual([
      ['worker', 'test-worker-1'],
      ['worker_Replica2', 'test-worker-2'],
      ['worker_Replica3', 'test-worker-3'],
    ]);
  });

  test('replicas is the replicas given, else 1', () => {
    const stack = newStack();
    expect(new Service(stack, 'worker', { image, healthCheck: health, replicas: 3 }).replicas).toBe(3);
    expect(new Service(stack, 'api', { image, healthCheck: health }).replicas).toBe(1);
  });

  test('given a single engine, then swarmService is undefined; given a Swarm target, it is the docker_service and there are no containers', () => {
    expect(new Service(newStack(), 'api', { image, healthCheck: health }).swarmService).toBeUndefined();

    const service = new Service(swarmStack(), 'api', { image, healthCheck: health, replicas: 2 });
    expect(service.swarmService?.node.id).toBe('Resource');
    expect(service.containers).toEqual([]);
    expect(service.replicas).toBe(2);
  });

  test('given a Swarm target, late additions land in the docker_service and no container is rendered', () => {
    const stack = swarmStack();
    const db = new Service(stack, 'db', { image, healthCheck: HealthCheck.command(['pg_isready']) });
    const service = new Service(stack, 'api', { image, healthCheck: health });
    service.addEnvironment('LOG_LEVEL', 'info');
    service.addDependency(db);
    const json = synth(stack);

    expect(json.resource.docker_container).toBeUndefined();
    const api = resourceNamed(json, 'docker_service', 'test-api');
    expect((api.task_spec as { container_spec: { env: Record<string, string> } }).container_spec.env).toMatchObject({ LOG_LEVEL: 'info' });
    const dbKey = Object.entries(json.resource.docker_service).find(([, r]) => r.name === 'test-db')?.[0];
    expect(dbKey).toBeDefined();
    expect(api.depends_on).toEqual([`docker_service.${dbKey}`]);
  });

  test('given an id whose derived container name is too long, then it fails; given an explicit containerName as well, then it is accepted', () => {
    const id = 'a'.repeat(59);
    const stack = newStack();
    expect(errorOf(() => new Service(stack, id, { image, healthCheck: health })).problems).toEqual([
      expect.objectContaining({ path: `test/${id}`, field: '(construct id)', value: id, fix: expect.stringContaining('give containerName explicitly') as string }),
    ]);
    const service = new Service(stack, id, { image, healthCheck: health, containerName: 'worker' });
    expect(service.containerNames).toEqual(['worker']);
    expect(container(synth(stack), 'worker').name).toBe('worker');
  });
});

describe('Service problems, each reported whole', () => {
  const problem = (path: string, field: string, value: unknown, message: string, fix: string) => ({ ruleId: 'props', path, field, value, message, fix });

  test('fails when addEnvironment or addSecret is given a key that is not a variable name, naming the method', () => {
    const service = new Service(newStack(), 'api', { image, healthCheck: health });
    expect(errorOf(() => service.addEnvironment('BAD-KEY', 'x')).problems).toEqual([
      problem('test/api', 'addEnvironment(key)', 'BAD-KEY', 'not a valid variable name', 'use letters, digits and "_"'),
    ]);
    expect(errorOf(() => service.addSecret('1KEY', Secret.fromVariable('key'))).problems).toEqual([
      problem('test/api', 'addSecret(key)', '1KEY', 'not a valid variable name', 'use letters, digits and "_"'),
    ]);
    expect(service.environmentVariables.size).toBe(0);
    expect(service.secrets.size).toBe(0);
  });

  test('fails when addEnvironment or addSecret is given a key already set, plain or secret', () => {
    const service = new Service(newStack(), 'api', { image, healthCheck: health, environment: { A: '1' }, secrets: { B: Secret.fromVariable('b') } });
    expect(errorOf(() => service.addEnvironment('B', '2')).problems).toEqual([
      problem('test/api', 'addEnvironment(key)', 'B', 'this environment variable is already set', 'set each variable once'),
    ]);
    expect(errorOf(() => service.addSecret('A', Secret.fromVariable('a'))).problems).toEqual([
      problem('test/api', 'addSecret(key)', 'A', 'this environment variable is already set', 'set each variable once'),
    ]);
  });

  test('fails when replicas would share a host port, naming the count and the fix', () => {
    expect(errorOf(() => new Service(newStack(), 'worker', { image, healthCheck: health, replicas: 3, ports: [{ containerPort: Port.tcp(80) }] })).problems).toEqual([
      problem('test/worker', 'ports', Port.tcp(80), '3 replicas cannot publish one host port', 'publish the port from a proxy in front of the replicas, or use one replica'),
    ]);
  });

  test('fails when a container port is published twice', () => {
    const service = new Service(newStack(), 'api', { image, healthCheck: health, ports: [{ containerPort: Port.tcp(8000) }] });
    expect(errorOf(() => service.addPort({ containerPort: Port.tcp(8000), hostPort: Port.tcp(9000) })).problems).toEqual([
      problem('test/api', 'ports', Port.tcp(8000), 'this container port is already published', 'publish each container port once'),
    ]);
    expect(service.ports).toHaveLength(1);
  });

  test('fails when the host and container ports differ in protocol', () => {
    expect(errorOf(() => new Service(newStack(), 'dns', { image, healthCheck: health, ports: [{ containerPort: Port.udp(53), hostPort: Port.tcp(53) }] })).problems).toEqual([
      problem('test/dns', 'ports', Port.tcp(53), 'host and container port protocols differ', 'use the same protocol on both sides'),
    ]);
  });

  test('fails when a network is joined twice, in props or later', () => {
    const stack = newStack();
    const net = new StackNetwork(stack, 'net');
    const twice = problem('test/api', 'networks', 'test-net', 'the service already joins this network', 'connect each network once');
    expect(errorOf(() => new Service(stack, 'api', { image, healthCheck: health, networks: [{ network: net }, { network: net, aliases: ['x'] }] })).problems).toEqual([twice]);
    const other = new StackNetwork(stack, 'other');
    const service = new Service(stack, 'api2', { image, healthCheck: health, networks: [{ network: net }] });
    service.connect(other);
    expect(errorOf(() => service.connect(net)).problems).toEqual([{ ...twice, path: 'test/api2' }]);
    expect(service.networks.map((a) => a.network)).toEqual([net, other]);
  });

  test('fails when replicas would write to one volume, naming the count and the fix', () => {
    const stack = newStack();
    const data = new NamedVolume(stack, 'data');
    expect(errorOf(() => new Service(stack, 'worker', { image, healthCheck: health, replicas: 2, volumes: [{ volume: data, target: '/data' }] })).problems).toEqual([
      problem('test/worker', 'volumes', '/data', '2 replicas would write to one volume', 'mount it read-only, or use one replica'),
    ]);
    expect(() => new Service(stack, 'reader', { image, healthCheck: health, replicas: 2, volumes: [{ volume: data, target: '/data', readOnly: true }] })).not.toThrow();
  });

  test('fails when addFile is given a relative path or a path already written', () => {
    const service = new Service(newStack(), 'api', { image, healthCheck: health, files: [{ path: '/etc/app.conf', content: 'a' }] });
    expect(errorOf(() => service.addFile({ path: 'etc/other.conf', content: 'b' })).problems).toEqual([
      problem('test/api', 'files.path', 'etc/other.conf', 'not an absolute path', 'start the path with "/"'),
    ]);
    expect(errorOf(() => service.addFile({ path: '/etc/app.conf', content: 'b' })).problems).toEqual([
      problem('test/api', 'files.path', '/etc/app.conf', 'two files at the same path', 'write each path once'),
    ]);
    service.addFile({ path: '/etc/other.conf', content: 'c' });
    expect(service.files.map((f) => f.path)).toEqual(['/etc/app.conf', '/etc/other.conf']);
  });

  test('fails when a service depends on itself', () => {
    const service = new Service(newStack(), 'api', { image, healthCheck: health });
    expect(errorOf(() => service.addDependency(service)).problems).toEqual([
      problem('test/api', 'dependsOn', 'api', 'a service cannot depend on itself', 'remove it from dependsOn'),
    ]);
    expect(service.dependsOn).toEqual([]);
  });

  test('fails when a mount target is not absolute or is mounted twice, for a volume or a host path', () => {
    const stack = newStack();
    const data = new NamedVolume(stack, 'data');
    const service = new Service(stack, 'api', { image, healthCheck: health });
    expect(errorOf(() => service.mountVolume(data, 'data')).problems).toEqual([
      problem('test/api', 'mount target', 'data', 'not an absolute path', 'start the path with "/"'),
    ]);
    expect(errorOf(() => service.mountHostPath({ source: '/srv', target: 'srv' })).problems).toEqual([
      problem('test/api', 'mount target', 'srv', 'not an absolute path', 'start the path with "/"'),
    ]);
    service.mountHostPath({ source: '/srv', target: '/srv' });
    expect(errorOf(() => service.mountVolume(data, '/srv')).problems).toEqual([
      problem('test/api', 'mount target', '/srv', 'two mounts at the same path', 'mount one thing per path'),
    ]);
    expect(service.volumes).toEqual([]);
  });
});

describe('Service updateOrder problems, each reported whole', () => {
  const first = Duration.millis(START_FIRST_LEAST_FIRST_PROBE_MILLIS);
  const justBelow = Duration.millis(START_FIRST_LEAST_FIRST_PROBE_MILLIS - 1);
  const justAbove = Duration.millis(START_FIRST_LEAST_FIRST_PROBE_MILLIS + 1);
  const probeMessage = (delay: Duration) =>
    `with UpdateOrder.START_FIRST the old container is removed once the new one is healthy, and its first probe comes ${delay} after it starts; ` +
    `a proxy caches Docker's DNS answers for ${Duration.millis(PROXY_DNS_CACHE_VALIDITY_MILLIS)} and could still send requests to the removed container`;
  const startFirstService = (timing: { readonly interval?: Duration; readonly startInterval?: Duration }) =>
    new Service(newStack('shop'), 'api', { image, healthCheck: HealthCheck.httpGet('/health', { port: Port.tcp(8000), ...timing }), updateOrder: UpdateOrder.START_FIRST });

  test('fails when START_FIRST meets an interval one step below the least first-probe delay, naming the interval, the delay and the fix', () => {
    expect(errorOf(() => startFirstService({ interval: justBelow })).problems).toEqual([
      { ruleId: 'props', path: 'shop/api', field: 'healthCheck.interval', value: justBelow, message: probeMessage(justBelow), fix: `use an interval of at least ${first}` },
    ]);
  });

  test.each([
    ['at', first],
    ['one step above', justAbove],
  ])('fails when START_FIRST meets an interval %s the least first-probe delay and a start interval below it, naming the start interval', (_, interval) => {
    expect(errorOf(() => startFirstService({ interval, startInterval: justBelow })).problems).toEqual([
      {
        ruleId: 'props',
        path: 'shop/api',
        field: 'healthCheck.startInterval',
        value: justBelow,
        message: probeMessage(justBelow),
        fix: `use a startInterval of at least ${first}, or leave it out (START_FIRST services default to ${first})`,
      },
    ]);
  });

  test('fails when START_FIRST meets a host port, a writable volume, a fixed name or no health check, each problem whole', () => {
    const stack = newStack();
    const data = new NamedVolume(stack, 'data');
    const healthCheck = HealthCheck.none();
    const props = { image, healthCheck, containerName: 'api', ports: [{ containerPort: Port.tcp(8000) }], volumes: [{ volume: data, target: '/data' }], updateOrder: UpdateOrder.START_FIRST };
    const at = (field: string, value: unknown, message: string, fix: string) => ({ ruleId: 'props', path: 'test/api', field, value, message, fix });
    expect(errorOf(() => new Service(stack, 'api', props)).problems).toEqual([
      at('healthCheck', healthCheck, 'UpdateOrder.START_FIRST removes the old container once the new one is healthy, which needs a health check', 'give a health check, or use UpdateOrder.STOP_FIRST'),
      at(
        'containerName',
        'api',
        'UpdateOrder.START_FIRST names each generation of containers apart, so a fixed name cannot be kept',
        'remove containerName (the name is <prefix>-<id>-<generation>), or use UpdateOrder.STOP_FIRST',
      ),
      at(
        'ports',
        Port.tcp(8000),
        'with UpdateOrder.START_FIRST two containers exist during a deploy, and a host port can be bound by one only',
        'publish the port from a proxy (NginxProxy) in front of the service, or use UpdateOrder.STOP_FIRST',
      ),
      at('volumes', '/data', 'with UpdateOrder.START_FIRST two containers would write to this volume during a deploy', 'mount it read-only, or use UpdateOrder.STOP_FIRST for a service that writes data'),
    ]);
  });

  test('fails when a writable volume is added later to a START_FIRST service, naming the fix', () => {
    const stack = newStack();
    const service = new Service(stack, 'api', { image, healthCheck: health, updateOrder: UpdateOrder.START_FIRST });
    expect(errorOf(() => service.mountVolume(new NamedVolume(stack, 'data'), '/data')).problems).toEqual([
      {
        ruleId: 'props',
        path: 'test/api',
        field: 'volumes',
        value: '/data',
        message: 'with UpdateOrder.START_FIRST two containers would write to this volume during a deploy',
        fix: 'mount it read-only, or use UpdateOrder.STOP_FIRST for a service that writes data',
      },
    ]);
  });

  test('fails when a check sets startInterval for an engine older than 25, the problem whole', () => {
    const stack = new DockerStack(Testing.app(), 'test', { engineVersion: '20.10' });
    const healthCheck = HealthCheck.command(['true'], { startInterval: Duration.seconds(2) });
    expect(errorOf(() => new Service(stack, 'api', { image, healthCheck })).problems).toEqual([
      {
        ruleId: 'props',
        path: 'test/api',
        field: 'healthCheck.startInterval',
        value: Duration.seconds(2),
        message: "the stack's engineVersion is older than 25, which drops start_interval: every plan would show it again",
        fix: 'leave startInterval out for this engine (checks then run every interval from the start), or upgrade the engine and its engineVersion',
      },
    ]);
  });
});
