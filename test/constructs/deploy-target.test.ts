import { Testing } from 'cdktf';
import { ContainerImage, DeployTarget, DockerStack, HealthCheck, Service, SwarmEndpointMode, SwarmPublishMode } from '../../constructs';
import { SWARM_DEFAULT_NODE_LABEL } from '../../constructs/deploy-target';
import { synth } from '../support/synth';
import { errorOf } from '../support/validation-error';

describe('DeployTarget', () => {
  test('given engine(), then it is not Swarm', () => {
    expect(DeployTarget.engine().isSwarm).toBe(false);
    expect(DeployTarget.engine().kind).toBe('engine');
  });

  test('given swarm() without options, then Swarm defaults apply (VIP, ingress, the default node label)', () => {
    const target = DeployTarget.swarm();

    expect(target).toMatchObject({ kind: 'swarm', nodeLabel: SWARM_DEFAULT_NODE_LABEL, endpointMode: SwarmEndpointMode.VIP, publishMode: SwarmPublishMode.INGRESS });
  });

  test('given swarm() with options, then they are kept', () => {
    const target = DeployTarget.swarm({ nodeLabel: 'cds.node', endpointMode: SwarmEndpointMode.DNSRR, publishMode: SwarmPublishMode.HOST });

    expect(target).toMatchObject({ nodeLabel: 'cds.node', endpointMode: 'dnsrr', publishMode: 'host' });
  });

  test('it is written as in code, with its Swarm options', () => {
    expect(String(DeployTarget.engine())).toBe('DeployTarget.engine()');
    expect(String(DeployTarget.swarm({ nodeLabel: 'cds.node', endpointMode: SwarmEndpointMode.DNSRR, publishMode: SwarmPublishMode.HOST }))).toBe('DeployTarget.swarm(nodeLabel=cds.node, endpointMode=dnsrr, publishMode=host)');
  });

  test('it is recognised by its brand', () => {
    expect(DeployTarget.isDeployTarget(DeployTarget.swarm())).toBe(true);
    expect(DeployTarget.isDeployTarget({ kind: 'swarm' })).toBe(false);
  });

  test.each(['Node', '-x', 'a b', ''])('fails when the node label is %p', (nodeLabel) => {
    const error = errorOf(() => DeployTarget.swarm({ nodeLabel }));

    expect(error.problems[0]).toMatchObject({ field: 'nodeLabel', value: nodeLabel, message: 'not a node label key', fix: 'use lowercase letters, digits, ".", "_" or "-", e.g. "org.example.node"' });
  });

  test.each([
    ['endpointMode', { endpointMode: 'roundrobin' }, 'not a SwarmEndpointMode', 'use SwarmEndpointMode.VIP or SwarmEndpointMode.DNSRR'],
    ['publishMode', { publishMode: 'mesh' }, 'not a SwarmPublishMode', 'use SwarmPublishMode.INGRESS or SwarmPublishMode.HOST'],
  ])('fails when %s is not one of its enum, naming the values that are', (field, options, message, fix) => {
    const error = errorOf(() => DeployTarget.swarm(options as never));

    expect(error.problems).toEqual([{ ruleId: 'props', path: 'DeployTarget.swarm', field, value: Object.values(options)[0], message, fix }]);
  });

  test('fails when DNS round robin is combined with the ingress routing mesh, which Docker refuses', () => {
    const error = errorOf(() => DeployTarget.swarm({ endpointMode: SwarmEndpointMode.DNSRR }));

    expect(error.problems).toEqual([
      {
        ruleId: 'props',
        path: 'DeployTarget.swarm',
        field: 'publishMode',
        value: 'ingress',
        message: 'Docker refuses ports published through the ingress routing mesh on a service in DNS round-robin mode',
        fix: 'add publishMode: SwarmPublishMode.HOST (each node running a task answers on its own address), or keep endpointMode VIP',
      },
    ]);
  });

  test('fails when an option is unknown', () => {
    const error = errorOf(() => DeployTarget.swarm({ replicas: 3 } as never));

    expect(error.problems[0].path).toBe('DeployTarget.swarm');
  });
});

describe('DockerStack target', () => {
  const image = ContainerImage.fromRegistry('registry.example/app@sha256:' + 'a'.repeat(64));
  const healthCheck = HealthCheck.command(['true']);

  test('given no target, then it is the engine and a service is a docker_container', () => {
    const stack = new DockerStack(Testing.app(), 'shop');
    new Service(stack, 'api', { image, healthCheck });
    const json = synth(stack);

    expect(stack.target.isSwarm).toBe(false);
    expect(Object.keys(json.resource.docker_container ?? {})).toHaveLength(1);
    expect(json.resource.docker_service).toBeUndefined();
  });

  test('given a Swarm target, then a service is a docker_service and no container or image resource is made', () => {
    const stack = new DockerStack(Testing.app(), 'shop', { target: DeployTarget.swarm() });
    new Service(stack, 'api', { image, healthCheck });
    const json = synth(stack);

    expect(Object.values(json.resource.docker_service ?? {}).map((s) => s.name)).toEqual(['shop-api']);
    expect(json.resource.docker_container).toBeUndefined();
    expect(json.resource.docker_image).toBeUndefined();
  });

  test('fails when the target is not a DeployTarget', () => {
    const error = errorOf(() => new DockerStack(Testing.app(), 'shop', { target: 'swarm' as never }));

    expect(error.problems[0]).toMatchObject({ path: 'shop', field: 'target', value: 'swarm', message: 'not a DeployTarget', fix: 'use DeployTarget.engine() or DeployTarget.swarm({ nodeLabel })' });
  });
});
