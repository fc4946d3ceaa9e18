#!/usr/bin/env node
// Prints the state and last log lines of every container of a synthesized stack that is not
// running and healthy (on a Swarm target, of every service's failed tasks: scripts/diagnose-swarm.ts).
// Run after a failed deploy: Terraform only says that a container "failed to be in healthy
// state in time" (or that a service was rolled back); the container's own output says why.
//
//   node scripts/diagnose-stack.js <stack> [cdktf.out directory]
'use strict';
const { execFileSync, spawnSync } = require('child_process');
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
// A stack on a Swarm target has services, not containers: its tasks are read from a manager.
if (Object.keys(JSON.parse(fs.readFileSync(file, 'utf8')).resource?.docker_service ?? {}).length > 0) {
  // From the project root, where `--import tsx` resolves.
  const root = path.join(__dirname, '..');
  const swarm = spawnSync(process.execPath, ['--import', 'tsx', path.join(__dirname, 'diagnose-swarm.ts'), stack, path.resolve(outdir)], { stdio: 'inherit', cwd: root });
  process.exit(swarm.status ?? 1);
}
const STACK_LABEL = 'org.cdktf-docker-stacks.stack';
const docker = (...args) => execFileSync('docker', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const declared = Object.values(JSON.parse(fs.readFileSync(file, 'utf8')).resource?.docker_container ?? {});
// A START_FIRST service's name ends in its generation (`-${random_id.<id>.hex}`), known only
// after apply: such names are matched by prefix, and every container is found by its stack label.
const baseName = (name) => name.replace(/-\$\{random_id\.[^}]+\.hex\}$/, '');
const stackPrefixes = [...new Set(declared.flatMap((c) => (c.labels ?? []).filter((l) => l.label === STACK_LABEL).map((l) => l.value)))];
const existing = stackPrefixes.flatMap((prefix) => docker('ps', '-a', '--filter', `label=${STACK_LABEL}=${prefix}`, '--format', '{{.Names}}').split('\n').filter(Boolean));
const containers = [...new Set(existing)].sort();
for (const c of declared) {
  const base = baseName(c.name);
  const generation = base !== c.name;
  if (!containers.some((name) => name === base || (generation && name.startsWith(`${base}-`)))) {
    console.log(`- ${base}: not created (a dependency it waits for did not turn healthy, or the deploy stopped before it)`);
  }
}

let unhealthy = 0;
for (const name of containers) {
  let state;
  try {
    state = JSON.parse(docker('inspect', '--format', '{{json .State}}', name));
  } catch {
    continue;
  }
  const health = state.Health ? state.Health.Status : 'no health check';
  if (state.Running && (health === 'healthy' || health === 'no health check')) continue;
  unhealthy += 1;
  const restarts = docker('inspect', '--format', '{{.RestartCount}}', name).trim();
  console.log(`- ${name}: ${state.Status}, ${health}, exit code ${state.ExitCode}, restarts ${restarts}`);
  const lastProbe = state.Health?.Log?.slice(-1)[0];
  if (lastProbe) console.log(`  last health check (exit ${lastProbe.ExitCode}): ${lastProbe.Output.trim().split('\n').slice(-3).join(' | ')}`);
  // `docker logs` replays the container's stderr on its own stderr: read both.
  const logs = spawnSync('docker', ['logs', '--tail', '30', name], { encoding: 'utf8' });
  const both = `${logs.stdout ?? ''}${logs.stderr ?? ''}`.trim();
  console.log(both ? both.split('\n').map((l) => `  | ${l}`).join('\n') : '  (no log output)');
}
console.log(unhealthy === 0 ? `diagnose: every created container of ${stack} is running and healthy` : `diagnose: ${unhealthy} container(s) of ${stack} not healthy`);
