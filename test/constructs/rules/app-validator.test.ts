import { Testing } from 'cdktf';
import { Construct } from 'constructs';
import { ContainerImage, DockerStack, HealthCheck, NamedVolume, Postgres, Secret, Service, StackNetwork, ValidationProblem } from '../../../constructs';
import { appContainerName } from '../../../constructs/rules/app-container-name';
import { appNetworkName } from '../../../constructs/rules/app-network-name';
import { appPortCollision } from '../../../constructs/rules/app-port-collision';
import { APP_RULES, applyAppRules, ruleStackOf } from '../../../constructs/rules/app-validator';
import { appVolumeName } from '../../../constructs/rules/app-volume-name';
import type { AppRule, AppRuleContext } from '../../../constructs/rules/rule';

// constructs/rules/app-validator.ts: the app rules, applied per engine.

const image = ContainerImage.fromRegistry('example/api:1.0.0');
const healthCheck = HealthCheck.command(['true']);
const LOCAL_SOCKET = 'unix:///var/run/docker.sock';

/** A rule that finds nothing and records what it was shown: each engine's host and stack ids. */
function recordingRule(id = 'TEST-RECORD'): AppRule & { seen: { dockerHost: string | undefined; stacks: string[] }[] } {
  const seen: { dockerHost: string | undefined; stacks: string[] }[] = [];
  return {
    id,
    summary: 'records',
    explanation: 'records',
    seen,
    check(context: AppRuleContext) {
      seen.push({ dockerHost: context.dockerHost, stacks: context.stacks.map((s) => s.stack.node.id) });
      return [];
    },
  };
}

/** Stacks of one app, by id and dockerHost (undefined: none given). */
function stacks(hosts: Record<string, string | undefined>): DockerStack[] {
  const app = Testing.app();
  return Object.entries(hosts).map(([id, dockerHost]) => new DockerStack(app, id, { dockerHost }));
}

describe('APP_RULES', () => {
  test('lists host ports, then container, network and volume names', () => {
    expect(APP_RULES).toEqual([appPortCollision, appContainerName, appNetworkName, appVolumeName]);
  });
});

describe('ruleStackOf', () => {
  test('given a stack, then its services (kinds and nested ones included) and its networks, in construct order', () => {
    // Given a Service, a kind, a service inside a plain construct, a network nobody joins and a volume
    const [stack] = stacks({ shop: undefined });
    const front = new StackNetwork(stack, 'front');
    new Service(stack, 'api', { image, healthCheck, networks: [{ network: front }] });
    new Postgres(stack, 'db', { password: Secret.fromVariable('shop_db_password') });
    new Service(new Construct(stack, 'group'), 'worker', { image, healthCheck });
    new StackNetwork(stack, 'unused');
    new NamedVolume(stack, 'data');

    const view = ruleStackOf(stack);

    expect(view.stack).toBe(stack);
    expect(view.services.map((s) => s.node.path)).toEqual(['shop/api', 'shop/db', 'shop/group/worker']);
    expect(view.networks.map((n) => n.networkName)).toEqual(['shop-front', 'shop-unused']);
  });

  test('given an empty stack, then no service and no network', () => {
    expect(ruleStackOf(stacks({ empty: undefined })[0])).toMatchObject({ services: [], networks: [] });
  });
});

describe('applyAppRules groups stacks by engine', () => {
  test('given stacks without dockerHost, then they are checked together, on the default engine', () => {
    const rule = recordingRule();
    applyAppRules([rule], stacks({ a: undefined, b: undefined }));

    expect(rule.seen).toEqual([{ dockerHost: undefined, stacks: ['a', 'b'] }]);
  });

  test(`given a stack without dockerHost and one on ${LOCAL_SOCKET}, then they are checked together (the default is the local socket), named by the socket`, () => {
    const rule = recordingRule();
    applyAppRules([rule], stacks({ a: undefined, b: LOCAL_SOCKET }));

    expect(rule.seen).toEqual([{ dockerHost: LOCAL_SOCKET, stacks: ['a', 'b'] }]);
  });

  test('given tcp hosts, then stacks on one host are checked together and stacks on different hosts never', () => {
    // Given two stacks on one remote engine, one on another, and two on the local socket
    const rule = recordingRule();
    applyAppRules([rule], stacks({ a: 'tcp://10.0.0.5:2376', b: undefined, c: 'tcp://10.0.0.6:2376', d: 'tcp://10.0.0.5:2376', e: LOCAL_SOCKET }));

    // Then one check per shared engine, in the order each engine first appears; c alone is not checked
    expect(rule.seen).toEqual([
      { dockerHost: 'tcp://10.0.0.5:2376', stacks: ['a', 'd'] },
      { dockerHost: LOCAL_SOCKET, stacks: ['b', 'e'] },
    ]);
  });

  test('given a stack alone on its engine, or no stack, then no rule runs', () => {
    const rule = recordingRule();
    applyAppRules([rule], stacks({ a: 'tcp://10.0.0.5:2376', b: 'ssh://deploy@one.example.com', c: undefined }));
    applyAppRules([rule], []);

    expect(rule.seen).toEqual([]);
  });

  test('given a stack on a tcp host and one without dockerHost (the local socket), then they are not compared', () => {
    const rule = recordingRule();
    applyAppRules([rule], stacks({ a: 'tcp://10.0.0.5:2376', b: undefined }));

    expect(rule.seen).toEqual([]);
  });

  test("every rule's problems, engine by engine, in rule order", () => {
    // Given two rules that each report one problem per engine
    const problem = (ruleId: string, context: AppRuleContext): ValidationProblem => ({ ruleId, path: context.stacks[1].stack.node.path, field: 'f', value: 1, message: 'm', fix: 'x' });
    const rule = (id: string): AppRule => ({ id, summary: id, explanation: id, check: (context) => [problem(id, context)] });

    const found = applyAppRules([rule('R1'), rule('R2')], stacks({ a: undefined, b: undefined, c: 'tcp://h:2376', d: 'tcp://h:2376' }));

    expect(found.map((p) => `${p.ruleId} ${p.path}`)).toEqual(['R1 b', 'R2 b', 'R1 d', 'R2 d']);
  });

  test('with the real rules: two stacks on one engine with one namePrefix clash, on two engines they do not', () => {
    const app = Testing.app();
    const sameEngine = ['blue', 'green'].map((id) => new DockerStack(app, id, { namePrefix: 'shop' }));
    for (const stack of sameEngine) new Service(stack, 'api', { image, healthCheck });
    expect(applyAppRules(APP_RULES, sameEngine).map((p) => `${p.ruleId} ${p.path}`)).toEqual(['CDS-APP-CONTAINER-NAME-DUPLICATE green/api']);

    const apart = [new DockerStack(app, 'one', { namePrefix: 'shop', dockerHost: 'tcp://10.0.0.5:2376' }), new DockerStack(app, 'two', { namePrefix: 'shop', dockerHost: 'tcp://10.0.0.6:2376' })];
    for (const stack of apart) new Service(stack, 'api', { image, healthCheck });
    expect(applyAppRules(APP_RULES, apart)).toEqual([]);
  });
});
