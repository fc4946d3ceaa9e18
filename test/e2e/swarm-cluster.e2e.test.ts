import * as fs from 'fs';
import * as http from 'http';
import * as os from 'os';
import * as path from 'path';
import { PassThrough } from 'stream';
import Docker from 'dockerode';
import { get } from './support/http';
import { inNodeNetwork, parseSwarmEnv, swarm, swarmOk, SWARM_NODE_NAMES, SwarmEnv, SwarmNodeName } from './support/swarm-script';

// Given the machine as it is, when scripts/swarm.sh builds its three-node Swarm, then the
// nodes are ready and labelled, the local images are in the cluster's registry by digest, a
// replicated service spreads over the three nodes and turns healthy, the overlay network carries
// traffic between nodes, host-mode ports answer on every node, placement by node label works, a
// stopped node comes back, and `down` leaves nothing behind while the host engine keeps working.
// Runs as root (network namespaces, iptables); needs the cds-local images on the host engine.
const prefix = `cds-e2e-swarm-${process.pid % 10000}`;
const nodeNames = SWARM_NODE_NAMES;
type NodeName = SwarmNodeName;
const imagePrefix = process.env.CDS_IMAGE_PREFIX ?? 'cds-local';
const hostEngine = new Docker({ socketPath: '/var/run/docker.sock' });


let snapshot: string;
let env: SwarmEnv;
let manager: Docker;
let nodes: Record<NodeName, Docker>;
let down = false;

/** Runs a command in a container on one node; resolves with its exit code and output. */
async function execIn(client: Docker, container: string, cmd: readonly string[]): Promise<{ exitCode: number; output: string }> {
  const execution = await client.getContainer(container).exec({ Cmd: [...cmd], AttachStdout: true, AttachStderr: true });
  const stream = await execution.start({ hijack: true, stdin: false });
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  client.modem.demuxStream(stream, out, out);
  await new Promise<void>((resolve, reject) => {
    stream.on('end', () => resolve());
    stream.on('error', reject);
  });
  const inspect = await execution.inspect();
  return { exitCode: inspect.ExitCode ?? -1, output: Buffer.concat(chunks).toString('utf8').trim() };
}

interface RunningTask {
  readonly node: NodeName;
  readonly container: string;
  readonly overlayAddress: string | undefined;
}

async function nodeNameOf(nodeId: string): Promise<NodeName> {
  const node = await manager.getNode(nodeId).inspect();
  return node.Description.Hostname as NodeName;
}

