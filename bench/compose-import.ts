import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'cdktf';
import type { DockerStack } from '../constructs';
import { fromCompose } from '../constructs/compose-import/from-compose';
import { renderStackSource } from '../constructs/compose-import/typescript-writer';

// `npx ts-node --transpile-only bench/compose-import.ts`: import + synth of a generated compose
// file of SERVICES services against synthesizing the same stack written as TypeScript (the
// class `import --out` writes, loaded once). Prints figures and the ratio; asserts nothing.
const SERVICES = Number(process.env.BENCH_SERVICES ?? 100);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cds-bench-import-'));
const services = Array.from({ length: SERVICES }, (_, i) =>
  [
    `  svc${i}:`,
    `    image: example/svc${i}:1.0.${i}`,
    '    command: ["serve", "--port", "8000"]',
    `    environment: { INDEX: "${i}", MODE: "\${MODE:-prod}" }`,
    '    networks: [backend]',
    '    healthcheck: { test: ["CMD", "true"], interval: 10s, timeout: 3s, retries: 3, start_period: 5s }',
    '    deploy: { resources: { limits: { cpus: "0.5", memory: 128m } } }',
    '    logging: { driver: json-file, options: { max-size: 10m, max-file: "3" } }',
    ...(i > 0 ? [`    depends_on: { svc${i - 1}: { condition: service_healthy } }`] : []),
  ].join('\n'),
);
const composeFile = path.join(dir, 'compose.yaml');
fs.writeFileSync(composeFile, `name: bench\nservices:\n${services.join('\n')}\nnetworks:\n  backend: { internal: true }\n`);

const time = (build: (app: App) => void): number => {
  const outdir = fs.mkdtempSync(path.join(dir, 'out-'));
  const start = process.hrtime.bigint();
  const app = new App({ outdir });
  build(app);
  app.synth();
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  fs.rmSync(outdir, { recursive: true, force: true });
  return ms;
};

const importOnce = (app: App): void => void fromCompose(app, 'bench', { files: [composeFile], environment: {} });
const sourceFile = path.join(__dirname, `.generated-bench-${process.pid}.ts`);
fs.writeFileSync(sourceFile, renderStackSource(fromCompose(new App({ outdir: dir }), 'bench', { files: [composeFile], environment: {} }), { importFrom: '../constructs', className: 'BenchStack', files: [composeFile] }));
try {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { BenchStack } = require(sourceFile) as { BenchStack: new (scope: App, id: string) => DockerStack };
  const imported: number[] = [];
  const handWritten: number[] = [];
  time(importOnce);
  time((app) => new BenchStack(app, 'bench'));
  for (let run = 0; run < RUNS; run++) {
    imported.push(time(importOnce));
    handWritten.push(time((app) => new BenchStack(app, 'bench')));
  }
  console.log(`compose import, ${SERVICES} services, ${RUNS} runs after one warm-up (node ${process.version}, ${os.cpus().length} cores, load ${os.loadavg()[0].toFixed(1)})`);
  console.log(`fromCompose + synth:       median ${median(imported).toFixed(0)} ms (min ${Math.min(...imported).toFixed(0)})`);
  console.log(`same stack as TypeScript:  median ${median(handWritten).toFixed(0)} ms (min ${Math.min(...handWritten).toFixed(0)})`);
  console.log(`ratio (median):            ${(median(imported) / median(handWritten)).toFixed(2)}`);
} finally {
  fs.rmSync(sourceFile, { force: true });
  fs.rmSync(dir, { recursive: true, force: true });
}
