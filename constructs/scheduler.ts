import { Construct } from 'constructs';
import { z } from 'zod';
import { Capability } from './capability';
import { Cpu } from './cpu';
import { CronSchedule } from './cron-schedule';
import { Duration } from './duration';
import { HealthCheck, type HealthCheckOptions } from './health-check';
import { ContainerImage } from './image';
import { Postgres, POSTGRES_DEFAULT_IMAGE } from './postgres';
import { argv, servicePropsSchema } from './private/service-schema';
import { ValidationError } from './errors';
import { addProblem, childPath, fix, parseProps, zInstance } from './private/validation';
import { KindProps, Service } from './service';
import { SCHEDULER_BACKUP_MAX_AGE_MIN_MILLIS, SCHEDULER_BACKUP_RETENTION_MAX, SCHEDULER_BACKUP_RETENTION_MIN } from './limits';
import { Size } from './size';
import { NamedVolume } from './volume';

/** Which cron daemon the image has. */
export enum CronRunner {
  /** busybox `crond` (Alpine images, e.g. postgres:*-alpine): `crond -f -l 8 -c /etc/crontabs`. */
  BUSYBOX_CROND = 'busybox-crond',
  /** Debian's `cron` package (Debian-based images): `cron -f`, jobs in /etc/cron.d. */
  DEBIAN_CRON = 'debian-cron',
}

/** A job of a Scheduler: what runs, and when. */
export interface CronJob {
  /** Name (`[a-z][a-z0-9-]*`, at most 40 characters, unique in the scheduler), used for the job's script and in its log lines. */
  readonly name: string;
  /** When the job runs (container time: UTC unless TZ is set). */
  readonly schedule: CronSchedule;
  /** Command, as an argument array; it runs with the container's environment. */
  readonly command: readonly string[];
}

/** A `pg_dump` backup of a Postgres into the scheduler's backups volume. */
export interface PostgresBackupOptions {
  /** The database to dump; the scheduler waits for it to be healthy, and reaches it by its hostname. */
  readonly database: Postgres;
  /** When to dump. */
  readonly schedule: CronSchedule;
  /** Backups kept (1-365); older ones (by the time in their names) are deleted after each successful dump. */
  readonly retention: number;
  /**
   * Longest time without a good backup before the scheduler turns unhealthy, counted from the
   * last good backup or the container's start, whichever is later (so a redeploy is not refused
   * for an old backup); at least 1 minute. Catches a backup that never runs or never ends,
   * which leaves no failure behind. Give more than the time between two backups.
   * @default - no limit: only a failed dump turns the scheduler unhealthy
   */
  readonly maxAge?: Duration;
}

/**
 * Props of {@link Scheduler}: a Service's props plus jobs. The entrypoint is generated, so
 * `command` and `entrypoint` are not accepted; the container runs as root (cron switches user).
 */
export interface SchedulerProps extends Omit<KindProps, 'command' | 'entrypoint'> {
  /**
   * Jobs to run.
   * @default - none
   */
  readonly jobs?: readonly CronJob[];
  /**
   * Database backups with retention, into the `backups` volume at /backups.
   * @default - no backups
   */
  readonly backup?: PostgresBackupOptions;
  /**
   * The image's cron daemon.
   * @default CronRunner.BUSYBOX_CROND (the default image is postgres:17-alpine, which has pg_dump)
   */
  readonly runner?: CronRunner;
  /**
   * Volume for the backups; only with `backup`.
   * @default - a NamedVolume `<prefix>-<id>-backups` when `backup` is given
   */
  readonly backupsVolume?: NamedVolume;
  /**
   * Image with a cron daemon (see `runner`) and, for backups, `pg_dump`.
   * @default ContainerImage.fromRegistry("postgres:17-alpine")
   */
  readonly image?: ContainerImage;
  /**
   * Health check. `Scheduler.healthCheck({ ... })` is the default check with other timing.
   * @default - `Scheduler.healthCheck()`: runs /etc/cds-cron/health.sh every 30 s, timeout 5 s, 3 retries, after a 10 s start period; unhealthy when the heartbeat cron job (every minute) has not run for 3 minutes, or when a backup has failed since the container started and no good one followed; its output says when the last good backup was made
   */
  readonly healthCheck?: HealthCheck;
  /**
   * User cron runs as: only root (`root`, `0`, `0:0`, `root:root`) is accepted, as cron
   * switches to each job's user.
   * @default "root"
   */
  readonly user?: string;
  /**
   * Capabilities added back. SETGID and SETUID are always added: cron switches to the job's
   * user through setgid and initgroups.
   * @default [Capability.SETGID, Capability.SETUID]
   */
  readonly capabilities?: readonly Capability[];
  /**
   * CPU limit.
   * @default Cpu.cores(0.5)
   */
  readonly cpuLimit?: Cpu;
  /**
   * Memory limit; swap is disabled.
   * @default Size.mebibytes(256)
   */
  readonly memoryLimit?: Size;
  /**
   * Time running jobs get on stop before they are killed.
   * @default Duration.seconds(30)
   */
  readonly stopGracePeriod?: Duration;
  /**
   * Run an init process as PID 1: cron daemons install no SIGTERM handler, so without it a
   * stop waits the whole grace period.
   * @default true
   */
  readonly init?: boolean;
}

