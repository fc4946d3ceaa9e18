import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Testing } from 'cdktf';
import { addSeedStacks, ConfigError, engineIsLocal, loadStacksConfig, StackName, StacksConfig, TLS_PROXY_KEYS } from '../../stacks';

// stacks/config.ts: the `tls` field and what loadStacksConfig checks about it on this host; the
// root, `images` and the `hostPorts` keys (checked against what the stacks consume).
// The certificate files are dummies: only their presence, type and mode are checked.

let root: string;
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'cds-config-'));
});
afterEach(() => {
  fs.rmSync(root, { recursive: true, force: true });
});

/** A certificate directory readable by uid 101, holding the files named. */
function certificateDirectory(files: readonly string[] = ['fullchain.pem', 'privkey.pem']): string {
  const directory = fs.mkdtempSync(path.join(root, 'certs-'));
  fs.chmodSync(directory, 0o755);
  for (const file of files) fs.writeFileSync(path.join(directory, file), `dummy ${file}\n`, { mode: 0o644 });
  return directory;
}

/** Writes `content` as stacks.config.json and loads it (no CDS_* or DOCKER_HOST variables unless given). */
function load(content: unknown, env: NodeJS.ProcessEnv = {}): StacksConfig {
  fs.writeFileSync(path.join(root, 'stacks.config.json'), JSON.stringify(content));
  return loadStacksConfig(root, env);
}

