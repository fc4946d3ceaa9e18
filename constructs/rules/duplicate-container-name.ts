import { StackRule } from './rule';

/** Container names are unique within a stack. */
export const duplicateContainerName: StackRule = {
  id: 'CDS-CONTAINER-NAME-DUPLICATE',
  summary: 'No two containers share a name.',
  explanation: 'The engine refuses the second container with a name conflict at deploy time, after part of the stack is up.',
  check({ services }) {
    const owners = new Map<string, string>();
    return services.flatMap((s) =>
      s.containerNames.flatMap((name) => {
        const owner = owners.get(name);
        owners.set(name, owner ?? s.node.path);
        return owner === undefined
          ? []
          : [{ ruleId: this.id, path: s.node.path, field: 'containerName', value: name, message: `already used by ${owner}`, fix: 'give one of them another containerName' }];
      }),
    );
  },
};
