import type Docker from 'dockerode';
import { CliError } from './errors';
import { decodeLog, FrameDecoder, keyToUnix, LineAssembler, mergeByTime, parseTimestamped, type LogLine, type LogStream } from './log-lines';
import { CDS_LABELS } from './labels';
import type { TerraformJson } from './project';
import { declaredContainers, listStackContainers, matchContainers } from './stack-containers';

/** A container whose log is read, and the prefix its lines get. */
export interface LogSource {
  readonly id: string;
  readonly name: string;
  readonly service: string;
  /** The prefix: the service, or the container name when the service has several containers here. */
  readonly source: string;
}

/** Options of `logs`. */
export interface LogsOptions {
  /** Services to show; all when empty. */
  readonly services: readonly string[];
  /** Only lines at or after this key (see log-lines.ts). */
  readonly since?: string;
  /** Only the last N lines of each container. */
  readonly tail?: number;
}

/**
 * The stack's containers to read, restricted to `services`: the declared ones (START_FIRST
 * generations included) and the stack's other labelled containers. An unknown service name is
 * an error listing the known ones.
 */
export async function logSources(docker: Docker, json: TerraformJson, services: readonly string[]): Promise<LogSource[]> {
  const declared = declaredContainers(json);
  const known = [...new Set(declared.map((d) => d.service))].sort();
  const unknown = services.filter((s) => !known.includes(s));
  if (unknown.length > 0) throw new CliError(`no service ${unknown.map((s) => `"${s}"`).join(', ')} in the stack`, `use one of: ${known.join(', ')}`);
  const match = matchContainers(declared, await listStackContainers(docker, declared));
  const all = [
    ...match.found.flatMap(({ declared: d, containers }) => containers.map((c) => ({ id: c.id, name: c.name, service: d.service }))),
    ...match.others.map((c) => ({ id: c.id, name: c.name, service: c.labels[CDS_LABELS.service] ?? c.name })),
  ].filter((c) => services.length === 0 || services.includes(c.service));
  return withSources(all);
}

/** Prefixes: the service name, unless the service has several containers in the list. */
export function withSources(containers: readonly { readonly id: string; readonly name: string; readonly service: string }[]): LogSource[] {
  const count = new Map<string, number>();
  for (const c of containers) count.set(c.service, (count.get(c.service) ?? 0) + 1);
  return containers.map((c) => ({ ...c, source: (count.get(c.service) ?? 0) > 1 ? c.name : c.service }));
}

async function isTty(docker: Docker, id: string): Promise<boolean> {
  return (await docker.getContainer(id).inspect()).Config.Tty;
}

/** Every source's log so far (or since/tail), merged in time order. */
export async function readLogs(docker: Docker, sources: readonly LogSource[], options: LogsOptions): Promise<LogLine[]> {
  return mergeByTime((await readEach(docker, sources, options)).flat());
}

/** Each source's log so far, in the order of `sources`. */
async function readEach(docker: Docker, sources: readonly LogSource[], options: LogsOptions): Promise<LogLine[][]> {
  return Promise.all(
    sources.map(async (s) => {
      const body = await docker.getContainer(s.id).logs({
        stdout: true,
        stderr: true,
        timestamps: true,
        follow: false,
        ...(options.since ? { since: keyToUnix(options.since) } : {}),
        ...(options.tail !== undefined ? { tail: options.tail } : {}),
      });
      // The since filter is whole seconds on some engines: drop what is earlier than asked.
      return decodeLog(s.source, body, await isTty(docker, s.id)).filter((l) => !options.since || l.key >= options.since);
    }),
  );
}

/** How long a followed line waits for lines of other containers that belong before it. */
export const REORDER_WINDOW_MS = 100;
/** How often follow mode looks for new containers of the stack (a START_FIRST generation, a redeploy). */
export const RESCAN_INTERVAL_MS = 2000;

/**
 * Follows the logs: prints the history first (merged in time order), then new lines as they
 * come, held for REORDER_WINDOW_MS so lines of several containers written within that window
 * print in time order. A container that stops and starts again (a restart policy) is
 * reattached where its log left off; a new container of the selected services is picked up.
 * Resolves when `stop` is called.
 */
