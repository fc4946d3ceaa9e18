import { chooseEngine, dockerOptions, engineUnreachable } from '../../cli/engine';
import { CliError } from '../../cli/errors';

describe('chooseEngine', () => {
  const json = (host?: string) => ({ provider: { docker: [host === undefined ? {} : { host }] } });
  const env = { CDS_DOCKER_HOST: 'tcp://cds:2375', DOCKER_HOST: 'tcp://docker:2375' };

  test('given --host, then it wins over everything', () => {
    expect(chooseEngine('ssh://me@flag', json('tcp://stack:2375'), env)).toEqual({ address: 'ssh://me@flag', source: '--host' });
  });

  test("given the stack's dockerHost, then it wins over the environment: it is where the stack deploys", () => {
    expect(chooseEngine(undefined, json('tcp://stack:2375'), env)).toEqual({ address: 'tcp://stack:2375', source: 'stack dockerHost' });
  });

  test('given a Terraform expression as the host, then it is passed over', () => {
    expect(chooseEngine(undefined, json('${var.docker_host}'), env).source).toBe('CDS_DOCKER_HOST');
  });

  test('given no dockerHost, then CDS_DOCKER_HOST, then DOCKER_HOST, then the local socket', () => {
    expect(chooseEngine(undefined, json(), env).address).toBe('tcp://cds:2375');
    expect(chooseEngine(undefined, json(), { DOCKER_HOST: 'tcp://docker:2375' }).address).toBe('tcp://docker:2375');
    expect(chooseEngine(undefined, json(), {})).toEqual({ address: undefined, source: 'default' });
  });
});

describe('dockerOptions', () => {
  test.each([
    ['unix:///run/user/1000/docker.sock', {}, { socketPath: '/run/user/1000/docker.sock' }],
    ['tcp://10.0.0.5:2375', {}, { protocol: 'http', host: '10.0.0.5', port: '2375' }],
    ['tcp://10.0.0.5', {}, { protocol: 'http', host: '10.0.0.5', port: 2375 }],
    ['ssh://deploy@prod.example.com', { SSH_AUTH_SOCK: '/tmp/agent' }, { protocol: 'ssh', host: 'prod.example.com', port: 22, username: 'deploy', sshOptions: { agent: '/tmp/agent' } }],
    ['ssh://prod.example.com:2222', {}, { protocol: 'ssh', host: 'prod.example.com', port: '2222', username: undefined, sshOptions: { agent: undefined } }],
  ])('given %s, then dockerode is configured for it', (address, env, options) => {
    expect(dockerOptions(address, env)).toEqual(options);
  });

  test('given tcp on 2376 or DOCKER_TLS_VERIFY, then it speaks TLS', () => {
    expect(dockerOptions('tcp://h:2376', {})).toMatchObject({ protocol: 'https', host: 'h', port: '2376' });
    expect(dockerOptions('tcp://h:2375', { DOCKER_TLS_VERIFY: '1' })).toMatchObject({ protocol: 'https' });
  });

  test('fails when the address has no known scheme', () => {
    expect(() => dockerOptions('http://h:2375')).toThrow(CliError);
    expect(() => dockerOptions('localhost:2375')).toThrow(/not a Docker host address: localhost:2375/);
  });
});

describe('engineUnreachable', () => {
  test('given a refused connection, then a CliError naming the engine and where it came from', () => {
    const error = Object.assign(new Error('connect ECONNREFUSED /var/run/docker.sock'), { code: 'ECONNREFUSED' });

    const result = engineUnreachable(error, { address: undefined, source: 'default' });

    expect(CliError.isCliError(result)).toBe(true);
    expect((result as CliError).message).toBe('cannot reach the Docker engine at unix:///var/run/docker.sock (from default): connect ECONNREFUSED /var/run/docker.sock');
  });

  test('given another error, then it passes through', () => {
    const error = new Error('boom');
    expect(engineUnreachable(error, { address: undefined, source: 'default' })).toBe(error);
  });
});
