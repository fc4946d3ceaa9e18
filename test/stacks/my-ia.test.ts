import { Testing } from 'cdktf';
import { REPLICAS_MAX, REPLICAS_MIN } from '../../constructs/limits';
import { HealthCheck, Ollama, Port, ProbeTool, ChromaDb } from '../../constructs';
import { addSeedStacks, SWARM_DEFAULT_REPLICAS } from '../../stacks';
import { baseName, container, containers, newStack, SynthesizedStack, validationMessages } from '../support/synth';
import {
  expectChromaProbe,
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
  SWARM_NODE_LABEL,
  swarmLayout,
  swarmSecretFiles,
  swarmServices,
  synthSeed,
  synthSeedOnSwarm,
} from './seed-stack-assertions';

// Seed 004 (my-ia): app + ollama + chroma + postgres 16 + frontend, internal/external networks.
describe.each(PROFILES)('my-ia (%s images)', (profile) => {
  let json: ReturnType<typeof synthSeed>;
  beforeEach(() => {
    json = synthSeed('my-ia', profile);
  });

  test('has the five seed services, hardened', () => {
    expect(containers(json).map((c) => baseName(c.name)).sort()).toEqual(['my-ia-app', 'my-ia-chroma', 'my-ia-frontend', 'my-ia-ollama', 'my-ia-postgres']);
    expectHardened(json);
  });

  test('the frontend proxy holds 127.0.0.1:8400 and the app\'s 127.0.0.1:8480 (seed 004\'s block of host ports); nothing public', () => {
    expectLoopbackPorts(json);
    expectPublishedPortsReachable(json);
    expect(portsOf(container(json, 'my-ia-app'))).toEqual([]);
    expect(portsOf(container(json, 'my-ia-frontend'))).toEqual([
      { internal: 8080, external: 8400, ip: '127.0.0.1', protocol: 'tcp' },
      { internal: 8081, external: 8480, ip: '127.0.0.1', protocol: 'tcp' },
    ]);
    for (const name of ['my-ia-postgres', 'my-ia-ollama', 'my-ia-chroma']) expect(portsOf(container(json, name))).toEqual([]);
  });

  test('internal network is internal; data services only on it; app and frontend on both', () => {
    expect(networkTable(json)).toEqual({ 'my-ia-internal': true, 'my-ia-external': false });
    for (const name of ['my-ia-postgres', 'my-ia-ollama', 'my-ia-chroma']) expect(networksOf(json, name)).toEqual(['my-ia-internal']);
    expect(networksOf(json, 'my-ia-app')).toEqual(['my-ia-external', 'my-ia-internal']);
    expect(networksOf(json, 'my-ia-frontend')).toEqual(['my-ia-external', 'my-ia-internal']);
  });

  test('app waits for postgres, ollama and chroma; frontend waits for the app', () => {
    expectDependsOn(json, 'my-ia-app', ['my-ia-postgres', 'my-ia-ollama', 'my-ia-chroma']);
    expectDependsOn(json, 'my-ia-frontend', ['my-ia-app']);
  });

  test('no secret in plain text: postgres password and API key from variables, none generated', () => {
    const seen = expectNoPlainSecrets(json);
    expect(seen).toEqual(expect.arrayContaining(['my-ia-postgres:POSTGRES_PASSWORD', 'my-ia-app:DATABASE_URL', 'my-ia-app:API_KEY']));
    expect(container(json, 'my-ia-postgres').env).toEqual(expect.arrayContaining(['POSTGRES_PASSWORD=${var.my_ia_postgres_password}']));
    // A generated password would not survive a destroy, while the data volume does.
    expect(json.resource.random_password).toBeUndefined();
  });

  test('the app is replaced start-first: a new generation beside the old one, swapped once healthy', () => {
    const app = container(json, 'my-ia-app');
    expect(app.lifecycle).toEqual({ create_before_destroy: true });
    const generation = /^my-ia-app-\$\{random_id\.([A-Za-z0-9_-]+)\.hex\}$/.exec(app.name);
    expect(generation).not.toBeNull();
    const keepers = (json.resource.random_id[generation?.[1] ?? ''] as { keepers: Record<string, string> }).keepers;
    // The image id, the secrets and the networks are among what renames the generation.
    expect(Object.values(keepers)).toEqual(expect.arrayContaining([expect.stringMatching(/^\$\{sha256\(tostring\(docker_image\..+\.image_id\)\)\}$/), '${sha256(tostring(var.my_ia_api_key))}', '${sha256(tostring(replace(urlencode(var.my_ia_postgres_password), "+", "%20")))}']));
    // Every other service keeps its name and is replaced stop-first.
    for (const other of containers(json).filter((c) => c !== app)) expect({ name: other.name, lifecycle: other.lifecycle }).toEqual({ name: baseName(other.name), lifecycle: undefined });
    // The frontend reaches the app by its name on both listeners.
    const conf = ((container(json, 'my-ia-frontend').upload as { content: string }[])[0]).content;
    expect(conf.match(/set \$upstream_app_8080 app:8080;/g)).toHaveLength(2);
    expect(conf).toContain('listen 8081;');
    // A removed app container's address, still in nginx's DNS cache, costs one short connect timeout.
    expect(conf).toContain('proxy_connect_timeout 1s;');
  });

  test('health checks: app keeps the seed timings (30s/5s/3/40s) with stdlib python; ollama list; chroma v2 heartbeat without curl', () => {
    expectHealthChecksUseImageTools(json);
    // START_FIRST: the first probe waits out the proxy's DNS cache (START_FIRST_LEAST_FIRST_PROBE_MILLIS).
    expect(container(json, 'my-ia-app').healthcheck).toMatchObject({ interval: '30s', timeout: '5s', retries: 3, start_period: '40s', start_interval: '3s' });
    expect(healthTest(container(json, 'my-ia-app')).slice(0, 3)).toEqual(['CMD', 'python3', '-c']);
    expect(healthTest(container(json, 'my-ia-app'))[3]).toContain('http://127.0.0.1:8080/health');
    expect(healthTest(container(json, 'my-ia-ollama'))).toEqual(['CMD', 'ollama', 'list']);
    expectChromaProbe(container(json, 'my-ia-chroma'));
  });
});

