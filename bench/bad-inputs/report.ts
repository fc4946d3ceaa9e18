// Runs the catalogue, the configuration files and the fuzzer, and lays the results out: a
// table per class with counts per outcome, the figures issue 7 asks for, and every case that
// did not end in its expected outcome.
import { BadInput, CASE_CLASSES, runBadInput } from './case';
import { BAD_INPUTS, CONTROLS } from './catalogue';
import { BAD_CONFIGS, CONFIG_CONTROLS, runConfig } from './config-files';
import { FUZZ_KINDS, fuzzSamples, runFuzzSample, showSample } from './fuzz';
import { Classified, Outcome } from './harness';

/** One case's result, as printed and as written with --json. */
export interface CaseResult extends Classified {
  readonly group: string;
  readonly name: string;
  readonly expected: string;
  readonly source?: string;
}

export interface Report {
  readonly seed: number;
  readonly fuzzRuns: number;
  readonly catalogue: readonly CaseResult[];
  readonly configs: readonly CaseResult[];
  readonly controls: readonly CaseResult[];
  readonly fuzz: readonly CaseResult[];
  readonly millis: number;
}

/** A result is as expected when the outcome matches and the message says everything. */
export function asExpected(result: CaseResult): boolean {
  if (result.expected === 'ACCEPTED_SILENTLY') return result.outcome === 'ACCEPTED_SILENTLY';
  if (result.expected === 'NO_CRASH') return result.outcome !== 'OTHER_ERROR' && result.outcome !== 'PARTIAL_OUTPUT';
  return result.outcome === 'N/A' || (result.outcome === result.expected && result.messageProblems.length === 0);
}

function caseResult(input: BadInput, classified: Classified): CaseResult {
  return { group: input.class, name: input.name, expected: input.expected, source: input.source, ...classified };
}

export function runReport(options: { readonly seed: number; readonly fuzzRuns: number }): Report {
  const start = Date.now();
  const controls: CaseResult[] = [
    ...CONTROLS.map((c) => ({ group: 'control', name: c.name, expected: 'ACCEPTED_SILENTLY', ...runBadInput(c) })),
    ...CONFIG_CONTROLS.map((c) => ({ group: 'control (config)', name: c.name, expected: 'ACCEPTED_SILENTLY', ...runConfig(c) })),
  ];
  const catalogue = BAD_INPUTS.map((c) => caseResult(c, runBadInput(c)));
  const configs = BAD_CONFIGS.map((c) => ({ group: 'config files', name: c.name, expected: c.expected, source: c.source, ...runConfig(c) }));
  const fuzz = fuzzSamples(options.fuzzRuns, options.seed).map((sample, index) => ({
    group: `fuzz ${sample.kind}`,
    name: `#${index} ${showSample(sample)}`,
    expected: 'NO_CRASH',
    ...runFuzzSample(sample),
  }));
  return { seed: options.seed, fuzzRuns: options.fuzzRuns, catalogue, configs, controls, fuzz, millis: Date.now() - start };
}

const COLUMNS: readonly (Outcome | 'poor message')[] = ['ACCEPTED_SILENTLY', 'WARNING', 'VALIDATION_ERROR', 'poor message', 'OTHER_ERROR', 'PARTIAL_OUTPUT', 'N/A'];

function row(label: string, results: readonly CaseResult[]): string {
  const count = (column: (typeof COLUMNS)[number]) =>
    column === 'poor message' ? results.filter((r) => (r.outcome === 'VALIDATION_ERROR' || r.outcome === 'WARNING') && r.messageProblems.length > 0).length : results.filter((r) => r.outcome === column).length;
  return `${label.padEnd(22)}${String(results.length).padStart(6)}${COLUMNS.map((c) => String(count(c)).padStart(c.length + 2)).join('')}`;
}

function header(first: string): string {
  return `${first.padEnd(22)}${'cases'.padStart(6)}${COLUMNS.map((c) => `  ${c}`).join('')}`;
}

