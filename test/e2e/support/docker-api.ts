import Docker from 'dockerode';

/** One Docker API client for the e2e tests; DOCKER_HOST is honoured by dockerode. */
export const docker = new Docker();

export interface ContainerState {
  readonly exists: boolean;
  readonly running: boolean;
  readonly health: string | undefined;
  readonly restartCount: number;
}

export async function containerState(name: string): Promise<ContainerState> {
  try {
    const info = await docker.getContainer(name).inspect();
    return {
      exists: true,
      running: info.State.Running,
      health: info.State.Health?.Status,
      restartCount: info.RestartCount,
    };
  } catch (err) {
    if (isNotFound(err)) return { exists: false, running: false, health: undefined, restartCount: 0 };
    throw err;
  }
}

/** What a suite left on the engine: containers, networks and volumes named under its prefix, sorted. */
export interface EngineLeftovers {
  readonly containers: string[];
  readonly networks: string[];
  readonly volumes: string[];
}

/**
 * The containers, networks and volumes whose names start with `prefix` (e.g. "cimp1234-"): the
 * engine is shared, so a suite checks and cleans only what is named under its own prefix.
 */
export async function engineLeftovers(prefix: string): Promise<EngineLeftovers> {
  const mine = (name: string) => name.replace(/^\//, '').startsWith(prefix);
  const containers = (await docker.listContainers({ all: true })).flatMap((c) => c.Names).filter(mine);
  const networks = (await docker.listNetworks()).map((n) => n.Name).filter(mine);
  const volumes = ((await docker.listVolumes()).Volumes ?? []).map((v) => v.Name).filter(mine);
  return { containers: containers.sort(), networks: networks.sort(), volumes: volumes.sort() };
}

export async function networkExists(name: string): Promise<boolean> {
  const networks = await docker.listNetworks({ filters: { name: [name] } });
  return networks.some((n) => n.Name === name);
}

export async function volumeExists(name: string): Promise<boolean> {
  try {
    await docker.getVolume(name).inspect();
    return true;
  } catch (err) {
    if (isNotFound(err)) return false;
    throw err;
  }
}

export async function removeVolume(name: string): Promise<void> {
  try {
    await docker.getVolume(name).remove({ force: true });
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }
}

/** Runs a command in a container and returns its exit code and combined output. */
export async function exec(container: string, cmd: readonly string[], env: readonly string[] = []): Promise<{ exitCode: number; output: string }> {
  const execution = await docker.getContainer(container).exec({ Cmd: [...cmd], Env: [...env], AttachStdout: true, AttachStderr: true });
  const stream = await execution.start({ hijack: true, stdin: false });
  const chunks: Buffer[] = [];
  await new Promise<void>((resolve, reject) => {
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => resolve());
    stream.on('error', reject);
  });
  const inspect = await execution.inspect();
  return { exitCode: inspect.ExitCode ?? -1, output: demultiplex(Buffer.concat(chunks)) };
}

// Docker multiplexes stdout/stderr frames with an 8-byte header when no TTY is attached.
function demultiplex(buffer: Buffer): string {
  let out = '';
  let offset = 0;
  while (offset + 8 <= buffer.length) {
    const size = buffer.readUInt32BE(offset + 4);
    out += buffer.subarray(offset + 8, offset + 8 + size).toString('utf8');
    offset += 8 + size;
  }
  return out;
}

function isNotFound(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { statusCode?: number }).statusCode === 404;
}

/**
 * Polls until the container reports healthy. Terraform waits for health only at creation,
 * so a container restarted in place by an update is still "starting" right after deploy.
 */
export async function waitForHealthy(name: string, timeoutMs = 60_000): Promise<ContainerState> {
  const deadline = Date.now() + timeoutMs;
  let state = await containerState(name);
  while (state.health !== 'healthy' && Date.now() < deadline) {
    if (state.health === 'unhealthy' || (state.exists && !state.running)) break;
    await new Promise((resolve) => setTimeout(resolve, 500));
    state = await containerState(name);
  }
  return state;
}
