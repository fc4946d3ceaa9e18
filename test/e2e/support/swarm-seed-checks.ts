// What the seed-stack Swarm suites (swarm-seeds, swarm-seed-layouts) check on the cluster: the
// tasks of a service through the manager's and the nodes' Docker APIs, the named volumes on a
// node, HTTP requests sent from inside a node's network namespace, repeated diffs and destroy.
import { spawnSync } from 'child_process';
import type Docker from 'dockerode';
import { CdktfWorkdir, parsePlanSummary } from './cdktf-cli';
import { inNodeNetwork, SWARM_NODE_NAMES, SwarmNodeName } from './swarm-script';

/** The manager and every node's own engine. */
export interface SwarmApis {
  readonly manager: Docker;
  readonly nodes: Readonly<Record<SwarmNodeName, Docker>>;
}

export interface TaskState {
  readonly node: string;
  readonly state: string;
  readonly health: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The running tasks of a service: their node's hostname, state and container health ("none" without a check), by node. */
export async function tasksOf(apis: SwarmApis, service: string): Promise<TaskState[]> {
  const hostnames = new Map((await apis.manager.listNodes()).map((n) => [n.ID, n.Description.Hostname as SwarmNodeName]));
  const tasks = (await apis.manager.listTasks({ filters: JSON.stringify({ service: [service], 'desired-state': ['running'] }) })) as {
    NodeID: string;
    Status: { State: string; ContainerStatus?: { ContainerID?: string } };
  }[];
  const states = await Promise.all(
    tasks.map(async (t) => {
      const node = hostnames.get(t.NodeID) ?? (t.NodeID as SwarmNodeName);
      const id = t.Status.ContainerStatus?.ContainerID;
      const engine = apis.nodes[node] as Docker | undefined;
      const inspected = id && engine ? await engine.getContainer(id).inspect().catch(() => undefined) : undefined;
      return { node, state: t.Status.State, health: inspected?.State.Health?.Status ?? 'none' };
    }),
  );
  return states.sort((a, b) => a.node.localeCompare(b.node));
}

/** Polls tasksOf(service) until `done` holds (bounded: 60 polls, 2 s apart); the last answer. */
export async function waitForTasks(apis: SwarmApis, service: string, done: (tasks: TaskState[]) => boolean): Promise<TaskState[]> {
  let tasks: TaskState[] = [];
  for (let attempt = 0; attempt < 60; attempt++) {
    tasks = await tasksOf(apis, service);
    if (done(tasks)) break;
    await sleep(2000);
  }
  return tasks;
}

/** Whether the tasks run on exactly `nodes` (in order), all running and healthy (or without a check). */
export const healthyOn =
  (nodes: readonly string[]) =>
  (tasks: TaskState[]): boolean =>
    JSON.stringify(tasks.map((t) => t.node)) === JSON.stringify(nodes) && tasks.every((t) => t.state === 'running' && (t.health === 'healthy' || t.health === 'none'));

/** Named volumes whose name starts with `prefix` on `node`, sorted. */
export async function volumesOn(apis: SwarmApis, node: SwarmNodeName, prefix: string): Promise<string[]> {
  return ((await apis.nodes[node].listVolumes()).Volumes ?? []).map((v) => v.Name).filter((name) => name.startsWith(prefix)).sort();
}

/** Removes a volume, retried (at most 15 times, 2 s apart): a task's container still holds it for a moment after its service is gone. */
export async function removeVolume(apis: SwarmApis, node: SwarmNodeName, volume: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await apis.nodes[node].getVolume(volume).remove();
      return;
    } catch (error) {
      if (attempt >= 14) throw error;
      await sleep(2000);
    }
  }
}

/** GET (or POST with `body`) `url` from inside `node`'s namespace: the status code and the body. */
export function nodeRequest(node: SwarmNodeName, url: string, body?: string): { code: string; body: string } {
  const args = ['curl', '-s', '--max-time', '5', '-w', '\n%{http_code}', ...(body ? ['-X', 'POST', '-H', 'Content-Type: application/json', '--data', body] : []), url];
  const lines = inNodeNetwork(node, args).output.trimEnd().split('\n');
  return { code: lines.pop() ?? '', body: lines.join('\n') };
}

/** nodeRequest(), retried (at most 10 times, 1 s apart) until it answers 200. */
export function nodeRequestOk(node: SwarmNodeName, url: string, body?: string): { code: string; body: string } {
  let answer = { code: '', body: '' };
  for (let attempt = 0; attempt < 10; attempt++) {
    answer = nodeRequest(node, url, body);
    if (answer.code === '200') break;
    spawnSync('sleep', ['1']);
  }
  return answer;
}

/**
 * `cdktf diff` of each stack, `rounds` times in a row: per round, each stack's "no-changes", or
 * its exit status and the end of its output. Compare with noChangesIn(stacks, rounds).
 */
export function diffRounds(cli: CdktfWorkdir, stacks: readonly string[], rounds = 3): Record<string, string>[] {
  return Array.from({ length: rounds }, () =>
    Object.fromEntries(
      stacks.map((stack) => {
        const result = cli.run(['diff', stack]);
        const summary = result.status === 0 ? parsePlanSummary(result.output) : undefined;
        return [stack, summary?.kind === 'no-changes' ? 'no-changes' : `exit ${result.status}: ${result.output.slice(-8000)}`];
      }),
    ),
  );
}

/** What diffRounds() answers when no round of any stack had a change. */
export function noChangesIn(stacks: readonly string[], rounds = 3): Record<string, string>[] {
  return Array.from({ length: rounds }, () => Object.fromEntries(stacks.map((stack) => [stack, 'no-changes'])));
}

/**
 * `cdktf destroy` of the stacks together, then `leftovers()` polled until empty (bounded: 20
 * polls, 2 s apart; an overlay network goes a few seconds after its last task): what is left.
 */
export async function destroyStacks(cli: CdktfWorkdir, stacks: readonly string[], leftovers: () => Promise<string[]>): Promise<string[]> {
  cli.runOk(['destroy', ...stacks, '--auto-approve', '--parallelism', String(stacks.length)]);
  let left: string[] = [];
  for (let attempt = 0; attempt < 20; attempt++) {
    left = await leftovers();
    if (left.length === 0) break;
    await sleep(2000);
  }
  return left;
}

/** Removes every volume `volumesOf(node)` lists, on every node (each removal retried, see removeVolume). */
export async function removeVolumesOnEveryNode(apis: SwarmApis, volumesOf: (node: SwarmNodeName) => Promise<string[]>): Promise<void> {
  for (const node of SWARM_NODE_NAMES) for (const volume of await volumesOf(node)) await removeVolume(apis, node, volume);
}
