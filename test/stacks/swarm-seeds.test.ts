import { App, Testing } from 'cdktf';
import { ValidationError } from '../../constructs';
import { REPLICAS_MAX, REPLICAS_MIN } from '../../constructs/limits';
import { addSeedStacks, ConfigError, StackName, StacksConfig, SWARM_DEFAULT_REPLICAS } from '../../stacks';
import { containers, SynthesizedStack } from '../support/synth';

// vibecoding and nexten on a Swarm target chosen by the configuration: which services become
// docker_service with how many replicas, what is pinned to the data node, and what is published.

const digest = (name: string) => `registry.test:5000/${name}@sha256:${'0123456789abcdef'.repeat(4)}`;
const IMAGES = { postgres: digest('postgres'), redis: digest('redis'), nginx: digest('nginx'), app: digest('app') };
const LABEL = 'org.cdktf-docker-stacks.node';

type ServiceJson = {
  name: string;
  mode: { replicated?: { replicas: number }; global?: boolean };
  task_spec: { placement?: { constraints?: string[] } };
  endpoint_spec?: { mode?: string; ports?: { target_port: number; published_port: number; publish_mode: string }[] };
};

function config(overrides: Partial<StacksConfig> = {}, target: Record<string, unknown> = {}): StacksConfig {
  const swarm = { kind: 'swarm', dataNode: 'node3', endpointMode: 'dnsrr', publishMode: 'host', ...target } as NonNullable<StacksConfig['targets']>[string];
  return { imageProfile: 'local', images: IMAGES, targets: { vibecoding: swarm, nexten: swarm }, ...overrides };
}

function synthStack(name: StackName, c: StacksConfig): SynthesizedStack {
  const [stack] = addSeedStacks(Testing.app(), c, [name]);
  return JSON.parse(Testing.synth(stack, true)) as SynthesizedStack;
}

/** The docker_service resources by service name without the stack prefix. */
function services(json: SynthesizedStack, prefix: string): Record<string, ServiceJson> {
  return Object.fromEntries(Object.values(json.resource.docker_service ?? {}).map((s) => [(s as ServiceJson).name.replace(`${prefix}-`, ''), s as ServiceJson]));
}

const replicasOf = (s: ServiceJson) => s.mode.replicated?.replicas ?? (s.mode.global ? 'global' : undefined);
const pin = (s: ServiceJson) => s.task_spec.placement?.constraints;

describe('vibecoding on Swarm', () => {
  test('every service is a docker_service: API and workers replicated (default 2), data pinned, nginx global on a host-mode port 80', () => {
    const json = synthStack('vibecoding', config());
    const s = services(json, 'vibecoding');

    expect(containers(json)).toEqual([]);
    expect(Object.fromEntries(Object.entries(s).map(([name, svc]) => [name, [replicasOf(svc), pin(svc)]]))).toEqual({
      api: [SWARM_DEFAULT_REPLICAS, undefined],
      worker: [SWARM_DEFAULT_REPLICAS, undefined],
      postgres: [1, [`node.labels.${LABEL}==node3`]],
      redis: [1, [`node.labels.${LABEL}==node3`]],
      scheduler: [1, [`node.labels.${LABEL}==node3`]],
      nginx: ['global', undefined],
    });
    expect(Object.fromEntries(Object.entries(s).map(([name, svc]) => [name, svc.endpoint_spec?.ports ?? []]))).toEqual({
      api: [],
      worker: [],
      postgres: [],
      redis: [],
      scheduler: [],
      nginx: [expect.objectContaining({ target_port: 8080, published_port: 80, publish_mode: 'host' })],
    });
    expect(new Set(Object.values(s).map((svc) => svc.endpoint_spec?.mode))).toEqual(new Set(['dnsrr']));
  });

  test('the replicas, node label and data node come from the configuration', () => {
    const json = synthStack('vibecoding', config({ replicas: { 'vibecoding.api': 3, 'vibecoding.worker': 5 } }, { nodeLabel: 'org.example.zone', dataNode: 'db-1' }));
    const s = services(json, 'vibecoding');

    expect([replicasOf(s.api), replicasOf(s.worker)]).toEqual([3, 5]);
    expect(pin(s.postgres)).toEqual(['node.labels.org.example.zone==db-1']);
  });

  test.each([REPLICAS_MIN, REPLICAS_MAX])('%i API replicas (a bound) reach the service', (count) => {
    const s = services(synthStack('vibecoding', config({ replicas: { 'vibecoding.api': count } })), 'vibecoding');
    expect(replicasOf(s.api)).toBe(count);
  });

  test('with the default modes (vip, ingress) nginx publishes through the routing mesh', () => {
    const s = services(synthStack('vibecoding', config({}, { endpointMode: undefined, publishMode: undefined })), 'vibecoding');
    expect(s.nginx.endpoint_spec).toEqual(expect.objectContaining({ mode: 'vip', ports: [expect.objectContaining({ published_port: 80, publish_mode: 'ingress' })] }));
  });

  test('hostPorts "vibecoding.nginx" moves the entry point', () => {
    const s = services(synthStack('vibecoding', config({ hostPorts: { 'vibecoding.nginx': 18080 } })), 'vibecoding');
    expect(s.nginx.endpoint_spec?.ports?.map((p) => p.published_port)).toEqual([18080]);
  });

  test('fails with a ValidationError when a configuration given in code (no file schema) leaves the app image a local build', () => {
    // loadStacksConfig refuses it earlier (targets-config.test.ts); the library's own check still holds here.
    const { app: _app, ...withoutApp } = IMAGES;
    expect(() => synthStack('vibecoding', config({ images: withoutApp, imageProfile: 'official' }))).toThrow(ValidationError);
  });
});

