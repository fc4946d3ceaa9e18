import { ValidationError } from '../../constructs';

/** Runs `build` and returns the ValidationError it throws; anything else fails the test. */
export function errorOf(build: () => unknown): ValidationError {
  try {
    build();
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
  throw new Error('expected a ValidationError');
}
