import type Docker from 'dockerode';
import { CDS_LABELS } from './labels';
import { declaredContainers, listStackContainers, matchContainers, type DeclaredContainer, type EngineContainer } from './stack-containers';
import type { TerraformJson } from './project';

/** Docker's container states, plus `missing` for a declared container the engine does not have. */
export type ContainerState = 'running' | 'restarting' | 'exited' | 'created' | 'paused' | 'dead' | 'removing' | 'missing';
/** Docker's health states, plus `none` for a container without a health check. */
export type HealthState = 'healthy' | 'unhealthy' | 'starting' | 'none';

/** The last health probe Docker ran. */
export interface ProbeResult {
  readonly exitCode: number;
  /** What the probe printed (Docker keeps up to 4 KiB), trimmed. */
  readonly output: string;
  /** When it ended (RFC 3339). */
  readonly at: string;
}

/** A published port as the container is configured. */
export interface PortBinding {
  readonly hostIp: string;
  readonly hostPort: number;
  readonly containerPort: number;
  readonly protocol: string;
}

/** Image the container runs against image the stack references. */
export interface ImageStatus {
  /** The reference in the synthesized stack (a `docker_image`'s name). */
  readonly synthesized: string | undefined;
  /** The id the engine has for that reference now; undefined when it has none. */
  readonly synthesizedId: string | undefined;
  /** The id the container was created from. */
  readonly deployedId: string | undefined;
  /**
   * `current`: the container runs the image the reference names; `outdated`: another one (the
   * tag moved or was rebuilt since the deploy); `unknown`: the engine has no such reference.
   */
  readonly state: 'current' | 'outdated' | 'unknown';
}

/** What the engine says about one container, before judging it. */
export interface ContainerFacts {
  readonly service: string;
  readonly container: string;
  /** False for a container with the stack's label that the synthesized stack does not declare. */
  readonly declared: boolean;
  readonly state: ContainerState;
  readonly health: HealthState;
  readonly lastProbe: ProbeResult | undefined;
  readonly restartCount: number;
  readonly oomKilled: boolean;
  /** Exit code of the last exit, while the container is not running (Docker resets it when it starts again). */
  readonly exitCode: number | undefined;
  /** The engine's error for the last start, if any ("port is already allocated"). */
  readonly error: string | undefined;
  readonly startedAt: string | undefined;
  readonly finishedAt: string | undefined;
  readonly memoryLimitBytes: number | undefined;
  readonly image: ImageStatus;
  readonly ports: readonly PortBinding[];
}

/** One container's status: the facts, a verdict, and why. */
export interface ContainerStatus extends ContainerFacts {
  /** Seconds since it started, while it runs. */
  readonly uptimeSeconds: number | undefined;
  /** Running, and healthy (or without a health check). */
  readonly ok: boolean;
  /** Why it is not ok; empty when it is. */
  readonly problems: readonly string[];
  /** Worth knowing without making it fail: restarts, an outdated image, a container the stack does not declare. */
  readonly notes: readonly string[];
}

/** The status of a stack: `status --json` prints this. */
export interface StackStatus {
  readonly stack: string;
  readonly engine: string;
  readonly checkedAt: string;
  /** Every declared container running healthy. */
  readonly ok: boolean;
  readonly containers: readonly ContainerStatus[];
}

const NANOSECONDS_ZERO_TIME = '0001-01-01T00:00:00Z';

function time(value: string | undefined): string | undefined {
  return value === undefined || value === '' || value.startsWith('0001-01-01') || value === NANOSECONDS_ZERO_TIME ? undefined : value;
}

