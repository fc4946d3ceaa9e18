import { clashesAcrossStacks, engineName, heldBy } from './app-clashes';
import { AppRule } from './rule';

interface Mount {
  readonly volumeName: string;
  readonly target: string;
  readonly readOnly: boolean;
}

/** Two stacks on one engine mounting one named volume. */
export const appVolumeName: AppRule = {
  id: 'CDS-APP-VOLUME-SHARED',
  summary: 'Stacks deployed to one engine never share a named volume, unless every mount of it is read-only.',
  explanation:
    'A named volume is the engine\'s, not the stack\'s: two stacks with one namePrefix each with a Postgres "db" both mount `shop-db-data`, and the second database starts on (or overwrites) the first one\'s files.',
  check(context) {
    return clashesAcrossStacks(
      context,
      (stack) =>
        stack.services.flatMap((owner) =>
          owner.volumes.map((m) => ({ owner, value: { volumeName: m.volume.volumeName, target: m.target, readOnly: m.readOnly } satisfies Mount })),
        ),
      (a, b) => a.volumeName === b.volumeName && !(a.readOnly && b.readOnly),
    ).map((clash) => ({
      ruleId: this.id,
      path: clash.claim.owner.node.path,
      field: 'volumes',
      value: clash.claim.value.volumeName,
      message: `already mounted by ${heldBy(clash)} at ${clash.earlier.value.target}${clash.earlier.value.readOnly ? ' (read-only)' : ''}, and both stacks deploy to ${engineName(context.dockerHost)}`,
      fix: 'give the stacks different namePrefixes, or one of the volumes another volumeName (mount it read-only in both stacks if sharing is intended)',
    }));
  },
};
