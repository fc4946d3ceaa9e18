import * as http from 'http';
import { get } from './http';

/** One request the loop sent, and what came back. */
export interface RequestRecord {
  readonly url: string;
  /** Milliseconds since the loop started. */
  readonly at: number;
  readonly latencyMs: number;
  /** HTTP status, or undefined when the request failed below HTTP. */
  readonly status: number | undefined;
  /** The `version` field of a JSON body, when it has one. */
  readonly version: string | undefined;
  /** What went wrong below HTTP (refused, reset, timeout). */
  readonly error: string | undefined;
}

export interface RequestLoopSummary {
  readonly records: readonly RequestRecord[];
  /** Requests that did not answer 200. */
  readonly failures: readonly RequestRecord[];
  /** Versions in the order they were first seen. */
  readonly versions: readonly string[];
  readonly maxLatencyMs: number;
}

/**
 * Sends GET requests one after another, round-robin over `urls`, until stopped: a client that
 * keeps using a service while it is being replaced. No keep-alive, so every request opens a
 * new connection and sees the current state of the proxy and its upstreams.
 */
export class RequestLoop {
  private readonly records: RequestRecord[] = [];
  private running = false;
  private loop: Promise<void> | undefined;
  private readonly started = Date.now();

  constructor(
    private readonly urls: readonly string[],
    private readonly pauseMs = 20,
    private readonly timeoutMs = 10_000,
    /** Requests after which the loop ends by itself. */
    private readonly maxRequests = Infinity,
  ) {}

  /** Resolves when the loop has ended (stopped, or `maxRequests` sent). */
  get done(): Promise<void> {
    return this.loop ?? Promise.resolve();
  }

  start(): void {
    this.running = true;
    this.loop = (async () => {
      for (let i = 0; this.running && i < this.maxRequests; i++) {
        this.records.push(await this.request(this.urls[i % this.urls.length]));
        await new Promise((resolve) => setTimeout(resolve, this.pauseMs));
      }
    })();
  }

  async stop(): Promise<RequestLoopSummary> {
    this.running = false;
    await this.loop;
    const versions: string[] = [];
    for (const r of this.records) if (r.version && !versions.includes(r.version)) versions.push(r.version);
    return {
      records: [...this.records],
      failures: this.records.filter((r) => r.status !== 200),
      versions,
      maxLatencyMs: Math.max(0, ...this.records.map((r) => r.latencyMs)),
    };
  }

  private async request(url: string): Promise<RequestRecord> {
    const sent = Date.now();
    const { hostname, port, pathname } = new URL(url);
    const record = (status: number | undefined, version: string | undefined, error: string | undefined): RequestRecord => ({
      url,
      at: sent - this.started,
      latencyMs: Date.now() - sent,
      status,
      version,
      error,
    });
    try {
      const answer = await get(http, { host: hostname, port, path: pathname }, this.timeoutMs);
      return record(answer.status, versionOf(answer.body), undefined);
    } catch (error) {
      return record(undefined, undefined, (error as Error).message);
    }
  }
}

/** The `version` field of a JSON body, when it has one. */
function versionOf(body: string): string | undefined {
  try {
    const parsed = JSON.parse(body) as { version?: unknown };
    return typeof parsed.version === 'string' ? parsed.version : undefined;
  } catch {
    return undefined;
  }
}
