import { RESTART_MAX_RETRIES, RESTART_MIN_RETRIES } from '../../constructs/limits';
import { RestartPolicy } from '../../constructs/restart-policy';
import { problemOf } from '../support/factory-error';

// A value type: tested without a stack.
describe('RestartPolicy', () => {
  test.each([RESTART_MIN_RETRIES, RESTART_MAX_RETRIES])('given onFailure(%d) (a bound), then it is bounded and shows its retries', (retries) => {
    const policy = RestartPolicy.onFailure(retries);
    expect(policy).toMatchObject({ name: 'on-failure', maxRetries: retries, isBounded: true });
    expect(`${policy}`).toBe(`on-failure:${retries}`);
  });

  test.each([
    ['one below the minimum', RESTART_MIN_RETRIES - 1, /^below the minimum 1; expected a whole number from 1 to 20/],
    ['one above the maximum', RESTART_MAX_RETRIES + 1, /^above the maximum 20; expected a whole number from 1 to 20/],
    ['negative', -1, /^below the minimum 1/],
    ['a fraction', 1.5, /^not a whole number/],
    ['NaN', Number.NaN, /^NaN \(not a number\)/],
    ['undefined', undefined, /^no number given/],
    ['null', null, /^no number given/],
    ['a string', '3', /^a string, not a number/],
  ])('fails when the retries are %s, naming RestartPolicy.onFailure, the field, the value and the range', (_what, value, message) => {
    const problem = problemOf(() => RestartPolicy.onFailure(value as number));
    expect(problem).toMatchObject({ path: 'RestartPolicy.onFailure', field: 'maxRetries', message: expect.stringMatching(message) });
    expect(problem.value).toEqual(value);
  });

  test('given one too many retries, then the fix says that an unbounded loop is opt-in', () => {
    expect(problemOf(() => RestartPolicy.onFailure(RESTART_MAX_RETRIES + 1)).fix).toBe(
      'pass at most 20; a crash loop beyond that hides the crash (RestartPolicy.unlessStopped() is the explicit opt-in to restart forever)',
    );
  });

  test.each<[string, unknown, string]>([
    ['below the minimum', RESTART_MIN_RETRIES - 1, 'pass 1 or more'],
    ['a string that reads above the maximum', '25', 'pass the number 25 itself (convert text with Number(text) and check the result)'],
    ['a fraction inside the range', 1.5, 'pass 1 or 2'],
  ])('given retries %s, then the fix says only what to pass, not why a loop is opt-in', (_what, value, fix) => {
    expect(problemOf(() => RestartPolicy.onFailure(value as number)).fix).toBe(fix);
  });

  test('given a fraction above the maximum, then the fix says that an unbounded loop is opt-in', () => {
    expect(problemOf(() => RestartPolicy.onFailure(RESTART_MAX_RETRIES + 0.5)).fix).toBe(
      'pass 20; a crash loop beyond that hides the crash (RestartPolicy.unlessStopped() is the explicit opt-in to restart forever)',
    );
  });

  test('given the unbounded and the one-shot policies, then they show as Docker names them', () => {
    expect(RestartPolicy.unlessStopped()).toMatchObject({ name: 'unless-stopped', maxRetries: 0, isBounded: false });
    expect(RestartPolicy.never()).toMatchObject({ name: 'no', maxRetries: 0, isBounded: true });
    expect(`${RestartPolicy.never()}`).toBe('no');
    expect(RestartPolicy.isRestartPolicy(RestartPolicy.never())).toBe(true);
  });
});
