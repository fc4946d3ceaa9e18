import { runInThisContext } from 'vm';
// Every ```ts block of README.md and docs/**/*.md, extracted from the Markdown as it is: each is
// written to a temporary .ts file, type-checked with the project's compiler options, and, when it
// builds a stack, run to a successful DockerApp synth (every rule on). A page's example may use
// the names of the shared example context below without defining them (docs/DEVELOPING.md).
// A block that is deliberately partial is marked `<!-- not-compiled -->` on the line before it,
// or fenced as ```ts fragment.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ts from 'typescript';
import { DockerApp } from '../../constructs';

const ROOT = path.resolve(__dirname, '../..');
const LIBRARY = path.join(ROOT, 'constructs');
const PACKAGE_NAME = 'cdktf-docker-stacks';
const NOT_COMPILED = '<!-- not-compiled -->';
/** Blocks that may be left out of the check (marked partial): keep them few. */
const MAX_LEFT_OUT = 3;

/** The names a page's example may use without defining them, in dependency order. */
const EXAMPLE_CONTEXT: readonly { readonly name: string; readonly needs: readonly string[]; readonly code: string }[] = [
  { name: 'stack', needs: [], code: "const stack = new DockerStack(app, 'shop');" },
  { name: 'nets', needs: ['stack'], code: "const nets = new StackNetworks(stack, 'networks');" },
  { name: 'db', needs: ['stack', 'nets'], code: "const db = new Postgres(stack, 'db', { networks: [{ network: nets.backend }] });" },
  { name: 'redis', needs: ['stack', 'nets'], code: "const redis = new Redis(stack, 'redis', { networks: [{ network: nets.backend }] });" },
  {
    name: 'api',
    needs: ['stack', 'nets'],
    code: "const api = new PythonApi(stack, 'api', { image: ContainerImage.fromRegistry('example/shop-api:2.0.0'), app: 'app.main:app', networks: [{ network: nets.backend }, { network: nets.frontend }] });",
  },
  {
    name: 'web',
    needs: ['stack', 'nets'],
    code: "const web = new Service(stack, 'web', { image: ContainerImage.fromRegistry('example/web:1.4.2'), healthCheck: HealthCheck.httpGet('/health', { port: Port.tcp(3000) }), networks: [{ network: nets.frontend }] });",
  },
];

interface Example {
  /** `docs/constructs/postgres.md:43`: the page and the line of the opening fence. */
  readonly where: string;
  readonly page: string;
  readonly fenceLine: number;
  readonly code: string;
}

interface Extracted {
  readonly compiled: Example[];
  readonly skipped: Example[];
}

/** README.md and every Markdown page under docs/, except generated ones. */
function markdownPages(): string[] {
  const docs = fs
    .readdirSync(path.join(ROOT, 'docs'), { recursive: true })
    .map(String)
    .filter((file) => file.endsWith('.md') && !file.startsWith(`api${path.sep}`))
    .map((file) => path.join('docs', file));
  return ['README.md', ...docs].sort();
}

/** The ```ts blocks of a page's Markdown, those marked as partial apart. */
function extract(page: string, markdown: string): Extracted {
  const lines = markdown.split('\n');
  const compiled: Example[] = [];
  const skipped: Example[] = [];
  for (let i = 0; i < lines.length; i += 1) {
    const open = /^```(ts|typescript)(?:\s+(\S+))?\s*$/.exec(lines[i]);
    if (!open) continue;
    const close = lines.findIndex((line, j) => j > i && line.startsWith('```'));
    if (close < 0) throw new Error(`${page}:${i + 1}: a code block that is never closed`);
    const previous = lines.slice(0, i).reverse().find((line) => line.trim() !== '');
    const example = { where: `${page}:${i + 1}`, page, fenceLine: i + 1, code: lines.slice(i + 1, close).join('\n') };
    (open[2] === 'fragment' || previous?.trim() === NOT_COMPILED ? skipped : compiled).push(example);
    i = close;
  }
  return { compiled, skipped };
}

