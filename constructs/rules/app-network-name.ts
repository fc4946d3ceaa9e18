import { clashesAcrossStacks, engineName, heldBy } from './app-clashes';
import { AppRule } from './rule';

/** Two stacks on one engine naming a network alike. */
export const appNetworkName: AppRule = {
  id: 'CDS-APP-NETWORK-NAME-DUPLICATE',
  summary: 'Stacks deployed to one engine never share a network name.',
  explanation:
    'Network names are unique per engine: the second stack fails at deploy time with "network with name ... already exists", after part of it is up.',
  check(context) {
    return clashesAcrossStacks(
      context,
      (stack) => stack.networks.map((owner) => ({ owner, value: owner.networkName })),
      (a, b) => a === b,
    ).map((clash) => ({
      ruleId: this.id,
      path: clash.claim.owner.node.path,
      field: 'networkName',
      value: clash.claim.value,
      message: `already the name of ${heldBy(clash)}, and both stacks deploy to ${engineName(context.dockerHost)}`,
      fix: 'give the stacks different namePrefixes, or one of the networks another networkName',
    }));
  },
};
