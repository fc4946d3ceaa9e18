import * as fs from 'fs';
import * as path from 'path';
import { Writable } from 'stream';
import type Docker from 'dockerode';
import { SCHEDULER_BACKUP_LABELS, SCHEDULER_BACKUPS_PATH, SCHEDULER_DUMP_NAME_PATTERN } from '../constructs/scheduler';
import { SERVICE_LABELS } from '../constructs/service';

/**
 * Restores a Scheduler's `pg_dump -Fc` backup into the stack's Postgres: `pg_restore` runs in
 * the scheduler's container, which has the dumps (its backups volume), the Postgres client
 * tools (it runs pg_dump), the database's password (PGPASSWORD, from the stack) and the
 * stack's internal network. Nothing here reads or prints the password.
 */

/**
 * A failure the user can act on: a message and its fix. Named `CliError` so that the
 * command line prints it as its own errors, message then fix, without a stack trace
 * (CliError.isCliError checks the name and the fix, not the class).
 */
export class RestoreError extends Error {
  /** True for a RestoreError (a property check, not `instanceof`, as everywhere in this library). */
  static isRestoreError(this: void, value: unknown): value is RestoreError {
    return value instanceof Error && value.name === 'CliError' && typeof (value as { fix?: unknown }).fix === 'string';
  }