/** Identifiers a snippet reads but does not declare (property names and globals excluded). */
function freeNames(code: string): Set<string> {
  const source = ts.createSourceFile('snippet.ts', code, ts.ScriptTarget.ES2022, true);
  const used = new Set<string>();
  const declared = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node)) {
      const parent = node.parent;
      const isName = (ts.isPropertyAccessExpression(parent) || ts.isQualifiedName(parent)) && (ts.isPropertyAccessExpression(parent) ? parent.name : parent.right) === node;
      const isKey = (ts.isPropertyAssignment(parent) || ts.isPropertySignature(parent) || ts.isMethodDeclaration(parent) || ts.isPropertyDeclaration(parent)) && parent.name === node;
      const isDeclaration =
        (ts.isVariableDeclaration(parent) || ts.isFunctionDeclaration(parent) || ts.isParameter(parent) || ts.isClassDeclaration(parent) || ts.isBindingElement(parent) || ts.isImportSpecifier(parent) || ts.isImportClause(parent) || ts.isNamespaceImport(parent)) &&
        parent.name === node;
      if (isDeclaration) declared.add(node.text);
      else if (!isName && !isKey) used.add(node.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return new Set([...used].filter((name) => !declared.has(name) && !(name in globalThis)));
}

interface Generated {
  readonly example: Example;
  readonly file: string;
  /** Lines of the generated file before the example's first line. */
  readonly headerLines: number;
  /** Run it: it builds a stack (the shared `stack`, or its own app). */
  readonly runs: boolean;
  /** A whole program (its own imports and app) rather than a page's snippet. */
  readonly program: boolean;
}

function generate(example: Example, dir: string, index: number): Generated {
  const file = path.join(dir, `example-${index}.ts`);
  const program = /^\s*import\s/m.test(example.code);
  if (program) {
    const header = `// ${example.where}\n`;
    const code = example.code.replace(new RegExp(`from '${PACKAGE_NAME}'`, 'g'), `from ${JSON.stringify(LIBRARY)}`);
    fs.writeFileSync(file, header + code + '\n');
    return { example, file, headerLines: 1, runs: /\.synth\(\)/.test(example.code), program };
  }
  const free = freeNames(example.code);
  const context = new Set<string>();
  const add = (name: string): void => {
    const entry = EXAMPLE_CONTEXT.find((c) => c.name === name);
    if (!entry || context.has(name)) return;
    entry.needs.forEach(add);
    context.add(name);
  };
  [...free].forEach(add);
  const prelude = EXAMPLE_CONTEXT.filter((c) => context.has(c.name)).map((c) => `  ${c.code}`);
  const imports = [...new Set([...freeNames([...prelude, example.code].join('\n')), 'DockerApp'])].filter((name) => !context.has(name) && name !== 'app').sort();
  const header = [`// ${example.where}`, `import { ${imports.join(', ')} } from ${JSON.stringify(LIBRARY)};`, 'export default function example(app: DockerApp): void {', ...prelude];
  fs.writeFileSync(file, [...header, example.code, '}', ''].join('\n'));
  return { example, file, headerLines: header.length, runs: context.has('stack'), program };
}

function compilerOptions(): ts.CompilerOptions {
  const config = ts.readConfigFile(path.join(ROOT, 'tsconfig.json'), (file) => ts.sys.readFile(file));
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT);
  return {
    ...parsed.options,
    noEmit: true,
    // Examples show a value without always using it (`const check = HealthCheck...`).
    noUnusedLocals: false,
    noUnusedParameters: false,
    types: ['node'],
    typeRoots: [path.join(ROOT, 'node_modules', '@types')],
  };
}

/** A diagnostic as `page:line: message`, with the line counted in the Markdown page. */
function describeDiagnostic(generated: Generated, diagnostic: ts.Diagnostic): string {
  const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
  if (!diagnostic.file || diagnostic.start === undefined) return `${generated.example.where}: TS${diagnostic.code} ${message}`;
  const line = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start).line;
  if (path.resolve(diagnostic.file.fileName) !== path.resolve(generated.file)) return `${generated.example.where}: TS${diagnostic.code} in ${diagnostic.file.fileName}:${line + 1}: ${message}`;
  const pageLine = generated.example.fenceLine + 1 + (line - generated.headerLines);
  return `${generated.example.page}:${pageLine}: TS${diagnostic.code} ${message}`;
}

