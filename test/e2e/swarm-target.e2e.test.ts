import { spawnSync } from 'child_process';
import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import Docker from 'dockerode';
import { LocalBackend } from 'cdktf';
import {
  ContainerImage,
  DeployTarget,
  DockerApp,
  DockerStack,
  Duration,
  HealthCheck,
  NginxProxy,
  Port,
  Postgres,
  ProbeTool,
  Secret,
  Service,
  StackNetwork,
  SwarmEndpointMode,
  SwarmPublishMode,
} from '../../constructs';
import { CdktfWorkdir } from './support/cdktf-cli';
import { inNodeNetwork, parseSwarmEnv, registryReference, swarm, swarmLeftovers, swarmOk, SWARM_NODE_NAMES, SwarmEnv } from './support/swarm-script';

// Given the three-node Swarm of scripts/swarm.sh, when a stack with a Swarm target is deployed
// with cdktf (an API with 3 replicas spread over the nodes, a Postgres pinned by node label with
// its password as a docker_secret, an nginx proxy in global mode with a host-mode port), then
// every task runs healthy where it should, the proxy answers on a node's address, a diff is
// clean, and destroy removes services, networks, secrets and configs. The cluster is taken
// down at the end. Runs as root (network namespaces); needs the cds-local images on the host.
const stackName = 'swarm-target';
const prefix = `cds-swt-${process.pid % 10000}`;
const variable = 'cds_swt_db_password';
const password = `swarm-${randomBytes(12).toString('hex')}`;
const imagePrefix = process.env.CDS_IMAGE_PREFIX ?? 'cds-local';
const nodeNames = SWARM_NODE_NAMES;
const PROXY_PORT = 18080;


let env: SwarmEnv;
let manager: Docker;
let cli: CdktfWorkdir;
let deployed = false;

function image(name: string): ContainerImage {
  return ContainerImage.fromRegistry(registryReference(env, imagePrefix, name));
}

/** Running tasks of a service, with the hostname of their node. */
async function runningTasks(service: string): Promise<{ node: string; state: string }[]> {
  const nodes = new Map((await manager.listNodes()).map((n) => [n.ID, n.Description.Hostname]));
  const tasks = (await manager.listTasks({ filters: JSON.stringify({ service: [service], 'desired-state': ['running'] }) })) as { NodeID: string; Status: { State: string } }[];
  return tasks.map((t) => ({ node: nodes.get(t.NodeID) ?? t.NodeID, state: t.Status.State })).sort((a, b) => a.node.localeCompare(b.node));
}

async function leftovers(): Promise<string[]> {
  return swarmLeftovers(manager, prefix);
}

