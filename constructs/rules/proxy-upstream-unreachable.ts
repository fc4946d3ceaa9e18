import { RuleInfo } from './rule';

/**
 * Every upstream an NginxProxy routes to shares a network with it. Checked by the proxy itself
 * (a validation on its node, with the route at fault), since stack rules do not see routes;
 * listed here so the catalogue and messages share one id.
 */
export const proxyUpstreamUnreachable: RuleInfo = {
  id: 'CDS-PROXY-UPSTREAM-UNREACHABLE',
  summary: 'Every upstream an NginxProxy routes to shares a network with the proxy.',
  explanation:
    'nginx resolves each upstream by its service name through Docker\'s DNS (127.0.0.11) at request time; a name resolves only on a network both containers join. Without one the proxy starts healthy and answers 502 on that route.',
};

/** Rules that constructs check on themselves at synth time (node validations), listed for the catalogue. */
export const CONSTRUCT_RULES: readonly RuleInfo[] = [proxyUpstreamUnreachable];
