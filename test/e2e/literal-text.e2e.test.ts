import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { LocalBackend } from 'cdktf';
import { ContainerImage, DockerApp, DockerStack, Duration, HealthCheck, Service } from '../../constructs';
import { CdktfWorkdir } from './support/cdktf-cli';
import { containerState, docker, exec } from './support/docker-api';

// Terraform evaluates `${...}` and `%{...}` in every string. Given a user's text holding them
// (a shell variable in an environment value, a command, a health check and an uploaded script),
// when the stack is deployed for real, then the container gets the text as written, and the
// next plan is empty.
const stackName = 'literal-text';
const prefix = `cds-literal-${process.pid}`;
const imagePrefix = process.env.CDS_IMAGE_PREFIX ?? 'cds-local';
const greeting = 'hi ${USER} %{ if x } $${ESCAPED}';
const script = '#!/bin/sh\necho "home=${HOME}"\n';
let cli: CdktfWorkdir;

beforeAll(() => {
  cli = new CdktfWorkdir(fs.mkdtempSync(path.join(os.tmpdir(), 'cds-literal-')));
  const app = new DockerApp({ outdir: cli.outdir });
  const stack = new DockerStack(app, stackName, { namePrefix: prefix });
  new LocalBackend(stack, { path: path.join(cli.workdir, `terraform.${stackName}.tfstate`) });
  new Service(stack, 'shell', {
    image: ContainerImage.fromRegistry(`${imagePrefix}/postgres:15`),
    command: ['sh', '-c', 'echo "started as ${0}"; exec sleep infinity'],
    init: true,
    environment: { GREETING: greeting },
    files: [{ path: '/tmp/app.sh', content: script, executable: true }],
    // Healthy only when the shell itself expands ${HOME}: the check arrives unevaluated by Terraform.
    healthCheck: HealthCheck.shell('test -n "${HOME}" && test -x /tmp/app.sh', ['sh'], { interval: Duration.seconds(2), timeout: Duration.seconds(5), retries: 10, startPeriod: Duration.seconds(0) }),
  });
  app.synth();
});

afterAll(async () => {
  if ((await containerState(`${prefix}-shell`)).exists) cli.run(['destroy', stackName, '--auto-approve']);
  fs.rmSync(cli.workdir, { recursive: true, force: true });
});

test('deploys, and the container has the environment, command, health check and file as written', async () => {
  cli.deploy(stackName);
  const name = `${prefix}-shell`;
  expect(await containerState(name)).toEqual(expect.objectContaining({ running: true, health: 'healthy' }));
  const info = await docker.getContainer(name).inspect();
  expect(info.Config.Env).toContain(`GREETING=${greeting}`);
  expect(info.Config.Cmd).toEqual(['sh', '-c', 'echo "started as ${0}"; exec sleep infinity']);
  expect(info.Config.Healthcheck?.Test).toEqual(['CMD-SHELL', 'test -n "${HOME}" && test -x /tmp/app.sh']);
  expect(await exec(name, ['cat', '/tmp/app.sh'])).toEqual({ exitCode: 0, output: script });
  const run = await exec(name, ['/tmp/app.sh']);
  expect({ exitCode: run.exitCode, output: run.output.trim() }).toEqual({ exitCode: 0, output: 'home=/root' });
});

test('the next plan is empty: the provider reads back the text as written', () => {
  expect(cli.diff(stackName)).toEqual({ kind: 'no-changes' });
});

test('destroy removes the container', async () => {
  cli.destroy(stackName);
  expect((await containerState(`${prefix}-shell`)).exists).toBe(false);
});
