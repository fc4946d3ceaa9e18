import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import Docker from 'dockerode';
import { LocalBackend } from 'cdktf';
import { DockerApp } from '../../constructs';
import { addSeedStacks, loadStacksConfig, SWARM_DEFAULT_REPLICAS, SwarmStackName } from '../../stacks';
import { CdktfWorkdir } from './support/cdktf-cli';
import { destroyStacks, diffRounds, healthyOn, noChangesIn, nodeRequestOk, removeVolume, removeVolumesOnEveryNode, SwarmApis, volumesOn, waitForTasks } from './support/swarm-seed-checks';
import { parseSwarmEnv, registryReference, swarm, swarmLeftovers, swarmOk, SWARM_NODE_NAMES, SwarmEnv, SwarmNodeName } from './support/swarm-script';

// Given the three-node Swarm of scripts/swarm.sh and a configuration file that sends mnemolite,
// my-ia and arkalia to it (DNS round robin and host-mode ports since the test kernel has no
// IPVS; data on node3; the default replica count; images by registry digest), when the three are
// deployed with one `cdktf deploy`, then every task runs and is healthy where it should (APIs on
// two nodes, Postgres, ChromaDB and Ollama on node3, each proxy on every node), each entry point
// answers on every node's address with its API's name and, for the stacks with a database, a
// health report whose database query went through it; three diffs are clean; destroy removes
// services, networks, secrets and configs while the named volumes stay on node3 (this suite then
// removes them). The demo app writes only to Redis, which these three stacks do not have: the
// database is reached by the API's health query, not by a write.
type LayoutStack = Extract<SwarmStackName, 'mnemolite' | 'my-ia' | 'arkalia'>;
const stacks: readonly LayoutStack[] = ['mnemolite', 'my-ia', 'arkalia'];
const namePrefix = `cds-swl${process.pid % 1000}`;
const prefixOf = (stack: SwarmStackName) => `${namePrefix}-${stack}`;
const DATA_NODE: SwarmNodeName = 'node3';
/** The entry points' host ports, by hostPorts key. */
const PORTS = { 'mnemolite.nginx': 18380, 'my-ia.frontend': 18400, 'my-ia.app': 18480, 'arkalia.nginx': 18100 } as const;
/** Each stack's replicated services (the default count), pinned services and proxy. */
const LAYOUT: Readonly<Record<LayoutStack, { replicated: readonly string[]; pinned: readonly string[]; proxy: string }>> = {
  mnemolite: { replicated: ['api', 'worker'], pinned: ['postgres', 'chromadb'], proxy: 'nginx' },
  'my-ia': { replicated: ['app'], pinned: ['postgres', 'ollama', 'chroma'], proxy: 'frontend' },
  arkalia: { replicated: ['api'], pinned: [], proxy: 'nginx' },
};
const imagePrefix = process.env.CDS_IMAGE_PREFIX ?? 'cds-local';
const secretVariables = ['mnemolite_postgres_password', 'mnemolite_api_key', 'my_ia_api_key', 'my_ia_postgres_password'];

let env: SwarmEnv;
let apis: SwarmApis;
let cli: CdktfWorkdir;
let deployed = false;

/** Services, secrets, configs and networks on the cluster under this suite's prefix. */
async function leftovers(): Promise<string[]> {
  return swarmLeftovers(apis.manager, `${namePrefix}-`);
}

const volumesOf = (node: SwarmNodeName) => volumesOn(apis, node, `${namePrefix}-`);

beforeAll(async () => {
  swarmOk(['up']);
  env = parseSwarmEnv(swarmOk(['env']));
  apis = {
    manager: new Docker({ socketPath: env.managerSocket }),
    nodes: Object.fromEntries(SWARM_NODE_NAMES.map((n) => [n, new Docker({ socketPath: env.nodeSockets[n] })])) as Record<SwarmNodeName, Docker>,
  };
  // The cluster may be shared with another suite: start only from a clean slate under this prefix.
  expect(await leftovers()).toEqual([]);
  expect(await volumesOf(DATA_NODE)).toEqual([]);
  for (const variable of secretVariables) process.env[`TF_VAR_${variable}`] = `swl-${randomBytes(12).toString('hex')}`;
  cli = new CdktfWorkdir(fs.mkdtempSync(path.join(os.tmpdir(), 'cds-swl-')));
  const target = { kind: 'swarm', nodeLabel: env.nodeLabel, dataNode: DATA_NODE, endpointMode: 'dnsrr', publishMode: 'host' };
  const image = (name: string) => registryReference(env, imagePrefix, name);
  const configFile = path.join(cli.workdir, 'stacks.config.json');
  fs.writeFileSync(
    configFile,
    JSON.stringify(
      {
        namePrefix,
        dockerHost: env.managerHost,
        imageProfile: 'local',
        images: {
          postgres: image('postgres:15'),
          postgres16: image('postgres:15'),
          chroma: image('chroma-standin:1'),
          ollama: image('ollama-standin:1'),
          nginx: image('nginx:1'),
          app: image('demo-app:1'),
        },
        targets: Object.fromEntries(stacks.map((stack) => [stack, target])),
        hostPorts: PORTS,
      },
      null,
      2,
    ),
  );
  const config = loadStacksConfig(cli.workdir, { CDS_CONFIG: configFile });
  const app = new DockerApp({ outdir: cli.outdir });
  for (const stack of addSeedStacks(app, config, stacks)) new LocalBackend(stack, { path: path.join(cli.workdir, `terraform.${stack.node.id}.tfstate`) });
  app.synth();
});

