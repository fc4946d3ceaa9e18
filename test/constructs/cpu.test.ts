import { Cpu } from '../../constructs/cpu';
import { CPU_MAX_CORES, CPU_MIN_CORES } from '../../constructs/limits';

describe('Cpu', () => {
  test.each([
    [0.5, '0.5'],
    [1, '1.0'],
    [2, '2.0'],
    [0.25, '0.25'],
    [1.5, '1.5'],
    [0.75, '0.75'],
  ])('renders %s cores as the provider reads them back (%s)', (cores, text) => {
    expect(Cpu.cores(cores).toProviderString()).toBe(text);
    expect(Cpu.cores(cores).toNanoCpus()).toBe(Math.round(cores * 1e9));
  });

  test('fails when the provider would read the limit back differently (perpetual diff)', () => {
    expect(() => Cpu.cores(0.05)).toThrow(/reads this limit back as "0.1"/);
  });

  test('accepts the bounds that round-trip and fails one step outside', () => {
    expect(Cpu.cores(CPU_MAX_CORES).toCores()).toBe(CPU_MAX_CORES);
    expect(() => Cpu.cores(CPU_MAX_CORES + 0.01)).toThrow(/between/);
    expect(() => Cpu.cores(CPU_MIN_CORES - 0.005)).toThrow(/between/);
    expect(() => Cpu.cores(0)).toThrow(/between/);
  });

  test('fails when more than two decimals', () => {
    expect(() => Cpu.cores(0.125)).toThrow(/two decimals/);
  });
});
