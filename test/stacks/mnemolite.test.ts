import { Testing } from 'cdktf';
import { REPLICAS_MAX, REPLICAS_MIN } from '../../constructs/limits';
import { SWARM_DEFAULT_REPLICAS } from '../../stacks';
import { ChromaDb, ContainerImage, HealthCheck, Port, Postgres, Secret, Service, StackNetworks } from '../../constructs';
import { container, containers, newStack, validationMessages } from '../support/synth';
import {
  expectChromaProbe,
  expectDependsOn,
  expectHardened,
  expectHealthChecksUseImageTools,
  expectLoopbackPorts,
  expectNoPlainSecrets,
  expectPublishedPortsReachable,
  forSnapshot,
  networksOf,
  networkTable,
  portsOf,
  PROFILES,
  SWARM_NODE_LABEL,
  swarmLayout,
  swarmSecretFiles,
  swarmServices,
  synthSeed,
  synthSeedOnSwarm,
} from './seed-stack-assertions';

// Seed 003 (MnemoLite): postgres + chromadb + api + worker, frontend/backend (internal) split.
describe.each(PROFILES)('mnemolite (%s images)', (profile) => {
  let json: ReturnType<typeof synthSeed>;
  beforeEach(() => {
    json = synthSeed('mnemolite', profile);
  });

  test('has the four seed services', () => {
    expect(containers(json).map((c) => c.name).sort()).toEqual(['mnemolite-api', 'mnemolite-chromadb', 'mnemolite-postgres', 'mnemolite-worker']);
  });

  test('every container is hardened (health check, limits, logs, restarts, privileges)', () => {
    expectHardened(json);
  });

  test('only the api publishes a port, on 127.0.0.1:8380 (seed 003\'s block of host ports)', () => {
    expectLoopbackPorts(json);
    expectPublishedPortsReachable(json);
    expect(portsOf(container(json, 'mnemolite-api'))).toEqual([{ internal: 8000, external: 8380, ip: '127.0.0.1', protocol: 'tcp' }]);
    for (const name of ['mnemolite-postgres', 'mnemolite-chromadb', 'mnemolite-worker']) expect(portsOf(container(json, name))).toEqual([]);
  });

  test('backend is internal; data services only on backend, api on both', () => {
    expect(networkTable(json)).toEqual({ 'mnemolite-backend': true, 'mnemolite-frontend': false });
    expect(networksOf(json, 'mnemolite-postgres')).toEqual(['mnemolite-backend']);
    expect(networksOf(json, 'mnemolite-chromadb')).toEqual(['mnemolite-backend']);
    expect(networksOf(json, 'mnemolite-worker')).toEqual(['mnemolite-backend']);
    expect(networksOf(json, 'mnemolite-api')).toEqual(['mnemolite-backend', 'mnemolite-frontend']);
    // The seed's `db` name survives as an alias on the backend, not as a dependency.
    expect((container(json, 'mnemolite-postgres').networks_advanced as { aliases: string[] }[])[0].aliases).toEqual(['db', 'postgres']);
  });

  test('api and worker are created only once postgres and chromadb are healthy', () => {
    expectDependsOn(json, 'mnemolite-api', ['mnemolite-postgres', 'mnemolite-chromadb']);
    expectDependsOn(json, 'mnemolite-worker', ['mnemolite-postgres', 'mnemolite-chromadb']);
    expect(container(json, 'mnemolite-postgres').depends_on ?? []).toEqual([]);
    expect(container(json, 'mnemolite-chromadb').depends_on ?? []).toEqual([]);
  });

  test('no secret in plain text: passwords and the API key come from variables', () => {
    const seen = expectNoPlainSecrets(json);
    expect(seen).toEqual(expect.arrayContaining(['mnemolite-postgres:POSTGRES_PASSWORD', 'mnemolite-api:API_KEY', 'mnemolite-api:DATABASE_URL', 'mnemolite-worker:POSTGRES_PASSWORD']));
    expect(Object.keys(json.variable ?? {}).sort()).toEqual(['mnemolite_api_key', 'mnemolite_postgres_password']);
  });

  test('chroma is probed on /api/v2/heartbeat without curl; python checks use the standard library; postgres uses pg_isready', () => {
    expectChromaProbe(container(json, 'mnemolite-chromadb'));
    expectHealthChecksUseImageTools(json);
    expect((container(json, 'mnemolite-postgres').healthcheck as { test: string[] }).test.slice(0, 2)).toEqual(['CMD', 'pg_isready']);
  });

  test('postgres keeps the seed tuning as separate arguments, data checksums, shm and limits', () => {
    const postgres = container(json, 'mnemolite-postgres');
    expect(postgres.command).toEqual(['postgres', '-c', 'shared_buffers=256MB', '-c', 'work_mem=16MB', '-c', 'effective_cache_size=512MB', '-c', 'maintenance_work_mem=64MB', '-c', 'max_parallel_workers_per_gather=2']);
    expect((postgres.command as string[]).join(' ')).not.toContain('#');
    expect(postgres.env).toEqual(expect.arrayContaining(['POSTGRES_INITDB_ARGS=--data-checksums']));
    expect(postgres).toMatchObject({ shm_size: 512, cpus: '1.0', memory: 1024, memory_swap: 1024 });
    expect(container(json, 'mnemolite-api')).toMatchObject({ cpus: '0.5', memory: 512 });
    expect(container(json, 'mnemolite-worker')).toMatchObject({ cpus: '0.5', memory: 512 });
    const initMount = (postgres.mounts as { target: string; read_only: boolean; type: string }[]).find((m) => m.target === '/docker-entrypoint-initdb.d');
    expect(initMount).toMatchObject({ type: 'bind', read_only: true });
  });
});

