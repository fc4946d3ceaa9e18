import { App, TerraformStack, Testing } from 'cdktf';
import { Construct } from 'constructs';
import { ContainerImage, HealthCheck, NamedVolume, NamedVolumeProps, Service } from '../../constructs';
import { container, newStack, synth } from '../support/synth';
import { errorOf } from '../support/validation-error';

/** Docker's longest volume name here (VOLUME_NAME_PATTERN: 128 characters). */
const VOLUME_NAME_MAX = 128;

describe('NamedVolume', () => {
  describe('names', () => {
    test('given a volume at the root of a stack, then it is named <prefix>-<id>, lowercased', () => {
      expect(new NamedVolume(newStack('shop'), 'Cache').volumeName).toBe('shop-cache');
    });

    test('given volumes with one id in two scopes, then each is named after its whole path below the stack, so they never share data', () => {
      const stack = newStack('shop');
      const db = new NamedVolume(new Construct(stack, 'db'), 'data');
      const cache = new NamedVolume(new Construct(new Construct(stack, 'cache'), 'Primary'), 'data');

      expect([db.volumeName, cache.volumeName]).toEqual(['shop-db-data', 'shop-cache-primary-data']);
    });

    test('given a volumeName, then it is used as is', () => {
      expect(new NamedVolume(newStack(), 'data', { volumeName: 'Kept_Data.v1' }).volumeName).toBe('Kept_Data.v1');
    });

    test(`given a volumeName of ${VOLUME_NAME_MAX} characters (the maximum), when constructed, then it is accepted`, () => {
      expect(() => new NamedVolume(newStack(), 'data', { volumeName: 'v'.repeat(VOLUME_NAME_MAX) })).not.toThrow();
    });

    test.each(['v'.repeat(VOLUME_NAME_MAX + 1), '.data', 'my data', 'data/1', ''])('fails when volumeName is %p', (volumeName) => {
      const error = errorOf(() => new NamedVolume(newStack(), 'data', { volumeName }));

      expect(error.problems[0]).toMatchObject({ path: 'test/data', field: 'volumeName', value: volumeName, message: 'not a valid Docker volume name' });
    });

    test('fails when a prop is unknown', () => {
      const error = errorOf(() => new NamedVolume(newStack(), 'data', { driver: 'local' } as unknown as NamedVolumeProps));

      expect(error.problems[0]).toMatchObject({ path: 'test/data', field: '(props)', fix: expect.stringContaining('remove driver') });
    });
  });

  describe('names derived from the id', () => {
    test(`given an id that makes a name of ${VOLUME_NAME_MAX} characters, when constructed, then it is accepted`, () => {
      expect(new NamedVolume(newStack(), 'v'.repeat(VOLUME_NAME_MAX - 'test-'.length)).volumeName).toHaveLength(VOLUME_NAME_MAX);
    });

    test.each([
      ['a space', 'my data', 'my-data'],
      ['too many characters', 'v'.repeat(VOLUME_NAME_MAX - 'test-'.length + 1), 'v'.repeat(40)],
    ])('fails when the id has %s for a volume name, naming the id and a valid one, and nothing is left in the tree', (_what, id, suggestion) => {
      const stack = newStack();
      const error = errorOf(() => new NamedVolume(stack, id));

      expect(error.problems).toEqual([
        expect.objectContaining({ path: `test/${id}`, field: '(construct id)', value: id, fix: expect.stringContaining(`id of lowercase letters, digits and "-", e.g. "${suggestion}", or give volumeName explicitly`) }),
      ]);
      expect(stack.node.tryFindChild(id)).toBeUndefined();
    });

    test('given a bad id and a valid volumeName, when constructed, then the explicit name wins', () => {
      expect(new NamedVolume(newStack(), 'my data', { volumeName: 'my-data' }).volumeName).toBe('my-data');
    });
  });

  describe('lifecycle', () => {
    test('given a volume mounted by a service, when synthesized, then the mount names it and no Terraform resource can destroy it', () => {
      const stack = newStack();
      const data = new NamedVolume(stack, 'data');
      new Service(stack, 'api', {
        image: ContainerImage.fromRegistry('example/app:1.0.0'),
        healthCheck: HealthCheck.command(['true']),
        volumes: [{ volume: data, target: '/var/lib/app' }],
      });
      const json = synth(stack);

      expect(container(json, 'test-api').mounts).toEqual([{ type: 'volume', source: 'test-data', target: '/var/lib/app', read_only: false }]);
      expect(json.resource.docker_volume).toBeUndefined();
    });

    test('given a NamedVolume and other values, when checked, then only the volume is branded as one', () => {
      expect(NamedVolume.isNamedVolume(new NamedVolume(newStack(), 'data'))).toBe(true);
      expect(NamedVolume.isNamedVolume({ volumeName: 'data' })).toBe(false);
      expect(NamedVolume.isNamedVolume(null)).toBe(false);
    });

    test('fails when created outside a DockerStack', () => {
      const plain = new TerraformStack(Testing.app(), 'plain');

      expect(errorOf(() => new NamedVolume(plain, 'data')).problems[0]).toMatchObject({ field: '(scope)', value: 'plain' });
      expect(errorOf(() => new NamedVolume(new App(), 'data')).problems[0]).toMatchObject({ field: '(scope)', value: '(no stack)' });
    });
  });
});
