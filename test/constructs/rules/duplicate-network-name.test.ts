import { StackNetwork } from '../../../constructs';
import { findings } from '../../support/rules';
import { newStack } from '../../support/synth';

const RULE = 'CDS-NETWORK-NAME-DUPLICATE';

describe(RULE, () => {
  test('compliant: networks with their own names', () => {
    const stack = newStack();
    new StackNetwork(stack, 'front');
    new StackNetwork(stack, 'back', { internal: true });
    expect(findings(stack, RULE)).toEqual([]);
  });

  test('non-compliant: two networks with one explicit networkName', () => {
    const stack = newStack();
    new StackNetwork(stack, 'a', { networkName: 'shared' });
    new StackNetwork(stack, 'b', { networkName: 'shared' });
    expect(findings(stack, RULE)).toEqual([
      `[${RULE}] test/b: networkName = "shared": already the name of test/a. Fix: use one network for both (pass the same StackNetwork), or give one another id or networkName`,
    ]);
  });

  test('non-compliant: two ids that differ only in case derive one name', () => {
    const stack = newStack();
    new StackNetwork(stack, 'Net');
    new StackNetwork(stack, 'net');
    expect(findings(stack, RULE)).toEqual([expect.stringContaining('test/net: networkName = "test-net": already the name of test/Net')]);
  });
});
