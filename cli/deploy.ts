import type Docker from 'dockerode';
import { chooseEngine, dockerClient, engineLabel, type EngineChoice } from './engine';
import { CliError, EXIT } from './errors';
import { loadStack, outputDirectory, synthesize, type ProjectOptions, type SynthesizedStack } from './project';
import { diagnoseSwarmStack, type SwarmStackJson } from './swarm-diagnosis';
import { runTerraform, type TerraformIo } from './terraform';

/** How `deploy`, `diff` and `destroy` run: the project, whether to synthesize first, and Terraform's lock wait. */
export interface TerraformCommandOptions {
  readonly project: ProjectOptions;
  /** Use the last synth as it is instead of running the app command first. */
  readonly skipSynth: boolean;
  /** Terraform's `-lock-timeout` (e.g. `0s`, `2m`): how long to wait for another run's state lock. */
  readonly lockTimeout: string;
  /** Terraform's colours (off when the output is not a terminal). */
  readonly color: boolean;
  /**
   * How a failed Swarm deploy's diagnosis gets its Docker API client (tests pass a stand-in).
   * @default dockerClient: dockerode for the stack's engine
   */
  readonly connect?: (engine: EngineChoice) => Promise<Docker>;
}

/** The options every run takes: no prompt, the lock wait, colours. */
const common = (options: TerraformCommandOptions): string[] => ['-input=false', `-lock-timeout=${options.lockTimeout}`, ...(options.color ? [] : ['-no-color'])];

/** Terraform's duration notation for `-lock-timeout`. */
const LOCK_TIMEOUT = /^\d+(ms|s|m|h)$/;

/**
 * The stack's directory in the output, synthesized first unless told not to, and initialized
 * (`terraform init`, quiet unless it fails): what each command below starts from.
 */
async function prepare(name: string, options: TerraformCommandOptions, io: TerraformIo): Promise<SynthesizedStack> {
  if (!LOCK_TIMEOUT.test(options.lockTimeout)) {
    throw new CliError(`--lock-timeout ${options.lockTimeout} is not a duration Terraform reads`, 'write a number and a unit, e.g. 0s, 30s or 2m');
  }
  if (!options.skipSynth) synthesize(options.project);
  const stack = loadStack(outputDirectory(options.project), name);
  const init = await runTerraform(stack.directory, ['init', '-input=false', '-no-color'], io, true);
  if (init.exitCode !== 0) {
    io.stderr.write(init.output);
    throw new CliError(`terraform init failed in ${stack.directory} (exit code ${init.exitCode})`, 'fix what terraform printed above (providers, backend, TF_CLI_CONFIG_FILE) and run again');
  }
  return stack;
}

/** `deploy <stack>`: `terraform apply` of the stack; resolves to 0 when applied, else 2. */
export async function deployStack(name: string, options: TerraformCommandOptions, io: TerraformIo): Promise<number> {
  const stack = await prepare(name, options, io);
  const apply = await runTerraform(stack.directory, ['apply', '-auto-approve', ...common(options)], io);
  if (apply.exitCode === 0) return EXIT.ok;
  await explainSwarmFailure(stack, options, io);
  return EXIT.error;
}

/**
 * After a failed apply of a stack on a Swarm target: each service's update state and its failed
 * tasks' last log lines (cli/swarm-diagnosis.ts), which Terraform's error does not show. A
 * diagnosis that cannot reach the engine says so in one line; the deploy's own error stands.
 */
async function explainSwarmFailure(stack: SynthesizedStack, options: TerraformCommandOptions, io: TerraformIo): Promise<void> {
  const json = stack.json as SynthesizedStack['json'] & SwarmStackJson;
  if (Object.keys(json.resource?.docker_service ?? {}).length === 0) return;
  const engine = chooseEngine(undefined, json, io.env);
  try {
    const lines = await diagnoseSwarmStack(await (options.connect ?? dockerClient)(engine), json);
    io.stderr.write(`deploy of ${stack.name} failed; Swarm services on ${engineLabel(engine)} not updated or with failed tasks:\n${lines.map((l) => `${l}\n`).join('')}`);
  } catch (error) {
    io.stderr.write(`deploy of ${stack.name} failed; no diagnosis from ${engineLabel(engine)}: ${error instanceof Error ? error.message : String(error)}\n`);
  }
}

/**
 * `diff <stack>`: `terraform plan` of the stack, refreshing what runs on the engine; resolves
 * to 0 with no changes, 1 with changes (as `git diff --exit-code`), 2 on an error.
 */
export async function diffStack(name: string, options: TerraformCommandOptions, io: TerraformIo): Promise<number> {
  const { directory } = await prepare(name, options, io);
  const plan = await runTerraform(directory, ['plan', '-detailed-exitcode', ...common(options)], io);
  return plan.exitCode === 0 ? EXIT.ok : plan.exitCode === 2 ? EXIT.changes : EXIT.error;
}

/** `destroy <stack>`: `terraform destroy` of the stack (named volumes stay: the stacks keep data); 0 or 2. */
export async function destroyStack(name: string, options: TerraformCommandOptions, io: TerraformIo): Promise<number> {
  const { directory } = await prepare(name, options, io);
  const destroy = await runTerraform(directory, ['destroy', '-auto-approve', ...common(options)], io);
  return destroy.exitCode === 0 ? EXIT.ok : EXIT.error;
}
