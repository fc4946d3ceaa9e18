import { TerraformStack } from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import { z } from 'zod';
import { Capability } from './capability';
import { Cpu } from './cpu';
import { Duration } from './duration';
import { ValidationError } from './errors';
import { GeneratedSecret } from './generated-secret';
import { HealthCheck } from './health-check';
import { ContainerImage } from './image';
import { brand, hasBrand } from './private/brand';
import { initScriptUploads, POSTGRES_INIT_SCRIPTS_PATH } from './private/postgres-init-scripts';
import { POSTGRES_PASSWORD_SYNC_PATH, POSTGRES_PASSWORD_SYNC_SCRIPT } from './private/postgres-password-sync';
import { stackContextOf } from './private/stack-context';
import { KindProps, Service } from './service';
import { absolutePath, port, servicePropsSchema } from './private/service-schema';
import { percentEncode } from './private/url-encoding';
import { childPath, fix, parseProps, zInstance } from './private/validation';
import { Port } from './port';
import { Secret } from './secret';
import { Size } from './size';
import { NamedVolume } from './volume';

/** Default image: the current major, Alpine variant. */
export const POSTGRES_DEFAULT_IMAGE = 'postgres:17-alpine';
/** Where the official image keeps its data (its VOLUME). */
export const POSTGRES_DATA_PATH = '/var/lib/postgresql/data';
/** Port Postgres listens on inside the container. */
export const POSTGRES_PORT = Port.tcp(5432);

/**
 * Server settings passed as `-c name=value`; each is optional. Memory settings are whole KiB,
 * and together must fit in the container's `memoryLimit`.
 */
export interface PostgresSettings {
  /**
   * Memory of the shared page cache (`shared_buffers`), allocated at start.
   * @default - server default (128MB)
   */
  readonly sharedBuffers?: Size;
  /**
   * Memory one sort or hash step may use before it spills to disk (`work_mem`); one query may
   * run several such steps, and each connection its own queries.
   * @default - server default (4MB)
   */
  readonly workMem?: Size;
  /**
   * The planner's estimate of the cache one query can use, Postgres' and the kernel's together
   * (`effective_cache_size`); it allocates nothing.
   * @default - server default (4GB)
   */
  readonly effectiveCacheSize?: Size;
  /**
   * Memory of maintenance work such as VACUUM and CREATE INDEX (`maintenance_work_mem`).
   * @default - server default (64MB)
   */
  readonly maintenanceWorkMem?: Size;
  /**
   * Most concurrent client connections (`max_connections`), 5 to 10000; each one is a process
   * with its own memory.
   * @default - server default (100)
   */
  readonly maxConnections?: number;
  /**
   * Most parallel workers one query step may start (`max_parallel_workers_per_gather`), 0 to
   * 64; 0 turns parallel queries off.
   * @default - server default (2)
   */
  readonly maxParallelWorkersPerGather?: number;
}

