import { ChildProcess, spawn } from 'child_process';
import * as path from 'path';
import type { RequestLoopSummary } from './request-loop';

const root = path.resolve(__dirname, '../../..');
const runner = path.join(__dirname, 'request-loop-runner.ts');

/**
 * A RequestLoop run inside a network namespace (`nsenter --net=/var/run/netns/NAME`): a client
 * in the test network, which the host cannot reach. Bounded in count and time by the runner
 * itself, so a test that dies cannot leave it running for long.
 */
export class NamespaceRequestLoop {
  private child: ChildProcess | undefined;
  private output = '';
  private errors = '';
  private ended: Promise<number | null> | undefined;

  constructor(
    private readonly namespace: string,
    private readonly urls: readonly string[],
    private readonly maxRequests = 20_000,
    private readonly maxSeconds = 600,
  ) {}

  start(): void {
    const child = spawn('nsenter', [`--net=/var/run/netns/${this.namespace}`, '--', process.execPath, '--import', 'tsx', runner, String(this.maxRequests), String(this.maxSeconds), ...this.urls], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (this.errors += chunk.toString()));
    this.ended = new Promise((resolve) => child.on('close', resolve));
    this.child = child;
  }

  /** Stops the loop (SIGTERM to the runner) and returns what it saw. */
  async stop(): Promise<RequestLoopSummary> {
    if (!this.child || !this.ended) throw new Error('the request loop was not started');
    this.child.kill('SIGTERM');
    const status = await this.ended;
    if (status !== 0 || this.output === '') throw new Error(`the request loop in ${this.namespace} exited ${status}: ${this.errors.slice(-2000)}`);
    return JSON.parse(this.output) as RequestLoopSummary;
  }
}
