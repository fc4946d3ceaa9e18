import { StackRule } from './rule';

const DOCKER_SOCKETS = ['/var/run/docker.sock', '/run/docker.sock'];

/** Privileged mode, host namespaces and the Docker socket need an explicit, reasoned opt-in. */
export const hostAccess: StackRule = {
  id: 'CDS-HOST-ACCESS',
  summary: 'Privileged mode, host network/PID/IPC and the Docker socket are used only with hostAccess and a reason.',
  explanation: 'Each of them gives the container control of the host; a review must see why.',
  check({ services }) {
    return services.flatMap((s) =>
      s.bindMounts
        .filter((b) => DOCKER_SOCKETS.includes(b.source) && !s.hostAccess?.dockerSocket)
        .map((b) => ({
          ruleId: this.id,
          path: s.node.path,
          field: 'bindMounts',
          value: b.source,
          message: 'mounts the Docker socket, which controls the whole engine',
          fix: 'remove the mount, or declare hostAccess: { dockerSocket: true, reason: "..." }',
        })),
    );
  },
};
