import { Duration, HealthCheck, UpdateOrder } from '../../../constructs';
import { SwarmUpdateInput, swarmConvergeTimeout, swarmMonitor, swarmUpdateOrder, swarmUpdateSettings } from '../../../constructs/private/swarm-update';

const check = HealthCheck.command(['true'], { interval: Duration.seconds(10), timeout: Duration.seconds(5), retries: 3, startPeriod: Duration.seconds(20) });
const base: SwarmUpdateInput = { healthCheck: check, givenOrder: undefined, stateful: false, hostModePorts: false, replicas: 1 };

describe('swarm update settings', () => {
  test.each<[string, Partial<SwarmUpdateInput>, string]>([
    ['a stateless service', {}, 'start-first'],
    ['a stateless service given STOP_FIRST', { givenOrder: UpdateOrder.STOP_FIRST }, 'stop-first'],
    ['a stateful kind, even given START_FIRST', { stateful: true, givenOrder: UpdateOrder.START_FIRST }, 'stop-first'],
    ['a service with host-mode ports', { hostModePorts: true }, 'stop-first'],
  ])('given %s, then the order is %s', (_what, input, order) => {
    expect(swarmUpdateOrder({ ...base, ...input })).toBe(order);
  });

  test('the monitor is the time a healthy task takes to be declared unhealthy', () => {
    expect(swarmMonitor(check)).toEqual(Duration.seconds(45));
    expect(swarmMonitor(HealthCheck.none())).toEqual(Duration.seconds(5));
  });

  test('the converge timeout grows with the replicas, updated one at a time', () => {
    // worst start = 20 + (10 + 5) x 3 = 65 s; per task 65 + 45 = 110 s; + 30 s margin.
    expect(swarmConvergeTimeout(check, 1)).toEqual(Duration.seconds(140));
    expect(swarmConvergeTimeout(check, 3)).toEqual(Duration.seconds(360));
  });

  test('the blocks roll back on failure and pause a failed rollback', () => {
    const settings = swarmUpdateSettings(base);

    expect(settings.updateConfig).toMatchObject({ failureAction: 'rollback', parallelism: 1, monitor: '45s', order: 'start-first' });
    expect(settings.rollbackConfig).toMatchObject({ failureAction: 'pause', order: 'start-first' });
    expect(settings.convergeConfig).toEqual({ delay: '2s', timeout: '2m20s' });
    expect(swarmUpdateSettings({ ...base, replicas: 3 }).convergeConfig?.timeout).toBe('6m');
  });

  test('given global mode, then there is no converge_config (the provider refuses it with mode.global)', () => {
    expect(swarmUpdateSettings({ ...base, replicas: undefined }).convergeConfig).toBeUndefined();
  });
});