/** Facts from `docker inspect` of one container (pure: unit-tested on recorded inspect data). */
export function factsFromInspect(
  declared: DeclaredContainer | undefined,
  service: string,
  info: Docker.ContainerInspectInfo,
  synthesizedImageId: string | undefined,
): ContainerFacts {
  const state = info.State;
  const probes = state.Health?.Log ?? [];
  const last = probes[probes.length - 1];
  const exited = state.Status !== 'running';
  const bindings = (info.HostConfig.PortBindings ?? {}) as Record<string, { HostIp?: string; HostPort?: string }[] | null>;
  const ports = Object.entries(bindings).flatMap(([key, hosts]) => {
    const [containerPort, protocol = 'tcp'] = key.split('/');
    return (hosts ?? []).map((h) => ({ hostIp: h.HostIp || '0.0.0.0', hostPort: Number(h.HostPort), containerPort: Number(containerPort), protocol }));
  });
  const synthesized = declared?.image;
  return {
    service,
    container: info.Name.replace(/^\//, ''),
    declared: declared !== undefined,
    state: state.Status as ContainerState,
    health: (state.Health?.Status as HealthState | undefined) ?? 'none',
    lastProbe: last ? { exitCode: last.ExitCode, output: last.Output.trim(), at: last.End } : undefined,
    restartCount: info.RestartCount,
    oomKilled: state.OOMKilled,
    exitCode: exited && time(state.FinishedAt) !== undefined ? state.ExitCode : undefined,
    error: state.Error || undefined,
    startedAt: time(state.StartedAt),
    finishedAt: time(state.FinishedAt),
    memoryLimitBytes: info.HostConfig.Memory || undefined,
    image: {
      synthesized,
      synthesizedId: synthesizedImageId,
      deployedId: info.Image,
      state: synthesizedImageId === undefined ? 'unknown' : synthesizedImageId === info.Image ? 'current' : 'outdated',
    },
    ports: ports.sort((a, b) => a.containerPort - b.containerPort),
  };
}

/** Facts for a declared container the engine does not have. */
export function missingFacts(declared: DeclaredContainer): ContainerFacts {
  return {
    service: declared.service,
    container: declared.generation ? `${declared.name}-<generation>` : declared.name,
    declared: true,
    state: 'missing',
    health: 'none',
    lastProbe: undefined,
    restartCount: 0,
    oomKilled: false,
    exitCode: undefined,
    error: undefined,
    startedAt: undefined,
    finishedAt: undefined,
    memoryLimitBytes: undefined,
    image: { synthesized: declared.image, synthesizedId: undefined, deployedId: undefined, state: 'unknown' },
    ports: [],
  };
}

/** Judges one container: ok when it runs and is healthy (or has no health check); says why not. */
export function judge(facts: ContainerFacts, now: Date): ContainerStatus {
  const problems: string[] = [];
  const notes: string[] = [];
  const started = facts.startedAt ? Date.parse(facts.startedAt) : undefined;
  const running = facts.state === 'running';
  if (facts.state === 'missing') {
    problems.push('no such container: not deployed yet, destroyed, or removed by hand (deploy the stack)');
  } else if (!running) {
    const how = facts.oomKilled
      ? `killed by the kernel: out of memory${facts.memoryLimitBytes ? ` (memory limit ${mebibytes(facts.memoryLimitBytes)})` : ''}`
      : facts.exitCode === 137
        ? 'killed (SIGKILL: docker kill, or the engine stopping it)'
        : facts.exitCode === 143
          ? 'stopped (SIGTERM)'
          : undefined;
    const exit = facts.exitCode !== undefined ? `exited with code ${facts.exitCode}` : facts.state;
    const since = facts.finishedAt && facts.state !== 'restarting' ? ` ${ago(Date.parse(facts.finishedAt), now)}` : '';
    problems.push(facts.state === 'restarting' ? `restarting after it ${exit}${how ? `, ${how}` : ''} (restart ${facts.restartCount})` : `${facts.state}: ${exit}${how ? `, ${how}` : ''}${since}`);
    if (facts.restartCount > 0 && facts.state !== 'restarting') problems.push(`gave up after ${facts.restartCount} restart${facts.restartCount === 1 ? '' : 's'}`);
    if (facts.error) problems.push(`engine error: ${facts.error}`);
  } else if (facts.health === 'unhealthy') {
    problems.push(`unhealthy${facts.lastProbe ? `: last probe exited ${facts.lastProbe.exitCode}${facts.lastProbe.output ? `: ${lastLine(facts.lastProbe.output)}` : ''}` : ''}`);
  } else if (facts.health === 'starting') {
    problems.push(`health: starting${facts.lastProbe ? ` (last probe exited ${facts.lastProbe.exitCode}${facts.lastProbe.output ? `: ${lastLine(facts.lastProbe.output)}` : ''})` : ' (no probe yet)'}`);
  }
  if (running && facts.restartCount > 0) {
    notes.push(`restarted ${facts.restartCount} time${facts.restartCount === 1 ? '' : 's'}${facts.oomKilled ? ', the last time after an out-of-memory kill' : ''}`);
  }
  if (facts.image.state === 'outdated') {
    notes.push(`runs image ${short(facts.image.deployedId)}, but ${facts.image.synthesized ?? 'the stack\'s image'} is now ${short(facts.image.synthesizedId)}: a deploy replaces the container`);
  }
  if (!facts.declared) notes.push('not in the synthesized stack (a removed service, or a generation left by a deploy)');
  return {
    ...facts,
    uptimeSeconds: running && started !== undefined ? Math.max(0, Math.floor((now.getTime() - started) / 1000)) : undefined,
    ok: problems.length === 0,
    problems,
    notes,
  };
}

/**
 * Reads the status of every container of a synthesized stack: one list call, then one
 * inspect per container and one per image, in parallel.
 */
export async function collectStatus(docker: Docker, stack: string, json: TerraformJson, engine: string, now: () => Date = () => new Date()): Promise<StackStatus> {
  const declared = declaredContainers(json);
  const match = matchContainers(declared, await listStackContainers(docker, declared));
  const imageNames = [...new Set(declared.map((d) => d.image).filter((i): i is string => i !== undefined))];
  const imageIds = new Map(await Promise.all(imageNames.map(async (name) => [name, await imageId(docker, name)] as const)));
  const inspect = async (declaredContainer: DeclaredContainer | undefined, c: EngineContainer): Promise<ContainerFacts | undefined> => {
    const info = await inspectOrUndefined(docker, c.id);
    if (!info) return undefined; // removed between the list and the inspect
    const service = declaredContainer?.service ?? c.labels[CDS_LABELS.service] ?? c.name;
    return factsFromInspect(declaredContainer, service, info, declaredContainer?.image ? imageIds.get(declaredContainer.image) : undefined);
  };
  const facts = await Promise.all([
    ...match.found.flatMap(({ declared: d, containers }) => (containers.length === 0 ? [Promise.resolve(missingFacts(d))] : containers.map((c) => inspect(d, c).then((f) => f ?? missingFacts(d))))),
    ...match.others.map((c) => inspect(undefined, c)),
  ]);
  const at = now();
  const containers = facts.filter((f): f is ContainerFacts => f !== undefined).map((f) => judge(f, at));
  return { stack, engine, checkedAt: at.toISOString(), ok: containers.every((c) => c.ok || !c.declared), containers };
}

async function imageId(docker: Docker, name: string): Promise<string | undefined> {
  try {
    return (await docker.getImage(name).inspect()).Id;
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 404) return undefined;
    throw error;
  }
}

