import { Construct } from 'constructs';
import { DockerStack } from '../constructs';
import { ArkaliaStack } from './arkalia';
import { ConfigError, configSource, STACK_NAMES, StackName, StacksConfig, unknownHostPortProblems } from './config';
import { resolveImages } from './images';
import { MnemoliteStack } from './mnemolite';
import { MyIaStack } from './my-ia';
import { NextenStack } from './nexten';
import { hostPortsOf, seedStackProps } from './seed-stack-props';
import { VibecodingDevStack, VibecodingStack } from './vibecoding';

const CONSTRUCTORS: Record<StackName, new (scope: Construct, id: string, props: ReturnType<typeof seedStackProps>) => DockerStack> = {
  vibecoding: VibecodingStack,
  'vibecoding-dev': VibecodingDevStack,
  mnemolite: MnemoliteStack,
  'my-ia': MyIaStack,
  nexten: NextenStack,
  arkalia: ArkaliaStack,
};

/**
 * Adds the documented stacks to `scope` (all of them unless `only` is given). A ConfigError when
 * `hostPorts` has a key none of them asks for (a key of a seed stack not in `only` is left alone).
 */
export function addSeedStacks(scope: Construct, config: StacksConfig, only: readonly StackName[] = STACK_NAMES): DockerStack[] {
  const images = resolveImages(config);
  const stacks = only.map((name) => new CONSTRUCTORS[name](scope, name, seedStackProps(name, config, images)));
  const consumed = stacks.flatMap((stack) => hostPortsOf(stack).map((p) => p.key));
  const problems = unknownHostPortProblems(config.hostPorts ?? {}, consumed, STACK_NAMES.filter((name) => !only.includes(name)));
  if (problems.length > 0) throw new ConfigError(configSource(config), problems);
  return stacks;
}

export { ArkaliaStack, MnemoliteStack, MyIaStack, NextenStack, VibecodingDevStack, VibecodingStack };
export * from './config';
export { hostPortsOf } from './seed-stack-props';
export type { SeedHostPort } from './seed-stack-props';
export * from './images';