/** Bad inputs accepted silently, and failures that are not a ValidationError (OTHER_ERROR and PARTIAL_OUTPUT). */
export function headline(results: readonly CaseResult[]): { cases: number; applicable: number; acceptedSilently: number; nonValidationErrors: number; poorMessages: number } {
  const applicable = results.filter((r) => r.outcome !== 'N/A');
  return {
    cases: results.length,
    applicable: applicable.length,
    acceptedSilently: applicable.filter((r) => r.outcome === 'ACCEPTED_SILENTLY').length,
    nonValidationErrors: applicable.filter((r) => r.outcome === 'OTHER_ERROR' || r.outcome === 'PARTIAL_OUTPUT').length,
    poorMessages: applicable.filter((r) => (r.outcome === 'VALIDATION_ERROR' || r.outcome === 'WARNING') && r.messageProblems.length > 0).length,
  };
}

export function formatReport(report: Report, context: string): string {
  const lines: string[] = [];
  lines.push(`Bad inputs through the public API (issue 7): ${context}`);
  lines.push(`fast-check seed ${report.seed}, ${report.fuzzRuns} fuzzed prop sets; ${(report.millis / 1000).toFixed(1)} s`);
  lines.push('');
  lines.push('Outcomes: ACCEPTED_SILENTLY (synth ok, no warning), WARNING (synth ok, a warning annotation), VALIDATION_ERROR');
  lines.push('(ValidationError or StackValidationError; a ConfigError for configuration files), "poor message" (of those, one');
  lines.push('that does not name path, field, value, fix or the construct at fault), OTHER_ERROR (anything else), PARTIAL_OUTPUT');
  lines.push('(a failure that wrote into its output directory), N/A (uses an API this code does not have).');
  lines.push('');
  lines.push(header('class'));
  for (const group of CASE_CLASSES) lines.push(row(group, report.catalogue.filter((r) => r.group === group)));
  lines.push(row('catalogue total', report.catalogue));
  lines.push(row('config files', report.configs));
  lines.push('');
  lines.push(header('fuzz, by kind'));
  for (const kind of FUZZ_KINDS) lines.push(row(kind, report.fuzz.filter((r) => r.group === `fuzz ${kind}`)));
  lines.push(row('fuzz total', report.fuzz));
  lines.push('');
  const bad = headline(report.catalogue);
  const config = headline(report.configs);
  lines.push(`Catalogue: ${bad.applicable} of ${bad.cases} bad inputs applicable; accepted silently ${bad.acceptedSilently}; non-ValidationError failures ${bad.nonValidationErrors}; poor messages ${bad.poorMessages}.`);
  lines.push(`Config files: ${config.applicable} of ${config.cases} applicable; accepted silently ${config.acceptedSilently}; non-ValidationError failures ${config.nonValidationErrors}; poor messages ${config.poorMessages}.`);
  const crashes = report.fuzz.filter((r) => !asExpected(r));
  lines.push(`Fuzz: ${report.fuzz.length} prop sets; crashes or partial output ${crashes.length}.`);
  const failedControls = report.controls.filter((r) => !asExpected(r));
  lines.push(`Controls (valid inputs that must be accepted): ${report.controls.length - failedControls.length} of ${report.controls.length} accepted.`);
  const off = [...failedControls, ...report.catalogue, ...report.configs].filter((r) => !asExpected(r));
  lines.push('');
  lines.push(`Not in their expected outcome: ${off.length}`);
  for (const r of off) {
    const got = r.outcome === r.expected ? `${r.outcome}, but ${r.messageProblems.join('; ')}` : `${r.outcome}: ${r.detail}`;
    lines.push(`  [${r.group}] ${r.name}${r.source ? ` (${r.source})` : ''}`);
    lines.push(`      expected ${r.expected}, got ${got}`.slice(0, 600));
  }
  if (crashes.length > 0) {
    lines.push('');
    lines.push(`Fuzzed prop sets that crashed or left output: ${crashes.length}`);
    for (const r of crashes.slice(0, 50)) lines.push(`  ${r.name.slice(0, 400)}\n      ${r.outcome}: ${r.detail}`);
  }
  return lines.join('\n');
}
