// The one door of the bad-input harness into the project: the library's public API
// (constructs/index.ts) and the code main.ts runs for the configuration (stacks/). Every other
// harness file imports from here, so measuring an older commit means adapting this file only.
import { StackValidationError, ValidationError } from '../../constructs';

export * from '../../constructs';
export { addSeedStacks, ConfigError, loadStacksConfig } from '../../stacks';

/** A ValidationError of the library, recognised by its public static guard. */
export function isValidationError(error: unknown): error is ValidationError {
  return ValidationError.isValidationError(error);
}

/** A StackValidationError of the library, recognised by its public static guard. */
export function isStackValidationError(error: unknown): error is StackValidationError {
  return StackValidationError.isStackValidationError(error);
}
