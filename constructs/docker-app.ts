import * as fs from 'fs';
import * as path from 'path';
import { App, AppConfig } from 'cdktf';
import { COMPOSE_EXPORT_ENV, writeComposeExports } from './compose-export';
import { DockerStack } from './docker-stack';
import { formatProblem, StackValidationError } from './errors';
import { stackTopology, TOPOLOGY_FILE } from './private/topology';
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
 * Next to each stack's `cdk.tf.json` it writes the stack's topology, read from the construct
 * tree (`docker-stacks.topology.json`, which Terraform ignores): `npx cdktf-docker-stacks
 * diagram <stack>` draws it.
 *
 * When the environment variable `CDS_COMPOSE_EXPORT` names stacks (comma-separated, or `*`),
 * each of them is also written as a compose file (toCompose) beside its `cdk.tf.json`: this is
 * how `cdktf-docker-stacks export-compose <stack>` reads a project's stacks. Unset, nothing more
 * is done, so a plain synth pays nothing for it.
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
    for (const stack of stacks) {
      const directory = path.join(this.outdir, this.manifest.forStack(stack).workingDirectory);
      fs.writeFileSync(path.join(directory, TOPOLOGY_FILE), `${JSON.stringify(stackTopology(stack), null, 2)}\n`);
    }
    const exports = process.env[COMPOSE_EXPORT_ENV];
    if (exports) writeComposeExports(stacks, exports, (stack) => this.manifest.forStack(stack).workingDirectory, this.outdir);
  }
}
