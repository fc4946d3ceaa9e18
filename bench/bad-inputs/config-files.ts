// Bad configuration files, run through the code main.ts runs: loadStacksConfig (the file in a
// fresh directory, the CDS_* variables given), addSeedStacks, DockerApp.synth() into a fresh
// output directory. A ConfigError counts as a validation error; it must name the file, the
// field, the value and a fix.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as api from './api';
import { classifyError, classifySuccess, Classified, Expectation, ExpectedOutcome, filesUnder, GENERIC_FIX, Place, withEnvironment } from './harness';

/** One bad configuration: the file's text (or none) and the CDS_* variables, with the outcome it must end in. */
export interface BadConfig {
  /** Readable and unique. */
  readonly name: string;
  readonly expected: ExpectedOutcome;
  /**
   * The text of `stacks.config.json`, or a function of a scratch directory (for certificate
   * directories) returning it; no file when undefined.
   */
  readonly file?: string | ((scratch: string) => string);
  /** The CDS_* variables loadStacksConfig reads (the process's own are not passed). */
  readonly env?: Readonly<Record<string, string>>;
  /** The field (`hostPorts.mnemolite.apii`) or construct path (`my-ia/frontend`) the error must name; any field when undefined. */
  readonly at?: Place;
  /** Text the error must contain, e.g. the value as written. */
  readonly shows?: string;
  readonly source?: string;
}

/** A configuration that must be accepted. */
export interface ConfigControl {
  readonly name: string;
  readonly file?: string | ((scratch: string) => string);
}

const D1 = 'issue 7 defect 1';
const D6 = 'issue 7 defect 6';
const D8 = 'issue 7 defect 8';
const json = (value: unknown): string => JSON.stringify(value, null, 2);

/** A certificate directory the proxy's user can read, made in `scratch`. */
function certificates(scratch: string): string {
  const dir = path.join(scratch, 'certs');
  fs.mkdirSync(dir, { mode: 0o755 });
  for (const name of ['fullchain.pem', 'privkey.pem']) fs.writeFileSync(path.join(dir, name), '-----BEGIN PLACEHOLDER-----\n', { mode: 0o644 });
  return dir;
}

