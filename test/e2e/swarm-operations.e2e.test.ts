import { spawn } from 'child_process';
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
  PythonApi,
  Secret,
  StackNetwork,
  SwarmEndpointMode,
  SwarmPublishMode,
} from '../../constructs';
import { CdktfWorkdir, CliResult } from './support/cdktf-cli';
import { NamespaceRequestLoop } from './support/namespace-request-loop';
import type { RequestLoopSummary } from './support/request-loop';
import { inNamespace, parseSwarmEnv, registryReference, swarm, swarmOk, SWARM_NODE_NAMES, SwarmEnv, SwarmNodeName } from './support/swarm-script';

// Day-2 operations on the three-node Swarm of scripts/swarm.sh (issue 8, steps 4-7), on a stack
// shaped like vibecoding: a FastAPI app (3 replicas), Postgres pinned to node3 with its password
// as a docker_secret, an nginx proxy in global mode on a host-mode port. Given it deployed with
// cdktf, and a client in the test network sending requests through the proxy on node1 and
// node3: a new API image rolls with no failed request; a broken image fails the deploy with the
// failing task's last log lines and is rolled back while the old version keeps answering; a
// worker's engine stopped, its tasks come back on the other nodes and the database keeps its
// rows; a rotated database password reaches Postgres and the API (the old one is refused).
// Runs as root (network namespaces); needs the cds-local images on the host engine.
const stackName = 'swarm-ops';
const prefix = `cds-swo-${process.pid % 10000}`;
const variable = 'cds_swo_db_password';
const imagePrefix = process.env.CDS_IMAGE_PREFIX ?? 'cds-local';
// One repository for every run (the registry's storage is a cache kept across runs); runs take the cluster's lock.
const apiRepository = 'cds-swo/api';
const PROXY_PORT = 18091;
const API_REPLICAS = 3;
/** The worker stopped in the node-loss test: node1 is the manager, node3 holds the database. */
const LOST_NODE: SwarmNodeName = 'node2';
/** The nodes the client sends through: the proxy answers on every node, and these stay up. */
const CLIENT_NODES: readonly SwarmNodeName[] = ['node1', 'node3'];
const versions = ['v1', 'v2', 'broken'] as const;
type Version = (typeof versions)[number];

let env: SwarmEnv;
let manager: Docker;
let cli: CdktfWorkdir;
let deployed = false;
let nodeStopped = false;
const apiImages = new Map<Version, string>();
const passwords = [`swo-${randomBytes(12).toString('hex')}`, `swo-${randomBytes(12).toString('hex')}`];

/**
 * The module uvicorn serves on Swarm: the demo app, with DATABASE_URL read from the file Swarm
 * mounts (`DATABASE_URL_FILE`, the library's `_FILE` convention), as an application must.
 */
const SWARM_MODULE = [
  'import os',
  'if "DATABASE_URL" not in os.environ and os.environ.get("DATABASE_URL_FILE"):',
  '    with open(os.environ["DATABASE_URL_FILE"]) as f:',
  '        os.environ["DATABASE_URL"] = f.read().strip()',
  'from app.main import app  # noqa: E402,F401',
  '',
].join('\n');

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function nodeIp(node: SwarmNodeName): string {
  return env.nodeIps[node];
}

function image(name: string): ContainerImage {
  return ContainerImage.fromRegistry(registryReference(env, imagePrefix, name));
}

async function follow(docker: Docker, stream: NodeJS.ReadableStream): Promise<{ aux?: { Digest?: string }; error?: string }[]> {
  return new Promise((resolve, reject) => docker.modem.followProgress(stream, (error: Error | null, output: { aux?: { Digest?: string }; error?: string }[]) => (error ? reject(error) : resolve(output))));
}

/**
 * The API images, made on node1 from the demo app in the registry and pushed there: v1 and v2
 * differ in APP_VERSION only; `broken` cannot import its module (seed 004's own failure).
 */
