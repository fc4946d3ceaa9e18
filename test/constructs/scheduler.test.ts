import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Testing } from 'cdktf';
import { Capability, ContainerImage, Cpu, DockerStack, Duration, NamedVolume, Postgres, Secret, Size } from '../../constructs';
import { CronSchedule } from '../../constructs/cron-schedule';
import {
  CronJob,
  CronRunner,
  Scheduler,
  SCHEDULER_BACKUP_LABELS,
  SCHEDULER_BACKUPS_PATH,
  SCHEDULER_HEALTH_SCRIPT,
  SCHEDULER_HEARTBEAT_FILE,
  SCHEDULER_STARTED_FILE,
  SchedulerProps,
} from '../../constructs/scheduler';
import { SCHEDULER_BACKUP_MAX_AGE_MIN_MILLIS, SCHEDULER_BACKUP_RETENTION_MAX, SCHEDULER_BACKUP_RETENTION_MIN } from '../../constructs/limits';
import { container, containerAddress, SynthesizedContainer, SynthesizedStack, validationMessages } from '../support/synth';
import { errorOf } from '../support/validation-error';

const ENV_FILE = '/run/cds-cron/env';
const ENTRYPOINT = '/etc/cds-cron/entrypoint.sh';
const CRONTAB = '/etc/cds-cron/crontab';
const HEALTH_LINE = 'sh /etc/cds-cron/health.sh';

function newStack(): DockerStack {
  return new DockerStack(Testing.app(), 'test');
}

function synth(stack: DockerStack): SynthesizedStack {
  return JSON.parse(Testing.synth(stack, true)) as SynthesizedStack;
}

/** Uploaded files by path. */
function uploads(c: SynthesizedContainer): Record<string, { content: string; executable: boolean }> {
  return Object.fromEntries((c.upload as { file: string; content: string; executable: boolean }[]).map((u) => [u.file, { content: u.content, executable: u.executable }]));
}

function file(c: SynthesizedContainer, filePath: string): string {
  const found = uploads(c)[filePath];
  if (!found) throw new Error(`no upload ${filePath}; have ${Object.keys(uploads(c)).join(', ')}`);
  return found.content;
}

/** A stack with a Postgres `db` (password from a variable) and a Scheduler `cron`. */
function synthScheduler(props: (db: Postgres) => SchedulerProps = () => ({})) {
  const stack = newStack();
  const db = new Postgres(stack, 'db', { password: Secret.fromVariable('db_password') });
  const scheduler = new Scheduler(stack, 'cron', props(db));
  const json = synth(stack);
  return { scheduler, db, json, c: container(json, 'test-cron') };
}

const build = (props: Record<string, unknown>) => () => new Scheduler(newStack(), 'cron', props);
const job = (name: string, command: readonly string[] = ['true'], schedule = CronSchedule.everyHours(1)): CronJob => ({ name, schedule, command });

