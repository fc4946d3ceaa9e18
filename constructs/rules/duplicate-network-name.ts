import { StackRule } from './rule';

/** Network names are unique within a stack. */
export const duplicateNetworkName: StackRule = {
  id: 'CDS-NETWORK-NAME-DUPLICATE',
  summary: 'No two networks of a stack share a name.',
  explanation:
    'The engine refuses a second network with a name already taken, at deploy time, after part of the stack is up. Two ids that differ only in case (`Net`, `net`) derive one name.',
  check({ networks }) {
    const owners = new Map<string, string>();
    return networks.flatMap((network) => {
      const owner = owners.get(network.networkName);
      owners.set(network.networkName, owner ?? network.node.path);
      return owner === undefined
        ? []
        : [
            {
              ruleId: this.id,
              path: network.node.path,
              field: 'networkName',
              value: network.networkName,
              message: `already the name of ${owner}`,
              fix: 'use one network for both (pass the same StackNetwork), or give one another id or networkName',
            },
          ];
    });
  },
};