async function pushApiImages(): Promise<void> {
  const node1 = new Docker({ socketPath: env.nodeSockets.node1 });
  const base = image('demo-app:1').reference;
  await follow(node1, await node1.pull(base));
  const writer = await node1.createContainer({
    Image: base,
    User: '0',
    Cmd: ['sh', '-c', `echo ${Buffer.from(SWARM_MODULE).toString('base64')} | base64 -d > /app/app/swarm.py`],
  });
  try {
    await writer.start();
    expect((await writer.wait()) as { StatusCode: number }).toMatchObject({ StatusCode: 0 });
    for (const version of versions) {
      const changes = ['USER 10001', `ENV APP_VERSION=${version}`, 'CMD ["uvicorn", "app.swarm:app", "--host", "0.0.0.0", "--port", "8000"]', ...(version === 'broken' ? ['WORKDIR /tmp'] : [])];
      await writer.commit({ repo: `${env.registry}/${apiRepository}`, tag: version, changes });
      const pushed = await follow(node1, await node1.getImage(`${env.registry}/${apiRepository}`).push({ tag: version, authconfig: { serveraddress: env.registry } }));
      const failed = pushed.find((p) => p.error);
      if (failed) throw new Error(`push of ${apiRepository}:${version} failed: ${failed.error}`);
      const digest = pushed.find((p) => p.aux?.Digest)?.aux?.Digest;
      if (!digest) throw new Error(`push of ${apiRepository}:${version} reported no digest`);
      apiImages.set(version, `${env.registry}/${apiRepository}@${digest}`);
    }
  } finally {
    await writer.remove({ force: true });
  }
}

/** Removes the pushed manifests from the registry (its storage is a cache kept across runs). */
function deleteApiImages(): void {
  for (const reference of apiImages.values()) {
    const digest = reference.split('@')[1];
    inNamespace('cds-swarm-registry', ['curl', '-fsS', '-X', 'DELETE', '--max-time', '10', `http://${env.registry}/v2/${apiRepository}/manifests/${digest}`]);
  }
}

/** Synthesizes the stack with the API at `version` and the database password `password`. */
function synthesize(version: Version, password: string): void {
  process.env[`TF_VAR_${variable}`] = password;
  const app = new DockerApp({ outdir: cli.outdir });
  const stack = new DockerStack(app, stackName, {
    namePrefix: prefix,
    dockerHost: env.managerHost,
    // The test cluster's kernel has no IPVS: DNS round robin and host-mode ports.
    target: DeployTarget.swarm({ nodeLabel: env.nodeLabel, endpointMode: SwarmEndpointMode.DNSRR, publishMode: SwarmPublishMode.HOST }),
  });
  new LocalBackend(stack, { path: path.join(cli.workdir, `terraform.${stackName}.tfstate`) });
  const net = new StackNetwork(stack, 'net');
  const db = new Postgres(stack, 'db', {
    image: image('postgres:15'),
    password: Secret.fromVariable(variable),
    networks: [{ network: net }],
    placement: { node: 'node3' },
    // Quicker than the default (5 s x 10): the update's monitor window is (interval + timeout) x retries.
    healthCheck: HealthCheck.command(['pg_isready', '-h', '127.0.0.1', '-U', 'app', '-d', 'app'], { interval: Duration.seconds(2), timeout: Duration.seconds(3), retries: 5, startPeriod: Duration.seconds(30) }),
  });
  const api = new PythonApi(stack, 'api', {
    image: ContainerImage.fromRegistry(apiImages.get(version) ?? ''),
    app: 'app.swarm:app',
    // Liveness on `/`, which needs no database: a database switch-over (stop-first) must not
    // get every API task declared unhealthy and killed while it lasts.
    healthCheck: HealthCheck.httpGet('/', { port: Port.tcp(8000), tool: ProbeTool.PYTHON, interval: Duration.seconds(2), timeout: Duration.seconds(3), retries: 3, startPeriod: Duration.seconds(30) }),
    secrets: { DATABASE_URL: db.connectionUrl },
    replicas: API_REPLICAS,
    // At most 2 per node: 3 tasks still fit on 2 nodes when one is lost.
    placement: { maxReplicasPerNode: 2 },
    networks: [{ network: net }],
    dependsOn: [db],
  });
  new NginxProxy(stack, 'proxy', {
    image: image('nginx:1'),
    probeTool: ProbeTool.BASH,
    routes: [{ path: '/', upstream: api, upstreamPort: Port.tcp(8000) }],
    httpPort: Port.tcp(PROXY_PORT),
    // As my-ia's frontend: a task gone a moment ago may still be in nginx's DNS cache, and a
    // connection to its address waits this long before nginx tries the next task.
    connectTimeout: Duration.seconds(1),
    public: true,
    placement: { global: true },
    networks: [{ network: net }],
  });
  app.synth();
}

interface TaskView {
  readonly node: string;
  readonly state: string;
  readonly image: string;
  readonly containerId: string | undefined;
}

