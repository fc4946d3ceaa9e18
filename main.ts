import { DockerApp, StackValidationError, ValidationError } from './constructs';
import { addSeedStacks, ConfigError, loadStacksConfig } from './stacks';

// Reads the typed configuration and synthesizes the documented stacks; no stack logic here.
try {
  const config = loadStacksConfig(__dirname);
  const app = new DockerApp();
  addSeedStacks(app, config);
  app.synth();
} catch (error) {
  if (error instanceof ConfigError || StackValidationError.isStackValidationError(error) || ValidationError.isValidationError(error)) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
