import { execFileSync } from 'child_process';
import * as path from 'path';

// The API reference (`npm run docs:api`) is generated from the JSDoc of every export of
// constructs/index.ts. Given typedoc.json as the script uses it (validation, warnings as errors),
// when typedoc builds the reference model, then it reports nothing: every public declaration is
// documented, nothing it references is left out, every {@link} resolves, and every optional
// field of a props or options interface says its default.

interface Report {
  readonly reflections: number;
  /** Full names of everything in the reference, e.g. `Secret.fromVariable`. */
  readonly names: readonly string[];
  readonly warnings: readonly string[];
  readonly errors: readonly string[];
  readonly missingDefaults: readonly string[];
}

const root = path.resolve(__dirname, '../..');
let report: Report;

beforeAll(() => {
  // typedoc is an ES module: it runs in its own node process (about 20 s on 2 shared cores).
  const output = execFileSync(process.execPath, [path.join(__dirname, 'check-api-reference.mjs')], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  report = JSON.parse(output) as Report;
}, 180_000);

test('the reference covers the public API', () => {
  // A wrong entry point or tsconfig would document nothing and report nothing.
  expect(report.reflections).toBeGreaterThan(1000);
});

test('the reference leaves out what only the library itself may call (@internal)', () => {
  // Plumbing between the library's own modules (they take a construct scope, render provider
  // blocks or feed the rules), not API: tsconfig.build.json strips them from the declarations.
  const internal = [
    'ContainerImage.bind',
    'DockerStack.useRandomProvider',
    'HealthCheck.hash',
    'HealthCheck.render',
    'LogRotation.render',
    'Secret.knownValue',
    'Secret.leaves',
    'Secret.problemsIn',
    'Secret.resolve',
    'StackContext.useRandomProvider',
  ];
  expect(internal.filter((name) => report.names.includes(name))).toEqual([]);
  // The check itself sees members: their public neighbours are there.
  expect(report.names).toEqual(expect.arrayContaining(['ContainerImage.missingTools', 'Secret.fromVariable', 'HealthCheck.worstCaseStart', 'DockerStack.namePrefix']));
});

test('typedoc reports no undocumented, unexported or unresolved declaration', () => {
  expect(report.errors).toEqual([]);
  expect(report.warnings).toEqual([]);
});

test('every optional field of a props or options interface has a @default', () => {
  expect(report.missingDefaults).toEqual([]);
});
