import * as path from 'path';
import { Testing } from 'cdktf';
import { addSeedStacks, ImageProfile, StackName, STACK_NAMES } from '../../stacks';
import { containerAddress, containers, SynthesizedContainer, SynthesizedStack } from '../support/synth';

function synthStack(name: StackName, imageProfile: ImageProfile): SynthesizedStack {
  const [stack] = addSeedStacks(Testing.app(), { imageProfile }, [name]);
  return JSON.parse(Testing.synth(stack, true)) as SynthesizedStack;
}

const PUBLIC = new Set(['vibecoding-nginx']);

describe.each(STACK_NAMES.flatMap((name) => (['official', 'local'] as const).map((profile) => [name, profile] as const)))('stack %s (%s images)', (name, profile) => {
  const json = synthStack(name, profile);
  const all = containers(json);

  test('every container is hardened: health check, limits, rotated logs, bounded restarts, no privileges', () => {
    expect(all.length).toBeGreaterThan(0);
    for (const c of all) {
      expect({ name: c.name, hasHealthCheck: Array.isArray((c.healthcheck as { test?: unknown })?.test), wait: c.wait }).toEqual({ name: c.name, hasHealthCheck: true, wait: true });
      expect(c).toMatchObject({
        log_driver: 'json-file',
        log_opts: { 'max-size': '10m', 'max-file': '3' },
        restart: 'on-failure',
        security_opts: ['no-new-privileges:true'],
        privileged: false,
        capabilities: expect.objectContaining({ drop: ['ALL'] }),
      });
      expect(c.max_retry_count).toBeLessThanOrEqual(20);
      expect(c.memory).toBeGreaterThan(0);
      expect(c.memory_swap).toBe(c.memory);
      expect(typeof c.cpus).toBe('string');
    }
  });

  test('ports are on 127.0.0.1 unless the service is the public entry point', () => {
    for (const c of all) {
      for (const port of (c.ports as { ip: string }[] | undefined) ?? []) {
        expect({ name: c.name, ip: port.ip }).toEqual({ name: c.name, ip: PUBLIC.has(c.name) ? '0.0.0.0' : '127.0.0.1' });
      }
    }
  });

  test('no health check calls curl or requests, and no password is in plain text', () => {
    for (const c of all) {
      expect((c.healthcheck as { test: string[] }).test.join(' ')).not.toMatch(/\bcurl\b|import requests/);
      for (const entry of (c.env as string[] | undefined) ?? []) {
        if (/^(POSTGRES_PASSWORD|PGPASSWORD|API_KEY|DATABASE_URL)=/.test(entry)) expect(entry).toMatch(/\$\{(var|random_password)\./);
      }
    }
  });

  test('every network the stack creates is used, and backends are internal', () => {
    const networks = Object.values(json.resource.docker_network ?? {}) as { name: string; internal: boolean }[];
    for (const n of networks) {
      if (/-(backend|internal)$/.test(n.name)) expect(n.internal).toBe(true);
    }
  });

  test('matches the reviewed snapshot', () => {
    // Absolute paths (build context, init scripts) differ between clones.
    const root = path.resolve(__dirname, '../..');
    if (profile === 'official') expect(JSON.parse(JSON.stringify(json).split(root).join('<root>'))).toMatchSnapshot();
  });
});

function byName(json: SynthesizedStack, name: string): SynthesizedContainer {
  const found = containers(json).find((c) => c.name === name);
  if (!found) throw new Error(`no ${name}`);
  return found;
}

describe('start-up ordering as in the seeds', () => {
  test('nexten: the matching workers start only after matching-api is healthy', () => {
    const json = synthStack('nexten', 'official');
    for (const worker of ['high', 'standard', 'bulk']) {
      expect(byName(json, `nexten-matching-worker-${worker}`).depends_on).toEqual(
        expect.arrayContaining([containerAddress(json, 'nexten-matching-api')]),
      );
    }
    expect(byName(json, 'nexten-matching-api').wait).toBe(true);
  });

  test('mnemolite: api and worker wait for postgres and chromadb; postgres keeps the seed tuning', () => {
    const json = synthStack('mnemolite', 'official');
    for (const name of ['mnemolite-api', 'mnemolite-worker']) {
      expect(byName(json, name).depends_on).toEqual(expect.arrayContaining([containerAddress(json, 'mnemolite-postgres'), containerAddress(json, 'mnemolite-chromadb')]));
    }
    const postgres = byName(json, 'mnemolite-postgres');
    expect(postgres.command).toEqual(['postgres', '-c', 'shared_buffers=256MB', '-c', 'work_mem=16MB', '-c', 'effective_cache_size=512MB', '-c', 'maintenance_work_mem=64MB', '-c', 'max_parallel_workers_per_gather=2']);
    expect(postgres).toMatchObject({ shm_size: 512, cpus: '1.0', memory: 1024 });
    expect(postgres.ports).toBeUndefined();
    expect(byName(json, 'mnemolite-api').ports).toEqual([{ internal: 8000, external: 8080, ip: '127.0.0.1', protocol: 'tcp' }]);
  });

  test('vibecoding: nginx in front of the api, gunicorn with 4 workers, the scheduler after the database', () => {
    const json = synthStack('vibecoding', 'official');
    expect(byName(json, 'vibecoding-api').command).toEqual(expect.arrayContaining(['gunicorn', '-w', '4']));
    expect(byName(json, 'vibecoding-nginx').depends_on).toEqual(expect.arrayContaining([containerAddress(json, 'vibecoding-api')]));
    expect(byName(json, 'vibecoding-scheduler').depends_on).toEqual(expect.arrayContaining([containerAddress(json, 'vibecoding-postgres')]));
  });

  test('my-ia: the app keeps the seed health check (30s/5s/3/40s) on :8080', () => {
    const json = synthStack('my-ia', 'official');
    expect(byName(json, 'my-ia-app').healthcheck).toMatchObject({ interval: '30s', timeout: '5s', retries: 3, start_period: '40s' });
    expect(byName(json, 'my-ia-app').ports).toEqual([{ internal: 8080, external: 8080, ip: '127.0.0.1', protocol: 'tcp' }]);
  });

  test('arkalia: the api health check uses the standard library only', () => {
    const json = synthStack('arkalia', 'official');
    expect((byName(json, 'arkalia-api').healthcheck as { test: string[] }).test.slice(0, 3)).toEqual(['CMD', 'python3', '-c']);
  });
});
