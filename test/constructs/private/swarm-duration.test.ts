import { Duration } from '../../../constructs';
import { shortGoDuration, swarmDuration } from '../../../constructs/private/swarm-duration';

describe('swarmDuration (the form the provider reads docker_service durations back in)', () => {
  test.each<[Duration, string]>([
    [Duration.seconds(5), '5s'],
    [Duration.millis(500), '500ms'],
    [Duration.minutes(2), '2m'],
    [Duration.seconds(100), '1m40s'],
    [Duration.hours(1), '1h'],
    [Duration.minutes(61), '1h1m'],
    [Duration.seconds(3601), '1h0m1s'],
  ])('given %s, then %s', (duration, expected) => {
    expect(swarmDuration(duration)).toBe(expected);
  });

  test('a Go form already rendered is shortened the same way', () => {
    expect(shortGoDuration('1m0s')).toBe('1m');
    expect(shortGoDuration('10s')).toBe('10s');
    // Two-digit hours and minutes: only the trailing "0m" or "0s" goes.
    expect(shortGoDuration('10h0m0s')).toBe('10h');
    expect(shortGoDuration('12m0s')).toBe('12m');
  });
});
