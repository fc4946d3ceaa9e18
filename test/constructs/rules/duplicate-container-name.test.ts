import { ContainerImage, HealthCheck, Service } from '../../../constructs';
import { findings } from '../../support/rules';
import { newStack } from '../../support/synth';

const image = ContainerImage.fromRegistry('example/app:1.0.0');
const health = HealthCheck.command(['true']);

describe('CDS-CONTAINER-NAME-DUPLICATE', () => {
  test('compliant: default names differ', () => {
    const stack = newStack();
    new Service(stack, 'a', { image, healthCheck: health });
    new Service(stack, 'b', { image, healthCheck: health });
    expect(findings(stack, 'CDS-CONTAINER-NAME-DUPLICATE')).toEqual([]);
  });

  test('non-compliant: an explicit name reused', () => {
    const stack = newStack();
    new Service(stack, 'a', { image, healthCheck: health, containerName: 'shared' });
    new Service(stack, 'b', { image, healthCheck: health, containerName: 'shared' });
    expect(findings(stack, 'CDS-CONTAINER-NAME-DUPLICATE')).toEqual(['[CDS-CONTAINER-NAME-DUPLICATE] test/b: containerName = "shared": already used by test/a. Fix: give one of them another containerName']);
  });
});
