/**
 * `cdktf-docker-stacks export-compose <stack>`: the project's stack as a compose file (toCompose).
 *
 * It runs the app command of the project's cdktf.json, as `cdktf synth` does, into a scratch
 * directory, with CDS_COMPOSE_EXPORT naming the stack: DockerApp then writes the stack's export
 * beside its Terraform JSON, and this command prints it (or writes it with `--file`), and lists
 * on stderr the variables to set and what the file does not carry as the stack deploys it.
 * cdktf.out is left alone. Works for any project whose app is a DockerApp.
 *
 * In this repository, without the CLI: `npm run export:compose -- <stack> [--file compose.yaml]`.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { COMPOSE_EXPORT_ENV, COMPOSE_EXPORT_FILE, COMPOSE_EXPORT_FILE_VERSION, type ComposeExportFile } from '../constructs/compose-export';

/** Options of the command, as a command-line parser hands them over. */
export interface ExportComposeOptions {
  /** Project directory: where cdktf.json is. */
  readonly dir: string;
  /** Write the compose file there instead of standard output. */
  readonly file?: string;
}

/** Where the command writes, and the environment the app runs with. */
export interface ExportComposeIo {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
  readonly env: NodeJS.ProcessEnv;
}

/** Exit codes: 0 written; 2 a usage error, no app, an unknown stack, or a stack that cannot be exported. */
export const EXPORT_COMPOSE_EXIT = { ok: 0, error: 2 } as const;

export const EXPORT_COMPOSE_DESCRIPTION =
  'the stack as a compose file (docker compose up -d --wait runs it): printed, or written with --file; the variables to set and anything not carried over are listed on stderr';

/** A failure the user can act on: printed with its fix, without a stack trace. */
class ExportError extends Error {
  constructor(
    message: string,
    readonly fix: string,
  ) {
    super(message);
  }
}

/**
 * Runs the command for stack `name`; resolves to the exit code. A CLI registers it as
 * `export-compose <stack>` with `-C, --dir <directory>` and `-f, --file <file>`.
 */
export function runExportCompose(name: string, options: ExportComposeOptions, io: ExportComposeIo): number {
  try {
    const exported = readExport(name, path.resolve(options.dir), io.env);
    if ('error' in exported) throw new ExportError(`stack "${name}" cannot be written as a compose file:\n${exported.error}`, 'change the stack as the message says, then run again');
    if (options.file === undefined) {
      io.stdout.write(exported.yaml);
    } else {
      fs.writeFileSync(options.file, exported.yaml);
      io.stderr.write(`wrote ${options.file}\n`);
    }
    if (exported.variables.length > 0) {
      io.stderr.write(`set before docker compose up (no secret is in the file):\n${exported.variables.map((v) => `  ${v.name}: ${v.description}\n`).join('')}`);
    }
    if (exported.warnings.length > 0) {
      io.stderr.write(`not as the stack deploys it:\n${exported.warnings.map((w) => `  ${w.path} ${w.key}: ${w.message}\n`).join('')}`);
    }
    return EXPORT_COMPOSE_EXIT.ok;
  } catch (error) {
    if (!(error instanceof ExportError)) throw error;
    io.stderr.write(`error: ${error.message}\nfix: ${error.fix}\n`);
    return EXPORT_COMPOSE_EXIT.error;
  }
}

interface CdktfJson {
  readonly app?: string;
  readonly context?: Record<string, unknown>;
}

interface Manifest {
  readonly stacks?: Readonly<Record<string, { readonly workingDirectory: string }>>;
}

/** Runs the app with the export switched on for `name`, into a scratch directory, and reads the export. */
function readExport(name: string, directory: string, env: NodeJS.ProcessEnv): ComposeExportFile {
  const cdktfJson = path.join(directory, 'cdktf.json');
  if (!fs.existsSync(cdktfJson)) throw new ExportError(`no cdktf.json in ${directory}`, 'run the command in the project directory, or pass --dir');
  let config: CdktfJson;
  try {
    config = JSON.parse(fs.readFileSync(cdktfJson, 'utf8')) as CdktfJson;
  } catch (error) {
    throw new ExportError(`${cdktfJson} is not valid JSON: ${(error as Error).message}`, 'fix cdktf.json');
  }
  if (!config.app) throw new ExportError(`${cdktfJson} has no "app" command`, 'add the command that synthesizes the app, e.g. "npx ts-node main.ts"');
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cds-export-compose-'));
  try {
    // Its output goes to stderr, so stdout holds the compose file alone.
    const result = spawnSync(config.app, {
      cwd: directory,
      shell: true,
      stdio: ['ignore', process.stderr, process.stderr],
      env: { ...env, CDKTF_OUTDIR: outdir, CDKTF_CONTEXT_JSON: JSON.stringify(config.context ?? {}), [COMPOSE_EXPORT_ENV]: name },
    });
    if (result.status !== 0) throw new ExportError(`the app command failed (${result.error?.message ?? `exit code ${result.status ?? result.signal}`}): ${config.app}`, 'fix the error printed above and run again');
    const manifestFile = path.join(outdir, 'manifest.json');
    const stacks = fs.existsSync(manifestFile) ? ((JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as Manifest).stacks ?? {}) : {};
    const entry = stacks[name];
    if (!entry) {
      const known = Object.keys(stacks).sort();
      throw new ExportError(`no stack "${name}" in the app`, known.length > 0 ? `use one of: ${known.join(', ')}` : 'add a DockerStack to the app');
    }
    const file = path.join(outdir, entry.workingDirectory, COMPOSE_EXPORT_FILE);
    if (!fs.existsSync(file)) throw new ExportError(`the app wrote no compose export for stack "${name}"`, "synthesize the app with DockerApp (not cdktf's App), and make the stack a DockerStack");
    const exported = JSON.parse(fs.readFileSync(file, 'utf8')) as ComposeExportFile;
    if (exported.version !== COMPOSE_EXPORT_FILE_VERSION) {
      throw new ExportError(`${COMPOSE_EXPORT_FILE} has version ${exported.version}; this command reads version ${COMPOSE_EXPORT_FILE_VERSION}`, 'use the command of the library version the app uses');
    }
    return exported;
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

/** `export-compose <stack> [-C <dir>] [-f <file>]`, for the npm script; the CLI parses its own options. */
export function parseExportComposeArgs(args: readonly string[]): { name: string; options: ExportComposeOptions } | string {
  let name: string | undefined;
  let dir = '.';
  let file: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const value = (): string | undefined => args[++i];
    if (arg === '-C' || arg === '--dir') dir = value() ?? '';
    else if (arg === '-f' || arg === '--file') file = value() ?? '';
    else if (!arg.startsWith('-') && name === undefined) name = arg;
    else return `unexpected argument "${arg}"`;
  }
  if (name === undefined) return 'no stack given';
  if (dir === '' || file === '') return 'an option is missing its value';
  return { name, options: { dir, file } };
}

export const EXPORT_COMPOSE_USAGE = `usage: export-compose <stack> [-C <project directory>] [-f <file>]\n  ${EXPORT_COMPOSE_DESCRIPTION}\n`;

if (require.main === module) {
  const parsed = parseExportComposeArgs(process.argv.slice(2));
  if (typeof parsed === 'string') {
    process.stderr.write(`error: ${parsed}\n${EXPORT_COMPOSE_USAGE}`);
    process.exitCode = EXPORT_COMPOSE_EXIT.error;
  } else {
    process.exitCode = runExportCompose(parsed.name, parsed.options, { stdout: process.stdout, stderr: process.stderr, env: process.env });
  }
}