/** Props of Postgres: a Service's props (image and health check defaulted) plus the database's own. */
export interface PostgresProps extends KindProps {
  /**
   * Database created at first start.
   * @default "app"
   */
  readonly database?: string;
  /**
   * Owner of the database.
   * @default "app"
   */
  readonly user?: string;
  /**
   * Password of `user`, set as `POSTGRES_PASSWORD`.
   * @default - a GeneratedSecret `password` (child of this construct): 32 letters and digits
   * kept in the Terraform state, usable only in this stack
   */
  readonly password?: Secret;
  /**
   * Initialise the cluster with data checksums (`--data-checksums`).
   * @default true
   */
  readonly dataChecksums?: boolean;
  /**
   * Server settings.
   * @default - server defaults
   */
  readonly settings?: PostgresSettings;
  /**
   * Host directory of `*.sql` / `*.sh` scripts run once at first start; mounted read-only on an
   * engine. On Swarm its files are read at synth time and uploaded with the service (as
   * `docker_config`), since the task may run on a node without that directory.
   * @default - none
   */
  readonly initScriptsDirectory?: string;
  /**
   * Publish the server port on the host (127.0.0.1 unless `public`).
   * @default - not published
   */
  readonly hostPort?: Port;
  /**
   * Volume holding the data directory.
   * @default - a NamedVolume `<prefix>-<id>-data`
   */
  readonly dataVolume?: NamedVolume;
  /**
   * Postgres image; the data path and flags assume the official image's layout.
   * @default ContainerImage.fromRegistry("postgres:17-alpine")
   */
  readonly image?: ContainerImage;
  /**
   * Health check. The default connects over TCP, so the container turns healthy only once the
   * real server (not the init-time one, which listens on the socket only) accepts connections.
   * @default - `pg_isready -h 127.0.0.1 -U <user> -d <database>` every 5 s, timeout 5 s, 10 retries, after a 20 s start period
   */
  readonly healthCheck?: HealthCheck;
  /**
   * Server command.
   * @default - `postgres` with one `-c name=value` per entry of `settings`
   */
  readonly command?: readonly string[];
  /**
   * CPU limit.
   * @default Cpu.cores(1)
   */
  readonly cpuLimit?: Cpu;
  /**
   * Memory limit; swap is disabled.
   * @default Size.gibibytes(1)
   */
  readonly memoryLimit?: Size;
  /**
   * Size of /dev/shm: parallel queries need more than Docker's 64 MiB.
   * @default Size.mebibytes(256)
   */
  readonly shmSize?: Size;
  /**
   * Time Postgres gets to write a checkpoint on stop before it is killed (a kill means crash recovery).
   * @default Duration.seconds(60)
   */
  readonly stopGracePeriod?: Duration;
  /**
   * Signal sent to stop the server: SIGINT is Postgres' fast shutdown.
   * @default "SIGINT"
   */
  readonly stopSignal?: 'SIGTERM' | 'SIGINT' | 'SIGQUIT' | 'SIGKILL' | 'SIGHUP' | 'SIGUSR1' | 'SIGUSR2';
  /**
   * Capabilities added back: the entrypoint starts as root to own the data directory, then
   * drops to the postgres user.
   * @default [Capability.CHOWN, Capability.DAC_OVERRIDE, Capability.FOWNER, Capability.SETGID, Capability.SETUID]
   */
  readonly capabilities?: readonly Capability[];
}

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;
const memorySetting = zInstance(Size.isSize, fix('not a Size', 'use Size.mebibytes(n)')).refine(
  (s) => s.toBytes() % 1024 === 0 && s.toBytes() > 0,
  fix('Postgres memory settings are whole kB', 'use Size.mebibytes(n) or Size.kibibytes(n)'),
);

const propsSchema = servicePropsSchema
  .partial()
  .extend({
    database: z.string().regex(IDENTIFIER, fix('not a plain Postgres identifier', 'use lowercase letters, digits and "_"')).optional(),
    user: z.string().regex(IDENTIFIER, fix('not a plain Postgres identifier', 'use lowercase letters, digits and "_"')).optional(),
    password: zInstance(Secret.isSecret, fix('not a Secret', 'use Secret.fromVariable(name) or leave it out to generate one')).optional(),
    dataChecksums: z.boolean().optional(),
    settings: z
      .object({
        sharedBuffers: memorySetting.optional(),
        workMem: memorySetting.optional(),
        effectiveCacheSize: memorySetting.optional(),
        maintenanceWorkMem: memorySetting.optional(),
        maxConnections: z.number().int().min(5).max(10000).optional(),
        maxParallelWorkersPerGather: z.number().int().min(0).max(64).optional(),
      })
      .strict()
      .optional(),
    initScriptsDirectory: absolutePath.optional(),
    hostPort: port.optional(),
    dataVolume: zInstance(NamedVolume.isNamedVolume, fix('not a NamedVolume', 'create it with new NamedVolume(...)')).optional(),
  })
  .strict();

/** Old stack-level password addresses already moved from, per stack. */
const LEGACY_PASSWORD_ADDRESSES = new WeakMap<IConstruct, Set<string>>();