/** Where backups are written (the backups volume). */
export const SCHEDULER_BACKUPS_PATH = '/backups';
/** File the heartbeat cron job touches every minute; the health check requires it fresh. */
export const SCHEDULER_HEARTBEAT_FILE = '/tmp/cron-heartbeat';
/** Where job scripts are uploaded. */
export const SCHEDULER_JOBS_DIRECTORY = '/etc/cds-cron/jobs';
/** The health check's script: the heartbeat, and the outcome of the last backup (see Scheduler.healthCheck). */
export const SCHEDULER_HEALTH_SCRIPT = '/etc/cds-cron/health.sh';
/** File the entrypoint writes the container's start time into (seconds since the epoch). */
export const SCHEDULER_STARTED_FILE = '/run/cds-cron/started';
/**
 * Labels on a scheduler with a backup, naming the database it dumps: how the restore command
 * (cli/restore.ts) finds the backups and the database of a deployed stack.
 */
export const SCHEDULER_BACKUP_LABELS = {
  host: 'org.cdktf-docker-stacks.backup.host',
  user: 'org.cdktf-docker-stacks.backup.user',
  database: 'org.cdktf-docker-stacks.backup.database',
  /** The backup job's script: `docker exec <scheduler> <script>` makes a backup now. */
  job: 'org.cdktf-docker-stacks.backup.job',
} as const;
/**
 * What the backup job writes beside the dumps, per database: `<database>.last-good` after a
 * good dump (`<epoch seconds> <UTC time> <file> <bytes>`), `<database>.last-failed` after a
 * failed one (`<epoch seconds> <UTC time> exit <n>: <pg_dump's last error line>`), removed by
 * the next good dump.
 */
export const SCHEDULER_BACKUP_STATUS_FILES = {
  lastGood: (database: string) => `${SCHEDULER_BACKUPS_PATH}/${database}.last-good`,
  lastFailed: (database: string) => `${SCHEDULER_BACKUPS_PATH}/${database}.last-failed`,
} as const;
/** Dump file names: `<database>-<UTC time, to the second>.dump`; the time sorts them. */
export const SCHEDULER_DUMP_NAME_PATTERN = /^([a-z_][a-z0-9_]*)-(\d{8}T\d{6}Z)\.dump$/;
/** Job names: lowercase letters, digits and "-", at most 40 characters. */
export const CRON_JOB_NAME_PATTERN = /^[a-z][a-z0-9-]{0,39}$/;

const HEARTBEAT_FILE = SCHEDULER_HEARTBEAT_FILE;
const HEALTH_SCRIPT = SCHEDULER_HEALTH_SCRIPT;
const STARTED_FILE = SCHEDULER_STARTED_FILE;
const ENV_FILE = '/run/cds-cron/env';
const JOBS_DIR = SCHEDULER_JOBS_DIRECTORY;
const ENTRYPOINT = '/etc/cds-cron/entrypoint.sh';
const ROOT_USERS = ['root', '0', '0:0', 'root:root'];

