import { CPU_MAX_CORES, CPU_MIN_CORES, CPU_STEP_CORES } from './limits';
import { numberProblem, throwArgument } from './private/arguments';
import { brand, hasBrand } from './private/brand';
import { wordList } from './private/word-list';

const NANO_PER_CORE = 1e9;
const STEP_NANOS = Math.round(CPU_STEP_CORES * NANO_PER_CORE);
const MIN_NANOS = Math.round(CPU_MIN_CORES * NANO_PER_CORE);
const MAX_NANOS = Math.round(CPU_MAX_CORES * NANO_PER_CORE);
/** Docker's own minimum, 0.01 core: below CPU_MIN_CORES only because of the provider's read-back. */
const DOCKER_MIN_NANOS = 1e7;

/**
 * A CPU limit or reservation, in cores (Docker's `--cpus`): from 0.1 to 64 in steps of 0.01,
 * except the few amounts the provider reads back differently (10.01-10.09, 20.01-20.09, ...,
 * 60.01-60.09), which would show a change on every plan.
 */
export class Cpu {
  /** True for a Cpu of any installed copy of this library (a brand check, not `instanceof`). */
  static isCpu(this: void, value: unknown): value is Cpu {
    return hasBrand(value, 'Cpu');
  }

  /** `amount` cores: 0.1 to 64 in steps of 0.01 (see the class comment for the exceptions). */
  static cores(amount: number): Cpu {
    return new Cpu(amount);
  }

  private readonly nanoCpus: number;

  private constructor(cores: number) {
    const fail = (message: string, fix: string): never => throwArgument('Cpu.cores', 'amount', cores, { message, fix });
    const problem = numberProblem(cores, { min: CPU_MIN_CORES, max: CPU_MAX_CORES, unit: 'cores' });
    const nano = Math.round(cores * NANO_PER_CORE);
    // Stryker disable next-line EqualityOperator: equivalent for `nano < MIN_NANOS` (MIN_NANOS itself has no problem)
    if (problem && typeof cores === 'number' && nano >= DOCKER_MIN_NANOS && nano < MIN_NANOS) {
      fail(
        `below the minimum ${CPU_MIN_CORES} cores: Docker takes ${DOCKER_MIN_NANOS / NANO_PER_CORE}, but the provider reads ${DOCKER_MIN_NANOS / NANO_PER_CORE} to ${(MIN_NANOS - STEP_NANOS) / NANO_PER_CORE} back as "${providerCpuString(MIN_NANOS)}", so every plan would show a change`,
        `pass ${CPU_MIN_CORES} cores or more`,
      );
    }
    if (problem) throwArgument('Cpu.cores', 'amount', cores, problem);
    if (nano % STEP_NANOS !== 0) {
      const below = nano - (nano % STEP_NANOS);
      const [lower, upper] = [exactOrNeighbour(below, -1), exactOrNeighbour(below + STEP_NANOS, 1)];
      fail(`finer than ${CPU_STEP_CORES} core; expected a number from ${CPU_MIN_CORES} to ${CPU_MAX_CORES} cores in steps of ${CPU_STEP_CORES}`, `use ${showCores(lower)} or ${showCores(upper)}`);
    }
    if (!readsBackExactly(nano)) {
      fail(
        `the provider reads ${cores} back as "${providerCpuString(nano)}", so every plan would show a change; it does so for ${describeHoles()}`,
        `use ${showCores(neighbour(nano, -1))} or ${showCores(neighbour(nano, 1))}, the nearest values that read back exactly`,
      );
    }
    this.nanoCpus = nano;
  }

  /** The amount in cores, as given to `Cpu.cores`: `0.5`, `2`. */
  toCores(): number {
    return this.nanoCpus / 1e9;
  }

  /** The amount in billionths of a core: Docker's `NanoCpus`, the form the engine stores. */
  toNanoCpus(): number {
    return this.nanoCpus;
  }

  /**
   * The exact string the provider reads back from the engine's NanoCPUs, so a deployed limit
   * shows no diff. The provider prints nine decimals, then writes values whose string has
   * exactly nine zeros with one decimal (rounded) and trims trailing zeros from the others.
   * The zeros of the whole part count too: "10.050000000" has nine, so 10.05 reads back as "10.1".
   */
  toProviderString(): string {
    return providerCpuString(this.nanoCpus);
  }

  /** `<n> cores`, for messages: `0.5 cores`, `1 core`. */
  toString(): string {
    return `${this.toCores()} ${this.toCores() === 1 ? 'core' : 'cores'}`;
  }
}
brand(Cpu.prototype, 'Cpu');

function providerCpuString(nanoCpus: number): string {
  const whole = Math.floor(nanoCpus / 1e9);
  const fraction = nanoCpus % 1e9;
  const nineDecimals = `${whole}.${String(fraction).padStart(9, '0')}`;
  if (nineDecimals.split('0').length - 1 === 9) {
    // One decimal, halves rounded away from zero. A fraction of .95 or more would round up to the
    // next whole number, but nine zeros with such a fraction need a whole part of 100 or more,
    // above CPU_MAX_CORES (the test of every accepted step would show it if the bound grew).
    return `${whole}.${Math.round(fraction / 1e8)}`;
  }
  return nineDecimals.replace(/0+$/, '');
}

function readsBackExactly(nanoCpus: number): boolean {
  return Math.round(Number(providerCpuString(nanoCpus)) * NANO_PER_CORE) === nanoCpus;
}

/** `nanoCpus` as the cores a user writes: 10, 10.1, 0.25. */
function showCores(nanoCpus: number): string {
  return String(nanoCpus / NANO_PER_CORE);
}

/** The nearest accepted amount below (direction -1) or above (+1) `nanoCpus`. */
function neighbour(nanoCpus: number, direction: -1 | 1): number {
  let candidate = nanoCpus + direction * STEP_NANOS;
  while (candidate > MIN_NANOS && candidate < MAX_NANOS && !readsBackExactly(candidate)) candidate += direction * STEP_NANOS;
  return candidate;
}

function exactOrNeighbour(nanoCpus: number, direction: -1 | 1): number {
  return readsBackExactly(nanoCpus) ? nanoCpus : neighbour(nanoCpus, direction);
}

/**
 * The amounts between the bounds that do not read back exactly, as ranges: "10.01-10.09, ... and
 * 60.01-60.09". Worked out on each call (6,391 steps, well under a millisecond), only on the way to
 * an error: a cached text would leave every later caller untested by the first one's coverage.
 */
function describeHoles(): string {
  const ranges: [number, number][] = [];
  for (let nano = MIN_NANOS; nano <= MAX_NANOS; nano += STEP_NANOS) {
    if (readsBackExactly(nano)) continue;
    const last = ranges[ranges.length - 1];
    if (last && last[1] === nano - STEP_NANOS) last[1] = nano;
    else ranges.push([nano, nano]);
  }
  const texts = ranges.map(([from, to]) => (from === to ? showCores(from) : `${showCores(from)}-${showCores(to)}`));
  return wordList(texts, 'and');
}
