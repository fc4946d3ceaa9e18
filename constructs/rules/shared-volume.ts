import { StackRule } from './rule';

/** A named volume written by two services. */
export const sharedVolume: StackRule = {
  id: 'CDS-VOLUME-SHARED',
  summary: 'A named volume is written by one service at most; others mount it read-only.',
  explanation:
    'Two writers on one volume corrupt each other\'s files: two databases on one data directory, or two volumes whose ids differ only in case (`Data`, `data`) and so derive one name. A reader beside one writer (backups read by an API) is fine when it mounts the volume read-only.',
  check({ services }) {
    const writers = new Map<string, { readonly path: string; readonly target: string }>();
    return services.flatMap((service) =>
      service.volumes
        .filter((mount) => !mount.readOnly)
        .flatMap((mount) => {
          const name = mount.volume.volumeName;
          const writer = writers.get(name);
          if (writer === undefined) {
            writers.set(name, { path: service.node.path, target: mount.target });
            return [];
          }
          return [
            {
              ruleId: this.id,
              path: service.node.path,
              field: 'volumes',
              value: name,
              message: `already written by ${writer.path} (at ${writer.target})`,
              fix: 'give each service its own volume (another id or volumeName), or mount it read-only in all services but one',
            },
          ];
        }),
    );
  },
};
