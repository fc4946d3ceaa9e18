// Runs one bad input the way a user meets it (build the constructs, then DockerApp.synth() into
// a fresh output directory) and classifies what happened. Shared by the catalogue, the
// configuration files and the fuzzer; nothing here knows a particular case.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { AnnotationMetadataEntryType } from 'cdktf';
import * as api from './api';

/** What a bad input ended in. */
export const OUTCOMES = ['ACCEPTED_SILENTLY', 'WARNING', 'VALIDATION_ERROR', 'OTHER_ERROR', 'PARTIAL_OUTPUT', 'N/A'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** The outcomes a bad input may be expected to end in. */
export type ExpectedOutcome = 'VALIDATION_ERROR' | 'WARNING';

/** One way the outcome was reached, for the report and the test. */
export interface Classified {
  readonly outcome: Outcome;
  /** The error's kind and first line, or the warnings, or why the case did not run. */
  readonly detail: string;
  /**
   * What the error or warning fails to say (path, field, value, fix, the construct at fault);
   * empty when it says everything, or when there is nothing to judge (accepted, other error).
   */
  readonly messageProblems: readonly string[];
}

/** Where a case says the fault is: the construct path (`shop/api`), the factory (`Port.tcp`), or any of several. */
export type Place = string | readonly string[];

/** What a case's error or warning must name, and how the case runs. */
export interface Expectation {
  /** The place the error or warning must name. */
  readonly at: Place;
  /** Text the error or warning must contain: the bad value as written (`NaN`, not `null`). */
  readonly shows?: string;
  /** Environment variables set while the case runs. */
  readonly env?: Readonly<Record<string, string>>;
}

/** Helpers every case builds with: a fresh DockerApp, valid baseline pieces, scratch directories. */
export class Kit {
  private readonly scratch: string[] = [];

  constructor(readonly app: api.DockerApp) {}

  /** A DockerStack; by default `shop` (names `shop-<id>`). */
  stack(id = 'shop', props: api.DockerStackProps = {}): api.DockerStack {
    return new api.DockerStack(this.app, id, props);
  }

  /** A pinned image no rule objects to. */
  image(reference = 'example/api:1.0.0', options?: api.RegistryImageOptions): api.ContainerImage {
    return api.ContainerImage.fromRegistry(reference, options);
  }

  /** A health check no image lacks a tool for. */
  check(): api.HealthCheck {
    return api.HealthCheck.command(['true']);
  }

  /** A valid Service with `props` on top (image and health check from the kit unless given). */
  service(scope: api.DockerStack, id: string, props: Partial<api.ServiceProps> = {}): api.Service {
    return new api.Service(scope, id, { image: this.image(), healthCheck: this.check(), ...props });
  }

  network(scope: api.DockerStack, id = 'net', props: api.StackNetworkProps = {}): api.StackNetwork {
    return new api.StackNetwork(scope, id, props);
  }

  /** A scratch directory holding `files` (relative path -> content), removed after the case. */
  directory(files: Readonly<Record<string, string>> = {}): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cds-bad-inputs-dir-'));
    this.scratch.push(dir);
    for (const [name, content] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      fs.writeFileSync(path.join(dir, name), content);
    }
    return dir;
  }

  /** Removes the scratch directories. */
  dispose(): void {
    for (const dir of this.scratch.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** A value of the wrong type, passed where the types would not let a TypeScript user pass it. */
export function wrong<T>(value: unknown): T {
  return value as T;
}

/** Runs `run` with the TF_VAR_ variables of this process removed and `env` set, then restores the environment. */
export function withEnvironment<T>(env: Readonly<Record<string, string>> | undefined, run: () => T): T {
  const saved = Object.entries(process.env).filter(([key]) => key.startsWith('TF_VAR_') || (env !== undefined && key in env));
  for (const [key] of saved) delete process.env[key];
  for (const [key, value] of Object.entries(env ?? {})) process.env[key] = value;
  try {
    return run();
  } finally {
    for (const key of Object.keys(env ?? {})) delete process.env[key];
    for (const [key, value] of saved) process.env[key] = value;
  }
}

/** Every file under `dir`, relative; empty when `dir` does not exist. */
export function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full).map((f) => path.join(entry.name, f)) : [entry.name];
  });
}

/** A fresh, empty output directory. */
export function freshOutdir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'cds-bad-inputs-out-'));
}

/** The warning annotations of the app's constructs, as `path: message`. */
export function warningsOf(app: api.DockerApp): { path: string; message: string }[] {
  return app.node
    .findAll()
    .flatMap((c) => c.node.metadata.filter((m) => (m.type as AnnotationMetadataEntryType) === AnnotationMetadataEntryType.WARN).map((m) => ({ path: c.node.path, message: String(m.data) })));
}

/** The kind and first line of anything thrown, never throwing itself. */
export function describeError(error: unknown): string {
  try {
    if (error instanceof Error || (typeof error === 'object' && error !== null && 'message' in error)) {
      const e = error as Error;
      const name = e.constructor?.name && e.constructor.name !== e.name ? `${e.name} (${e.constructor.name})` : e.name;
      const lines = String(e.message).split('\n').filter((l) => l.trim() !== '');
      return `${name}: ${lines.slice(0, 3).join(' | ')}`.slice(0, 400);
    }
    return `${typeof error} thrown: ${String(error)}`.slice(0, 400);
  } catch (inner) {
    return `an error whose message cannot be read (${String(inner)})`;
  }
}

const nonEmpty = (value: unknown): boolean => typeof value === 'string' && value.trim() !== '';
/** A fix that only points elsewhere ("see the props documentation") tells the user nothing to do. */
export const GENERIC_FIX = /^see the\b.*\b(documentation|section|README)/i;
const places = (at: Place): readonly string[] => (typeof at === 'string' ? [at] : at);