/** Tasks of a service that should run, with their node, state and image. */
async function runningTasks(service: string): Promise<TaskView[]> {
  const nodes = new Map((await manager.listNodes()).map((n) => [n.ID, n.Description.Hostname]));
  const tasks = (await manager.listTasks({ filters: JSON.stringify({ service: [service], 'desired-state': ['running'] }) })) as {
    NodeID: string;
    Spec: { ContainerSpec: { Image: string } };
    Status: { State: string; ContainerStatus?: { ContainerID?: string } };
  }[];
  return tasks
    .map((t) => ({ node: nodes.get(t.NodeID) ?? t.NodeID, state: t.Status.State, image: t.Spec.ContainerSpec.Image, containerId: t.Status.ContainerStatus?.ContainerID }))
    .sort((a, b) => a.node.localeCompare(b.node));
}

/** Polls (bounded) until `check` holds for the tasks of `service`; the last tasks seen. */
async function waitForTasks(service: string, check: (tasks: TaskView[]) => boolean, attempts = 90): Promise<TaskView[]> {
  let tasks: TaskView[] = [];
  for (let attempt = 0; attempt < attempts; attempt++) {
    tasks = await runningTasks(service);
    if (check(tasks)) break;
    await sleep(2000);
  }
  return tasks;
}

/** Runs a command in the container of a running task, through the Docker API of the task's node. */
async function execInTask(task: TaskView, cmd: readonly string[]): Promise<{ exitCode: number | null; output: string }> {
  const node = task.node as SwarmNodeName;
  const docker = new Docker({ socketPath: env.nodeSockets[node] });
  const exec = await docker.getContainer(task.containerId ?? '').exec({ Cmd: [...cmd], AttachStdout: true, AttachStderr: true });
  const stream = await exec.start({ hijack: true, stdin: false });
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  // A hijacked socket left without an error listener turns a late EPIPE into an uncaught error.
  await new Promise((resolve, reject) => {
    stream.on('end', resolve);
    stream.on('error', reject);
  });
  stream.destroy();
  const raw = Buffer.concat(chunks);
  // Strip the 8-byte frame headers of the multiplexed stream.
  let text = '';
  for (let offset = 0; offset + 8 <= raw.length; ) {
    const size = raw.readUInt32BE(offset + 4);
    text += raw.subarray(offset + 8, offset + 8 + size).toString('utf8');
    offset += 8 + size;
  }
  return { exitCode: (await exec.inspect()).ExitCode, output: text };
}

async function psql(sql: string): Promise<string> {
  const [db] = await runningTasks(`${prefix}-db`);
  // Over loopback, which the image's pg_hba trusts: this reads the data, it proves no password.
  const result = await execInTask(db, ['psql', '-h', '127.0.0.1', '-U', 'app', '-d', 'app', '-tAc', sql]);
  if (result.exitCode !== 0) throw new Error(`psql ${sql}: ${result.output}`);
  return result.output.trim();
}

/** Deploys while a client in node1's namespace sends requests through the proxy; what both saw. */
async function deployUnderLoad(version: Version, password: string, run: () => Promise<CliResult>): Promise<{ deploy: CliResult; load: RequestLoopSummary; seconds: number }> {
  synthesize(version, password);
  const loop = new NamespaceRequestLoop('cds-swarm-node1', CLIENT_NODES.map((node) => `http://${nodeIp(node)}:${PROXY_PORT}/`));
  loop.start();
  // The runner needs a moment to start; requests before the deploy count as well.
  await sleep(3000);
  const started = Date.now();
  const deploy = await run();
  const seconds = (Date.now() - started) / 1000;
  // A little longer, so requests right after the last old task is gone are counted too.
  await sleep(3000);
  const load = await loop.stop();
  console.log(
    `deploy ${version}: exit ${deploy.status} after ${seconds.toFixed(1)} s, ${load.records.length} requests, ${load.failures.length} failed, ` +
      `versions seen ${load.versions.join(' -> ')}, slowest ${load.maxLatencyMs} ms; load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}` +
      (load.failures.length > 0 ? `\n${load.failures.slice(0, 10).map((f) => `  ${f.at} ms ${f.url}: ${f.status ?? f.error}`).join('\n')}` : ''),
  );
  return { deploy, load, seconds };
}

/** `scripts/deploy.sh`: cdktf deploy, then the diagnosis when it fails (what a user runs). */
function deployScript(): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn('bash', [path.resolve(__dirname, '../../scripts/deploy.sh'), stackName, '--auto-approve', '--skip-synth', '--skip-provider-lock', '--no-color'], {
      cwd: cli.workdir,
      env: { ...process.env, CI: 'true' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.stderr.on('data', (c: Buffer) => chunks.push(c));
    child.on('close', (code) => resolve({ status: code ?? -1, output: Buffer.concat(chunks).toString('utf8') }));
  });
}

