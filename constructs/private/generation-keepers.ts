import { createHash } from 'crypto';

/**
 * Keepers for a START_FIRST generation from the rendered container configuration (JSON with
 * Terraform references such as `${docker_image.x.image_id}` in its strings): `configuration`
 * is a digest of the text with every reference blanked out, and each distinct reference gets
 * its own key whose value Terraform hashes, so secrets never appear in the keepers.
 */
export function generationKeepers(renderedConfiguration: string): Record<string, string> {
  const references: string[] = [];
  let blanked = '';
  let index = 0;
  while (index < renderedConfiguration.length) {
    const start = renderedConfiguration.indexOf('${', index);
    if (start < 0 || renderedConfiguration[start - 1] === '$') {
      const end = start < 0 ? renderedConfiguration.length : start + 2;
      blanked += renderedConfiguration.slice(index, end);
      index = end;
      continue;
    }
    let depth = 0;
    let end = start;
    for (; end < renderedConfiguration.length; end++) {
      if (renderedConfiguration[end] === '{') depth++;
      else if (renderedConfiguration[end] === '}' && --depth === 0) break;
    }
    const expression = renderedConfiguration.slice(start + 2, end);
    if (!references.includes(expression)) references.push(expression);
    blanked += `${renderedConfiguration.slice(index, start)}\${${references.indexOf(expression)}}`;
    index = end + 1;
  }
  return {
    configuration: createHash('sha256').update(blanked).digest('hex'),
    ...Object.fromEntries(references.map((expression, i) => [`reference-${i}`, `\${sha256(tostring(${expression}))}`])),
  };
}