/** Polls the manager until `count` tasks of the service run (with a health check: healthy). */
async function waitForRunningTasks(service: string, count: number, network?: string, timeoutMs = 120_000): Promise<RunningTask[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const tasks = await manager.listTasks({ filters: JSON.stringify({ service: [service], 'desired-state': ['running'] }) });
    const running = tasks.filter((task) => task.Status?.State === 'running');
    if (running.length === count) {
      return Promise.all(
        running.map(async (task) => ({
          node: await nodeNameOf(task.NodeID as string),
          container: task.Status.ContainerStatus.ContainerID as string,
          overlayAddress: (task.NetworksAttachments as { Network: { Spec: { Name: string } }; Addresses: string[] }[] | undefined)
            ?.find((attachment) => attachment.Network.Spec.Name === network)
            ?.Addresses[0]?.split('/')[0],
        })),
      );
    }
    if (Date.now() > deadline) {
      const states = tasks.map((task) => `${task.Status?.State} ${task.Status?.Err ?? ''}`).join('; ');
      throw new Error(`${service}: ${running.length} of ${count} tasks running after ${timeoutMs} ms (${states})`);
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

const network = `${prefix}-net`;
const web = `${prefix}-web`;
const webPort = 18081;
const probe = 'import socket; socket.create_connection(("127.0.0.1", 8000), 2)';
let webTasks: RunningTask[];

beforeAll(() => {
  snapshot = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cds-swarm-')), 'before.txt');
  swarmOk(['snapshot', snapshot]);
  swarmOk(['up']);
  env = parseSwarmEnv(swarmOk(['env']));
  manager = new Docker({ socketPath: env.managerSocket });
  nodes = { node1: new Docker({ socketPath: env.nodeSockets.node1 }), node2: new Docker({ socketPath: env.nodeSockets.node2 }), node3: new Docker({ socketPath: env.nodeSockets.node3 }) };
});

afterAll(() => {
  // Whatever failed above, the cluster does not outlive the suite.
  if (!down) swarm(['down']);
  fs.rmSync(path.dirname(snapshot), { recursive: true, force: true });
});

test('up builds three ready nodes, one manager and two workers, each with its node label', async () => {
  const list = await manager.listNodes();

  expect(list.map((node) => node.Description.Hostname).sort()).toEqual([...nodeNames]);
  for (const node of list) {
    const name = node.Description.Hostname as NodeName;
    expect(node.Status.State).toBe('ready');
    expect(node.Status.Addr).toBe(env.nodeIps[name]);
    expect(node.Spec.Role).toBe(name === 'node1' ? 'manager' : 'worker');
    expect(node.Spec.Labels).toEqual({ [env.nodeLabel]: name });
  }
});

test('up again reuses the healthy cluster (same swarm, same nodes)', async () => {
  const before = await manager.swarmInspect();

  const output = swarmOk(['up']);

  expect(output).toContain('reusing the healthy cluster');
  expect((await manager.swarmInspect()).ID).toBe(before.ID);
});

test('the local images are in the registry and each node pulls them by digest', async () => {
  const python = env.images[`${imagePrefix}/python:3`];
  expect(python).toMatch(new RegExp(`^${env.registry.replace(/\./g, '\\.')}/${imagePrefix}/python@sha256:[0-9a-f]{64}$`));
  for (const name of ['postgres:15', 'redis:7', 'nginx:1', 'python:3', 'demo-app:1']) expect(env.images[`${imagePrefix}/${name}`]).toContain('@sha256:');

  // When node2 (which never had it) pulls the Python image by digest, then it is the host's image.
  await new Promise<void>((resolve, reject) =>
    nodes.node2.pull(python, {}, (err: Error | null, stream?: NodeJS.ReadableStream) => (err || !stream ? reject(err ?? new Error('the pull returned no stream')) : nodes.node2.modem.followProgress(stream, (e: Error | null) => (e ? reject(e) : resolve())))),
  );
  const pulled = await nodes.node2.getImage(python).inspect();
  const original = await hostEngine.getImage(`${imagePrefix}/python:3`).inspect();
  expect(pulled.Id).toBe(original.Id);
});

test('a 3-replica service by digest with a health check spreads over the three nodes and turns healthy', async () => {
  const net = await manager.createNetwork({ Name: network, Driver: 'overlay', Attachable: true });
  await manager.createService({
    Name: web,
    TaskTemplate: {
      ContainerSpec: {
        Image: env.images[`${imagePrefix}/python:3`],
        Command: ['python3', '-m', 'http.server', '8000'],
        // An init process: python as PID 1 ignores SIGTERM, and every stop would wait out the grace period.
        Init: true,
        HealthCheck: { Test: ['CMD', 'python3', '-c', probe], Interval: 2e9, Timeout: 2e9, Retries: 3 },
      },
      Networks: [{ Target: net.id }],
      Placement: { MaxReplicas: 1 },
    },
    Mode: { Replicated: { Replicas: 3 } },
    // No IPVS on this kernel: DNS round robin and host-mode ports instead of a VIP and the ingress mesh.
    EndpointSpec: { Mode: 'dnsrr', Ports: [{ Protocol: 'tcp', TargetPort: 8000, PublishedPort: webPort, PublishMode: 'host' }] },
  });

  webTasks = await waitForRunningTasks(web, 3, network);

  expect(webTasks.map((task) => task.node).sort()).toEqual([...nodeNames]);
  for (const task of webTasks) {
    const container = await nodes[task.node].getContainer(task.container).inspect();
    expect(container.State.Health?.Status).toBe('healthy');
  }
});

test('the overlay network carries traffic between nodes: tasks.NAME from each node, TCP from node1 to node3', async () => {
  const addresses = webTasks.map((task) => task.overlayAddress).sort();
  expect(addresses).toHaveLength(3);
  const resolve = `import socket; print(" ".join(sorted({a[4][0] for a in socket.getaddrinfo("tasks.${web}", 8000, proto=socket.IPPROTO_TCP)})))`;

  for (const task of webTasks) {
    // A node's embedded DNS learns the other nodes' tasks through the overlay network's gossip,
    // which is eventually consistent: right after the tasks turn healthy a node may not know a
    // remote one yet (seen in CI on 2026-12-05: two of three). Asked again, at most 30 times 0.5 s apart.
    let answer = { node: task.node, exitCode: -1, addresses: [] as string[] };
    for (let attempt = 0; attempt < 30; attempt++) {
      const result = await execIn(nodes[task.node], task.container, ['python3', '-c', resolve]);
      answer = { node: task.node, exitCode: result.exitCode, addresses: result.output.split(' ').sort() };
      if (answer.exitCode === 0 && answer.addresses.length === addresses.length) break;
      await new Promise((done) => setTimeout(done, 500));
    }
    expect(answer).toEqual({ node: task.node, exitCode: 0, addresses });
  }

  const from = webTasks.find((task) => task.node === 'node1') as RunningTask;
  const to = webTasks.find((task) => task.node === 'node3') as RunningTask;
  const fetch = `import urllib.request; print(urllib.request.urlopen("http://${to.overlayAddress}:8000/", timeout=5).status)`;
  const result = await execIn(nodes.node1, from.container, ['python3', '-c', fetch]);
  expect(result).toEqual({ exitCode: 0, output: '200' });
});

test('a host-mode published port answers on every node address', () => {
  for (const [i, node] of nodeNames.entries()) {
    const from = nodeNames[(i + 1) % 3];
    const result = inNodeNetwork(from, ['curl', '-s', '-o', '/dev/null', '-w', '%{http_code}', '--max-time', '5', `http://${env.nodeIps[node]}:${webPort}/`]);
    expect({ node, from, answer: result.output }).toEqual({ node, from, answer: '200' });
  }
});

test('a node label constraint places a service on the pinned node', async () => {
  const pinned = `${prefix}-pinned`;
  await manager.createService({
    Name: pinned,
    TaskTemplate: {
      ContainerSpec: { Image: env.images[`${imagePrefix}/python:3`], Command: ['python3', '-c', 'import time; time.sleep(3600)'], Init: true },
      Placement: { Constraints: [`node.labels.${env.nodeLabel}==node2`] },
    },
    Mode: { Replicated: { Replicas: 2 } },
  });

  const tasks = await waitForRunningTasks(pinned, 2);

  expect(tasks.map((task) => task.node)).toEqual(['node2', 'node2']);
  await manager.getService(pinned).remove();
});

test('a VIP service answers only where the kernel has IPVS (not on this machine kind)', async () => {
  const vip = `${prefix}-vip`;
  await manager.createService({
    Name: vip,
    TaskTemplate: { ContainerSpec: { Image: env.images[`${imagePrefix}/python:3`], Command: ['python3', '-m', 'http.server', '8000'], Init: true }, Networks: [{ Target: network }] },
    Mode: { Replicated: { Replicas: 1 } },
  });
  await waitForRunningTasks(vip, 1);
  const from = webTasks.find((task) => task.node === 'node1') as RunningTask;
  const fetch = `import urllib.request\ntry:\n    print(urllib.request.urlopen("http://${vip}:8000/", timeout=5).status)\nexcept Exception as e:\n    print(repr(e))`;

  const result = await execIn(nodes.node1, from.container, ['python3', '-c', fetch]);

  const hasIpvs = fs.existsSync('/proc/sys/net/ipv4/vs');
  expect(result.output).toBe(hasIpvs ? '200' : "URLError(OSError(113, 'No route to host'))");
  await manager.getService(vip).remove();
});

test('a stopped node is reported down, and comes back ready when started again', async () => {
  swarmOk(['node-stop', 'node3']);
  const node3 = (await manager.listNodes()).find((node) => node.Description.Hostname === 'node3');
  const waitFor = async (state: string) => {
    const deadline = Date.now() + 90_000;
    while ((await manager.getNode(node3?.ID as string).inspect()).Status.State !== state) {
      if (Date.now() > deadline) throw new Error(`node3 not ${state} after 90 s`);
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  };

  await waitFor('down');
  swarmOk(['node-start', 'node3']);
  await waitFor('ready');

  // Then the web service is back to one task per node.
  const tasks = await waitForRunningTasks(web, 3, network);
  expect(tasks.map((task) => task.node).sort()).toEqual([...nodeNames]);
});

test('down leaves no interface, namespace, iptables rule, mount, cgroup or process behind', () => {
  swarmOk(['down']);
  down = true;

  const result = swarm(['leftovers', snapshot]);

  expect(result.output).toContain('nothing of the cluster is left');
  expect(result.status).toBe(0);
});

test('down again, with no cluster left, succeeds and changes nothing', () => {
  swarmOk(['down']);

  const result = swarm(['leftovers', snapshot]);

  expect(result.output).toContain('nothing of the cluster is left');
  expect(result.status).toBe(0);
});

test('the host engine still publishes ports after down', async () => {
  const name = `${prefix}-host-check`;
  const container = await hostEngine.createContainer({
    name,
    Image: `${imagePrefix}/python:3`,
    Cmd: ['python3', '-m', 'http.server', '8000'],
    ExposedPorts: { '8000/tcp': {} },
    HostConfig: { AutoRemove: true, PortBindings: { '8000/tcp': [{ HostIp: '127.0.0.1', HostPort: '18999' }] } },
  });
  try {
    await container.start();
    const deadline = Date.now() + 20_000;
    let status = 0;
    while (status !== 200 && Date.now() < deadline) {
      status = await get(http, { host: '127.0.0.1', port: 18999, path: '/' }, 2000).then(
        (answer) => answer.status,
        () => 0,
      );
      if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(status).toBe(200);
  } finally {
    await container.stop({ t: 1 }).catch(() => undefined);
  }
});
