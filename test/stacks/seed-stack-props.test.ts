import * as fs from 'fs';
import * as path from 'path';
import { App } from 'cdktf';
import { Service } from '../../constructs';
import { addSeedStacks, hostPortsOf, STACK_NAMES } from '../../stacks';

// stacks/seed-stack-props.ts: the host ports the stacks ask for are recorded, and the README's
// table of default host ports is what the stacks publish.
const tls = { 'vibecoding.nginx': { certificateDirectory: '/etc/ssl/vibecoding' } };

/** Every seed stack built with the default ports (tls on, so the HTTPS port is asked for too). */
function buildAll() {
  return addSeedStacks(new App(), { tls });
}

/** Rows of README.md's "Host ports" table: key, default port, address. */
function readmeRows(): { key: string; port: number; address: string }[] {
  const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('### Host ports'), readme.indexOf('### vibecoding (seed 002)'));
  return [...section.matchAll(/^\| [a-z-]+ \| \d{3} \| `([a-z.-]+)` \| (\d+) \| ([\d.]+) \|$/gm)].map((m) => ({ key: m[1], port: Number(m[2]), address: m[3] }));
}

describe('hostPort and hostPortsOf', () => {
  test('each stack records the keys it asks for, keyed "<stack id>.<service>", with the default it gave', () => {
    const recorded = buildAll().map((stack) => [stack.node.id, hostPortsOf(stack).map((p) => `${p.key}=${p.defaultPort}`)]);
    expect(Object.fromEntries(recorded)).toEqual({
      vibecoding: ['vibecoding.nginx=80', 'vibecoding.nginx-https=443'],
      'vibecoding-dev': ['vibecoding-dev.postgres=5432', 'vibecoding-dev.redis=6379'],
      mnemolite: ['mnemolite.api=8380'],
      'my-ia': ['my-ia.frontend=8400', 'my-ia.app=8480'],
      nexten: ['nexten.api=8000'],
      arkalia: ['arkalia.api=8100'],
    });
  });

  test('a configured port replaces the default and is recorded as the port used', () => {
    const [stack] = addSeedStacks(new App(), { hostPorts: { 'arkalia.api': 18100 } }, ['arkalia']);
    expect(hostPortsOf(stack).map((p) => [p.key, p.port.number, p.defaultPort])).toEqual([['arkalia.api', 18100, 8100]]);
  });

  test('without tls the HTTPS port is not asked for, so its key is not one the configuration may use', () => {
    const [stack] = addSeedStacks(new App(), {}, ['vibecoding']);
    expect(hostPortsOf(stack).map((p) => p.key)).toEqual(['vibecoding.nginx']);
  });

  test("README.md's host port table is every recorded key with its default, on the address the stack publishes it", () => {
    const stacks = buildAll();
    const published = new Set(
      stacks.flatMap((stack) => stack.node.findAll().filter(Service.isService).flatMap((s) => s.ports.map((p) => `${p.hostIp}:${p.hostPort.number}`))),
    );
    const recorded = stacks.flatMap((stack) => hostPortsOf(stack).map((p) => ({ key: p.key, port: p.defaultPort })));
    const rows = readmeRows();
    expect(rows.map(({ key, port }) => ({ key, port })).sort((a, b) => a.key.localeCompare(b.key))).toEqual(recorded.sort((a, b) => a.key.localeCompare(b.key)));
    for (const row of rows) expect({ key: row.key, published: published.has(`${row.address}:${row.port}`) }).toEqual({ key: row.key, published: true });
    expect(new Set(rows.map((r) => r.key.slice(0, r.key.indexOf('.'))))).toEqual(new Set(STACK_NAMES));
  });
});
