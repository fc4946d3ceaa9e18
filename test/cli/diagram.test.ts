import { renderMermaid } from '../../cli/diagram';
import { ContainerImage, HealthCheck, NamedVolume, Port, Service, StackNetwork, UpdateOrder } from '../../constructs';
import { stackTopology, TOPOLOGY_VERSION, type StackTopology, type TopologyService } from '../../constructs/private/topology';
import { newStack } from '../support/synth';

const image = ContainerImage.fromRegistry('example/app:1.0.0');
const healthCheck = HealthCheck.command(['true']);

function service(name: string, overrides: Partial<TopologyService> = {}): TopologyService {
  return { name, path: `s/${name}`, image: 'example/app:1.0.0', containerNames: [`s-${name}`], startFirst: false, healthCheck: true, hostNetwork: false, networks: [], volumes: [], dependsOn: [], ports: [], ...overrides };
}

function topology(services: TopologyService[], networks: StackTopology['networks'] = []): StackTopology {
  return { version: TOPOLOGY_VERSION, stack: 's', namePrefix: 's', services, networks };
}

describe('renderMermaid', () => {
  test('given a stack, when drawn, then services are grouped by their networks, with ports, dependencies and volumes as edges', () => {
    // Given
    const stack = newStack('shop');
    const front = new StackNetwork(stack, 'front');
    const back = new StackNetwork(stack, 'back', { internal: true });
    const data = new NamedVolume(stack, 'data');
    const db = new Service(stack, 'db', { image, healthCheck, networks: [{ network: back }], volumes: [{ volume: data, target: '/data' }] });
    new Service(stack, 'api', { image, healthCheck, networks: [{ network: back }, { network: front }], dependsOn: [db], ports: [{ containerPort: Port.tcp(8000), hostPort: Port.tcp(18000) }] });

    // When
    const diagram = renderMermaid(stackTopology(stack));

    // Then
    expect(diagram).toBe(
      [
        'graph LR',
        '  subgraph net1 ["shop-back (internal)"]',
        '    svc_db[("db<br/>example/app:1.0.0")]',
        '  end',
        '  subgraph net2 ["shop-back (internal) + shop-front"]',
        '    svc_api["api<br/>example/app:1.0.0"]',
        '  end',
        '  port_127_0_0_1_18000_tcp(("127.0.0.1:18000")) -->|":8000"| svc_api',
        '  svc_api --> svc_db',
        '  svc_db --- vol1[("shop-data")]',
        '',
      ].join('\n'),
    );
  });

  test('given replicas, START_FIRST, no health check and the host network, then each is written beside the service name', () => {
    const stack = newStack('shop');
    const net = new StackNetwork(stack, 'net');
    new Service(stack, 'worker', { image, healthCheck: HealthCheck.none(), replicas: 3, networks: [{ network: net }] });
    new Service(stack, 'web', { image, healthCheck, updateOrder: UpdateOrder.START_FIRST, networks: [{ network: net }] });
    new Service(stack, 'agent', { image, healthCheck, hostAccess: { reason: 'host metrics', hostNetwork: true } });

    const diagram = renderMermaid(stackTopology(stack));

    expect(diagram).toContain('    svc_worker["worker ×3, no health check<br/>example/app:1.0.0"]\n');
    expect(diagram).toContain('    svc_web["web start-first<br/>example/app:1.0.0"]\n');
    // No network: outside every group.
    expect(diagram).toContain('\n  svc_agent["agent host network<br/>example/app:1.0.0"]\n');
  });

  test('given a volume shared read-only, then it is drawn once and each read-only mount is labelled ro; a reader is not drawn as a store', () => {
    const diagram = renderMermaid(
      topology([
        service('db', { volumes: [{ volume: 'shared', target: '/data', readOnly: false }] }),
        service('reader', { volumes: [{ volume: 'shared', target: '/data', readOnly: true }] }),
      ]),
    );

    expect(diagram).toContain('  svc_db[("db<br/>example/app:1.0.0")]\n');
    expect(diagram).toContain('  svc_reader["reader<br/>example/app:1.0.0"]\n');
    expect(diagram).toContain('  svc_db --- vol1[("shared")]\n  svc_reader ---|"ro"| vol1\n');
  });

  test('given a public port and a UDP port, then each shows its host address, and UDP its protocol', () => {
    const diagram = renderMermaid(
      topology([
        service('dns', {
          ports: [
            { hostIp: '0.0.0.0', hostPort: 53, containerPort: 5353, protocol: 'udp' },
            { hostIp: '0.0.0.0', hostPort: 53, containerPort: 5353, protocol: 'tcp' },
          ],
        }),
      ]),
    );

    expect(diagram).toContain('  port_0_0_0_0_53_udp(("0.0.0.0:53/udp")) -->|":5353"| svc_dns\n');
    expect(diagram).toContain('  port_0_0_0_0_53_tcp(("0.0.0.0:53")) -->|":5353"| svc_dns\n');
  });

  test('given a network no service joins, then it is drawn on its own, marked internal when it is', () => {
    const diagram = renderMermaid(topology([service('a', { networks: ['s-front'] })], [
      { name: 's-front', internal: false },
      { name: 's-spare', internal: true },
    ]));

    expect(diagram).toContain('  unused1{{"s-spare (internal): no service"}}\n');
  });

  test('given text that would end a label, then it is written as Mermaid entity codes', () => {
    const diagram = renderMermaid(topology([service('a', { image: 'x"y<z>&' })]));

    expect(diagram).toContain('svc_a["a<br/>x#quot;y#lt;z#gt;#amp;"]');
  });

  test('given the same stack twice, then the diagram is the same text (the README compares it)', () => {
    const build = (): string => {
      const stack = newStack('same');
      const net = new StackNetwork(stack, 'net');
      const a = new Service(stack, 'a', { image, healthCheck, networks: [{ network: net }] });
      new Service(stack, 'b', { image, healthCheck, networks: [{ network: net }], dependsOn: [a] });
      return renderMermaid(stackTopology(stack));
    };

    expect(build()).toBe(build());
  });
});
