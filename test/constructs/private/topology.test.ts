import { ContainerImage, HealthCheck, NamedVolume, Port, Service, StackNetwork, UpdateOrder } from '../../../constructs';
import { stackTopology, TOPOLOGY_VERSION } from '../../../constructs/private/topology';
import { newStack } from '../../support/synth';

const image = ContainerImage.fromRegistry('example/app:1.0.0');
const healthCheck = HealthCheck.command(['true']);

describe('stackTopology', () => {
  test('given a stack, when its topology is read, then services, networks, volumes, dependencies and ports come from the construct tree', () => {
    // Given
    const stack = newStack('shop', 'web-shop');
    const front = new StackNetwork(stack, 'front');
    const back = new StackNetwork(stack, 'back', { internal: true });
    new StackNetwork(stack, 'spare');
    const data = new NamedVolume(stack, 'data');
    const db = new Service(stack, 'db', { image, healthCheck, networks: [{ network: back }], volumes: [{ volume: data, target: '/var/lib/data' }] });
    const api = new Service(stack, 'api', { image, healthCheck, networks: [{ network: back }, { network: front }], dependsOn: [db], public: true });
    api.addPort({ containerPort: Port.tcp(8000), hostPort: Port.tcp(18000) });
    api.addPort({ containerPort: Port.udp(514), hostIp: '127.0.0.1' });
    new Service(stack, 'reader', { image, healthCheck: HealthCheck.none(), replicas: 2, networks: [{ network: back }], volumes: [{ volume: data, target: '/data', readOnly: true }] });
    new Service(stack, 'web', { image, healthCheck, updateOrder: UpdateOrder.START_FIRST, networks: [{ network: front }] });

    // When
    const topology = stackTopology(stack);

    // Then
    expect(topology).toEqual({
      version: TOPOLOGY_VERSION,
      stack: 'shop',
      namePrefix: 'web-shop',
      networks: [
        { name: 'web-shop-front', internal: false },
        { name: 'web-shop-back', internal: true },
        { name: 'web-shop-spare', internal: false },
      ],
      services: [
        {
          name: 'db',
          path: 'shop/db',
          image: 'example/app:1.0.0',
          containerNames: ['web-shop-db'],
          startFirst: false,
          healthCheck: true,
          hostNetwork: false,
          networks: ['web-shop-back'],
          volumes: [{ volume: 'web-shop-data', target: '/var/lib/data', readOnly: false }],
          dependsOn: [],
          ports: [],
        },
        {
          name: 'api',
          path: 'shop/api',
          image: 'example/app:1.0.0',
          containerNames: ['web-shop-api'],
          startFirst: false,
          healthCheck: true,
          hostNetwork: false,
          networks: ['web-shop-back', 'web-shop-front'],
          volumes: [],
          dependsOn: ['db'],
          ports: [
            { hostIp: '0.0.0.0', hostPort: 18000, containerPort: 8000, protocol: 'tcp' },
            { hostIp: '127.0.0.1', hostPort: 514, containerPort: 514, protocol: 'udp' },
          ],
        },
        expect.objectContaining({ name: 'reader', containerNames: ['web-shop-reader-1', 'web-shop-reader-2'], healthCheck: false, volumes: [{ volume: 'web-shop-data', target: '/data', readOnly: true }] }),
        expect.objectContaining({ name: 'web', containerNames: ['web-shop-web'], startFirst: true }),
      ],
    });
  });

  test('given a service on the host network, then the topology says so', () => {
    const stack = newStack('probe');
    new Service(stack, 'agent', { image, healthCheck, hostAccess: { reason: 'reads host metrics', hostNetwork: true } });

    expect(stackTopology(stack).services[0]).toMatchObject({ name: 'agent', hostNetwork: true, networks: [] });
  });

  test('given services of another stack in the same app, then only the stack\'s own are listed', () => {
    const stack = newStack('one');
    new Service(stack, 'a', { image, healthCheck });
    const other = newStack('two');
    new Service(other, 'b', { image, healthCheck });

    expect(stackTopology(stack).services.map((s) => s.name)).toEqual(['a']);
  });
});
