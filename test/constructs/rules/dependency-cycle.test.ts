import { ContainerImage, HealthCheck, Service } from '../../../constructs';
import { findings } from '../../support/rules';
import { newStack } from '../../support/synth';

const image = ContainerImage.fromRegistry('example/app:1.0.0');
const health = HealthCheck.command(['true']);

describe('CDS-DEPENDENCY-CYCLE', () => {
  test('compliant: a chain', () => {
    const stack = newStack();
    const a = new Service(stack, 'a', { image, healthCheck: health });
    const b = new Service(stack, 'b', { image, healthCheck: health, dependsOn: [a] });
    new Service(stack, 'c', { image, healthCheck: health, dependsOn: [b] });
    expect(findings(stack, 'CDS-DEPENDENCY-CYCLE')).toEqual([]);
  });

  test('non-compliant: a cycle added late is reported once', () => {
    const stack = newStack();
    const a = new Service(stack, 'a', { image, healthCheck: health });
    const b = new Service(stack, 'b', { image, healthCheck: health, dependsOn: [a] });
    a.addDependency(b);
    const messages = findings(stack, 'CDS-DEPENDENCY-CYCLE');
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain('"a -> b -> a": these services wait for each other');
  });
});
