import type { Capability } from './capability';
import type { Cpu } from './cpu';
import type { Duration } from './duration';
import type { LogRotation } from './logging';
import type { Size } from './size';

/**
 * How a service's containers run, with every default filled in: what `containerSettings`
 * returns, for exporters (a compose file) and tools that read a stack without synthesizing it.
 */
export interface ServiceContainerSettings {
  /** Command as an argument array; undefined for the image's CMD. */
  readonly command: readonly string[] | undefined;
  /** Entrypoint as an argument array; undefined for the image's ENTRYPOINT. */
  readonly entrypoint: readonly string[] | undefined;
  /** User (name or uid[:gid]); undefined for the image's USER. */
  readonly user: string | undefined;
  /** Working directory; undefined for the image's WORKDIR. */
  readonly workingDir: string | undefined;
  /** Whether an init process runs as PID 1. */
  readonly init: boolean;
  /** CPU limit. */
  readonly cpuLimit: Cpu;
  /** Memory limit; swap is disabled (the memory and swap limits are equal). */
  readonly memoryLimit: Size;
  /** Memory reservation (soft limit); undefined when none. */
  readonly memoryReservation: Size | undefined;
  /** Size of /dev/shm; undefined for the engine's default. */
  readonly shmSize: Size | undefined;
  /** Log driver and rotation. */
  readonly logging: LogRotation;
  /** Whether the root file system is mounted read-only. */
  readonly readOnlyRootFilesystem: boolean;
  /** tmpfs mounts: path inside the container -> size. */
  readonly tmpfs: Readonly<Record<string, Size>>;
  /** Capabilities added back after all are dropped. */
  readonly capabilities: readonly Capability[];
  /** Security options (`no-new-privileges:true`). */
  readonly securityOptions: readonly string[];
  /** Every label on the containers: the given ones and this library's (SERVICE_LABELS). */
  readonly labels: Readonly<Record<string, string>>;
  /** Time between the stop signal and the kill, on stop and destroy. */
  readonly stopGracePeriod: Duration;
  /** Signal sent to stop the process; undefined for the image's STOPSIGNAL. */
  readonly stopSignal: string | undefined;
  /** Identical containers run (on one engine, the length of `containerNames`; on Swarm, the service's tasks). */
  readonly replicas: number;
}
