import { inspect } from 'util';
import { ValidationError, ValidationProblem } from '../../constructs/errors';

/** Runs `build` and returns the problems of the ValidationError it throws; anything else fails the test. */
export function problemsOf(build: () => unknown): readonly ValidationProblem[] {
  let thrown: unknown;
  try {
    build();
  } catch (error) {
    thrown = error;
  }
  if (thrown === undefined) throw new Error('expected a ValidationError, but nothing was thrown');
  if (!ValidationError.isValidationError(thrown)) throw new Error(`expected a ValidationError, got ${inspect(thrown)}`);
  return thrown.problems;
}

/** The one problem of the ValidationError `build` throws (fails if there are several). */
export function problemOf(build: () => unknown): ValidationProblem {
  const problems = problemsOf(build);
  if (problems.length !== 1) throw new Error(`expected one problem, got ${problems.length}: ${JSON.stringify(problems.map((p) => p.field))}`);
  return problems[0];
}
