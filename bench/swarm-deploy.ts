// `npm run bench:swarm [vibecoding|nexten ...]`: on the three-node Swarm of scripts/swarm.sh,
// deploy-to-converged time of each seed stack with `cdktf deploy` as a user runs it (the
// configuration file sending the stack to Swarm, the app command of cdktf.json included) against
// `docker stack deploy --detach=false` of an equivalent stack file (below) on the same cluster
// and images. Both start cold (no volumes) and are timed until every task of every service runs,
// healthy where it has a check. Prints the figures and their ratio; asserts nothing. Everything
// it deploys is named `bsw-*` / `bswc-*` and removed again, volumes included.
//
// The cluster is shared: run it under the lock, when /tmp/engine-free exists:
//   flock /tmp/cds-swarm.lock bash scripts/with-local-engine.sh npm run bench:swarm
// It brings the cluster up if needed and takes it down at the end.
//
// The equivalent stack file is the stack's compose export (constructs/compose-export.ts) made
// into what `docker stack deploy` takes: the export describes the single-engine shape
// (`container_name`, `depends_on` conditions, bridge networks, inline `content` configs,
// `host_ip` bindings), which the stack loader refuses or ignores. swarmStackFile() below rewrites
// those and adds the Swarm placement the cdktf side has (replicas, pins, global proxy, DNS round
// robin, host-mode ports). Secrets stay environment variables there, and restarts are unbounded
// (nothing orders the start: a service whose dependency is not up yet exits and is restarted).
import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import Docker from 'dockerode';
import { App } from 'cdktf';
import { stringify } from 'yaml';
import { DockerStack, exportCompose, Service } from '../constructs';
import { addSeedStacks, loadStacksConfig, REPLICA_KEYS, SWARM_STACK_IMAGE_KEYS, SwarmStackName } from '../stacks';
import { CommandLimit, mustRunTimed, Timed, timedRun } from './timed-command';

const ROOT = path.resolve(__dirname, '..');
const PREFIX = 'bsw';
const WORK = path.join(ROOT, '.local', 'bench-swarm');
const NODES = ['node1', 'node2', 'node3'] as const;
const DATA_NODE = 'node3';
const REPLICAS = 3;
const IMAGE_FILES: Readonly<Record<string, string>> = { postgres: 'postgres:15', redis: 'redis:7', nginx: 'nginx:1', app: 'demo-app:1' };

/** Every command's bound: a stuck deploy must not hang the benchmark. */
const LIMIT: CommandLimit = { timeoutMs: 12 * 60_000, killSignal: 'SIGKILL' };
const run = (command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv): Timed => timedRun(command, args, cwd, env, LIMIT);
const mustRun = (what: string, command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv): Timed => mustRunTimed(what, command, args, cwd, env, LIMIT);

/** The `export NAME=value` lines of a script's `env` command. */
function scriptEnv(script: string, args: readonly string[] = ['env']): Record<string, string> {
  const out = mustRun(`${script} ${args.join(' ')}`, 'bash', [path.join(ROOT, 'scripts', script), ...args], ROOT, process.env).output;
  const env: Record<string, string> = {};
  for (const match of out.matchAll(/^export (\w+)="?([^"\n]*)"?$/gm)) env[match[1]] = match[2].replace(/\$PATH|\$\{PATH\}/, process.env.PATH ?? '');
  return env;
}

interface Cluster {
  readonly manager: Docker;
  readonly managerHost: string;
  readonly nodes: Readonly<Record<string, Docker>>;
  readonly nodeLabel: string;
  readonly images: Readonly<Record<string, string>>;
}

type ServiceFilter = (name: string) => boolean;