/** `-c name=value` in Postgres' own units (`MB` and `kB` are binary there). */
function settingValue(size: Size): string {
  const bytes = size.toBytes();
  return bytes % 1024 ** 2 === 0 ? `${bytes / 1024 ** 2}MB` : `${bytes / 1024}kB`;
}

/**
 * PostgreSQL with a `pg_isready` health check over TCP (so it turns healthy only once the
 * real server, not the init-time one, accepts connections), data checksums, a protected data
 * volume, typed tuning settings, and a generated password.
 */
export class Postgres extends Service {
  /** True for a Postgres of any installed copy of this library (a brand check, not `instanceof`). */
  static isPostgres(this: void, value: unknown): value is Postgres {
    return hasBrand(value, 'Postgres');
  }

  /** Database created at first start (`POSTGRES_DB`). */
  readonly database: string;
  /** Owner of the database, and the user in `connectionUrl` (`POSTGRES_USER`). */
  readonly user: string;
  /**
   * Password of `user` (`POSTGRES_PASSWORD`): `password`, else the generated one. The image
   * reads it only when it initialises an empty data directory: on a single engine, changing it
   * later does not change the password of an existing database; on Swarm, the task sets it on
   * the existing database at every start, before the server starts (a rotated secret works).
   */
  readonly password: Secret;
  /** Volume at /var/lib/postgresql/data holding the cluster: `dataVolume`, else one created as the child `data`. */
  readonly dataVolume: NamedVolume;

  constructor(scope: Construct, id: string, props: PostgresProps = {}) {
    const path = childPath(scope, id);
    const p = parseProps(path, propsSchema, props) as PostgresProps;
    // The password prop is the one way to set it: a second one would silently win or lose.
    const passwordClashes = (['secrets', 'environment'] as const)
      .filter((field) => p[field]?.POSTGRES_PASSWORD !== undefined)
      .map((field) => ({
        ruleId: 'props',
        path,
        field: `${field}.POSTGRES_PASSWORD`,
        // Stryker disable next-line OptionalChaining: equivalent (the filter above kept secrets only when it holds the key)
        value: field === 'secrets' ? p.secrets?.POSTGRES_PASSWORD : '(value hidden)',
        message: 'Postgres sets POSTGRES_PASSWORD from its password prop',
        fix: 'give password: Secret.fromVariable(name) (or leave it out to generate one) instead',
      }));
    const problems = [...passwordClashes, ...(p.password?.problemsIn(scope, path, 'password') ?? [])];
    if (problems.length > 0) throw new ValidationError(problems);
    const {
      database = 'app',
      user = 'app',
      password,
      dataChecksums = true,
      settings = {},
      initScriptsDirectory,
      hostPort,
      dataVolume,
      ...serviceProps
    } = p;
    // On Swarm a rotated password is a new secret and a new task: a script run before the
    // image's entrypoint applies it to the existing cluster (private/postgres-password-sync.ts).
    // A given entrypoint is the user's own and is kept as it is.
    const onSwarm = stackContextOf(scope).target.isSwarm;
    const syncPassword = onSwarm && serviceProps.entrypoint === undefined;
    const initScripts = initScriptsDirectory && onSwarm ? initScriptUploads(path, initScriptsDirectory) : [];
    const flags: [string, string | undefined][] = [
      ['shared_buffers', settings.sharedBuffers && settingValue(settings.sharedBuffers)],
      ['work_mem', settings.workMem && settingValue(settings.workMem)],
      ['effective_cache_size', settings.effectiveCacheSize && settingValue(settings.effectiveCacheSize)],
      ['maintenance_work_mem', settings.maintenanceWorkMem && settingValue(settings.maintenanceWorkMem)],
      ['max_connections', settings.maxConnections?.toString()],
      ['max_parallel_workers_per_gather', settings.maxParallelWorkersPerGather?.toString()],
    ];

    super(scope, id, {
      image: ContainerImage.fromRegistry(POSTGRES_DEFAULT_IMAGE),
      // Over TCP: the init-time server listens on the socket only, so this turns healthy
      // only once the real server accepts connections.
      healthCheck: HealthCheck.command(['pg_isready', '-h', '127.0.0.1', '-U', user, '-d', database], {
        interval: Duration.seconds(5),
        timeout: Duration.seconds(5),
        retries: 10,
        startPeriod: Duration.seconds(20),
      }),
      command: ['postgres', ...flags.filter(([, v]) => v !== undefined).flatMap(([k, v]) => ['-c', `${k}=${v}`])],
      cpuLimit: Cpu.cores(1),
      memoryLimit: Size.gibibytes(1),
      // Parallel queries need more than Docker's 64 MiB of /dev/shm.
      shmSize: Size.mebibytes(256),
      // A clean shutdown writes a checkpoint; killing it mid-way means crash recovery.
      stopGracePeriod: Duration.seconds(60),
      stopSignal: 'SIGINT',
      // The entrypoint starts as root to own the data directory, then drops to the postgres user.
      capabilities: [Capability.CHOWN, Capability.DAC_OVERRIDE, Capability.FOWNER, Capability.SETGID, Capability.SETUID],
      ...serviceProps,
      environment: {
        ...serviceProps.environment,
        POSTGRES_USER: user,
        POSTGRES_DB: database,
        ...(dataChecksums ? { POSTGRES_INITDB_ARGS: '--data-checksums' } : {}),
      },
      secrets: serviceProps.secrets,
      ports: [...(serviceProps.ports ?? []), ...(hostPort ? [{ containerPort: POSTGRES_PORT, hostPort }] : [])],
      ...(syncPassword ? { entrypoint: [POSTGRES_PASSWORD_SYNC_PATH] } : {}),
      files: [
        ...(serviceProps.files ?? []),
        ...initScripts,
        ...(syncPassword ? [{ path: POSTGRES_PASSWORD_SYNC_PATH, content: POSTGRES_PASSWORD_SYNC_SCRIPT, executable: true }] : []),
      ],
      bindMounts: [
        ...(serviceProps.bindMounts ?? []),
        ...(initScriptsDirectory && !onSwarm ? [{ source: initScriptsDirectory, target: POSTGRES_INIT_SCRIPTS_PATH, readOnly: true }] : []),
      ],
    });
    brand(this, 'Postgres');
    this.database = database;
    this.user = user;
    // Generated after super(): a child of this construct, so two Postgres with the same id in
    // different scopes never share one, and any valid id works.
    this.password = password ?? this.generatePassword(id);
    this.addSecret('POSTGRES_PASSWORD', this.password);
    this.dataVolume = dataVolume ?? new NamedVolume(this, 'data');
    this.mountVolume(this.dataVolume, POSTGRES_DATA_PATH);
  }

