import { ContainerImage, HealthCheck, Postgres, Redis, Secret, Service, Size } from '../../../constructs';
import { SERVICE_DEFAULT_MEMORY_LIMIT } from '../../../constructs/private/service-schema';
import { container, newStack, synth } from '../../support/synth';
import { errorOf } from '../../support/validation-error';

const image = ContainerImage.fromRegistry('example/app:1.0.0');
const healthCheck = HealthCheck.command(['true']);

describe('memoryReservation within memoryLimit', () => {
  test('given a reservation equal to the limit, then it is rendered', () => {
    const stack = newStack();
    new Service(stack, 'api', { image, healthCheck, memoryLimit: Size.mebibytes(256), memoryReservation: Size.mebibytes(256) });
    expect(container(synth(stack), 'test-api')).toMatchObject({ memory: 256, memory_reservation: 256 });
  });

  test('fails when the reservation is one MiB above an explicit limit, naming both values and the fix, and adds nothing to the tree', () => {
    const stack = newStack();
    const error = errorOf(() => new Service(stack, 'api', { image, healthCheck, memoryLimit: Size.mebibytes(256), memoryReservation: Size.mebibytes(257) }));
    expect(error.problems).toEqual([
      {
        ruleId: 'props',
        path: 'test/api',
        field: 'memoryReservation',
        value: Size.mebibytes(257),
        message: 'above memoryLimit 256m: the engine refuses a reservation larger than the limit',
        fix: 'lower memoryReservation to at most 256m, or raise memoryLimit to at least 257m',
      },
    ]);
    expect(stack.node.tryFindChild('api')).toBeUndefined();
  });

  test('fails when the reservation is above the default limit, and says the limit is the default', () => {
    const reservation = Size.mebibytes(SERVICE_DEFAULT_MEMORY_LIMIT.toMebibytes() + 1);
    const [problem] = errorOf(() => new Service(newStack(), 'api', { image, healthCheck, memoryReservation: reservation })).problems;
    expect(problem).toMatchObject({ field: 'memoryReservation', value: reservation, message: `above memoryLimit ${SERVICE_DEFAULT_MEMORY_LIMIT} (the default): the engine refuses a reservation larger than the limit` });
    expect(new Service(newStack(), 'ok', { image, healthCheck, memoryReservation: SERVICE_DEFAULT_MEMORY_LIMIT }).containers).toHaveLength(1);
  });

  test('fails when a Redis reserves 300 MiB under its own 256 MiB default limit; 256 MiB passes', () => {
    const [problem] = errorOf(() => new Redis(newStack(), 'cache', { memoryReservation: Size.mebibytes(300) })).problems;
    expect(problem).toMatchObject({ path: 'test/cache', field: 'memoryReservation', value: Size.mebibytes(300) });
    expect(problem.message).toContain('above memoryLimit 256m');
    expect(problem.fix).toBe('lower memoryReservation to at most 256m, or raise memoryLimit to at least 300m');

    const stack = newStack();
    new Redis(stack, 'cache', { memoryReservation: Size.mebibytes(256) });
    expect(container(synth(stack), 'test-cache')).toMatchObject({ memory: 256, memory_reservation: 256 });
  });

  test('fails when a Postgres reserves one MiB more than its 1 GiB default limit', () => {
    const password = Secret.fromVariable('db_password');
    const reservation = Size.mebibytes(1025);
    expect(errorOf(() => new Postgres(newStack(), 'db', { password, memoryReservation: reservation })).problems[0]).toMatchObject({ field: 'memoryReservation', message: expect.stringContaining('above memoryLimit 1g') });
  });
});
