import * as fs from 'fs';
import * as path from 'path';
import schema from '../../../constructs/compose-import/compose-spec/compose-spec.json';
import { keyRow, KeySupport, keyTable, renderKeyTable } from '../../../constructs/compose-import/key-table';
import { PROXY_EXTENSION } from '../../../constructs/compose-import/kinds';

describe('keyTable', () => {
  test('has a row for every key of the vendored schema, and none the schema lacks', () => {
    const defs = (schema as unknown as { $defs: Record<string, { properties?: Record<string, unknown>; oneOf?: { properties?: Record<string, unknown> }[] }> }).$defs;
    const keys = (...objects: ({ properties?: Record<string, unknown> } | undefined)[]): string[] => objects.flatMap((o) => Object.keys(o?.properties ?? {})).sort();
    const expected: Record<string, string[]> = {
      top: keys(schema),
      service: keys(defs.container_spec, defs.workload_spec, defs.service),
      network: keys(defs.network),
      volume: keys(defs.volume),
      secret: keys(defs.secret),
      config: keys(defs.config),
      'service.healthcheck': keys(defs.healthcheck),
      'service.deploy': keys(defs.deployment),
    };
    for (const [section, list] of Object.entries(expected)) expect([section, Object.keys(keyTable()[section]).sort()]).toEqual([section, list]);
  });
});

describe('keyRow', () => {
  test.each([
    ['top', 'version', KeySupport.CAVEAT, 'ignored, as compose ignores it (obsolete)'],
    ['top', 'name', KeySupport.MAPPED, 'DockerStack namePrefix'],
    ['secret', 'external', KeySupport.UNSUPPORTED, 'Swarm-only deploy setting; a stack deploys plain containers'],
    ['volume', 'driver_opts', KeySupport.UNSUPPORTED, 'no prop of Service: the kreuzwerker/docker container the library renders has no place for it'],
  ])('gives the row of %s.%s', (section, key, support, becomes) => {
    expect(keyRow(section, key)).toEqual({ support, becomes });
  });

  test('maps the proxy extension of a service to NginxProxy routes', () => {
    expect(keyRow('service', PROXY_EXTENSION)).toEqual({ support: KeySupport.MAPPED, becomes: expect.stringMatching(/^an nginx service's NginxProxy routes/) });
  });

  test.each([
    ['service', 'x-note'],
    ['top', 'x-defaults'],
    ['network', PROXY_EXTENSION],
  ])('ignores the extension %s.%s, as compose does', (section, key) => {
    expect(keyRow(section, key)).toEqual({ support: KeySupport.MAPPED, becomes: 'ignored (extension)' });
  });

  test.each([
    ['service', 'no_such_key'],
    ['no-such-section', 'image'],
  ])('knows no row for %s.%s', (section, key) => {
    expect(keyRow(section, key)).toBeUndefined();
  });
});

describe('docs/compose-import.md', () => {
  test('holds the rendered key table', () => {
    const doc = fs.readFileSync(path.resolve(__dirname, '..', '..', '..', 'docs', 'compose-import.md'), 'utf8');
    const table = /<!-- key-table:start -->\n([\s\S]*)<!-- key-table:end -->/.exec(doc)?.[1];
    expect(table).toBe(renderKeyTable());
  });
});
