import { statefulKindOf } from '../private/stateful-kinds';
import { StackRule } from './rule';

/** On Swarm a stateful kind runs one task, pinned to the node that holds its volume. */
export const swarmStatefulPlacement: StackRule = {
  id: 'CDS-SWARM-STATEFUL-PLACEMENT',
  summary: 'On a Swarm target, Postgres, Redis, ChromaDB and Ollama run exactly one replica, pinned to a node by a node label.',
  explanation:
    'Their data lives in a named volume, and a named volume is local to the node that created it. Unpinned, Swarm may reschedule the task on another node after a restart or node loss, where it starts on an empty volume (a fresh database beside the old one); with two replicas, each writes its own diverging copy, or two processes share one data directory on one node. A placement constraint on a node label (`placement: { node }`, with the label set by `docker node update --label-add`) keeps the task with its data.',
  check({ stack, services }) {
    if (!stack.target.isSwarm) return [];
    return services.flatMap((s) => {
      const kind = statefulKindOf(s);
      if (kind === undefined) return [];
      // More than one replica never gets here: the kind's writable volume refuses it at construction.
      return [
        ...(s.placement?.global
          ? [
              {
                ruleId: this.id,
                path: s.node.path,
                field: 'placement.global',
                value: true,
                message: `a ${kind} keeps its data in a node-local volume; one task per node would each write their own copy`,
                fix: `run one replica (remove placement.global); replicate the data with the ${kind}'s own replication if needed`,
              },
            ]
          : []),
        ...(s.placement?.node === undefined
          ? [
              {
                ruleId: this.id,
                path: s.node.path,
                field: 'placement.node',
                value: s.placement?.node,
                message: `a ${kind} without a placement pin can be rescheduled on a node that does not hold its volume, and start empty`,
                fix: `pin it: placement: { node: '<value>' }, and label that node with docker node update --label-add ${stack.target.nodeLabel}=<value> <node>`,
              },
            ]
          : []),
      ];
    });
  },
};
