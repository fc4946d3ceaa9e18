import { App, AppConfig } from 'cdktf';
import { DockerStack } from './docker-stack';
import { StackValidationError } from './errors';

/**
 * A cdktf App that validates every DockerStack before writing anything. cdktf's own App
 * writes each stack as soon as that stack passes, so a later stack's error would leave
 * earlier stacks' output behind; here all problems of all stacks are reported together and
 * `cdktf.out` is left untouched.
 */
export class DockerApp extends App {
  constructor(config: AppConfig = {}) {
    super(config);
  }

  override synth(): void {
    const messages = this.node
      .findAll()
      .filter((c): c is DockerStack => DockerStack.isDockerStack(c))
      .flatMap((stack) => [
        ...stack.node
          .findAll()
          .flatMap((c) => c.node.validate().map((m) => (c === stack ? m : `${c.node.path}: ${m}`))),
      ]);
    if (messages.length > 0) throw new StackValidationError(messages);
    super.synth();
  }
}

