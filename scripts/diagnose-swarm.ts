// `node --import tsx scripts/diagnose-swarm.ts <stack> [cdktf.out directory]`: after a failed
// deploy of a stack on a Swarm target, each service's update state and its failed tasks' error
// and last log lines (cli/swarm-diagnosis.ts does the work). scripts/diagnose-stack.js runs it
// for stacks with docker_service resources. The engine: the stack's dockerHost, else
// CDS_DOCKER_HOST, else DOCKER_HOST (a manager of the cluster).
import * as fs from 'fs';
import * as path from 'path';
import { chooseEngine, dockerClient, engineLabel } from '../cli/engine';
import type { TerraformJson } from '../cli/project';
import { diagnoseSwarmStack, type SwarmStackJson } from '../cli/swarm-diagnosis';

async function main(argv: readonly string[]): Promise<number> {
  const [stack, outdir = 'cdktf.out'] = argv;
  if (!stack) {
    process.stderr.write('usage: node --import tsx scripts/diagnose-swarm.ts <stack> [cdktf.out directory]\n');
    return 2;
  }
  const file = path.join(outdir, 'stacks', stack, 'cdk.tf.json');
  if (!fs.existsSync(file)) {
    process.stderr.write(`diagnose: ${file} not found; synthesize first\n`);
    return 2;
  }
  const json = JSON.parse(fs.readFileSync(file, 'utf8')) as TerraformJson & SwarmStackJson;
  const engine = chooseEngine(undefined, json, process.env);
  const lines = await diagnoseSwarmStack(await dockerClient(engine), json);
  process.stdout.write(lines.map((l) => `${l}\n`).join(''));
  const services = lines.filter((l) => l.startsWith('- ')).length;
  process.stdout.write(services === 0 ? `diagnose: every service of ${stack} on ${engineLabel(engine)} is updated, no failed task\n` : `diagnose: ${services} service(s) of ${stack} not converged or with failed tasks\n`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`diagnose: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
