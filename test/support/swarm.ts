import { Testing } from 'cdktf';
import { DeployTarget, DockerStack, SwarmEndpointMode, SwarmPublishMode } from '../../constructs';
import { SynthesizedStack } from './synth';

/** A fresh stack on a Swarm target (DNS round robin and host-mode ports, as the test cluster needs, when `hostMode`). */
export function swarmStack(id = 'test', hostMode = false): DockerStack {
  const target = hostMode ? DeployTarget.swarm({ nodeLabel: 'cds.node', endpointMode: SwarmEndpointMode.DNSRR, publishMode: SwarmPublishMode.HOST }) : DeployTarget.swarm({ nodeLabel: 'cds.node' });
  return new DockerStack(Testing.app(), id, { target });
}

/** A synthesized resource of `type` named `name`. */
export function resourceNamed(json: SynthesizedStack, type: string, name: string): Record<string, unknown> {
  const found = Object.values(json.resource[type] ?? {}).find((r) => r.name === name);
  if (!found) throw new Error(`no ${type} named ${name}`);
  return found;
}

/** Every synthesized resource of `type`. */
export function resourcesOf(json: SynthesizedStack, type: string): Record<string, unknown>[] {
  return Object.values(json.resource[type] ?? {});
}
