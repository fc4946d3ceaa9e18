import { Testing } from 'cdktf';
import { ContainerImage, HealthCheck, QueueWorker, Redis, RestartPolicy, Service, StackNetwork } from '../../constructs';
import { container, containers, newStack, validationMessages } from '../support/synth';
import {
  expectDependsOn,
  expectHardened,
  expectHealthChecksUseImageTools,
  expectLoopbackPorts,
  expectNoPlainSecrets,
  expectPublishedPortsReachable,
  forSnapshot,
  healthTest,
  networksOf,
  networkTable,
  portsOf,
  PROFILES,
  synthSeed,
} from './seed-stack-assertions';

// Seed 000 (Nexten): api, cv-parser + worker, matching-api + three priority workers, redis.
const WORKERS = ['nexten-matching-worker-bulk', 'nexten-matching-worker-high', 'nexten-matching-worker-standard'];

describe.each(PROFILES)('nexten (%s images)', (profile) => {
  let json: ReturnType<typeof synthSeed>;
  beforeEach(() => {
    json = synthSeed('nexten', profile);
  });

  test('has the seed services plus the redis queue', () => {
    expect(containers(json).map((c) => c.name).sort()).toEqual(['nexten-api', 'nexten-cv-parser', 'nexten-cv-parser-worker', 'nexten-matching-api', ...WORKERS, 'nexten-redis']);
  });

  test('every container is hardened; restarts are bounded so a crash ends instead of looping', () => {
    expectHardened(json);
    for (const c of containers(json)) expect({ name: c.name, restart: c.restart, max: c.max_retry_count }).toEqual({ name: c.name, restart: 'on-failure', max: 5 });
  });

  test('only the api publishes a port, on 127.0.0.1:8000', () => {
    expectLoopbackPorts(json);
    expectPublishedPortsReachable(json);
    expect(portsOf(container(json, 'nexten-api'))).toEqual([{ internal: 8000, external: 8000, ip: '127.0.0.1', protocol: 'tcp' }]);
    expect(containers(json).filter((c) => portsOf(c).length > 0).map((c) => c.name)).toEqual(['nexten-api']);
  });

  test('backend is internal; only the api also joins frontend', () => {
    expect(networkTable(json)).toEqual({ 'nexten-backend': true, 'nexten-frontend': false });
    expect(networksOf(json, 'nexten-api')).toEqual(['nexten-backend', 'nexten-frontend']);
    for (const c of containers(json).filter((c) => c.name !== 'nexten-api')) expect({ name: c.name, networks: networksOf(json, c.name) }).toEqual({ name: c.name, networks: ['nexten-backend'] });
  });

  test('the matching workers are created only once matching-api is healthy; cv-parser-worker after cv-parser', () => {
    for (const worker of WORKERS) expectDependsOn(json, worker, ['nexten-matching-api', 'nexten-redis']);
    expectDependsOn(json, 'nexten-cv-parser-worker', ['nexten-cv-parser', 'nexten-redis']);
    for (const api of ['nexten-api', 'nexten-cv-parser', 'nexten-matching-api']) expectDependsOn(json, api, ['nexten-redis']);
  });

  test('workers have a heartbeat health check (stdlib python), priorities and concurrency as in the seed', () => {
    expectHealthChecksUseImageTools(json);
    for (const worker of [...WORKERS, 'nexten-cv-parser-worker']) expect(healthTest(container(json, worker)).join(' ')).toContain('/tmp/worker-heartbeat');
    expect(container(json, 'nexten-matching-worker-high').env).toEqual(expect.arrayContaining(['QUEUE_NAME=matching:high', 'QUEUE_PRIORITY=HIGH', 'WORKER_CONCURRENCY=4']));
    expect(container(json, 'nexten-matching-worker-standard').env).toEqual(expect.arrayContaining(['QUEUE_NAME=matching:standard', 'QUEUE_PRIORITY=STANDARD', 'WORKER_CONCURRENCY=2']));
    expect(container(json, 'nexten-matching-worker-bulk').env).toEqual(expect.arrayContaining(['QUEUE_NAME=matching:bulk', 'QUEUE_PRIORITY=BULK', 'WORKER_CONCURRENCY=1']));
  });

  test('no secret in plain text (the stack has none)', () => {
    expect(expectNoPlainSecrets(json)).toEqual([]);
    expect(json.variable ?? {}).toEqual({});
  });
});

test('nexten matches the reviewed snapshot (official images)', () => {
  expect(forSnapshot(synthSeed('nexten', 'official'))).toMatchSnapshot();
});

describe('nexten: the seed 000 defects are rejected if reintroduced', () => {
  test('an unbounded restart loop cannot be written with on-failure (more than 20 retries)', () => {
    expect(() => RestartPolicy.onFailure(100)).toThrow(/RestartPolicy.onFailure: maxRetries = 100: above the maximum 20; expected a whole number from 1 to 20/);
    expect(() => RestartPolicy.onFailure(0)).toThrow(/RestartPolicy.onFailure: maxRetries = 0: below the minimum 1; expected a whole number from 1 to 20/);
  });

  test('workers depending on a matching-api without a health check fail with CDS-DEPENDS-NO-HEALTHCHECK', () => {
    const stack = newStack('nx');
    const network = new StackNetwork(stack, 'net');
    const image = ContainerImage.fromRegistry('example/app:1.0.0');
    const redis = new Redis(stack, 'redis', { networks: [{ network }] });
    const matchingApi = new Service(stack, 'matching-api', { image, healthCheck: HealthCheck.none(), networks: [{ network }] });
    new QueueWorker(stack, 'matching-worker-high', { image, command: ['python3', '-m', 'app.worker'], queue: 'matching:high', redis, networks: [{ network }], dependsOn: [matchingApi] });
    expect(validationMessages(stack).join('\n')).toMatch(/CDS-DEPENDS-NO-HEALTHCHECK/);
    expect(() => Testing.synth(stack, true)).toThrow(/CDS-DEPENDS-NO-HEALTHCHECK/);
  });

  test('a dependency cycle fails with CDS-DEPENDENCY-CYCLE', () => {
    const stack = newStack('nx');
    const image = ContainerImage.fromRegistry('example/app:1.0.0');
    const a = new Service(stack, 'a', { image, healthCheck: HealthCheck.command(['true']) });
    const b = new Service(stack, 'b', { image, healthCheck: HealthCheck.command(['true']), dependsOn: [a] });
    a.addDependency(b);
    expect(() => Testing.synth(stack, true)).toThrow(/CDS-DEPENDENCY-CYCLE/);
  });
});