beforeAll(() => {
  swarmOk(['up']);
  env = parseSwarmEnv(swarmOk(['env']));
  manager = new Docker({ socketPath: env.managerHost.replace(/^unix:\/\//, '') });
  process.env[`TF_VAR_${variable}`] = password;
  cli = new CdktfWorkdir(fs.mkdtempSync(path.join(os.tmpdir(), 'cds-swt-')));
  const app = new DockerApp({ outdir: cli.outdir });
  const stack = new DockerStack(app, stackName, {
    namePrefix: prefix,
    dockerHost: env.managerHost,
    // The test cluster's kernel has no IPVS: DNS round robin and host-mode ports.
    target: DeployTarget.swarm({ nodeLabel: env.nodeLabel, endpointMode: SwarmEndpointMode.DNSRR, publishMode: SwarmPublishMode.HOST }),
  });
  new LocalBackend(stack, { path: path.join(cli.workdir, `terraform.${stackName}.tfstate`) });
  const net = new StackNetwork(stack, 'net');
  const quick = { interval: Duration.seconds(2), timeout: Duration.seconds(3), retries: 10, startPeriod: Duration.seconds(0) };
  const db = new Postgres(stack, 'db', { image: image('postgres:15'), password: Secret.fromVariable(variable), networks: [{ network: net }], placement: { node: 'node3' } });
  const api = new Service(stack, 'api', {
    image: image('python:3'),
    command: ['python3', '-m', 'http.server', '8000'],
    // PID 1 ignores SIGTERM: without an init the task takes its whole grace period to stop, and
    // the provider's destroy gives up waiting for it at that same grace period.
    init: true,
    healthCheck: HealthCheck.command(['python3', '-c', 'import socket; socket.create_connection(("127.0.0.1", 8000), 2)'], quick),
    replicas: 3,
    placement: { maxReplicasPerNode: 1 },
    networks: [{ network: net }],
    dependsOn: [db],
  });
  new NginxProxy(stack, 'proxy', {
    image: image('nginx:1'),
    probeTool: ProbeTool.BASH,
    routes: [{ path: '/', upstream: api, upstreamPort: Port.tcp(8000) }],
    httpPort: Port.tcp(PROXY_PORT),
    public: true,
    placement: { global: true },
    networks: [{ network: net }],
  });
  app.synth();
});

afterAll(() => {
  try {
    if (deployed) cli.run(['destroy', stackName, '--auto-approve']);
  } finally {
    delete process.env[`TF_VAR_${variable}`];
    fs.rmSync(cli.workdir, { recursive: true, force: true });
    swarm(['down']);
  }
});

test('deploy converges: 3 API tasks on 3 nodes, Postgres on its pinned node, the proxy on every node', async () => {
  deployed = true;
  cli.deploy(stackName);

  expect((await runningTasks(`${prefix}-api`)).map((t) => t.node)).toEqual([...nodeNames]);
  expect(await runningTasks(`${prefix}-db`)).toEqual([{ node: 'node3', state: 'running' }]);
  // Global mode has no converge_config: wait (bounded) for a task on every node.
  let proxy: { node: string; state: string }[] = [];
  for (let attempt = 0; attempt < 30; attempt++) {
    proxy = await runningTasks(`${prefix}-proxy`);
    if (proxy.length === 3 && proxy.every((t) => t.state === 'running')) break;
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
  expect(proxy).toEqual(nodeNames.map((node) => ({ node, state: 'running' })));
  for (const service of ['api', 'db']) expect((await runningTasks(`${prefix}-${service}`)).every((t) => t.state === 'running')).toBe(true);
});

test('the password is a docker_secret file: in no environment of the service spec', async () => {
  const service = await manager.getService(`${prefix}-db`).inspect();
  const spec = JSON.stringify(service.Spec);

  expect(spec).not.toContain(password);
  expect(service.Spec.TaskTemplate.ContainerSpec.Env).toContain('POSTGRES_PASSWORD_FILE=/run/secrets/POSTGRES_PASSWORD');
  expect(service.Spec.TaskTemplate.ContainerSpec.Secrets.map((s: { File: { Name: string } }) => s.File.Name)).toEqual(['/run/secrets/POSTGRES_PASSWORD']);
});

test('a request through the host-mode port on each node answers 200 (bounded retries, test network only)', () => {
  for (const node of nodeNames) {
    let code = '';
    for (let attempt = 0; attempt < 10 && code !== '200'; attempt++) {
      code = inNodeNetwork(node, ['curl', '-s', '-o', '/dev/null', '-w', '%{http_code}', '--max-time', '5', `http://${env.nodeIps[node]}:${PROXY_PORT}/`]).output.trim();
      if (code !== '200') spawnSync('sleep', ['1']);
    }
    expect({ node, code }).toEqual({ node, code: '200' });
  }
});

test('cdktf diff reports no changes after the deploy', () => {
  const result = cli.run(['diff', stackName]);
  const clean = /No changes\. Your infrastructure matches the configuration\./.test(result.output);

  expect({ status: result.status, clean, output: clean ? '' : result.output.slice(-12000) }).toEqual({ status: 0, clean: true, output: '' });
});

test('destroy removes the services, networks, secrets and configs', async () => {
  cli.destroy(stackName);
  deployed = false;
  let left: string[] = [];
  // The overlay network goes a few seconds after its last task.
  for (let attempt = 0; attempt < 15; attempt++) {
    left = await leftovers();
    if (left.length === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
  expect(left).toEqual([]);
});
