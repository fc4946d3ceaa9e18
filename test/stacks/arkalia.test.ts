import { Testing } from 'cdktf';
import { REPLICAS_MAX, REPLICAS_MIN } from '../../constructs/limits';
import { SWARM_DEFAULT_REPLICAS } from '../../stacks';
import { ContainerImage, HealthCheck, Port, ProbeTool, PythonApi, StackNetwork } from '../../constructs';
import { container, containers, newStack, validationMessages } from '../support/synth';
import {
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
  swarmLayout,
  synthSeed,
  synthSeedOnSwarm,
} from './seed-stack-assertions';

// Seed 001 (Arkalia-LUNA): one FastAPI api on :8000 with /health.
describe.each(PROFILES)('arkalia (%s images)', (profile) => {
  let json: ReturnType<typeof synthSeed>;
  beforeEach(() => {
    json = synthSeed('arkalia', profile);
  });

  test('one hardened api container', () => {
    expect(containers(json).map((c) => c.name)).toEqual(['arkalia-api']);
    expectHardened(json);
  });

  test('published on 127.0.0.1:8100 (seed 001\'s block of host ports) from a non-internal network', () => {
    expectLoopbackPorts(json);
    expectPublishedPortsReachable(json);
    expect(portsOf(container(json, 'arkalia-api'))).toEqual([{ internal: 8000, external: 8100, ip: '127.0.0.1', protocol: 'tcp' }]);
    expect(networkTable(json)).toEqual({ 'arkalia-frontend': false });
    expect(networksOf(json, 'arkalia-api')).toEqual(['arkalia-frontend']);
  });

  test('the health check GETs /health with the standard library only (no requests, no curl)', () => {
    expectHealthChecksUseImageTools(json);
    expect(healthTest(container(json, 'arkalia-api'))).toEqual(['CMD', 'python3', '-c', "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/health', timeout=5)"]);
  });

  test('no secret in plain text (the stack has none), no dependencies', () => {
    expect(expectNoPlainSecrets(json)).toEqual([]);
    expect(container(json, 'arkalia-api').depends_on ?? []).toEqual([]);
  });
});

test('arkalia matches the reviewed snapshot (official images)', () => {
  expect(forSnapshot(synthSeed('arkalia', 'official'))).toMatchSnapshot();
});

describe('arkalia: the seed 001 defect is rejected if reintroduced', () => {
  test('a health check importing `requests` on a slim Python image fails with CDS-HEALTHCHECK-TOOL', () => {
    const stack = newStack('ark');
    const network = new StackNetwork(stack, 'frontend');
    new PythonApi(stack, 'api', {
      image: ContainerImage.fromRegistry('python:3.11-slim'),
      app: 'app.main:app',
      healthCheck: HealthCheck.command(['python', '-c', "import requests; requests.get('http://localhost:8000/health').raise_for_status()"]),
      networks: [{ network }],
    });
    expect(validationMessages(stack).join('\n')).toMatch(/CDS-HEALTHCHECK-TOOL.*ark\/api.*requests/);
    expect(() => Testing.synth(stack, true)).toThrow(/CDS-HEALTHCHECK-TOOL/);
  });

  test('a curl probe on a slim Python image fails with CDS-HEALTHCHECK-TOOL; the stdlib probe passes', () => {
    const bad = newStack('ark');
    new PythonApi(bad, 'api', {
      image: ContainerImage.fromRegistry('python:3.11-slim'),
      app: 'app.main:app',
      healthCheck: HealthCheck.httpGet('/health', { port: Port.tcp(8000), tool: ProbeTool.CURL }),
    });
    expect(() => Testing.synth(bad, true)).toThrow(/CDS-HEALTHCHECK-TOOL/);
    const good = newStack('ark');
    new PythonApi(good, 'api', { image: ContainerImage.fromRegistry('python:3.11-slim'), app: 'app.main:app' });
    expect(validationMessages(good)).toEqual([]);
  });
});

describe('arkalia on Swarm', () => {
  let json: ReturnType<typeof synthSeedOnSwarm>;
  beforeEach(() => {
    json = synthSeedOnSwarm('arkalia');
  });

  test('the api is a replicated docker_service (default 2) publishing nothing; an nginx entry point runs global on host port 8100; nothing is pinned', () => {
    expect(containers(json)).toEqual([]);
    expect(swarmLayout(json, 'arkalia')).toEqual({
      api: [SWARM_DEFAULT_REPLICAS, undefined, []],
      nginx: ['global', undefined, ['8100/host']],
    });
    expect(json.resource.docker_secret).toBeUndefined();
  });

  test.each([REPLICAS_MIN, REPLICAS_MAX])('replicas "arkalia.api" %i (a bound) reaches the service', (count) => {
    expect(swarmLayout(synthSeedOnSwarm('arkalia', { replicas: { 'arkalia.api': count } }), 'arkalia').api[0]).toBe(count);
  });

  test('with the default modes (vip, ingress) nginx publishes through the routing mesh', () => {
    expect(swarmLayout(synthSeedOnSwarm('arkalia', { hostPorts: { 'arkalia.nginx': 18100 } }, { endpointMode: undefined, publishMode: undefined }), 'arkalia').nginx[2]).toEqual(['18100/ingress']);
  });

  test('on an engine the stack keeps its single api container and no proxy', () => {
    expect(containers(synthSeed('arkalia', 'local')).map((c) => c.name)).toEqual(['arkalia-api']);
  });
});
