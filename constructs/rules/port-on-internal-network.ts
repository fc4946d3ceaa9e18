import { StackRule } from './rule';

/** Ports published by a container that joins only internal networks are unreachable. */
export const portOnInternalNetwork: StackRule = {
  id: 'CDS-PORT-INTERNAL-ONLY',
  summary: 'A service that publishes ports joins at least one non-internal network.',
  explanation: 'An internal network has no route to the host: the published port answers nothing (seen on a real engine: connection refused until the container joined a non-internal network).',
  check({ services }) {
    return services
      .filter((s) => s.ports.length > 0 && s.networks.length > 0 && s.networks.every((a) => a.network.internal))
      .map((s) => ({
        ruleId: this.id,
        path: s.node.path,
        field: 'ports',
        value: s.ports.map((p) => `${p.hostIp}:${p.hostPort.number}`).join(', '),
        message: `published, but the service joins only internal networks (${s.networks.map((a) => a.network.networkName).join(', ')})`,
        fix: 'also connect the service to a non-internal network (e.g. frontend), or stop publishing the port',
      }));
  },
};
