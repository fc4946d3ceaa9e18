import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const projectRoot = path.resolve(__dirname, '../../..');
const cdktfBin = path.join(projectRoot, 'node_modules', '.bin', 'cdktf');

export interface CliResult {
  readonly status: number;
  readonly output: string;
}

/** What `cdktf diff` said, read from Terraform's own plan summary. */
export type PlanSummary = { readonly kind: 'no-changes' } | { readonly kind: 'changes'; readonly add: number; readonly change: number; readonly destroy: number };

/**
 * Runs the project's cdktf CLI against an already synthesized app in `workdir`
 * (`--skip-synth`), so a test deploys exactly the JSON it synthesized in-process.
 */
export class CdktfWorkdir {
  constructor(public readonly workdir: string) {
    fs.mkdirSync(workdir, { recursive: true });
    // The app command is never run (--skip-synth), but cdktf requires one.
    fs.writeFileSync(
      path.join(workdir, 'cdktf.json'),
      JSON.stringify({ language: 'typescript', app: 'true', sendCrashReports: 'false', terraformProviders: [] }, null, 2),
    );
  }

  get outdir(): string {
    return path.join(this.workdir, 'cdktf.out');
  }

  run(args: readonly string[]): CliResult {
    const result = spawnSync(cdktfBin, cliArguments(args), { cwd: this.workdir, encoding: 'utf8', env: cliEnvironment(), maxBuffer: 64 * 1024 * 1024, timeout: CLI_TIMEOUT_MS });
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
    return { status: result.status ?? -1, output };
  }

  /** Like run(), without blocking the event loop: for tests that do something during a deploy. */
  runAsync(args: readonly string[]): Promise<CliResult> {
    return new Promise((resolve, reject) => {
      const child = spawn(cdktfBin, cliArguments(args), { cwd: this.workdir, env: cliEnvironment(), stdio: ['ignore', 'pipe', 'pipe'] });
      const chunks: Buffer[] = [];
      child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
      child.stderr.on('data', (chunk: Buffer) => chunks.push(chunk));
      const timer = setTimeout(() => child.kill('SIGTERM'), CLI_TIMEOUT_MS);
      child.on('error', reject);
      child.on('close', (code) => {
        clearTimeout(timer);
        resolve({ status: code ?? -1, output: Buffer.concat(chunks).toString('utf8') });
      });
    });
  }

  /** Runs and throws with the CLI's output when it exits non-zero. */
  runOk(args: readonly string[]): string {
    const result = this.run(args);
    if (result.status !== 0) {
      throw new Error(`cdktf ${args.join(' ')} exited ${result.status}:\n${result.output.slice(-6000)}`);
    }
    return result.output;
  }

  deploy(stack: string): string {
    return this.runOk(['deploy', stack, '--auto-approve']);
  }

  destroy(stack: string): string {
    return this.runOk(['destroy', stack, '--auto-approve']);
  }

  diff(stack: string): PlanSummary {
    return parsePlanSummary(this.runOk(['diff', stack]));
  }
}

const CLI_TIMEOUT_MS = 15 * 60 * 1000;

// --skip-provider-lock: `terraform providers lock` asks the registry, which the offline mirror
// setup cannot reach; init already wrote the lock file from the mirror.
function cliArguments(args: readonly string[]): string[] {
  return [...args, '--skip-synth', '--skip-provider-lock', '--no-color'];
}

function cliEnvironment(): NodeJS.ProcessEnv {
  return { ...process.env, CI: 'true', CHECKPOINT_DISABLE: '1', FORCE_COLOR: '0', CDKTF_DISABLE_PLUGIN_CACHE_ENV: '1' };
}

export function parsePlanSummary(output: string): PlanSummary {
  if (/No changes\. Your infrastructure matches the configuration\./.test(output)) {
    return { kind: 'no-changes' };
  }
  const plan = /Plan: (\d+) to add, (\d+) to change, (\d+) to destroy/.exec(output);
  if (plan) {
    return { kind: 'changes', add: Number(plan[1]), change: Number(plan[2]), destroy: Number(plan[3]) };
  }
  throw new Error(`could not find a plan summary in cdktf diff output:\n${output.slice(-4000)}`);
}