const cronJob = z
  .object({
    name: z.string().regex(CRON_JOB_NAME_PATTERN, fix('not a job name', 'use up to 40 lowercase letters, digits and "-", starting with a letter')),
    schedule: zInstance(CronSchedule.isCronSchedule, fix('not a CronSchedule', 'use CronSchedule.everyHours(n), daily({ hour }) or expression("...")')),
    command: argv,
  })
  .strict();

const retentionFix = `keep from ${SCHEDULER_BACKUP_RETENTION_MIN} to ${SCHEDULER_BACKUP_RETENTION_MAX} backups`;

const propsSchema = servicePropsSchema
  .partial()
  .extend({
    command: z.never({ message: fix('the scheduler generates its own command', 'put the work in jobs') }).optional(),
    entrypoint: z.never({ message: fix('the scheduler generates its own entrypoint', 'put the work in jobs') }).optional(),
    user: z
      .string()
      .refine((u) => ROOT_USERS.includes(u), fix('cron daemons run as root and switch to the job user', 'leave user out (only capabilities SETUID and SETGID are added back)'))
      .optional(),
    replicas: z.literal(1, { message: fix('each replica would run every job', 'run one scheduler (replicas: 1)') }).optional(),
    jobs: z.array(cronJob).optional(),
    backup: z
      .object({
        database: z.custom<Postgres>((v) => Postgres.isPostgres(v), fix('not a Postgres', 'pass the Postgres construct')),
        schedule: zInstance(CronSchedule.isCronSchedule, fix('not a CronSchedule', 'use CronSchedule.daily({ hour: 3 })')),
        retention: z
          .number(fix('not a number', retentionFix))
          .int(fix('retention must be whole', retentionFix))
          .min(SCHEDULER_BACKUP_RETENTION_MIN, fix(`retention below ${SCHEDULER_BACKUP_RETENTION_MIN}`, retentionFix))
          .max(SCHEDULER_BACKUP_RETENTION_MAX, fix(`retention above ${SCHEDULER_BACKUP_RETENTION_MAX}`, retentionFix)),
        maxAge: zInstance(Duration.isDuration, fix('not a Duration', 'use Duration.hours(26) for a daily backup'))
          .refine((d) => d.toMilliseconds() >= SCHEDULER_BACKUP_MAX_AGE_MIN_MILLIS, fix('maxAge below 1 min', 'give at least Duration.minutes(1), longer than the time between two backups'))
          .optional(),
      })
      .strict()
      .optional(),
    runner: z.enum(CronRunner, { message: fix('not a CronRunner', 'use CronRunner.BUSYBOX_CROND or DEBIAN_CRON') }).optional(),
    backupsVolume: zInstance(NamedVolume.isNamedVolume, fix('not a NamedVolume', 'create it with new NamedVolume(...)')).optional(),
  })
  .strict()
  .superRefine((p, ctx) => {
    if (p.backupsVolume && !p.backup) {
      addProblem(ctx, ['backupsVolume'], 'a backups volume without backup', 'give backup, or leave backupsVolume out');
    }
    if (p.backup) {
      for (const field of ['environment', 'secrets'] as const) {
        if (p[field] && 'PGPASSWORD' in p[field]) {
          addProblem(ctx, [field, 'PGPASSWORD'], "the backup sets PGPASSWORD from the database's password", `leave PGPASSWORD out of ${field}`);
        }
      }
    }
  });

