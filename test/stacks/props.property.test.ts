import fc from 'fast-check';
import { ContainerImage, HealthCheck, Port, Service, ValidationError } from '../../constructs';
import { newStack } from '../support/synth';

// Random invalid props always end in a ValidationError naming the construct, never a crash.
const image = ContainerImage.fromRegistry('example/app:1.0.0');
const healthCheck = HealthCheck.command(['true']);

const invalidProps = fc.oneof(
  fc.record({ memoryLimit: fc.oneof(fc.integer(), fc.string(), fc.constant(null)) }),
  fc.record({ cpuLimit: fc.oneof(fc.double(), fc.string()) }),
  fc.record({ replicas: fc.oneof(fc.integer({ max: 0 }), fc.integer({ min: 33 }), fc.double({ noInteger: true, min: 0.1, max: 30 })) }),
  fc.record({ command: fc.constant([]) }),
  fc.record({ environment: fc.dictionary(fc.stringMatching(/^[0-9-][A-Za-z0-9-]*$/), fc.string(), { minKeys: 1 }) }),
  fc.record({ unknownKey: fc.anything() }),
  fc.record({ ports: fc.array(fc.record({ containerPort: fc.integer() }), { minLength: 1 }) }),
  fc.record({ stopGracePeriod: fc.oneof(fc.integer(), fc.string()) }),
);

test('invalid props always give a ValidationError with the construct path, never another error', () => {
  fc.assert(
    fc.property(invalidProps, (bad) => {
      const stack = newStack();
      const props = { image, healthCheck, ...bad } as unknown as ConstructorParameters<typeof Service>[2];
      try {
        new Service(stack, 'svc', props);
      } catch (error) {
        expect(error).toBeInstanceOf(ValidationError);
        expect((error as ValidationError).message).toContain('test/svc: ');
        return;
      }
      throw new Error(`accepted invalid props ${JSON.stringify(bad)}`);
    }),
    { numRuns: 100 },
  );
});

test('invalid port numbers always fail in the value type with its rule', () => {
  fc.assert(
    fc.property(fc.oneof(fc.integer({ max: 0 }), fc.integer({ min: 65536 }), fc.double({ noInteger: true }), fc.constant(Number.NaN)), (n) => {
      expect(() => Port.tcp(n)).toThrow(/whole number from 1 to 65535/);
    }),
    { numRuns: 100 },
  );
});