/** Whether every service `owned` selects runs all its tasks, each healthy where it has a check (and at least one service exists). */
async function converged(cluster: Cluster, owned: ServiceFilter): Promise<boolean> {
  const services = (await cluster.manager.listServices()).filter((s) => owned(s.Spec?.Name ?? ''));
  if (services.length === 0) return false;
  const nodes = (await cluster.manager.listNodes()) as { ID: string; Description?: { Hostname?: string } }[];
  const hostnames = new Map<string, string>(nodes.map((n) => [n.ID, n.Description?.Hostname ?? '']));
  for (const service of services) {
    const tasks = (await cluster.manager.listTasks({ filters: JSON.stringify({ service: [service.Spec?.Name], 'desired-state': ['running'] }) })) as {
      NodeID: string;
      Status: { State: string; ContainerStatus?: { ContainerID?: string } };
    }[];
    const wanted = service.Spec?.Mode?.Global ? NODES.length : (service.Spec?.Mode?.Replicated?.Replicas ?? 1);
    const running = tasks.filter((t) => t.Status.State === 'running');
    if (running.length !== wanted) return false;
    for (const task of running) {
      const node = cluster.nodes[hostnames.get(task.NodeID) ?? ''];
      const id = task.Status.ContainerStatus?.ContainerID;
      if (!node || !id) return false;
      const health = (await node.getContainer(id).inspect()).State.Health?.Status;
      if (health !== undefined && health !== 'healthy') return false;
    }
  }
  return true;
}

