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
  return generationKeepers(rendered);
}

/**
 * Keepers for a START_FIRST generation from the rendered container configuration (plain data
 * whose strings hold Terraform references such as `${docker_image.x.image_id}`): `configuration`
 * is a digest of the configuration with every reference blanked out, and each distinct reference
 * gets its own key whose value Terraform hashes, so secrets never appear in the keepers. The
 * references are read from the strings themselves, not from their JSON text, so an expression
 * holding quotes (`replace(urlencode(var.p), "+", "%20")`) is carried over as written.
 */
export function generationKeepers(renderedConfiguration: unknown): Record<string, string> {
  const references: string[] = [];
  const blank = (value: unknown): unknown => {
    if (typeof value === 'string') return blankReferences(value, references);
    if (Array.isArray(value)) return value.map(blank);
    if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, blank(v)]));
    return value;
  };
  const blanked = JSON.stringify(blank(renderedConfiguration));
  return {
    configuration: createHash('sha256').update(blanked).digest('hex'),
    ...Object.fromEntries(references.map((expression, i) => [`reference-${i}`, `\${sha256(tostring(${expression}))}`])),
  };
}

/**
 * `text` with each `${expression}` replaced by `${<index>}`, its index in `references` (added
 * there when new). `$${` is Terraform's escape for a literal `${` and is left alone. Braces inside
 * quoted strings of an expression do not count, nor those of a template nested in such a string.
 */
function blankReferences(text: string, references: string[]): string {
  let out = '';
  let index = 0;
  while (index < text.length) {
    const start = text.indexOf('${', index);
    if (start < 0) return out + text.slice(index);
    if (text[start - 1] === '$') {
      out += text.slice(index, start + 2);
      index = start + 2;
      continue;
    }
    const end = expressionEnd(text, start + 2);
    const expression = text.slice(start + 2, end);
    if (!references.includes(expression)) references.push(expression);
    out += `${text.slice(index, start)}\${${references.indexOf(expression)}}`;
    index = end + 1;
  }
  return out;
}

/** Index of the `}` closing an expression that starts at `from` (the text's end if unclosed). */
function expressionEnd(text: string, from: number): number {
  let depth = 1;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) {
        if (text[i] === '\\') i++;
        // A template nested in the string (cdktf writes Fn calls on concatenated strings so): its quotes and braces are its own.
        else if (text.startsWith('${', i) && text[i - 1] !== '$') i = expressionEnd(text, i + 2);
      }
    } else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i;
  }
  return text.length;
}
