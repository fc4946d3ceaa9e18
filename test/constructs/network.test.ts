import { App, TerraformStack, Testing } from 'cdktf';
import { Construct } from 'constructs';
import { ContainerImage, HealthCheck, Service, StackNetwork, StackNetworkProps, StackNetworks } from '../../constructs';
import { container, newStack, synth, SynthesizedStack } from '../support/synth';
import { errorOf } from '../support/validation-error';

/** Docker's longest network name here (NETWORK_NAME_PATTERN: 63 characters). */
const NETWORK_NAME_MAX = 63;

function networks(json: SynthesizedStack): Record<string, unknown>[] {
  return Object.values(json.resource.docker_network ?? {});
}

describe('StackNetwork', () => {
  describe('defaults', () => {
    test('given an id, when synthesized, then one bridge network named <prefix>-<id>, not internal, is created', () => {
      const stack = newStack('shop');
      const network = new StackNetwork(stack, 'edge');

      expect(networks(synth(stack))).toEqual([{ name: 'shop-edge', driver: 'bridge', internal: false }]);
      expect({ name: network.networkName, internal: network.internal }).toEqual({ name: 'shop-edge', internal: false });
    });

    test('given a mixed-case id, when synthesized, then the derived name is lowercased', () => {
      const stack = newStack('shop');
      new StackNetwork(stack, 'Edge');

      expect(networks(synth(stack)).map((n) => n.name)).toEqual(['shop-edge']);
    });

    test('given a network, then its primary resource is the child "Resource", exposed as the escape hatch', () => {
      const network = new StackNetwork(newStack(), 'edge');

      expect(network.node.defaultChild).toBe(network.resource);
      expect(network.resource.node.id).toBe('Resource');
    });

    test('given a service on the network, when synthesized, then the container references the network by id, not by name', () => {
      const stack = newStack();
      const network = new StackNetwork(stack, 'edge');
      new Service(stack, 'api', { image: ContainerImage.fromRegistry('example/app:1.0.0'), healthCheck: HealthCheck.command(['true']), networks: [{ network }] });
      const c = container(synth(stack), 'test-api');

      expect(c.networks_advanced).toEqual([expect.objectContaining({ name: expect.stringMatching(/^\$\{docker_network\.[^}]+\.id\}$/) })]);
      expect(network.networkId).toMatch(/\$\{TfToken/);
    });

    test('given a StackNetwork and other values, when checked, then only the network is branded as one', () => {
      const network = new StackNetwork(newStack(), 'edge');

      expect(StackNetwork.isStackNetwork(network)).toBe(true);
      expect(StackNetwork.isStackNetwork({ networkName: 'x' })).toBe(false);
      expect(StackNetwork.isStackNetwork(undefined)).toBe(false);
    });
  });

  describe('props', () => {
    test('given internal: true, when synthesized, then the network has no route outside', () => {
      const stack = newStack();
      new StackNetwork(stack, 'db-net', { internal: true });

      expect(networks(synth(stack))).toEqual([expect.objectContaining({ name: 'test-db-net', internal: true })]);
    });

    test('given a networkName, when synthesized, then it is used as is', () => {
      const stack = newStack();
      new StackNetwork(stack, 'edge', { networkName: 'Shared_Edge.1' });

      expect(networks(synth(stack)).map((n) => n.name)).toEqual(['Shared_Edge.1']);
    });

    test(`given a networkName of ${NETWORK_NAME_MAX} characters (the maximum), when constructed, then it is accepted`, () => {
      expect(() => new StackNetwork(newStack(), 'edge', { networkName: 'n'.repeat(NETWORK_NAME_MAX) })).not.toThrow();
    });

    test.each(['n'.repeat(NETWORK_NAME_MAX + 1), '-edge', 'my edge', 'edge/1', ''])('fails when networkName is %p', (networkName) => {
      const error = errorOf(() => new StackNetwork(newStack(), 'edge', { networkName }));

      expect(error.problems[0]).toMatchObject({ path: 'test/edge', field: 'networkName', value: networkName, message: 'not a valid Docker network name', fix: 'use letters, digits, "_", "." or "-", starting with a letter or digit' });
    });

    test('fails when internal is not a boolean, or a prop is unknown, naming each', () => {
      const error = errorOf(() => new StackNetwork(newStack(), 'edge', { internal: 'yes', driver: 'overlay' } as unknown as StackNetworkProps));

      expect(error.problems.map((p) => p.field).sort()).toEqual(['(props)', 'internal']);
    });
  });

  describe('names derived from the id', () => {
    test(`given an id that makes a name of ${NETWORK_NAME_MAX} characters, when constructed, then it is accepted`, () => {
      const id = 'n'.repeat(NETWORK_NAME_MAX - 'test-'.length);

      expect(new StackNetwork(newStack(), id).networkName).toHaveLength(NETWORK_NAME_MAX);
    });

    test.each([
      ['a space', 'front end', 'front-end'],
      ['too many characters', 'n'.repeat(NETWORK_NAME_MAX - 'test-'.length + 1), 'n'.repeat(40)],
    ])('fails when the id has %s for a network name, naming the id and a valid one, and nothing is left in the tree', (_what, id, suggestion) => {
      const stack = newStack();
      const error = errorOf(() => new StackNetwork(stack, id));

      expect(error.problems).toEqual([
        expect.objectContaining({ path: `test/${id}`, field: '(construct id)', value: id, fix: expect.stringContaining(`id of lowercase letters, digits and "-", e.g. "${suggestion}", or give networkName explicitly`) }),
      ]);
      expect(stack.node.tryFindChild(id)).toBeUndefined();
    });

    test('given a bad id and a valid networkName, when constructed, then the explicit name wins', () => {
      expect(new StackNetwork(newStack(), 'front end', { networkName: 'front-end' }).networkName).toBe('front-end');
    });

    test('fails when given the id cdktf reserves for the Terraform backend at the root of a stack', () => {
      const error = errorOf(() => new StackNetwork(newStack(), 'backend'));

      expect(error.problems[0]).toMatchObject({ ruleId: 'props', path: 'test/backend', field: '(construct id)', value: 'backend', message: 'cdktf reserves the id "backend" at the root of a stack', fix: 'use another id (e.g. "backend-net"), or StackNetworks' });
    });

    test('given the id "backend" below the root, when synthesized, then it is accepted', () => {
      const stack = newStack();
      new StackNetwork(new Construct(stack, 'nets'), 'backend');

      expect(networks(synth(stack)).map((n) => n.name)).toEqual(['test-backend']);
    });
  });

  describe('scope', () => {
    test('fails when created outside a DockerStack', () => {
      const app = Testing.app();
      const plain = new TerraformStack(app, 'plain');

      expect(errorOf(() => new StackNetwork(plain, 'edge')).problems[0]).toMatchObject({ field: '(scope)', value: 'plain' });
      expect(errorOf(() => new StackNetwork(new App(), 'edge')).problems[0]).toMatchObject({ field: '(scope)', value: '(no stack)' });
    });
  });
});

describe('StackNetworks', () => {
  test('given the usual split, when synthesized, then frontend is routable and backend internal, both named after the stack', () => {
    const stack = newStack('shop');
    const nets = new StackNetworks(stack, 'networks');

    expect(networks(synth(stack)).sort((a, b) => String(a.name).localeCompare(String(b.name)))).toEqual([
      { name: 'shop-backend', driver: 'bridge', internal: true },
      { name: 'shop-frontend', driver: 'bridge', internal: false },
    ]);
    expect([nets.frontend.internal, nets.backend.internal]).toEqual([false, true]);
  });
});
