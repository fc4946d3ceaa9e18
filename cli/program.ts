import * as fs from 'fs';
import * as path from 'path';
import { Command, CommanderError } from 'commander';
import type Docker from 'dockerode';
import { adopt } from './adopt';
import { deployStack, destroyStack, diffStack } from './deploy';
import { renderMermaid } from './diagram';
import { EXPORT_COMPOSE_DESCRIPTION, runExportCompose } from './export-compose';
import { IMPORT_COMPOSE_DESCRIPTION, runImportCompose } from './import-compose';
import { chooseEngine, dockerClient, engineLabel, engineUnreachable, type EngineChoice } from './engine';
import { CliError, EXIT } from './errors';
import { formatLogLine, sinceKey, type LogLine } from './log-lines';
import { LogFollower, logSources, readLogs } from './logs';
import { dockerRestoreEngine, findBackups, formatDumps, restoreBackup, stackLabelFromSynth } from './restore';
import { loadStack, outputDirectory, synthesize, type ProjectOptions, type SynthesizedStack } from './project';
import { collectStatus, type StackStatus } from './status';
import { ANSI_PAINT, formatStatus, NO_PAINT } from './status-format';

/** Where a command writes, and whether that is a terminal (colours, clearing the screen). */
export interface CliIo {
  readonly stdout: NodeJS.WritableStream & { readonly isTTY?: boolean };
  readonly stderr: NodeJS.WritableStream;
  readonly env: NodeJS.ProcessEnv;
  /** Resolves when the user interrupts (Ctrl-C): `--watch` and `--follow` end then. */
  readonly interrupted: Promise<void>;
  /**
   * How a command gets its Docker API client (tests pass a stand-in engine).
   * @default dockerClient: dockerode for the chosen engine
   */
  readonly connect?: (engine: EngineChoice) => Promise<Docker>;
}

interface CommonOptions {
  readonly dir: string;
  readonly output?: string;
  readonly synth?: boolean;
  readonly host?: string;
}

function project(options: CommonOptions): ProjectOptions {
  return { directory: path.resolve(options.dir), output: options.output };
}

/** Reads the stack from the last synth, synthesizing first with `--synth`. */
function stackFrom(name: string, options: CommonOptions): SynthesizedStack {
  const p = project(options);
  if (options.synth) synthesize(p);
  return loadStack(outputDirectory(p), name);
}

/** What the option helpers need of a command: typed structurally, so commander's major versions' typings all fit. */
interface Optionable<C> {
  option(flags: string, description?: string, defaultValue?: string): C;
}

function withCommonOptions<C extends Optionable<C>>(command: C): C {
  return command
    .option('-C, --dir <directory>', 'project directory: where cdktf.json is', '.')
    .option('-o, --output <directory>', "output directory of the synth (default: cdktf.json's output, else cdktf.out)")
    .option('--synth', "run the app command of cdktf.json first (default: read the last synth's output)");
}

function withEngineOption<C extends Optionable<C>>(command: C): C {
  return command.option('-H, --host <address>', "Docker engine (default: the stack's dockerHost, else CDS_DOCKER_HOST, else DOCKER_HOST, else the local socket)");
}

function colour(io: CliIo): boolean {
  return io.stdout.isTTY === true && io.env.NO_COLOR === undefined;
}

/** Seconds `status` waits for the engine's answers, per check, unless --timeout says otherwise. */
export const STATUS_TIMEOUT_SECONDS = 10;

/**
 * One check: the engine's answers within `timeoutSeconds`, or undefined when the user
 * interrupts first. A hung engine (an ssh tunnel gone, a daemon stuck) must not hang a
 * monitoring script or swallow Ctrl-C.
 */
async function statusOnce(docker: Docker, stack: SynthesizedStack, engine: EngineChoice, timeoutSeconds: number, interrupted: Promise<void>): Promise<StackStatus | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new CliError(
            `the Docker engine at ${engineLabel(engine)} (from ${engine.source}) did not answer within ${timeoutSeconds} s`,
            'check that it runs (`docker info`), or allow more time with --timeout',
          ),
        ),
      timeoutSeconds * 1000,
    );
  });
  try {
    return await Promise.race([collectStatus(docker, stack.name, stack.json, engineLabel(engine)), timeout, interrupted.then(() => undefined)]);
  } catch (error) {
    throw engineUnreachable(error, engine);
  } finally {
    clearTimeout(timer);
  }
}

