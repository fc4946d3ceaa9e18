import { ContainerImage, Cpu, Duration, HealthCheck, LogRotation, Port, Postgres, RestartPolicy, Secret, Service, Size, StackNetworks, UpdateOrder } from '../../../constructs';
import { synth } from '../../support/synth';
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
