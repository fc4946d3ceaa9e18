import { Testing } from 'cdktf';
import { Postgres, QueueWorker, Redis, Secret, Port, StackNetwork } from '../../constructs';
import { addSeedStacks, VibecodingStack, resolveImages, StacksConfig } from '../../stacks';
import { container, containers, newStack, SynthesizedContainer, SynthesizedStack } from '../support/synth';
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

// Seed 002 (VibeCoding): nginx -> FastAPI (gunicorn x4), Redis queue workers, Postgres, scheduler.
describe.each(PROFILES)('vibecoding (%s images)', (profile) => {
  let json: ReturnType<typeof synthSeed>;
  beforeEach(() => {
    json = synthSeed('vibecoding', profile);
  });

  test('has the six seed services', () => {
    expect(containers(json).map((c) => c.name).sort()).toEqual(['vibecoding-api', 'vibecoding-nginx', 'vibecoding-postgres', 'vibecoding-redis', 'vibecoding-scheduler', 'vibecoding-worker']);
  });

  test('every container is hardened (health check, limits, logs, restarts, privileges)', () => {
    expectHardened(json);
  });

  test('only nginx publishes a port, and it is the one public entry point (0.0.0.0:80)', () => {
    expectLoopbackPorts(json, ['vibecoding-nginx']);
    expectPublishedPortsReachable(json);
    expect(portsOf(container(json, 'vibecoding-nginx'))).toEqual([{ internal: 8080, external: 80, ip: '0.0.0.0', protocol: 'tcp' }]);
    for (const c of containers(json).filter((c) => c.name !== 'vibecoding-nginx')) expect({ name: c.name, ports: portsOf(c) }).toEqual({ name: c.name, ports: [] });
  });

  test('backend is internal; nginx only on frontend; data services and worker only on backend', () => {
    expect(networkTable(json)).toEqual({ 'vibecoding-backend': true, 'vibecoding-frontend': false });
    expect(networksOf(json, 'vibecoding-nginx')).toEqual(['vibecoding-frontend']);
    expect(networksOf(json, 'vibecoding-api')).toEqual(['vibecoding-backend', 'vibecoding-frontend']);
    for (const name of ['vibecoding-postgres', 'vibecoding-redis', 'vibecoding-worker']) expect(networksOf(json, name)).toEqual(['vibecoding-backend']);
    expect(networksOf(json, 'vibecoding-scheduler')).toContain('vibecoding-backend');
  });

  test('start-up order: api after postgres and redis, worker after postgres and redis, nginx after api, scheduler after postgres', () => {
    expectDependsOn(json, 'vibecoding-api', ['vibecoding-postgres', 'vibecoding-redis']);
    expectDependsOn(json, 'vibecoding-worker', ['vibecoding-postgres', 'vibecoding-redis']);
    expectDependsOn(json, 'vibecoding-nginx', ['vibecoding-api']);
    expectDependsOn(json, 'vibecoding-scheduler', ['vibecoding-postgres', 'vibecoding-api']);
  });

  test('no secret in plain text: the database password comes from TF_VAR_vibecoding_postgres_password', () => {
    const seen = expectNoPlainSecrets(json);
    expect(seen).toEqual(expect.arrayContaining(['vibecoding-postgres:POSTGRES_PASSWORD', 'vibecoding-api:DATABASE_URL', 'vibecoding-worker:DATABASE_URL']));
    expect(container(json, 'vibecoding-scheduler').env).toEqual(['PGPASSWORD=${var.vibecoding_postgres_password}']);
    expect(Object.keys(json.variable ?? {})).toEqual(['vibecoding_postgres_password']);
  });

  test('health checks use tools the images have (python stdlib, pg_isready, redis-cli, nginx probe, the scheduler\'s script: heartbeat and last backup)', () => {
    expectHealthChecksUseImageTools(json);
    expect(healthTest(container(json, 'vibecoding-nginx'))[1]).toBe(profile === 'official' ? 'wget' : 'bash');
    expect(healthTest(container(json, 'vibecoding-postgres')).slice(0, 2)).toEqual(['CMD', 'pg_isready']);
    expect(healthTest(container(json, 'vibecoding-redis')).slice(0, 2)).toEqual(['CMD', 'redis-cli']);
    // The scheduler's check is its uploaded script: a heartbeat file that cron refreshes, and the last backup's outcome.
    expect(healthTest(container(json, 'vibecoding-scheduler'))).toEqual(['CMD-SHELL', 'sh /etc/cds-cron/health.sh']);
  });

  test('the daily backup keeps 7 dumps, and 26 h without a good one turns the scheduler unhealthy', () => {
    const uploads = (container(json, 'vibecoding-scheduler').upload as { file: string; content: string }[]);
    expect(uploads.find((u) => u.file === '/etc/cds-cron/jobs/backup-postgres.sh')?.content).toContain('tail -n +8');
    expect(uploads.find((u) => u.file === '/etc/cds-cron/health.sh')?.content).toContain(`limit=${26 * 3600}\n`);
  });

  test('gunicorn with 4 uvicorn workers on :8000; the worker reads the job queue', () => {
    expect(container(json, 'vibecoding-api').command).toEqual(expect.arrayContaining(['gunicorn', '-w', '4']));
    expect(container(json, 'vibecoding-worker').env).toEqual(expect.arrayContaining(['QUEUE_NAME=vibe:jobs', 'WORKER_CONCURRENCY=2', 'REDIS_URL=redis://redis:6379/0']));
  });
});

