import { App, AppConfig } from 'cdktf';
import { DockerStack } from './docker-stack';
import { formatProblem, StackValidationError } from './errors';
import { APP_RULES, applyAppRules } from './rules/app-validator';
import { prepareOutputDirectory, preparePrivateState, privateStateFile } from './state-backend';

/**
 * A cdktf App that validates every DockerStack before writing anything. cdktf's own App
 * writes each stack as soon as that stack passes, so a later stack's error would leave
 * earlier stacks' output behind; here all problems of all stacks are reported together and
 * `cdktf.out` is left untouched.
 *
 * Beyond each stack's own rules, the app checks the stacks that deploy to one engine against
 * each other (APP_RULES: host ports, container, network and volume names), since each stack
 * passing alone does not mean they can run side by side.
 *
 * Before writing, it makes what will hold the stacks' secrets private: the local state of each
 * stack (`StateBackend.local()`: the state directory mode 0700, each state file 0600, before
 * Terraform creates them world-readable) and the output directory (0700: `cdktf diff` leaves a
 * plan file there, which holds the state).
 */
export class DockerApp extends App {
  constructor(config: AppConfig = {}) {
    super(config);
  }

  override synth(): void {
    const stacks = this.node.findAll().filter((c): c is DockerStack => DockerStack.isDockerStack(c));
    const messages = [
      ...stacks.flatMap((stack) => stack.node.findAll().flatMap((c) => c.node.validate().map((m) => (c === stack ? m : `${c.node.path}: ${m}`)))),
      ...applyAppRules(APP_RULES, stacks).map(formatProblem),
    ];
    if (messages.length > 0) throw new StackValidationError(messages);
    prepareOutputDirectory(this.outdir);
    for (const stack of stacks) {
      const stateFile = privateStateFile(stack.ensureBackendExists());
      if (stateFile) preparePrivateState(stateFile);
    }
    super.synth();
  }
}
