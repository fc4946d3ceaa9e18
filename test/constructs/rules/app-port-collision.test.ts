import { ContainerImage, DockerApp, DockerStack, HealthCheck, Port, PortMapping, Service } from '../../../constructs';
import { ofRule, synthApp } from '../../support/app-synth';

// constructs/rules/app-port-collision.ts: host ports across the stacks that share an engine.
const image = ContainerImage.fromRegistry('example/api:1.0.0');
const healthCheck = HealthCheck.command(['true']);
const RULE = 'CDS-APP-PORT-COLLISION';
const DEFAULT_ENGINE = 'the default engine (DOCKER_HOST, else the local socket)';

/** A stack `id` whose service `api` publishes `ports`. */
function stackWith(app: DockerApp, id: string, ports: readonly PortMapping[], dockerHost?: string): DockerStack {
  const stack = new DockerStack(app, id, { dockerHost });
  new Service(stack, 'api', { image, healthCheck, ports });
  return stack;
}

describe(RULE, () => {
  test('compliant: the same port on two loopback addresses, or over two protocols, in two stacks', () => {
    const { messages, written } = synthApp((app) => {
      stackWith(app, 'a', [{ containerPort: Port.tcp(8000), hostPort: Port.tcp(8000), hostIp: '127.0.0.1' }]);
      stackWith(app, 'b', [{ containerPort: Port.tcp(8000), hostPort: Port.tcp(8000), hostIp: '127.0.0.2' }]);
      stackWith(app, 'c', [{ containerPort: Port.udp(8000), hostPort: Port.udp(8000), hostIp: '127.0.0.1' }]);
    });
    expect(messages).toEqual([]);
    expect(written).toEqual(expect.arrayContaining(['stacks/a/cdk.tf.json', 'stacks/b/cdk.tf.json', 'stacks/c/cdk.tf.json']));
  });

  test('compliant: the same host port on two different engines', () => {
    const { messages } = synthApp((app) => {
      stackWith(app, 'a', [{ containerPort: Port.tcp(8000), hostPort: Port.tcp(8000) }], 'ssh://deploy@one.example.com');
      stackWith(app, 'b', [{ containerPort: Port.tcp(8000), hostPort: Port.tcp(8000) }], 'ssh://deploy@two.example.com');
    });
    expect(messages).toEqual([]);
  });

  test('fails when two stacks on the default engine publish 127.0.0.1:8000 (arkalia and nexten before the port scheme)', () => {
    const { messages, written } = synthApp((app) => {
      stackWith(app, 'arkalia', [{ containerPort: Port.tcp(8000), hostPort: Port.tcp(8000) }]);
      stackWith(app, 'nexten', [{ containerPort: Port.tcp(8000), hostPort: Port.tcp(8000) }]);
    });
    expect(messages).toEqual([
      `[${RULE}] nexten/api: ports = "127.0.0.1:8000/tcp": already published by arkalia/api (stack "arkalia") on 127.0.0.1:8000/tcp, and both stacks deploy to ${DEFAULT_ENGINE}. Fix: give one of them another host port, or deploy the stacks to different engines (dockerHost)`,
    ]);
    expect(written).toEqual([]);
  });

  test('fails when 0.0.0.0 in one stack overlaps 127.0.0.1 in another on the same explicit engine', () => {
    const host = 'tcp://10.0.0.5:2376';
    const { messages } = synthApp((app) => {
      stackWith(app, 'a', [{ containerPort: Port.tcp(80), hostPort: Port.tcp(8080), hostIp: '127.0.0.1' }], host);
      const b = new DockerStack(app, 'b', { dockerHost: host });
      new Service(b, 'proxy', { image, healthCheck, public: true, ports: [{ containerPort: Port.tcp(8080), hostPort: Port.tcp(8080) }] });
    });
    expect(ofRule(messages, RULE)).toEqual([
      `[${RULE}] b/proxy: ports = "0.0.0.0:8080/tcp": already published by a/api (stack "a") on 127.0.0.1:8080/tcp, and both stacks deploy to ${host}. Fix: give one of them another host port, or deploy the stacks to different engines (dockerHost)`,
    ]);
  });

  test('a collision inside one stack is the stack rule\'s, reported once', () => {
    const { messages } = synthApp((app) => {
      const stack = new DockerStack(app, 'a');
      new Service(stack, 'x', { image, healthCheck, ports: [{ containerPort: Port.tcp(80), hostPort: Port.tcp(8080) }] });
      new Service(stack, 'y', { image, healthCheck, ports: [{ containerPort: Port.tcp(80), hostPort: Port.tcp(8080) }] });
      stackWith(app, 'b', []);
    });
    expect(ofRule(messages, RULE)).toEqual([]);
    expect(ofRule(messages, 'CDS-PORT-COLLISION')).toHaveLength(1);
  });
});
