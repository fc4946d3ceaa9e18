import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Testing } from 'cdktf';
import { ContainerImage, Cpu, DockerStack, HealthCheck, Postgres, Size, StackNetwork } from '../../constructs';
import {
  QUEUE_NAME_PATTERN,
  QueuePriority,
  QueueWorker,
  QueueWorkerProps,
  WORKER_HEARTBEAT_FILE,
  WORKER_HEARTBEAT_MAX_AGE,
} from '../../constructs/queue-worker';
import { WORKER_CONCURRENCY_MAX, WORKER_CONCURRENCY_MIN } from '../../constructs/limits';
import { Redis } from '../../constructs/redis';
import { container, containerAddress, containers, SynthesizedStack, validationMessages } from '../support/synth';
import { errorOf } from '../support/validation-error';

const image = ContainerImage.fromRegistry('example/scraper:1.0.0');
const command = ['python3', '-m', 'app.worker'];
const required = { image, command, queue: 'jobs' };

function newStack(): DockerStack {
  return new DockerStack(Testing.app(), 'test');
}

/** One network for a worker and the services it addresses by name (names resolve only on a shared network). */
function sharedNetwork(stack: DockerStack) {
  return [{ network: new StackNetwork(stack, 'net') }];
}

function synth(stack: DockerStack): SynthesizedStack {
  return JSON.parse(Testing.synth(stack, true)) as SynthesizedStack;
}

/** A QueueWorker `worker` in a fresh stack `test`, synthesized with validations on. */
function synthWorker(props: Partial<QueueWorkerProps> = {}) {
  const stack = newStack();
  const worker = new QueueWorker(stack, 'worker', { ...required, ...props });
  const json = synth(stack);
  return { worker, json, c: container(json, 'test-worker') };
}

const build = (props: Record<string, unknown>) => () => new QueueWorker(newStack(), 'worker', { ...required, ...props });

const HEARTBEAT_CHECK = ['CMD', 'python3', '-c', "import os, sys, time; sys.exit(0 if time.time() - os.path.getmtime('/tmp/worker-heartbeat') < 60 else 1)"];

function hasPython3(): boolean {
  try {
    execFileSync('python3', ['-c', 'pass']);
    return true;
  } catch {
    return false;
  }
}