/** Quotes one argument for POSIX sh. */
function shellQuote(arg: string): string {
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** `<epoch seconds> <UTC time>`, as the status files start. */
const NOW = '$(date -u +%s) $(date -u +%Y-%m-%dT%H:%M:%SZ)';

/**
 * The backup job: `pg_dump -Fc` to `<db>-<UTC time>.dump.partial`, renamed to `.dump` once
 * complete (a partial file is removed on failure), then all but the newest `retention` dumps
 * deleted, newest by the time in their names (a dump copied back by hand has a new
 * modification time, not a new name). The file name is computed once, so a dump that takes
 * minutes still renames its own file. The outcome lands in the status files
 * (SCHEDULER_BACKUP_STATUS_FILES) that the health check reads; pg_dump's errors still reach
 * `docker logs`.
 */
function backupJob(backup: PostgresBackupOptions): CronJob {
  const db = backup.database;
  const prefix = `${SCHEDULER_BACKUPS_PATH}/${db.database}-`;
  const lastGood = SCHEDULER_BACKUP_STATUS_FILES.lastGood(db.database);
  const lastFailed = SCHEDULER_BACKUP_STATUS_FILES.lastFailed(db.database);
  const onExit = [
    'code=$?',
    // `|| true`: the trap runs under `set -e`, and a step may fail before any .err file exists.
    'cat "$f.err" >&2 2>/dev/null || true',
    `if [ "$code" -ne 0 ]; then echo "${NOW} exit $code: $(tail -n 1 "$f.err" 2>/dev/null)" > ${lastFailed}; fi`,
    'rm -f "$f.partial" "$f.err"',
  ].join('; ');
  return {
    name: `backup-${db.node.id.toLowerCase().replace(/[^a-z0-9-]/g, '-')}`.slice(0, 40),
    schedule: backup.schedule,
    command: [
      'sh',
      '-c',
      [
        'set -e',
        `f="${prefix}$(date -u +%Y%m%dT%H%M%SZ).dump"`,
        `trap '${onExit}' EXIT`,
        // On a Swarm target the password is a secret file named by PGPASSWORD_FILE (the _FILE
        // convention), which libpq does not read: export its content as PGPASSWORD.
        'if [ -n "$PGPASSWORD_FILE" ]; then PGPASSWORD="$(cat "$PGPASSWORD_FILE" 2>"$f.err")"; export PGPASSWORD; fi',
        `pg_dump -h ${db.hostname} -U ${db.user} -d ${db.database} -Fc -f "$f.partial" 2>"$f.err"`,
        `mv "$f.partial" "$f"`,
        `echo "${NOW} $f $(wc -c < "$f")" > ${lastGood}`,
        `rm -f ${lastFailed}`,
        `echo "backup: $f ($(wc -c < "$f") bytes)"`,
        `ls -1 ${prefix}*.dump | sort -r | tail -n +${backup.retention + 1} | xargs -r rm -f`,
      ].join('; '),
    ],
  };
}

/**
 * The health check's script: the heartbeat must be fresh; with a backup, a failure since the
 * container started turns it unhealthy until a good dump follows (one from before the start
 * is reported but not counted, so a redeploy that fixes the cause is not refused by its own
 * health check), and so does no good dump for `maxAge` (counted from the start at the earliest). The output says when the last good backup was made, for `docker inspect`
 * and the status command.
 */
function healthScript(backup: PostgresBackupOptions | undefined): string {
  const lines = [
    '#!/bin/sh',
    `if [ -z "$(find ${HEARTBEAT_FILE} -mmin -3 2>/dev/null)" ]; then echo "cron has not run the heartbeat job for 3 minutes"; exit 1; fi`,
  ];
  if (!backup) return [...lines, 'echo "cron runs jobs"', ''].join('\n');
  const db = backup.database.database;
  const lastGood = SCHEDULER_BACKUP_STATUS_FILES.lastGood(db);
  const lastFailed = SCHEDULER_BACKUP_STATUS_FILES.lastFailed(db);
  return [
    ...lines,
    'now=$(date -u +%s)',
    `started=$(cat ${STARTED_FILE} 2>/dev/null || echo 0)`,
    'ago() { s=$((now - $1)); if [ "$s" -lt 120 ]; then echo "$s s ago"; elif [ "$s" -lt 7200 ]; then echo "$((s / 60)) min ago"; else echo "$((s / 3600)) h ago"; fi; }',
    'status=0',
    ...(backup.maxAge
      ? [
          `limit=${backup.maxAge.toSecondsCeil()}`,
          `since=$started; if [ -r ${lastGood} ]; then read -r t rest < ${lastGood}; if [ "$t" -gt "$since" ] 2>/dev/null; then since=$t; fi; fi`,
          `if [ $((now - since)) -gt "$limit" ]; then echo "no good backup of ${db} for more than ${backup.maxAge} (maxAge)"; status=1; fi`,
        ]
      : []),
    `if [ -r ${lastFailed} ]; then`,
    `  read -r t when why < ${lastFailed}`,
    `  if [ "$t" -ge "$started" ] 2>/dev/null; then echo "backup of ${db} FAILED at $when ($(ago "$t")): $why"; status=1`,
    `  else echo "backup of ${db} failed at $when, before this container started (not counted until the next run): $why"; fi`,
    'fi',
    `if [ -r ${lastGood} ]; then`,
    `  read -r t when file bytes < ${lastGood}`,
    `  echo "last good backup of ${db}: $when ($(ago "$t")), $file, $bytes bytes"`,
    `else echo "no good backup of ${db} yet (schedule ${backup.schedule.expression})"; fi`,
    'exit $status',
    '',
  ].join('\n');
}

/**
 * Runs cron jobs in a container (seed 002's scheduler: auto-scrape every 3 h, `pg_dump`
 * backups): typed schedules, a backup job with retention, job output in `docker logs`
 * (each job's output goes to PID 1's stdout and stderr, framed by `cron job <name>: start`
 * and `ok` / `FAILED with exit <n>` lines).
 *
 * Environment: cron daemons start jobs with an empty environment, so the generated entrypoint
 * saves the container's environment (secrets included) at start with `export -p` into a
 * root-only file (/run/cds-cron/env, mode 600) that every job script sources. Secrets reach
 * the container as sensitive env values only; none is written into the synthesized files.
 *
 * Health: a heartbeat cron job touches /tmp/cron-heartbeat every minute and the check
 * (`find -mmin -3`, in busybox and Debian alike) requires it fresh, so it fails when the
 * daemon stops running jobs, not only when it exits. With a backup, a failed dump turns the
 * scheduler unhealthy until a good one follows, and the check's output (the last probe in
 * `docker inspect` and in the status command) gives the age of the last good backup.
 */
export class Scheduler extends Service {
  /**
   * The scheduler's health check (the default) with other timing: it runs
   * /etc/cds-cron/health.sh, which every Scheduler uploads.
   */
  static healthCheck(options: HealthCheckOptions = {}): HealthCheck {
    return HealthCheck.shell(`sh ${HEALTH_SCRIPT}`, ['find', 'date', 'cat'], {
      interval: Duration.seconds(30),
      timeout: Duration.seconds(5),
      retries: 3,
      startPeriod: Duration.seconds(10),
      ...options,
    });
  }

  /** Every job, the backup job included. */
  readonly jobs: readonly CronJob[];
  /** The cron daemon the container runs. */
  readonly runner: CronRunner;
  /** Volume at /backups, when `backup` is given. */
  readonly backupsVolume: NamedVolume | undefined;

  constructor(scope: Construct, id: string, props: SchedulerProps = {}) {
    const path = childPath(scope, id);
    const p = parseProps(path, propsSchema, props) as SchedulerProps;
    const { jobs = [], backup, runner = CronRunner.BUSYBOX_CROND, backupsVolume, ...serviceProps } = p;
    const backupCronJob = backup ? backupJob(backup) : undefined;
    const allJobs: CronJob[] = [...jobs, ...(backupCronJob ? [backupCronJob] : [])];
    const names = allJobs.map((j) => j.name);
    const duplicate = names.find((n, i) => names.indexOf(n) !== i);
    if (duplicate) {
      throw new ValidationError([{ ruleId: 'props', path, field: 'jobs', value: duplicate, message: 'two jobs share this name', fix: 'give each job its own name' }]);
    }

    const jobScript = (job: CronJob) =>
      [
        '#!/bin/sh',
        `# ${job.name}: ${job.schedule}`,
        `. ${ENV_FILE}`,
        `echo "cron job ${job.name}: start"`,
        `if ${job.command.map(shellQuote).join(' ')}; then echo "cron job ${job.name}: ok"; else status=$?; echo "cron job ${job.name}: FAILED with exit $status"; exit $status; fi`,
        '',
      ].join('\n');
    // Job output goes to PID 1's streams, which `docker logs` shows.
    const line = (schedule: string, command: string) =>
      runner === CronRunner.DEBIAN_CRON ? `${schedule} root ${command} >/proc/1/fd/1 2>/proc/1/fd/2` : `${schedule} ${command} >/proc/1/fd/1 2>/proc/1/fd/2`;
    const crontab = [
      `* * * * * ${runner === CronRunner.DEBIAN_CRON ? 'root ' : ''}touch ${HEARTBEAT_FILE}`,
      ...allJobs.map((j) => line(j.schedule.expression, `${JOBS_DIR}/${j.name}.sh`)),
      '',
    ].join('\n');
    const crontabPath = runner === CronRunner.DEBIAN_CRON ? '/etc/cron.d/cds-jobs' : '/etc/crontabs/root';
    const daemon = runner === CronRunner.DEBIAN_CRON ? 'exec cron -f' : 'exec crond -f -l 8 -c /etc/crontabs';
    const entrypoint = [
      '#!/bin/sh',
      'set -e',
      `mkdir -p ${ENV_FILE.replace(/\/[^/]+$/, '')}`,
      `umask 077`,
      `export -p > ${ENV_FILE}`,
      `umask 022`,
      `mkdir -p $(dirname ${crontabPath})`,
      `cp /etc/cds-cron/crontab ${crontabPath}`,
      `chmod 644 ${crontabPath}`,
      `touch ${HEARTBEAT_FILE}`,
      `date -u +%s > ${STARTED_FILE}`,
      `echo "scheduler: ${allJobs.length} job(s): ${names.join(', ') || 'none'}"`,
      daemon,
      '',
    ].join('\n');

    super(scope, id, {
      image: ContainerImage.fromRegistry(POSTGRES_DEFAULT_IMAGE),
      healthCheck: Scheduler.healthCheck(),
      cpuLimit: Cpu.cores(0.5),
      memoryLimit: Size.mebibytes(256),
      stopGracePeriod: Duration.seconds(30),
      // Cron daemons install no SIGTERM handler, and PID 1 ignores unhandled signals: an init
      // process makes stop and destroy take milliseconds instead of the whole grace period.
      init: true,
      ...serviceProps,
      // Cron switches to the job's user (root) through setgid/initgroups.
      capabilities: [...new Set([...(serviceProps.capabilities ?? []), Capability.SETGID, Capability.SETUID])],
      user: serviceProps.user ?? 'root',
      labels: {
        ...serviceProps.labels,
        // Stryker disable next-line LogicalOperator: equivalent, backupCronJob is set exactly when backup is
        ...(backup && backupCronJob
          ? {
              [SCHEDULER_BACKUP_LABELS.host]: backup.database.hostname,
              [SCHEDULER_BACKUP_LABELS.user]: backup.database.user,
              [SCHEDULER_BACKUP_LABELS.database]: backup.database.database,
              [SCHEDULER_BACKUP_LABELS.job]: `${JOBS_DIR}/${backupCronJob.name}.sh`,
            }
          : {}),
      },
      entrypoint: ['sh', ENTRYPOINT],
      command: undefined,
      secrets: { ...serviceProps.secrets, ...(backup ? { PGPASSWORD: backup.database.password } : {}) },
      files: [
        ...(serviceProps.files ?? []),
        { path: ENTRYPOINT, content: entrypoint, executable: true },
        { path: '/etc/cds-cron/crontab', content: crontab },
        { path: HEALTH_SCRIPT, content: healthScript(backup) },
        ...allJobs.map((j) => ({ path: `${JOBS_DIR}/${j.name}.sh`, content: jobScript(j), executable: true })),
      ],
      dependsOn: [...(serviceProps.dependsOn ?? []), ...(backup ? [backup.database] : [])],
    });
    this.jobs = allJobs;
    this.runner = runner;
    this.backupsVolume = backup ? (backupsVolume ?? new NamedVolume(this, 'backups')) : undefined;
    if (this.backupsVolume) this.mountVolume(this.backupsVolume, SCHEDULER_BACKUPS_PATH);
  }
}
