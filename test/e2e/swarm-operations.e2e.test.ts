import { spawn } from 'child_process';
import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import Docker from 'dockerode';
import { LocalBackend } from 'cdktf';
import { DockerApp } from '../../constructs';
import { addSeedStacks, loadStacksConfig, REPLICA_KEYS, ReplicaKey } from '../../stacks';
import { CdktfWorkdir, CliResult } from './support/cdktf-cli';
import { NamespaceRequestLoop } from './support/namespace-request-loop';
import type { RequestLoopSummary } from './support/request-loop';
import { inNamespace, inNodeNetwork, parseSwarmEnv, registryReference, swarm, swarmLeftovers, swarmOk, SWARM_NODE_NAMES, SwarmEnv, SwarmNodeName } from './support/swarm-script';

// Day-2 operations of issue 8 (steps 4-7) on the seed stacks themselves: vibecoding and nexten,
// deployed together from a configuration file as a user would (`targets` on the three-node
// Swarm of scripts/swarm.sh, DNSRR + host-mode ports, data on node3; `images` by the test
// registry's digests; the database password from TF_VAR_vibecoding_postgres_password). Their
// `app` image is the demo app committed three times on node1 and pushed to the cluster's
// registry: v1 and v2 differ in APP_VERSION only, `broken` cannot import its module (seed
// 004's own failure). With a client per stack inside node1's network namespace sending requests
// through the stack's proxy on node1 and node3, each step runs once on both stacks:
//   4. `images.app` v1 -> v2 rolls both APIs (and every worker): no failed request, v1 then v2;
//   5. `images.app` broken, deployed with scripts/deploy.sh per stack: each deploy fails with
//      Swarm's rollback and the failed task's last log lines, v2 keeps answering, no failed request;
//   6. node2's engine stopped: every replicated service of both stacks is back to full strength
//      on node1 and node3 (the time is printed); the rows vibecoding's Postgres and the jobs both
//      Redis servers (pinned to node3) held before are still there;
//   7. vibecoding's database password rotated through its variable: Postgres stop-first, then
//      its clients start-first; `/` never fails, `/health` (which queries the database) is 200
//      again at the end, the new password connects and the old one is refused. nexten has no
//      secret to rotate (its Redis has no password): its client runs through the same deploy
//      and sees no failed request.
// Runs as root (network namespaces); needs the cds-local images on the host engine.
/** The seeds issue 8's steps 4-7 name. */
type OperatedStack = 'vibecoding' | 'nexten';
const stacks: readonly OperatedStack[] = ['vibecoding', 'nexten'];
const namePrefix = `cds-swo${process.pid % 1000}`;
const prefixOf = (stack: OperatedStack) => `${namePrefix}-${stack}`;
const DATA_NODE: SwarmNodeName = 'node3';
const PORTS: Readonly<Record<OperatedStack, number>> = { vibecoding: 18190, nexten: 18191 };
/** 3 API tasks, 2 of every worker (the Swarm default), set through the configuration's `replicas`. */
const REPLICAS: Readonly<Partial<Record<ReplicaKey, number>>> = Object.fromEntries(
  REPLICA_KEYS.filter((key) => stacks.some((stack) => key.startsWith(`${stack}.`))).map((key) => [key, key.endsWith('.api') ? 3 : 2]),
);
/** A replica count this suite sets. */
const replicas = (key: ReplicaKey): number => REPLICAS[key] ?? Number.NaN;
/** The services placed by Swarm (not pinned, not global), with the tasks each should run. */
const PLACED: Readonly<Record<OperatedStack, Readonly<Record<string, number>>>> = {
  vibecoding: { api: replicas('vibecoding.api'), worker: replicas('vibecoding.worker') },
  nexten: {
    api: replicas('nexten.api'),
    'cv-parser': 1,
    'cv-parser-worker': replicas('nexten.cv-parser-worker'),
    'matching-api': 1,
    'matching-worker-high': replicas('nexten.matching-worker-high'),
    'matching-worker-standard': replicas('nexten.matching-worker-standard'),
    'matching-worker-bulk': replicas('nexten.matching-worker-bulk'),
  },
};
/** The worker stopped in the node-loss test: node1 is the manager, node3 holds the data. */
const LOST_NODE: SwarmNodeName = 'node2';
/** The nodes the clients send through: the proxy answers on every node, and these stay up. */
const CLIENT_NODES: readonly SwarmNodeName[] = ['node1', 'node3'];
const imagePrefix = process.env.CDS_IMAGE_PREFIX ?? 'cds-local';
// One repository for every run (the registry's storage is a cache kept across runs); runs take the cluster's lock.
const appRepository = 'cds-swo/app';
const versions = ['v1', 'v2', 'broken'] as const;
type Version = (typeof versions)[number];
const passwords = [`swo-${randomBytes(12).toString('hex')}`, `swo-${randomBytes(12).toString('hex')}`];

