import { spawn } from 'child_process';
import { CliError } from './errors';

/** Where terraform's output goes, and the environment it runs with (TF_VAR_*, TF_CLI_CONFIG_FILE, ...). */
export interface TerraformIo {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  readonly env: NodeJS.ProcessEnv;
}

/** How a terraform run ended, and what it printed when its output was held back. */
export interface TerraformResult {
  readonly exitCode: number;
  readonly output: string;
}

/**
 * Runs `terraform <args>` in a synthesized stack's directory, as cdktf does, but without the
 * cdktf CLI around it. `quiet` holds its output back (returned, for an error message) instead
 * of streaming it.
 */
export function runTerraform(directory: string, args: readonly string[], io: TerraformIo, quiet = false): Promise<TerraformResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('terraform', [...args], { cwd: directory, env: { ...io.env, TF_IN_AUTOMATION: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    const held: Buffer[] = [];
    const forward = (target: NodeJS.WritableStream) => (chunk: Buffer) => {
      if (quiet) held.push(chunk);
      else target.write(chunk);
    };
    child.stdout.on('data', forward(io.stdout));
    child.stderr.on('data', forward(io.stderr));
    child.on('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'ENOENT'
          ? new CliError('terraform is not on PATH', 'install Terraform (1.x) and put it on PATH, as cdktf needs it too', error)
          : new CliError(`terraform could not start: ${error.message}`, 'check the terraform binary on PATH', error),
      );
    });
    child.on('close', (code, signal) => resolve({ exitCode: code ?? (signal ? 128 : 1), output: Buffer.concat(held).toString('utf8') }));
  });
}
