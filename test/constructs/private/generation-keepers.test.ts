import { Testing } from 'cdktf';
import { Construct } from 'constructs';
import { container as dockerContainer } from '../../../.gen/providers/docker';
import { createGeneration, generationKeepers } from '../../../constructs/private/generation-keepers';
import { newStack } from '../../support/synth';

// constructs/private/generation-keepers.ts: what renames a START_FIRST generation of containers.

describe('generationKeepers', () => {
  test('blanks each reference out of the digest and keeps escaped "$${" literal', () => {
    const keepers = generationKeepers({ image: '${docker_image.a.image_id}', env: ['A=${var.a}', 'B=${var.a}', 'C=$${literal}'] });

    expect(keepers).toEqual({
      configuration: expect.stringMatching(/^[0-9a-f]{64}$/),
      'reference-0': '${sha256(tostring(docker_image.a.image_id))}',
      'reference-1': '${sha256(tostring(var.a))}',
    });
  });

  test('gives the same digest for the same configuration with other reference values, and another for other configuration', () => {
    const a = generationKeepers({ image: '${docker_image.a.image_id}', cmd: ['x'] });
    const b = generationKeepers({ image: '${docker_image.b.image_id}', cmd: ['x'] });
    const c = generationKeepers({ image: '${docker_image.a.image_id}', cmd: ['y'] });

    expect(a.configuration).toBe(b.configuration);
    expect(a['reference-0']).not.toBe(b['reference-0']);
    expect(c.configuration).not.toBe(a.configuration);
  });

  test('keeps a nested expression whole', () => {
    expect(generationKeepers(['${join(",", [var.a, var.b])}'])['reference-0']).toBe('${sha256(tostring(join(",", [var.a, var.b])))}');
  });

  test('carries an expression holding quotes and braces in quotes as written (a URL-encoded password), not its JSON text', () => {
    const keepers = generationKeepers({ env: ['DATABASE_URL=postgresql://u:${replace(urlencode(var.p), "+", "%20")}@db/x', 'B=${format("{%s}", var.q)}'] });

    expect(keepers['reference-0']).toBe('${sha256(tostring(replace(urlencode(var.p), "+", "%20")))}');
    expect(keepers['reference-1']).toBe('${sha256(tostring(format("{%s}", var.q)))}');
  });

  test('given the same configuration twice, then the keepers are the same', () => {
    const configuration = { image: '${docker_image.a.image_id}', env: ['A=${var.a}'], ports: [{ internal: 8000 }] };

    expect(generationKeepers(configuration)).toEqual(generationKeepers(structuredClone(configuration)));
  });

  test('given a configuration without references, then only the digest is kept', () => {
    expect(generationKeepers({ command: ['gunicorn'], memory: 512, read_only: true, user: null })).toEqual({ configuration: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  test('finds references inside nested arrays and objects, in document order, each distinct one once', () => {
    // Given references at every depth, one of them repeated
    const keepers = generationKeepers({
      healthcheck: [{ test: ['CMD', '${var.probe}'] }],
      networks_advanced: [{ name: '${docker_network.front.id}', aliases: ['api'] }, { name: '${docker_network.back.id}' }],
      upload: [{ content: { nested: { deeper: ['${local_file.conf.content}', '${var.probe}'] } } }],
    });

    expect(keepers).toEqual({
      configuration: expect.any(String),
      'reference-0': '${sha256(tostring(var.probe))}',
      'reference-1': '${sha256(tostring(docker_network.front.id))}',
      'reference-2': '${sha256(tostring(docker_network.back.id))}',
      'reference-3': '${sha256(tostring(local_file.conf.content))}',
    });
  });

  test('a change deep inside a nested object changes the digest', () => {
    const a = generationKeepers({ upload: [{ content: { nested: ['x', '${var.a}'] } }] });
    const b = generationKeepers({ upload: [{ content: { nested: ['y', '${var.a}'] } }] });

    expect(a.configuration).not.toBe(b.configuration);
    expect(a['reference-0']).toBe(b['reference-0']);
  });

  test('several references in one string each get their key', () => {
    expect(generationKeepers(['${var.user}:${var.host}'])).toEqual({
      configuration: expect.any(String),
      'reference-0': '${sha256(tostring(var.user))}',
      'reference-1': '${sha256(tostring(var.host))}',
    });
  });

  describe('the "$${" escape', () => {
    test.each([
      ['a lone escape', 'echo $${HOME}'],
      ['two dollars before the escape (Terraform reads "$" then "$${")', 'echo $$${HOME}'],
      ['an escape at the end of the text', 'echo $${'],
    ])('given %s, then nothing is taken as a reference', (_what, text) => {
      expect(generationKeepers({ command: [text] })).toEqual({ configuration: expect.any(String) });
    });

    test('given an escape before a reference, then only the reference is taken', () => {
      expect(generationKeepers(['$${literal} ${var.real}'])).toEqual({ configuration: expect.any(String), 'reference-0': '${sha256(tostring(var.real))}' });
    });

    test('the escaped text is part of the digest: another literal gives another digest', () => {
      expect(generationKeepers(['$${A}']).configuration).not.toBe(generationKeepers(['$${B}']).configuration);
    });

    test('an escaped literal and a reference with the same text give different digests', () => {
      // "$${var.a}" is the text ${var.a}; "${var.a}" is the variable's value.
      expect(generationKeepers(['$${var.a}']).configuration).not.toBe(generationKeepers(['${var.a}']).configuration);
    });
  });

  describe('braces inside quoted strings of an expression', () => {
    test.each([
      ['a closing brace', '${replace(var.a, "}", "")}', 'replace(var.a, "}", "")'],
      ['an opening brace', '${replace(var.a, "{", "")}', 'replace(var.a, "{", "")'],
      ['an escaped quote before a brace', '${replace(var.a, "\\"}", "")}', 'replace(var.a, "\\"}", "")'],
      ['an escaped backslash closing the string', '${replace(var.a, "\\\\", "}")}', 'replace(var.a, "\\\\", "}")'],
      ['a map literal', '${lookup({ a = "}" }, var.k, "")}', 'lookup({ a = "}" }, var.k, "")'],
      ['an escaped "$${" in a quoted string (no nested template)', '${replace(var.a, "$${", "")}', 'replace(var.a, "$${", "")'],
    ])('given %s, then the expression is taken whole', (_what, text, expression) => {
      expect(generationKeepers([`x=${text}!`])).toEqual({ configuration: expect.any(String), 'reference-0': `\${sha256(tostring(${expression}))}` });
    });

    test('given a template nested in a quoted string of an expression, with a brace in its own quotes, then the outer expression is taken whole', () => {
      // What cdktf renders for Fn.join(",", [`a-${Fn.replace(v.stringValue, "}", "")}`]).
      const rendered = '${join(",", ["a-${replace(var.v, "}", "")}"])}';

      expect(generationKeepers([rendered])).toEqual({ configuration: expect.any(String), 'reference-0': '${sha256(tostring(join(",", ["a-${replace(var.v, "}", "")}"])))}' });
    });
  });

  test('given an unclosed "${", then the rest of the text is taken as one reference and nothing is dropped or looped over', () => {
    // Terraform refuses such a string anyway; the keepers must still be computed.
    expect(generationKeepers(['a ${var.b', 'c'])).toEqual({ configuration: expect.any(String), 'reference-0': '${sha256(tostring(var.b))}' });
  });

  describe('identical configuration with references in a different order', () => {
    const inOrder = { image: '${docker_image.a.image_id}', env: ['A=${var.a}', 'B=${var.b}'] };
    const swapped = { image: '${docker_image.a.image_id}', env: ['A=${var.b}', 'B=${var.a}'] };

    test('given two references swapped, then the digest is the same but the keepers differ, so the generation is renamed', () => {
      const a = generationKeepers(inOrder);
      const b = generationKeepers(swapped);

      expect(a.configuration).toBe(b.configuration);
      expect(a).not.toEqual(b);
      expect([a['reference-1'], a['reference-2']]).toEqual(['${sha256(tostring(var.a))}', '${sha256(tostring(var.b))}']);
      expect([b['reference-1'], b['reference-2']]).toEqual(['${sha256(tostring(var.b))}', '${sha256(tostring(var.a))}']);
    });

    test('given one reference used where another was, then the digest changes (fewer distinct references)', () => {
      expect(generationKeepers({ env: ['A=${var.a}', 'B=${var.a}'] }).configuration).not.toBe(generationKeepers({ env: ['A=${var.a}', 'B=${var.b}'] }).configuration);
    });
  });
});

describe('createGeneration', () => {
  type RandomId = { byte_length: number; keepers: Record<string, string> };

  /** A stack with one container (named `name`, running `command`) and its generation. */
  function generationFor(name: string, command: string[]): { json: { resource: Record<string, Record<string, unknown>>; provider?: Record<string, unknown> }; generation: RandomId } {
    const stack = newStack('shop');
    const owner = new Construct(stack, 'api');
    const container = new dockerContainer.Container(owner, 'Resource', { name, image: '${docker_image.app.image_id}', command, dependsOn: [] });
    createGeneration(owner, stack, () => [container]);
    const json = JSON.parse(Testing.synth(stack)) as { resource: Record<string, Record<string, unknown>>; provider?: Record<string, unknown> };
    return { json, generation: Object.values(json.resource.random_id)[0] as RandomId };
  }

  test('given a container, then a 3-byte random id keyed by its rendered configuration, and the random provider is configured', () => {
    const { json, generation } = generationFor('shop-api', ['serve']);

    expect(generation.byte_length).toBe(3);
    expect(generation.keepers).toEqual({ configuration: expect.stringMatching(/^[0-9a-f]{64}$/), 'reference-0': '${sha256(tostring(docker_image.app.image_id))}' });
    expect(json.provider).toHaveProperty('random');
  });

  test('the container name is left out (it carries the generation), the command is not', () => {
    expect(generationFor('shop-api-1', ['serve']).generation.keepers).toEqual(generationFor('shop-api-2', ['serve']).generation.keepers);
    expect(generationFor('shop-api', ['serve']).generation.keepers).not.toEqual(generationFor('shop-api', ['serve', '--debug']).generation.keepers);
  });
});
