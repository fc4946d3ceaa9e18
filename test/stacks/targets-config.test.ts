import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { REPLICAS_MAX, REPLICAS_MIN } from '../../constructs/limits';
import { ConfigError, loadStacksConfig, REPLICA_KEYS, StacksConfig, SWARM_STACK_IMAGE_KEYS } from '../../stacks';

// stacks/config.ts: the `targets` entries (which stack deploys to Swarm, with which node label,
// data node and modes), the images a Swarm stack needs by digest, and `replicas`.

let root: string;
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'cds-targets-'));
});
afterEach(() => {
  fs.rmSync(root, { recursive: true, force: true });
});

function load(content: unknown): StacksConfig {
  fs.writeFileSync(path.join(root, 'stacks.config.json'), JSON.stringify(content));
  return loadStacksConfig(root, {});
}

function problems(content: unknown): readonly string[] {
  try {
    load(content);
  } catch (error) {
    if (error instanceof ConfigError) {
      expect(error.source).toBe(path.join(root, 'stacks.config.json'));
      return error.problems;
    }
    throw error;
  }
  throw new Error('the configuration was accepted');
}

const digest = (name: string) => `registry.test:5000/${name}@sha256:${'0123456789abcdef'.repeat(4)}`;
/** Every image vibecoding and nexten use on Swarm, by digest. */
const SWARM_IMAGES = { postgres: digest('postgres'), redis: digest('redis'), nginx: digest('nginx'), app: digest('app') };
const swarmTarget = { kind: 'swarm', dataNode: 'db-1' };