  private generatePassword(id: string): Secret {
    const generated = new GeneratedSecret(this, 'password');
    // Generated passwords used to live at the stack root as `secret-<id>-password`. A moved
    // block keeps one already deployed (and so the data directory initialised with it); only
    // one Postgres per stack may claim an old address, and ids the old scheme refused had none.
    const legacy = `secret-${id.toLowerCase()}-password`;
    const stack = TerraformStack.of(this);
    const claimed = LEGACY_PASSWORD_ADDRESSES.get(stack) ?? new Set<string>();
    LEGACY_PASSWORD_ADDRESSES.set(stack, claimed);
    if (/^secret-[a-z][a-z0-9-]*-password$/.test(legacy) && !claimed.has(legacy)) {
      claimed.add(legacy);
      generated.resource.moveFromId(`random_password.${legacy}`);
    }
    return generated.secret;
  }

  /**
   * `postgresql://user:password@host:5432/database`, for services on a shared network. The user
   * and password are percent-encoded (a password may hold `@`, `/`, `:`, `%`, `#`, `?` or
   * spaces), by Terraform's `urlencode` for a value known only at deploy time.
   */
  get connectionUrl(): Secret {
    return Secret.derived(
      `connection URL of ${this.node.path}`,
      [this.password],
      ([password]) => `postgresql://${percentEncode(this.user)}:${percentEncode(password)}@${this.hostname}:${POSTGRES_PORT.number}/${percentEncode(this.database)}`,
    );
  }
}
