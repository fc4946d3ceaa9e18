/**
 * Rewrites the stack diagrams of README.md ("The stacks") with what `cdktf-docker-stacks
 * diagram <stack>` prints for each documented stack with the default configuration, so the
 * diagrams cannot drift from the code: test/scripts/readme-diagrams.test.ts fails when README.md
 * differs from what this renders.
 *
 *   npm run docs:diagrams         # rewrites README.md's diagrams
 *
 * Each diagram is the ```mermaid block right after a marker line `<!-- diagram: <stack> -->`.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Testing } from 'cdktf';
import { renderMermaid } from '../cli/diagram';
import { stackTopology } from '../constructs/private/topology';
import { addSeedStacks, STACK_NAMES, type StackName } from '../stacks';

/** README.md of the repository. */
export const README_PATH = path.resolve(__dirname, '..', 'README.md');

const MARKER = /^<!-- diagram: ([a-z0-9-]+) -->\n```mermaid\n(?:(?!```)[^\n]*\n)*```\n/gm;

/** The diagram of every documented stack with the default configuration, by stack name. */
export function seedDiagrams(): Record<StackName, string> {
  const stacks = addSeedStacks(Testing.app(), {});
  return Object.fromEntries(stacks.map((stack) => [stack.node.id, renderMermaid(stackTopology(stack))])) as Record<StackName, string>;
}

/** Stacks whose diagram marker README.md lacks. */
export function missingMarkers(readme: string): StackName[] {
  const marked = new Set([...readme.matchAll(MARKER)].map((m) => m[1]));
  return STACK_NAMES.filter((name) => !marked.has(name));
}

/** `readme` with each marked block replaced by the stack's diagram; a marker naming no stack throws. */
export function renderReadmeDiagrams(readme: string, diagrams: Readonly<Record<string, string>> = seedDiagrams()): string {
  return readme.replace(MARKER, (_block, name: string) => {
    const diagram = diagrams[name];
    if (diagram === undefined) throw new Error(`README.md has a diagram marker for "${name}", which is not a documented stack (${STACK_NAMES.join(', ')})`);
    return `<!-- diagram: ${name} -->\n\`\`\`mermaid\n${diagram}\`\`\`\n`;
  });
}

if (require.main === module) {
  const readme = fs.readFileSync(README_PATH, 'utf8');
  const missing = missingMarkers(readme);
  if (missing.length > 0) {
    console.error(`README.md has no diagram marker for: ${missing.join(', ')} (add "<!-- diagram: <stack> -->" and a \`\`\`mermaid block after it)`);
    process.exit(1);
  }
  fs.writeFileSync(README_PATH, renderReadmeDiagrams(readme));
  console.log(`README.md: ${STACK_NAMES.length} diagrams written`);
}
