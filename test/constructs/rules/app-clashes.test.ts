import { Testing } from 'cdktf';
import { Construct } from 'constructs';
import { DockerStack } from '../../../constructs';
import { Claim, clashesAcrossStacks, engineName, heldBy } from '../../../constructs/rules/app-clashes';
import type { AppRuleContext, RuleStack } from '../../../constructs/rules/rule';

// constructs/rules/app-clashes.ts: claims (host ports, names) that clash across the stacks of one engine.

/** Stacks of one app, each claiming the given values through a construct `owner-<n>`. */
function context(claims: Record<string, readonly string[]>): { context: AppRuleContext; claimsOf: (stack: RuleStack) => Claim<string>[] } {
  const app = Testing.app();
  const byStack = new Map<RuleStack, Claim<string>[]>();
  for (const [id, values] of Object.entries(claims)) {
    const stack = new DockerStack(app, id);
    byStack.set(
      { stack, services: [], networks: [] },
      values.map((value, n) => ({ owner: new Construct(stack, `owner-${n}`), value })),
    );
  }
  return { context: { dockerHost: undefined, stacks: [...byStack.keys()] }, claimsOf: (stack) => byStack.get(stack) ?? [] };
}

/** Each clash as "later path -> earlier path". */
const shown = (clashes: ReturnType<typeof clashesAcrossStacks<string>>) => clashes.map((c) => `${c.claim.owner.node.path} -> ${c.earlier.owner.node.path}`);

describe('clashesAcrossStacks', () => {
  test('given different values in every stack, then no clash', () => {
    const { context: c, claimsOf } = context({ a: ['x', 'y'], b: ['z'] });
    expect(clashesAcrossStacks(c, claimsOf, (p, q) => p === q)).toEqual([]);
  });

  test('given a value claimed twice within one stack, then no clash (the stack rules report it)', () => {
    const { context: c, claimsOf } = context({ a: ['x', 'x'], b: ['y'] });
    expect(clashesAcrossStacks(c, claimsOf, (p, q) => p === q)).toEqual([]);
  });

  test('given a value a later stack claims again, then one clash naming both claims and both stacks', () => {
    const { context: c, claimsOf } = context({ a: ['x'], b: ['y', 'x'] });

    const [clash, ...others] = clashesAcrossStacks(c, claimsOf, (p, q) => p === q);

    expect(others).toEqual([]);
    expect(clash.claim.owner.node.path).toBe('b/owner-1');
    expect(clash.stack.stack.node.id).toBe('b');
    expect(clash.earlier.owner.node.path).toBe('a/owner-0');
    expect(clash.earlierStack.stack.node.id).toBe('a');
  });

  test('given one value in three stacks, then each later claim once, against the first holder', () => {
    const { context: c, claimsOf } = context({ a: ['x'], b: ['x'], c: ['x'] });
    expect(shown(clashesAcrossStacks(c, claimsOf, (p, q) => p === q))).toEqual(['b/owner-0 -> a/owner-0', 'c/owner-0 -> a/owner-0']);
  });

  test('given a claim clashing with two claims of one earlier stack, then it is reported once, against the first', () => {
    const { context: c, claimsOf } = context({ a: ['x1', 'x2'], b: ['x'] });
    expect(shown(clashesAcrossStacks(c, claimsOf, (p, q) => p.startsWith(q) || q.startsWith(p)))).toEqual(['b/owner-0 -> a/owner-0']);
  });

  test('the predicate decides what clashes (an overlap, not only equality), and gets the earlier value first', () => {
    // Given a predicate that only an earlier wildcard satisfies
    const { context: c, claimsOf } = context({ a: ['*'], b: ['x'], c: ['*'] });
    const calls: [string, string][] = [];
    const clash = (earlier: string, later: string) => {
      calls.push([earlier, later]);
      return earlier === '*';
    };

    expect(shown(clashesAcrossStacks(c, claimsOf, clash))).toEqual(['b/owner-0 -> a/owner-0', 'c/owner-0 -> a/owner-0']);
    expect(calls[0]).toEqual(['*', 'x']);
  });

  test('given one stack, or none, then no clash', () => {
    const one = context({ a: ['x', 'x'] });
    expect(clashesAcrossStacks(one.context, one.claimsOf, () => true)).toEqual([]);
    expect(clashesAcrossStacks({ dockerHost: undefined, stacks: [] }, () => [], () => true)).toEqual([]);
  });
});

describe('engineName and heldBy', () => {
  test('an engine is named by its dockerHost, the default engine by where it is', () => {
    expect(engineName('tcp://10.0.0.5:2376')).toBe('tcp://10.0.0.5:2376');
    expect(engineName(undefined)).toBe('the default engine (DOCKER_HOST, else the local socket)');
  });

  test('the first holder is named by its path and its stack id', () => {
    const { context: c, claimsOf } = context({ shop: ['x'], blog: ['x'] });
    expect(heldBy(clashesAcrossStacks(c, claimsOf, (p, q) => p === q)[0])).toBe('shop/owner-0 (stack "shop")');
  });
});