export const BAD_CONFIGS: readonly BadConfig[] = [
  { name: 'not JSON: a trailing comma', expected: 'VALIDATION_ERROR', file: '{ "namePrefix": "staging", }' },
  { name: 'not JSON: an empty file', expected: 'VALIDATION_ERROR', file: '' },
  { name: 'not JSON: single quotes', expected: 'VALIDATION_ERROR', file: "{ 'namePrefix': 'staging' }" },
  { name: 'root null', expected: 'VALIDATION_ERROR', file: 'null', at: '(root)', shows: '(root) = null', source: D8 },
  { name: 'root [] (an empty array)', expected: 'VALIDATION_ERROR', file: '[]', at: '(root)', shows: '(root) = []', source: D8 },
  { name: 'root [{ "namePrefix": "staging" }] (the object inside an array)', expected: 'VALIDATION_ERROR', file: '[{ "namePrefix": "staging" }]', at: '(root)', source: D8 },
  { name: 'root "staging" (a string)', expected: 'VALIDATION_ERROR', file: '"staging"', at: '(root)', shows: '(root) = "staging"' },
  { name: 'root 42 (a number)', expected: 'VALIDATION_ERROR', file: '42', at: '(root)', shows: '(root) = 42' },
  { name: 'unknown key "nameprefix" (a typo)', expected: 'VALIDATION_ERROR', file: json({ nameprefix: 'staging' }), at: ['nameprefix', '(root)'] },
  { name: 'unknown key "hostPort" (singular)', expected: 'VALIDATION_ERROR', file: json({ hostPort: { 'mnemolite.api': 18080 } }), at: ['hostPort', '(root)'] },
  { name: 'hostPorts "mnemolite.apii" (no such service)', expected: 'VALIDATION_ERROR', file: json({ hostPorts: { 'mnemolite.apii': 18080 } }), at: 'hostPorts.mnemolite.apii', source: D8 },
  { name: 'hostPorts "vibecoding.redis" (Redis is published by vibecoding-dev)', expected: 'VALIDATION_ERROR', file: json({ hostPorts: { 'vibecoding.redis': 16379 } }), at: 'hostPorts.vibecoding.redis', source: D8 },
  { name: 'hostPorts "mnemolite" (no service part)', expected: 'VALIDATION_ERROR', file: json({ hostPorts: { mnemolite: 18080 } }), at: ['hostPorts.mnemolite', 'hostPorts'] },
  { name: 'hostPorts "Mnemolite.API" (capitals)', expected: 'VALIDATION_ERROR', file: json({ hostPorts: { 'Mnemolite.API': 18080 } }), at: ['hostPorts.Mnemolite.API', 'hostPorts'] },
  { name: 'hostPorts "nexten.api": 0', expected: 'VALIDATION_ERROR', file: json({ hostPorts: { 'nexten.api': 0 } }), at: 'hostPorts.nexten.api' },
  { name: 'hostPorts "nexten.api": 65536', expected: 'VALIDATION_ERROR', file: json({ hostPorts: { 'nexten.api': 65536 } }), at: 'hostPorts.nexten.api' },
  { name: 'hostPorts "nexten.api": 8000.5', expected: 'VALIDATION_ERROR', file: json({ hostPorts: { 'nexten.api': 8000.5 } }), at: 'hostPorts.nexten.api' },
  { name: 'hostPorts "nexten.api": "8000" (a string)', expected: 'VALIDATION_ERROR', file: json({ hostPorts: { 'nexten.api': '8000' } }), at: 'hostPorts.nexten.api' },
  { name: 'hostPorts "nexten.api": null', expected: 'VALIDATION_ERROR', file: json({ hostPorts: { 'nexten.api': null } }), at: 'hostPorts.nexten.api' },
  {
    name: 'hostPorts "mnemolite.api" and "nexten.api" both 18000 (two stacks, one engine)',
    expected: 'VALIDATION_ERROR',
    file: json({ hostPorts: { 'mnemolite.api': 18000, 'nexten.api': 18000 } }),
    at: ['hostPorts.mnemolite.api', 'hostPorts.nexten.api', 'mnemolite/api', 'nexten/api', 'mnemolite', 'nexten'],
    source: D1,
  },
  {
    name: 'hostPorts "arkalia.api": 8400 (my-ia frontend\'s port)',
    expected: 'VALIDATION_ERROR',
    file: json({ hostPorts: { 'arkalia.api': 8400 } }),
    at: ['hostPorts.arkalia.api', 'arkalia/api', 'my-ia/frontend', 'arkalia', 'my-ia'],
    source: D1,
  },
  {
    name: 'hostPorts "vibecoding-dev.postgres": 6379 (Redis\'s port in the same stack)',
    expected: 'VALIDATION_ERROR',
    file: json({ hostPorts: { 'vibecoding-dev.postgres': 6379 } }),
    at: ['hostPorts.vibecoding-dev.postgres', 'vibecoding-dev/postgres', 'vibecoding-dev/redis'],
  },
  { name: 'hostPorts "my-ia.frontend": 8480 (its own app listener)', expected: 'VALIDATION_ERROR', file: json({ hostPorts: { 'my-ia.frontend': 8480 } }), at: ['hostPorts.my-ia.frontend', 'my-ia/frontend'] },
  { name: 'hostPorts "vibecoding.nginx-https" without tls', expected: 'VALIDATION_ERROR', file: json({ hostPorts: { 'vibecoding.nginx-https': 8443 } }), at: 'hostPorts.vibecoding.nginx-https' },
  {
    name: 'tls on, hostPorts "vibecoding.nginx-https": 80 (the HTTP port)',
    expected: 'VALIDATION_ERROR',
    file: (scratch) => json({ tls: { 'vibecoding.nginx': { certificateDirectory: certificates(scratch) } }, hostPorts: { 'vibecoding.nginx-https': 80 } }),
    at: ['hostPorts.vibecoding.nginx-https', 'vibecoding/nginx'],
  },
  { name: 'images.app "My App:latest"', expected: 'VALIDATION_ERROR', file: json({ images: { app: 'My App:latest' } }), at: ['images.app', 'ContainerImage.fromRegistry', 'ContainerImage'], source: D6 },
  { name: 'images.app "" (empty)', expected: 'VALIDATION_ERROR', file: json({ images: { app: '' } }), at: 'images.app' },
  { name: 'images.app 42 (a number)', expected: 'VALIDATION_ERROR', file: json({ images: { app: 42 } }), at: 'images.app' },
  {
    name: 'images.app "registry.example.com/app:latest" (unpinned)',
    expected: 'VALIDATION_ERROR',
    file: json({ images: { app: 'registry.example.com/app:latest' } }),
    at: ['images.app', 'arkalia/api', 'mnemolite/api', 'my-ia/app', 'nexten/api', 'vibecoding/api'],
  },
  { name: 'images.postgres "postgres:17 " (trailing blank)', expected: 'VALIDATION_ERROR', file: json({ images: { postgres: 'postgres:17 ' } }), at: ['images.postgres', 'ContainerImage.fromRegistry', 'ContainerImage'] },
  { name: 'images "postgress" (unknown key)', expected: 'VALIDATION_ERROR', file: json({ images: { postgress: 'postgres:17-alpine' } }), at: 'images.postgress' },
  { name: 'namePrefix "Staging" (capitals)', expected: 'VALIDATION_ERROR', file: json({ namePrefix: 'Staging' }), at: 'namePrefix' },
  { name: 'namePrefix "staging_eu" (_)', expected: 'VALIDATION_ERROR', file: json({ namePrefix: 'staging_eu' }), at: 'namePrefix' },
  { name: 'namePrefix "" (empty)', expected: 'VALIDATION_ERROR', file: json({ namePrefix: '' }), at: 'namePrefix' },
  { name: 'namePrefix of 21 letters', expected: 'VALIDATION_ERROR', file: json({ namePrefix: 's'.repeat(21) }), at: 'namePrefix' },
  { name: 'namePrefix 42 (a number)', expected: 'VALIDATION_ERROR', file: json({ namePrefix: 42 }), at: 'namePrefix' },
  { name: 'dockerHost "localhost:2375" (no scheme)', expected: 'VALIDATION_ERROR', file: json({ dockerHost: 'localhost:2375' }), at: 'dockerHost' },
  { name: 'dockerHost "tcp://engine:2376 " (trailing blank)', expected: 'VALIDATION_ERROR', file: json({ dockerHost: 'tcp://engine:2376 ' }), at: 'dockerHost' },
  { name: 'imageProfile "dev"', expected: 'VALIDATION_ERROR', file: json({ imageProfile: 'dev' }), at: 'imageProfile' },
  { name: 'tls "my-ia.frontend" (not a TLS-capable proxy)', expected: 'VALIDATION_ERROR', file: json({ tls: { 'my-ia.frontend': { certificateDirectory: '/etc/ssl/my-ia' } } }), at: 'tls.my-ia.frontend' },
  {
    name: 'tls certificateDirectory "certs/vibecoding" (relative)',
    expected: 'VALIDATION_ERROR',
    file: json({ tls: { 'vibecoding.nginx': { certificateDirectory: 'certs/vibecoding' } } }),
    at: 'tls.vibecoding.nginx.certificateDirectory',
  },
  {
    name: 'tls certificateDirectory "/nonexistent/cds-certs" (missing)',
    expected: 'VALIDATION_ERROR',
    file: json({ tls: { 'vibecoding.nginx': { certificateDirectory: '/nonexistent/cds-certs' } } }),
    at: 'tls.vibecoding.nginx.certificateDirectory',
  },
  { name: 'tls { "cert": ... } (unknown field)', expected: 'VALIDATION_ERROR', file: json({ tls: { 'vibecoding.nginx': { cert: '/etc/ssl/vibecoding' } } }), at: ['tls.vibecoding.nginx', 'tls.vibecoding.nginx.certificateDirectory'] },
  { name: 'tls "vibecoding.nginx": "/etc/ssl/vibecoding" (a string)', expected: 'VALIDATION_ERROR', file: json({ tls: { 'vibecoding.nginx': '/etc/ssl/vibecoding' } }), at: 'tls.vibecoding.nginx' },
  { name: 'CDS_NAME_PREFIX="Bad Prefix"', expected: 'VALIDATION_ERROR', env: { CDS_NAME_PREFIX: 'Bad Prefix' }, at: 'namePrefix' },
  { name: 'CDS_IMAGE_PROFILE="prod"', expected: 'VALIDATION_ERROR', env: { CDS_IMAGE_PROFILE: 'prod' }, at: 'imageProfile' },
  { name: 'CDS_DOCKER_HOST="docker.sock"', expected: 'VALIDATION_ERROR', env: { CDS_DOCKER_HOST: 'docker.sock' }, at: 'dockerHost' },
  { name: 'CDS_CONFIG="missing.json" (no such file)', expected: 'VALIDATION_ERROR', env: { CDS_CONFIG: 'missing.json' } },
];

