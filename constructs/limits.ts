/**
 * Every numeric bound the library enforces, in one module: the checks, the docs
 * (test/constructs/limits.test.ts compares docs/ with these) and the tests all read them, so
 * they cannot drift apart. Plain numbers (durations in milliseconds, sizes in bytes) so that
 * this module imports nothing and any module, value types included, can use it without a cycle.
 *
 * Not exported from the package index: users read the limits in the docs and in the errors.
 * (Secret.generated's length bounds, 16 to 128, still live in secret.ts.)
 */

/** Lowest port number. */
export const PORT_MIN = 1;
/** Highest port number. */
export const PORT_MAX = 65535;

/**
 * Smallest CPU share accepted. Docker takes 0.01 core, but the provider reads 0.01 to 0.09
 * back as "0.1" (see Cpu), which would show a change on every plan.
 */
export const CPU_MIN_CORES = 0.1;
/** Largest CPU share accepted; more than any single-host stack needs. */
export const CPU_MAX_CORES = 64;
/** CPU shares are whole hundredths of a core. */
export const CPU_STEP_CORES = 0.01;

/**
 * Largest Size, 1 PiB: far beyond any memory, shm or log size of one host, and small enough
 * that every Size is an exact whole number of bytes in a JavaScript number.
 */
export const SIZE_MAX_BYTES = 1024 ** 5;

/** The first Docker Engine that probes a health check at `start_interval` during its start period (API 1.44). */
export const ENGINE_MAJOR_WITH_START_INTERVAL = 25;

/**
 * How long NginxProxy keeps an answer of Docker's DNS (`resolver ... valid=`): the longest a
 * removed upstream's address is still tried, and the longest a new one goes unseen.
 */
export const PROXY_DNS_CACHE_VALIDITY_MILLIS = 2_000;

/**
 * With UpdateOrder.START_FIRST, the least time from the new container's start to its first
 * health probe. The old container is removed as soon as the new one is healthy; a proxy that
 * resolved the service's name just before the new container joined still holds only the old
 * address for PROXY_DNS_CACHE_VALIDITY_MILLIS, and would send requests to a removed container.
 * One second of margin over that cache.
 */
export const START_FIRST_LEAST_FIRST_PROBE_MILLIS = PROXY_DNS_CACHE_VALIDITY_MILLIS + 1_000;

/** Longest Duration: a year. */
export const DURATION_MAX_MILLIS = 365 * 24 * 3_600_000;

/** Bounds of every health check's options, in milliseconds and counts. */
export const HEALTH_CHECK_LIMITS = {
  intervalMinMillis: 1_000,
  intervalMaxMillis: 3_600_000,
  timeoutMinMillis: 1_000,
  timeoutMaxMillis: 600_000,
  startPeriodMinMillis: 0,
  startPeriodMaxMillis: 3_600_000,
  startIntervalMinMillis: 100,
  startIntervalMaxMillis: 3_600_000,
  retriesMin: 1,
  retriesMax: 100,
} as const;

/** Bounds of log rotation: enough history to debug, never a full disk. */
export const LOG_ROTATION_LIMITS = {
  maxFilesMin: 1,
  maxFilesMax: 20,
  maxSizeMinBytes: 100 * 1024,
  maxSizeMaxBytes: 1024 ** 3,
} as const;

/** Fewest retries of `RestartPolicy.onFailure`. */
export const RESTART_MIN_RETRIES = 1;
/** Most retries of `RestartPolicy.onFailure`: a loop beyond this hides a crash. */
export const RESTART_MAX_RETRIES = 20;

/** Fewest identical containers of one service. */
export const REPLICAS_MIN = 1;
/** Most identical containers of one service on one engine. */
export const REPLICAS_MAX = 32;

/** Fewest worker processes an ASGI server runs. */
export const ASGI_WORKERS_MIN = 1;
/** Most worker processes an ASGI server runs; more belongs in replicas or on another host. */
export const ASGI_WORKERS_MAX = 64;

/** Fewest jobs one QueueWorker container runs at once. */
export const WORKER_CONCURRENCY_MIN = 1;
/** Most jobs one QueueWorker container runs at once. */
export const WORKER_CONCURRENCY_MAX = 64;

/** Fewest database dumps a Scheduler keeps. */
export const SCHEDULER_BACKUP_RETENTION_MIN = 1;
/** Most database dumps a Scheduler keeps. */
export const SCHEDULER_BACKUP_RETENTION_MAX = 365;
/** Shortest `maxAge` of a Scheduler's backup: the health check reads ages to the second, cron runs jobs to the minute. */
export const SCHEDULER_BACKUP_MAX_AGE_MIN_MILLIS = 60_000;
/** Longest `maxAge` of a Scheduler's backup: the longest Duration, a year (no check of its own). */
export const SCHEDULER_BACKUP_MAX_AGE_MAX_MILLIS = DURATION_MAX_MILLIS;

/** Fewest models Ollama keeps loaded at once. */
export const OLLAMA_MAX_LOADED_MODELS_MIN = 1;
/** Most models Ollama keeps loaded at once. */
export const OLLAMA_MAX_LOADED_MODELS_MAX = 16;

/** Swarm: the restart policy's delay between two restarts of a task. */
export const SWARM_RESTART_DELAY_MILLIS = 5_000;
/** Swarm: the window in which a restart counts against max_attempts. */
export const SWARM_RESTART_WINDOW_MILLIS = 120_000;
/** Swarm: monitor window after each task update when the service has no health check. */
export const SWARM_MONITOR_WITHOUT_HEALTH_CHECK_MILLIS = 5_000;
/** Swarm: margin added to the worst case of all tasks for `converge_config.timeout`. */
export const SWARM_CONVERGE_MARGIN_MILLIS = 30_000;
/** Swarm: how often the provider polls for convergence. */
export const SWARM_CONVERGE_POLL_MILLIS = 2_000;
/** Swarm: placement bound per node (`maxReplicasPerNode`). */
export const SWARM_MAX_REPLICAS_PER_NODE_MIN = 1;
export const SWARM_MAX_REPLICAS_PER_NODE_MAX = 32;