test('mnemolite matches the reviewed snapshot (official images)', () => {
  expect(forSnapshot(synthSeed('mnemolite', 'official'))).toMatchSnapshot();
});

describe('mnemolite: the seed 003 defects are rejected if reintroduced', () => {
  test('a port published from a service on the internal backend only fails with CDS-PORT-INTERNAL-ONLY', () => {
    const stack = newStack('mn');
    const nets = new StackNetworks(stack, 'networks');
    new Service(stack, 'api', {
      image: ContainerImage.fromRegistry('example/api:1.0.0'),
      healthCheck: HealthCheck.command(['true']),
      ports: [{ containerPort: Port.tcp(8000), hostPort: Port.tcp(8080) }],
      networks: [{ network: nets.backend }],
    });
    expect(validationMessages(stack).join('\n')).toMatch(/CDS-PORT-INTERNAL-ONLY.*mn\/api/);
    expect(() => Testing.synth(stack, true)).toThrow(/CDS-PORT-INTERNAL-ONLY/);
  });

  test('depends_on naming the `db` alias instead of a service is refused', () => {
    const stack = newStack('mn');
    expect(() =>
      new Service(stack, 'api', {
        image: ContainerImage.fromRegistry('example/api:1.0.0'),
        healthCheck: HealthCheck.command(['true']),
        dependsOn: ['db'] as unknown as Service[],
      }),
    ).toThrow(/mn\/api: dependsOn\.0 = "db": not a Service/);
  });

  test('a folded command string (with # comments) is refused', () => {
    const stack = newStack('mn');
    expect(() => new Postgres(stack, 'postgres', { command: 'postgres -c shared_buffers=256MB # tuning' as unknown as string[] })).toThrow(/mn\/postgres: command/);
  });

  test('the seed default secrets fail with CDS-SECRET-WEAK', () => {
    const stack = newStack('mn');
    new Postgres(stack, 'postgres', { password: Secret.fromLiteral('mnemopass') });
    expect(() => Testing.synth(stack, true)).toThrow(/CDS-SECRET-WEAK/);
  });

  test('an unpinned chroma:latest fails with CDS-IMAGE-UNPINNED', () => {
    const stack = newStack('mn');
    new ChromaDb(stack, 'chromadb', { image: ContainerImage.fromRegistry('chromadb/chroma:latest') });
    expect(() => Testing.synth(stack, true)).toThrow(/CDS-IMAGE-UNPINNED/);
  });

  test('two services publishing the same host port fail with CDS-PORT-COLLISION ("port is already allocated")', () => {
    const stack = newStack('mn');
    const nets = new StackNetworks(stack, 'networks');
    for (const id of ['a', 'b']) {
      new Service(stack, id, {
        image: ContainerImage.fromRegistry('example/api:1.0.0'),
        healthCheck: HealthCheck.command(['true']),
        ports: [{ containerPort: Port.tcp(8000), hostPort: Port.tcp(8080) }],
        networks: [{ network: nets.frontend }],
      });
    }
    expect(() => Testing.synth(stack, true)).toThrow(/CDS-PORT-COLLISION/);
  });
});

