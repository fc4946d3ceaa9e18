import { DockerStack, StackNetwork, StackNetworks } from '../../../constructs';
import { ofRule, synthApp } from '../../support/app-synth';

// constructs/rules/app-network-name.ts: network names across the stacks that share an engine.
const RULE = 'CDS-APP-NETWORK-NAME-DUPLICATE';
const DEFAULT_ENGINE = 'the default engine (DOCKER_HOST, else the local socket)';
const FIX = 'Fix: give the stacks different namePrefixes, or one of the networks another networkName';

describe(RULE, () => {
  test('compliant: the same network ids in two stacks with their own prefixes', () => {
    const { messages } = synthApp((app) => {
      new StackNetworks(new DockerStack(app, 'shop-blue'), 'networks');
      new StackNetworks(new DockerStack(app, 'shop-green'), 'networks');
    });
    expect(messages).toEqual([]);
  });

  test('fails when two stacks with one namePrefix both create StackNetworks, even with no service on them', () => {
    const { messages, written } = synthApp((app) => {
      new StackNetworks(new DockerStack(app, 'shop-blue', { namePrefix: 'shop' }), 'networks');
      new StackNetworks(new DockerStack(app, 'shop-green', { namePrefix: 'shop' }), 'networks');
    });
    expect(ofRule(messages, RULE)).toEqual([
      `[${RULE}] shop-green/networks/frontend: networkName = "shop-frontend": already the name of shop-blue/networks/frontend (stack "shop-blue"), and both stacks deploy to ${DEFAULT_ENGINE}. ${FIX}`,
      `[${RULE}] shop-green/networks/backend: networkName = "shop-backend": already the name of shop-blue/networks/backend (stack "shop-blue"), and both stacks deploy to ${DEFAULT_ENGINE}. ${FIX}`,
    ]);
    expect(written).toEqual([]);
  });

  test('fails when an explicit networkName is repeated in two stacks on one explicit engine', () => {
    const dockerHost = 'ssh://deploy@prod.example.com';
    const { messages } = synthApp((app) => {
      new StackNetwork(new DockerStack(app, 'a', { dockerHost }), 'edge', { networkName: 'edge' });
      new StackNetwork(new DockerStack(app, 'b', { dockerHost }), 'public', { networkName: 'edge' });
    });
    expect(ofRule(messages, RULE)).toEqual([`[${RULE}] b/public: networkName = "edge": already the name of a/edge (stack "a"), and both stacks deploy to ${dockerHost}. ${FIX}`]);
  });
});
