import { clashesAcrossStacks, engineName, heldBy } from './app-clashes';
import { AppRule } from './rule';

/** Two stacks on one engine naming a container alike. */
export const appContainerName: AppRule = {
  id: 'CDS-APP-CONTAINER-NAME-DUPLICATE',
  summary: 'Stacks deployed to one engine never share a container name (replica names and START_FIRST base names included).',
  explanation:
    'Container names are unique per engine: the second stack fails with a name conflict, or, once the first is destroyed, takes over a container the other stack still lists in its state. Two stacks with one namePrefix derive the same names (`shop-db`) from the same construct ids.',
  check(context) {
    return clashesAcrossStacks(
      context,
      (stack) => stack.services.flatMap((owner) => owner.containerNames.map((value) => ({ owner, value }))),
      (a, b) => a === b,
    ).map((clash) => ({
      ruleId: this.id,
      path: clash.claim.owner.node.path,
      field: 'containerName',
      value: clash.claim.value,
      message: `already the name of a container of ${heldBy(clash)}, and both stacks deploy to ${engineName(context.dockerHost)}`,
      fix: 'give the stacks different namePrefixes, or one of the services another containerName',
    }));
  },
};
