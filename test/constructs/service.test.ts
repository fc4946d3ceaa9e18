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
  ValidationError,
} from '../../constructs';
import { container, containerAddress, newStack, synth } from '../support/synth';

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
    expect(c.healthcheck).toEqual({ test: ['CMD', 'true'], interval: '1m0s', timeout: '5s', retries: 3, start_period: '40s' });
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

describe('StackNetwork', () => {
  test('fails when given the id cdktf reserves for the Terraform backend', () => {
    expect(() => new StackNetwork(newStack(), 'backend')).toThrow(/test\/backend: \(construct id\) = "backend": cdktf reserves the id "backend"/);
  });
});
