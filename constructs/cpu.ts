import { CPU_MAX_CORES, CPU_MIN_CORES } from './limits';
import { brand, hasBrand } from './private/brand';

/** A CPU limit or reservation, in cores (Docker's `--cpus`). */
export class Cpu {
  /** True for a Cpu of any installed copy of this library (a brand check, not `instanceof`). */
  static isCpu(value: unknown): value is Cpu {
    return hasBrand(value, 'Cpu');
  }

  static cores(amount: number): Cpu {
    return new Cpu(amount);
  }

  private readonly nanoCpus: number;

  private constructor(cores: number) {
    if (!Number.isFinite(cores) || cores < CPU_MIN_CORES || cores > CPU_MAX_CORES) {
      throw new Error(`Cpu.cores(${cores}): must be between ${CPU_MIN_CORES} and ${CPU_MAX_CORES}`);
    }
    const nano = Math.round(cores * 1e9);
    if (nano % 1e7 !== 0) {
      throw new Error(`Cpu.cores(${cores}): use at most two decimals (0.01 core steps)`);
    }
    const readBack = Math.round(Number(providerCpuString(nano)) * 1e9);
    if (readBack !== nano) {
      throw new Error(
        `Cpu.cores(${cores}): the provider reads this limit back as "${providerCpuString(nano)}", which would show a diff after every deploy; pick a neighbouring value`,
      );
    }
    this.nanoCpus = nano;
  }

  toCores(): number {
    return this.nanoCpus / 1e9;
  }

  toNanoCpus(): number {
    return this.nanoCpus;
  }

  /**
   * The exact string the provider reads back from the engine's NanoCPUs, so a deployed limit
   * shows no diff. The provider prints nine decimals, then writes values whose string has
   * exactly nine zeros with one decimal (rounded) and trims trailing zeros from the others.
   */
  toProviderString(): string {
    return providerCpuString(this.nanoCpus);
  }

  toString(): string {
    return `${this.toCores()} cores`;
  }
}
brand(Cpu.prototype, 'Cpu');

function providerCpuString(nanoCpus: number): string {
  const whole = Math.floor(nanoCpus / 1e9);
  const fraction = nanoCpus % 1e9;
  const nineDecimals = `${whole}.${String(fraction).padStart(9, '0')}`;
  if ((nineDecimals.match(/0/g) ?? []).length === 9) {
    // One decimal, halves rounded away from zero.
    const tenths = Math.round(fraction / 1e8);
    return tenths === 10 ? `${whole + 1}.0` : `${whole}.${tenths}`;
  }
  return nineDecimals.replace(/0+$/, '');
}
