import { schemaProblems } from '../../../constructs/compose-import/schema-validation';
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
});
