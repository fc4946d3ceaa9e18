import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { DockerApp } from '../constructs';
import { addSeedStacks, STACK_NAMES } from '../stacks';

// `npm run bench`: prints figures and ratios; asserts nothing.
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const SIZES = (process.env.BENCH_SIZES ?? '10,100,500').split(',').map(Number);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const mib = (bytes: number) => (bytes / 1024 ** 2).toFixed(0);

console.log(`cdktf-docker-stacks benchmarks: node ${process.version}, ${os.cpus().length} cores, ${RUNS} runs (median) after one warm-up\n`);

console.log('1. Synth time of each documented stack (local images, in-process)');
console.log('stack            median ms   min ms');
for (const name of STACK_NAMES) {
  const times: number[] = [];
  for (let run = 0; run <= RUNS; run++) {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cds-bench-'));
    const start = process.hrtime.bigint();
    const app = new DockerApp({ outdir });
    addSeedStacks(app, { imageProfile: 'local' }, [name]);
    app.synth();
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    fs.rmSync(outdir, { recursive: true, force: true });
    if (run > 0) times.push(ms);
  }
  console.log(`${name.padEnd(16)} ${median(times).toFixed(1).padStart(9)} ${Math.min(...times).toFixed(1).padStart(8)}`);
}

console.log('\n2. Generated stacks: constructs vs the same resources on the bindings (one process per run)');
console.log('services  variant                 synth ms (median)  peak RSS MiB  RSS growth MiB');
const tsNode = path.resolve(__dirname, '..', 'node_modules', '.bin', 'ts-node');
const ratios: string[] = [];
for (const size of SIZES) {
  const results: Record<string, { ms: number; peak: number; growth: number }> = {};
  for (const variant of ['bindings', 'constructs', 'constructs-start-first']) {
    const runs = Array.from({ length: Math.max(1, Math.min(RUNS, size >= 500 ? 3 : RUNS)) }, () => {
      const out = execFileSync(tsNode, ['--transpile-only', path.join(__dirname, 'generated-stack.ts'), variant, String(size)], { encoding: 'utf8' });
      return JSON.parse(out.trim().split('\n').pop() as string) as { millis: number; peakRss: number; rssBefore: number; containers: number };
    });
    if (runs[0].containers !== size) throw new Error(`${variant} produced ${runs[0].containers} containers, expected ${size}`);
    results[variant] = { ms: median(runs.map((r) => r.millis)), peak: median(runs.map((r) => r.peakRss)), growth: median(runs.map((r) => r.peakRss - r.rssBefore)) };
    const r = results[variant];
    console.log(`${String(size).padStart(8)}  ${variant.padEnd(22)}  ${r.ms.toFixed(0).padStart(17)}  ${mib(r.peak).padStart(12)}  ${mib(r.growth).padStart(14)}`);
  }
  const ratio = (a: string, b: string) =>
    `time x${(results[a].ms / results[b].ms).toFixed(2)}  peak memory x${(results[a].peak / results[b].peak).toFixed(2)}  memory growth x${(results[a].growth / Math.max(1, results[b].growth)).toFixed(2)}`;
  ratios.push(`${String(size).padStart(8)}  constructs / bindings              ${ratio('constructs', 'bindings')}`);
  ratios.push(`${String(size).padStart(8)}  start-first / constructs (keepers)  ${ratio('constructs-start-first', 'constructs')}`);
}
console.log('\nRatios');
for (const line of ratios) console.log(line);
