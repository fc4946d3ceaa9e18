// scripts/swarm.sh driven from the Swarm e2e suites: run it, and read what `swarm.sh env` prints.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import type Docker from 'dockerode';

const script = path.resolve(__dirname, '../../../scripts/swarm.sh');

export const SWARM_NODE_NAMES = ['node1', 'node2', 'node3'] as const;
export type SwarmNodeName = (typeof SWARM_NODE_NAMES)[number];

/** The cluster as `scripts/swarm.sh env` describes it. */
export interface SwarmEnv {
  /** The manager's DOCKER_HOST (`unix://...`). */
  readonly managerHost: string;
  /** The manager's socket path. */
  readonly managerSocket: string;
  readonly registry: string;
  /** Local image -> registry reference by digest. */
  readonly images: Record<string, string>;
  readonly nodeSockets: Record<SwarmNodeName, string>;
  readonly nodeIps: Record<SwarmNodeName, string>;
  readonly nodeLabel: string;
}

/** Runs `scripts/swarm.sh ARGS` with one manager; its exit status and output, never throws. */
export function swarm(args: readonly string[], timeoutMs = 10 * 60 * 1000): { status: number | null; output: string } {
  const result = spawnSync('bash', [script, ...args], { encoding: 'utf8', timeout: timeoutMs, env: { ...process.env, CDS_SWARM_MANAGERS: '1' } });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** Runs `scripts/swarm.sh ARGS`; its output, or an error with the output when it fails. */
export function swarmOk(args: readonly string[]): string {
  const result = swarm(args);
  if (result.status !== 0) throw new Error(`scripts/swarm.sh ${args.join(' ')} exited ${result.status}:\n${result.output}`);
  return result.output;
}

/** Reads the `export NAME=value` lines of `scripts/swarm.sh env`. */
export function parseSwarmEnv(output: string): SwarmEnv {
  const vars: Record<string, string> = {};
  for (const line of output.split('\n')) {
    const match = /^export ([A-Z0-9_]+)=(.*)$/.exec(line);
    if (match) vars[match[1]] = match[2];
  }
  const socket = (host: string) => host.replace(/^unix:\/\//, '');
  return {
    managerHost: vars.DOCKER_HOST,
    managerSocket: socket(vars.DOCKER_HOST),
    registry: vars.CDS_SWARM_REGISTRY,
    images: JSON.parse(fs.readFileSync(vars.CDS_SWARM_IMAGES, 'utf8')) as Record<string, string>,
    nodeSockets: { node1: socket(vars.CDS_SWARM_NODE1_HOST), node2: socket(vars.CDS_SWARM_NODE2_HOST), node3: socket(vars.CDS_SWARM_NODE3_HOST) },
    nodeIps: { node1: vars.CDS_SWARM_NODE1_IP, node2: vars.CDS_SWARM_NODE2_IP, node3: vars.CDS_SWARM_NODE3_IP },
    nodeLabel: vars.CDS_SWARM_NODE_LABEL,
  };
}

/** A command run inside one of the cluster's network namespaces (`cds-swarm-node1`, ...): traffic stays in the test network. */
export function inNamespace(namespace: string, cmd: readonly string[]): { status: number | null; output: string } {
  const result = spawnSync('nsenter', [`--net=/var/run/netns/${namespace}`, '--', ...cmd], { encoding: 'utf8', timeout: 30_000 });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** A command run inside one node's network namespace. */
export function inNodeNetwork(node: SwarmNodeName, cmd: readonly string[]): { status: number | null; output: string } {
  return inNamespace(`cds-swarm-${node}`, cmd);
}

/** The test registry's reference by digest of local image `<prefix>/<name>` (e.g. `demo-app:1`), as pushed by `swarm.sh up`. */
export function registryReference(env: SwarmEnv, imagePrefix: string, name: string): string {
  const reference = env.images[`${imagePrefix}/${name}`];
  if (!reference) throw new Error(`no registry digest for ${imagePrefix}/${name} in CDS_SWARM_IMAGES`);
  return reference;
}

/** Services, secrets, configs and networks on the cluster whose name starts with `prefix`, as "kind name". */
export async function swarmLeftovers(manager: Docker, prefix: string): Promise<string[]> {
  return [
    ...(await manager.listServices()).map((s) => `service ${s.Spec?.Name ?? ''}`),
    ...((await manager.listSecrets()) as { Spec: { Name: string } }[]).map((s) => `secret ${s.Spec.Name}`),
    ...((await manager.listConfigs()) as { Spec: { Name: string } }[]).map((c) => `config ${c.Spec.Name}`),
    ...(await manager.listNetworks()).map((n) => `network ${n.Name}`),
  ].filter((entry) => entry.split(' ')[1].startsWith(prefix));
}