describe('QueueWorker', () => {
  describe('defaults', () => {
    test('given image, command and queue, when synthesized, then the command and the queue contract reach the container', () => {
      const { c } = synthWorker();
      expect(c.command).toEqual(['python3', '-m', 'app.worker']);
      expect(c.env).toEqual(['QUEUE_NAME=jobs', 'QUEUE_PRIORITY=STANDARD', 'WORKER_CONCURRENCY=2', 'WORKER_HEARTBEAT_FILE=/tmp/worker-heartbeat']);
    });

    test('given no health check, when synthesized, then the heartbeat check uses only python3 and its standard library', () => {
      const { c } = synthWorker();
      expect(c.healthcheck).toEqual({ test: HEARTBEAT_CHECK, interval: '10s', timeout: '5s', retries: 3, start_period: '20s', start_interval: '1s' });
      expect(JSON.stringify(c.healthcheck)).not.toMatch(/curl|wget|requests/);
    });

    test('given no user, when synthesized, then it runs as a non-root uid with 30 s to finish its job on stop', () => {
      const { c } = synthWorker();
      expect(c).toMatchObject({ user: '10001:10001', stop_timeout: 30, destroy_grace_seconds: 30, memory: 512, cpus: '1.0' });
    });

    test('given no redis, when synthesized, then there is no REDIS_URL and no dependency', () => {
      const { c } = synthWorker();
      expect((c.env as string[]).some((e) => e.startsWith('REDIS_URL='))).toBe(false);
      expect(c.depends_on).toBeUndefined();
    });

    test('given the defaults, when constructed, then queue, priority and concurrency are exposed', () => {
      const { worker } = synthWorker();
      expect([worker.queue, worker.priority, worker.concurrency]).toEqual(['jobs', QueuePriority.STANDARD, 2]);
    });

    test('given the heartbeat constants, then the check and the environment agree on the file and the age', () => {
      expect(WORKER_HEARTBEAT_FILE).toBe('/tmp/worker-heartbeat');
      expect(WORKER_HEARTBEAT_MAX_AGE.toSecondsCeil()).toBe(60);
      expect(HEARTBEAT_CHECK[3]).toContain(`'${WORKER_HEARTBEAT_FILE}') < ${WORKER_HEARTBEAT_MAX_AGE.toSecondsCeil()}`);
    });
  });

  (hasPython3() ? describe : describe.skip)('the heartbeat check, run with python3', () => {
    let dir: string;
    beforeEach(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cds-heartbeat-'));
    });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    /** Runs the synthesized check against `file` instead of /tmp/worker-heartbeat; returns its exit status. */
    function runCheck(file: string): number {
      const { c } = synthWorker();
      const [, program, flag, script] = (c.healthcheck as { test: string[] }).test;
      try {
        execFileSync(program, [flag, script.replace(WORKER_HEARTBEAT_FILE, file)], { stdio: 'pipe' });
        return 0;
      } catch (error) {
        return (error as { status: number }).status;
      }
    }

    test('given a heartbeat touched just now, when checked, then it is healthy', () => {
      const file = path.join(dir, 'hb');
      fs.writeFileSync(file, '');
      expect(runCheck(file)).toBe(0);
    });

    test('given a heartbeat 61 s old, when checked, then it is unhealthy', () => {
      const file = path.join(dir, 'hb');
      fs.writeFileSync(file, '');
      const old = new Date(Date.now() - 61_000);
      fs.utimesSync(file, old, old);
      expect(runCheck(file)).toBe(1);
    });

    test('given no heartbeat file (the loop never ran), when checked, then it is unhealthy', () => {
      expect(runCheck(path.join(dir, 'missing'))).not.toBe(0);
    });
  });

  describe('redis', () => {
    test('given a Redis, when synthesized, then REDIS_URL points at it and the worker waits for it', () => {
      const stack = newStack();
      const networks = sharedNetwork(stack);
      const redis = new Redis(stack, 'redis', { networks });
      new QueueWorker(stack, 'worker', { ...required, redis, networks });
      const json = synth(stack);
      const c = container(json, 'test-worker');
      expect(c.env).toContain('REDIS_URL=redis://redis:6379/0');
      expect(c.depends_on).toEqual([containerAddress(json, 'test-redis')]);
    });

    test('given a Redis and other dependencies, when synthesized, then the worker waits for all of them', () => {
      const stack = newStack();
      const networks = sharedNetwork(stack);
      const redis = new Redis(stack, 'redis', { networks });
      const db = new Postgres(stack, 'db', { networks });
      new QueueWorker(stack, 'worker', { ...required, redis, dependsOn: [db], networks });
      const json = synth(stack);
      expect(container(json, 'test-worker').depends_on).toEqual([containerAddress(json, 'test-db'), containerAddress(json, 'test-redis')]);
    });

    test('given REDIS_URL in the environment and no redis prop, when synthesized, then it is passed as given', () => {
      const { c } = synthWorker({ environment: { REDIS_URL: 'redis://elsewhere:6379/1' } });
      expect(c.env).toContain('REDIS_URL=redis://elsewhere:6379/1');
    });

    test('fails when REDIS_URL is set in the environment and redis is given too', () => {
      const stack = newStack();
      const redis = new Redis(stack, 'redis');
      const error = errorOf(() => new QueueWorker(stack, 'worker', { ...required, redis, environment: { REDIS_URL: 'redis://other:6379/0' } }));
      expect(error.problems[0]).toMatchObject({
        path: 'test/worker',
        field: 'environment.REDIS_URL',
        message: 'the worker sets this variable itself',
        fix: 'leave REDIS_URL out of environment (use the queue, priority, concurrency or redis prop)',
      });
    });

    test('fails when redis is not a Redis construct', () => {
      const error = errorOf(build({ redis: 'redis://redis:6379/0' }));
      expect(error.message).toContain('test/worker: redis = "redis://redis:6379/0": not a Redis. Fix: pass the Redis construct');
    });
  });

  describe('priority', () => {
    test.each(Object.values(QueuePriority))('given priority %s, when synthesized, then QUEUE_PRIORITY carries it', (priority) => {
      const { worker, c } = synthWorker({ priority });
      expect(c.env).toContain(`QUEUE_PRIORITY=${priority}`);
      expect(worker.priority).toBe(priority);
    });

    test('fails when the priority is not a QueuePriority', () => {
      const error = errorOf(build({ priority: 'URGENT' }));
      expect(error.problems[0]).toMatchObject({ path: 'test/worker', field: 'priority', value: 'URGENT', message: 'not a QueuePriority', fix: 'use QueuePriority.HIGH, STANDARD or BULK' });
    });
  });

  describe('concurrency', () => {
    test.each([WORKER_CONCURRENCY_MIN, WORKER_CONCURRENCY_MAX])('given concurrency %d (a bound), when synthesized, then WORKER_CONCURRENCY carries it', (concurrency) => {
      const { worker, c } = synthWorker({ concurrency });
      expect(c.env).toContain(`WORKER_CONCURRENCY=${concurrency}`);
      expect(worker.concurrency).toBe(concurrency);
    });

    test.each([
      [WORKER_CONCURRENCY_MIN - 1, 'concurrency below 1', 'use a whole number from 1 to 64'],
      [WORKER_CONCURRENCY_MAX + 1, 'concurrency above 64', 'run more replicas instead of more jobs per container'],
      [2.5, 'concurrency must be whole', 'use a whole number from 1 to 64'],
    ])('fails when concurrency is %p', (concurrency, message, fix) => {
      const error = errorOf(build({ concurrency }));
      expect(error.problems).toHaveLength(1);
      expect(error.problems[0]).toMatchObject({ path: 'test/worker', field: 'concurrency', value: concurrency, message, fix });
      expect(error.message).toContain(`test/worker: concurrency = ${concurrency}: ${message}. Fix: `);
    });

    test('fails when concurrency is a string', () => {
      expect(build({ concurrency: '4' })).toThrow(/test\/worker: concurrency = "4": not a number/);
      expect(errorOf(build({ concurrency: '4' })).problems[0].fix).toBe('use a whole number from 1 to 64');
    });
  });

  describe('queue', () => {
    test.each(['jobs', 'matching:high', 'vibe.jobs_v2-a', 'q', 'q'.repeat(100)])('given the queue name %p, when synthesized, then QUEUE_NAME carries it', (queue) => {
      const { worker, c } = synthWorker({ queue });
      expect(c.env).toContain(`QUEUE_NAME=${queue}`);
      expect(worker.queue).toBe(queue);
    });

    test.each(['', ':jobs', 'two words', 'jobs/high', 'q'.repeat(101)])('fails when the queue name is %p', (queue) => {
      const error = errorOf(build({ queue }));
      expect(error.problems[0]).toMatchObject({ path: 'test/worker', field: 'queue', value: queue, message: 'not a queue name', fix: 'use up to 100 letters, digits, ":", ".", "_" or "-"' });
      expect(QUEUE_NAME_PATTERN.test(queue)).toBe(false);
    });

    test('fails when the queue is missing', () => {
      const error = errorOf(() => new QueueWorker(newStack(), 'worker', { image, command } as unknown as QueueWorkerProps));
      expect(error.problems[0]).toMatchObject({ path: 'test/worker', field: 'queue', value: undefined });
      expect(error.message).toContain('test/worker: queue = (not set): missing or not a string');
      expect(error.problems[0].fix).toBe('name the queue the worker consumes');
    });
  });

  describe('required props', () => {
    test('fails when the image is missing: there is no generic worker image', () => {
      const error = errorOf(() => new QueueWorker(newStack(), 'worker', { command, queue: 'jobs' } as unknown as QueueWorkerProps));
      expect(error.problems[0]).toMatchObject({ path: 'test/worker', field: 'image', message: 'missing or not a ContainerImage', fix: "pass the application's image, e.g. ContainerImage.fromRegistry('example/app:1.0.0')" });
    });

    test('fails when the command is empty', () => {
      expect(build({ command: [] })).toThrow(/test\/worker: command = \[\]: an empty argument list/);
    });

    test('fails when the command is a folded string', () => {
      expect(build({ command: 'python3 -m app.worker # scraper' })).toThrow(/test\/worker: command = "python3 -m app.worker # scraper"/);
    });

    test('fails when image, command and queue are all missing, naming each field at once, and nothing is left in the tree', () => {
      const stack = newStack();
      const error = errorOf(() => new QueueWorker(stack, 'worker', {} as QueueWorkerProps));
      expect(error.problems.map((p) => p.field).sort()).toEqual(['command', 'image', 'queue']);
      expect(stack.node.tryFindChild('worker')).toBeUndefined();
    });
  });

  describe('environment managed by the worker', () => {
    test.each(['QUEUE_NAME', 'QUEUE_PRIORITY', 'WORKER_CONCURRENCY', 'WORKER_HEARTBEAT_FILE'])('fails when the environment sets %s', (key) => {
      const error = errorOf(build({ environment: { [key]: 'x' } }));
      expect(error.problems[0]).toMatchObject({ path: 'test/worker', field: `environment.${key}`, message: 'the worker sets this variable itself' });
    });

    test('fails when a secret is named like a managed variable', () => {
      const stack = newStack();
      const db = new Postgres(stack, 'db');
      const error = errorOf(() => new QueueWorker(stack, 'worker', { ...required, secrets: { QUEUE_NAME: db.password } }));
      expect(error.problems[0]).toMatchObject({ path: 'test/worker', field: 'secrets.QUEUE_NAME' });
    });

    test('given other variables and secrets, when synthesized, then they sit beside the contract', () => {
      const stack = newStack();
      const networks = sharedNetwork(stack);
      const db = new Postgres(stack, 'db', { networks });
      new QueueWorker(stack, 'worker', { ...required, environment: { USE_POSTGRES: 'true' }, secrets: { DATABASE_URL: db.connectionUrl }, networks });
      const env = container(synth(stack), 'test-worker').env as string[];
      expect(env).toEqual(expect.arrayContaining(['USE_POSTGRES=true', 'QUEUE_NAME=jobs']));
      expect(env.find((e) => e.startsWith('DATABASE_URL='))).toMatch(/^DATABASE_URL=.*postgresql:\/\/app:.*@db:5432\/app/);
    });
  });

  describe('replicas', () => {
    test('given 3 replicas, when synthesized, then 3 identical containers wait for Redis', () => {
      const stack = newStack();
      const networks = sharedNetwork(stack);
      const redis = new Redis(stack, 'redis', { networks });
      new QueueWorker(stack, 'worker', { ...required, redis, replicas: 3, concurrency: 4, networks });
      const json = synth(stack);
      const workers = containers(json).filter((c) => c.name.startsWith('test-worker'));
      expect(workers.map((c) => c.name).sort()).toEqual(['test-worker-1', 'test-worker-2', 'test-worker-3']);
      for (const c of workers) {
        expect(c.env).toEqual(expect.arrayContaining(['WORKER_CONCURRENCY=4', 'REDIS_URL=redis://redis:6379/0']));
        expect(c.depends_on).toEqual([containerAddress(json, 'test-redis')]);
        expect((c.healthcheck as { test: string[] }).test).toEqual(HEARTBEAT_CHECK);
      }
    });

    test('fails when replicas is 0', () => {
      expect(build({ replicas: 0 })).toThrow(/test\/worker: replicas = 0/);
    });
  });

  describe('overrides', () => {
    test('given Service props, when synthesized, then they override the kind defaults', () => {
      const { c } = synthWorker({ user: 'appuser', cpuLimit: Cpu.cores(0.5), memoryLimit: Size.mebibytes(256) });
      expect(c).toMatchObject({ user: 'appuser', cpus: '0.5', memory: 256 });
    });

    test('given its own health check, when synthesized, then it replaces the heartbeat check', () => {
      const { c } = synthWorker({ healthCheck: HealthCheck.command(['python3', '-m', 'app.health']) });
      expect((c.healthcheck as { test: string[] }).test).toEqual(['CMD', 'python3', '-m', 'app.health']);
      expect(c.env).toContain('WORKER_HEARTBEAT_FILE=/tmp/worker-heartbeat');
    });

    test('given a read-only root with a tmpfs at /tmp, when synthesized, then the heartbeat stays writable', () => {
      const { c } = synthWorker({ readOnlyRootFilesystem: true, tmpfs: { '/tmp': Size.mebibytes(16) } });
      expect(c).toMatchObject({ read_only: true, tmpfs: { '/tmp': `size=${16 * 1024 ** 2}` } });
    });

    test('fails when the root is read-only and nothing makes /tmp writable: the worker would turn unhealthy', () => {
      const error = errorOf(build({ readOnlyRootFilesystem: true }));
      expect(error.problems[0]).toMatchObject({
        path: 'test/worker',
        field: 'readOnlyRootFilesystem',
        message: 'the worker could not write its heartbeat /tmp/worker-heartbeat and would turn unhealthy',
        fix: "add tmpfs: { '/tmp': Size.mebibytes(16) }",
      });
    });

    test('fails when the root is read-only and the tmpfs is elsewhere, or only shares a prefix with /tmp', () => {
      for (const dir of ['/var/cache', '/tm', '/tmp/worker']) {
        expect(errorOf(build({ readOnlyRootFilesystem: true, tmpfs: { [dir]: Size.mebibytes(16) } })).problems[0].field).toBe('readOnlyRootFilesystem');
      }
    });

    test.each(['/tmp/'])('given a read-only root with a tmpfs at %p, when built, then the heartbeat counts as writable', (dir) => {
      expect(build({ readOnlyRootFilesystem: true, tmpfs: { [dir]: Size.mebibytes(16) } })).not.toThrow();
    });

    test('given a read-only root and its own health check, when synthesized, then no tmpfs is required', () => {
      expect(build({ readOnlyRootFilesystem: true, healthCheck: HealthCheck.command(['true']) })).not.toThrow();
    });

    test('given a Python image, when the stack is validated, then the heartbeat check passes the missing-tool rule', () => {
      const stack = newStack();
      new QueueWorker(stack, 'worker', { ...required, image: ContainerImage.fromRegistry('python:3.12-slim') });
      expect(validationMessages(stack)).toEqual([]);
    });
  });
});