export const CONFIG_CONTROLS: readonly ConfigControl[] = [
  { name: 'no configuration file' },
  { name: 'the local image profile', file: json({ imageProfile: 'local' }) },
  {
    name: "README's example, with a readable certificate directory",
    file: (scratch) =>
      json({
        namePrefix: 'staging',
        imageProfile: 'official',
        images: { app: 'registry.example.com/my-ia-app:1.4.2' },
        hostPorts: { 'mnemolite.api': 18080, 'vibecoding.nginx-https': 8443 },
        tls: { 'vibecoding.nginx': { certificateDirectory: certificates(scratch) } },
      }),
  },
];

const places = (at: Place): readonly string[] => (typeof at === 'string' ? [at] : at);

/** What a ConfigError fails to say: the file, and for each problem a fix; one problem names the field. */
export function configErrorProblems(error: api.ConfigError, file: string, expect: Partial<Expectation>): string[] {
  const found: string[] = [];
  if (!String(error.source).includes(file) && !String(error.message).includes(file)) found.push(`does not name the file ${file}`);
  const problems: readonly string[] = Array.isArray(error.problems) ? error.problems : [];
  if (problems.length === 0) found.push('no problems listed');
  problems.forEach((p, i) => {
    const at = p.lastIndexOf('. Fix: ');
    const remedy = at < 0 ? '' : p.slice(at + '. Fix: '.length).trim();
    if (remedy === '') found.push(`problem ${i} has no fix`);
    else if (GENERIC_FIX.test(remedy)) found.push(`problem ${i} has only a generic fix: "${remedy}"`);
  });
  if (expect.at !== undefined && problems.length > 0) {
    const named = problems.some((p) => places(expect.at as Place).some((field) => p.startsWith(`${field} = `) || p.startsWith(`${field} (from `)));
    if (!named) found.push(`no problem names ${places(expect.at).join(' or ')}: ${problems.map((p) => p.slice(0, 80)).join(' | ')}`);
  }
  if (expect.shows !== undefined && !String(error.message).includes(expect.shows)) found.push(`does not show ${JSON.stringify(expect.shows)}`);
  return found;
}