describe('mnemolite on Swarm', () => {
  let json: ReturnType<typeof synthSeedOnSwarm>;
  beforeEach(() => {
    json = synthSeedOnSwarm('mnemolite');
  });

  test('every service is a docker_service: api and worker replicated (default 2), Postgres and ChromaDB pinned, an nginx entry point global on host port 8380', () => {
    expect(containers(json)).toEqual([]);
    expect(swarmLayout(json, 'mnemolite')).toEqual({
      api: [SWARM_DEFAULT_REPLICAS, undefined, []],
      worker: [SWARM_DEFAULT_REPLICAS, undefined, []],
      postgres: [1, [`node.labels.${SWARM_NODE_LABEL}==node3`], []],
      chromadb: [1, [`node.labels.${SWARM_NODE_LABEL}==node3`], []],
      nginx: ['global', undefined, ['8380/host']],
    });
  });

  test('the schema script travels with the Postgres service as a docker_config, not as a bind mount of a host directory', () => {
    const spec = swarmServices(json, 'mnemolite').postgres.task_spec.container_spec as unknown as { configs?: { file_name: string }[]; mounts?: { type: string }[] };
    expect(spec.configs?.map((c) => c.file_name)).toContain('/docker-entrypoint-initdb.d/01-schema.sql');
    expect(spec.mounts?.map((m) => m.type).sort()).toEqual(['tmpfs', 'volume']);
  });

  test('the secrets are docker_secret files, never environment values', () => {
    const files = ['/run/secrets/API_KEY', '/run/secrets/DATABASE_URL', '/run/secrets/POSTGRES_PASSWORD'];
    expect(swarmSecretFiles(json, 'mnemolite')).toEqual({ api: files, worker: files, postgres: ['/run/secrets/POSTGRES_PASSWORD'] });
    expect(Object.keys(json.resource.docker_secret ?? {})).toHaveLength(7);
    for (const s of Object.values(swarmServices(json, 'mnemolite'))) {
      expect({ [s.name]: Object.keys(s.task_spec.container_spec.env ?? {}).filter((k) => ['API_KEY', 'DATABASE_URL', 'POSTGRES_PASSWORD'].includes(k)) }).toEqual({ [s.name]: [] });
    }
  });

  test('the replicas, node label and data node come from the configuration; hostPorts "mnemolite.nginx" moves the entry point', () => {
    const layout = swarmLayout(
      synthSeedOnSwarm('mnemolite', { replicas: { 'mnemolite.api': REPLICAS_MAX, 'mnemolite.worker': REPLICAS_MIN }, hostPorts: { 'mnemolite.nginx': 18380 } }, { nodeLabel: 'org.example.zone', dataNode: 'db-1' }),
      'mnemolite',
    );
    expect([layout.api[0], layout.worker[0], layout.postgres[1], layout.chromadb[1], layout.nginx[2]]).toEqual([
      REPLICAS_MAX,
      REPLICAS_MIN,
      ['node.labels.org.example.zone==db-1'],
      ['node.labels.org.example.zone==db-1'],
      ['18380/host'],
    ]);
  });

  test('fails when hostPorts still sets "mnemolite.api", which Swarm does not publish, naming the proxy key', () => {
    expect(() => synthSeedOnSwarm('mnemolite', { hostPorts: { 'mnemolite.api': 18380 } })).toThrow('hostPorts.mnemolite.api = 18380: no service publishes a host port under this key. Fix: did you mean "mnemolite.nginx"? The keys are mnemolite.nginx');
  });

  test('fails with the stateful-placement rule for Postgres and ChromaDB when a configuration given in code has no dataNode', () => {
    expect(() => synthSeedOnSwarm('mnemolite', {}, { dataNode: undefined })).toThrow(/CDS-SWARM-STATEFUL-PLACEMENT[\s\S]*mnemolite\/postgres[\s\S]*CDS-SWARM-STATEFUL-PLACEMENT[\s\S]*mnemolite\/chromadb/);
  });
});
