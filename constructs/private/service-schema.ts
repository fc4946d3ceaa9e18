import { z } from 'zod';
import type { ValidationProblem } from '../errors';
import { Capability } from '../capability';
import { Cpu } from '../cpu';
import { Duration } from '../duration';
import { HealthCheck } from '../health-check';
import { ContainerImage } from '../image';
import { LogRotation } from '../logging';
import { StackNetwork } from '../network';
import { Port } from '../port';
import { RestartPolicy } from '../restart-policy';
import { Secret } from '../secret';
import { Size } from '../size';
import { UpdateOrder } from '../update-order';
import { NamedVolume } from '../volume';
import { hasBrand } from './brand';
import { CONTAINER_NAME_PATTERN } from './names';
import { addProblem, fix, zInstance } from './validation';
import { REPLICAS_MAX, REPLICAS_MIN, SWARM_MAX_REPLICAS_PER_NODE_MAX, SWARM_MAX_REPLICAS_PER_NODE_MIN } from '../limits';

/** A node label key, as `docker node update --label-add` takes it. */
export const NODE_LABEL_KEY = /^[a-z0-9][a-z0-9._-]*$/;
/** A node label value a placement pin compares with. */
export const NODE_LABEL_VALUE = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

// Re-exported for service.ts, which imported it from here before the limits moved to limits.ts.
export { REPLICAS_MAX };
/** Memory limit of a Service that sets none (kinds set their own). */
export const SERVICE_DEFAULT_MEMORY_LIMIT = Size.mebibytes(512);

/**
 * The engine refuses a memory reservation above the memory limit ("Minimum memory limit can not
 * be less than memory reservation limit"), at deploy time; checked here against the limit the
 * container will get, the default included. Not a refinement of the schema: kinds derive their
 * schemas from it with `.partial()`, which zod refuses on a refined object.
 */
export function memoryReservationProblem(path: string, props: { readonly memoryLimit?: Size; readonly memoryReservation?: Size }): ValidationProblem | undefined {
  const reservation = props.memoryReservation;
  const limit = props.memoryLimit ?? SERVICE_DEFAULT_MEMORY_LIMIT;
  if (reservation === undefined || reservation.compareTo(limit) <= 0) return undefined;
  return {
    ruleId: 'props',
    path,
    field: 'memoryReservation',
    value: reservation,
    message: `above memoryLimit ${limit}${props.memoryLimit === undefined ? ' (the default)' : ''}: the engine refuses a reservation larger than the limit`,
    fix: `lower memoryReservation to at most ${limit}, or raise memoryLimit to at least ${reservation}`,
  };
}

// The zod schema behind ServiceProps, shared by the kind constructs (they pick from it).
export const ENV_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;
export const ABSOLUTE_PATH = /^\/[^\0]*$/;
const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;

export const duration = zInstance(Duration.isDuration, fix('not a Duration', 'use Duration.seconds(n), Duration.minutes(n), ...'));
export const size = zInstance(Size.isSize, fix('not a Size', 'use Size.mebibytes(n) or Size.gibibytes(n)'));
export const port = zInstance(Port.isPort, fix('not a Port', 'use Port.tcp(n)'));
export const absolutePath = z.string().regex(ABSOLUTE_PATH, fix('not an absolute path', 'start the path with "/"'));
export const argv = z.array(z.string()).min(1, fix('an empty argument list', 'give at least the program'));
export const wholeMiB = (what: string, minimumMiB = 1) =>
  size.refine(
    (s) => s.isWholeMebibytes() && s.toMebibytes() >= minimumMiB,
    fix(`${what} must be a whole number of MiB, at least ${minimumMiB}`, `use Size.mebibytes(n) with n >= ${minimumMiB}`),
  );

/** A record whose keys are environment variable names; a bad key is reported under its own name. */
const envRecord = <V extends z.ZodType>(value: V) =>
  z.record(z.string(), value).superRefine((record, ctx) => {
    for (const key of Object.keys(record)) {
      if (!ENV_KEY.test(key)) {
        addProblem(ctx, [key], 'not a valid variable name', 'use letters, digits and "_", not starting with a digit');
      }
    }
  });

