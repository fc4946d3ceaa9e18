import * as fs from 'fs';
import * as path from 'path';
import { APP_RULES, STACK_ADVISORIES, STACK_RULES } from '../../constructs';
import { CONSTRUCT_RULES } from '../../constructs/rules/proxy-upstream-unreachable';
import { CATALOGUE_PATH, renderRulesCatalogue, ruleLists } from '../../scripts/rules-catalogue';

const CONSTRUCTS = path.resolve(__dirname, '..', '..', 'constructs');

/** Every `CDS-...` rule id written as a string literal anywhere in constructs/. */
function ruleIdsInSource(dir = CONSTRUCTS): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return ruleIdsInSource(full);
    if (!entry.name.endsWith('.ts')) return [];
    return [...fs.readFileSync(full, 'utf8').matchAll(/['"`](CDS-[A-Z0-9-]+)['"`]/g)].map((m) => m[1]);
  });
}

describe('the rules catalogue (docs/rules.md)', () => {
  test('given the rule lists, when rendered, then docs/rules.md is exactly that (run `npm run docs:rules` after changing a rule)', () => {
    expect(fs.readFileSync(CATALOGUE_PATH, 'utf8')).toBe(renderRulesCatalogue());
  });

  test('given the library, then every exported rule list is found, each once, known lists first', () => {
    const lists = ruleLists();
    expect(lists.slice(0, 4).map((l) => [l.name, l.rules])).toEqual([
      ['STACK_RULES', STACK_RULES],
      ['APP_RULES', APP_RULES],
      ['STACK_ADVISORIES', STACK_ADVISORIES],
      ['CONSTRUCT_RULES', CONSTRUCT_RULES],
    ]);
    expect(new Set(lists.map((l) => l.rules)).size).toBe(lists.length);
  });

  test('given every rule id written in constructs/, then each is in a rule list and in the catalogue', () => {
    const listed = ruleLists().flatMap((l) => l.rules.map((r) => r.id));
    const catalogue = renderRulesCatalogue();
    for (const id of new Set(ruleIdsInSource())) {
      expect(listed).toContain(id);
      expect(catalogue).toContain(`### ${id}\n`);
    }
  });

  test('given a list exported under a new name, then it is rendered under that name, advisories as warnings', () => {
    const rule = { id: 'CDS-EXAMPLE', summary: 'An example | with a pipe.', explanation: 'Why.' };
    const text = renderRulesCatalogue([{ name: 'APP_ADVISORIES', rules: [rule] }]);
    expect(text).toContain('| [`CDS-EXAMPLE`](#cds-example) | warning | An example \\| with a pipe. |');
    expect(text).toContain('## APP_ADVISORIES (warnings)');
  });

  test('fails when one rule id is listed twice', () => {
    const rule = { id: 'CDS-TWICE', summary: 's', explanation: 'e' };
    expect(() => renderRulesCatalogue([{ name: 'A_RULES', rules: [rule] }, { name: 'B_RULES', rules: [{ ...rule }] }])).toThrow(/CDS-TWICE is listed twice/);
  });
});
