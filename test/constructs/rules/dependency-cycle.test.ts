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
    expect(messages).toEqual(['[CDS-DEPENDENCY-CYCLE] test/a: dependsOn = "a -> b -> a": these services wait for each other. Fix: remove one dependsOn link so that one of them can start first']);
  });

  test('non-compliant: a cycle first reached through a service outside it is reported once, from where it closes', () => {
    const stack = newStack();
    const c = new Service(stack, 'c', { image, healthCheck: health });
    const a = new Service(stack, 'a', { image, healthCheck: health });
    const b = new Service(stack, 'b', { image, healthCheck: health, dependsOn: [a] });
    c.addDependency(a);
    a.addDependency(b);
    expect(findings(stack, 'CDS-DEPENDENCY-CYCLE')).toEqual([expect.stringContaining('test/a: dependsOn = "a -> b -> a": ')]);
  });

  test('non-compliant: two separate cycles are two findings', () => {
    const stack = newStack();
    const a = new Service(stack, 'a', { image, healthCheck: health });
    const b = new Service(stack, 'b', { image, healthCheck: health, dependsOn: [a] });
    const c = new Service(stack, 'c', { image, healthCheck: health });
    const d = new Service(stack, 'd', { image, healthCheck: health, dependsOn: [c] });
    a.addDependency(b);
    c.addDependency(d);
    expect(findings(stack, 'CDS-DEPENDENCY-CYCLE')).toEqual([expect.stringContaining('"a -> b -> a"'), expect.stringContaining('"c -> d -> c"')]);
  });
});
