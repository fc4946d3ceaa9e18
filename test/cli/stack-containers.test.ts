import { declaredContainers, isContainerOf, matchContainers, type EngineContainer } from '../../cli/stack-containers';
import type { TerraformJson } from '../../cli/project';
import { ContainerImage, HealthCheck, NginxProxy, Port, Service, StackNetwork, UpdateOrder } from '../../constructs';
import { newStack, synth } from '../support/synth';

const image = ContainerImage.fromRegistry('example/app:1.0.0');
const healthCheck = HealthCheck.command(['true']);

describe('declaredContainers', () => {
  test('given a synthesized stack, then each container has its service, name, image reference and health check', () => {
    // Given replicas, a START_FIRST service behind a proxy and a service without a health check
    const stack = newStack('shop', 'web-shop');
    const net = new StackNetwork(stack, 'net');
    const app = new Service(stack, 'app', { image, healthCheck, updateOrder: UpdateOrder.START_FIRST, networks: [{ network: net }] });
    new NginxProxy(stack, 'proxy', { routes: [{ path: '/', upstream: app, upstreamPort: Port.tcp(8000) }], networks: [{ network: net }] });
    new Service(stack, 'worker', { image: ContainerImage.fromRegistry('example/worker:2.0.0'), healthCheck: HealthCheck.none(), replicas: 2, networks: [{ network: net }] });

    // When
    const declared = declaredContainers(synth(stack));

    // Then
    expect(declared.map((d) => [d.service, d.name, d.generation, d.image, d.healthCheck, d.stackLabel]).sort()).toEqual([
      ['app', 'web-shop-app', true, 'example/app:1.0.0', true, 'web-shop'],
      ['proxy', 'web-shop-proxy', false, expect.stringMatching(/^nginx/), true, 'web-shop'],
      ['worker', 'web-shop-worker-1', false, 'example/worker:2.0.0', false, 'web-shop'],
      ['worker', 'web-shop-worker-2', false, 'example/worker:2.0.0', false, 'web-shop'],
    ]);
  });

  test('given a container written on the raw bindings (no labels, a literal image), then the resource key names the service', () => {
    const json: TerraformJson = { resource: { docker_container: { api: { name: 'raw-api', image: 'example/api:1.0.0' } } } };

    expect(declaredContainers(json)).toEqual([{ service: 'api', name: 'raw-api', generation: false, image: 'example/api:1.0.0', healthCheck: false, stackLabel: undefined }]);
  });
});

describe('matchContainers', () => {
  const engine = (name: string, labels: Record<string, string> = {}): EngineContainer => ({ id: `id-${name}`, name, labels });
  const app = { service: 'app', name: 'shop-app', generation: true, image: undefined, healthCheck: true, stackLabel: 'shop' };
  const db = { service: 'db', name: 'shop-db', generation: false, image: undefined, healthCheck: true, stackLabel: 'shop' };

  test('given a START_FIRST service during a deploy, then both generations are its containers', () => {
    const match = matchContainers([app, db], [engine('shop-db'), engine('shop-app-0f3a9c'), engine('shop-app-b71e22')]);

    expect(match.found.map((f) => [f.declared.name, f.containers.map((c) => c.name)])).toEqual([
      ['shop-app', ['shop-app-0f3a9c', 'shop-app-b71e22']],
      ['shop-db', ['shop-db']],
    ]);
    expect(match.others).toEqual([]);
  });

  test('given a labelled container the stack does not declare, then it is listed apart', () => {
    const match = matchContainers([db], [engine('shop-db'), engine('shop-old', { 'org.cdktf-docker-stacks.service': 'old' })]);

    expect(match.others.map((c) => c.name)).toEqual(['shop-old']);
  });

  test('given a declared container the engine lacks, then it is found with no container', () => {
    expect(matchContainers([db], []).found).toEqual([{ declared: db, containers: [] }]);
  });

  test('fails to take a longer name for a generation unless it ends in hex, or for a service without generations', () => {
    expect(isContainerOf(app, 'shop-app-worker')).toBe(false);
    expect(isContainerOf(app, 'shop-app-')).toBe(false);
    expect(isContainerOf(db, 'shop-db-0f3a9c')).toBe(false);
    expect(isContainerOf(app, 'shop-app-0f3a9c')).toBe(true);
  });
});
