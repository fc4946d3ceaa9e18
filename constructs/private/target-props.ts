import type { ValidationProblem } from '../errors';
import { Cpu } from '../cpu';
import type { ContainerImage } from '../image';
import type { DeployTarget } from '../deploy-target';
import type { SwarmServiceOptions } from '../swarm-service-options';

/** The props of a Service that depend on the deploy target (validated, target-neutral otherwise). */
export interface TargetSensitiveProps extends SwarmServiceOptions {
  readonly image: ContainerImage;
  readonly containerName?: string;
  readonly replicas?: number;
  readonly cpuLimit?: Cpu;
  readonly hostAccess?: { readonly privileged?: boolean; readonly hostNetwork?: boolean; readonly hostPid?: boolean; readonly hostIpc?: boolean };
}

const TO_SWARM = 'or deploy the stack to Swarm (new DockerStack(app, id, { target: DeployTarget.swarm({ nodeLabel }) }))';

/**
 * Props that mean something on one target only, used on the other; each problem names the fix.
 * On a single engine: `placement`, `cpuReservation`. On Swarm: `containerName`, a locally built
 * image (every node pulls for itself), host namespaces and privileged mode (a Swarm service
 * has none), and `replicas` together with global mode.
 */
export function targetPropProblems(path: string, target: DeployTarget, p: TargetSensitiveProps): ValidationProblem[] {
  const problem = (field: string, value: unknown, message: string, fix: string): ValidationProblem => ({ ruleId: 'props', path, field, value, message, fix });
  if (!target.isSwarm) {
    return [
      ...(p.placement !== undefined ? [problem('placement', p.placement, 'placement only means something on a Swarm target: a single engine runs every container on its one host', `remove placement, ${TO_SWARM}`)] : []),
      ...(p.cpuReservation !== undefined
        ? [problem('cpuReservation', p.cpuReservation, 'a single engine has no CPU reservation (only Swarm schedules by reserved CPU)', `remove cpuReservation (cpuLimit still caps the container), ${TO_SWARM}`)]
        : []),
    ];
  }
  const host = p.hostAccess;
  const cpuLimit = p.cpuLimit ?? Cpu.cores(1);
  return [
    ...(p.cpuReservation !== undefined && p.cpuReservation.toCores() > cpuLimit.toCores()
      ? [problem('cpuReservation', p.cpuReservation, `more than the CPU limit (${cpuLimit})`, `reserve at most ${cpuLimit}, or raise cpuLimit`)]
      : []),
    ...(p.containerName !== undefined
      ? [problem('containerName', p.containerName, 'Swarm names each task itself (<service>.<slot>.<task id>), so a container name cannot be set', 'remove containerName; the service is named <stack prefix>-<construct id>')]
      : []),
    ...(p.image.isLocalBuild
      ? [problem('image', p.image.toString(), 'every Swarm node pulls the image for itself, and a locally built image exists on this machine only', 'push the image to a registry the nodes reach and use ContainerImage.fromRegistry("registry/name@sha256:<digest>")')]
      : []),
    ...(p.placement?.global && p.replicas !== undefined
      ? [problem('replicas', p.replicas, 'a global service runs one task on every node, so a replica count contradicts it', 'remove replicas, or remove placement.global')]
      : []),
    ...(['privileged', 'hostNetwork', 'hostPid', 'hostIpc'] as const)
      .filter((field) => host?.[field])
      .map((field) => problem(`hostAccess.${field}`, true, `a Swarm service cannot have ${field} (docker_service has no such setting)`, `remove hostAccess.${field}, or deploy this service on a single engine (DeployTarget.engine())`)),
  ];
}