afterAll(async () => {
  try {
    if (deployed) cli.run(['destroy', ...stacks, '--auto-approve']);
    for (const node of SWARM_NODE_NAMES) for (const volume of await volumesOf(node).catch(() => [])) await removeVolume(apis, node, volume).catch(() => undefined);
  } finally {
    for (const variable of secretVariables) delete process.env[`TF_VAR_${variable}`];
    if (cli) fs.rmSync(cli.workdir, { recursive: true, force: true });
    swarm(['down']);
  }
});

test('(1) one deploy of the three converges: APIs 2 tasks on 2 nodes, the data on node3, each proxy on every node, all running and healthy', async () => {
  deployed = true;
  cli.runOk(['deploy', ...stacks, '--auto-approve', '--parallelism', String(stacks.length)]);

  const seen: Record<string, unknown> = {};
  const expected: Record<string, unknown> = {};
  const running = { state: 'running', health: 'healthy' };
  for (const stack of stacks) {
    const { replicated, pinned, proxy } = LAYOUT[stack];
    for (const service of replicated) {
      const name = `${prefixOf(stack)}-${service}`;
      // Spread: the replicas land on distinct nodes, which ones is Swarm's choice.
      const tasks = await waitForTasks(apis, name, (t) => healthyOn(t.map((x) => x.node))(t) && new Set(t.map((x) => x.node)).size === SWARM_DEFAULT_REPLICAS);
      seen[name] = { nodes: new Set(tasks.map((t) => t.node)).size, tasks: tasks.map(({ state, health }) => ({ state, health })) };
      expected[name] = { nodes: SWARM_DEFAULT_REPLICAS, tasks: Array.from({ length: SWARM_DEFAULT_REPLICAS }, () => running) };
    }
    for (const service of pinned) {
      const name = `${prefixOf(stack)}-${service}`;
      seen[name] = await waitForTasks(apis, name, healthyOn([DATA_NODE]));
      expected[name] = [{ node: DATA_NODE, ...running }];
    }
    // Global mode has no converge_config (the provider refuses it): the tasks are waited for here.
    const name = `${prefixOf(stack)}-${proxy}`;
    seen[name] = await waitForTasks(apis, name, healthyOn(SWARM_NODE_NAMES));
    expected[name] = SWARM_NODE_NAMES.map((node) => ({ node, ...running }));
  }
  expect(seen).toEqual(expected);
});

test('(2) every entry point answers on every node (test network only): the API by name, and its database query for mnemolite and my-ia', () => {
  for (const node of SWARM_NODE_NAMES) {
    const base = (key: keyof typeof PORTS) => `http://${env.nodeIps[node]}:${PORTS[key]}`;
    const name = (answer: { code: string; body: string }) => [answer.code, /"name":"([^"]+)"/.exec(answer.body)?.[1]];
    const health = (answer: { code: string; body: string }) => [answer.code, answer.body];
    expect({
      node,
      mnemolite: name(nodeRequestOk(node, `${base('mnemolite.nginx')}/`)),
      mnemoliteHealth: health(nodeRequestOk(node, `${base('mnemolite.nginx')}/health`)),
      myIa: name(nodeRequestOk(node, `${base('my-ia.frontend')}/`)),
      myIaAppPort: name(nodeRequestOk(node, `${base('my-ia.app')}/`)),
      myIaHealth: health(nodeRequestOk(node, `${base('my-ia.frontend')}/health`)),
      arkalia: name(nodeRequestOk(node, `${base('arkalia.nginx')}/`)),
    }).toEqual({
      node,
      mnemolite: ['200', 'mnemolite-api'],
      mnemoliteHealth: ['200', '{"status":"healthy","database":true}'],
      myIa: ['200', 'my-ia'],
      myIaAppPort: ['200', 'my-ia'],
      myIaHealth: ['200', '{"status":"healthy","database":true}'],
      arkalia: ['200', 'arkalia-api'],
    });
  }
});

test('(3) cdktf diff reports no changes, three times in a row', () => {
  expect(diffRounds(cli, stacks)).toEqual(noChangesIn(stacks));
});

test('(4) destroy removes services, networks, secrets and configs; the named volumes stay on node3', async () => {
  const before = await volumesOf(DATA_NODE);
  const left = await destroyStacks(cli, stacks, leftovers);
  deployed = false;
  expect(left).toEqual([]);
  expect(before).toEqual(
    expect.arrayContaining([`${prefixOf('mnemolite')}-postgres-data`, `${prefixOf('my-ia')}-postgres-data`, `${prefixOf('my-ia')}-ollama-models`]),
  );
  expect(await volumesOf(DATA_NODE)).toEqual(before);

  await removeVolumesOnEveryNode(apis, volumesOf);
  expect(await Promise.all(SWARM_NODE_NAMES.map((node) => volumesOf(node)))).toEqual([[], [], []]);
});
