import { declaresKey, schemaProblems } from '../../../constructs/compose-import/schema-validation';
import { parseYaml } from '../../../constructs/compose-import/yaml-file';
import { ValidationProblem } from '../../../constructs/errors';

const FILE = '/project/compose.yaml';
const UNKNOWN_KEY_FIX = 'remove the key or fix its spelling (see https://compose-spec.io)';
const VALUE_FIX = 'write the value as the compose specification describes it';

/** The schema problems of compose YAML `lines`, as the loader finds them. */
function problems(lines: readonly string[]): ValidationProblem[] {
  const yaml = parseYaml(FILE, `${lines.join('\n')}\n`);
  return schemaProblems(yaml.value, yaml.locations);
}

/** A service `web` with `lines` (indented under it) besides its image. */
function web(...lines: string[]): string[] {
  return ['services:', '  web:', '    image: nginx:1.27', ...lines.map((line) => `    ${line}`)];
}

const problem = (line: number, field: string, value: unknown, message: string, fix = VALUE_FIX): ValidationProblem =>
  ({ ruleId: 'compose', path: `${FILE}:${line}`, field, value, message, fix });

describe('schemaProblems', () => {
  it('finds nothing in a valid file, extension keys included', () => {
    expect(problems([...web('x-team: payments', 'command: ["serve", "--port", "80"]'), 'x-shared: { a: 1 }'])).toEqual([]);
  });

  it('names an unknown key by its own path, line and value', () => {
    expect(problems(web('restart_delay: 5s'))).toEqual([
      problem(4, 'services.web.restart_delay', '5s', '"restart_delay" is not a key the compose specification knows here', UNKNOWN_KEY_FIX),
    ]);
    expect(problems(['x-ok: 1', 'foo: 2'])).toEqual([problem(2, 'foo', 2, '"foo" is not a key the compose specification knows here', UNKNOWN_KEY_FIX)]);
  });

  it('names a wrong type with the types the alternatives accept, once, at the oneOf', () => {
    expect(problems(web('command: 5'))).toEqual([problem(4, 'services.web.command', 5, 'must be null, string or array (compose-spec schema, #/$defs/command/oneOf)')]);
    expect(problems(web('depends_on: 5'))).toEqual([problem(4, 'services.web.depends_on', 5, 'must be array or object (compose-spec schema, #/properties/depends_on/oneOf)')]);
  });

  it('names a wrong type with one alternative by its own schema path', () => {
    expect(problems(['services: 3'])).toEqual([problem(1, 'services', 3, 'must be object (compose-spec schema, #/properties/services/type)')]);
    expect(problems(['[]'])).toEqual([problem(1, '(document)', [], 'must be object (compose-spec schema, #/type)')]);
    expect(problems(web('ports: 80'))).toEqual([problem(4, 'services.web.ports', 80, 'must be array (compose-spec schema, #/properties/ports/type)')]);
  });

  it('keeps the deepest error of the alternative the file meant, not the type errors of the others', () => {
    // build: a string, or an object; the object form was meant, with one unknown key
    expect(problems(web('build: { context: ., foo: 1 }'))).toEqual([
      problem(4, 'services.web.build.foo', 1, '"foo" is not a key the compose specification knows here', UNKNOWN_KEY_FIX),
    ]);
    expect(problems(web('networks:', '  front: { foo: 1 }'))).toEqual([
      problem(5, 'services.web.networks.front.foo', 1, '"foo" is not a key the compose specification knows here', UNKNOWN_KEY_FIX),
    ]);
    expect(problems(web('ports: [{ target: 80, protocol: 1 }]'))).toEqual([
      problem(4, 'services.web.ports[0].protocol', 1, 'must be string (compose-spec schema, #/properties/ports/items/oneOf/2/properties/protocol/type)'),
    ]);
  });

  it('does not call the valid keys of a service unknown when another key of it is wrong', () => {
    // Given a bad command (the service's other keys are fine) and one unknown key
    expect(problems(web('command: 5', 'restart_delay: 5s'))).toEqual([
      problem(4, 'services.web.command', 5, 'must be null, string or array (compose-spec schema, #/$defs/command/oneOf)'),
      problem(5, 'services.web.restart_delay', '5s', '"restart_delay" is not a key the compose specification knows here', UNKNOWN_KEY_FIX),
    ]);
  });

  it('lists each bad key of one object', () => {
    expect(problems(web('healthcheck: { interval: [1], timeout: {} }'))).toEqual([
      problem(4, 'services.web.healthcheck.interval', [1], 'must be string (compose-spec schema, #/$defs/healthcheck/properties/interval/type)'),
      problem(4, 'services.web.healthcheck.timeout', {}, 'must be string (compose-spec schema, #/$defs/healthcheck/properties/timeout/type)'),
    ]);
  });

  it('decodes "/" and "~" in keys, and names list items by index', () => {
    expect(problems(web('labels:', '  "a/b~c": [1]', 'environment:', '  - 5'))).toEqual(expect.arrayContaining([
      problem(5, 'services.web.labels.a/b~c', [1], 'must be string, number, boolean or null (compose-spec schema, #/$defs/list_or_dict/oneOf/0/patternProperties/.%2B/type)'),
      problem(7, 'services.web.environment[0]', 5, 'must be string (compose-spec schema, #/$defs/list_or_dict/oneOf/1/items/type)'),
    ]));
    expect(problems(web('labels:', '  "a/b~c": [1]', 'environment:', '  - 5'))).toHaveLength(2);
  });

  it('gives other keywords their own message', () => {
    expect(problems(web('pull_policy: sometimes'))).toEqual([
      problem(4, 'services.web.pull_policy', 'sometimes', expect.stringMatching(/^must match pattern ".*" \(compose-spec schema, #\/properties\/pull_policy\/pattern\)$/) as unknown as string),
    ]);
  });

  it('names a key of digits as a key, not a list index, at its line', () => {
    expect(problems(['services:', '  "12":', '    image: nginx:1.27', '    command: 5'])).toEqual([
      problem(4, 'services.12.command', 5, 'must be null, string or array (compose-spec schema, #/$defs/command/oneOf)'),
    ]);
    expect(problems(['services:', '  web2:', '    image: nginx:1.27', '    command: 5', '  2web:', '    image: nginx:1.27', '    environment: [A=1, 5]'])).toEqual([
      problem(4, 'services.web2.command', 5, 'must be null, string or array (compose-spec schema, #/$defs/command/oneOf)'),
      problem(7, 'services.2web.environment[1]', 5, 'must be string (compose-spec schema, #/$defs/list_or_dict/oneOf/1/items/type)'),
    ]);
  });

  it('names the alternative the value\'s type meant, not the type the others wanted', () => {
    // extends: a string, or an object with `service`; an object without it was meant as the object
    expect(problems(web('extends: {}'))).toEqual([
      problem(4, 'services.web.extends', {}, "must have required property 'service' (compose-spec schema, #/properties/extends/oneOf/1/required)"),
    ]);
  });

  it('names each distinct message of an anyOf once, at the anyOf', () => {
    expect(problems(['jobs:', '  nightly:', '    image: nginx:1.27', '    triggers: {}'])).toEqual([
      problem(4, 'jobs.nightly.triggers', {}, "must have required property 'manual'; or must have required property 'schedule' (compose-spec schema, #/properties/triggers/anyOf)"),
    ]);
  });

  it('keeps errors of different services apart, the shallower one too', () => {
    expect(problems([...web('command: 5'), '  api:', '    image: nginx:1.27', '    ports: [{ target: 80, protocol: 1 }]'])).toEqual([
      problem(4, 'services.web.command', 5, 'must be null, string or array (compose-spec schema, #/$defs/command/oneOf)'),
      problem(7, 'services.api.ports[0].protocol', 1, 'must be string (compose-spec schema, #/properties/ports/items/oneOf/2/properties/protocol/type)'),
    ]);
  });
});

describe('declaresKey', () => {
  /** `inner` wrapped in `depth` levels of `keyword`. */
  const nested = (depth: number, keyword: 'allOf' | 'anyOf' | 'oneOf', inner: object): object => (depth === 0 ? inner : { [keyword]: [{}, nested(depth - 1, keyword, inner)] });

  test.each([null, undefined, 'properties', 5, true])('given %p, then it declares nothing', (node) => {
    expect(declaresKey(node, 'image', 0)).toBe(false);
  });

  test('given properties, then their own names only', () => {
    expect(declaresKey({ properties: { image: {} } }, 'image', 0)).toBe(true);
    expect(declaresKey({ properties: { image: {} } }, 'command', 0)).toBe(false);
    expect(declaresKey({ properties: {} }, 'constructor', 0)).toBe(false);
  });

  test('given pattern properties, then the keys that match a pattern', () => {
    expect(declaresKey({ patternProperties: { '^x-': {}, '^y$': {} } }, 'x-team', 0)).toBe(true);
    expect(declaresKey({ patternProperties: { '^x-': {}, '^y$': {} } }, 'y', 0)).toBe(true);
    expect(declaresKey({ patternProperties: { '^x-': {} } }, 'team', 0)).toBe(false);
  });

  test('given a $ref to a definition, then what the definition declares', () => {
    expect(declaresKey({ $ref: '#/$defs/service' }, 'image', 0)).toBe(true);
    expect(declaresKey({ $ref: '#/$defs/service' }, 'restart_delay', 0)).toBe(false);
    expect(declaresKey({ $ref: 'other.json#/$defs/service' }, 'image', 0)).toBe(false);
  });

  test.each(['allOf', 'anyOf', 'oneOf'] as const)('given %s parts, then what any part declares, down to 8 levels', (keyword) => {
    expect(declaresKey(nested(1, keyword, { properties: { image: {} } }), 'image', 0)).toBe(true);
    expect(declaresKey(nested(8, keyword, { properties: { image: {} } }), 'image', 0)).toBe(true);
    expect(declaresKey(nested(9, keyword, { properties: { image: {} } }), 'image', 0)).toBe(false);
    expect(declaresKey(nested(1, keyword, { properties: { image: {} } }), 'command', 0)).toBe(false);
  });

  test('counts a $ref as a level', () => {
    // service declares image in container_spec: $ref service -> its allOf part -> $ref container_spec, three levels below
    expect(declaresKey({ $ref: '#/$defs/service' }, 'image', 5)).toBe(true);
    expect(declaresKey({ $ref: '#/$defs/service' }, 'image', 6)).toBe(false);
  });
});