describe('nexten on Swarm', () => {
  test('an nginx entry point is added (global, port 8000); the api publishes nothing; workers replicated; Redis pinned', () => {
    const json = synthStack('nexten', config({ replicas: { 'nexten.api': 3, 'nexten.matching-worker-high': 3, 'nexten.matching-worker-standard': 3, 'nexten.matching-worker-bulk': 3 } }));
    const s = services(json, 'nexten');

    expect(Object.fromEntries(Object.entries(s).map(([name, svc]) => [name, [replicasOf(svc), pin(svc), (svc.endpoint_spec?.ports ?? []).map((p) => `${p.published_port}/${p.publish_mode}`)]]))).toEqual({
      api: [3, undefined, []],
      'cv-parser': [1, undefined, []],
      'cv-parser-worker': [SWARM_DEFAULT_REPLICAS, undefined, []],
      'matching-api': [1, undefined, []],
      'matching-worker-high': [3, undefined, []],
      'matching-worker-standard': [3, undefined, []],
      'matching-worker-bulk': [3, undefined, []],
      redis: [1, [`node.labels.${LABEL}==node3`], []],
      nginx: ['global', undefined, ['8000/host']],
    });
  });

  test('fails when hostPorts still sets "nexten.api", which Swarm does not publish, naming the proxy key', () => {
    let error: unknown;
    try {
      addSeedStacks(new App(), config({ hostPorts: { 'nexten.api': 18000 } }), ['nexten']);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual(['hostPorts.nexten.api = 18000: no service publishes a host port under this key. Fix: use one of nexten.nginx']);
  });

  test('fails with the stateful-placement rule when a configuration given in code has no dataNode', () => {
    expect(() => synthStack('nexten', config({}, { dataNode: undefined }))).toThrow(/CDS-SWARM-STATEFUL-PLACEMENT[\s\S]*nexten\/redis[\s\S]*placement\.node/);
  });
});

describe('the same stacks on an engine', () => {
  test('nexten keeps its single-engine shape: no docker_service, no proxy, one container per service', () => {
    const json = synthStack('nexten', { imageProfile: 'local' });
    const names = containers(json).map((c) => c.name).sort();

    expect(json.resource.docker_service).toBeUndefined();
    expect(names).toEqual(['nexten-api', 'nexten-cv-parser', 'nexten-cv-parser-worker', 'nexten-matching-api', 'nexten-matching-worker-bulk', 'nexten-matching-worker-high', 'nexten-matching-worker-standard', 'nexten-redis']);
  });

  test('replicas apply on an engine too: 3 worker containers', () => {
    const json = synthStack('vibecoding', { imageProfile: 'local', replicas: { 'vibecoding.worker': 3 } });
    expect(containers(json).map((c) => c.name).filter((n) => n.startsWith('vibecoding-worker')).sort()).toEqual(['vibecoding-worker-1', 'vibecoding-worker-2', 'vibecoding-worker-3']);
  });

  test('fails with a ValidationError when the nexten api gets replicas on an engine, where it publishes one host port', () => {
    expect(() => synthStack('nexten', { imageProfile: 'local', replicas: { 'nexten.api': 2 } })).toThrow(/nexten\/api.*replicas cannot publish one host port/s);
  });
});
