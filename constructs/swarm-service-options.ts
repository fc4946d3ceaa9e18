import type { Cpu } from './cpu';

/**
 * Where a service's tasks run on a Swarm target. Refused on a single engine, where every
 * container runs on the one host.
 */
export interface SwarmPlacement {
  /**
   * Pin every task to the node(s) whose node label (the target's `nodeLabel`) has this value:
   * the constraint `node.labels.<nodeLabel> == <node>`. Stateful kinds need it, so their
   * node-local named volumes are found again after a reschedule.
   * @default - no pin: any node
   */
  readonly node?: string;
  /**
   * Spread the tasks evenly over the values of this node label (a placement preference,
   * `spread=node.labels.<key>`), e.g. one per zone.
   * @default - Swarm's own spread over nodes
   */
  readonly spreadOver?: string;
  /**
   * At most this many tasks on one node (1 to 32): 1 puts the replicas on distinct nodes.
   * @default - no bound
   */
  readonly maxReplicasPerNode?: number;
  /**
   * Run one task on every node (global mode) instead of `replicas` tasks: for a proxy that
   * publishes a host-mode port, so that every node answers. Excludes `replicas`.
   * @default false
   */
  readonly global?: boolean;
}

/**
 * Props of a Service that mean something on a Swarm target only; each is a ValidationError on
 * a single engine, naming the fix.
 */
export interface SwarmServiceOptions {
  /**
   * Where the tasks run (pin to a labelled node, spread, at most n per node, global mode).
   * Swarm only.
   * @default - any node, `replicas` tasks
   */
  readonly placement?: SwarmPlacement;
  /**
   * CPU reserved for each task: Swarm schedules a task only on a node with that much CPU
   * unreserved. Swarm only (a single engine has no CPU reservation). At most `cpuLimit`.
   * @default - none
   */
  readonly cpuReservation?: Cpu;
}