describe.each(PROFILES)('vibecoding-dev (%s images)', (profile) => {
  let json: ReturnType<typeof synthSeed>;
  beforeEach(() => {
    json = synthSeed('vibecoding-dev', profile);
  });

  test('only postgres and redis, hardened, published on 127.0.0.1 for an API run on the host', () => {
    expect(containers(json).map((c) => c.name).sort()).toEqual(['vibecoding-dev-postgres', 'vibecoding-dev-redis']);
    expectHardened(json);
    expectLoopbackPorts(json);
    expectPublishedPortsReachable(json);
    expect(portsOf(container(json, 'vibecoding-dev-postgres'))).toEqual([{ internal: 5432, external: 5432, ip: '127.0.0.1', protocol: 'tcp' }]);
    expect(portsOf(container(json, 'vibecoding-dev-redis'))).toEqual([{ internal: 6379, external: 6379, ip: '127.0.0.1', protocol: 'tcp' }]);
    expect(networkTable(json)).toEqual({ 'vibecoding-dev-dev': false });
  });

  test('no secret in plain text; health checks use the images own tools', () => {
    expect(expectNoPlainSecrets(json)).toEqual(['vibecoding-dev-postgres:POSTGRES_PASSWORD']);
    expectHealthChecksUseImageTools(json);
  });
});

// Seed 002's "nginx reverse proxy (:80/:443)": HTTPS once the configuration gives the proxy
// a certificate directory. The synth does not read the files; test/stacks/config.test.ts
// checks them.
describe.each(PROFILES)('vibecoding with tls in the configuration (%s images)', (profile) => {
  const certificateDirectory = '/etc/ssl/vibecoding';
  const tls = { 'vibecoding.nginx': { certificateDirectory } };
  const synthWith = (config: Omit<StacksConfig, 'imageProfile'>): SynthesizedStack => {
    const [stack] = addSeedStacks(Testing.app(), { imageProfile: profile, ...config }, ['vibecoding']);
    return JSON.parse(Testing.synth(stack, true)) as SynthesizedStack;
  };
  const nginxConf = (c: SynthesizedContainer): string => ((c.upload as { file: string; content: string }[] | undefined) ?? []).find((u) => u.file === '/etc/nginx/nginx.conf')?.content ?? '';
  let json: ReturnType<typeof synthSeed>;
  let nginx: SynthesizedContainer;
  beforeEach(() => {
    json = synthWith({ tls });
    nginx = container(json, 'vibecoding-nginx');
  });

  test('nginx publishes HTTP 0.0.0.0:80 -> 8080 and HTTPS 0.0.0.0:443 -> 8443; it still is the only container publishing', () => {
    expect(portsOf(nginx)).toEqual([
      { internal: 8080, external: 80, ip: '0.0.0.0', protocol: 'tcp' },
      { internal: 8443, external: 443, ip: '0.0.0.0', protocol: 'tcp' },
    ]);
    expectLoopbackPorts(json, ['vibecoding-nginx']);
    expectPublishedPortsReachable(json);
    for (const c of containers(json).filter((c) => c.name !== 'vibecoding-nginx')) expect({ name: c.name, ports: portsOf(c) }).toEqual({ name: c.name, ports: [] });
  });

  test('the certificate directory is mounted read-only at /etc/nginx/certs', () => {
    expect(nginx.mounts).toEqual([{ type: 'bind', source: certificateDirectory, target: '/etc/nginx/certs', read_only: true }]);
  });

  test('nginx.conf has an ssl server on 8443 with the mounted files, and HTTP answers with a 308 redirect to https', () => {
    const conf = nginxConf(nginx);
    expect(conf).toContain('listen 8443 ssl default_server;');
    expect(conf).toContain('ssl_certificate /etc/nginx/certs/fullchain.pem;');
    expect(conf).toContain('ssl_certificate_key /etc/nginx/certs/privkey.pem;');
    expect(conf).toContain('listen 8080 default_server;');
    expect(conf).toContain('return 308 https://$host$request_uri;');
    // The API is reached over HTTPS, not over HTTP.
    expect(conf.split('listen 8443 ssl')[1]).toContain('location / {');
    expect(conf.split('listen 8443 ssl')[0].split('listen 8080')[1]).not.toContain('proxy_pass');
  });

  test('the HTTPS host port is hostPorts "vibecoding.nginx-https", and the redirect names it', () => {
    const moved = synthWith({ tls, hostPorts: { 'vibecoding.nginx': 18080, 'vibecoding.nginx-https': 18443 } });
    const proxy = container(moved, 'vibecoding-nginx');
    expect(portsOf(proxy)).toEqual([
      { internal: 8080, external: 18080, ip: '0.0.0.0', protocol: 'tcp' },
      { internal: 8443, external: 18443, ip: '0.0.0.0', protocol: 'tcp' },
    ]);
    expect(nginxConf(proxy)).toContain('return 308 https://$host:18443$request_uri;');
  });

  test('only nginx changes: every other container is the same as without tls, and all stay hardened', () => {
    expectHardened(json);
    const plain = synthSeed('vibecoding', profile);
    for (const c of containers(plain).filter((c) => c.name !== 'vibecoding-nginx')) expect(container(json, c.name)).toEqual(c);
  });

  test('without tls the proxy is HTTP only: no HTTPS port, no certificate mount, no ssl server', () => {
    const proxy = container(synthSeed('vibecoding', profile), 'vibecoding-nginx');
    expect(portsOf(proxy).map((p) => p.internal)).toEqual([8080]);
    expect(proxy.mounts ?? []).toEqual([]);
    expect(nginxConf(proxy)).not.toMatch(/\bssl\b|return 308 https/);
  });

  test('fails when the HTTPS host port is the HTTP host port', () => {
    expect(() => synthWith({ tls, hostPorts: { 'vibecoding.nginx-https': 80 } })).toThrow(/vibecoding\/nginx: httpsPort = 80\/tcp: the same host port as httpPort/);
  });
});

