import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseDocument } from 'yaml';
import { MERGE_TAGS, parseYaml, readYamlFile } from '../../../constructs/compose-import/yaml-file';
import { problemsOf } from '../../support/factory-error';

const FILE = '/p/compose.yaml';

describe('parseYaml', () => {
  test('reads the core schema: numbers, booleans, null, and text that only looks like them in quotes', () => {
    const { value } = parseYaml(FILE, 'a: 1\nb: true\nc: null\nd: ~\ne: "1"\nf: yes\ng: 0o17\nh: 1.5\n');
    expect(value).toEqual({ a: 1, b: true, c: null, d: null, e: '1', f: 'yes', g: 15, h: 1.5 });
  });

  test('records the line of every key and list item, and line 1 for the document', () => {
    const { locations } = parseYaml(FILE, ['services:', '  api:', '    ports:', '      - "80"', '', '      - "81"'].join('\n'));
    expect([[], ['services'], ['services', 'api'], ['services', 'api', 'ports'], ['services', 'api', 'ports', 0], ['services', 'api', 'ports', 1]].map((k) => locations.find(k)?.line)).toEqual([1, 1, 2, 3, 4, 6]);
    expect(locations.find(['services', 'api', 'ports', 0])?.file).toBe(FILE);
  });

  test('resolves anchors, aliases and merge keys, a key of its own winning over the merged one', () => {
    const text = ['x-base: &base', '  image: app:1', '  restart: always', 'services:', '  api:', '    <<: *base', '    restart: "no"', '  worker: *base'].join('\n');
    const { value, locations } = parseYaml(FILE, text);
    expect(value).toEqual({ 'x-base': { image: 'app:1', restart: 'always' }, services: { api: { image: 'app:1', restart: 'no' }, worker: { image: 'app:1', restart: 'always' } } });
    // A merged key is found where the anchored mapping wrote it; an own key on its own line
    expect(locations.find(['services', 'api', 'image'])?.line).toBe(2);
    expect(locations.find(['services', 'api', 'restart'])?.line).toBe(7);
    expect(locations.find(['services', 'worker', 'image'])?.line).toBe(2);
  });

  test('resolves a list of merge keys', () => {
    const text = ['x-a: &a { image: a:1 }', 'x-b: &b { restart: always }', 'services:', '  api:', '    <<: [*a, *b]'].join('\n');
    expect((parseYaml(FILE, text).value as { services: unknown }).services).toEqual({ api: { image: 'a:1', restart: 'always' } });
  });

  test('records !reset and !override keys; a !reset key is left out of the value, an !override one kept', () => {
    const text = ['services:', '  api:', '    ports: !override ["8443:443"]', '    depends_on: !reset []', '    labels: !reset', '    image: !override app:2'].join('\n');
    const { value, resets, overrides } = parseYaml(FILE, text);
    expect(value).toEqual({ services: { api: { ports: ['8443:443'], image: 'app:2' } } });
    expect(resets).toEqual([['services', 'api', 'depends_on'], ['services', 'api', 'labels']]);
    expect(overrides).toEqual([['services', 'api', 'ports'], ['services', 'api', 'image']]);
  });

  test('reads a tagged scalar as text, as compose does; a tagged mapping or list as untagged', () => {
    const { value } = parseYaml(FILE, 'a: !override 5\nb: !override text\nc: !override true\nd: !override\ne: !override "007"\nf: !reset 5\nm: !override { x: 1 }\nl: !override [1]\n');
    expect(value).toEqual({ a: '5', b: 'text', c: 'true', d: '', e: '007', m: { x: 1 }, l: [1] });
  });

  test('reads every merge tag without a warning of an unknown tag', () => {
    for (const tag of ['!reset', '!override']) {
      const text = `a: ${tag} 5\nb: ${tag} { x: 1 }\nc: ${tag} [1]\n`;
      expect([tag, parseDocument(text, { customTags: MERGE_TAGS }).warnings]).toEqual([tag, []]);
    }
  });

  test('refuses a duplicate key and a syntax error, naming the line', () => {
    expect(problemsOf(() => parseYaml(FILE, 'services:\n  api: {}\n  api: {}\n'))).toEqual([
      expect.objectContaining({ ruleId: 'compose', path: `${FILE}:3`, field: '(document)', value: 'DUPLICATE_KEY', fix: 'fix the YAML at that line (indentation, quoting, a missing ":")' }),
    ]);
    const [problem] = problemsOf(() => parseYaml(FILE, 'services:\n  api: [unclosed\n'));
    expect(problem.message).toMatch(/^YAML syntax error: /);
    expect(problem.message).not.toContain('\n');
  });
});

describe('readYamlFile', () => {
  test('reads a file from disk', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'yaml-file-')), 'compose.yaml');
    fs.writeFileSync(file, 'services: {}\n');
    expect(readYamlFile(file)).toMatchObject({ file, value: { services: {} } });
  });

  test('names where a missing file was named, or the file itself', () => {
    const missing = path.join(os.tmpdir(), 'no-such-dir-cds', 'compose.yaml');
    expect(problemsOf(() => readYamlFile(missing, { keyPath: ['include', 0], location: { file: FILE, line: 4 } }))).toEqual([{
      ruleId: 'compose', path: `${FILE}:4`, field: 'include[0]', value: missing,
      message: 'cannot read the compose file (ENOENT)',
      fix: 'give the path of an existing, readable file (relative paths are resolved against the directory of the file that names them)',
    }]);
    expect(problemsOf(() => readYamlFile(missing))[0]).toMatchObject({ path: `${missing}:0`, field: '(document)' });
  });
});
