import { Construct } from 'constructs';
import { z } from 'zod';
import { Capability } from './capability';
import { Cpu } from './cpu';
import { CronSchedule } from './cron-schedule';
import { Duration } from './duration';
import { HealthCheck } from './health-check';
import { ContainerImage } from './image';
import { Postgres, POSTGRES_DEFAULT_IMAGE } from './postgres';
import { argv, servicePropsSchema } from './private/service-schema';
import { childPath, fix, parseProps, ValidationError, zInstance } from './private/validation';
import { KindProps, Service } from './service';
import { Size } from './size';
import { NamedVolume } from './volume';

/** Which cron daemon the image has. */
export enum CronRunner {
  /** busybox `crond` (Alpine images, e.g. postgres:*-alpine). */
  BUSYBOX_CROND = 'busybox-crond',
  /** Debian's `cron` package (Debian-based images). */
  DEBIAN_CRON = 'debian-cron',
}

/** One job. */
export interface CronJob {
  /** Name, used for the job's script and in its log lines. */
  readonly name: string;
  readonly schedule: CronSchedule;
  /** Command, as an argument array. */
  readonly command: readonly string[];
}

/** A `pg_dump` backup of a Postgres into the scheduler's backups volume. */
export interface PostgresBackupOptions {
  readonly database: Postgres;
  readonly schedule: CronSchedule;
  /** Backups kept; older ones are deleted after each successful dump. */
  readonly retention: number;
}

export interface SchedulerProps extends KindProps {
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
   * Volume for the backups.
   * @default - a NamedVolume `<prefix>-<id>-backups`
   */
  readonly backupsVolume?: NamedVolume;
}

export const SCHEDULER_BACKUPS_PATH = '/backups';
export const SCHEDULER_BACKUP_RETENTION_MAX = 365;
const HEARTBEAT_FILE = '/tmp/cron-heartbeat';
const ENV_FILE = '/run/cds-cron/env';
const JOBS_DIR = '/etc/cds-cron/jobs';
const ENTRYPOINT = '/etc/cds-cron/entrypoint.sh';
const JOB_NAME = /^[a-z][a-z0-9-]{0,39}$/;

const cronJob = z
  .object({
    name: z.string().regex(JOB_NAME, fix('not a job name', 'use lowercase letters, digits and "-"')),
    schedule: zInstance(CronSchedule, fix('not a CronSchedule', 'use CronSchedule.everyHours(n), daily({ hour }) or expression("...")')),
    command: argv,
  })
  .strict();

const propsSchema = servicePropsSchema
  .partial()
  .extend({
    jobs: z.array(cronJob).optional(),
    backup: z
      .object({
        database: z.custom<Postgres>((v) => v instanceof Postgres, fix('not a Postgres', 'pass the Postgres construct')),
        schedule: zInstance(CronSchedule, fix('not a CronSchedule', 'use CronSchedule.daily({ hour: 3 })')),
        retention: z.number().int().min(1).max(SCHEDULER_BACKUP_RETENTION_MAX),
      })
      .strict()
      .optional(),
    runner: z.enum(CronRunner, { message: fix('not a CronRunner', 'use CronRunner.BUSYBOX_CROND or DEBIAN_CRON') }).optional(),
    backupsVolume: zInstance(NamedVolume, fix('not a NamedVolume', 'create it with new NamedVolume(...)')).optional(),
  })
  .strict();

/** Quotes one argument for POSIX sh. */
function shellQuote(arg: string): string {
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

/**
 * Runs cron jobs in a container: typed schedules, a `pg_dump` backup job with retention, job
 * output in `docker logs`. Cron daemons start jobs with an empty environment, so the
 * entrypoint saves the container's environment (secrets included) at start into a root-only
 * file that every job script reads; no secret is written into the synthesized configuration.
 * Health: a heartbeat job touches a file every minute and the check requires it fresh.
 */
export class Scheduler extends Service {
  readonly jobs: readonly CronJob[];

  constructor(scope: Construct, id: string, props: SchedulerProps = {}) {
    const path = childPath(scope, id);
    const p = parseProps(path, propsSchema, props) as SchedulerProps;
    const { jobs = [], backup, runner = CronRunner.BUSYBOX_CROND, backupsVolume, ...serviceProps } = p;
    const allJobs: CronJob[] = [...jobs];
    if (backup) {
      const db = backup.database;
      const file = `${SCHEDULER_BACKUPS_PATH}/${db.database}-$(date -u +%Y%m%dT%H%M%SZ).dump`;
      allJobs.push({
        name: `backup-${db.node.id.toLowerCase()}`,
        schedule: backup.schedule,
        command: [
          'sh',
          '-c',
          `set -e; pg_dump -h ${db.hostname} -U ${db.user} -d ${db.database} -Fc -f "${file}.partial" && mv "${file}.partial" "${file}"` +
            ` && ls -1t ${SCHEDULER_BACKUPS_PATH}/${db.database}-*.dump | tail -n +${backup.retention + 1} | xargs -r rm -f`,
        ],
      });
    }
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
      `echo "scheduler: ${allJobs.length} job(s): ${names.join(', ') || 'none'}"`,
      daemon,
      '',
    ].join('\n');

    super(scope, id, {
      image: ContainerImage.fromRegistry(POSTGRES_DEFAULT_IMAGE),
      healthCheck: HealthCheck.shell(`test -n "$(find ${HEARTBEAT_FILE} -mmin -3 2>/dev/null)"`, ['find'], {
        interval: Duration.seconds(30),
        timeout: Duration.seconds(5),
        retries: 3,
        startPeriod: Duration.seconds(10),
      }),
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
      entrypoint: ['sh', ENTRYPOINT],
      command: undefined,
      secrets: { ...serviceProps.secrets, ...(backup ? { PGPASSWORD: backup.database.password } : {}) },
      files: [
        ...(serviceProps.files ?? []),
        { path: ENTRYPOINT, content: entrypoint, executable: true },
        { path: '/etc/cds-cron/crontab', content: crontab },
        ...allJobs.map((j) => ({ path: `${JOBS_DIR}/${j.name}.sh`, content: jobScript(j), executable: true })),
      ],
      dependsOn: [...(serviceProps.dependsOn ?? []), ...(backup ? [backup.database] : [])],
    });
    this.jobs = allJobs;
    if (backup) this.mountVolume(backupsVolume ?? new NamedVolume(this, 'backups'), SCHEDULER_BACKUPS_PATH);
  }
}