describe('Scheduler', () => {
  describe('defaults', () => {
    test('given no props, when synthesized, then busybox crond runs in the foreground under an init process, as root', () => {
      const { c } = synthScheduler();
      expect(c.entrypoint).toEqual(['sh', ENTRYPOINT]);
      expect(c.command).toBeUndefined();
      expect(c).toMatchObject({ init: true, user: 'root' });
      expect(file(c, ENTRYPOINT)).toContain('\nexec crond -f -l 8 -c /etc/crontabs\n');
      expect(uploads(c)[ENTRYPOINT].executable).toBe(true);
    });

    test('given no props, when synthesized, then only SETUID and SETGID are added back, with no new privileges', () => {
      const { c } = synthScheduler();
      expect(c.capabilities).toEqual({ drop: ['ALL'], add: ['CAP_SETGID', 'CAP_SETUID'] });
      expect(c.security_opts).toEqual(['no-new-privileges:true']);
    });

    test('given no props, when synthesized, then it gets 256 MiB, half a core and 30 s to stop', () => {
      const { c } = synthScheduler();
      expect(c).toMatchObject({ memory: 256, memory_swap: 256, cpus: '0.5', stop_timeout: 30, destroy_grace_seconds: 30 });
    });

    test('given no props, when synthesized, then the image is postgres:17-alpine (pg_dump and busybox crond)', () => {
      const { json } = synthScheduler();
      expect((Object.values(json.resource.docker_image ?? {}) as { name: string }[]).map((i) => i.name)).toEqual(['postgres:17-alpine']);
    });

    test('given no props, when synthesized, then the health check runs the uploaded health script every 30 s', () => {
      const { c } = synthScheduler();
      expect(c.healthcheck).toEqual({ test: ['CMD-SHELL', HEALTH_LINE], interval: '30s', timeout: '5s', retries: 3, start_period: '10s', start_interval: '1s' });
      expect(file(c, SCHEDULER_HEALTH_SCRIPT)).toBe([
        '#!/bin/sh',
        'if [ -z "$(find /tmp/cron-heartbeat -mmin -3 2>/dev/null)" ]; then echo "cron has not run the heartbeat job for 3 minutes"; exit 1; fi',
        'echo "cron runs jobs"',
        '',
      ].join('\n'));
    });

    test('given no jobs, when synthesized, then the entrypoint says it runs none', () => {
      const { c } = synthScheduler();
      expect(file(c, ENTRYPOINT).split('\n')).toContain('echo "scheduler: 0 job(s): none"');
    });

    test('given Scheduler.healthCheck with other timing, when synthesized, then the same script runs on that timing', () => {
      const { c } = synthScheduler(() => ({ healthCheck: Scheduler.healthCheck({ interval: Duration.seconds(2), retries: 1 }) }));
      expect(c.healthcheck).toEqual({ test: ['CMD-SHELL', HEALTH_LINE], interval: '2s', timeout: '5s', retries: 1, start_period: '10s', start_interval: '1s' });
    });

    test('given the default health check, then it declares every tool its script calls, so the missing-tool rule sees them', () => {
      expect(Scheduler.healthCheck().tools).toEqual(['sh', 'find', 'date', 'cat']);
    });

    test('given no jobs, when synthesized, then the crontab holds only the heartbeat, and there is no env, volume or dependency', () => {
      const { scheduler, c } = synthScheduler();
      expect(file(c, CRONTAB)).toBe(`* * * * * touch ${SCHEDULER_HEARTBEAT_FILE}\n`);
      expect(scheduler.jobs).toEqual([]);
      expect(scheduler.runner).toBe(CronRunner.BUSYBOX_CROND);
      expect(scheduler.backupsVolume).toBeUndefined();
      expect(c.env).toBeUndefined();
      expect(c.mounts).toBeUndefined();
      expect(c.depends_on).toBeUndefined();
    });

    test('given the default image, when the stack is validated, then no rule complains', () => {
      const stack = newStack();
      new Scheduler(stack, 'cron', { jobs: [job('ping')] });
      expect(validationMessages(stack)).toEqual([]);
    });
  });

  describe('entrypoint', () => {
    test('given a container start, then the environment is saved to a root-only file before cron starts', () => {
      const { c } = synthScheduler();
      const lines = file(c, ENTRYPOINT).split('\n');
      expect(lines).toContain(`date -u +%s > ${SCHEDULER_STARTED_FILE}`);
      expect(lines.slice(0, 6)).toEqual(['#!/bin/sh', 'set -e', 'mkdir -p /run/cds-cron', 'umask 077', `export -p > ${ENV_FILE}`, 'umask 022']);
      expect(lines.indexOf(`export -p > ${ENV_FILE}`)).toBeLessThan(lines.findIndex((l) => l.startsWith('exec ')));
    });

    test('given busybox, when synthesized, then the crontab is installed as root\'s crontab', () => {
      const { c } = synthScheduler();
      expect(file(c, ENTRYPOINT)).toContain('cp /etc/cds-cron/crontab /etc/crontabs/root\nchmod 644 /etc/crontabs/root\n');
    });

    test('given Debian cron, when synthesized, then the crontab goes to /etc/cron.d under a name cron reads, and cron -f runs', () => {
      const { scheduler, c } = synthScheduler(() => ({ runner: CronRunner.DEBIAN_CRON }));
      const entrypoint = file(c, ENTRYPOINT);
      expect(entrypoint).toContain('cp /etc/cds-cron/crontab /etc/cron.d/cds-jobs\nchmod 644 /etc/cron.d/cds-jobs\n');
      expect(entrypoint).toContain('\nexec cron -f\n');
      expect(scheduler.runner).toBe(CronRunner.DEBIAN_CRON);
    });

    test('given jobs, when synthesized, then the entrypoint announces them in docker logs', () => {
      const { c } = synthScheduler((db) => ({ jobs: [job('scrape')], backup: { database: db, schedule: CronSchedule.daily({ hour: 3 }), retention: 7 } }));
      expect(file(c, ENTRYPOINT)).toContain('echo "scheduler: 2 job(s): scrape, backup-db"');
    });
  });

  describe('jobs', () => {
    test('given jobs, when synthesized, then busybox crontab lines run each job script with output to PID 1 (docker logs)', () => {
      const { scheduler, c } = synthScheduler(() => ({ jobs: [job('scrape', ['echo', 'go'], CronSchedule.everyHours(3)), job('tick', ['true'], CronSchedule.everyMinutes(5))] }));
      expect(file(c, CRONTAB)).toBe(
        [
          '* * * * * touch /tmp/cron-heartbeat',
          '0 */3 * * * /etc/cds-cron/jobs/scrape.sh >/proc/1/fd/1 2>/proc/1/fd/2',
          '*/5 * * * * /etc/cds-cron/jobs/tick.sh >/proc/1/fd/1 2>/proc/1/fd/2',
          '',
        ].join('\n'),
      );
      expect(scheduler.jobs.map((j) => j.name)).toEqual(['scrape', 'tick']);
    });

    test('given Debian cron, when synthesized, then every crontab line has the user field and the file ends with a newline', () => {
      const { c } = synthScheduler(() => ({ runner: CronRunner.DEBIAN_CRON, jobs: [job('scrape', ['true'], CronSchedule.expression('0 */3 * * *'))] }));
      const crontab = file(c, CRONTAB);
      expect(crontab).toBe(['* * * * * root touch /tmp/cron-heartbeat', '0 */3 * * * root /etc/cds-cron/jobs/scrape.sh >/proc/1/fd/1 2>/proc/1/fd/2', ''].join('\n'));
    });

    test('given a job, when synthesized, then its script loads the saved environment and quotes every argument', () => {
      const { c } = synthScheduler(() => ({ jobs: [job('quote', ['echo', "it's", '$HOME', 'a b'])] }));
      const script = file(c, '/etc/cds-cron/jobs/quote.sh');
      expect(script.split('\n').slice(0, 4)).toEqual(['#!/bin/sh', '# quote: 0 * * * *', `. ${ENV_FILE}`, 'echo "cron job quote: start"']);
      expect(script).toContain(`if 'echo' 'it'\\''s' '$HOME' 'a b'; then`);
      expect(uploads(c)['/etc/cds-cron/jobs/quote.sh'].executable).toBe(true);
    });

    test.each(['a', 'auto-scrape', 'a'.repeat(40)])('given the job name %p, when synthesized, then it is accepted', (name) => {
      expect(() => synthScheduler(() => ({ jobs: [job(name)] }))).not.toThrow();
    });

    test.each(['', 'Backup', '1st', 'auto_scrape', 'a b', 'a'.repeat(41)])('fails when a job is named %p', (name) => {
      const error = errorOf(build({ jobs: [job(name)] }));
      expect(error.problems[0]).toMatchObject({ path: 'test/cron', field: 'jobs.0.name', value: name, message: 'not a job name' });
    });

    test('fails when two jobs share a name', () => {
      const error = errorOf(build({ jobs: [job('same'), job('same')] }));
      expect(error.message).toContain('test/cron: jobs = "same": two jobs share this name. Fix: give each job its own name');
    });

    test('fails when a job has an empty command', () => {
      expect(build({ jobs: [job('empty', [])] })).toThrow(/test\/cron: jobs\.0\.command = \[\]: an empty argument list/);
    });

    test('fails when a schedule is a cron string instead of a CronSchedule', () => {
      const error = errorOf(build({ jobs: [{ name: 'raw', schedule: '0 * * * *', command: ['true'] }] }));
      expect(error.problems[0]).toMatchObject({ path: 'test/cron', field: 'jobs.0.schedule', message: 'not a CronSchedule' });
    });
  });

  describe('backup', () => {
    const daily = CronSchedule.daily({ hour: 3 });

    test('given a backup, when synthesized, then a pg_dump job in custom format runs on its schedule', () => {
      const { scheduler, c } = synthScheduler((db) => ({ backup: { database: db, schedule: daily, retention: 7 } }));
      expect(file(c, CRONTAB)).toContain('\n0 3 * * * /etc/cds-cron/jobs/backup-db.sh >/proc/1/fd/1 2>/proc/1/fd/2\n');
      const script = file(c, '/etc/cds-cron/jobs/backup-db.sh');
      expect(script).toContain('pg_dump -h db -U app -d app -Fc -f "$f.partial"');
      expect(script).toContain('tail -n +8');
      expect(scheduler.jobs.map((j) => j.name)).toEqual(['backup-db']);
    });

    test('given a database whose id makes a job name over 40 characters, when synthesized, then the backup job name is cut to 40', () => {
      const stack = newStack();
      const db = new Postgres(stack, 'orders-primary-database-eu-west-1-blue', { password: Secret.fromVariable('db_password') });
      const scheduler = new Scheduler(stack, 'cron', { backup: { database: db, schedule: daily, retention: 7 } });
      expect(scheduler.jobs.map((j) => j.name)).toEqual(['backup-orders-primary-database-eu-west-1']);
    });

    test('given a backup, when synthesized, then labels name the database it dumps (the restore command finds it by them)', () => {
      const stack = newStack();
      const db = new Postgres(stack, 'Main_DB', { database: 'ocft_tracker', user: 'ocft_user' });
      new Scheduler(stack, 'cron', { backup: { database: db, schedule: daily, retention: 3 }, labels: { 'com.example.team': 'data' } });
      const labels = Object.fromEntries((container(synth(stack), 'test-cron').labels as { label: string; value: string }[]).map((l) => [l.label, l.value]));
      expect(labels).toMatchObject({
        'com.example.team': 'data',
        [SCHEDULER_BACKUP_LABELS.host]: 'main_db',
        [SCHEDULER_BACKUP_LABELS.user]: 'ocft_user',
        [SCHEDULER_BACKUP_LABELS.database]: 'ocft_tracker',
        [SCHEDULER_BACKUP_LABELS.job]: '/etc/cds-cron/jobs/backup-main-db.sh',
      });
    });

    test('given no backup, when synthesized, then no backup label is set', () => {
      const { c } = synthScheduler();
      expect((c.labels as { label: string }[]).map((l) => l.label).filter((l) => l.includes('.backup.'))).toEqual([]);
    });

    test('given a backup, when synthesized, then PGPASSWORD is a sensitive env value and no file holds the password', () => {
      const { c } = synthScheduler((db) => ({ backup: { database: db, schedule: daily, retention: 7 } }));
      expect(c.env).toEqual(['PGPASSWORD=${var.db_password}']);
      expect(JSON.stringify(c.upload)).not.toContain('db_password');
    });

    test('given a backup, when synthesized, then the backups volume is mounted at /backups and the scheduler waits for the database', () => {
      const { scheduler, json, c } = synthScheduler((db) => ({ backup: { database: db, schedule: daily, retention: 7 } }));
      expect(c.mounts).toEqual([{ type: 'volume', source: 'test-cron-backups', target: SCHEDULER_BACKUPS_PATH, read_only: false }]);
      expect(scheduler.backupsVolume?.volumeName).toBe('test-cron-backups');
      expect(c.depends_on).toEqual([containerAddress(json, 'test-db')]);
    });

    test('given a backup and other dependencies, when synthesized, then the scheduler waits for all of them', () => {
      const stack = newStack();
      const db = new Postgres(stack, 'db');
      const other = new Postgres(stack, 'other');
      new Scheduler(stack, 'cron', { backup: { database: db, schedule: daily, retention: 7 }, dependsOn: [other] });
      const json = synth(stack);
      expect(container(json, 'test-cron').depends_on).toEqual([containerAddress(json, 'test-other'), containerAddress(json, 'test-db')]);
    });

    test("given a database with its own name, user and id, when synthesized, then the dump uses them and the job is named after the id", () => {
      const stack = newStack();
      const db = new Postgres(stack, 'Main_DB', { database: 'ocft_tracker', user: 'ocft_user', password: Secret.fromVariable('main_db_password') });
      const scheduler = new Scheduler(stack, 'cron', { backup: { database: db, schedule: daily, retention: 3 } });
      const script = file(container(synth(stack), 'test-cron'), '/etc/cds-cron/jobs/backup-main-db.sh');
      expect(script).toContain('pg_dump -h main_db -U ocft_user -d ocft_tracker -Fc');
      expect(script).toContain('ls -1 /backups/ocft_tracker-*.dump | sort -r | tail -n +4');
      expect(scheduler.jobs[0].name).toBe('backup-main-db');
    });

    test('given a backups volume, when synthesized, then it is mounted at /backups', () => {
      const stack = newStack();
      const db = new Postgres(stack, 'db');
      const volume = new NamedVolume(stack, 'kept', { volumeName: 'db-backups-kept' });
      new Scheduler(stack, 'cron', { backup: { database: db, schedule: daily, retention: 7 }, backupsVolume: volume });
      expect(container(synth(stack), 'test-cron').mounts).toEqual([{ type: 'volume', source: 'db-backups-kept', target: '/backups', read_only: false }]);
    });

    test.each([SCHEDULER_BACKUP_RETENTION_MIN, SCHEDULER_BACKUP_RETENTION_MAX])('given retention %d (a bound), when synthesized, then all but the newest %d dumps are deleted', (retention) => {
      const { c } = synthScheduler((db) => ({ backup: { database: db, schedule: daily, retention } }));
      expect(file(c, '/etc/cds-cron/jobs/backup-db.sh')).toContain(`tail -n +${retention + 1} | xargs -r rm -f`);
    });

    test.each([
      [SCHEDULER_BACKUP_RETENTION_MIN - 1, 'retention below 1'],
      [SCHEDULER_BACKUP_RETENTION_MAX + 1, 'retention above 365'],
      [2.5, 'retention must be whole'],
    ])('fails when retention is %p', (retention, message) => {
      const stack = newStack();
      const db = new Postgres(stack, 'db');
      const error = errorOf(() => new Scheduler(stack, 'cron', { backup: { database: db, schedule: daily, retention } }));
      expect(error.problems).toHaveLength(1);
      expect(error.problems[0]).toMatchObject({ path: 'test/cron', field: 'backup.retention', value: retention, message, fix: 'keep from 1 to 365 backups' });
    });

    test('given maxAge at its minimum, when synthesized, then the health script holds it in seconds', () => {
      const { c } = synthScheduler((db) => ({ backup: { database: db, schedule: daily, retention: 7, maxAge: Duration.millis(SCHEDULER_BACKUP_MAX_AGE_MIN_MILLIS) } }));
      expect(file(c, SCHEDULER_HEALTH_SCRIPT)).toContain(`limit=${SCHEDULER_BACKUP_MAX_AGE_MIN_MILLIS / 1000}\n`);
    });

    test('fails when maxAge is one step below its minimum', () => {
      const stack = newStack();
      const db = new Postgres(stack, 'db');
      const maxAge = Duration.millis(SCHEDULER_BACKUP_MAX_AGE_MIN_MILLIS - 1);
      const error = errorOf(() => new Scheduler(stack, 'cron', { backup: { database: db, schedule: daily, retention: 7, maxAge } }));
      expect(error.problems).toHaveLength(1);
      expect(error.problems[0]).toMatchObject({ path: 'test/cron', field: 'backup.maxAge', message: 'maxAge below 1 min', fix: 'give at least Duration.minutes(1), longer than the time between two backups' });
    });

    test('fails when maxAge is not a Duration', () => {
      const db = new Postgres(newStack(), 'db');
      const error = errorOf(build({ backup: { database: db, schedule: daily, retention: 7, maxAge: '26h' } }));
      expect(error.problems[0]).toMatchObject({ path: 'test/cron', field: 'backup.maxAge', message: 'not a Duration' });
    });

    test('fails when the database is not a Postgres construct', () => {
      const error = errorOf(build({ backup: { database: 'postgresql://db/app', schedule: daily, retention: 7 } }));
      expect(error.problems[0]).toMatchObject({ path: 'test/cron', field: 'backup.database', message: 'not a Postgres' });
    });

    test('fails when a job has the name the backup job takes', () => {
      const stack = newStack();
      const db = new Postgres(stack, 'db');
      const error = errorOf(() => new Scheduler(stack, 'cron', { jobs: [job('backup-db')], backup: { database: db, schedule: daily, retention: 7 } }));
      expect(error.problems[0]).toMatchObject({ path: 'test/cron', field: 'jobs', value: 'backup-db' });
    });

    test('fails when PGPASSWORD is also given as a secret', () => {
      const stack = newStack();
      const db = new Postgres(stack, 'db');
      const error = errorOf(() => new Scheduler(stack, 'cron', { backup: { database: db, schedule: daily, retention: 7 }, secrets: { PGPASSWORD: db.password } }));
      expect(error.problems[0]).toMatchObject({ path: 'test/cron', field: 'secrets.PGPASSWORD' });
    });

    test('fails when a backups volume is given without a backup', () => {
      const stack = newStack();
      const volume = new NamedVolume(stack, 'kept');
      const error = errorOf(() => new Scheduler(stack, 'cron', { backupsVolume: volume }));
      expect(error.problems[0]).toMatchObject({ path: 'test/cron', field: 'backupsVolume', message: 'a backups volume without backup' });
    });
  });

  // Each refused prop as the whole problem it gives (message and fix included). The props are built
  // in the test, not when the file loads, so that only these tests reach the schema's texts.
  describe('refused props, each one whole problem', () => {
    const daily = () => CronSchedule.daily({ hour: 3 });
    const cases: [string, (stack: DockerStack) => Record<string, unknown>, Record<string, unknown>][] = [
      ['a bad job name', () => ({ jobs: [job('Bad')] }), { field: 'jobs.0.name', value: 'Bad', message: 'not a job name', fix: 'use up to 40 lowercase letters, digits and "-", starting with a letter' }],
      ['a job schedule as a string', () => ({ jobs: [{ name: 'raw', schedule: '0 * * * *', command: ['true'] }] }), { field: 'jobs.0.schedule', value: '0 * * * *', message: 'not a CronSchedule', fix: 'use CronSchedule.everyHours(n), daily({ hour }) or expression("...")' }],
      ['a command', () => ({ command: ['crond'] }), { field: 'command', value: ['crond'], message: 'the scheduler generates its own command', fix: 'put the work in jobs' }],
      ['an entrypoint', () => ({ entrypoint: ['/bin/sh'] }), { field: 'entrypoint', value: ['/bin/sh'], message: 'the scheduler generates its own entrypoint', fix: 'put the work in jobs' }],
      ['a non-root user', () => ({ user: 'postgres' }), { field: 'user', value: 'postgres', message: 'cron daemons run as root and switch to the job user', fix: 'leave user out (only capabilities SETUID and SETGID are added back)' }],
      ['two replicas', () => ({ replicas: 2 }), { field: 'replicas', value: 2, message: 'each replica would run every job', fix: 'run one scheduler (replicas: 1)' }],
      ['a backup database that is a URL', () => ({ backup: { database: 'postgresql://db/app', schedule: daily(), retention: 7 } }), { field: 'backup.database', value: 'postgresql://db/app', message: 'not a Postgres', fix: 'pass the Postgres construct' }],
      ['a backup schedule as a string', (stack) => ({ backup: { database: new Postgres(stack, 'db'), schedule: '0 3 * * *', retention: 7 } }), { field: 'backup.schedule', value: '0 3 * * *', message: 'not a CronSchedule', fix: 'use CronSchedule.daily({ hour: 3 })' }],
      ['a retention as a string', (stack) => ({ backup: { database: new Postgres(stack, 'db'), schedule: daily(), retention: 'seven' } }), { field: 'backup.retention', value: 'seven', message: 'not a number', fix: `keep from ${SCHEDULER_BACKUP_RETENTION_MIN} to ${SCHEDULER_BACKUP_RETENTION_MAX} backups` }],
      ['a maxAge as a string', (stack) => ({ backup: { database: new Postgres(stack, 'db'), schedule: daily(), retention: 7, maxAge: '26h' } }), { field: 'backup.maxAge', value: '26h', message: 'not a Duration', fix: 'use Duration.hours(26) for a daily backup' }],
      ['an unknown runner', () => ({ runner: 'systemd' }), { field: 'runner', value: 'systemd', message: 'not a CronRunner', fix: 'use CronRunner.BUSYBOX_CROND or DEBIAN_CRON' }],
      ['a backups volume that is a name', () => ({ backupsVolume: 'kept' }), { field: 'backupsVolume', value: 'kept', message: 'not a NamedVolume', fix: 'create it with new NamedVolume(...)' }],
      ['a backups volume without a backup', (stack) => ({ backupsVolume: new NamedVolume(stack, 'kept') }), { field: 'backupsVolume', message: 'a backups volume without backup', fix: 'give backup, or leave backupsVolume out' }],
      ['PGPASSWORD in the environment beside a backup', (stack) => ({ backup: { database: new Postgres(stack, 'db'), schedule: daily(), retention: 7 }, environment: { PGPASSWORD: 'x' } }), { field: 'environment.PGPASSWORD', value: 'x', message: "the backup sets PGPASSWORD from the database's password", fix: 'leave PGPASSWORD out of environment' }],
      ['two jobs of one name', () => ({ jobs: [job('same'), job('same')] }), { field: 'jobs', value: 'same', message: 'two jobs share this name', fix: 'give each job its own name' }],
    ];

    test.each(cases)('fails on %s, with the field, the value, the message and the fix', (_what, props, problem) => {
      const stack = newStack();
      const error = errorOf(() => new Scheduler(stack, 'cron', props(stack)));
      expect(error.problems).toHaveLength(1);
      expect(error.problems[0]).toMatchObject({ ruleId: 'props', path: 'test/cron', ...problem });
      expect(Object.keys(error.problems[0]).sort()).toEqual(['field', 'fix', 'message', 'path', 'ruleId', 'value']);
    });

    test('given PGPASSWORD in the environment without a backup, when synthesized, then it is accepted', () => {
      const { c } = synthScheduler(() => ({ environment: { PGPASSWORD: 'x' } }));
      expect(c.env).toEqual(['PGPASSWORD=x']);
    });
  });

  describe('props the scheduler owns', () => {
    test.each([
      ['command', ['crond', '-f']],
      ['entrypoint', ['/bin/sh']],
    ])('fails when %s is given: the scheduler generates it', (field, value) => {
      const error = errorOf(build({ [field]: value }));
      expect(error.problems[0]).toMatchObject({ path: 'test/cron', field });
      expect(error.message).toContain('Fix: put the work in jobs');
    });

    test('fails when it would run as a non-root user: cron must switch users', () => {
      const error = errorOf(build({ user: 'postgres' }));
      expect(error.problems[0]).toMatchObject({ path: 'test/cron', field: 'user', value: 'postgres' });
    });

    test.each(['root', '0', '0:0', 'root:root'])('given user %p, when synthesized, then it is accepted', (user) => {
      expect(container(synthScheduler(() => ({ user })).json, 'test-cron').user).toBe(user);
    });

    test('given replicas 1, when synthesized, then one container runs', () => {
      expect(() => synthScheduler(() => ({ replicas: 1 }))).not.toThrow();
    });

    test('fails when replicas is 2: every replica would run every job', () => {
      const error = errorOf(build({ replicas: 2 }));
      expect(error.problems[0]).toMatchObject({ path: 'test/cron', field: 'replicas', value: 2, message: 'each replica would run every job' });
    });

    test('given Service props, when synthesized, then they override the kind defaults and the required capabilities stay', () => {
      const { c } = synthScheduler(() => ({
        image: ContainerImage.fromRegistry('cds-local/postgres:15'),
        runner: CronRunner.DEBIAN_CRON,
        cpuLimit: Cpu.cores(0.25),
        memoryLimit: Size.mebibytes(128),
        capabilities: [Capability.CHOWN],
        environment: { TZ: 'Europe/Paris' },
      }));
      expect(c).toMatchObject({ cpus: '0.25', memory: 128, env: ['TZ=Europe/Paris'] });
      expect(c.capabilities).toEqual({ drop: ['ALL'], add: ['CAP_CHOWN', 'CAP_SETGID', 'CAP_SETUID'] });
    });

    test('fails when a prop is unknown, and nothing is left in the tree', () => {
      const stack = newStack();
      const error = errorOf(() => new Scheduler(stack, 'cron', { crontab: '* * * * * true' } as unknown as SchedulerProps));
      expect(error.problems[0]).toMatchObject({ path: 'test/cron', field: '(props)' });
      expect(stack.node.tryFindChild('cron')).toBeUndefined();
    });

    test('fails when the runner is not a CronRunner', () => {
      const error = errorOf(build({ runner: 'systemd' }));
      expect(error.problems[0]).toMatchObject({ path: 'test/cron', field: 'runner', value: 'systemd', message: 'not a CronRunner' });
    });
  });

  // The generated scripts, run with the machine's /bin/sh (dash on Debian, like the Debian
  // runner's image) with an empty environment, as cron starts jobs.
  describe('generated scripts, run with /bin/sh', () => {
    let dir: string;
    beforeEach(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cds-cron-'));
    });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    /** Saves `env` as the entrypoint does (`export -p`, umask 077) and returns the file. */
    function saveEnvironment(env: Record<string, string>): string {
      const envFile = path.join(dir, 'env');
      const result = spawnSync('/bin/sh', ['-c', `umask 077; export -p > '${envFile}'`], { env: { PATH: `${path.join(dir, 'bin')}:${process.env.PATH}`, ...env } });
      expect(result.status).toBe(0);
      return envFile;
    }

    /** Writes a job script with the saved environment and backups directory moved into `dir`, then runs it with no environment. */
    function runJob(c: SynthesizedContainer, name: string, envFile: string) {
      const script = file(c, `/etc/cds-cron/jobs/${name}.sh`).split(ENV_FILE).join(envFile).split(`${SCHEDULER_BACKUPS_PATH}/`).join(`${path.join(dir, 'backups')}/`);
      const scriptFile = path.join(dir, `${name}.sh`);
      fs.writeFileSync(scriptFile, script, { mode: 0o755 });
      const result = spawnSync('/bin/sh', [scriptFile], { env: {}, encoding: 'utf8' });
      return { status: result.status, output: `${result.stdout}${result.stderr}` };
    }

    /** A fake pg_dump on the saved PATH: records its arguments and PGPASSWORD in the `-f` file. */
    function fakePgDump(body = ''): void {
      fs.mkdirSync(path.join(dir, 'bin'));
      const script = ['#!/bin/sh', body, 'out=""; prev=""; for a in "$@"; do [ "$prev" = "-f" ] && out="$a"; prev="$a"; done', 'echo "args: $* password: $PGPASSWORD" > "$out"', ''].join('\n');
      fs.writeFileSync(path.join(dir, 'bin', 'pg_dump'), script, { mode: 0o755 });
    }

    /** The dump files in the backups directory (not the status files beside them). */
    function dumps(): string[] {
      return fs
        .readdirSync(path.join(dir, 'backups'))
        .filter((f) => !/\.last-(good|failed)$/.test(f))
        .sort();
    }

    function backupFile(name: string): string {
      return path.join(dir, 'backups', name);
    }

    /** The health script with its paths moved into `dir`, run with /bin/sh; `startedAgoS` seconds since the container started. */
    function runHealth(c: SynthesizedContainer, startedAgoS = 600) {
      fs.writeFileSync(path.join(dir, 'started'), `${Math.floor(Date.now() / 1000) - startedAgoS}\n`);
      const script = file(c, SCHEDULER_HEALTH_SCRIPT)
        .split(SCHEDULER_HEARTBEAT_FILE)
        .join(path.join(dir, 'heartbeat'))
        .split(SCHEDULER_STARTED_FILE)
        .join(path.join(dir, 'started'))
        .split(`${SCHEDULER_BACKUPS_PATH}/`)
        .join(`${path.join(dir, 'backups')}/`);
      const scriptFile = path.join(dir, 'health.sh');
      fs.writeFileSync(scriptFile, script);
      const result = spawnSync('/bin/sh', [scriptFile], { encoding: 'utf8' });
      return { status: result.status, output: `${result.stdout}${result.stderr}` };
    }

    function heartbeat(ageMs = 0): void {
      const beat = path.join(dir, 'heartbeat');
      fs.writeFileSync(beat, '');
      const when = new Date(Date.now() - ageMs);
      fs.utimesSync(beat, when, when);
    }

    test('given a job, when cron starts it with an empty environment, then the saved environment (secrets included) reaches it', () => {
      const { c } = synthScheduler(() => ({ jobs: [job('show', ['sh', '-c', 'echo "password=$PGPASSWORD"'])] }));
      const envFile = saveEnvironment({ PGPASSWORD: "s3cr3t 'quoted' $x" });
      expect(fs.statSync(envFile).mode & 0o777).toBe(0o600);
      const { status, output } = runJob(c, 'show', envFile);
      expect(status).toBe(0);
      expect(output).toBe("cron job show: start\npassword=s3cr3t 'quoted' $x\ncron job show: ok\n");
    });

    test('given a failing job, when it runs, then the log says FAILED with its exit status and the script exits with it', () => {
      const { c } = synthScheduler(() => ({ jobs: [job('broken', ['sh', '-c', 'echo oops >&2; exit 3'])] }));
      const { status, output } = runJob(c, 'broken', saveEnvironment({}));
      expect(status).toBe(3);
      expect(output).toContain('cron job broken: FAILED with exit 3');
      expect(output).toContain('oops');
    });

    test('given 9 older dumps and retention 7, when the backup runs, then the new dump is complete and only the newest 7 are kept', () => {
      const { c } = synthScheduler((db) => ({ backup: { database: db, schedule: CronSchedule.daily({ hour: 3 }), retention: 7 } }));
      fakePgDump();
      fs.mkdirSync(path.join(dir, 'backups'));
      for (let i = 1; i <= 9; i++) {
        const old = path.join(dir, 'backups', `app-2020010${i}T030000Z.dump`);
        fs.writeFileSync(old, 'old');
        const when = new Date(Date.UTC(2020, 0, i, 3));
        fs.utimesSync(old, when, when);
      }
      fs.writeFileSync(path.join(dir, 'backups', 'other-20200101T030000Z.dump'), 'another database');
      const { status, output } = runJob(c, 'backup-db', saveEnvironment({ PGPASSWORD: 'from-the-secret' }));
      expect(output).toContain('cron job backup-db: ok');
      expect(status).toBe(0);
      const kept = dumps();
      const fresh = kept.filter((f) => !f.startsWith('app-2020') && f.startsWith('app-'));
      expect(fresh).toHaveLength(1);
      expect(fresh[0]).toMatch(/^app-\d{8}T\d{6}Z\.dump$/);
      expect(fs.readFileSync(path.join(dir, 'backups', fresh[0]), 'utf8')).toContain('args: -h db -U app -d app -Fc -f');
      expect(fs.readFileSync(path.join(dir, 'backups', fresh[0]), 'utf8')).toContain('password: from-the-secret');
      expect(kept.filter((f) => f.startsWith('app-2020'))).toEqual(['app-20200104T030000Z.dump', 'app-20200105T030000Z.dump', 'app-20200106T030000Z.dump', 'app-20200107T030000Z.dump', 'app-20200108T030000Z.dump', 'app-20200109T030000Z.dump']);
      expect(kept).toContain('other-20200101T030000Z.dump');
      expect(kept.some((f) => f.endsWith('.partial'))).toBe(false);
    });

    test('given the password as a secret file (PGPASSWORD_FILE, as on a Swarm target), when the backup runs, then pg_dump gets its content as PGPASSWORD', () => {
      const { c } = synthScheduler((db) => ({ backup: { database: db, schedule: CronSchedule.daily({ hour: 3 }), retention: 7 } }));
      fakePgDump();
      fs.mkdirSync(path.join(dir, 'backups'));
      const secretFile = path.join(dir, 'PGPASSWORD');
      fs.writeFileSync(secretFile, 'from-the-file');
      const { status, output } = runJob(c, 'backup-db', saveEnvironment({ PGPASSWORD_FILE: secretFile }));
      expect(output).toContain('cron job backup-db: ok');
      expect(status).toBe(0);
      const [dump] = dumps();
      expect(fs.readFileSync(path.join(dir, 'backups', dump), 'utf8')).toContain('password: from-the-file');
    });

    test('given PGPASSWORD_FILE naming a file that is not there, when the backup runs, then it fails and the failure is recorded', () => {
      const { c } = synthScheduler((db) => ({ backup: { database: db, schedule: CronSchedule.daily({ hour: 3 }), retention: 7 } }));
      fakePgDump();
      fs.mkdirSync(path.join(dir, 'backups'));
      const { status, output } = runJob(c, 'backup-db', saveEnvironment({ PGPASSWORD_FILE: path.join(dir, 'missing') }));
      expect(status).not.toBe(0);
      expect(output).toContain('cron job backup-db: FAILED');
      expect(dumps()).toEqual([]);
      expect(fs.readFileSync(backupFile('app.last-failed'), 'utf8')).toMatch(/^\d+ \S+Z exit 1: cat: .*missing: No such file or directory\n$/);
    });

    test('given a dump that takes more than a second, when the backup runs, then it renames its own file', () => {
      const { c } = synthScheduler((db) => ({ backup: { database: db, schedule: CronSchedule.daily({ hour: 3 }), retention: 7 } }));
      fakePgDump('sleep 1.2');
      fs.mkdirSync(path.join(dir, 'backups'));
      const { status, output } = runJob(c, 'backup-db', saveEnvironment({}));
      expect(output).toContain('cron job backup-db: ok');
      expect(status).toBe(0);
      expect(dumps()).toEqual([expect.stringMatching(/^app-\d{8}T\d{6}Z\.dump$/)]);
    });

    test('given pg_dump fails half-way, when the backup runs, then the job fails, the partial file is removed and older dumps are kept', () => {
      const { c } = synthScheduler((db) => ({ backup: { database: db, schedule: CronSchedule.daily({ hour: 3 }), retention: 1 } }));
      fakePgDump('for a in "$@"; do last="$a"; done; echo partial > "$last"; echo "pg_dump: error: connection refused" >&2; exit 1');
      fs.mkdirSync(path.join(dir, 'backups'));
      fs.writeFileSync(path.join(dir, 'backups', 'app-20200101T030000Z.dump'), 'old');
      const { status, output } = runJob(c, 'backup-db', saveEnvironment({}));
      expect(status).toBe(1);
      expect(output).toContain('pg_dump: error: connection refused');
      expect(output).toContain('cron job backup-db: FAILED with exit 1');
      expect(dumps()).toEqual(['app-20200101T030000Z.dump']);
    });

    test.each([
      ['fresh', 0, 0],
      ['4 minutes old', 4 * 60_000, 1],
    ])('given a %s heartbeat and no backup, when the health check runs, then it exits %d', (_what, ageMs, expected) => {
      const { c } = synthScheduler();
      heartbeat(ageMs);
      expect(runHealth(c).status).toBe(expected);
    });

    test('given no heartbeat (cron never ran a job), when the health check runs, then it fails and says why', () => {
      const { c } = synthScheduler();
      expect(runHealth(c)).toEqual({ status: 1, output: 'cron has not run the heartbeat job for 3 minutes\n' });
    });

    test('given dumps whose modification times disagree with their names (copied back by hand), when the backup runs, then the oldest by name are pruned', () => {
      const { c } = synthScheduler((db) => ({ backup: { database: db, schedule: CronSchedule.daily({ hour: 3 }), retention: 2 } }));
      fakePgDump();
      fs.mkdirSync(path.join(dir, 'backups'));
      // The oldest dump was copied back last: its modification time is the newest.
      for (const [name, day] of [['app-20200103T030000Z.dump', 1], ['app-20200102T030000Z.dump', 2], ['app-20200101T030000Z.dump', 3]] as const) {
        fs.writeFileSync(backupFile(name), 'old');
        const when = new Date(Date.UTC(2020, 0, day, 3));
        fs.utimesSync(backupFile(name), when, when);
      }
      const { status } = runJob(c, 'backup-db', saveEnvironment({}));
      expect(status).toBe(0);
      expect(dumps()).toEqual(['app-20200103T030000Z.dump', expect.stringMatching(/^app-\d{8}T\d{6}Z\.dump$/)]);
    });

    test('given a good backup, when it runs, then app.last-good holds its time, file and size, and the health check reports its age', () => {
      const { c } = synthScheduler((db) => ({ backup: { database: db, schedule: CronSchedule.daily({ hour: 3 }), retention: 7 } }));
      fakePgDump();
      fs.mkdirSync(path.join(dir, 'backups'));
      expect(runJob(c, 'backup-db', saveEnvironment({})).status).toBe(0);
      const [epoch, when, dumpFile, bytes] = fs.readFileSync(backupFile('app.last-good'), 'utf8').trim().split(' ');
      expect(Math.abs(Number(epoch) - Date.now() / 1000)).toBeLessThan(60);
      expect(when).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      expect(path.basename(dumpFile)).toBe(dumps()[0]);
      expect(Number(bytes)).toBe(fs.statSync(backupFile(dumps()[0])).size);
      heartbeat();
      const health = runHealth(c);
      expect(health.status).toBe(0);
      expect(health.output).toMatch(new RegExp(`^last good backup of app: ${when} \\(\\d+ s ago\\), .*${dumps()[0]}, ${bytes} bytes\n$`));
    });

    test('given no backup yet, when the health check runs, then it is healthy and says so with the schedule', () => {
      const { c } = synthScheduler((db) => ({ backup: { database: db, schedule: CronSchedule.daily({ hour: 3 }), retention: 7 } }));
      fs.mkdirSync(path.join(dir, 'backups'));
      heartbeat();
      expect(runHealth(c)).toEqual({ status: 0, output: 'no good backup of app yet (schedule 0 3 * * *)\n' });
    });

    test('given a backup that fails (wrong password), when the health check runs, then it fails naming the error and the last good backup', () => {
      const { c } = synthScheduler((db) => ({ backup: { database: db, schedule: CronSchedule.daily({ hour: 3 }), retention: 7 } }));
      fakePgDump();
      fs.mkdirSync(path.join(dir, 'backups'));
      expect(runJob(c, 'backup-db', saveEnvironment({})).status).toBe(0);
      fs.rmSync(path.join(dir, 'bin'), { recursive: true });
      fakePgDump('echo \'pg_dump: error: connection to server at "db", port 5432 failed: FATAL:  password authentication failed for user "app"\' >&2; exit 1');
      const failed = runJob(c, 'backup-db', saveEnvironment({}));
      expect(failed.status).toBe(1);
      expect(failed.output).toContain('password authentication failed');
      expect(fs.readFileSync(backupFile('app.last-failed'), 'utf8')).toMatch(/^\d+ \S+Z exit 1: pg_dump: error: .*password authentication failed for user "app"\n$/);
      heartbeat();
      const health = runHealth(c);
      expect(health.status).toBe(1);
      expect(health.output.split('\n')).toEqual([
        expect.stringMatching(/^backup of app FAILED at \S+Z \(\d+ s ago\): exit 1: pg_dump: error: .*password authentication failed/),
        expect.stringMatching(/^last good backup of app: \S+Z \(\d+ s ago\)/),
        '',
      ]);
    });

    test('given a failed backup followed by a good one, when the health check runs, then it is healthy again', () => {
      const { c } = synthScheduler((db) => ({ backup: { database: db, schedule: CronSchedule.daily({ hour: 3 }), retention: 7 } }));
      fs.mkdirSync(path.join(dir, 'backups'));
      fs.writeFileSync(backupFile('app.last-failed'), `${Math.floor(Date.now() / 1000)} 2026-01-01T03:00:00Z exit 1: boom\n`);
      fakePgDump();
      expect(runJob(c, 'backup-db', saveEnvironment({})).status).toBe(0);
      expect(fs.existsSync(backupFile('app.last-failed'))).toBe(false);
      heartbeat();
      expect(runHealth(c).status).toBe(0);
    });

    test('given a backup that failed before the container started (a redeploy that fixes it), when the health check runs, then it is reported but not counted', () => {
      const { c } = synthScheduler((db) => ({ backup: { database: db, schedule: CronSchedule.daily({ hour: 3 }), retention: 7 } }));
      fs.mkdirSync(path.join(dir, 'backups'));
      fs.writeFileSync(backupFile('app.last-failed'), `${Math.floor(Date.now() / 1000) - 7200} 2026-01-01T03:00:00Z exit 1: boom\n`);
      heartbeat();
      expect(runHealth(c, 60)).toEqual({
        status: 0,
        output: 'backup of app failed at 2026-01-01T03:00:00Z, before this container started (not counted until the next run): exit 1: boom\nno good backup of app yet (schedule 0 3 * * *)\n',
      });
    });

    test.each([
      ['a good backup 25 h old', 1, 25, 30 * 3600],
      ['a good backup 23 h old', 0, 23, 30 * 3600],
      ['a good backup 25 h old, but a container started 10 min ago (a redeploy)', 0, 25, 60 * 10],
    ])('given maxAge 24 h and %s, when the health check runs, then it exits %d', (_what, expected, hoursOld, startedAgoS) => {
      const { c } = synthScheduler((db) => ({ backup: { database: db, schedule: CronSchedule.daily({ hour: 3 }), retention: 7, maxAge: Duration.hours(24) } }));
      fs.mkdirSync(path.join(dir, 'backups'));
      fs.writeFileSync(backupFile('app.last-good'), `${Math.floor(Date.now() / 1000) - hoursOld * 3600} 2026-01-01T03:00:00Z /backups/app-20260101T030000Z.dump 1234\n`);
      heartbeat();
      const health = runHealth(c, startedAgoS);
      expect(health.status).toBe(expected);
      if (expected === 1) expect(health.output).toBe(`no good backup of app for more than 24h0m0s (maxAge)\nlast good backup of app: 2026-01-01T03:00:00Z (${hoursOld} h ago), /backups/app-20260101T030000Z.dump, 1234 bytes\n`);
    });

    test('given maxAge 1 h, no backup ever and a container started 2 h ago, when the health check runs, then it fails', () => {
      const { c } = synthScheduler((db) => ({ backup: { database: db, schedule: CronSchedule.daily({ hour: 3 }), retention: 7, maxAge: Duration.hours(1) } }));
      fs.mkdirSync(path.join(dir, 'backups'));
      heartbeat();
      expect(runHealth(c, 7200)).toEqual({ status: 1, output: 'no good backup of app for more than 1h0m0s (maxAge)\nno good backup of app yet (schedule 0 3 * * *)\n' });
    });

    test('given a good backup 3 hours old, when the health check runs, then its age is given in hours', () => {
      const { c } = synthScheduler((db) => ({ backup: { database: db, schedule: CronSchedule.daily({ hour: 3 }), retention: 7 } }));
      fs.mkdirSync(path.join(dir, 'backups'));
      fs.writeFileSync(backupFile('app.last-good'), `${Math.floor(Date.now() / 1000) - 3 * 3600 - 5} 2026-01-01T03:00:00Z /backups/app-20260101T030000Z.dump 1234\n`);
      heartbeat();
      expect(runHealth(c).output).toBe('last good backup of app: 2026-01-01T03:00:00Z (3 h ago), /backups/app-20260101T030000Z.dump, 1234 bytes\n');
    });
  });
});
