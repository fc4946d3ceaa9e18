import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { TOPOLOGY_FILE, TOPOLOGY_VERSION, type StackTopology } from '../constructs/private/topology';
import { CliError } from './errors';

/** A `docker_container` resource as synthesized (only what the CLI reads). */
export interface ContainerJson {
  readonly name: string;
  readonly image?: string;
  readonly labels?: readonly { readonly label: string; readonly value: string }[];
  readonly healthcheck?: unknown;
  readonly ports?: readonly { readonly internal: number; readonly external?: number; readonly ip?: string; readonly protocol?: string }[];
}

/** The parts of a stack's `cdk.tf.json` the CLI reads. */
export interface TerraformJson {
  readonly provider?: { readonly docker?: readonly { readonly host?: string }[] };
  readonly resource?: {
    readonly docker_container?: Readonly<Record<string, ContainerJson>>;
    readonly docker_image?: Readonly<Record<string, { readonly name: string }>>;
  };
}

/** One synthesized stack, as read from the output directory. */
export interface SynthesizedStack {
  readonly name: string;
  /** The stack's directory in the output directory. */
  readonly directory: string;
  readonly json: TerraformJson;
  /** The topology DockerApp wrote; undefined when the app used cdktf's plain App. */
  readonly topology: StackTopology | undefined;
}

/** Where the project's app and its output are. */
export interface ProjectOptions {
  /** Project directory (holds cdktf.json). */
  readonly directory: string;
  /** Output directory, relative to the project; else cdktf.json's `output`, else `cdktf.out`. */
  readonly output?: string;
}

interface CdktfJson {
  readonly app?: string;
  readonly output?: string;
  readonly context?: Record<string, unknown>;
}

/** Synthesized output is rewritten by a synth, never edited: broken output is fixed by synthesizing again. */
const SYNTH_AGAIN = 'synthesize again: `npx cdktf synth`, or pass --synth';

/** Reads a JSON file; a CliError naming the file (and `fix`) when it is not JSON. */
function readJson<T>(file: string, fix: string): T {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    throw new CliError(`${file} is not valid JSON: ${error.message}`, fix, error);
  }
}

function readCdktfJson(directory: string): CdktfJson | undefined {
  const file = path.join(directory, 'cdktf.json');
  if (!fs.existsSync(file)) return undefined;
  return readJson<CdktfJson>(file, 'fix cdktf.json');
}

/** The output directory: `--output`, else cdktf.json's `output`, else `cdktf.out`, under the project directory. */
export function outputDirectory(options: ProjectOptions): string {
  return path.resolve(options.directory, options.output ?? readCdktfJson(options.directory)?.output ?? 'cdktf.out');
}

/**
 * Runs the app command of cdktf.json into the output directory, as `cdktf synth` does (same
 * CDKTF_OUTDIR and context), without cdktf's own start-up. Its output goes to stderr, so a
 * command's stdout (a diagram, JSON) stays clean.
 */
export function synthesize(options: ProjectOptions): void {
  const config = readCdktfJson(options.directory);
  if (!config?.app) {
    throw new CliError(`no app command: ${path.join(options.directory, 'cdktf.json')} ${config ? 'has no "app"' : 'not found'}`, 'run the command in the project directory (the one with cdktf.json), or pass --dir');
  }
  const result = spawnSync(config.app, {
    cwd: options.directory,
    shell: true,
    stdio: ['ignore', process.stderr, process.stderr],
    env: { ...process.env, CDKTF_OUTDIR: outputDirectory(options), CDKTF_CONTEXT_JSON: JSON.stringify(config.context ?? {}) },
  });
  if (result.status !== 0) {
    throw new CliError(`the app command failed (${result.error?.message ?? `exit code ${result.status ?? result.signal}`}): ${config.app}`, 'fix the error printed above and run again');
  }
}

interface Manifest {
  readonly stacks?: Readonly<Record<string, { readonly synthesizedStackPath: string; readonly workingDirectory: string }>>;
}

/** The stacks of the last synth, by name. */
export function synthesizedStackNames(outdir: string): string[] {
  return Object.keys(readManifest(outdir).stacks ?? {}).sort();
}

function readManifest(outdir: string): Manifest {
  const file = path.join(outdir, 'manifest.json');
  if (!fs.existsSync(file)) {
    throw new CliError(`nothing synthesized: ${file} not found`, 'run `npx cdktf synth` first, or pass --synth');
  }
  return readJson<Manifest>(file, SYNTH_AGAIN);
}

/** Reads stack `name` from the output directory of the last synth. */
export function loadStack(outdir: string, name: string): SynthesizedStack {
  const stacks = readManifest(outdir).stacks ?? {};
  const entry = stacks[name];
  if (!entry) {
    const known = Object.keys(stacks).sort();
    throw new CliError(`no stack "${name}" in ${outdir}`, known.length > 0 ? `use one of: ${known.join(', ')}` : 'synthesize an app with at least one stack');
  }
  const file = path.join(outdir, entry.synthesizedStackPath);
  if (!fs.existsSync(file)) throw new CliError(`${file} not found (the manifest names it)`, SYNTH_AGAIN);
  const directory = path.join(outdir, entry.workingDirectory);
  return { name, directory, json: readJson<TerraformJson>(file, SYNTH_AGAIN), topology: readTopology(directory) };
}

function readTopology(directory: string): StackTopology | undefined {
  const file = path.join(directory, TOPOLOGY_FILE);
  if (!fs.existsSync(file)) return undefined;
  const topology = readJson<StackTopology>(file, SYNTH_AGAIN);
  if (topology.version !== TOPOLOGY_VERSION) {
    throw new CliError(`${file} has version ${topology.version}; this CLI reads version ${TOPOLOGY_VERSION}`, 'synthesize again with this version of the library (pass --synth)');
  }
  return topology;
}
