import { StackRule } from './rule';

/** Swarm publishes on every node (or every node with a task) and cannot bind 127.0.0.1. */
export const swarmLoopbackPort: StackRule = {
  id: 'CDS-SWARM-LOOPBACK-PORT',
  summary: 'On a Swarm target, no published port is loopback-only: it is published explicitly public or not at all.',
  explanation:
    "On a single engine a port is bound to 127.0.0.1 unless the service is public. Swarm has no host address for a published port: the routing mesh (or a host-mode port) listens on every address of the node, so a port that was loopback-only would silently become reachable from every network the nodes are on. Publish through the stack's proxy (NginxProxy, public) and reach the service over a stack network, or opt in with public: true (or hostIp '0.0.0.0').",
  check({ stack, services }) {
    if (!stack.target.isSwarm) return [];
    return services.flatMap((s) =>
      s.ports
        .filter((p) => p.hostIp.startsWith('127.'))
        .map((p) => ({
          ruleId: this.id,
          path: s.node.path,
          field: 'ports',
          value: `${p.hostIp}:${p.hostPort.number}/${p.hostPort.protocol}`,
          message: 'Swarm cannot bind a published port to a loopback address: it would listen on every address of the nodes',
          fix: `do not publish it and route to ${s.node.id} through the stack's proxy over a stack network, or opt in to a public port with public: true (or hostIp "0.0.0.0")`,
        })),
    );
  },
};