/** Every API task through the proxy: its /health, which connects to the database. */
function healthThroughProxy(): string[] {
  const answers: string[] = [];
  for (let i = 0; i < 6; i++) {
    answers.push(inNamespace('cds-swarm-node1', ['curl', '-s', '--max-time', '10', `http://${nodeIp('node1')}:${PROXY_PORT}/health`]).output.trim());
  }
  return answers;
}

beforeAll(async () => {
  swarmOk(['up']);
  env = parseSwarmEnv(swarmOk(['env']));
  manager = new Docker({ socketPath: env.managerSocket });
  cli = new CdktfWorkdir(fs.mkdtempSync(path.join(os.tmpdir(), 'cds-swo-')));
  await pushApiImages();
  synthesize('v1', passwords[0]);
  deployed = true;
  const started = Date.now();
  cli.deploy(stackName);
  console.log(`first deploy (v1): ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const proxy = await waitForTasks(`${prefix}-proxy`, (tasks) => tasks.length === 3 && tasks.every((t) => t.state === 'running'));
  expect(proxy.map((t) => t.node)).toEqual([...SWARM_NODE_NAMES]);
});

afterAll(() => {
  try {
    if (nodeStopped) swarm(['node-start', LOST_NODE]);
    if (deployed) cli.run(['destroy', stackName, '--auto-approve']);
    deleteApiImages();
  } finally {
    delete process.env[`TF_VAR_${variable}`];
    fs.rmSync(cli.workdir, { recursive: true, force: true });
    swarm(['down']);
  }
});

test('a rolling update of the API under load: no failed request, the versions seen switch from v1 to v2', async () => {
  expect((await runningTasks(`${prefix}-api`)).map((t) => t.image)).toEqual(Array(API_REPLICAS).fill(apiImages.get('v1')));

  const { deploy, load } = await deployUnderLoad('v2', passwords[0], () => cli.runAsync(['deploy', stackName, '--auto-approve']));

  expect({ status: deploy.status, output: deploy.status === 0 ? '' : deploy.output.slice(-6000) }).toEqual({ status: 0, output: '' });
  expect(load.records.length).toBeGreaterThan(50);
  expect(load.failures).toEqual([]);
  expect(load.versions).toEqual(['v1', 'v2']);
  expect(load.records.slice(-10).map((r) => r.version)).toEqual(Array(10).fill('v2'));
  const tasks = await runningTasks(`${prefix}-api`);
  expect(tasks.map((t) => [t.state, t.image])).toEqual(Array(API_REPLICAS).fill(['running', apiImages.get('v2')]));
});

test('a broken image: the deploy fails with the failing task\'s last log lines, Swarm rolls back, v2 keeps answering, no failed request', async () => {
  const { deploy, load } = await deployUnderLoad('broken', passwords[0], deployScript);

  expect(deploy.status).not.toBe(0);
  // Terraform's error, then the diagnosis of scripts/deploy.sh: the update state and the task's own words.
  expect(deploy.output).toMatch(/rollback/i);
  expect(deploy.output).toMatch(new RegExp(`- ${prefix}-api: update rollback_(completed|started)`));
  expect(deploy.output).toMatch(new RegExp(`task ${prefix}-api\\.\\d \\([0-9a-z]{12}\\) on node\\d: failed`));
  // uvicorn's own last words, from the task's log on its node.
  expect(deploy.output).toContain("ModuleNotFoundError: No module named 'app'");
  expect(load.failures).toEqual([]);
  expect(load.versions).toEqual(['v2']);
  const service = await manager.getService(`${prefix}-api`).inspect();
  expect(service.UpdateStatus?.State).toMatch(/^rollback_/);
  expect(service.Spec.TaskTemplate.ContainerSpec.Image).toBe(apiImages.get('v2'));
  const tasks = await waitForTasks(`${prefix}-api`, (t) => t.length === API_REPLICAS && t.every((x) => x.state === 'running' && x.image === apiImages.get('v2')));
  expect(tasks.map((t) => [t.state, t.image])).toEqual(Array(API_REPLICAS).fill(['running', apiImages.get('v2')]));
});

test(`a worker's engine stopped (${LOST_NODE}): its tasks come back on the other nodes, the rows written before are still there`, async () => {
  await psql("CREATE TABLE IF NOT EXISTS swo_proof (note text); INSERT INTO swo_proof VALUES ('before the node loss')");
  const before = await runningTasks(`${prefix}-api`);
  console.log(`API tasks before the node loss: ${before.map((t) => t.node).join(', ')}`);

  const stopped = Date.now();
  nodeStopped = true;
  swarmOk(['node-stop', LOST_NODE]);
  const stopSeconds = (Date.now() - stopped) / 1000;
  const full = (tasks: TaskView[]) => tasks.length === API_REPLICAS && tasks.every((t) => t.state === 'running' && t.node !== LOST_NODE);
  const after = await waitForTasks(`${prefix}-api`, full, 120);
  const fullSeconds = (Date.now() - stopped) / 1000;
  console.log(
    `node loss: ${LOST_NODE} stopped in ${stopSeconds.toFixed(1)} s; API back to ${API_REPLICAS} running tasks on ${after.map((t) => t.node).join(', ')} ` +
      `${fullSeconds.toFixed(1)} s after the stop began (load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')})`,
  );

  expect(after.map((t) => t.state)).toEqual(Array(API_REPLICAS).fill('running'));
  expect(after.filter((t) => t.node === LOST_NODE)).toEqual([]);
  expect(await runningTasks(`${prefix}-db`)).toEqual([expect.objectContaining({ node: 'node3', state: 'running' })]);
  expect(await psql('SELECT note FROM swo_proof')).toBe('before the node loss');
  expect(healthThroughProxy().every((a) => a.includes('"database":true'))).toBe(true);

  swarmOk(['node-start', LOST_NODE]);
  nodeStopped = false;
  let ready = '';
  for (let attempt = 0; attempt < 60 && ready !== 'ready'; attempt++) {
    ready = ((await manager.listNodes()) as { Description: { Hostname: string }; Status: { State: string } }[]).find((n) => n.Description.Hostname === LOST_NODE)?.Status.State ?? '';
    if (ready !== 'ready') await sleep(2000);
  }
  expect(ready).toBe('ready');
});

test('a rotated database password reaches Postgres and the API: the API connects with the new one, the old one is refused', async () => {
  const secretsBefore = ((await manager.listSecrets()) as { Spec: { Name: string } }[]).map((s) => s.Spec.Name).filter((n) => n.startsWith(`${prefix}-db-`));
  // The proxy answers on every node again before the client uses it.
  await waitForTasks(`${prefix}-proxy`, (tasks) => tasks.length === 3 && tasks.every((t) => t.state === 'running'));
  const healthLoop = new NamespaceRequestLoop('cds-swarm-node3', [`http://${nodeIp('node3')}:${PROXY_PORT}/health`]);
  healthLoop.start();

  // The user's way: a new value of the variable the password is read from (TF_VAR_...).
  const { deploy, load } = await deployUnderLoad('v2', passwords[1], () => cli.runAsync(['deploy', stackName, '--auto-approve']));
  const health = await healthLoop.stop();
  const healthFailures = health.failures.map((f) => f.at);
  console.log(
    `password rotation: /health (needs the database) failed ${health.failures.length} of ${health.records.length} times` +
      (healthFailures.length > 0 ? `, from ${Math.min(...healthFailures)} ms to ${Math.max(...healthFailures)} ms after the loop started` : ''),
  );

  expect({ status: deploy.status, output: deploy.status === 0 ? '' : deploy.output.slice(-6000) }).toEqual({ status: 0, output: '' });
  // The API itself stays up throughout (start-first, liveness without the database).
  expect(load.failures).toEqual([]);
  // Once both are rolled, every request that needs the database succeeds again.
  expect(health.records.slice(-10).map((r) => r.status)).toEqual(Array(10).fill(200));
  const secretsAfter = ((await manager.listSecrets()) as { Spec: { Name: string } }[]).map((s) => s.Spec.Name).filter((n) => n.startsWith(`${prefix}-db-`));
  expect(secretsAfter).toHaveLength(1);
  expect(secretsAfter).not.toEqual(secretsBefore);
  expect(healthThroughProxy().every((a) => a.includes('"database":true'))).toBe(true);

  // From an API task, over the overlay network (not loopback, which the image trusts).
  const [api] = await runningTasks(`${prefix}-api`);
  const connect = (password: string) =>
    execInTask(api, ['python3', '-c', 'import psycopg, sys; psycopg.connect(sys.argv[1], connect_timeout=5).close(); print("connected")', `postgresql://app:${password}@db:5432/app`]);
  const withNew = await connect(passwords[1]);
  const withOld = await connect(passwords[0]);
  expect({ exitCode: withNew.exitCode, output: withNew.output.trim() }).toEqual({ exitCode: 0, output: 'connected' });
  expect(withOld.exitCode).not.toBe(0);
  expect(withOld.output).toContain('password authentication failed for user "app"');
  // The rows survive the rotation: same data directory, only the role's password changed.
  expect(await psql('SELECT note FROM swo_proof')).toBe('before the node loss');
});