/** Seconds from `start` until converged() holds, polled every 500 ms for at most 10 minutes. */
async function convergedAfter(cluster: Cluster, owned: ServiceFilter, start: bigint): Promise<number> {
  const deadline = Date.now() + 10 * 60_000;
  while (Date.now() < deadline) {
    if (await converged(cluster, owned)) return Number(process.hrtime.bigint() - start) / 1e9;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error('not converged within 10 minutes');
}

/** Waits (bounded, 2 min) until no service, network, secret or config `owned` selects is left, then removes such volumes on every node. */
async function cleanUp(cluster: Cluster, owned: ServiceFilter): Promise<void> {
  for (let attempt = 0; attempt < 60; attempt++) {
    const left = [
      ...(await cluster.manager.listServices()).map((s) => s.Spec?.Name ?? ''),
      ...(await cluster.manager.listNetworks()).map((n) => n.Name),
      ...((await cluster.manager.listSecrets()) as { Spec: { Name: string } }[]).map((s) => s.Spec.Name),
      ...((await cluster.manager.listConfigs()) as { Spec: { Name: string } }[]).map((c) => c.Spec.Name),
    ].filter(owned);
    if (left.length === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
  for (const node of Object.values(cluster.nodes)) {
    for (const volume of ((await node.listVolumes()).Volumes ?? []).filter((v) => owned(v.Name))) {
      // A task's container may still hold it for a moment after its service is gone.
      for (let attempt = 0; attempt < 15; attempt++) {
        if (await node.getVolume(volume.Name).remove().then(() => true, () => false)) break;
        await new Promise((resolve) => setTimeout(resolve, 2000));
      }
    }
  }
}

type ComposeService = Record<string, unknown> & { ports?: { target: number; published: string; protocol: string }[]; deploy?: Record<string, unknown> };

/**
 * The compose export of `stack` (a Swarm-target stack) as a file `docker stack deploy` takes,
 * with the same placement as the cdktf side. Inline configs go to files beside it, in `dir`.
 */
function swarmStackFile(stack: DockerStack, dir: string): string {
  const { document } = exportCompose(stack);
  const doc = document as { services: Record<string, ComposeService>; networks?: Record<string, Record<string, unknown>>; configs?: Record<string, { content?: string; file?: string }>; name?: string };
  delete doc.name;
  for (const network of Object.values(doc.networks ?? {})) network.driver = 'overlay';
  for (const [name, config] of Object.entries(doc.configs ?? {})) {
    const file = path.join(dir, 'configs', name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    // The export escapes "$" as "$$" for compose's interpolation, which a config file does not get.
    fs.writeFileSync(file, (config.content ?? '').replace(/\$\$/g, () => '$'));
    doc.configs![name] = { file };
  }
  const services = new Map(stack.node.findAll().filter((c): c is Service => Service.isService(c)).map((s) => [s.node.id, s]));
  for (const [name, service] of Object.entries(doc.services)) {
    // Ignored or refused by the stack loader; Swarm orders nothing at start (cdktf's depends_on does).
    for (const key of ['container_name', 'restart', 'depends_on', 'ipc', 'security_opt', 'shm_size', 'memswap_limit', 'build']) delete service[key];
    service.ports = service.ports?.map((p) => ({ target: p.target, published: Number(p.published), protocol: p.protocol, mode: stack.target.publishMode })) as ComposeService['ports'];
    const construct = services.get(name);
    const placement = construct?.placement;
    service.deploy = {
      ...service.deploy,
      ...(placement?.global ? { mode: 'global', replicas: undefined } : { replicas: construct?.replicas ?? 1 }),
      ...(placement?.node ? { placement: { constraints: [`node.labels.${stack.target.nodeLabel}==${placement.node}`] } } : {}),
      endpoint_mode: stack.target.endpointMode,
      // Unbounded, unlike cdktf's 5 attempts: a stack file has no start order, so a proxy or a
      // worker that starts before what it needs exits and is restarted until that is up.
      restart_policy: { condition: 'on-failure', delay: '5s', window: '2m' },
    };
    if (placement?.global) delete service.deploy.replicas;
  }
  const file = path.join(dir, 'stack.yaml');
  fs.writeFileSync(file, stringify(doc));
  return file;
}

interface Row {
  readonly stack: string;
  readonly tasks: number;
  readonly stackDeploy: number;
  readonly stackDeployReturned: number;
  readonly cdktf: number;
  readonly cdktfReturned: number;
}

async function benchStack(name: SwarmStackName, cluster: Cluster, baseEnv: NodeJS.ProcessEnv): Promise<Row> {
  const dir = path.join(WORK, name);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const target = { kind: 'swarm', nodeLabel: cluster.nodeLabel, dataNode: DATA_NODE, endpointMode: 'dnsrr', publishMode: 'host' };
  const settings = (namePrefix: string) => ({
    namePrefix,
    dockerHost: cluster.managerHost,
    imageProfile: 'local',
    images: Object.fromEntries(SWARM_STACK_IMAGE_KEYS[name].map((key) => [key, cluster.images[`cds-local/${IMAGE_FILES[key]}`]])),
    targets: { [name]: target },
    replicas: Object.fromEntries(REPLICA_KEYS.filter((key) => key.startsWith(`${name}.`)).map((key) => [key, REPLICAS])),
    state: { backend: 'local', directory: path.join(dir, 'state') },
  });
  const configFile = path.join(dir, 'stacks.config.json');
  fs.writeFileSync(configFile, JSON.stringify(settings(PREFIX), null, 2));
  const app = (JSON.parse(fs.readFileSync(path.join(ROOT, 'cdktf.json'), 'utf8')) as { app: string }).app.replace('main.ts', path.join(ROOT, 'main.ts'));
  fs.writeFileSync(path.join(dir, 'cdktf.json'), JSON.stringify({ language: 'typescript', app, sendCrashReports: 'false', terraformProviders: [] }));
  const env: NodeJS.ProcessEnv = { ...baseEnv, CDS_CONFIG: configFile, TF_VAR_vibecoding_postgres_password: randomBytes(16).toString('hex') };

  // The equivalent stack file, from the same configuration under another prefix.
  const composeConfigFile = path.join(dir, 'compose.config.json');
  fs.writeFileSync(composeConfigFile, JSON.stringify(settings(`${PREFIX}c`)));
  const [composeStack] = addSeedStacks(new App(), loadStacksConfig(dir, { CDS_CONFIG: composeConfigFile }), [name]);
  const stackFile = swarmStackFile(composeStack, dir);
  const stackName = `${PREFIX}c-${name}`;
  const composeOwned: ServiceFilter = (n) => n.startsWith(`${stackName}-`) || n.startsWith(`${stackName}_`);
  const cdktfOwned: ServiceFilter = (n) => n.startsWith(`${PREFIX}-${name}-`);
  const swarmEnv = { ...env, DOCKER_HOST: cluster.managerHost };

  await cleanUp(cluster, composeOwned);
  let start = process.hrtime.bigint();
  const stackDeploy = mustRun(`docker stack deploy ${name}`, 'docker', ['stack', 'deploy', '--detach=false', '-c', stackFile, stackName], dir, swarmEnv);
  const stackConverged = await convergedAfter(cluster, composeOwned, start);
  const tasks = (await cluster.manager.listTasks({ filters: JSON.stringify({ 'desired-state': ['running'] }) })).length;
  mustRun(`docker stack rm ${name}`, 'docker', ['stack', 'rm', stackName], dir, swarmEnv);
  await cleanUp(cluster, composeOwned);

  await cleanUp(cluster, cdktfOwned);
  const cdktf = (args: readonly string[]) => run('npx', ['cdktf', ...args, '--skip-provider-lock', '--no-color'], dir, env);
  try {
    start = process.hrtime.bigint();
    const deploy = cdktf(['deploy', name, '--auto-approve']);
    if (deploy.status !== 0) throw new Error(`cdktf deploy ${name} exited ${deploy.status}:\n${deploy.output.slice(-4000)}`);
    const cdktfConverged = await convergedAfter(cluster, cdktfOwned, start);
    return { stack: name, tasks, stackDeploy: stackConverged, stackDeployReturned: stackDeploy.seconds, cdktf: cdktfConverged, cdktfReturned: deploy.seconds };
  } finally {
    cdktf(['destroy', name, '--auto-approve']);
    await cleanUp(cluster, cdktfOwned);
  }
}

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const known = Object.keys(SWARM_STACK_IMAGE_KEYS);
  const unknown = wanted.filter((name) => !known.includes(name));
  if (unknown.length > 0) {
    console.error(`unknown stack ${unknown.join(', ')}. Fix: use one of ${known.join(', ')}`);
    process.exit(2);
  }
  const names = (wanted.length > 0 ? wanted : known) as SwarmStackName[];
  const env: NodeJS.ProcessEnv = { ...process.env, ...scriptEnv('engine.sh'), ...scriptEnv('provider.sh'), CHECKPOINT_DISABLE: '1', CDS_NAME_PREFIX: '', CDS_DOCKER_HOST: '', CDS_IMAGE_PROFILE: '' };
  mustRun('scripts/swarm.sh up', 'bash', [path.join(ROOT, 'scripts', 'swarm.sh'), 'up'], ROOT, { ...process.env, CDS_SWARM_MANAGERS: '1' });
  try {
    const vars = scriptEnv('swarm.sh');
    const socket = (host: string) => host.replace(/^unix:\/\//, '');
    const cluster: Cluster = {
      manager: new Docker({ socketPath: socket(vars.DOCKER_HOST) }),
      managerHost: vars.DOCKER_HOST,
      nodes: Object.fromEntries(NODES.map((n, i) => [n, new Docker({ socketPath: socket(vars[`CDS_SWARM_NODE${i + 1}_HOST`]) })])),
      nodeLabel: vars.CDS_SWARM_NODE_LABEL,
      images: JSON.parse(fs.readFileSync(vars.CDS_SWARM_IMAGES, 'utf8')) as Record<string, string>,
    };
    const load = () => os.loadavg().map((l) => l.toFixed(1)).join(' ');
    console.log(`Swarm deploy to converged (3 nodes in namespaces, cold, images by digest from the test registry): node ${process.version}, ${os.cpus().length} cores, load ${load()}`);
    console.log('stack        tasks  stack deploy s (returned)  cdktf deploy s (returned)  ratio cdktf/stack');
    for (const name of names) {
      const row = await benchStack(name, cluster, env);
      console.log(
        `${row.stack.padEnd(12)} ${String(row.tasks).padStart(5)}  ${row.stackDeploy.toFixed(1).padStart(14)} (${row.stackDeployReturned.toFixed(1).padStart(6)})  ${row.cdktf.toFixed(1).padStart(14)} (${row.cdktfReturned.toFixed(1).padStart(6)})  ${(row.cdktf / row.stackDeploy).toFixed(2).padStart(17)}`,
      );
    }
    console.log(`load at the end ${load()}`);
  } finally {
    run('bash', [path.join(ROOT, 'scripts', 'swarm.sh'), 'down'], ROOT, { ...process.env, CDS_SWARM_MANAGERS: '1' });
    fs.rmSync(WORK, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
