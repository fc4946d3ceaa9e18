import * as api from './api';
import { buildAndSynth, Classified, ExpectedOutcome, Kit, Place } from './harness';

/** The classes of the catalogue, in report order (issue 7's "Defects found", and beyond). */
export const CASE_CLASSES = ['value factories', 'props', 'ids', 'clashes', 'wiring', 'secrets', 'health checks'] as const;
export type CaseClass = (typeof CASE_CLASSES)[number];

/** One bad input, through the public API only, with the outcome it must end in. */
export interface BadInput {
  /** Readable and unique: the call or the props as a user would write them. */
  readonly name: string;
  readonly class: CaseClass;
  /** What it must end in: an error naming path, field, value and fix, or a warning on the construct. */
  readonly expected: ExpectedOutcome;
  /** Where the error or warning must point: the construct path (`shop/api`) or the factory (`Port.tcp`). */
  readonly at: Place;
  /** Where the case comes from (`issue 7 defect 6`), when it reproduces a reported example. */
  readonly source?: string;
  /**
   * Public exports the case uses that older code lacks (`GeneratedSecret`, `Secret.fromResourceAttribute`):
   * where one is missing the case is N/A.
   */
  readonly requires?: readonly string[];
  /** Text the error or warning must contain: the bad value as written (`NaN`, not `null`). */
  readonly shows?: string;
  /** Environment variables set while the case runs (every TF_VAR_ of this process is removed). */
  readonly env?: Readonly<Record<string, string>>;
  /** Builds the bad input into `kit.app`; the harness then synthesizes the app. */
  build(kit: Kit): void;
}

/** A valid input that must be accepted: proves the kit's baseline is clean, so a case fails for its own reason. */
export interface Control {
  readonly name: string;
  readonly requires?: readonly string[];
  build(kit: Kit): void;
}

/** The public exports among `names` that the code under test lacks. */
export function missingExports(names: readonly string[] = []): string[] {
  return names.filter((name) => {
    let value: unknown = api;
    for (const part of name.split('.')) value = value === undefined || value === null ? undefined : (value as Record<string, unknown>)[part];
    return value === undefined;
  });
}

/** Runs one case: build, DockerApp.synth() into a fresh directory, classify. */
export function runBadInput(input: BadInput | Control): Classified {
  const missing = missingExports(input.requires);
  if (missing.length > 0) return { outcome: 'N/A', detail: `needs ${missing.join(', ')}, which this code does not export`, messageProblems: [] };
  const expect = 'at' in input ? { at: input.at, shows: input.shows, env: input.env } : { at: [] };
  return buildAndSynth((kit) => input.build(kit), expect);
}
