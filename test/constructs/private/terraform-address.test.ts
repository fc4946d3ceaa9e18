import { TerraformOutput, Testing, Token } from 'cdktf';
import { Construct } from 'constructs';
import { network as dockerNetwork } from '../../../.gen/providers/docker';
import { dependsOnReference } from '../../../constructs/private/terraform-address';
import { newStack } from '../../support/synth';

// constructs/private/terraform-address.ts: bare resource addresses for depends_on.

type Synthesized = { resource: { docker_network: Record<string, { name: string; depends_on?: string[] }> }; output?: Record<string, { value: unknown }> };

/** The Terraform key of the network named `name`. */
function keyOf(json: Synthesized, name: string): string {
  const entry = Object.entries(json.resource.docker_network).find(([, n]) => n.name === name);
  if (!entry) throw new Error(`no network ${name}`);
  return entry[0];
}

describe('dependsOnReference', () => {
  test('given a resource, then depends_on holds its bare address, not an interpolation', () => {
    // Given two resources, one nested deeper in the tree
    const stack = newStack();
    const first = new dockerNetwork.Network(new Construct(stack, 'group'), 'first', { name: 'first' });
    const second = new dockerNetwork.Network(stack, 'second', { name: 'second' });

    // When the second depends on the first through the reference
    second.dependsOn = [dependsOnReference(first)];

    // Then the address is the type and the key Terraform knows the first by
    const json = JSON.parse(Testing.synth(stack)) as Synthesized;
    expect(json.resource.docker_network[keyOf(json, 'second')].depends_on).toEqual([`docker_network.${keyOf(json, 'first')}`]);
  });

  test('the reference is a token, resolved at synth time (the key is known only then)', () => {
    const net = new dockerNetwork.Network(newStack(), 'net', { name: 'net' });

    expect(Token.isUnresolved(dependsOnReference(net))).toBe(true);
  });

  test('used where a value is expected, it still renders without braces (so it is for depends_on only)', () => {
    const stack = newStack();
    const net = new dockerNetwork.Network(stack, 'net', { name: 'net' });
    new TerraformOutput(stack, 'address', { value: dependsOnReference(net) });

    const json = JSON.parse(Testing.synth(stack)) as Synthesized;
    expect(json.output?.address.value).toBe(`docker_network.${keyOf(json, 'net')}`);
  });
});