  constructor(
    message: string,
    /** What to do about it. */
    readonly fix: string,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** What restore asks of a Docker engine; `dockerRestoreEngine` is dockerode's, tests pass a stand-in. */
export interface RestoreEngine {
  /** Containers, running or not, that carry every label given (`key` or `key=value`). */
  containers(labels: readonly string[]): Promise<readonly EngineContainer[]>;
  /** Runs `argv` in a running container (with the container's environment) and collects its output. */
  exec(container: string, argv: readonly string[]): Promise<ExecResult>;
}

/** A container as restore sees it. */
export interface EngineContainer {
  /** Name, without Docker's leading "/". */
  readonly name: string;
  /** `running`, `exited`, `restarting`, ... */
  readonly state: string;
  readonly labels: Readonly<Record<string, string>>;
}

/** What a command run in a container gave back. */
export interface ExecResult {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** What to restore, and where. */
export interface RestoreOptions {
  /** The stack: its name prefix on the engine (the `org.cdktf-docker-stacks.stack` label), see `stackLabelFromSynth`. */
  readonly stack: string;
  /**
   * Dump file name in the backups volume, e.g. `app-20260101T030000Z.dump`.
   * @default - the newest dump `pg_restore --list` can read
   */
  readonly dump?: string;
  /**
   * Database whose backups to restore, when the stack backs up more than one.
   * @default - the stack's only backed-up database
   */
  readonly database?: string;
  /**
   * Restore into a database that already holds tables: the objects the dump holds are dropped
   * and recreated from it (`pg_restore --clean --if-exists`); others are left alone.
   * @default false: a database with tables is refused
   */
  readonly force?: boolean;
}

/** A dump in the backups volume. */
export interface DumpFile {
  /** File name, e.g. `app-20260101T030000Z.dump`. */
  readonly name: string;
  /** The time in its name, ISO 8601 (`2026-01-01T03:00:00Z`). */
  readonly time: string;
  readonly bytes: number;
}

/** Where a stack's backups are and which database they hold. */
export interface BackupSource {
  readonly stack: string;
  /** The scheduler container that makes the backups and runs the restore. */
  readonly container: string;
  readonly host: string;
  readonly user: string;
  readonly database: string;
  /** The job script that makes a backup now: `docker exec <container> <backupJob>`. */
  readonly backupJob: string | undefined;
  /** Newest first. */
  readonly dumps: readonly DumpFile[];
}

/** What a restore did. */
export interface RestoreResult {
  readonly source: BackupSource;
  readonly dump: DumpFile;
  /** Tables, views and sequences in the database before and after. */
  readonly relationsBefore: number;
  readonly relationsAfter: number;
  /** Whether objects were dropped first (`force` on a database that held tables). */
  readonly replaced: boolean;
  readonly seconds: number;
}

/** Tables, views, materialized views, sequences and foreign tables outside the system schemas. */
const RELATIONS_SQL =
  "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'";

/** The last few lines of a tool's error output, for a message. */
function lastLines(text: string, count = 3): string {
  const lines = text.trim().split('\n').filter((l) => l.trim() !== '');
  return lines.length === 0 ? '(no output)' : lines.slice(-count).join(' / ');
}

function dumpTime(stamp: string): string {
  return `${stamp.slice(0, 4)}-${stamp.slice(4, 6)}-${stamp.slice(6, 8)}T${stamp.slice(9, 11)}:${stamp.slice(11, 13)}:${stamp.slice(13, 15)}Z`;
}

/**
 * The stack's name prefix (the label its containers carry) from the last synth: cdktf names
 * a stack by its id (`vibecoding`), the engine knows it by its prefix (`staging-vibecoding`
 * with a `namePrefix`). Undefined when the synth output has no such stack or no container.
 */
export function stackLabelFromSynth(outdir: string, stack: string): string | undefined {
  const file = path.join(outdir, 'stacks', stack, 'cdk.tf.json');
  if (!fs.existsSync(file)) return undefined;
  const json = JSON.parse(fs.readFileSync(file, 'utf8')) as { resource?: { docker_container?: Record<string, { labels?: { label: string; value: string }[] }> } };
  for (const container of Object.values(json.resource?.docker_container ?? {})) {
    const label = container.labels?.find((l) => l.label === SERVICE_LABELS.stack);
    if (label) return label.value;
  }
  return undefined;
}

/** The scheduler of `stack` that backs up `database` (or its only one), and the dumps it has made. */
export async function findBackups(engine: RestoreEngine, stack: string, database?: string): Promise<BackupSource> {
  const inStack = await engine.containers([`${SERVICE_LABELS.stack}=${stack}`]);
  if (inStack.length === 0) {
    const deployed = [...new Set((await engine.containers([SERVICE_LABELS.stack])).map((c) => c.labels[SERVICE_LABELS.stack]))].sort();
    throw new RestoreError(
      `no container of stack "${stack}" on this engine`,
      deployed.length > 0
        ? `name a deployed stack (${deployed.join(', ')}), or deploy "${stack}" first (npx cdktf deploy ${stack})`
        : `deploy the stack first (npx cdktf deploy ${stack}); no stack is deployed on this engine`,
    );
  }
  const schedulers = inStack.filter((c) => c.labels[SCHEDULER_BACKUP_LABELS.database] !== undefined);
  if (schedulers.length === 0) {
    throw new RestoreError(
      `stack "${stack}" has no scheduler with a backup (containers: ${inStack.map((c) => c.name).sort().join(', ')})`,
      'give a Scheduler of the stack a `backup` ({ database, schedule, retention }) and deploy it; see docs/constructs/scheduler.md',
    );
  }
  const databases = schedulers.map((c) => c.labels[SCHEDULER_BACKUP_LABELS.database]);
  const chosen = database === undefined ? schedulers : schedulers.filter((c) => c.labels[SCHEDULER_BACKUP_LABELS.database] === database);
  if (chosen.length === 0) {
    throw new RestoreError(`stack "${stack}" backs up no database "${database}"`, `choose one it backs up: --database ${databases.join(' or --database ')}`);
  }
  if (chosen.length > 1) {
    throw new RestoreError(`stack "${stack}" backs up ${chosen.length} databases: ${databases.join(', ')}`, `choose one with --database ${databases[0]}`);
  }
  const scheduler = chosen[0];
  if (scheduler.state !== 'running') {
    throw new RestoreError(
      `the scheduler container ${scheduler.name} is ${scheduler.state}, not running: the restore runs pg_restore in it`,
      `deploy the stack (npx cdktf deploy ${stack}) so that it runs, then restore again`,
    );
  }
  const labels = scheduler.labels;
  const name = labels[SCHEDULER_BACKUP_LABELS.database];
  // `-l`: sizes too; busybox and GNU ls both print `mode links owner group size date name`.
  const listing = await engine.exec(scheduler.name, ['ls', '-ln', SCHEDULER_BACKUPS_PATH]);
  if (listing.exitCode !== 0) {
    throw new RestoreError(`cannot list ${SCHEDULER_BACKUPS_PATH} in ${scheduler.name}: ${lastLines(listing.stderr)}`, `check the container's backups volume (docker inspect ${scheduler.name})`);
  }
  const dumps = listing.stdout
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .map((fields) => ({ file: fields[fields.length - 1] ?? '', bytes: Number(fields[4]) }))
    .map(({ file, bytes }) => ({ match: SCHEDULER_DUMP_NAME_PATTERN.exec(file), bytes }))
    .filter((d): d is { match: RegExpExecArray; bytes: number } => d.match !== null && d.match[1] === name)
    .map(({ match, bytes }) => ({ name: match[0], time: dumpTime(match[2]), bytes }))
    .sort((a, b) => b.name.localeCompare(a.name));
  return {
    stack,
    container: scheduler.name,
    host: labels[SCHEDULER_BACKUP_LABELS.host],
    user: labels[SCHEDULER_BACKUP_LABELS.user],
    database: name,
    backupJob: labels[SCHEDULER_BACKUP_LABELS.job],
    dumps,
  };
}

function runBackupNow(source: BackupSource): string {
  return source.backupJob ? `run one now: docker exec ${source.container} ${source.backupJob}` : `wait for the scheduler's next backup`;
}

/** `pg_restore --list` reads the archive's table of contents: a truncated or foreign file fails it. */
async function readable(engine: RestoreEngine, source: BackupSource, dump: DumpFile): Promise<ExecResult> {
  return engine.exec(source.container, ['pg_restore', '--list', `${SCHEDULER_BACKUPS_PATH}/${dump.name}`]);
}

/** The dump to restore: the one named, else the newest that `pg_restore --list` reads. */
async function chooseDump(engine: RestoreEngine, source: BackupSource, wanted: string | undefined, log: (line: string) => void): Promise<DumpFile> {
  if (source.dumps.length === 0) {
    throw new RestoreError(`no dump of database "${source.database}" in ${SCHEDULER_BACKUPS_PATH} of ${source.container}`, runBackupNow(source));
  }
  if (wanted !== undefined) {
    const dump = source.dumps.find((d) => d.name === wanted);
    if (!dump) {
      const newest = source.dumps.slice(0, 5).map((d) => d.name);
      throw new RestoreError(
        `no dump "${wanted}" in ${SCHEDULER_BACKUPS_PATH} of ${source.container}`,
        `choose one of ${newest.join(', ')}${source.dumps.length > newest.length ? ` (and ${source.dumps.length - newest.length} older)` : ''}, or leave --dump out for the newest`,
      );
    }
    const check = await readable(engine, source, dump);
    if (check.exitCode !== 0) {
      throw new RestoreError(`${dump.name} is not a readable pg_dump archive: ${lastLines(check.stderr)}`, 'choose another dump with --dump (--list shows them)');
    }
    return dump;
  }
  for (const dump of source.dumps) {
    const check = await readable(engine, source, dump);
    if (check.exitCode === 0) return dump;
    log(`skipping ${dump.name}: not a readable pg_dump archive (${lastLines(check.stderr, 1)})`);
  }
  throw new RestoreError(`none of the ${source.dumps.length} dumps of "${source.database}" in ${source.container} is a readable pg_dump archive`, runBackupNow(source));
}

/** Counts the database's tables, views and sequences, over the network as the backup user. */
async function relations(engine: RestoreEngine, source: BackupSource): Promise<number> {
  const result = await engine.exec(source.container, ['psql', '-h', source.host, '-U', source.user, '-d', source.database, '-w', '-X', '-tA', '-c', RELATIONS_SQL]);
  const count = Number(result.stdout.trim());
  if (result.exitCode !== 0 || result.stdout.trim() === '' || !Number.isInteger(count)) {
    throw new RestoreError(
      `cannot query database "${source.database}" at ${source.host} as ${source.user} from ${source.container}: ${lastLines(result.stderr)}`,
      `check that the stack's Postgres runs healthy (docker ps --filter label=${SERVICE_LABELS.stack}=${source.stack}) and restore again`,
    );
  }
  return count;
}

/** Checks the options before anything touches the engine. */
function checkOptions(options: RestoreOptions): void {
  if (typeof options.stack !== 'string' || options.stack.trim() === '') {
    throw new RestoreError('no stack given', 'name the stack, e.g. `npx cdktf-docker-stacks restore vibecoding`');
  }
  if (options.dump !== undefined && !SCHEDULER_DUMP_NAME_PATTERN.test(options.dump)) {
    throw new RestoreError(
      `--dump ${JSON.stringify(options.dump)} is not a dump file name`,
      'give a file name as the backup job writes it, <database>-<YYYYMMDD>T<HHMMSS>Z.dump (e.g. app-20260101T030000Z.dump); --list shows them',
    );
  }
}

/**
 * Restores a dump into the stack's Postgres with `pg_restore --single-transaction
 * --exit-on-error --no-owner`: all or nothing. Refuses a database that holds tables unless
 * `force`, which adds `--clean --if-exists`. Each step is logged through `log`.
 */
export async function restoreBackup(engine: RestoreEngine, options: RestoreOptions, log: (line: string) => void = () => undefined): Promise<RestoreResult> {
  checkOptions(options);
  const started = Date.now();
  const source = await findBackups(engine, options.stack, options.database);
  const dump = await chooseDump(engine, source, options.dump, log);
  const before = await relations(engine, source);
  if (before > 0 && !options.force) {
    throw new RestoreError(
      `database "${source.database}" of stack "${source.stack}" is not empty: it holds ${before} tables, views or sequences`,
      `to replace what the dump holds, pass --force (its objects are dropped and recreated; others are kept); or restore into an empty database (remove the data volume and redeploy)`,
    );
  }
  const replaced = before > 0;
  log(`restoring ${dump.name} (${dump.time}, ${dump.bytes} bytes) into "${source.database}" at ${source.host}${replaced ? `, replacing its objects (--force, ${before} relations now)` : ''}`);
  const restore = await engine.exec(source.container, [
    'pg_restore',
    '-h',
    source.host,
    '-U',
    source.user,
    '-d',
    source.database,
    '-w',
    '--no-owner',
    '--exit-on-error',
    '--single-transaction',
    ...(replaced ? ['--clean', '--if-exists'] : []),
    `${SCHEDULER_BACKUPS_PATH}/${dump.name}`,
  ]);
  if (restore.exitCode !== 0) {
    throw new RestoreError(
      `pg_restore of ${dump.name} into "${source.database}" failed (exit ${restore.exitCode}), nothing was changed (one transaction): ${lastLines(restore.stderr)}`,
      'read the error above; with objects already in the database, --force replaces those the dump holds',
    );
  }
  const after = await relations(engine, source);
  const seconds = (Date.now() - started) / 1000;
  log(`restored ${dump.name} into "${source.database}": ${after} tables, views and sequences (${seconds.toFixed(1)} s)`);
  return { source, dump, relationsBefore: before, relationsAfter: after, replaced, seconds };
}

/** One line per dump, newest first, for `--list`. */
export function formatDumps(source: BackupSource): string {
  if (source.dumps.length === 0) return `no dump of "${source.database}" in ${SCHEDULER_BACKUPS_PATH} of ${source.container}\n`;
  const width = Math.max(...source.dumps.map((d) => String(d.bytes).length));
  return `${source.dumps.map((d, i) => `${d.name}  ${d.time}  ${String(d.bytes).padStart(width)} bytes${i === 0 ? '  (newest)' : ''}`).join('\n')}\n`;
}

/** A writable stream that keeps what is written (demuxStream calls only write). */
function collector(chunks: Buffer[]): NodeJS.WritableStream {
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
}

/** dockerode as a RestoreEngine. */
export function dockerRestoreEngine(docker: Docker): RestoreEngine {
  return {
    async containers(labels) {
      const found = await docker.listContainers({ all: true, filters: { label: [...labels] } });
      return found.map((c) => ({ name: (c.Names[0] ?? c.Id).replace(/^\//, ''), state: c.State, labels: c.Labels ?? {} }));
    },
    async exec(container, argv) {
      const execution = await docker.getContainer(container).exec({ Cmd: [...argv], AttachStdout: true, AttachStderr: true });
      const stream = await execution.start({ hijack: true, stdin: false });
      const stdout: Buffer[] = [];
      const stderr: Buffer[] = [];
      await new Promise<void>((resolve, reject) => {
        docker.modem.demuxStream(stream, collector(stdout), collector(stderr));
        stream.on('end', () => resolve());
        stream.on('error', reject);
      });
      const inspect = await execution.inspect();
      return { exitCode: inspect.ExitCode ?? -1, stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8') };
    },
  };
}
