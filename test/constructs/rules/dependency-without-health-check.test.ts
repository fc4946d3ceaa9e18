import { ContainerImage, HealthCheck, Service } from '../../../constructs';
import { findings } from '../../support/rules';
import { newStack } from '../../support/synth';

const image = ContainerImage.fromRegistry('example/app:1.0.0');
const health = HealthCheck.command(['true']);

describe('CDS-DEPENDS-NO-HEALTHCHECK', () => {
  test('compliant: the dependency has a health check', () => {
    const stack = newStack();
    const db = new Service(stack, 'db', { image, healthCheck: health });
    new Service(stack, 'api', { image, healthCheck: health, dependsOn: [db] });
    expect(findings(stack, 'CDS-DEPENDS-NO-HEALTHCHECK')).toEqual([]);
  });

  test('non-compliant: depending on a service without one', () => {
    const stack = newStack();
    const db = new Service(stack, 'db', { image, healthCheck: HealthCheck.none() });
    new Service(stack, 'api', { image, healthCheck: health, dependsOn: [db] });
    expect(findings(stack, 'CDS-DEPENDS-NO-HEALTHCHECK')).toEqual([
      '[CDS-DEPENDS-NO-HEALTHCHECK] test/api: dependsOn = "test/db": test/db has no health check, so it can never be waited for as healthy. Fix: give db a healthCheck, or remove it from dependsOn',
    ]);
  });
});