async function inspectOrUndefined(docker: Docker, id: string): Promise<Docker.ContainerInspectInfo | undefined> {
  try {
    return await docker.getContainer(id).inspect();
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 404) return undefined;
    throw error;
  }
}

/** `512 MiB`, `1.5 GiB`. */
export function mebibytes(bytes: number): string {
  const mib = bytes / (1024 * 1024);
  return mib >= 1024 ? `${+(mib / 1024).toFixed(2)} GiB` : `${+mib.toFixed(1)} MiB`;
}

/** `3s ago`, `5m ago`, `2h ago`, `4d ago`. */
export function ago(then: number, now: Date): string {
  return `${shortDuration(Math.max(0, Math.floor((now.getTime() - then) / 1000)))} ago`;
}

/** `45s`, `12m`, `3h05m`, `2d04h`: the largest unit and the next. */
export function shortDuration(seconds: number): string {
  if (seconds < 60) return `${seconds}s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, '0')}s`;
  if (seconds < 86400) return `${Math.floor(seconds / 3600)}h${String(Math.floor((seconds % 3600) / 60)).padStart(2, '0')}m`;
  return `${Math.floor(seconds / 86400)}d${String(Math.floor((seconds % 86400) / 3600)).padStart(2, '0')}h`;
}

function short(id: string | undefined): string {
  return id ? id.replace(/^sha256:/, '').slice(0, 12) : '(none)';
}

function lastLine(output: string): string {
  const lines = output.split('\n').map((l) => l.trim()).filter(Boolean);
  const line = lines[lines.length - 1] ?? '';
  return line.length > 200 ? `${line.slice(0, 197)}...` : line;
}
