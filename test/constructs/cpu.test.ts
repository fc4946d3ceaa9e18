import { Cpu } from '../../constructs/cpu';
import { formatProblem } from '../../constructs/errors';
import { CPU_MAX_CORES, CPU_MIN_CORES, CPU_STEP_CORES } from '../../constructs/limits';
import { problemOf } from '../support/factory-error';

/** Every multiple of the step from the minimum to the maximum, as the numbers a user writes. */
function everyStep(): number[] {
  const steps: number[] = [];
  for (let k = Math.round(CPU_MIN_CORES / CPU_STEP_CORES); k <= Math.round(CPU_MAX_CORES / CPU_STEP_CORES); k++) steps.push(k / 100);
  return steps;
}

function accepted(cores: number): boolean {
  try {
    Cpu.cores(cores);
    return true;
  } catch {
    return false;
  }
}

/** 10.01-10.09, 20.01-20.09, ..., 60.01-60.09: the amounts the provider reads back differently. */
const HOLES = [10, 20, 30, 40, 50, 60].flatMap((x) => [1, 2, 3, 4, 5, 6, 7, 8, 9].map((hundredths) => Math.round((x + hundredths / 100) * 100) / 100));

/**
 * The steps Cpu.cores refuses, in order, stopping at one more than `limit`. Each refusal describes
 * every hole (thousands of read-back checks), so a broken check that refuses every step would make
 * the whole walk take minutes; stopping early makes such a mutant fail in a fraction of a second.
 */
function refusedSteps(limit: number): number[] {
  const refused: number[] = [];
  for (const cores of everyStep()) {
    if (!accepted(cores)) refused.push(cores);
    if (refused.length > limit) break;
  }
  return refused;
}

