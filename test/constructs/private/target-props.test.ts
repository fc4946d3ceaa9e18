import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Testing } from 'cdktf';
import { ContainerImage, Cpu, DockerStack, HealthCheck, Service, StackNetwork } from '../../../constructs';
import { synth } from '../../support/synth';
import { resourceNamed, swarmStack } from '../../support/swarm';
import { errorOf } from '../../support/validation-error';

const image = ContainerImage.fromRegistry(`registry.test:5000/app@sha256:${'a'.repeat(64)}`);
const healthCheck = HealthCheck.command(['true']);
const engineStack = () => new DockerStack(Testing.app(), 'test');

describe('props that mean something on one target only', () => {
  test('fails when placement is given on a single engine, naming the fix', () => {
    const error = errorOf(() => new Service(engineStack(), 'api', { image, healthCheck, placement: { node: 'web' } }));

    expect(error.problems[0]).toMatchObject({ path: 'test/api', field: 'placement', value: { node: 'web' } });
    expect(error.problems[0].fix).toContain('DeployTarget.swarm');
  });

  test('fails when cpuReservation is given on a single engine', () => {
    const error = errorOf(() => new Service(engineStack(), 'api', { image, healthCheck, cpuReservation: Cpu.cores(0.5) }));

    expect(error.problems[0]).toMatchObject({ field: 'cpuReservation' });
  });

  test('fails when containerName is given on Swarm', () => {
    const error = errorOf(() => new Service(swarmStack(), 'api', { image, healthCheck, containerName: 'api' }));

    expect(error.problems[0]).toMatchObject({ path: 'test/api', field: 'containerName', value: 'api' });
    expect(error.problems[0].fix).toContain('remove containerName');
  });

  test('fails when a locally built image is used on Swarm (every node pulls for itself)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cds-build-'));
    fs.writeFileSync(path.join(dir, 'Dockerfile'), 'FROM scratch\n');
    const built = ContainerImage.fromBuild(dir, { tag: 'local/app:1' });
    const error = errorOf(() => new Service(swarmStack(), 'api', { image: built, healthCheck }));

    expect(error.problems[0]).toMatchObject({ field: 'image' });
    expect(error.problems[0].fix).toContain('registry');
  });

  test('fails when global mode is combined with replicas', () => {
    const error = errorOf(() => new Service(swarmStack(), 'api', { image, healthCheck, replicas: 2, placement: { global: true } }));

    expect(error.problems[0]).toMatchObject({ field: 'replicas', value: 2 });
  });

  test.each(['privileged', 'hostNetwork', 'hostPid', 'hostIpc'] as const)('fails when hostAccess.%s is asked on Swarm', (field) => {
    const error = errorOf(() => new Service(swarmStack(), 'api', { image, healthCheck, hostAccess: { reason: 'needs the host for a test', [field]: true } }));

    expect(error.problems[0]).toMatchObject({ field: `hostAccess.${field}` });
  });

  test('given a CPU reservation equal to the limit, then it is accepted; one step above fails', () => {
    expect(() => new Service(swarmStack(), 'api', { image, healthCheck, cpuLimit: Cpu.cores(1), cpuReservation: Cpu.cores(1) })).not.toThrow();
    const error = errorOf(() => new Service(swarmStack(), 'api', { image, healthCheck, cpuLimit: Cpu.cores(1), cpuReservation: Cpu.cores(1.01) }));

    expect(error.problems[0]).toMatchObject({ field: 'cpuReservation' });
  });

  test.each([1, 32])('given maxReplicasPerNode %p, then it is accepted', (maxReplicasPerNode) => {
    expect(() => new Service(swarmStack(), 'api', { image, healthCheck, placement: { maxReplicasPerNode } })).not.toThrow();
  });

  test.each([0, 33, 1.5])('fails when maxReplicasPerNode is %p', (maxReplicasPerNode) => {
    const error = errorOf(() => new Service(swarmStack(), 'api', { image, healthCheck, placement: { maxReplicasPerNode } }));

    expect(error.problems[0].field).toBe('placement.maxReplicasPerNode');
  });
});