/** Waits `ms`; false when interrupted first. */
function sleep(ms: number, interrupted: Promise<void>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(true), ms);
    }),
    interrupted.then(() => false),
  ]).finally(() => clearTimeout(timer));
}

/** A number of seconds above 0 from an option, or a CliError naming the option. */
function seconds(option: string, value: string, example: string): number {
  const n = Number(value);
  if (value.trim() === '' || !(n > 0) || !Number.isFinite(n)) throw new CliError(`${option} ${value} is not a number of seconds above 0`, `pass e.g. ${option} ${example}`);
  return n;
}

/** The package's version, from the package.json above this file (cli/ in the repository, lib/cli/ when installed). */
function packageVersion(): string {
  for (const up of ['..', path.join('..', '..')]) {
    const file = path.join(__dirname, up, 'package.json');
    if (fs.existsSync(file)) return (JSON.parse(fs.readFileSync(file, 'utf8')) as { version: string }).version;
  }
  return 'unknown';
}

/** The command line: `status`, `logs`, `diagram`. Resolves to the exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let exitCode: number = EXIT.ok;
  const connect = io.connect ?? dockerClient;
  const write = (text: string): void => {
    io.stdout.write(text);
  };
  const program = new Command()
    .name('cdktf-docker-stacks')
    .description('Day-2 commands for stacks built with cdktf-docker-stacks: status, logs, diagram, restore, adopt, export-compose, import (compose files), and deploy, diff and destroy without the cdktf CLI.')
    .version(packageVersion(), '-V, --version')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) });

  withEngineOption(withCommonOptions(program.command('status <stack>')))
    .description('state, health (with the last probe), restarts, OOM kills, exit codes, uptime, image and ports of every container; exits 1 when one is not running healthy')
    .option('--json', 'print JSON (one document; with --watch, one line per check)')
    .option('-w, --watch', 'check again every --interval seconds, until Ctrl-C or --count checks; exits with the last check\'s code')
    .option('--interval <seconds>', 'seconds between checks with --watch', '2')
    .option('--count <checks>', 'with --watch, stop after this many checks')
    .option('--timeout <seconds>', 'seconds to wait for the engine in each check', String(STATUS_TIMEOUT_SECONDS))
    .action(async (name: string, options: CommonOptions & { json?: boolean; watch?: boolean; interval: string; count?: string; timeout: string }) => {
      const stack = stackFrom(name, options);
      const engine = chooseEngine(options.host, stack.json, io.env);
      const interval = seconds('--interval', options.interval, '2');
      const timeout = seconds('--timeout', options.timeout, '30');
      const count = options.count === undefined ? Infinity : Number(options.count);
      if (options.count !== undefined && !options.watch) throw new CliError(`--count ${options.count} applies only with --watch`, 'add --watch, or leave --count out');
      if (!(Number.isInteger(count) && count > 0) && count !== Infinity) {
        throw new CliError(`--count ${options.count} is not a whole number of checks above 0`, 'pass e.g. --count 10, or leave it out to watch until Ctrl-C');
      }
      const paint = colour(io) ? ANSI_PAINT : NO_PAINT;
      const docker = await connect(engine);
      // No verdict until a check completes: Ctrl-C before that is reported as such.
      exitCode = EXIT.interrupted;
      for (let checks = 0; checks < count; ) {
        const status = await statusOnce(docker, stack, engine, timeout, io.interrupted);
        if (status === undefined) break;
        checks++;
        exitCode = status.ok ? EXIT.ok : EXIT.unhealthy;
        if (options.json) write(`${JSON.stringify(status, null, options.watch ? undefined : 2)}\n`);
        else write(`${options.watch && io.stdout.isTTY ? '\x1b[2J\x1b[H' : checks > 1 ? '\n' : ''}${formatStatus(status, paint)}\n`);
        if (!options.watch || checks >= count || !(await sleep(interval * 1000, io.interrupted))) break;
      }
    });

  withEngineOption(withCommonOptions(program.command('logs <stack> [services...]')))
    .description("the services' logs (all when none is named) interleaved in time order, each line prefixed with its service")
    .option('-f, --follow', 'keep printing new lines until interrupted')
    .option('--since <time>', 'only lines since a duration ago (10m, 1h30m, 2d) or a time (2024-05-01T10:00:00Z)')
    .option('-n, --tail <lines>', 'only the last lines of each container')
    .option('-t, --timestamps', "print each line's timestamp")
    .action(async (name: string, services: string[], options: CommonOptions & { follow?: boolean; since?: string; tail?: string; timestamps?: boolean }) => {
      const stack = stackFrom(name, options);
      const engine = chooseEngine(options.host, stack.json, io.env);
      const since = options.since === undefined ? undefined : sinceKey(options.since, Date.now());
      if (options.since !== undefined && since === undefined) throw new CliError(`--since ${options.since} is neither a duration nor a time`, 'pass e.g. --since 10m, --since 2h, or --since 2024-05-01T10:00:00Z');
      const tail = options.tail === undefined ? undefined : Number(options.tail);
      if (tail !== undefined && !(Number.isInteger(tail) && tail >= 0)) throw new CliError(`--tail ${options.tail} is not a number of lines`, 'pass e.g. --tail 100');
      const logOptions = { services, since, tail };
      const colours = new Map<string, number>();
      let width = 0;
      const print = (lines: readonly LogLine[]): void => {
        for (const l of lines) {
          if (!colours.has(l.source)) colours.set(l.source, colours.size);
          width = Math.max(width, l.source.length);
        }
        if (lines.length > 0) write(`${lines.map((l) => formatLogLine(l, width, { timestamps: options.timestamps, colorIndex: colour(io) ? colours.get(l.source) : undefined })).join('\n')}\n`);
      };
      try {
        const docker = await connect(engine);
        const sources = await logSources(docker, stack.json, services);
        width = Math.max(0, ...sources.map((s) => s.source.length));
        // Silence would read as "nothing logged"; -f waits for containers to come (a deploy under way).
        if (sources.length === 0 && !options.follow) {
          const what = services.length > 0 ? `of service${services.length === 1 ? '' : 's'} ${services.join(', ')} of stack "${name}"` : `of stack "${name}"`;
          throw new CliError(`no container ${what} on ${engineLabel(engine)}`, `deploy it (\`npx cdktf deploy ${name}\`), or point --host / CDS_DOCKER_HOST at the engine it runs on`);
        }
        if (!options.follow) {
          print(await readLogs(docker, sources, logOptions));
          return;
        }
        const follower = new LogFollower(docker, () => logSources(docker, stack.json, services), logOptions, print);
        void io.interrupted.then(() => follower.stop());
        await follower.run();
      } catch (error) {
        throw engineUnreachable(error, engine);
      }
    });

  withCommonOptions(program.command('diagram <stack>'))
    .description('a Mermaid graph of the stack from its construct tree: services, networks (internal marked), volumes, dependencies, published ports')
    .action((name: string, options: CommonOptions) => {
      const stack = stackFrom(name, options);
      if (!stack.topology) {
        throw new CliError(`no topology for stack "${name}" in ${stack.directory}`, 'synthesize the app with DockerApp (not cdktf\'s App), e.g. with --synth');
      }
      write(renderMermaid(stack.topology));
    });

  withEngineOption(withCommonOptions(program.command('restore <stack>')))
    .description("restores a Scheduler's pg_dump backup into the stack's Postgres (pg_restore in one transaction, in the scheduler's container); refuses a database with tables unless --force")
    .option('--dump <name>', 'dump file to restore (default: the newest one pg_restore can read)')
    .option('--database <name>', 'database whose backups to restore, when the stack backs up more than one')
    .option('--force', 'restore over a database that already has tables (pg_restore --clean --if-exists)')
    .option('--list', 'list the dumps, newest first, and restore nothing')
    .action(async (name: string, options: CommonOptions & { dump?: string; database?: string; force?: boolean; list?: boolean }) => {
      if (options.list && (options.force === true || options.dump !== undefined)) {
        throw new CliError('--list only lists the dumps', 'leave --force and --dump out with --list');
      }
      const stack = stackFrom(name, options);
      const label = stackLabelFromSynth(outputDirectory(project(options)), name) ?? name;
      const engine = chooseEngine(options.host, stack.json, io.env);
      const restoreEngine = dockerRestoreEngine(await connect(engine));
      try {
        if (options.list) {
          write(formatDumps(await findBackups(restoreEngine, label, options.database)));
          return;
        }
        await restoreBackup(restoreEngine, { stack: label, dump: options.dump, database: options.database, force: options.force }, (line) => write(`${line}\n`));
      } catch (error) {
        throw engineUnreachable(error, engine);
      }
    });

  withEngineOption(withCommonOptions(program.command('adopt <stack>')))
    .description("rebuilds a lost state from what runs on the engine (containers by the stack's labels, networks by name) with Terraform import blocks, so the next diff is clean; refuses a state that is not lost")
    .action(async (name: string, options: CommonOptions) => {
      const stack = stackFrom(name, options);
      const engine = chooseEngine(options.host, stack.json, io.env);
      const docker = await connect(engine);
      try {
        const report = await adopt({ stack: name, outdir: outputDirectory(project(options)), docker, log: (line) => write(`${line}\n`) });
        write(`adopted ${name}: ${report.imported.length} imported, ${report.created.length} created in the state\n`);
      } catch (error) {
        if (error instanceof Error && error.name === 'AdoptError') {
          const [message, remedy] = error.message.split('. Fix: ');
          throw new CliError(message, remedy ?? 'see the message above', error);
        }
        throw engineUnreachable(error, engine);
      }
    });

  const terraformCommand = (usage: string, description: string, run: typeof deployStack): void => {
    program
      .command(usage)
      .description(description)
      .option('-C, --dir <directory>', 'project directory: where cdktf.json is', '.')
      .option('-o, --output <directory>', "output directory of the synth (default: cdktf.json's output, else cdktf.out)")
      .option('--skip-synth', 'use the last synth as it is (default: run the app command of cdktf.json first)')
      .option('--lock-timeout <duration>', "how long to wait for another run's state lock (Terraform's -lock-timeout)", '0s')
      .action(async (name: string, options: CommonOptions & { skipSynth?: boolean; lockTimeout: string }) => {
        exitCode = await run(name, { project: project(options), skipSynth: options.skipSynth ?? false, lockTimeout: options.lockTimeout, color: colour(io), connect: io.connect }, io);
      });
  };
  terraformCommand(
    'deploy <stack>',
    'synthesizes and applies the stack with Terraform directly, as `cdktf deploy` does without its CLI around it; waits until every container is healthy (on Swarm, every service converged; a failure shows the failed tasks\' last log lines)',
    deployStack,
  );
  terraformCommand('diff <stack>', 'synthesizes and plans the stack with Terraform directly (the engine refreshed); exits 0 with no changes, 1 with changes', diffStack);
  terraformCommand('destroy <stack>', 'destroys the stack with Terraform directly; named volumes stay', destroyStack);

  program
    .command('export-compose <stack>')
    .description(EXPORT_COMPOSE_DESCRIPTION)
    .option('-C, --dir <directory>', 'project directory (where cdktf.json is)', '.')
    .option('-f, --file <file>', 'write the compose file there instead of standard output')
    .action((name: string, options: { dir: string; file?: string }) => {
      exitCode = runExportCompose(name, { dir: options.dir, file: options.file }, io);
    });

  const collect = (value: string, previous: string[] = []): string[] => [...previous, value];
  program
    .command('import <compose-file>')
    .description(IMPORT_COMPOSE_DESCRIPTION)
    .option('-f, --file <file>', 'another compose file, merged after the first (repeatable)', collect)
    .option('--env-file <file>', 'variables for interpolation (default: .env beside the first file); the environment wins')
    .option('--profile <profile>', 'activate a profile (repeatable; * for all)', collect)
    .option('--allow-unsupported', 'leave keys the library cannot deploy out, with a warning, instead of failing')
    .option('--check', 'run the stack rules on the imported stack and print the findings with file:line; exit 1 on errors')
    .option('--out <file>', 'write the stack as a TypeScript file on the public constructs (one class, the compose names)')
    .action((file: string, options: { file?: string[]; envFile?: string; profile?: string[]; allowUnsupported?: boolean; check?: boolean; out?: string }) => {
      exitCode = runImportCompose(file, options, io);
    });

  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander printed its message ("error: unknown option '--jsn'"); add where the usage is.
      if (error.exitCode !== 0 && error.code !== 'commander.help') {
        const command = program.commands.find((c) => c.name() === argv[0]);
        io.stderr.write(`fix: see \`cdktf-docker-stacks ${command ? `${command.name()} ` : ''}--help\`\n`);
      }
      return error.exitCode === 0 ? EXIT.ok : EXIT.error;
    }
    const known = CliError.isCliError(error)
      ? error
      : new CliError(`${error instanceof Error ? error.message : String(error)}`, 'this is a bug in cdktf-docker-stacks: please report it with the output of the same command run with CDS_DEBUG=1');
    io.stderr.write(`error: ${known.message}\nfix: ${known.fix}\n`);
    const cause = CliError.isCliError(error) ? error.cause : error;
    if (io.env.CDS_DEBUG && cause instanceof Error && cause.stack) io.stderr.write(`${cause.stack}\n`);
    return EXIT.error;
  }
}