// A value type: tested without a stack.
describe('Cpu', () => {
  test.each([
    [0.5, '0.5'],
    [1, '1.0'],
    [2, '2.0'],
    [0.25, '0.25'],
    [1.5, '1.5'],
    [0.75, '0.75'],
    [10, '10.'],
    [10.1, '10.1'],
    [10.11, '10.11'],
  ])('renders %s cores as the provider reads them back (%s)', (cores, text) => {
    expect(Cpu.cores(cores).toProviderString()).toBe(text);
    expect(Cpu.cores(cores).toNanoCpus()).toBe(Math.round(cores * 1e9));
    expect(Cpu.cores(cores).toCores()).toBe(cores);
  });

  describe('limits', () => {
    test('given the minimum, when made, then it is accepted and reads back as itself', () => {
      expect(Cpu.cores(CPU_MIN_CORES).toProviderString()).toBe('0.1');
    });

    test('fails one step below the minimum, saying why Docker\'s own minimum does not apply', () => {
      const problem = problemOf(() => Cpu.cores(CPU_MIN_CORES - CPU_STEP_CORES));
      expect(problem).toMatchObject({ path: 'Cpu.cores', field: 'amount', value: CPU_MIN_CORES - CPU_STEP_CORES });
      expect(problem.message).toBe('below the minimum 0.1 cores: Docker takes 0.01, but the provider reads 0.01 to 0.09 back as "0.1", so every plan would show a change');
      expect(problem.fix).toBe('pass 0.1 cores or more');
    });

    test('given Docker\'s own minimum 0.01, then the read-back reason is given; below it, the plain range', () => {
      expect(problemOf(() => Cpu.cores(0.01)).message).toMatch(/^below the minimum 0.1 cores: Docker takes 0.01, but the provider reads/);
      expect(problemOf(() => Cpu.cores(0.005)).message).toBe('below the minimum 0.1 cores; expected a number from 0.1 to 64 cores');
    });

    test('given the maximum, when made, then it is accepted; one step above fails', () => {
      expect(Cpu.cores(CPU_MAX_CORES).toCores()).toBe(CPU_MAX_CORES);
      expect(problemOf(() => Cpu.cores(CPU_MAX_CORES + CPU_STEP_CORES)).message).toMatch(/^above the maximum 64 cores; expected a number from 0.1 to 64 cores/);
    });

    test('given every step from the minimum to the maximum, when made, then exactly x.01-x.09 for x = 10, 20, ..., 60 are refused', () => {
      expect(refusedSteps(HOLES.length)).toEqual(HOLES);
    });

    test('given every accepted step, when rendered, then the provider string reads back as the same amount (no diff after deploy)', () => {
      // Cpu.cores throws at the first refused step (the test above names the refused ones).
      for (const cores of everyStep().filter((step) => !HOLES.includes(step))) {
        const cpu = Cpu.cores(cores);
        expect(Math.round(Number(cpu.toProviderString()) * 1e9)).toBe(cpu.toNanoCpus());
      }
    });

    test.each([
      [10.01, '10.0'],
      [10.04, '10.0'],
      [10.05, '10.1'],
      [10.09, '10.1'],
      [60.05, '60.1'],
    ])('fails for %s, which the provider reads back as "%s", naming every such hole and the neighbouring valid values', (cores, readBack) => {
      const problem = problemOf(() => Cpu.cores(cores));
      const whole = Math.floor(cores);
      expect(problem.message).toBe(
        `the provider reads ${cores} back as "${readBack}", so every plan would show a change; it does so for 10.01-10.09, 20.01-20.09, 30.01-30.09, 40.01-40.09, 50.01-50.09 and 60.01-60.09`,
      );
      expect(problem.fix).toBe(`use ${whole} or ${whole}.1, the nearest values that read back exactly`);
    });
  });

  describe('bad input', () => {
    test.each([
      ['more than two decimals', 0.125, /^finer than 0.01 core/, 'use 0.12 or 0.13'],
      ['more than two decimals, near a whole number', 1.999, /^finer than 0.01 core/, 'use 1.99 or 2'],
      ['more than two decimals, between two amounts the provider reads back rounded', 10.055, /^finer than 0.01 core/, 'use 10 or 10.1'],
      ['zero', 0, /^below the minimum 0.1 cores/, 'pass 0.1 cores or more'],
      ['negative', -1, /^below the minimum 0.1 cores; expected a number from 0.1 to 64 cores/, 'pass 0.1 cores or more'],
      ['NaN', Number.NaN, /^NaN \(not a number\)/, undefined],
      ['Infinity', Number.POSITIVE_INFINITY, /^not finite/, undefined],
      ['undefined', undefined, /^no number given/, undefined],
      ['null', null, /^no number given/, undefined],
      ['a string', '1.5', /^a string, not a number; expected a number from 0.1 to 64 cores$/, 'pass the number 1.5 itself (convert text with Number(text) and check the result)'],
      // between Docker's 0.01 and the library's 0.1, as text: the type is the problem, not the provider's read-back
      ['a string below the minimum', '0.05', /^a string, not a number; expected a number from 0.1 to 64 cores$/, 'pass the number 0.05 itself (convert text with Number(text) and check the result)'],
    ])('fails when the amount is %s, naming Cpu.cores, the value and the range', (_what, value, message, fix) => {
      const problem = problemOf(() => Cpu.cores(value as number));
      expect(problem).toMatchObject({ path: 'Cpu.cores', field: 'amount', message: expect.stringMatching(message) });
      expect(problem.value).toEqual(value);
      if (fix) expect(problem.fix).toBe(fix);
    });

    test('given Cpu.cores("1.5"), when refused, then the message does not claim a range the value is in', () => {
      expect(formatProblem(problemOf(() => Cpu.cores('1.5' as unknown as number)))).toBe(
        '[props] Cpu.cores: amount = "1.5": a string, not a number; expected a number from 0.1 to 64 cores. Fix: pass the number 1.5 itself (convert text with Number(text) and check the result)',
      );
    });
  });

  test('shows as cores and is recognised by its brand', () => {
    expect(`${Cpu.cores(0.5)}`).toBe('0.5 cores');
    expect(`${Cpu.cores(1)}`).toBe('1 core');
    expect(`${Cpu.cores(2)}`).toBe('2 cores');
    expect(Cpu.isCpu(Cpu.cores(1))).toBe(true);
    expect(Cpu.isCpu({ toCores: () => 1 })).toBe(false);
  });
});