let env: SwarmEnv;
let manager: Docker;
let cli: CdktfWorkdir;
let deployed = false;
let nodeStopped = false;
const appImages = new Map<Version, string>();

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const loadAverage = () => os.loadavg().map((l) => l.toFixed(2)).join(' ');

async function follow(docker: Docker, stream: NodeJS.ReadableStream): Promise<{ aux?: { Digest?: string }; error?: string }[]> {
  return new Promise((resolve, reject) => docker.modem.followProgress(stream, (error: Error | null, output: { aux?: { Digest?: string }; error?: string }[]) => (error ? reject(error) : resolve(output))));
}

/**
 * The `app` images, committed on node1 from the demo app in the registry (a container created,
 * never started, so the image keeps its user and command) and pushed there: v1 and v2 differ
 * in APP_VERSION only; `broken` starts in /tmp, where `app` cannot be imported.
 */
async function pushAppImages(): Promise<void> {
  const node1 = new Docker({ socketPath: env.nodeSockets.node1 });
  const base = registryReference(env, imagePrefix, 'demo-app:1');
  await follow(node1, await node1.pull(base));
  const container = await node1.createContainer({ Image: base });
  try {
    for (const version of versions) {
      const changes = [`ENV APP_VERSION=${version}`, ...(version === 'broken' ? ['WORKDIR /tmp'] : [])];
      await container.commit({ repo: `${env.registry}/${appRepository}`, tag: version, changes });
      const pushed = await follow(node1, await node1.getImage(`${env.registry}/${appRepository}`).push({ tag: version, authconfig: { serveraddress: env.registry } }));
      const failed = pushed.find((p) => p.error);
      if (failed) throw new Error(`push of ${appRepository}:${version} failed: ${failed.error}`);
      const digest = pushed.find((p) => p.aux?.Digest)?.aux?.Digest;
      if (!digest) throw new Error(`push of ${appRepository}:${version} reported no digest`);
      appImages.set(version, `${env.registry}/${appRepository}@${digest}`);
    }
  } finally {
    await container.remove({ force: true });
  }
}

/** Removes the pushed manifests from the registry (its storage is a cache kept across runs). */
function deleteAppImages(): void {
  for (const reference of appImages.values()) {
    const digest = reference.split('@')[1];
    inNamespace('cds-swarm-registry', ['curl', '-fsS', '-X', 'DELETE', '--max-time', '10', `http://${env.registry}/v2/${appRepository}/manifests/${digest}`]);
  }
}

