import {
  Capability,
  ContainerImage,
  Cpu,
  Duration,
  HealthCheck,
  LogRotation,
  NamedVolume,
  Port,
  Postgres,
  RestartPolicy,
  Secret,
  Service,
  Size,
  StackNetworks,
  SwarmPlacement,
  UpdateOrder,
} from '../../../constructs';
import { synth, SynthesizedStack } from '../../support/synth';
import { resourceNamed, resourcesOf, swarmStack } from '../../support/swarm';

const image = ContainerImage.fromRegistry(`registry.test:5000/app@sha256:${'a'.repeat(64)}`);
const healthCheck = HealthCheck.command(['true'], { interval: Duration.seconds(5), timeout: Duration.seconds(2), retries: 3, startPeriod: Duration.seconds(10) });

type Json = Record<string, unknown>;
const spec = (service: Json) => (service.task_spec as Json).container_spec as Json;

describe('Service on a Swarm target', () => {
  test('given a service, then it is one docker_service with the whole container spec', () => {
    const stack = swarmStack();
    new Service(stack, 'api', {
      image,
      healthCheck,
      command: ['serve', '--port', '8000'],
      entrypoint: ['/bin/app'],
      environment: { MODE: 'prod' },
      user: '1000:1000',
      readOnlyRootFilesystem: true,
      tmpfs: { '/tmp': Size.mebibytes(16) },
      capabilities: [],
      labels: { 'com.example.team': 'web' },
      workingDir: '/srv',
    });
    const service = resourceNamed(synth(stack), 'docker_service', 'test-api');

    expect(spec(service)).toMatchObject({
      image: image.reference,
      command: ['/bin/app'],
      args: ['serve', '--port', '8000'],
      env: { MODE: 'prod' },
      user: '1000:1000',
      dir: '/srv',
      read_only: true,
      cap_drop: ['ALL'],
      mounts: [{ type: 'tmpfs', target: '/tmp', read_only: false, tmpfs_options: { size_bytes: 16 * 1024 * 1024 } }],
      stop_grace_period: '10s',
    });
    expect(spec(service).labels).toContainEqual({ label: 'com.example.team', value: 'web' });
    expect(service.labels).toContainEqual({ label: 'org.cdktf-docker-stacks.service', value: 'api' });
  });

  test('given a health check, then every field of it is written (a partial check would keep the image\'s own fields)', () => {
    const stack = swarmStack();
    new Service(stack, 'api', { image, healthCheck });

    expect(spec(resourceNamed(synth(stack), 'docker_service', 'test-api')).healthcheck).toEqual({ test: ['CMD', 'true'], interval: '5s', timeout: '2s', retries: 3, start_period: '10s' });
  });

  test('given HealthCheck.none(), then the image\'s check is switched off explicitly', () => {
    const stack = swarmStack();
    new Service(stack, 'job', { image, healthCheck: HealthCheck.none() });

    expect(spec(resourceNamed(synth(stack), 'docker_service', 'test-job')).healthcheck).toEqual({ test: ['NONE'] });
  });

  test('given limits and reservations, then both are written, CPU reservation included', () => {
    const stack = swarmStack();
    new Service(stack, 'api', { image, healthCheck, cpuLimit: Cpu.cores(2), cpuReservation: Cpu.cores(0.5), memoryLimit: Size.mebibytes(256), memoryReservation: Size.mebibytes(128) });

    expect((resourceNamed(synth(stack), 'docker_service', 'test-api').task_spec as Json).resources).toEqual({
      limits: { nano_cpus: 2_000_000_000, memory_bytes: 256 * 1024 * 1024 },
      reservation: { nano_cpus: 500_000_000, memory_bytes: 128 * 1024 * 1024 },
    });
  });

  test.each<[string, RestartPolicy, Json]>([
    ['onFailure(3)', RestartPolicy.onFailure(3), { condition: 'on-failure', max_attempts: 3 }],
    ['never()', RestartPolicy.never(), { condition: 'none', max_attempts: 0 }],
    ['unlessStopped() (the explicit unbounded opt-in)', RestartPolicy.unlessStopped(), { condition: 'any', max_attempts: 0 }],
  ])('given the restart policy %s, then it maps with delay and window set explicitly', (_name, restartPolicy, expected) => {
    const stack = swarmStack();
    new Service(stack, 'api', { image, healthCheck, restartPolicy });

    expect((resourceNamed(synth(stack), 'docker_service', 'test-api').task_spec as Json).restart_policy).toEqual({ ...expected, delay: '5s', window: '2m' });
  });

  test('given no restart policy, then it is bounded (on-failure, 5 attempts)', () => {
    const stack = swarmStack();
    new Service(stack, 'api', { image, healthCheck });

    expect((resourceNamed(synth(stack), 'docker_service', 'test-api').task_spec as Json).restart_policy).toMatchObject({ condition: 'on-failure', max_attempts: 5 });
  });

  test('given the default logging, then json-file with rotation', () => {
    const stack = swarmStack();
    new Service(stack, 'api', { image, healthCheck, logging: LogRotation.jsonFile({ maxSize: Size.mebibytes(5), maxFiles: 2 }) });

    expect((resourceNamed(synth(stack), 'docker_service', 'test-api').task_spec as Json).log_driver).toEqual({ name: 'json-file', options: { 'max-size': '5m', 'max-file': '2' } });
  });

  test('given replicas and placement, then the mode and placement block say so, with the target\'s node label', () => {
    const stack = swarmStack();
    new Service(stack, 'api', { image, healthCheck, replicas: 3, placement: { maxReplicasPerNode: 1, spreadOver: 'zone', node: 'web' } });
    const service = resourceNamed(synth(stack), 'docker_service', 'test-api');

    expect(service.mode).toEqual({ replicated: { replicas: 3 } });
    expect((service.task_spec as Json).placement).toEqual({ constraints: ['node.labels.cds.node==web'], prefs: ['spread=node.labels.zone'], max_replicas: 1 });
  });

  test('given placement.global, then the service runs in global mode', () => {
    const stack = swarmStack();
    new Service(stack, 'edge', { image, healthCheck, placement: { global: true } });

    const service = resourceNamed(synth(stack), 'docker_service', 'test-edge');

    expect(service.mode).toEqual({ global: true });
    // The provider refuses converge_config with mode.global (terraform validate: "conflicts with").
    expect(service.converge_config).toBeUndefined();
  });

  test('given networks, then they are joined by id (a name forces a replacement on every plan) with the service name as alias', () => {
    const stack = swarmStack();
    const nets = new StackNetworks(stack, 'nets');
    const api = new Service(stack, 'api', { image, healthCheck, networks: [{ network: nets.backend, aliases: ['app'] }] });
    api.connect(nets.frontend);
    const service = resourceNamed(synth(stack), 'docker_service', 'test-api');

    expect((service.task_spec as Json).networks_advanced).toEqual([
      { id: expect.stringMatching(/^\$\{docker_network\.nets_backend_[A-Z0-9]+\.id\}$/), aliases: ['api', 'app'] },
      { id: expect.stringMatching(/^\$\{docker_network\.nets_frontend_[A-Z0-9]+\.id\}$/), aliases: ['api'] },
    ]);
  });

  test('given a public port, then it is in the endpoint spec with the target\'s modes', () => {
    const stack = swarmStack('test', true);
    new Service(stack, 'api', { image, healthCheck, public: true, ports: [{ containerPort: Port.tcp(8000), hostPort: Port.tcp(80) }] });
    const service = resourceNamed(synth(stack), 'docker_service', 'test-api');

    expect(service.endpoint_spec).toEqual({ mode: 'dnsrr', ports: [{ target_port: 8000, published_port: 80, protocol: 'tcp', publish_mode: 'host' }] });
  });

  test('given a secret, then it is a docker_secret file with <KEY>_FILE, and its value is in no environment', () => {
    const stack = swarmStack();
    new Service(stack, 'api', { image, healthCheck, secrets: { API_KEY: Secret.fromVariable('api_key') } });
    const json = synth(stack);
    const service = resourceNamed(json, 'docker_service', 'test-api');

    expect(spec(service).env).toEqual({ API_KEY_FILE: '/run/secrets/API_KEY' });
    expect(JSON.stringify(spec(service).env)).not.toContain('var.api_key');
    expect(spec(service).secrets).toEqual([
      expect.objectContaining({ file_name: '/run/secrets/API_KEY', file_mode: 0o444, secret_id: expect.stringMatching(/^\$\{docker_secret\..+\.id\}$/) }),
    ]);
    expect(resourcesOf(json, 'docker_secret')).toEqual([
      { name: 'test-api-api-key-${substr(sha256(var.api_key), 0, 12)}', data: '${base64encode(var.api_key)}', lifecycle: { create_before_destroy: true } },
    ]);
  });

  test('given a Postgres, then its password reaches it as POSTGRES_PASSWORD_FILE, and it updates stop-first', () => {
    const stack = swarmStack();
    new Postgres(stack, 'db', { password: Secret.fromVariable('db_password'), placement: { node: 'db' } });
    const service = resourceNamed(synth(stack), 'docker_service', 'test-db');

    expect(spec(service).env).toMatchObject({ POSTGRES_PASSWORD_FILE: '/run/secrets/POSTGRES_PASSWORD' });
    expect(spec(service).env).not.toHaveProperty('POSTGRES_PASSWORD');
    expect(service.update_config).toMatchObject({ order: 'stop-first', failure_action: 'rollback' });
  });

  test('given a file, then it is a content-hashed docker_config mounted at its path', () => {
    const stack = swarmStack();
    new Service(stack, 'api', { image, healthCheck, files: [{ path: '/etc/app.conf', content: 'x=1' }, { path: '/run.sh', content: '#!/bin/sh', executable: true }] });
    const json = synth(stack);
    const configs = resourcesOf(json, 'docker_config');

    expect(configs.map((c) => [c.name, Buffer.from(String(c.data), 'base64').toString()])).toEqual([
      [expect.stringMatching(/^test-api-file1-[0-9a-f]{12}$/), 'x=1'],
      [expect.stringMatching(/^test-api-file2-[0-9a-f]{12}$/), '#!/bin/sh'],
    ]);
    expect(configs.every((c) => (c.lifecycle as Json).create_before_destroy === true)).toBe(true);
    expect(spec(resourceNamed(json, 'docker_service', 'test-api')).configs).toEqual([
      expect.objectContaining({ file_name: '/etc/app.conf', file_mode: 0o444 }),
      expect.objectContaining({ file_name: '/run.sh', file_mode: 0o555 }),
    ]);
  });

  test('given a changed file, then the config name changes (so the service rolls over to a new config)', () => {
    const names = ['x=1', 'x=2'].map((content) => {
      const stack = swarmStack();
      new Service(stack, 'api', { image, healthCheck, files: [{ path: '/etc/app.conf', content }] });
      return resourcesOf(synth(stack), 'docker_config')[0].name;
    });

    expect(names[0]).not.toBe(names[1]);
  });

  test('given a dependency, then the docker_service depends on the other docker_service (which converges first)', () => {
    const stack = swarmStack();
    const db = new Service(stack, 'db', { image, healthCheck });
    new Service(stack, 'api', { image, healthCheck, dependsOn: [db] });
    const json = synth(stack);

    expect(resourceNamed(json, 'docker_service', 'test-api').depends_on).toEqual([expect.stringMatching(/^docker_service\.db_[A-Z0-9]+$/)]);
    expect(db.swarmService).toBeDefined();
  });

  test('given a stateless service, then it updates start-first with rollback, monitor and converge timeout from its health check', () => {
    const stack = swarmStack();
    new Service(stack, 'api', { image, healthCheck, replicas: 2 });
    const service = resourceNamed(synth(stack), 'docker_service', 'test-api');

    // monitor = (interval + timeout) x retries = 21 s; converge = (worst start 31 s + 21 s) x 2 + 30 s.
    expect(service.update_config).toEqual({ order: 'start-first', failure_action: 'rollback', monitor: '21s', parallelism: 1, delay: '0s', max_failure_ratio: '0' });
    expect(service.rollback_config).toMatchObject({ order: 'start-first', failure_action: 'pause', monitor: '21s' });
    expect(service.converge_config).toEqual({ delay: '2s', timeout: '2m14s' });
    expect(service.lifecycle).toEqual({ ignore_changes: ['task_spec[0].placement[0].platforms'] });
  });

  test('given UpdateOrder.STOP_FIRST, then a stateless service updates stop-first', () => {
    const stack = swarmStack();
    new Service(stack, 'api', { image, healthCheck, updateOrder: UpdateOrder.STOP_FIRST });

    expect(resourceNamed(synth(stack), 'docker_service', 'test-api').update_config).toMatchObject({ order: 'stop-first' });
  });

  test('given a host-mode port, then the service updates stop-first (a new task cannot bind the port the old one holds)', () => {
    const stack = swarmStack('test', true);
    new Service(stack, 'edge', { image, healthCheck, public: true, ports: [{ containerPort: Port.tcp(80) }], placement: { global: true } });

    expect(resourceNamed(synth(stack), 'docker_service', 'test-edge').update_config).toMatchObject({ order: 'stop-first' });
  });
});