/** Runs the example's JavaScript in this test's module registry (one copy of the library). */
function run(generated: Generated, outdir: string): void {
  const source = fs.readFileSync(generated.file, 'utf8');
  const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true } }).outputText;
  const module = { exports: {} as { default?: (app: DockerApp) => void } };
  (runInThisContext(`(function (require, module, exports) {\n${js}\n})`) as (r: NodeJS.Require, m: typeof module, e: typeof module.exports) => void)(require, module, module.exports);
  if (generated.program) return;
  const app = new DockerApp({ outdir });
  module.exports.default?.(app);
  app.synth();
}

const pages = markdownPages();
const extracted = pages.map((page) => ({ page, ...extract(page, fs.readFileSync(path.join(ROOT, page), 'utf8')) }));
const examples = extracted.flatMap((e) => e.compiled);
const workdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cds-docs-examples-'));
const generated = examples.map((example, index) => generate(example, workdir, index));
let program: ts.Program;

beforeAll(() => {
  program = ts.createProgram(generated.map((g) => g.file), compilerOptions());
});

afterAll(() => {
  fs.rmSync(workdir, { recursive: true, force: true });
});

describe('the examples in the docs', () => {
  test('given README.md and docs/, when extracted, then README and every construct page have a compiled example, and few blocks are left out', () => {
    const constructPages = pages.filter((page) => page.startsWith(path.join('docs', 'constructs')));
    const withoutExample = ['README.md', ...constructPages].filter((page) => (extracted.find((e) => e.page === page)?.compiled.length ?? 0) === 0);

    expect(constructPages.length).toBeGreaterThan(0);
    expect(withoutExample).toEqual([]);
    expect(extracted.flatMap((e) => e.skipped).length).toBeLessThanOrEqual(MAX_LEFT_OUT);
  });

  test('given a page with a marked block, a fragment and a plain block, when extracted, then only the plain block is compiled, at its line', () => {
    const markdown = ['# Page', '', NOT_COMPILED, '```ts', 'partial(', '```', '', '```ts fragment', '...', '```', '', '```ts', 'const a = 1;', '```', '', '```sh', 'npm test', '```'].join('\n');

    const { compiled, skipped } = extract('page.md', markdown);

    expect(compiled).toEqual([{ where: 'page.md:12', page: 'page.md', fenceLine: 12, code: 'const a = 1;' }]);
    expect(skipped.map((e) => e.where)).toEqual(['page.md:4', 'page.md:8']);
  });

  test('given a snippet, when its free names are found, then declared names, property names and globals are not among them', () => {
    expect([...freeNames("const db = new Postgres(stack, 'db', { networks: [{ network: nets.backend }], redis });\nJSON.stringify(db.url);")].sort()).toEqual(['Postgres', 'nets', 'redis', 'stack']);
  });

  test.each(generated.map((g) => [g.example.where, g] as const))('%s type-checks', (_where, g) => {
    const source = program.getSourceFile(g.file);
    if (!source) throw new Error(`${g.file} is not in the program`);

    expect(ts.getPreEmitDiagnostics(program, source).map((d) => describeDiagnostic(g, d))).toEqual([]);
  });

  const running = generated.filter((g) => g.runs);
  test.each(running.map((g) => [g.example.where, g] as const))('%s builds a stack that synthesizes with every rule on', (_where, g) => {
    const outdir = fs.mkdtempSync(path.join(workdir, 'out-'));
    const previous = process.env.CDKTF_OUTDIR;
    // A whole program makes its own DockerApp: its default output directory is redirected here.
    process.env.CDKTF_OUTDIR = outdir;
    try {
      run(g, outdir);
    } finally {
      if (previous === undefined) delete process.env.CDKTF_OUTDIR;
      else process.env.CDKTF_OUTDIR = previous;
    }

    const written = fs.readdirSync(path.join(outdir, 'stacks'));
    expect(written.length).toBeGreaterThan(0);
    for (const stack of written) expect(fs.existsSync(path.join(outdir, 'stacks', stack, 'cdk.tf.json'))).toBe(true);
  });
});
