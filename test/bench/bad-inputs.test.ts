import * as fs from 'fs';
import * as path from 'path';
import { ValidationError } from '../../constructs';
import { CASE_CLASSES, runBadInput } from '../../bench/bad-inputs/case';
import { BAD_INPUTS, CONTROLS } from '../../bench/bad-inputs/catalogue';
import { BAD_CONFIGS, CONFIG_CONTROLS, runConfig } from '../../bench/bad-inputs/config-files';
import { FUZZ_SEED, fuzzSamples, runFuzzSample, showSample } from '../../bench/bad-inputs/fuzz';
import { buildAndSynth, Classified } from '../../bench/bad-inputs/harness';

// The catalogue of bench/bad-inputs.ts (issue 7), case by case: every bad input must end in its
// expected outcome, a ValidationError (or StackValidationError, or a ConfigError for a
// configuration file) naming path, field, value and fix, or a warning on the construct; none
// is accepted silently, none fails with another kind of error, none writes output. The bench
// script prints the same results as tables; this test keeps them from regressing.

/** The outcome, with what its message lacks or what was thrown instead: one readable line for a failing expectation. */
function verdict(result: Classified, expected: string): string {
  if (result.outcome !== expected) return `${result.outcome}: ${result.detail}`;
  return result.messageProblems.length === 0 ? result.outcome : `${result.outcome}, but the message ${result.messageProblems.join('; ')}`;
}

const promise = (expected: string): string =>
  expected === 'WARNING' ? 'synthesizes with a warning annotation on the construct at fault' : 'fails with an error naming path, field, value and fix, and writes nothing';

describe('bad inputs through the public API', () => {
  describe('controls', () => {
    test.each(CONTROLS.map((c) => [c.name, c] as const))('%s: is accepted with no warning', (_name, control) => {
      // given a valid input built with the kit the bad inputs use
      // when it is built and synthesized
      const result = runBadInput(control);
      // then it is accepted, so a bad input fails for its own bad value only
      expect(verdict(result, 'ACCEPTED_SILENTLY')).toBe('ACCEPTED_SILENTLY');
    });
  });

  for (const group of CASE_CLASSES) {
    describe(group, () => {
      test.each(BAD_INPUTS.filter((c) => c.class === group).map((c) => [`${c.name}: ${promise(c.expected)}`, c] as const))('%s', (_name, input) => {
        // given the bad input, when it is built and synthesized into a fresh directory
        const result = runBadInput(input);
        // then it ends in its expected outcome, with a complete message
        expect(verdict(result, input.expected)).toBe(input.expected);
      });
    });
  }

  describe('configuration files', () => {
    test.each(CONFIG_CONTROLS.map((c) => [c.name, c] as const))('%s: is accepted with no warning', (_name, control) => {
      expect(verdict(runConfig(control), 'ACCEPTED_SILENTLY')).toBe('ACCEPTED_SILENTLY');
    });

    test.each(BAD_CONFIGS.map((c) => [c.name, c] as const))('%s: fails with a ConfigError or ValidationError naming file, field, value and fix', (_name, config) => {
      // given the configuration, when main.ts's code loads it, adds the seed stacks and synthesizes
      const result = runConfig(config);
      // then it ends in its expected outcome, with a complete message
      expect(verdict(result, config.expected)).toBe(config.expected);
    });
  });

  describe('fuzzed prop sets', () => {
    const RUNS = 300;

    test(`${RUNS} prop sets (fast-check seed ${FUZZ_SEED}) never crash and never leave output`, () => {
      // given prop sets mixing valid, invalid and wrong-typed values for Service and every kind
      const samples = fuzzSamples(RUNS, FUZZ_SEED);
      // when each is built and synthesized
      const results = samples.map((sample) => ({ sample, result: runFuzzSample(sample) }));
      // then none crashes nor writes output, and the mix both passes and fails (or it tests nothing)
      const crashes = results.filter(({ result }) => result.outcome === 'OTHER_ERROR' || result.outcome === 'PARTIAL_OUTPUT').map(({ sample, result }) => `${showSample(sample)} => ${result.outcome}: ${result.detail}`);
      expect(crashes).toEqual([]);
      const outcomes = new Set(results.map(({ result }) => result.outcome));
      expect(outcomes).toContain('ACCEPTED_SILENTLY');
      expect(outcomes).toContain('VALIDATION_ERROR');
    });
  });

  describe('the harness', () => {
    const at = 'shop/api';

    test('classifies a plain Error as OTHER_ERROR', () => {
      const result = buildAndSynth(() => {
        throw new Error('boom');
      }, { at });
      expect(result.outcome).toBe('OTHER_ERROR');
    });

    test('classifies a failure that wrote into its output directory as PARTIAL_OUTPUT', () => {
      const result = buildAndSynth(
        (kit) => {
          fs.writeFileSync(path.join(kit.app.outdir, 'manifest.json'), '{}');
          throw new ValidationError([{ ruleId: 'props', path: at, field: 'f', value: 1, message: 'bad', fix: 'fix it' }]);
        },
        { at },
      );
      expect(result.outcome).toBe('PARTIAL_OUTPUT');
    });

    test('judges a ValidationError without a fix, or naming another construct, as a poor message', () => {
      const result = buildAndSynth(() => {
        throw new ValidationError([{ ruleId: 'props', path: 'shop/other', field: 'f', value: 1, message: 'bad', fix: '' }]);
      }, { at });
      expect(result.outcome).toBe('VALIDATION_ERROR');
      expect(result.messageProblems).toEqual(['problem 0 has no fix', `names shop/other, not ${at}`]);
    });

    test('accepts a complete ValidationError naming the construct', () => {
      const result = buildAndSynth(() => {
        throw new ValidationError([{ ruleId: 'props', path: at, field: 'f', value: undefined, message: 'bad', fix: 'fix it' }]);
      }, { at });
      expect(verdict(result, 'VALIDATION_ERROR')).toBe('VALIDATION_ERROR');
    });
  });
});
