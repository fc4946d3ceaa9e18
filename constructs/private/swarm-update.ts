import { Duration } from '../duration';
import type { HealthCheck } from '../health-check';
import { SWARM_CONVERGE_MARGIN_MILLIS, SWARM_CONVERGE_POLL_MILLIS, SWARM_MONITOR_WITHOUT_HEALTH_CHECK_MILLIS } from '../limits';
import { UpdateOrder } from '../update-order';
import { swarmDuration } from './swarm-duration';

/** What the update settings of a Swarm service are derived from. */
export interface SwarmUpdateInput {
  readonly healthCheck: HealthCheck;
  /** The order the user gave, if any. */
  readonly givenOrder: UpdateOrder | undefined;
  /** A stateful kind: two tasks must never write its data directory at once. */
  readonly stateful: boolean;
  /** Publishes a port in host mode: the new task cannot bind it while the old one holds it. */
  readonly hostModePorts: boolean;
  /** Tasks to run; undefined in global mode. */
  readonly replicas: number | undefined;
}

/** The `update_config`, `rollback_config` and `converge_config` blocks, provider-shaped. */
export interface SwarmUpdateSettings {
  readonly order: 'start-first' | 'stop-first';
  readonly updateConfig: { parallelism: number; delay: string; failureAction: string; monitor: string; maxFailureRatio: string; order: string };
  readonly rollbackConfig: { parallelism: number; delay: string; failureAction: string; monitor: string; maxFailureRatio: string; order: string };
  /** Undefined in global mode: the provider refuses converge_config with `mode.global`. */
  readonly convergeConfig: { delay: string; timeout: string } | undefined;
}

/**
 * The update order on Swarm: stop-first for stateful kinds and host-mode ports (where a
 * second task cannot coexist with the first), else the given order, else start-first.
 */
export function swarmUpdateOrder(input: SwarmUpdateInput): 'start-first' | 'stop-first' {
  if (input.stateful || input.hostModePorts) return 'stop-first';
  return (input.givenOrder ?? UpdateOrder.START_FIRST) === UpdateOrder.START_FIRST ? 'start-first' : 'stop-first';
}

/**
 * How long Swarm watches an updated task before it counts the update as done: long enough
 * for a healthy task to be declared unhealthy (`retries` failed probes), so a task that
 * passes once and then fails still rolls the update back.
 */
export function swarmMonitor(healthCheck: HealthCheck): Duration {
  if (healthCheck.isNone) return Duration.millis(SWARM_MONITOR_WITHOUT_HEALTH_CHECK_MILLIS);
  return healthCheck.interval.plus(healthCheck.timeout).times(healthCheck.retries);
}

/**
 * How long `cdktf deploy` waits for the service to converge: tasks are updated one at a
 * time, each taking at worst its health check's start plus the monitor window.
 */
export function swarmConvergeTimeout(healthCheck: HealthCheck, replicas: number): Duration {
  const perTask = healthCheck.worstCaseStart().plus(swarmMonitor(healthCheck));
  return perTask.times(replicas).plus(Duration.millis(SWARM_CONVERGE_MARGIN_MILLIS));
}

/** Every update-related block of a Swarm service. */
export function swarmUpdateSettings(input: SwarmUpdateInput): SwarmUpdateSettings {
  const order = swarmUpdateOrder(input);
  const monitor = swarmDuration(swarmMonitor(input.healthCheck));
  const common = { parallelism: 1, delay: '0s', monitor, maxFailureRatio: '0', order };
  return {
    order,
    updateConfig: { ...common, failureAction: 'rollback' },
    rollbackConfig: { ...common, failureAction: 'pause' },
    convergeConfig:
      input.replicas === undefined ? undefined : { delay: swarmDuration(Duration.millis(SWARM_CONVERGE_POLL_MILLIS)), timeout: swarmDuration(swarmConvergeTimeout(input.healthCheck, input.replicas)) },
  };
}
