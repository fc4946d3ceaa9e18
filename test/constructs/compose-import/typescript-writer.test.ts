import * as fs from 'fs';
import * as path from 'path';
import { Testing } from 'cdktf';
import type { DockerStack } from '../../../constructs/docker-stack';
import { fromCompose } from '../../../constructs/compose-import/from-compose';
import { renderStackSource } from '../../../constructs/compose-import/typescript-writer';

const FIXTURES = path.resolve(__dirname, '..', '..', 'fixtures', 'compose-import');
/** Inside the repository, so the generated file resolves `constructs` and the library; removed after. */
const OUT = path.resolve(__dirname, '..', '..', `.generated-compose-import-${process.pid}`);

afterAll(() => fs.rmSync(OUT, { recursive: true, force: true }));

const cases: [string, string[], Record<string, string>][] = [
  ['basic', ['compose.yaml'], { DB_PASSWORD: 'Zq8-long-random-pass-1234' }],
  ['volumes', ['compose.yaml'], {}],
  ['healthchecks', ['compose.yaml'], {}],
  ['labels', ['compose.yaml'], {}],
  ['deploy', ['compose.yaml'], {}],
  ['build', ['compose.yaml'], {}],
  ['secrets-configs', ['compose.yaml'], {}],
  ['depends-on', ['compose.yaml'], {}],
  ['restart', ['compose.yaml'], {}],
  ['merge', ['compose.yaml', 'override.yaml'], {}],
  ['kinds', ['compose.yaml'], {}],
  ['e2e-shop', ['compose.yaml'], { SHOP_DB_PASSWORD: 'Zq8-long-random-pass-1234' }],
  ['e2e-ai', ['compose.yaml'], { ASSISTANT_DB_PASSWORD: 'Zq8-long-random-pass-1234' }],
  ['e2e-queue', ['compose.yaml', 'override.yaml'], {}],
  ['reset-override', ['compose.yaml', 'override.yaml'], {}],
];

describe('renderStackSource', () => {
  it.each(cases)('writes a stack for %s that synthesizes to the same Terraform as fromCompose', (name, files, environment) => {
    // Given a fixture imported with fromCompose
    const paths = files.map((f) => path.join(FIXTURES, name, f));
    const imported = fromCompose(Testing.app(), 'gen', { files: paths, environment });
    // When it is written as TypeScript and that file is loaded and built
    fs.mkdirSync(OUT, { recursive: true });
    const file = path.join(OUT, `${name}.ts`);
    fs.writeFileSync(file, renderStackSource(imported, { importFrom: path.relative(OUT, path.resolve(__dirname, '..', '..', '..', 'constructs')).replace(/\\/g, '/'), className: 'GeneratedStack', files }));
    const generated = require(file) as { GeneratedStack: new (scope: unknown, id: string) => DockerStack };
    const stack = new generated.GeneratedStack(Testing.app(), 'gen');
    // Then both synthesize to the same JSON
    expect(JSON.parse(Testing.synth(stack, false))).toEqual(JSON.parse(Testing.synth(imported.stack, false)));
  });
});

describe('renderStackSource and secrets', () => {
  const importFrom = 'cdktf-docker-stacks';

  it('writes a Postgres password compose read from a variable as that variable, never its value', () => {
    const imported = fromCompose(Testing.app(), 'gen', { files: [path.join(FIXTURES, 'e2e-shop', 'compose.yaml')], environment: { SHOP_DB_PASSWORD: 'Zq8-long-random-pass-1234' } });
    const source = renderStackSource(imported, { importFrom, className: 'ShopStack', files: ['compose.yaml'] });
    expect(source).toContain('password: Secret.fromVariable("SHOP_DB_PASSWORD")');
    expect(source).not.toContain('Zq8-long-random-pass-1234');
  });

  it('writes a password written in the compose file back as a literal', () => {
    const imported = fromCompose(Testing.app(), 'gen', { files: [path.join(FIXTURES, 'kinds', 'compose.yaml')], environment: {} });
    const source = renderStackSource(imported, { importFrom, className: 'KindsStack', files: ['compose.yaml'] });
    expect(source).toContain('password: Secret.fromLiteral("Zq8-long-random-pass-1234")');
    expect(source).not.toContain('Secret.fromVariable');
  });
});