export const servicePropsSchema = z
  .object({
    image: zInstance(ContainerImage.isContainerImage, fix('not a ContainerImage', 'use ContainerImage.fromRegistry("name:tag") or ContainerImage.fromBuild(dir, { tag })')),
    healthCheck: zInstance(HealthCheck.isHealthCheck, fix('missing or not a HealthCheck', 'use HealthCheck.command([...]), HealthCheck.httpGet(path, { port }), or HealthCheck.none()')),
    containerName: z.string().regex(CONTAINER_NAME_PATTERN, fix('not a valid container name', 'use letters, digits, "_", "." or "-"')).optional(),
    command: argv.optional(),
    entrypoint: argv.optional(),
    environment: envRecord(z.string()).optional(),
    secrets: envRecord(zInstance(Secret.isSecret, fix('not a Secret', 'use Secret.fromVariable(name), or a GeneratedSecret (new GeneratedSecret(scope, id).secret)'))).optional(),
    ports: z
      .array(
        z
          .object({
            containerPort: port,
            hostPort: port.optional(),
            hostIp: z.string().regex(IPV4, fix('not an IPv4 address', 'use "127.0.0.1" (default) or "0.0.0.0" for a public service')).optional(),
          })
          .strict(),
      )
      .optional(),
    public: z.boolean().optional(),
    networks: z
      .array(
        z
          .object({
            network: zInstance(StackNetwork.isStackNetwork, fix('not a StackNetwork', 'create the network with new StackNetwork(...)')),
            aliases: z.array(z.string().regex(/^[a-z0-9][a-z0-9.-]*$/, fix('not a valid DNS alias', 'use lowercase letters, digits, "." and "-"'))).optional(),
          })
          .strict(),
      )
      .optional(),
    volumes: z
      .array(z.object({ volume: zInstance(NamedVolume.isNamedVolume, fix('not a NamedVolume', 'create it with new NamedVolume(...)')), target: absolutePath, readOnly: z.boolean().optional() }).strict())
      .optional(),
    bindMounts: z.array(z.object({ source: absolutePath, target: absolutePath, readOnly: z.boolean().optional() }).strict()).optional(),
    files: z.array(z.object({ path: absolutePath, content: z.string(), executable: z.boolean().optional() }).strict()).optional(),
    cpuLimit: zInstance(Cpu.isCpu, fix('not a Cpu', 'use Cpu.cores(n)')).optional(),
    // Docker refuses memory limits under 6 MiB.
    memoryLimit: wholeMiB('memoryLimit', 6).optional(),
    memoryReservation: wholeMiB('memoryReservation').optional(),
    shmSize: wholeMiB('shmSize').optional(),
    restartPolicy: zInstance(RestartPolicy.isRestartPolicy, fix('not a RestartPolicy', 'use RestartPolicy.onFailure(n)')).optional(),
    logging: zInstance(LogRotation.isLogRotation, fix('not a LogRotation', 'use LogRotation.jsonFile({ maxSize, maxFiles })')).optional(),
    user: z.string().regex(/^[a-z_][a-z0-9_-]*(:[a-z_][a-z0-9_-]*)?$|^\d+(:\d+)?$/, fix('not a user', 'write a name, "uid" or "uid:gid"')).optional(),
    readOnlyRootFilesystem: z.boolean().optional(),
    tmpfs: z.record(absolutePath, size).optional(),
    capabilities: z.array(z.enum(Capability, { message: fix('not a Capability', 'use the Capability enum, e.g. Capability.CHOWN') })).optional(),
    labels: z.record(z.string().regex(/^[a-z0-9][a-z0-9._/-]*$/, fix('not a label key', 'use reverse-DNS keys, e.g. com.example.team')), z.string()).optional(),
    replicas: z.number().int(fix('replicas must be whole', 'use an integer')).min(REPLICAS_MIN).max(REPLICAS_MAX).optional(),
    stopGracePeriod: duration.refine((d) => d.toMilliseconds() % 1000 === 0, fix('the grace period counts in whole seconds', 'use Duration.seconds(n)')).optional(),
    stopSignal: z.enum(['SIGTERM', 'SIGINT', 'SIGQUIT', 'SIGKILL', 'SIGHUP', 'SIGUSR1', 'SIGUSR2']).optional(),
    dependsOn: z.array(z.custom<object>((v) => hasBrand(v, 'Service'), fix('not a Service', 'pass the Service construct itself'))).optional(),
    workingDir: absolutePath.optional(),
    init: z.boolean().optional(),
    placement: z
      .object({
        node: z.string().regex(NODE_LABEL_VALUE, fix('not a node label value', 'use letters, digits, ".", "_" or "-"')).optional(),
        spreadOver: z.string().regex(NODE_LABEL_KEY, fix('not a node label key', 'use lowercase letters, digits, ".", "_" or "-"')).optional(),
        maxReplicasPerNode: z.number().int(fix('maxReplicasPerNode must be whole', 'use an integer')).min(SWARM_MAX_REPLICAS_PER_NODE_MIN).max(SWARM_MAX_REPLICAS_PER_NODE_MAX).optional(),
        global: z.boolean().optional(),
      })
      .strict()
      .optional(),
    cpuReservation: zInstance(Cpu.isCpu, fix('not a Cpu', 'use Cpu.cores(n)')).optional(),
    updateOrder: z.enum(UpdateOrder, { message: fix('not an UpdateOrder', 'use UpdateOrder.STOP_FIRST or UpdateOrder.START_FIRST') }).optional(),
    hostAccess: z
      .object({
        reason: z.string().min(10, fix('the reason is too short to review', 'say in a sentence why host access is needed')),
        privileged: z.boolean().optional(),
        hostNetwork: z.boolean().optional(),
        hostPid: z.boolean().optional(),
        hostIpc: z.boolean().optional(),
        dockerSocket: z.boolean().optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

