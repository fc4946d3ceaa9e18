import type { ValidationProblem } from '../errors';
import { hasBrand } from '../private/brand';
import type { Secret } from '../secret';
import { RuleService, StackRule } from './rule';

/**
 * A service that waits for another or addresses it by name must share a network with it:
 * service names resolve only on the user-defined networks both join.
 */
export const noSharedNetwork: StackRule = {
  id: 'CDS-NO-SHARED-NETWORK',
  summary: 'A service shares a network with every service it depends on or addresses by name.',
  explanation:
    'Docker resolves a service name only for containers on a user-defined network the service also joins; elsewhere the name does not resolve and the first connection fails at run time, after a deploy that looked healthy. ' +
    'A reference by name (an environment value or a secret such as `connectionUrl` that addresses another service, `*_HOST` set to its name) is an error whenever no network is shared, including when either side joins no network (Docker\'s default bridge resolves no names) or uses the host network. ' +
    'A `dependsOn` alone is an error when both services join networks and none is common; when either joins none or uses the host network it is taken as start-up ordering only (for a service that shares a volume, or reaches a published port on 127.0.0.1 from the host network), since it addresses nothing by name.',
  check({ services }) {
    const problems: ValidationProblem[] = [];
    for (const service of services) {
      for (const target of services) {
        if (target === service || sharesNetwork(service, target)) continue;
        const reference = referenceTo(service, target);
        // An NginxProxy depends on its upstreams and checks them itself, route by route (CDS-PROXY-UPSTREAM-UNREACHABLE).
        const dependsOnly = service.dependsOn.includes(target) && joinsNetworks(service) && joinsNetworks(target) && !hasBrand(service, 'NginxProxy');
        if (reference === undefined && !dependsOnly) continue;
        problems.push({
          ruleId: this.id,
          path: service.node.path,
          ...(reference ?? { field: 'dependsOn', value: target.node.path }),
          message: `${reference ? `addresses ${target.node.path}` : `depends on ${target.node.path}`}, but ${why(service, target)}`,
          fix: remedy(service, target),
        });
      }
    }
    return problems;
  },
};

const HOST_KEY = /(^|_)(HOST|HOSTNAME)$/i;

/** The names `target` answers to on its networks. */
function namesOf(target: RuleService): string[] {
  return [...new Set([target.serviceName, ...target.containerNames, ...target.networks.flatMap((a) => a.aliases)])];
}

/** Whether `value` (of the variable `key`) addresses one of `names`: a URL's host, `name:port`, or the whole value of a `*_HOST` variable. */
function addresses(key: string, value: string, names: readonly string[]): boolean {
  return names.some((name) => {
    const host = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const inUrl = new RegExp(`[A-Za-z][A-Za-z0-9+.-]*://(?:[^/?#@\\s]*@)?${host}(?=[:/?#,\\s]|$)`, 'i');
    const withPort = new RegExp(`(?:^|[\\s,;=])${host}:\\d+(?=$|[/?#,;\\s])`, 'i');
    return inUrl.test(value) || withPort.test(value) || (HOST_KEY.test(key) && value.trim().toLowerCase() === name.toLowerCase());
  });
}

/** The first environment variable or secret of `service` that addresses `target`, as a problem's field and value. */
function referenceTo(service: RuleService, target: RuleService): { field: string; value: string } | undefined {
  const names = namesOf(target);
  for (const [key, value] of service.environmentVariables) {
    if (addresses(key, value, names)) return { field: `environment.${key}`, value };
  }
  // A secret built from one of the target's own secrets (a connection URL embedding its password) addresses it.
  const targetSecrets = new Set([...target.secrets.values()].flatMap((s) => s.leaves()));
  for (const [key, secret] of service.secrets) {
    const known = secret.knownValue();
    if ((known !== undefined && addresses(key, known, names)) || (isDerived(secret) && secret.leaves().some((leaf) => targetSecrets.has(leaf)))) {
      return { field: `secrets.${key}`, value: `${secret.description} (value hidden)` };
    }
  }
  return undefined;
}

/** Whether `secret` is built from others: a secret that is not derived is its own only leaf. */
function isDerived(secret: Secret): boolean {
  return secret.leaves()[0] !== secret;
}

function usesHostNetwork(service: RuleService): boolean {
  return service.hostAccess?.hostNetwork === true;
}

function joinsNetworks(service: RuleService): boolean {
  return service.networks.length > 0 && !usesHostNetwork(service);
}

function sharesNetwork(a: RuleService, b: RuleService): boolean {
  // A service on the host network joins none (Service refuses it). By name: two StackNetworks with one networkName are one network on the engine.
  return a.networks.some((x) => b.networks.some((y) => y.network.networkName === x.network.networkName));
}

function networkNames(service: RuleService): string {
  return service.networks.map((a) => a.network.networkName).join(', ');
}

function why(service: RuleService, target: RuleService): string {
  if (usesHostNetwork(service)) return `${service.node.id} uses the host network, where service names do not resolve`;
  if (usesHostNetwork(target)) return `${target.node.id} uses the host network and joins no network, so its name resolves nowhere`;
  if (!joinsNetworks(service)) return `${service.node.id} joins no network, and on Docker's default bridge service names do not resolve`;
  if (!joinsNetworks(target)) return `${target.node.id} joins no network, so its name resolves nowhere`;
  return `they share no network (${service.node.id}: ${networkNames(service)}; ${target.node.id}: ${networkNames(target)}), so "${target.serviceName}" does not resolve`;
}

function remedy(service: RuleService, target: RuleService): string {
  if (usesHostNetwork(service) || usesHostNetwork(target)) return `reach ${target.node.id} through a port it publishes on 127.0.0.1, or drop hostNetwork and connect both to a common network`;
  if (joinsNetworks(target)) return `also connect ${service.node.id} to a network ${target.node.id} joins (${networkNames(target)})`;
  if (joinsNetworks(service)) return `also connect ${target.node.id} to a network ${service.node.id} joins (${networkNames(service)})`;
  return `connect both to a common network (new StackNetwork(...), then networks: [{ network }] on each)`;
}