test('vibecoding matches the reviewed snapshot (official images)', () => {
  expect(forSnapshot(synthSeed('vibecoding', 'official'))).toMatchSnapshot();
});

test('vibecoding-dev matches the reviewed snapshot (official images)', () => {
  expect(forSnapshot(synthSeed('vibecoding-dev', 'official'))).toMatchSnapshot();
});

describe('vibecoding: the seed 002 defects are rejected if reintroduced', () => {
  test('the .env example password (votre_mot_de_passe_securise) fails with CDS-SECRET-WEAK', () => {
    const stack = newStack('vc');
    new Postgres(stack, 'postgres', { database: 'ocft_tracker', user: 'ocft_user', password: Secret.fromLiteral('votre_mot_de_passe_securise') });
    expect(() => Testing.synth(stack, true)).toThrow(/CDS-SECRET-WEAK/);
  });

  test('`--scale worker=3` on a worker that publishes a host port is refused', () => {
    const stack = newStack('vc');
    const network = new StackNetwork(stack, 'net');
    const redis = new Redis(stack, 'redis', { networks: [{ network }] });
    expect(
      () =>
        new QueueWorker(stack, 'worker', {
          image: redis.image,
          command: ['python3', '-m', 'app.worker'],
          queue: 'jobs',
          replicas: 3,
          ports: [{ containerPort: Port.tcp(9000) }],
          networks: [{ network }],
        }),
    ).toThrow(/vc\/worker: ports = .*3 replicas cannot publish one host port/);
  });

  test('scaled workers get one container each and keep the start-up order', () => {
    const [stack] = addSeedStacks(Testing.app(), { imageProfile: 'official' }, ['vibecoding']);
    expect(stack).toBeInstanceOf(VibecodingStack);
    const app = Testing.app();
    const scaled = new VibecodingStack(app, 'vibecoding', { images: resolveImages({ imageProfile: 'official' }), workerReplicas: 3 });
    const json = JSON.parse(Testing.synth(scaled, true));
    const workers = containers(json).filter((c) => c.name.startsWith('vibecoding-worker'));
    expect(workers.map((c) => c.name).sort()).toEqual(['vibecoding-worker-1', 'vibecoding-worker-2', 'vibecoding-worker-3']);
    for (const w of workers) expectDependsOn(json, w.name, ['vibecoding-postgres', 'vibecoding-redis']);
  });
});
