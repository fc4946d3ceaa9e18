import { ContainerImage, HealthCheck, Port, Service } from '../../../constructs';
import { StackValidator } from '../../../constructs/rules/stack-validator';
import { newStack } from '../../support/synth';
import { swarmStack } from '../../support/swarm';

const RULE = 'CDS-SWARM-LOOPBACK-PORT';
const image = ContainerImage.fromRegistry(`registry.test:5000/app@sha256:${'a'.repeat(64)}`);
const healthCheck = HealthCheck.command(['true']);
const problemsOf = (stack: ReturnType<typeof swarmStack>) => new StackValidator(stack).problems().filter((p) => p.ruleId === RULE);

describe(RULE, () => {
  test('compliant: a public port on Swarm', () => {
    const stack = swarmStack();
    new Service(stack, 'api', { image, healthCheck, public: true, ports: [{ containerPort: Port.tcp(8000) }] });

    expect(problemsOf(stack)).toEqual([]);
  });

  test('compliant: a loopback port on a single engine', () => {
    const stack = newStack();
    new Service(stack, 'api', { image, healthCheck, ports: [{ containerPort: Port.tcp(8000) }] });

    expect(problemsOf(stack)).toEqual([]);
  });

  test('non-compliant: the single-engine default (127.0.0.1) on Swarm, with the fix', () => {
    const stack = swarmStack();
    new Service(stack, 'api', { image, healthCheck, ports: [{ containerPort: Port.tcp(8000) }] });

    expect(problemsOf(stack)).toEqual([
      {
        ruleId: RULE,
        path: 'test/api',
        field: 'ports',
        value: '127.0.0.1:8000/tcp',
        message: 'Swarm cannot bind a published port to a loopback address: it would listen on every address of the nodes',
        fix: 'do not publish it and route to api through the stack\'s proxy over a stack network, or opt in to a public port with public: true (or hostIp "0.0.0.0")',
      },
    ]);
  });
});