describe('targets', () => {
  test('a Swarm target with every field is accepted as written', () => {
    const target = { kind: 'swarm', nodeLabel: 'org.example.node', dataNode: 'db-1', endpointMode: 'dnsrr', publishMode: 'host' };
    expect(load({ images: SWARM_IMAGES, targets: { vibecoding: target, nexten: { kind: 'engine' } } })).toEqual({
      images: SWARM_IMAGES,
      targets: { vibecoding: target, nexten: { kind: 'engine' } },
    });
  });

  test('the stacks that deploy to Swarm, and the image keys each needs by digest', () => {
    expect(SWARM_STACK_IMAGE_KEYS).toEqual({
      vibecoding: ['postgres', 'redis', 'nginx', 'app'],
      nexten: ['redis', 'nginx', 'app'],
      mnemolite: ['postgres', 'chroma', 'nginx', 'app'],
      'my-ia': ['postgres16', 'ollama', 'chroma', 'nginx', 'app'],
      arkalia: ['nginx', 'app'],
    });
  });

  test('fails when the stack name is a typo, with a did-you-mean', () => {
    expect(problems({ targets: { vibecodng: { kind: 'engine' } } })).toEqual([
      'targets.vibecodng = {"kind":"engine"}: no stack has this name. Fix: did you mean "vibecoding"? the stacks are vibecoding, vibecoding-dev, mnemolite, my-ia, nexten, arkalia',
    ]);
  });

  test('fails when the kind is unknown', () => {
    expect(problems({ targets: { nexten: { kind: 'kubernetes' } } })).toEqual([
      'targets.nexten.kind = "kubernetes": unknown target kind. Fix: use "engine" (one Docker Engine, the default) or "swarm" (a Swarm cluster through a manager)',
    ]);
  });

  test('fails when a field is unknown, listing the fields', () => {
    expect(problems({ images: SWARM_IMAGES, targets: { nexten: { ...swarmTarget, replicas: 3 } } })).toEqual([
      'targets.nexten = {"kind":"swarm","dataNode":"db-1","replicas":3}: unknown field "replicas". Fix: the fields are kind, nodeLabel, dataNode, endpointMode, publishMode; e.g. { "kind": "swarm", "dataNode": "db-1", "endpointMode": "dnsrr", "publishMode": "host" }',
    ]);
  });

  test('fails when a Swarm target has no dataNode, naming the label command', () => {
    expect(problems({ images: SWARM_IMAGES, targets: { nexten: { kind: 'swarm', nodeLabel: 'org.example.node' } } })).toEqual([
      'targets.nexten.dataNode = undefined: missing: on Swarm the stateful services (Postgres, Redis, the backups) are pinned to the node that keeps their volumes. Fix: name that node\'s label value, e.g. "dataNode": "db-1", and label it once: docker node update --label-add org.example.node=db-1 <node>',
    ]);
  });

  test('fails when an engine target has a Swarm setting', () => {
    expect(problems({ targets: { nexten: { kind: 'engine', publishMode: 'host' } } })).toEqual([
      'targets.nexten.publishMode = "host": a Swarm setting on an engine target. Fix: remove "publishMode", or use "kind": "swarm"',
    ]);
  });

  test('fails when DNS round robin is combined with the ingress routing mesh (the default publish mode)', () => {
    expect(problems({ images: SWARM_IMAGES, targets: { nexten: { ...swarmTarget, endpointMode: 'dnsrr' } } })).toEqual([
      'targets.nexten.publishMode = undefined: Docker refuses ports published through the ingress routing mesh on a service in DNS round-robin mode. Fix: add "publishMode": "host", or use "endpointMode": "vip"',
    ]);
  });

  test('fails when the modes are unknown', () => {
    expect(problems({ images: SWARM_IMAGES, targets: { nexten: { ...swarmTarget, endpointMode: 'round-robin', publishMode: 'mesh' } } })).toEqual([
      'targets.nexten.endpointMode = "round-robin": unknown endpoint mode. Fix: use "vip" (a virtual IP per service, needs IPVS) or "dnsrr" (DNS round robin)',
      'targets.nexten.publishMode = "mesh": unknown publish mode. Fix: use "ingress" (routing mesh on every node, needs IPVS) or "host" (each node running a task)',
    ]);
  });

  test('fails when the node label key or the data node is not one Docker takes', () => {
    expect(problems({ images: SWARM_IMAGES, targets: { nexten: { kind: 'swarm', nodeLabel: 'Org Node', dataNode: '-db' } } })).toEqual([
      'targets.nexten.nodeLabel = "Org Node": not a node label key. Fix: use lowercase letters, digits, ".", "_" or "-", e.g. "org.cdktf-docker-stacks.node"',
      'targets.nexten.dataNode = "-db": not a node label value. Fix: use letters, digits, ".", "_" or "-", e.g. "db-1"',
    ]);
  });

  test.each([
    ['mnemolite', { postgres: digest('postgres'), chroma: digest('chroma'), nginx: digest('nginx'), app: digest('app') }],
    ['my-ia', { postgres16: digest('postgres'), ollama: digest('ollama'), chroma: digest('chroma'), nginx: digest('nginx'), app: digest('app') }],
    ['arkalia', { nginx: digest('nginx'), app: digest('app') }],
  ])('%s takes a Swarm target with its images by digest', (stack, images) => {
    expect(load({ images, targets: { [stack]: swarmTarget } }).targets).toEqual({ [stack]: swarmTarget });
  });

  test('fails once per my-ia image not set when my-ia deploys to Swarm (Ollama and ChromaDB too)', () => {
    const found = problems({ images: { nginx: digest('nginx'), app: digest('app') }, targets: { 'my-ia': swarmTarget } });
    expect(found.map((p) => p.slice(0, p.indexOf(':')))).toEqual(['images.postgres16 = undefined', 'images.ollama = undefined', 'images.chroma = undefined']);
  });

  test('fails when vibecoding-dev, which publishes on 127.0.0.1 for a host API, is given a Swarm target', () => {
    expect(problems({ targets: { 'vibecoding-dev': swarmTarget } })).toEqual([
      'targets.vibecoding-dev.kind = "swarm": vibecoding-dev publishes Postgres and Redis on 127.0.0.1 for an API run on your machine, which a Swarm cannot do. Fix: deploy vibecoding-dev to an engine ("kind": "engine" or no entry); the stacks that deploy to Swarm are vibecoding, nexten, mnemolite, my-ia, arkalia',
    ]);
  });
});

describe('images on a Swarm target', () => {
  test('fails once per image the stack uses that is not set, since the defaults are tags or local builds', () => {
    const found = problems({ images: { redis: digest('redis') }, targets: { nexten: swarmTarget } });
    expect(found.map((p) => p.slice(0, p.indexOf(':')))).toEqual(['images.nginx = undefined', 'images.app = undefined']);
    expect(found[0]).toContain('not set, and nexten deploys to Swarm (targets.nexten), where every node pulls the image itself');
    expect(found[0]).toContain('Fix: push the image to a registry every node reaches and write it by digest, e.g. "registry.example.com/nginx@sha256:<64 hex digits>"');
  });

  test('fails when an image is a tag, naming it and the stack', () => {
    const found = problems({ images: { ...SWARM_IMAGES, app: 'registry.test:5000/app:1.4.2' }, targets: { vibecoding: swarmTarget } });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^images\.app = "registry\.test:5000\/app:1\.4\.2": a tag, and vibecoding deploys to Swarm \(targets\.vibecoding\), where every node resolves a tag for itself and may get another image\. Fix: push the image/);
  });

  test('a tag is fine for a stack on an engine', () => {
    expect(load({ images: { app: 'registry.test:5000/app:1.4.2' }, targets: { vibecoding: { kind: 'engine' } } }).images).toEqual({ app: 'registry.test:5000/app:1.4.2' });
  });
});