describe('every target conflict at once, each with its message and fix', () => {
  const TO_SWARM = 'or deploy the stack to Swarm (new DockerStack(app, id, { target: DeployTarget.swarm({ nodeLabel }) }))';
  const problem = (field: string, value: unknown, message: string, fix: string) => ({ ruleId: 'props', path: 'test/api', field, value, message, fix });

  test('given both Swarm-only props on a single engine, then both are named', () => {
    const error = errorOf(() => new Service(engineStack(), 'api', { image, healthCheck, placement: { node: 'web' }, cpuReservation: Cpu.cores(0.5) }));

    expect(error.problems).toEqual([
      problem('placement', { node: 'web' }, 'placement only means something on a Swarm target: a single engine runs every container on its one host', `remove placement, ${TO_SWARM}`),
      problem('cpuReservation', Cpu.cores(0.5), 'a single engine has no CPU reservation (only Swarm schedules by reserved CPU)', `remove cpuReservation (cpuLimit still caps the container), ${TO_SWARM}`),
    ]);
  });

  test('given every engine-only prop on Swarm, and a reservation above the default limit of 1 core, then each is named', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cds-build-'));
    fs.writeFileSync(path.join(dir, 'Dockerfile'), 'FROM scratch\n');
    const built = ContainerImage.fromBuild(dir, { tag: 'local/app:1' });
    const error = errorOf(() => new Service(swarmStack(), 'api', {
      image: built, healthCheck, containerName: 'api', cpuReservation: Cpu.cores(1.5), replicas: 2, placement: { global: true },
      hostAccess: { reason: 'needs the host for a test', privileged: true, hostPid: true },
    }));

    expect(error.problems).toEqual([
      problem('cpuReservation', Cpu.cores(1.5), 'more than the CPU limit (1 core)', 'reserve at most 1 core, or raise cpuLimit'),
      problem('containerName', 'api', 'Swarm names each task itself (<service>.<slot>.<task id>), so a container name cannot be set', 'remove containerName; the service is named <stack prefix>-<construct id>'),
      problem('image', 'local/app:1', 'every Swarm node pulls the image for itself, and a locally built image exists on this machine only', 'push the image to a registry the nodes reach and use ContainerImage.fromRegistry("registry/name@sha256:<digest>")'),
      problem('replicas', 2, 'a global service runs one task on every node, so a replica count contradicts it', 'remove replicas, or remove placement.global'),
      problem('hostAccess.privileged', true, 'a Swarm service cannot have privileged (docker_service has no such setting)', 'remove hostAccess.privileged, or deploy this service on a single engine (DeployTarget.engine())'),
      problem('hostAccess.hostPid', true, 'a Swarm service cannot have hostPid (docker_service has no such setting)', 'remove hostAccess.hostPid, or deploy this service on a single engine (DeployTarget.engine())'),
    ]);
  });

  test('given host access on Swarm with every flag false, then nothing is named', () => {
    expect(() => new Service(swarmStack(), 'api', { image, healthCheck, hostAccess: { reason: 'needs the host for a test', privileged: false, hostNetwork: false } })).not.toThrow();
  });
});

describe('StackNetwork on a target', () => {
  test('given a Swarm target, then networks are overlay, internal kept, not attachable unless asked', () => {
    const stack = swarmStack();
    const backend = new StackNetwork(stack, 'back', { internal: true });
    const tests = new StackNetwork(stack, 'probe', { attachable: true });

    const json = synth(stack);

    expect(resourceNamed(json, 'docker_network', backend.networkName)).toEqual({ name: 'test-back', driver: 'overlay', internal: true, attachable: false });
    expect(resourceNamed(json, 'docker_network', tests.networkName)).toMatchObject({ driver: 'overlay', internal: false, attachable: true });
  });

  test('fails when attachable is given on a single engine', () => {
    const error = errorOf(() => new StackNetwork(engineStack(), 'net', { attachable: true }));

    expect(error.problems[0]).toMatchObject({
      ruleId: 'props',
      path: 'test/net',
      field: 'attachable',
      value: true,
      message: 'attachable only means something for an overlay network (Swarm target); every bridge network takes containers',
      fix: 'remove attachable, or deploy the stack with target: DeployTarget.swarm(...)',
    });
  });
});
