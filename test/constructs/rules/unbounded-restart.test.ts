import { ContainerImage, HealthCheck, Postgres, RestartPolicy, Service, ServiceProps } from '../../../constructs';
import { StackAdvisor } from '../../../constructs/rules/stack-advisor';
import { unboundedRestart } from '../../../constructs/rules/unbounded-restart';
import { newStack, validationMessages } from '../../support/synth';

const image = ContainerImage.fromRegistry('example/app:1.0.0');
const health = HealthCheck.command(['true']);

/** The advice CDS-RESTART-UNBOUNDED gives for one service `api` in a fresh stack `test`. */
function adviceFor(props: Partial<ServiceProps>) {
  const stack = newStack();
  new Service(stack, 'api', { image, healthCheck: health, ...props });
  return { stack, advice: new StackAdvisor(stack).problems().filter((p) => p.ruleId === 'CDS-RESTART-UNBOUNDED') };
}

describe('CDS-RESTART-UNBOUNDED', () => {
  test('given the rule, then it has a stable id, a one-line summary and an explanation', () => {
    expect(unboundedRestart.id).toBe('CDS-RESTART-UNBOUNDED');
    expect(unboundedRestart.summary).not.toContain('\n');
    expect(unboundedRestart.explanation).toMatch(/restart loops/);
  });

  test.each([
    ['the default (onFailure(5))', {}],
    ['onFailure(1)', { restartPolicy: RestartPolicy.onFailure(1) }],
    ['onFailure(20)', { restartPolicy: RestartPolicy.onFailure(20) }],
    ['never()', { restartPolicy: RestartPolicy.never() }],
  ])('compliant: %s is bounded', (_what, props) => {
    expect(adviceFor(props).advice).toEqual([]);
  });

  test('non-compliant: unlessStopped() restarts without bound, named by path, field, value and fix', () => {
    const { advice } = adviceFor({ restartPolicy: RestartPolicy.unlessStopped() });
    expect(advice).toEqual([
      {
        ruleId: 'CDS-RESTART-UNBOUNDED',
        path: 'test/api',
        field: 'restartPolicy',
        value: RestartPolicy.unlessStopped(),
        message: 'restarts without bound: a crash loop never ends, and between two crashes the container looks up',
        fix: 'use RestartPolicy.onFailure(n) (the default is 5, at most 20), so a crashing container stops with its exit code and logs',
      },
    ]);
  });

  test('non-compliant: a kind with unlessStopped() is advised like a plain Service', () => {
    const stack = newStack();
    new Postgres(stack, 'db', { restartPolicy: RestartPolicy.unlessStopped() });
    expect(new StackAdvisor(stack).problems().map((p) => `${p.ruleId} ${p.path}`)).toEqual(['CDS-RESTART-UNBOUNDED test/db']);
  });

  test('non-compliant: a service with 3 replicas is advised once, not once per container', () => {
    expect(adviceFor({ restartPolicy: RestartPolicy.unlessStopped(), replicas: 3 }).advice).toHaveLength(1);
  });

  test('given unlessStopped(), when the stack is validated, then no error is reported: it is advice only', () => {
    const { stack } = adviceFor({ restartPolicy: RestartPolicy.unlessStopped() });
    expect(validationMessages(stack)).toEqual([]);
  });
});
