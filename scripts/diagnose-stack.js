#!/usr/bin/env node
// Prints the state and last log lines of every container of a synthesized stack that is not
// running and healthy. Run after a failed deploy: Terraform only says that a container
// "failed to be in healthy state in time"; the container's own output says why.
//
//   node scripts/diagnose-stack.js <stack> [cdktf.out directory]
'use strict';
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const [stack, outdir = 'cdktf.out'] = process.argv.slice(2);
if (!stack) {
  console.error('usage: node scripts/diagnose-stack.js <stack> [cdktf.out directory]');
  process.exit(2);
}
const file = path.join(outdir, 'stacks', stack, 'cdk.tf.json');
if (!fs.existsSync(file)) {
  console.error(`diagnose: ${file} not found; synthesize first`);
  process.exit(2);
}
const containers = Object.values(JSON.parse(fs.readFileSync(file, 'utf8')).resource?.docker_container ?? {}).map((c) => c.name);
const docker = (...args) => execFileSync('docker', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

let unhealthy = 0;
for (const name of containers) {
  let state;
  try {
    state = JSON.parse(docker('inspect', '--format', '{{json .State}}', name));
  } catch {
    console.log(`- ${name}: not created (a dependency it waits for did not turn healthy, or the deploy stopped before it)`);
    continue;
  }
  const health = state.Health ? state.Health.Status : 'no health check';
  if (state.Running && (health === 'healthy' || health === 'no health check')) continue;
  unhealthy += 1;
  const restarts = docker('inspect', '--format', '{{.RestartCount}}', name).trim();
  console.log(`- ${name}: ${state.Status}, ${health}, exit code ${state.ExitCode}, restarts ${restarts}`);
  const lastProbe = state.Health?.Log?.slice(-1)[0];
  if (lastProbe) console.log(`  last health check (exit ${lastProbe.ExitCode}): ${lastProbe.Output.trim().split('\n').slice(-3).join(' | ')}`);
  let logs = '';
  try {
    logs = execFileSync('docker', ['logs', '--tail', '30', name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    logs = `${error.stdout ?? ''}${error.stderr ?? ''}`;
  }
  const both = logs.trim();
  console.log(both ? both.split('\n').map((l) => `  | ${l}`).join('\n') : '  (no log output)');
}
console.log(unhealthy === 0 ? `diagnose: every created container of ${stack} is running and healthy` : `diagnose: ${unhealthy} container(s) of ${stack} not healthy`);