export class LogFollower {
  private readonly lastKey = new Map<string, string>();
  private readonly attached = new Set<string>();
  private readonly streams = new Set<NodeJS.ReadableStream & { destroy?: () => void }>();
  private buffer: LogLine[] = [];
  private timers: NodeJS.Timeout[] = [];
  private stopped = false;
  private resolveDone: (() => void) | undefined;

  constructor(
    private readonly docker: Docker,
    private readonly findSources: () => Promise<LogSource[]>,
    private readonly options: LogsOptions,
    private readonly print: (lines: readonly LogLine[]) => void,
  ) {}

  async run(): Promise<void> {
    const sources = await this.findSources();
    const each = await readEach(this.docker, sources, this.options);
    this.print(mergeByTime(each.flat()));
    sources.forEach((s, i) => each[i].forEach((line) => this.remember(s.id, line.key)));
    for (const s of sources) this.attach(s, this.lastKey.get(s.id) ?? this.options.since);
    this.timers.push(setInterval(() => this.flush(), REORDER_WINDOW_MS));
    this.timers.push(setInterval(() => void this.rescan(), RESCAN_INTERVAL_MS));
    await new Promise<void>((resolve) => {
      this.resolveDone = resolve;
      if (this.stopped) resolve();
    });
  }

  stop(): void {
    this.stopped = true;
    for (const t of this.timers) clearInterval(t);
    for (const s of this.streams) s.destroy?.();
    this.flush();
    this.resolveDone?.();
  }

  private remember(id: string, key: string): void {
    if (key > (this.lastKey.get(id) ?? '')) this.lastKey.set(id, key);
  }

  private flush(): void {
    if (this.buffer.length === 0) return;
    const lines = mergeByTime(this.buffer);
    this.buffer = [];
    this.print(lines);
  }

  private async rescan(): Promise<void> {
    if (this.stopped) return;
    try {
      for (const s of await this.findSources()) {
        if (!this.attached.has(s.id)) this.attach(s, this.lastKey.get(s.id) ?? this.options.since);
      }
    } catch {
      // The engine hiccuped; the next scan tries again.
    }
  }

  /** Streams one container from `since` on; lines not newer than what was printed are dropped. */
  private attach(source: LogSource, since: string | undefined): void {
    if (this.stopped || this.attached.has(source.id)) return;
    this.attached.add(source.id);
    void (async () => {
      try {
        const raw = await isTty(this.docker, source.id);
        const stream = await this.docker.getContainer(source.id).logs({ stdout: true, stderr: true, timestamps: true, follow: true, ...(since ? { since: keyToUnix(since) } : {}) });
        this.streams.add(stream);
        const decoder = new FrameDecoder(raw);
        const assemblers: Record<LogStream, LineAssembler> = { stdout: new LineAssembler(), stderr: new LineAssembler() };
        const take = (stream: LogStream, texts: string[]): void => {
          for (const text of texts) {
            const parsed = parseTimestamped(text);
            if (!parsed || parsed.key <= (this.lastKey.get(source.id) ?? '')) continue;
            this.remember(source.id, parsed.key);
            this.buffer.push({ source: source.source, stream, ...parsed });
          }
        };
        stream.on('data', (chunk: Buffer) => {
          for (const frame of decoder.push(chunk)) take(frame.stream, assemblers[frame.stream].push(frame.payload));
        });
        stream.on('end', () => {
          take('stdout', assemblers.stdout.flush());
          take('stderr', assemblers.stderr.flush());
          this.streams.delete(stream);
          // The container stopped: the next scan reattaches it once it runs again.
          void this.detachWhenStopped(source.id);
        });
        stream.on('error', () => {
          this.streams.delete(stream);
          this.attached.delete(source.id);
        });
      } catch {
        this.attached.delete(source.id);
      }
    })();
  }

  private async detachWhenStopped(id: string): Promise<void> {
    // Until it runs again, reattaching would end at once: wait for a start.
    for (;;) {
      if (this.stopped) return;
      try {
        const info = await this.docker.getContainer(id).inspect();
        if (info.State.Running) break;
      } catch {
        return; // removed: a new container, if any, is found by the scan
      }
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    this.attached.delete(id);
  }
}
