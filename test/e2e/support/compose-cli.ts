import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import type { ComposeExport } from '../../../constructs/compose-export';

/** What one `docker compose` run said. */
export interface ComposeResult {
  readonly status: number;
  readonly output: string;
  readonly seconds: number;
}

/** One service's container as `docker compose ps` reports it. */
export interface ComposeContainer {
  readonly Name: string;
  readonly Service: string;
  readonly State: string;
  readonly Health: string;
}

const TIMEOUT_MS = 15 * 60 * 1000;

/**
 * An exported stack written to `<dir>/<project>.compose.yaml`, run with the docker CLI's compose
 * plugin under its own project name. Every run gets the file's variables (secrets) from
 * `values`, so `down` interpolates as `up` did.
 */
export class ComposeProject {
  readonly file: string;

  constructor(
    readonly project: string,
    dir: string,
    exported: ComposeExport,
    private readonly values: Readonly<Record<string, string>>,
  ) {
    this.file = path.join(dir, `${project}.compose.yaml`);
    fs.writeFileSync(this.file, exported.yaml);
    const missing = exported.variables.filter((v) => values[v.name] === undefined).map((v) => v.name);
    if (missing.length > 0) throw new Error(`no value for ${missing.join(', ')}`);
  }

  /** Runs `docker compose -p <project> -f <file> <args>` without blocking the event loop. */
  run(args: readonly string[]): Promise<ComposeResult> {
    const started = process.hrtime.bigint();
    return new Promise((resolve, reject) => {
      const child = spawn('docker', ['compose', '-p', this.project, '-f', this.file, ...args], { env: { ...process.env, ...this.values }, stdio: ['ignore', 'pipe', 'pipe'] });
      const chunks: Buffer[] = [];
      child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
      child.stderr.on('data', (chunk: Buffer) => chunks.push(chunk));
      const timer = setTimeout(() => child.kill('SIGTERM'), TIMEOUT_MS);
      child.on('error', reject);
      child.on('close', (code) => {
        clearTimeout(timer);
        resolve({ status: code ?? -1, output: Buffer.concat(chunks).toString('utf8'), seconds: Number(process.hrtime.bigint() - started) / 1e9 });
      });
    });
  }

  /** `up -d --wait`: creates everything and returns once every container is healthy (or one failed). */
  up(waitTimeoutSeconds = 600): Promise<ComposeResult> {
    return this.run(['up', '-d', '--wait', '--wait-timeout', String(waitTimeoutSeconds), '--quiet-pull']);
  }

  /** `down -v`: removes the project's containers, networks and the volumes it declares. */
  down(): Promise<ComposeResult> {
    return this.run(['down', '-v', '--timeout', '5']);
  }

  /** The project's containers, stopped ones included. */
  containers(): ComposeContainer[] {
    const result = spawnSync('docker', ['compose', '-p', this.project, '-f', this.file, 'ps', '--all', '--format', 'json'], { env: { ...process.env, ...this.values }, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`docker compose ps exited ${result.status}: ${result.stderr}`);
    // Compose 2.21+ prints one JSON object a line; older versions one array.
    const text = result.stdout.trim();
    if (text === '') return [];
    return text.startsWith('[') ? (JSON.parse(text) as ComposeContainer[]) : text.split('\n').map((line) => JSON.parse(line) as ComposeContainer);
  }
}