test('my-ia matches the reviewed snapshot (official images)', () => {
  expect(forSnapshot(synthSeed('my-ia', 'official'))).toMatchSnapshot();
});

describe('my-ia: probes calling tools the images lack are rejected', () => {
  test('curl against ollama/ollama fails with CDS-HEALTHCHECK-TOOL', () => {
    const stack = newStack('mi');
    new Ollama(stack, 'ollama', { healthCheck: HealthCheck.httpGet('/api/tags', { port: Port.tcp(11434), tool: ProbeTool.CURL }) });
    expect(validationMessages(stack).join('\n')).toMatch(/CDS-HEALTHCHECK-TOOL.*mi\/ollama.*curl/);
    expect(() => Testing.synth(stack, true)).toThrow(/CDS-HEALTHCHECK-TOOL/);
  });

  test('a python probe against chromadb/chroma 1.x fails with CDS-HEALTHCHECK-TOOL', () => {
    const stack = newStack('mi');
    new ChromaDb(stack, 'chroma', { healthCheck: HealthCheck.httpGet('/api/v2/heartbeat', { port: Port.tcp(8000), tool: ProbeTool.PYTHON }) });
    expect(() => Testing.synth(stack, true)).toThrow(/CDS-HEALTHCHECK-TOOL/);
  });

  test('rolling back to a tagged app image changes only the app container', () => {
    const withApp = (tag: string) => {
      const [stack] = addSeedStacks(Testing.app(), { imageProfile: 'official', images: { app: `example/my-ia-app:${tag}` } }, ['my-ia']);
      return JSON.parse(Testing.synth(stack, true)) as SynthesizedStack;
    };
    const current = withApp('1.3.0');
    const rollback = withApp('1.2.0');
    const changed = containers(current)
      .filter((c) => JSON.stringify(c) !== JSON.stringify(container(rollback, baseName(c.name))))
      .map((c) => baseName(c.name));
    expect(changed).toEqual(['my-ia-app']);
    // The new image id is among the keepers, so the rollback starts a new generation beside the old one.
    const keepers = (json: SynthesizedStack) => JSON.stringify(Object.values(json.resource.random_id).map((r) => (r as { keepers: unknown }).keepers));
    expect(keepers(rollback)).not.toEqual(keepers(current));
  });
});

describe('my-ia on Swarm', () => {
  let json: ReturnType<typeof synthSeedOnSwarm>;
  beforeEach(() => {
    json = synthSeedOnSwarm('my-ia');
  });

  test('the app is replicated (default 2); Postgres, Ollama and ChromaDB are pinned; the frontend proxy runs global with both ports (8400, 8480) in host mode', () => {
    expect(containers(json)).toEqual([]);
    expect(swarmLayout(json, 'my-ia')).toEqual({
      app: [SWARM_DEFAULT_REPLICAS, undefined, []],
      postgres: [1, [`node.labels.${SWARM_NODE_LABEL}==node3`], []],
      ollama: [1, [`node.labels.${SWARM_NODE_LABEL}==node3`], []],
      chroma: [1, [`node.labels.${SWARM_NODE_LABEL}==node3`], []],
      frontend: ['global', undefined, ['8400/host', '8480/host']],
    });
  });

  test('the secrets are docker_secret files, never environment values', () => {
    expect(swarmSecretFiles(json, 'my-ia')).toEqual({ app: ['/run/secrets/API_KEY', '/run/secrets/DATABASE_URL'], postgres: ['/run/secrets/POSTGRES_PASSWORD'] });
    expect(Object.keys(json.resource.docker_secret ?? {})).toHaveLength(3);
    for (const s of Object.values(swarmServices(json, 'my-ia'))) {
      expect({ [s.name]: Object.keys(s.task_spec.container_spec.env ?? {}).filter((k) => ['API_KEY', 'DATABASE_URL', 'POSTGRES_PASSWORD'].includes(k)) }).toEqual({ [s.name]: [] });
    }
  });

  test.each([REPLICAS_MIN, REPLICAS_MAX])('replicas "my-ia.app" %i (a bound) reaches the service', (count) => {
    expect(swarmLayout(synthSeedOnSwarm('my-ia', { replicas: { 'my-ia.app': count } }), 'my-ia').app[0]).toBe(count);
  });

  test('fails with the stateful-placement rule for Postgres, Ollama and ChromaDB when a configuration given in code has no dataNode', () => {
    expect(() => synthSeedOnSwarm('my-ia', {}, { dataNode: undefined })).toThrow(
      /CDS-SWARM-STATEFUL-PLACEMENT[\s\S]*my-ia\/postgres[\s\S]*CDS-SWARM-STATEFUL-PLACEMENT[\s\S]*my-ia\/ollama[\s\S]*CDS-SWARM-STATEFUL-PLACEMENT[\s\S]*my-ia\/chroma/,
    );
  });
});