/** Runs one configuration as main.ts does, into a fresh directory, and classifies the result. */
export function runConfig(input: BadConfig | ConfigControl): Classified {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'cds-bad-config-'));
  const outdir = path.join(scratch, 'cdktf.out');
  const configFile = path.join(scratch, 'stacks.config.json');
  const expect: Expectation = { at: ('at' in input ? input.at : undefined) ?? [], shows: 'shows' in input ? input.shows : undefined };
  const anyField = !('at' in input) || input.at === undefined;
  try {
    if (input.file !== undefined) fs.writeFileSync(configFile, typeof input.file === 'function' ? input.file(scratch) : input.file);
    const env = 'env' in input ? { ...input.env } : {};
    const file = env.CDS_CONFIG ? path.resolve(scratch, env.CDS_CONFIG) : configFile;
    return withEnvironment(undefined, () => {
      let app: api.DockerApp | undefined;
      try {
        const config = api.loadStacksConfig(scratch, env);
        app = new api.DockerApp({ outdir });
        api.addSeedStacks(app, config);
        app.synth();
      } catch (error) {
        if (error instanceof api.ConfigError) {
          const written = filesUnder(outdir);
          if (written.length > 0) return { outcome: 'PARTIAL_OUTPUT', detail: `ConfigError; wrote ${written.slice(0, 5).join(', ')}`, messageProblems: [] };
          const detail = `ConfigError: ${String(error.message).split('\n').slice(1, 3).join(' | ')}`.slice(0, 400);
          return { outcome: 'VALIDATION_ERROR', detail, messageProblems: configErrorProblems(error, file, anyField ? { shows: expect.shows } : expect) };
        }
        const classified = classifyError(error, outdir, expect);
        return anyField ? { ...classified, messageProblems: classified.messageProblems.filter((p) => !p.startsWith('names ') && !p.startsWith('no message names')) } : classified;
      }
      return classifySuccess(app, expect);
    });
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}
