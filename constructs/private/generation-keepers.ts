import { createHash } from 'crypto';
import { DefaultTokenResolver, Lazy, StringConcat, TerraformStack, Tokenization } from 'cdktf';
import { Construct } from 'constructs';
import { container as dockerContainer } from '../../.gen/providers/docker';
import { id as randomId } from '../../.gen/providers/random';
import { StackContext } from './stack-context';

/**
 * The random id that names a START_FIRST generation of `owner`'s containers. Its keepers are a
 * digest of every container's rendered configuration: the static part hashed here, and each
 * Terraform reference in it (image id, network ids, secrets) hashed by Terraform, so a new image
 * or secret value renames the containers as surely as an edited command does. `containers` is
 * read at synth time, once the containers exist.
 */
export function createGeneration(owner: Construct, stack: StackContext, containers: () => readonly dockerContainer.Container[]): randomId.Id {
  stack.useRandomProvider();
  return new randomId.Id(owner, 'Generation', {
    byteLength: 3,
    keepers: Lazy.anyValue({ produce: () => renderedKeepers(owner, containers()) }) as unknown as Record<string, string>,
  });
}

function renderedKeepers(owner: Construct, containers: readonly dockerContainer.Container[]): Record<string, string> {
  const stack = TerraformStack.of(owner);
  const rendered = containers.map((c) => {
    const blocks = Tokenization.resolve(c.toTerraform(), { scope: stack, preparing: false, resolver: new DefaultTokenResolver(new StringConcat()) }) as {
      resource: Record<string, Record<string, Record<string, unknown>>>;
    };
    const attributes = Object.values(blocks.resource[dockerContainer.Container.tfResourceType])[0];
    // Not part of what the engine runs: the name carries this very generation.
    const { name: _name, depends_on: _dependsOn, lifecycle: _lifecycle, '//': _metadata, ...rest } = attributes;
    return rest;
  });
  return generationKeepers(JSON.stringify(rendered));
}

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