/** Writes the configuration file with `images.app` at `version`, sets the database password, and synthesizes both stacks from it. */
function synthesize(version: Version, password: string): void {
  process.env.TF_VAR_vibecoding_postgres_password = password;
  // The cluster's kernel has no IPVS: DNS round robin and host-mode ports.
  const target = { kind: 'swarm', nodeLabel: env.nodeLabel, dataNode: DATA_NODE, endpointMode: 'dnsrr', publishMode: 'host' };
  const configFile = path.join(cli.workdir, 'stacks.config.json');
  const images = {
    postgres: registryReference(env, imagePrefix, 'postgres:15'),
    redis: registryReference(env, imagePrefix, 'redis:7'),
    nginx: registryReference(env, imagePrefix, 'nginx:1'),
    app: appImages.get(version),
  };
  const config = {
    namePrefix,
    dockerHost: env.managerHost,
    imageProfile: 'local',
    images,
    targets: { vibecoding: target, nexten: target },
    replicas: REPLICAS,
    hostPorts: { 'vibecoding.nginx': PORTS.vibecoding, 'nexten.nginx': PORTS.nexten },
  };
  fs.writeFileSync(configFile, JSON.stringify(config, null, 2));
  const app = new DockerApp({ outdir: cli.outdir });
  for (const stack of addSeedStacks(app, loadStacksConfig(cli.workdir, { CDS_CONFIG: configFile }), stacks)) {
    new LocalBackend(stack, { path: path.join(cli.workdir, `terraform.${stack.node.id}.tfstate`) });
  }
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

/** Polls (bounded: `attempts` polls, 2 s apart) until `check` holds for the tasks of `service`; the last tasks seen. */
async function waitForTasks(service: string, check: (tasks: TaskView[]) => boolean, attempts = 90): Promise<TaskView[]> {
  let tasks: TaskView[] = [];
  for (let attempt = 0; attempt < attempts; attempt++) {
    tasks = await runningTasks(service);
    if (check(tasks)) break;
    await sleep(2000);
  }
  return tasks;
}

/** The image every task of every `app` service of both stacks runs, by service: what a deploy changed. */
async function appImagesByService(): Promise<Record<string, string[]>> {
  const entries = await Promise.all(
    stacks.flatMap((stack) => Object.keys(PLACED[stack]).map(async (service) => [`${prefixOf(stack)}-${service}`, (await runningTasks(`${prefixOf(stack)}-${service}`)).map((t) => t.image)] as const)),
  );
  return Object.fromEntries(entries);
}

/** Every placed service of both stacks at its `version`, each with its count of tasks. */
function allAt(version: Version): Record<string, string[]> {
  return Object.fromEntries(stacks.flatMap((stack) => Object.entries(PLACED[stack]).map(([service, count]) => [`${prefixOf(stack)}-${service}`, Array(count).fill(appImages.get(version))])));
}

/** Polls (bounded) until every placed service runs `version` on all its tasks; what was seen last. */
async function waitForAll(version: Version): Promise<Record<string, string[]>> {
  const expected = JSON.stringify(allAt(version));
  let seen: Record<string, string[]> = {};
  for (let attempt = 0; attempt < 60; attempt++) {
    seen = await appImagesByService();
    if (JSON.stringify(seen) === expected) break;
    await sleep(2000);
  }
  return seen;
}

/** Runs a command in the container of a running task, through the Docker API of the task's node. */
async function execInTask(task: TaskView, cmd: readonly string[]): Promise<{ exitCode: number | null; output: string }> {
  const docker = new Docker({ socketPath: env.nodeSockets[task.node as SwarmNodeName] });
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

/** Runs `cmd` in the one task of the pinned service `service` of `stack`; its output, or an error. */
async function inPinned(stack: OperatedStack, service: string, cmd: readonly string[]): Promise<string> {
  const [task] = await runningTasks(`${prefixOf(stack)}-${service}`);
  const result = await execInTask(task, cmd);
  if (result.exitCode !== 0) throw new Error(`${cmd.join(' ')} in ${stack} ${service}: ${result.output}`);
  return result.output.trim();
}

/** SQL in vibecoding's Postgres, over loopback, which the image's pg_hba trusts: this reads the data, it proves no password. */
function psql(sql: string): Promise<string> {
  return inPinned('vibecoding', 'postgres', ['psql', '-h', '127.0.0.1', '-U', 'ocft_user', '-d', 'ocft_tracker', '-tAc', sql]);
}

/** The entries of a Redis list of `stack`'s Redis (pinned to node3). */
async function redisList(stack: OperatedStack, list: string): Promise<string[]> {
  return (await inPinned(stack, 'redis', ['redis-cli', '--raw', 'LRANGE', list, '0', '-1'])).split('\n').filter((l) => l !== '');
}

/** POST `body` to `path` of `stack` through its proxy on node1, from inside the test network; the status code. */
function post(stack: OperatedStack, urlPath: string, body: string): string {
  const url = `http://${env.nodeIps.node1}:${PORTS[stack]}${urlPath}`;
  return inNodeNetwork('node1', ['curl', '-s', '-o', '/dev/null', '-w', '%{http_code}', '--max-time', '10', '-X', 'POST', '-H', 'Content-Type: application/json', '--data', body, url]).output.trim();
}

/** A client per stack in node1's namespace, round-robin over the stack's proxy on CLIENT_NODES at `urlPath`. */
function startLoops(urlPath: string): Record<OperatedStack, NamespaceRequestLoop> {
  const loops = Object.fromEntries(
    stacks.map((stack) => [stack, new NamespaceRequestLoop('cds-swarm-node1', CLIENT_NODES.map((node) => `http://${env.nodeIps[node]}:${PORTS[stack]}${urlPath}`))]),
  ) as Record<OperatedStack, NamespaceRequestLoop>;
  for (const loop of Object.values(loops)) loop.start();
  return loops;
}

async function stopLoops(loops: Record<OperatedStack, NamespaceRequestLoop>): Promise<Record<OperatedStack, RequestLoopSummary>> {
  const entries = await Promise.all(stacks.map(async (stack) => [stack, await loops[stack].stop()] as const));
  return Object.fromEntries(entries) as Record<OperatedStack, RequestLoopSummary>;
}

function describeLoad(stack: OperatedStack, load: RequestLoopSummary): string {
  return (
    `  ${stack}: ${load.records.length} requests, ${load.failures.length} failed, versions seen ${load.versions.join(' -> ')}, slowest ${load.maxLatencyMs} ms` +
    (load.failures.length > 0 ? `\n${load.failures.slice(0, 10).map((f) => `    ${f.at} ms ${f.url}: ${f.status ?? f.error}`).join('\n')}` : '')
  );
}

/** Synthesizes at `version` with `password`, then runs `deploy` while a client per stack sends requests through its proxy; what they saw. */
async function deployUnderLoad(
  label: string,
  version: Version,
  password: string,
  deploy: () => Promise<CliResult[]>,
): Promise<{ results: CliResult[]; load: Record<OperatedStack, RequestLoopSummary>; seconds: number }> {
  synthesize(version, password);
  const loops = startLoops('/');
  // The runners need a moment to start; requests before the deploy count as well.
  await sleep(3000);
  const started = Date.now();
  const results = await deploy();
  const seconds = (Date.now() - started) / 1000;
  // A little longer, so requests right after the last old task is gone are counted too.
  await sleep(3000);
  const load = await stopLoops(loops);
  console.log(
    `${label}: exit ${results.map((r) => r.status).join(', ')} after ${seconds.toFixed(1)} s; load average ${loadAverage()}\n` + stacks.map((stack) => describeLoad(stack, load[stack])).join('\n'),
  );
  return { results, load, seconds };
}

/** `cdktf deploy` of both stacks, two at a time. */
async function deployBoth(): Promise<CliResult[]> {
  return [await cli.runAsync(['deploy', ...stacks, '--auto-approve', '--parallelism', String(stacks.length)])];
}

/** `scripts/deploy.sh <stack>`: cdktf deploy, then the diagnosis when it fails (what a user runs). */
function deployScript(stack: OperatedStack): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn('bash', [path.resolve(__dirname, '../../scripts/deploy.sh'), stack, '--auto-approve', '--skip-synth', '--skip-provider-lock', '--no-color'], {
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

/** vibecoding's `/health` (which queries the database and Redis) through the proxy on node1, six times. */
function vibecodingHealth(): string[] {
  const answers: string[] = [];
  for (let i = 0; i < 6; i++) {
    answers.push(inNodeNetwork('node1', ['curl', '-s', '--max-time', '10', `http://${env.nodeIps.node1}:${PORTS.vibecoding}/health`]).output.trim());
  }
  return answers;
}

beforeAll(async () => {
  swarmOk(['up']);
  env = parseSwarmEnv(swarmOk(['env']));
  manager = new Docker({ socketPath: env.managerSocket });
  // The cluster may be shared with another suite: start only from a clean slate under this prefix.
  expect(await swarmLeftovers(manager, `${namePrefix}-`)).toEqual([]);
  cli = new CdktfWorkdir(fs.mkdtempSync(path.join(os.tmpdir(), 'cds-swo-')));
  await pushAppImages();
  synthesize('v1', passwords[0]);
  deployed = true;
  const started = Date.now();
  cli.runOk(['deploy', ...stacks, '--auto-approve', '--parallelism', String(stacks.length)]);
  console.log(`first deploy (v1, both stacks): ${((Date.now() - started) / 1000).toFixed(1)} s`);
  // Global mode has no converge_config: the proxies' tasks are waited for here.
  for (const stack of stacks) {
    const proxy = await waitForTasks(`${prefixOf(stack)}-nginx`, (tasks) => tasks.length === 3 && tasks.every((t) => t.state === 'running'));
    expect(proxy.map((t) => t.node)).toEqual([...SWARM_NODE_NAMES]);
  }
});

afterAll(async () => {
  try {
    if (nodeStopped) swarm(['node-start', LOST_NODE]);
    if (deployed) cli.run(['destroy', ...stacks, '--auto-approve', '--parallelism', String(stacks.length)]);
    // The named volumes stay after destroy (by design): this suite's are removed here.
    for (const node of SWARM_NODE_NAMES) {
      const docker = new Docker({ socketPath: env.nodeSockets[node] });
      const volumes = ((await docker.listVolumes().catch(() => ({ Volumes: [] }))).Volumes ?? []).filter((v) => v.Name.startsWith(`${namePrefix}-`));
      for (const volume of volumes) {
        for (let attempt = 0; attempt < 15; attempt++) {
          if (await docker.getVolume(volume.Name).remove().then(() => true, () => false)) break;
          await sleep(2000);
        }
      }
    }
    deleteAppImages();
  } finally {
    delete process.env.TF_VAR_vibecoding_postgres_password;
    if (cli) fs.rmSync(cli.workdir, { recursive: true, force: true });
    swarm(['down']);
  }
});

test('(4) images.app v1 -> v2 rolls both seeds under load: no failed request, the versions seen switch from v1 to v2', async () => {
  expect(await appImagesByService()).toEqual(allAt('v1'));

  const { results, load } = await deployUnderLoad('rolling update v1 -> v2', 'v2', passwords[0], deployBoth);

  expect(results.map((r) => ({ status: r.status, output: r.status === 0 ? '' : r.output.slice(-6000) }))).toEqual([{ status: 0, output: '' }]);
  for (const stack of stacks) {
    expect({ stack, failures: load[stack].failures, versions: load[stack].versions }).toEqual({ stack, failures: [], versions: ['v1', 'v2'] });
    expect(load[stack].records.length).toBeGreaterThan(50);
    expect(load[stack].records.slice(-10).map((r) => r.version)).toEqual(Array(10).fill('v2'));
  }
  expect(await waitForAll('v2')).toEqual(allAt('v2'));
});

test("(5) a broken images.app: each seed's deploy fails with Swarm's rollback and the failed task's last log lines, v2 keeps answering, no failed request", async () => {
  const { results, load } = await deployUnderLoad('broken image', 'broken', passwords[0], () => Promise.all(stacks.map((stack) => deployScript(stack))));

  stacks.forEach((stack, i) => {
    const output = results[i].output;
    expect({ stack, failed: results[i].status !== 0 }).toEqual({ stack, failed: true });
    // Terraform's error, then the diagnosis of scripts/deploy.sh: the update state and the task's own words.
    expect(output).toMatch(new RegExp(`- ${prefixOf(stack)}-api: update rollback_(completed|started)`));
    expect(output).toMatch(new RegExp(`task ${prefixOf(stack)}-[a-z-]+\\.\\d \\([0-9a-z]{12}\\) on node\\d: failed`));
    expect(output).toContain("ModuleNotFoundError: No module named 'app'");
    expect({ stack, failures: load[stack].failures, versions: load[stack].versions }).toEqual({ stack, failures: [], versions: ['v2'] });
  });
  for (const stack of stacks) {
    const service = await manager.getService(`${prefixOf(stack)}-api`).inspect();
    expect(service.UpdateStatus?.State).toMatch(/^rollback_/);
    expect(service.Spec.TaskTemplate.ContainerSpec.Image).toBe(appImages.get('v2'));
  }
  // Every service the deploy touched is back on v2 (those it did not reach never left it).
  expect(await waitForAll('v2')).toEqual(allAt('v2'));
});

test(`(6) ${LOST_NODE}'s engine stopped: every placed service of both seeds back to full strength on the other nodes, the rows and jobs written before still there`, async () => {
  const proof = `before the node loss ${randomBytes(4).toString('hex')}`;
  await psql(`CREATE TABLE IF NOT EXISTS swo_proof (note text); INSERT INTO swo_proof VALUES ('${proof}')`);
  // A job per stack through its proxy, taken by a worker into `<queue>:done` in the stack's Redis.
  const jobs = { vibecoding: 'vibe:jobs', nexten: 'matching:high' } as const satisfies Record<OperatedStack, string>;
  for (const stack of stacks) expect({ stack, status: post(stack, `/jobs/${jobs[stack]}`, JSON.stringify({ proof })) }).toEqual({ stack, status: '200' });
  const done = async (stack: OperatedStack) => (await redisList(stack, `${jobs[stack]}:done`)).some((entry) => entry.includes(proof));
  for (let attempt = 0; attempt < 30 && !((await done('vibecoding')) && (await done('nexten'))); attempt++) await sleep(1000);
  expect({ vibecoding: await done('vibecoding'), nexten: await done('nexten') }).toEqual({ vibecoding: true, nexten: true });
  const before = Object.fromEntries(
    await Promise.all(stacks.flatMap((stack) => Object.keys(PLACED[stack]).map(async (service) => [`${stack} ${service}`, (await runningTasks(`${prefixOf(stack)}-${service}`)).map((t) => t.node)] as const))),
  );
  console.log(`tasks before the node loss: ${JSON.stringify(before)}`);

  const stopped = Date.now();
  nodeStopped = true;
  swarmOk(['node-stop', LOST_NODE]);
  const stopSeconds = (Date.now() - stopped) / 1000;
  const full = (count: number) => (tasks: TaskView[]) => tasks.length === count && tasks.every((t) => t.state === 'running' && t.node !== LOST_NODE);
  const after: Record<string, string[]> = {};
  const fullAt: Record<string, number> = {};
  for (const stack of stacks) {
    for (const [service, count] of Object.entries(PLACED[stack])) {
      const tasks = await waitForTasks(`${prefixOf(stack)}-${service}`, full(count), 120);
      after[`${stack} ${service}`] = tasks.filter((t) => t.state === 'running' && t.node !== LOST_NODE).map((t) => t.node);
      fullAt[`${stack} ${service}`] = (Date.now() - stopped) / 1000;
    }
  }
  const fullSeconds = Math.max(...Object.values(fullAt));
  console.log(
    `node loss: ${LOST_NODE} stopped in ${stopSeconds.toFixed(1)} s; every placed service of both stacks at full strength ${fullSeconds.toFixed(1)} s after the stop began ` +
      `(load average ${loadAverage()}): ${JSON.stringify(after)}`,
  );

  const counts = (of: (stack: OperatedStack, service: string) => number) => Object.fromEntries(stacks.flatMap((stack) => Object.keys(PLACED[stack]).map((service) => [`${stack} ${service}`, of(stack, service)])));
  expect(counts((stack, service) => after[`${stack} ${service}`].length)).toEqual(counts((stack, service) => PLACED[stack][service]));
  for (const stack of stacks) expect({ stack, redis: (await runningTasks(`${prefixOf(stack)}-redis`)).map((t) => [t.node, t.state]) }).toEqual({ stack, redis: [[DATA_NODE, 'running']] });
  expect(await psql(`SELECT count(*) FROM swo_proof WHERE note = '${proof}'`)).toBe('1');
  expect({ vibecoding: await done('vibecoding'), nexten: await done('nexten') }).toEqual({ vibecoding: true, nexten: true });
  expect(vibecodingHealth().map((a) => a.includes('"database":true'))).toEqual(Array(6).fill(true));

  swarmOk(['node-start', LOST_NODE]);
  nodeStopped = false;
  let ready = '';
  for (let attempt = 0; attempt < 60 && ready !== 'ready'; attempt++) {
    ready = ((await manager.listNodes()) as { Description: { Hostname: string }; Status: { State: string } }[]).find((n) => n.Description.Hostname === LOST_NODE)?.Status.State ?? '';
    if (ready !== 'ready') await sleep(2000);
  }
  expect(ready).toBe('ready');
});

test("(7) vibecoding's database password rotated through its variable: Postgres stop-first, its clients start-first; `/` never fails, the new password connects, the old one is refused; nexten, with no secret, sees no failed request", async () => {
  const secretNames = async () => ((await manager.listSecrets()) as { Spec: { Name: string } }[]).map((s) => s.Spec.Name).filter((n) => n.startsWith(`${prefixOf('vibecoding')}-`)).sort();
  const secretsBefore = await secretNames();
  // The proxies answer on every node again before the clients use them.
  for (const stack of stacks) await waitForTasks(`${prefixOf(stack)}-nginx`, (tasks) => tasks.length === 3 && tasks.every((t) => t.state === 'running'));
  const healthLoop = new NamespaceRequestLoop('cds-swarm-node3', [`http://${env.nodeIps.node3}:${PORTS.vibecoding}/health`]);
  healthLoop.start();

  // The user's way: a new value of the variable the seed reads its password from.
  const { results, load } = await deployUnderLoad('password rotation', 'v2', passwords[1], deployBoth);
  const health = await healthLoop.stop();
  const healthFailures = health.failures.map((f) => f.at);
  console.log(
    `password rotation: vibecoding /health (needs the database) failed ${health.failures.length} of ${health.records.length} times` +
      (healthFailures.length > 0 ? `, from ${Math.min(...healthFailures)} ms to ${Math.max(...healthFailures)} ms after the loop started` : ''),
  );

  expect(results.map((r) => ({ status: r.status, output: r.status === 0 ? '' : r.output.slice(-6000) }))).toEqual([{ status: 0, output: '' }]);
  // The APIs stay up throughout: `/` needs no database.
  for (const stack of stacks) expect({ stack, failures: load[stack].failures, versions: load[stack].versions }).toEqual({ stack, failures: [], versions: ['v2'] });
  // Once Postgres and its clients have rolled, every request that needs the database succeeds again.
  expect(health.records.slice(-10).map((r) => r.status)).toEqual(Array(10).fill(200));
  const secretsAfter = await secretNames();
  expect(secretsAfter).toHaveLength(secretsBefore.length);
  expect(secretsAfter.filter((name) => secretsBefore.includes(name))).toEqual([]);
  expect(vibecodingHealth().map((a) => a.includes('"database":true'))).toEqual(Array(6).fill(true));

  // From an API task, over the overlay network (not loopback, which the image trusts): the URL it was given, and the same with the old password.
  const [api] = await runningTasks(`${prefixOf('vibecoding')}-api`);
  const connect = (old: boolean) =>
    execInTask(api, [
      'python3',
      '-c',
      'import os, sys, psycopg; url = open(os.environ["DATABASE_URL_FILE"]).read().strip(); assert sys.argv[1] in url; psycopg.connect(url.replace(sys.argv[1], sys.argv[2]), connect_timeout=5).close(); print("connected")',
      passwords[1],
      old ? passwords[0] : passwords[1],
    ]);
  const withNew = await connect(false);
  const withOld = await connect(true);
  expect({ exitCode: withNew.exitCode, output: withNew.output.trim() }).toEqual({ exitCode: 0, output: 'connected' });
  expect(withOld.exitCode).not.toBe(0);
  expect(withOld.output).toContain('password authentication failed for user "ocft_user"');
  // The rows survive the rotation: same data directory, only the role's password changed.
  expect(Number(await psql('SELECT count(*) FROM swo_proof'))).toBeGreaterThan(0);
});
