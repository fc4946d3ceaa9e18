import { Testing } from 'cdktf';
import { ContainerImage, DockerStack, HealthCheck, Port, Service, StackNetwork } from '../../../constructs';
import { NginxProxy } from '../../../constructs/nginx-proxy';
import { CONSTRUCT_RULES, proxyUpstreamUnreachable } from '../../../constructs/rules/proxy-upstream-unreachable';
import { findings } from '../../support/rules';

// constructs/rules/proxy-upstream-unreachable.ts: every upstream of an NginxProxy shares a network with it.

const RULE = 'CDS-PROXY-UPSTREAM-UNREACHABLE';
const image = ContainerImage.fromRegistry('example/api:1.0.0');
const healthCheck = HealthCheck.command(['true']);

/** A stack with a network `front` joined by the proxy, and a service `api` on `networks`. */
function proxyIn(apiNetworks: (stack: DockerStack, front: StackNetwork) => StackNetwork[]) {
  const stack = new DockerStack(Testing.app(), 'test');
  const front = new StackNetwork(stack, 'front');
  const api = new Service(stack, 'api', { image, healthCheck, networks: apiNetworks(stack, front).map((network) => ({ network })) });
  new NginxProxy(stack, 'proxy', { routes: [{ path: '/api/', upstream: api, upstreamPort: Port.tcp(8000) }], networks: [{ network: front }] });
  return stack;
}

describe(RULE, () => {
  test('is listed with the rules constructs check on themselves, with a summary and an explanation', () => {
    expect(CONSTRUCT_RULES).toContain(proxyUpstreamUnreachable);
    expect(proxyUpstreamUnreachable.id).toBe(RULE);
    expect(proxyUpstreamUnreachable.summary).toMatch(/^Every upstream .*\.$/);
    expect(proxyUpstreamUnreachable.explanation).toContain('502');
  });

  test('compliant: the upstream joins the network the proxy is on', () => {
    const stack = proxyIn((_stack, front) => [front]);

    expect(findings(stack, RULE)).toEqual([]);
    expect(() => Testing.synth(stack, true)).not.toThrow();
  });

  test('compliant: the upstream joins that network among others', () => {
    const stack = proxyIn((s, front) => [new StackNetwork(s, 'back', { internal: true }), front]);

    expect(findings(stack, RULE)).toEqual([]);
  });

  test('non-compliant: the upstream is only on another network, and the synth stops', () => {
    const stack = proxyIn((s) => [new StackNetwork(s, 'back', { internal: true })]);

    expect(findings(stack, RULE)).toEqual([
      `[${RULE}] test/proxy: routes = "/api/": test/api shares no network with the proxy, so "api" does not resolve. Fix: connect both to a common network (networks: [{ network }])`,
    ]);
    expect(() => Testing.synth(stack, true)).toThrow(RULE);
  });

  test('non-compliant: the upstream joins no network of its own', () => {
    const stack = proxyIn(() => []);

    expect(findings(stack, RULE)).toEqual([expect.stringContaining(`[${RULE}] test/proxy: routes = "/api/": test/api shares no network with the proxy`)]);
  });
});
