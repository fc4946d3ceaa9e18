/**
 * Renders docs/rules.md, the rules catalogue, from the rule lists the library exports
 * (STACK_RULES, STACK_ADVISORIES, CONSTRUCT_RULES, and any other exported array of rules, such
 * as app-level ones), so the catalogue cannot drift from the code: test/scripts/rules-catalogue.test.ts
 * fails when docs/rules.md differs from what this renders.
 *
 *   npm run docs:rules            # rewrites docs/rules.md
 */
import * as fs from 'fs';
import * as path from 'path';
import type { RuleInfo } from '../constructs/rules/rule';

const ROOT = path.resolve(__dirname, '..');
const CONSTRUCTS = path.join(ROOT, 'constructs');
/** Where the catalogue is written. */
export const CATALOGUE_PATH = path.join(ROOT, 'docs', 'rules.md');

/** An exported list of rules, under the name it is exported as. */
export interface RuleList {
  readonly name: string;
  readonly rules: readonly RuleInfo[];
}

/** How a known list is presented; any other list gets a heading of its name and is taken as errors unless its name says advisories. */
const LIST_TITLES: Readonly<Record<string, { readonly title: string; readonly intro: string }>> = {
  STACK_RULES: {
    title: 'Stack rules (errors)',
    intro: 'Checked across each `DockerStack` at synth time, in this order. A finding stops the synth: `DockerApp.synth()` throws a `StackValidationError` listing every finding and writes nothing.',
  },
  APP_RULES: {
    title: 'App rules (errors)',
    intro: 'Checked across the stacks of a `DockerApp` at synth time. A finding stops the synth and nothing is written.',
  },
  STACK_ADVISORIES: {
    title: 'Advisories (warnings)',
    intro: 'Checked across each `DockerStack` at synth time. A finding is a warning annotation on the service at fault: `cdktf synth` prints it and `manifest.json` records it; the synth goes on.',
  },
  CONSTRUCT_RULES: {
    title: 'Construct rules (errors)',
    intro: 'Checked by a construct on itself at synth time (a validation on its node), because they need what only that construct knows. A finding stops the synth like a stack rule.',
  },
};
const LIST_ORDER = ['STACK_RULES', 'APP_RULES', 'STACK_ADVISORIES', 'CONSTRUCT_RULES'];

function isRule(value: unknown): value is RuleInfo {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.id === 'string' && typeof v.summary === 'string' && typeof v.explanation === 'string';
}

/** Every module of the library, relative to the repository root, sorted. */
function libraryModules(dir = CONSTRUCTS): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return libraryModules(full);
      return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [full] : [];
    })
    .sort();
}

/** What the library's modules export: `[module, export name, value]`. */
function exportsOfLibrary(): [string, string, unknown][] {
  return libraryModules().flatMap((file) => {
    // Every module, found on disk at run time: no static import can name them.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const exported = require(file) as Record<string, unknown>;
    return Object.entries(exported).map(([name, value]): [string, string, unknown] => [path.relative(ROOT, file), name, value]);
  });
}

/** Every exported list of rules (an array whose items are all rules), each once, known lists first. */
export function ruleLists(): RuleList[] {
  const seen = new Set<unknown>();
  const lists: RuleList[] = [];
  for (const [, name, value] of exportsOfLibrary()) {
    if (!Array.isArray(value) || value.length === 0 || !value.every(isRule) || seen.has(value)) continue;
    seen.add(value);
    lists.push({ name, rules: value });
  }
  const rank = (name: string) => (LIST_ORDER.includes(name) ? LIST_ORDER.indexOf(name) : LIST_ORDER.length);
  return lists.sort((a, b) => rank(a.name) - rank(b.name) || a.name.localeCompare(b.name));
}

/** The module that defines each rule object: the first module under constructs/rules/ (else anywhere) that exports it by itself. */
function definingModules(): Map<RuleInfo, string> {
  const modules = new Map<RuleInfo, string>();
  const candidates = exportsOfLibrary().filter((entry): entry is [string, string, RuleInfo] => isRule(entry[2]));
  for (const [file, , rule] of [...candidates.filter(([f]) => f.startsWith('constructs/rules/')), ...candidates]) {
    if (!modules.has(rule)) modules.set(rule, file);
  }
  return modules;
}

function severity(listName: string): string {
  return /ADVISOR/.test(listName) ? 'warning' : 'error';
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

/** The catalogue as Markdown. */
export function renderRulesCatalogue(lists: readonly RuleList[] = ruleLists()): string {
  const sources = definingModules();
  const ids = lists.flatMap((l) => l.rules.map((r) => r.id));
  const duplicate = ids.find((id, i) => ids.indexOf(id) !== i);
  if (duplicate !== undefined) throw new Error(`rule id ${duplicate} is listed twice; every rule has one id and one list`);
  const anchor = (id: string) => id.toLowerCase();
  const lines = [
    '<!-- Generated by scripts/rules-catalogue.ts from the rule lists in constructs/ (npm run docs:rules). Do not edit by hand: test/scripts/rules-catalogue.test.ts fails when this file differs. -->',
    '',
    '# Rules catalogue',
    '',
    `Every rule the library checks at synth time, ${ids.length} in all. Each message starts with the rule id and names the construct path, the field, the value, what is wrong and the fix:`,
    '',
    '```',
    '[CDS-PORT-COLLISION] shop/b: ports = "0.0.0.0:8080/tcp": already published by shop/a on 127.0.0.1:8080. Fix: give one of them another hostPort',
    '```',
    '',
    "A construct's own props are checked when it is built (`ValidationError`, rule id `props`); those checks are documented with each construct in [constructs/](constructs/).",
    '',
    '| Rule | Severity | What it checks |',
    '|---|---|---|',
    ...lists.flatMap((l) => l.rules.map((r) => `| [\`${r.id}\`](#${anchor(r.id)}) | ${severity(l.name)} | ${cell(r.summary)} |`)),
  ];
  for (const list of lists) {
    const known = LIST_TITLES[list.name];
    lines.push('', `## ${known?.title ?? `${list.name} (${severity(list.name)}s)`}`, '');
    lines.push(`${known ? `${known.intro} ` : ''}Listed in \`${list.name}\`.`);
    for (const rule of list.rules) {
      const source = sources.get(rule);
      lines.push('', `### ${rule.id}`, '', `**${rule.summary}**`, '', rule.explanation);
      if (source) lines.push('', `Source: [\`${source}\`](../${source})`);
    }
  }
  return `${lines.join('\n')}\n`;
}

if (require.main === module) {
  fs.writeFileSync(CATALOGUE_PATH, renderRulesCatalogue());
  console.log(`wrote ${path.relative(ROOT, CATALOGUE_PATH)}`);
}