describe('replicas', () => {
  test('the keys are the APIs and queue workers of the stacks that deploy to Swarm', () => {
    expect(REPLICA_KEYS).toEqual([
      'vibecoding.api',
      'vibecoding.worker',
      'nexten.api',
      'nexten.cv-parser-worker',
      'nexten.matching-worker-high',
      'nexten.matching-worker-standard',
      'nexten.matching-worker-bulk',
      'mnemolite.api',
      'mnemolite.worker',
      'my-ia.app',
      'arkalia.api',
    ]);
  });

  test.each([REPLICAS_MIN, REPLICAS_MAX])('%i replicas are accepted (the bounds)', (count) => {
    expect(load({ replicas: { 'vibecoding.worker': count } }).replicas).toEqual({ 'vibecoding.worker': count });
  });

  test.each([
    [REPLICAS_MIN - 1, 'too few replicas. Fix: use 1-32'],
    [REPLICAS_MAX + 1, 'too many replicas. Fix: use 1-32; beyond that, give the workers more concurrency'],
    [2.5, 'not a whole replica count. Fix: use a whole number from 1-32'],
    ['3', 'not a replica count. Fix: write a JSON number from 1-32, e.g. 3'],
  ])('fails when the count is %p', (count, message) => {
    expect(problems({ replicas: { 'vibecoding.worker': count } })).toEqual([`replicas.vibecoding.worker = ${JSON.stringify(count)}: ${message}`]);
  });

  test('fails when the key is a typo, with a did-you-mean', () => {
    expect(problems({ replicas: { 'nexten.matching-worker-hihg': 3 } })).toEqual([
      `replicas.nexten.matching-worker-hihg = 3: no service takes a replica count under this key. Fix: did you mean "nexten.matching-worker-high"? the keys are ${REPLICA_KEYS.join(', ')}`,
    ]);
  });

  test('fails when the key names a stateful service, saying why it has one task', () => {
    expect(problems({ replicas: { 'vibecoding.postgres': 2 } })).toEqual([
      `replicas.vibecoding.postgres = 2: not replicated: it keeps its data in a node-local volume (one task, pinned to the dataNode on Swarm). Fix: remove it; the keys are ${REPLICA_KEYS.join(', ')}`,
    ]);
  });

  test('fails when the key names ChromaDB, Ollama or my-ia\'s frontend proxy, saying why', () => {
    const found = problems({ replicas: { 'mnemolite.chromadb': 2, 'my-ia.ollama': 2, 'my-ia.chroma': 2, 'my-ia.frontend': 2 } });
    expect(found.map((p) => p.slice(0, p.indexOf('. Fix:')))).toEqual([
      'replicas.mnemolite.chromadb = 2: not replicated: it keeps its data in a node-local volume (one task, pinned to the dataNode on Swarm)',
      'replicas.my-ia.ollama = 2: not replicated: it keeps its models in a node-local volume (one task, pinned to the dataNode on Swarm)',
      'replicas.my-ia.chroma = 2: not replicated: it keeps its data in a node-local volume (one task, pinned to the dataNode on Swarm)',
      'replicas.my-ia.frontend = 2: not replicated: the entry point runs one task per node on Swarm (global mode), and publishes one host port on an engine',
    ]);
  });

  test('fails when the key names the scheduler or the proxy, saying why', () => {
    const found = problems({ replicas: { 'vibecoding.scheduler': 2, 'nexten.nginx': 3 } });
    expect(found.map((p) => p.slice(0, p.indexOf('. Fix:')))).toEqual([
      'replicas.vibecoding.scheduler = 2: not replicated: its cron jobs and backups would run once per replica',
      'replicas.nexten.nginx = 3: not replicated: the entry point runs one task per node on Swarm (global mode), and publishes one host port on an engine',
    ]);
  });
});