describe('Service on a Swarm target: order and defaults of what it writes', () => {
  const resources = (service: Json) => (service.task_spec as Json).resources;

  test('given labels, then the service and container labels are sorted by name (a stable plan whatever order they were given in)', () => {
    const stack = swarmStack();
    new Service(stack, 'api', { image, healthCheck, labels: { 'z.team': 'web', 'a.tier': 'front' } });
    const service = resourceNamed(synth(stack), 'docker_service', 'test-api');

    const names = ['a.tier', 'org.cdktf-docker-stacks.health-check', 'org.cdktf-docker-stacks.service', 'org.cdktf-docker-stacks.stack', 'z.team'];
    expect((service.labels as Json[]).map((l) => l.label)).toEqual(names);
    expect((spec(service).labels as Json[]).map((l) => l.label)).toEqual(names);
  });

  test('given capabilities, then they are added back sorted, after all are dropped', () => {
    const stack = swarmStack();
    new Service(stack, 'api', { image, healthCheck, capabilities: [Capability.SETUID, Capability.CHOWN] });
    const service = resourceNamed(synth(stack), 'docker_service', 'test-api');

    expect(spec(service).cap_add).toEqual(['CAP_CHOWN', 'CAP_SETUID']);
    expect(spec(service).cap_drop).toEqual(['ALL']);
  });

  test('given environment variables and a secret, then the environment is sorted by name, the secret\'s <KEY>_FILE among them', () => {
    const stack = swarmStack();
    new Service(stack, 'api', { image, healthCheck, environment: { ZED: '1', ALPHA: '2' }, secrets: { API_KEY: Secret.fromVariable('api_key') } });
    // Read from toTerraform(), what cdktf writes to cdk.tf.json: Testing.synth sorts every key itself.
    const env = spec(resourceNamed(stack.toTerraform() as SynthesizedStack, 'docker_service', 'test-api')).env as Json;

    expect(Object.entries(env)).toEqual([
      ['ALPHA', '2'],
      ['API_KEY_FILE', '/run/secrets/API_KEY'],
      ['ZED', '1'],
    ]);
  });

  test('given a secret and files, then each is mounted owned by root (uid and gid 0), its id and name from its resource', () => {
    const stack = swarmStack();
    new Service(stack, 'api', { image, healthCheck, secrets: { API_KEY: Secret.fromVariable('api_key') }, files: [{ path: '/etc/app.conf', content: 'x=1' }] });
    const service = resourceNamed(synth(stack), 'docker_service', 'test-api');

    expect(spec(service).secrets).toEqual([
      {
        secret_id: expect.stringMatching(/^\$\{docker_secret\..+\.id\}$/),
        secret_name: expect.stringMatching(/^\$\{docker_secret\..+\.name\}$/),
        file_name: '/run/secrets/API_KEY',
        file_mode: 0o444,
        file_uid: '0',
        file_gid: '0',
      },
    ]);
    expect(spec(service).configs).toEqual([
      {
        config_id: expect.stringMatching(/^\$\{docker_config\..+\.id\}$/),
        config_name: expect.stringMatching(/^\$\{docker_config\..+\.name\}$/),
        file_name: '/etc/app.conf',
        file_mode: 0o444,
        file_uid: '0',
        file_gid: '0',
      },
    ]);
  });

  test('given network aliases out of order, then they are written sorted, the service name among them', () => {
    const stack = swarmStack();
    const nets = new StackNetworks(stack, 'nets');
    new Service(stack, 'api', { image, healthCheck, networks: [{ network: nets.backend, aliases: ['zeta', 'alpha'] }] });
    const service = resourceNamed(synth(stack), 'docker_service', 'test-api');

    expect((service.task_spec as Json).networks_advanced).toEqual([{ id: expect.any(String), aliases: ['alpha', 'api', 'zeta'] }]);
  });

  test('given no reservation, then only limits are written (no empty reservation block)', () => {
    const stack = swarmStack();
    new Service(stack, 'api', { image, healthCheck, cpuLimit: Cpu.cores(2), memoryLimit: Size.mebibytes(256) });

    expect(resources(resourceNamed(synth(stack), 'docker_service', 'test-api'))).toEqual({ limits: { nano_cpus: 2_000_000_000, memory_bytes: 256 * 1024 * 1024 } });
  });

  test('given a CPU reservation only, then the reservation holds the CPU alone', () => {
    const stack = swarmStack();
    new Service(stack, 'api', { image, healthCheck, cpuReservation: Cpu.cores(0.5) });

    expect((resources(resourceNamed(synth(stack), 'docker_service', 'test-api')) as Json).reservation).toEqual({ nano_cpus: 500_000_000 });
  });

  test('given a memory reservation only, then the reservation holds the memory alone', () => {
    const stack = swarmStack();
    new Service(stack, 'api', { image, healthCheck, memoryReservation: Size.mebibytes(128) });

    expect((resources(resourceNamed(synth(stack), 'docker_service', 'test-api')) as Json).reservation).toEqual({ memory_bytes: 128 * 1024 * 1024 });
  });

  test('given volumes, bind mounts and a tmpfs, then the mounts are sorted by target, each with its read_only', () => {
    const stack = swarmStack();
    const data = new NamedVolume(stack, 'data');
    const assets = new NamedVolume(stack, 'assets');
    new Service(stack, 'api', {
      image,
      healthCheck,
      placement: { node: 'web' },
      volumes: [
        { volume: data, target: '/var/data' },
        { volume: assets, target: '/srv/assets', readOnly: true },
      ],
      bindMounts: [
        { source: '/opt/app/conf', target: '/etc/app' },
        { source: '/opt/app/cache', target: '/cache', readOnly: false },
      ],
      tmpfs: { '/tmp': Size.mebibytes(16) },
    });
    const service = resourceNamed(synth(stack), 'docker_service', 'test-api');

    expect(spec(service).mounts).toEqual([
      { type: 'bind', source: '/opt/app/cache', target: '/cache', read_only: false },
      // A bind mount is read-only unless told otherwise.
      { type: 'bind', source: '/opt/app/conf', target: '/etc/app', read_only: true },
      { type: 'volume', source: 'test-assets', target: '/srv/assets', read_only: true },
      { type: 'tmpfs', target: '/tmp', read_only: false, tmpfs_options: { size_bytes: 16 * 1024 * 1024 } },
      { type: 'volume', source: 'test-data', target: '/var/data', read_only: false },
    ]);
  });

  test.each<[string, SwarmPlacement, Json | undefined]>([
    ['global only', { global: true }, undefined],
    ['a node only', { node: 'web' }, { constraints: ['node.labels.cds.node==web'] }],
    ['a spread only', { spreadOver: 'zone' }, { prefs: ['spread=node.labels.zone'] }],
    ['a bound per node only', { maxReplicasPerNode: 2 }, { max_replicas: 2 }],
  ])('given placement with %s, then the placement block holds just that (none for global mode alone)', (_what, placement, expected) => {
    const stack = swarmStack();
    new Service(stack, 'api', { image, healthCheck, placement });

    expect((resourceNamed(synth(stack), 'docker_service', 'test-api').task_spec as Json).placement).toEqual(expected);
  });

  test('given an ingress-mode port, then a stateless service still updates start-first (the routing mesh holds the port, not the task)', () => {
    const stack = swarmStack();
    new Service(stack, 'api', { image, healthCheck, public: true, ports: [{ containerPort: Port.tcp(8000) }] });
    const service = resourceNamed(synth(stack), 'docker_service', 'test-api');

    expect(service.endpoint_spec).toMatchObject({ ports: [expect.objectContaining({ publish_mode: 'ingress' })] });
    expect(service.update_config).toMatchObject({ order: 'start-first' });
    expect(service.rollback_config).toMatchObject({ order: 'start-first' });
  });

  test('given a host-mode target but no port, then a stateless service updates start-first (no port to hold)', () => {
    const stack = swarmStack('test', true);
    new Service(stack, 'api', { image, healthCheck });
    const service = resourceNamed(synth(stack), 'docker_service', 'test-api');

    expect(service.update_config).toMatchObject({ order: 'start-first' });
    expect(service.rollback_config).toMatchObject({ order: 'start-first' });
  });
});