/**
 * What a ValidationError fails to say: every structured problem names a path, a field, a
 * value (the property is there, `undefined` included) and a non-empty message and fix, and one
 * of them names the place the case is about.
 */
export function validationErrorProblems(error: api.ValidationError, at: Place): string[] {
  const found: string[] = [];
  const problems: readonly api.ValidationProblem[] = Array.isArray(error.problems) ? error.problems : [];
  if (problems.length === 0) found.push('no structured problems');
  problems.forEach((p, i) => {
    const missing = [
      nonEmpty(p.path) ? undefined : 'path',
      nonEmpty(p.field) ? undefined : 'field',
      typeof p === 'object' && p !== null && 'value' in p ? undefined : 'value',
      nonEmpty(p.message) ? undefined : 'message',
      nonEmpty(p.fix) ? undefined : 'fix',
    ].filter((m): m is string => m !== undefined);
    if (missing.length > 0) found.push(`problem ${i} has no ${missing.join(', ')}`);
    else if (GENERIC_FIX.test(p.fix)) found.push(`problem ${i} (${p.field}) has only a generic fix: "${p.fix}"`);
  });
  if (problems.length > 0 && !problems.some((p) => places(at).includes(p.path))) {
    found.push(`names ${[...new Set(problems.map((p) => p.path))].join(', ')}, not ${places(at).join(' or ')}`);
  }
  return found;
}

/** `[RULE-ID] path: field = value: message. Fix: remedy`, optionally after the construct's path (DockerApp adds it). */
const STACK_MESSAGE = /^(?:[^[]*?: )?\[[A-Za-z][A-Za-z0-9-]*\] [^:]+: [^=]+ = .*: .+\. Fix: \S/s;

/** What a StackValidationError (or a warning) fails to say: each message in the rule format, one naming the place. */
export function stackMessageProblems(messages: readonly string[], at: Place): string[] {
  const found: string[] = [];
  if (messages.length === 0) found.push('no messages');
  messages.forEach((m, i) => {
    if (!STACK_MESSAGE.test(m)) found.push(`message ${i} is not "[RULE-ID] path: field = value: ... Fix: ...": ${m.slice(0, 160)}`);
    else if (GENERIC_FIX.test(m.slice(m.lastIndexOf('. Fix: ') + 7))) found.push(`message ${i} has only a generic fix`);
  });
  const named = messages.some((m) => places(at).some((p) => m.includes(`] ${p}: `) || m.startsWith(`${p}: `)));
  if (messages.length > 0 && !named) found.push(`no message names ${places(at).join(' or ')}`);
  return found;
}

/**
 * Classifies an error thrown by a case (or none): a non-empty output directory is
 * PARTIAL_OUTPUT whatever was thrown; a ValidationError or StackValidationError (by their
 * public guards) is VALIDATION_ERROR, judged on what it names; anything else is OTHER_ERROR.
 */
export function classifyError(error: unknown, outdir: string, expect: Expectation): Classified {
  const written = filesUnder(outdir);
  if (written.length > 0) return { outcome: 'PARTIAL_OUTPUT', detail: `${describeError(error)}; wrote ${written.slice(0, 5).join(', ')}`, messageProblems: [] };
  if (api.isValidationError(error)) {
    return { outcome: 'VALIDATION_ERROR', detail: describeError(error), messageProblems: [...validationErrorProblems(error, expect.at), ...showsProblems(error.message, expect)] };
  }
  if (api.isStackValidationError(error)) {
    const messages: readonly string[] = Array.isArray(error.messages) ? error.messages : [];
    return { outcome: 'VALIDATION_ERROR', detail: describeError(error), messageProblems: [...stackMessageProblems(messages, expect.at), ...showsProblems(error.message, expect)] };
  }
  return { outcome: 'OTHER_ERROR', detail: describeError(error), messageProblems: [] };
}

/** The text does not contain what the case says it must show. */
export function showsProblems(text: string, expect: Expectation): string[] {
  return expect.shows === undefined || text.includes(expect.shows) ? [] : [`does not show ${JSON.stringify(expect.shows)}`];
}

/** Classifies a synth that succeeded: WARNING with a warning annotation, else ACCEPTED_SILENTLY. */
export function classifySuccess(app: api.DockerApp, expect: Expectation): Classified {
  const at = expect.at;
  const warnings = warningsOf(app);
  if (warnings.length === 0) return { outcome: 'ACCEPTED_SILENTLY', detail: 'synthesized, no warning', messageProblems: [] };
  const onPlace = warnings.filter((w) => places(at).includes(w.path));
  const messageProblems = [
    ...(onPlace.length === 0 ? [`warned on ${[...new Set(warnings.map((w) => w.path))].join(', ')}, not on ${places(at).join(' or ')}`] : []),
    ...stackMessageProblems(
      warnings.map((w) => w.message),
      at,
    ).filter((p) => !p.startsWith('no message names')),
    ...showsProblems(warnings.map((w) => w.message).join('\n'), expect),
  ];
  return { outcome: 'WARNING', detail: warnings.map((w) => `${w.path}: ${w.message}`).join(' | ').slice(0, 400), messageProblems };
}

/** Runs `build` then DockerApp.synth() into a fresh output directory, and classifies the result. */
export function buildAndSynth(build: (kit: Kit) => void, expect: Expectation): Classified {
  const outdir = freshOutdir();
  const app = new api.DockerApp({ outdir });
  const kit = new Kit(app);
  try {
    return withEnvironment(expect.env, () => {
      try {
        build(kit);
        app.synth();
      } catch (error) {
        return classifyError(error, outdir, expect);
      }
      return classifySuccess(app, expect);
    });
  } finally {
    kit.dispose();
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}