/** The problems loadStacksConfig reports, one string each. */
function problems(content: unknown, env: NodeJS.ProcessEnv = {}): readonly string[] {
  try {
    load(content, env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('the configuration was accepted');
}

const tlsFor = (certificateDirectory: unknown) => ({ tls: { 'vibecoding.nginx': { certificateDirectory } } });
const FIELD = 'tls.vibecoding.nginx.certificateDirectory';

describe('tls', () => {
  test('a directory holding fullchain.pem and privkey.pem is accepted as is', () => {
    const directory = certificateDirectory();
    expect(load({ ...tlsFor(directory), hostPorts: { 'vibecoding.nginx-https': 18443 } })).toEqual({
      tls: { 'vibecoding.nginx': { certificateDirectory: directory } },
      hostPorts: { 'vibecoding.nginx-https': 18443 },
    });
  });

  test('the keys are the TLS-capable proxies: vibecoding.nginx', () => {
    expect(TLS_PROXY_KEYS).toEqual(['vibecoding.nginx']);
  });

  test('fails when the path is relative', () => {
    expect(problems(tlsFor('certs/vibecoding'))).toEqual([`${FIELD} = "certs/vibecoding": not an absolute path. Fix: start the path with "/", e.g. "/etc/ssl/vibecoding"`]);
  });

  test('fails when the directory does not exist', () => {
    const missing = path.join(root, 'nowhere');
    expect(problems(tlsFor(missing))).toEqual([`${FIELD} = ${JSON.stringify(missing)}: no such directory. Fix: create it, holding fullchain.pem and privkey.pem, or correct the path`]);
  });

  test('fails when the path is a file, not a directory', () => {
    const file = path.join(certificateDirectory(), 'fullchain.pem');
    expect(problems(tlsFor(file))).toEqual([`${FIELD} = ${JSON.stringify(file)}: not a directory. Fix: give the directory that holds fullchain.pem and privkey.pem`]);
  });

  test('fails when fullchain.pem is missing, naming it', () => {
    const directory = certificateDirectory(['privkey.pem']);
    expect(problems(tlsFor(directory))).toEqual([
      `${FIELD} = ${JSON.stringify(directory)}: fullchain.pem is missing. Fix: put the certificate followed by its chain there as fullchain.pem (certbot's file name)`,
    ]);
  });

  test('fails when privkey.pem is missing, naming it', () => {
    const directory = certificateDirectory(['fullchain.pem']);
    expect(problems(tlsFor(directory))).toEqual([`${FIELD} = ${JSON.stringify(directory)}: privkey.pem is missing. Fix: put the private key there as privkey.pem (certbot's file name)`]);
  });

  test('fails once per missing file when both are missing', () => {
    const found = problems(tlsFor(certificateDirectory([])));
    expect(found).toHaveLength(2);
    expect(found[0]).toMatch(/: fullchain\.pem is missing\. Fix: /);
    expect(found[1]).toMatch(/: privkey\.pem is missing\. Fix: /);
  });

  test("fails when a file is a symbolic link (certbot's live/ directory), which does not resolve in the container", () => {
    const archive = certificateDirectory();
    const live = certificateDirectory(['fullchain.pem']);
    fs.symlinkSync(path.join(archive, 'privkey.pem'), path.join(live, 'privkey.pem'));
    expect(problems(tlsFor(live))).toEqual([
      `${FIELD} = ${JSON.stringify(live)}: privkey.pem is a symbolic link, which does not resolve inside the container. Fix: copy the file itself there (cp -L; certbot's live/ directory holds links into ../../archive/)`,
    ]);
  });

  test('fails when a file is not a regular file', () => {
    const directory = certificateDirectory(['fullchain.pem']);
    fs.mkdirSync(path.join(directory, 'privkey.pem'));
    expect(problems(tlsFor(directory))).toEqual([`${FIELD} = ${JSON.stringify(directory)}: privkey.pem is not a regular file. Fix: put the private key there as a PEM file named privkey.pem`]);
  });

  test('fails when uid 101, the proxy user, cannot read a file (owned by another user, mode 0600)', () => {
    const directory = certificateDirectory();
    const key = path.join(directory, 'privkey.pem');
    fs.chmodSync(key, 0o600);
    const { uid, gid } = fs.statSync(key);
    expect(uid).not.toBe(101);
    expect(problems(tlsFor(directory))).toEqual([
      `${FIELD} = ${JSON.stringify(directory)}: privkey.pem is not readable by uid 101, the proxy's user (mode 0600, owner ${uid}:${gid}). Fix: chown 101:101 it (mode 0600 is then enough), or chmod o+r it`,
    ]);
  });

  test('fails when uid 101 cannot enter the directory (mode 0700)', () => {
    const directory = certificateDirectory();
    fs.chmodSync(directory, 0o700);
    const { uid, gid } = fs.statSync(directory);
    expect(problems(tlsFor(directory))).toEqual([
      `${FIELD} = ${JSON.stringify(directory)}: uid 101, the proxy's user, cannot enter the directory (mode 0700, owner ${uid}:${gid}). Fix: chmod o+x it, or chown it to 101`,
    ]);
  });

  test('fails when a key names no TLS-capable proxy, naming the allowed keys', () => {
    const settings = { certificateDirectory: certificateDirectory() };
    expect(problems({ tls: { 'mnemolite.api': settings } })).toEqual([`tls.mnemolite.api = ${JSON.stringify(settings)}: no TLS-capable proxy has this key. Fix: use one of vibecoding.nginx`]);
  });

  test('fails when an HTTPS host port is given for a proxy without tls', () => {
    expect(problems({ hostPorts: { 'vibecoding.nginx-https': 18443 } })).toEqual([
      'hostPorts.vibecoding.nginx-https = 18443: an HTTPS port for vibecoding.nginx, which has no tls. Fix: add tls: { "vibecoding.nginx": { "certificateDirectory": "/etc/ssl/vibecoding" } }, or remove "vibecoding.nginx-https"',
    ]);
  });

  test('reports every problem at once, with the file it came from', () => {
    fs.writeFileSync(path.join(root, 'stacks.config.json'), JSON.stringify({ namePrefix: 'Bad', tls: { 'vibecoding.nginx': { certificateDirectory: 'relative' }, 'my-ia.frontend': { certificateDirectory: '/x' } } }));
    expect(() => loadStacksConfig(root, {})).toThrow(ConfigError);
    try {
      loadStacksConfig(root, {});
    } catch (error) {
      expect((error as ConfigError).source).toBe(path.join(root, 'stacks.config.json'));
      expect((error as ConfigError).problems.map((p) => p.slice(0, p.indexOf(' = ')))).toEqual(['namePrefix', FIELD, 'tls.my-ia.frontend']);
    }
  });

  test.each([
    ['a string instead of the object of proxies', { tls: '/etc/ssl/vibecoding' }, 'tls', 'not an object of TLS settings'],
    ['null', { tls: null }, 'tls', 'not an object of TLS settings'],
    ['a path instead of the settings object', { tls: { 'vibecoding.nginx': '/etc/ssl/vibecoding' } }, 'tls.vibecoding.nginx', 'not a TLS setting'],
    ['a number as the path', tlsFor(443), FIELD, 'not a path'],
    ['a NUL byte in the path', tlsFor('/etc/ssl/\u0000'), FIELD, 'not an absolute path'],
    ['an unknown field', { tls: { 'vibecoding.nginx': { certificateDirectory: '/etc/ssl', certDir: '/etc/ssl' } } }, 'tls.vibecoding.nginx', 'unknown field "certDir"'],
    ['a missing certificateDirectory', { tls: { 'vibecoding.nginx': {} } }, FIELD, 'not a path'],
  ])('fails cleanly, never crashing, on %s', (_what, content, field, message) => {
    // Only the shape is asserted: an existing directory may bring its own findings.
    expect(problems(content).filter((p) => p.startsWith(`${field} = `))).toEqual([expect.stringContaining(`: ${message}. Fix: `)]);
  });

  describe('on a remote engine the directory is on the engine host, so only its form is checked', () => {
    test.each([
      ['dockerHost', { dockerHost: 'ssh://deploy@prod.example.com' }, {}],
      ['CDS_DOCKER_HOST', {}, { CDS_DOCKER_HOST: 'tcp://10.0.0.5:2376' }],
      ['DOCKER_HOST', {}, { DOCKER_HOST: 'ssh://deploy@prod.example.com' }],
    ])('%s names a remote engine: a directory absent here is accepted', (_source, extra, env) => {
      const config = load({ ...extra, ...tlsFor('/etc/letsencrypt/copies/vibecoding') }, env);
      expect(config.tls).toEqual({ 'vibecoding.nginx': { certificateDirectory: '/etc/letsencrypt/copies/vibecoding' } });
    });

    test('a relative path still fails', () => {
      expect(problems({ dockerHost: 'tcp://10.0.0.5:2376', ...tlsFor('certs') })).toEqual([`${FIELD} = "certs": not an absolute path. Fix: start the path with "/", e.g. "/etc/ssl/vibecoding"`]);
    });

    test('engineIsLocal: unset, empty or a unix socket is local; tcp:// and ssh:// are not', () => {
      expect([undefined, '', 'unix:///var/run/docker.sock', 'tcp://127.0.0.1:2375', 'ssh://user@host'].map(engineIsLocal)).toEqual([true, true, true, false, false]);
    });
  });
});

/** The ConfigError that building the seed stacks (all, or `only`) from `config` throws. */
function buildError(config: StacksConfig, only?: readonly StackName[]): ConfigError {
  try {
    addSeedStacks(new App(), config, only);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('the stacks were built');
}

describe('hostPorts keys: those the stacks consume, nothing else', () => {
  const EVERY_KEY = 'arkalia.api, mnemolite.api, my-ia.app, my-ia.frontend, nexten.api, vibecoding-dev.postgres, vibecoding-dev.redis, vibecoding.nginx';

  test('fails when a key matches no published service ("mnemolite.apii"), with a did-you-mean, the keys that exist and the file', () => {
    const error = buildError(load({ hostPorts: { 'mnemolite.apii': 18080 } }));
    expect(error.source).toBe(path.join(root, 'stacks.config.json'));
    expect(error.problems).toEqual([
      `hostPorts.mnemolite.apii = 18080: no service publishes a host port under this key. Fix: did you mean "mnemolite.api"? The keys are ${EVERY_KEY}`,
    ]);
  });

  test('fails on "vibecoding.redis": vibecoding publishes no Redis port, vibecoding-dev does', () => {
    expect(buildError(load({ hostPorts: { 'vibecoding.redis': 16379 } })).problems).toEqual([
      `hostPorts.vibecoding.redis = 16379: no service publishes a host port under this key. Fix: did you mean "vibecoding-dev.redis"? The keys are ${EVERY_KEY}`,
    ]);
  });

  test('fails without a suggestion when no key is close', () => {
    expect(buildError(load({ hostPorts: { 'grafana.web': 3000 } })).problems).toEqual([`hostPorts.grafana.web = 3000: no service publishes a host port under this key. Fix: use one of ${EVERY_KEY}`]);
  });

  test('fails for every unknown key at once', () => {
    expect(buildError(load({ hostPorts: { 'nexten.apii': 1, 'nexten.api': 2, 'arkalia.ap': 3 } })).problems.map((p) => p.slice(0, p.indexOf(' = ')))).toEqual(['hostPorts.nexten.apii', 'hostPorts.arkalia.ap']);
  });

  test('names the configuration given in code when it was not read from a file', () => {
    expect(buildError({ hostPorts: { 'nexten.apii': 18000 } }).source).toBe('the configuration given to addSeedStacks');
  });

  test('every key the stacks consume is accepted, the HTTPS port with tls', () => {
    const keys = [...EVERY_KEY.split(', '), 'vibecoding.nginx-https'];
    const config = load({ ...tlsFor(certificateDirectory()), hostPorts: Object.fromEntries(keys.map((key, i) => [key, 20000 + i])) });
    expect(() => addSeedStacks(new App(), config)).not.toThrow();
  });

  test('with only some stacks built, a key of another seed stack waits for that stack; a key naming no stack still fails', () => {
    const config = load({ hostPorts: { 'mnemolite.api': 18080, 'mnemolit.api': 18081 } });
    expect(buildError(config, ['nexten']).problems).toEqual(['hostPorts.mnemolit.api = 18081: no service publishes a host port under this key. Fix: use one of nexten.api']);
    expect(() => addSeedStacks(new App(), load({ hostPorts: { 'mnemolite.api': 18080 } }), ['nexten'])).not.toThrow();
  });
});

describe('the root of the configuration file', () => {
  test.each([
    ['null', null, 'null'],
    ['an array', [{ namePrefix: 'staging' }], '[{"namePrefix":"staging"}]'],
    ['an empty array', [], '[]'],
    ['a string', 'staging', '"staging"'],
    ['a number', 42, '42'],
  ])('fails when the file holds %s, not an object', (_what, content, shown) => {
    expect(problems(content)).toEqual([`(root) = ${shown}: the file must hold one JSON object. Fix: write an object of settings, e.g. { "namePrefix": "staging" } ({} for the defaults)`]);
  });

  test('an empty object is the defaults', () => {
    expect(load({})).toEqual({});
  });
});

describe('images', () => {
  test('a registry reference with a tag or a digest is accepted', () => {
    const images = { app: 'registry.example.com:5000/team/my-ia-app:1.4.2', postgres: `postgres@sha256:${'a'.repeat(64)}` };
    expect(load({ images })).toEqual({ images });
  });

  test.each([
    ['upper case and a space', 'My App:1'],
    ['an empty string', ''],
    ['an empty tag', 'app:'],
    ['a scheme', 'https://registry.example.com/app:1'],
  ])('fails when a value is not an image reference (%s), naming the file, field, value and fix', (_what, value) => {
    expect(problems({ images: { app: value } })).toEqual([
      `images.app = ${JSON.stringify(value)}: not an image reference. Fix: write [registry/]name:tag or name@sha256:<digest>, lowercase, e.g. "registry.example.com/my-ia-app:1.4.2"`,
    ]);
  });

  test('a bad images.app is a ConfigError when the configuration is read, before any stack is built', () => {
    fs.writeFileSync(path.join(root, 'stacks.config.json'), JSON.stringify({ images: { app: 'Bad Image:1' } }));
    expect(() => loadStacksConfig(root, {})).toThrow(ConfigError);
  });
});

describe('engineVersion', () => {
  test('given CDS_ENGINE_VERSION, then it overrides the file and reaches every seed stack', () => {
    const config = load({ engineVersion: '26.1' }, { CDS_ENGINE_VERSION: '20.10.24' });
    expect(config.engineVersion).toBe('20.10.24');
    const stacks = addSeedStacks(new App(), config, ['arkalia']);
    expect(stacks.map((s) => [s.node.id, s.engineVersion, s.probesStartInterval])).toEqual([['arkalia', '20.10.24', false]]);
  });

  test('fails when it is not major.minor, naming the variable it came from', () => {
    expect(problems({}, { CDS_ENGINE_VERSION: 'latest' })).toEqual([expect.stringMatching(/^engineVersion \(from CDS_ENGINE_VERSION\) = "latest": not an engine version\. Fix: /)]);
  });
});

describe('state', () => {
  /** The backend each seed stack synthesizes (terraform.backend), by stack id. */
  function backends(config: StacksConfig, only: readonly StackName[]): Record<string, unknown> {
    return Object.fromEntries(
      addSeedStacks(new App(), config, only).map((stack) => {
        stack.prepareStack();
        return [stack.node.id, (JSON.parse(Testing.synth(stack)) as { terraform?: { backend?: unknown } }).terraform?.backend];
      }),
    );
  }

  test('given no state setting, then every seed stack keeps its state in .state/ of the project', () => {
    expect(backends(load({}), ['arkalia', 'my-ia'])).toEqual({
      arkalia: { local: { path: path.resolve('.state', 'terraform.arkalia.tfstate') } },
      'my-ia': { local: { path: path.resolve('.state', 'terraform.my-ia.tfstate') } },
    });
  });

  test('given a local directory, then each stack has its state file there', () => {
    expect(backends(load({ state: { backend: 'local', directory: 'ops/state' } }), ['arkalia'])).toEqual({ arkalia: { local: { path: path.resolve('ops/state', 'terraform.arkalia.tfstate') } } });
  });

  test('given "pg", then each stack has its own schema, named after its name prefix, and no connection string', () => {
    expect(backends(load({ state: { backend: 'pg' }, namePrefix: 'staging' }), ['arkalia', 'my-ia'])).toEqual({
      arkalia: { pg: { schema_name: 'cds_staging_arkalia' } },
      'my-ia': { pg: { schema_name: 'cds_staging_my_ia' } },
    });
  });

  test('fails when a connection string is written in the file, pointing to PG_CONN_STR', () => {
    expect(problems({ state: { backend: 'pg', conn_str: 'postgres://u:p@db/tf' } })).toEqual([expect.stringMatching(/^state = .*: unknown field "conn_str"\. Fix: .*set PG_CONN_STR$/)]);
  });

  test.each([
    ['an unknown backend', { backend: 's3' }, 'state.backend', 'unknown state backend'],
    ['a directory for pg', { backend: 'pg', directory: '.state' }, 'state.directory', 'a directory for the pg backend'],
    ['an empty directory', { backend: 'local', directory: '' }, 'state.directory', 'an empty path'],
    ['no backend', { directory: '.state' }, 'state.backend', 'unknown state backend'],
    ['a string instead of the object', 'pg', 'state', 'not a state setting'],
  ])('fails when it holds %s, naming the field and a fix', (_what, state, field, message) => {
    expect(problems({ state })).toEqual([expect.stringMatching(new RegExp(`^${field.replace(/\./g, '\\.')} = .*: ${message}.*\\. Fix: `))]);
  });
});
