import { Construct } from 'constructs';
import { DockerStack } from '../constructs';
import { ArkaliaStack } from './arkalia';
import { StacksConfig } from './config';
import { resolveImages } from './images';
import { MnemoliteStack } from './mnemolite';
import { MyIaStack } from './my-ia';
import { NextenStack } from './nexten';
import { seedStackProps } from './seed-stack-props';
import { VibecodingDevStack, VibecodingStack } from './vibecoding';

/** The documented stacks, by the name `cdktf deploy <name>` takes. */
export const STACK_NAMES = ['vibecoding', 'vibecoding-dev', 'mnemolite', 'my-ia', 'nexten', 'arkalia'] as const;
export type StackName = (typeof STACK_NAMES)[number];

const CONSTRUCTORS: Record<StackName, new (scope: Construct, id: string, props: ReturnType<typeof seedStackProps>) => DockerStack> = {
  vibecoding: VibecodingStack,
  'vibecoding-dev': VibecodingDevStack,
  mnemolite: MnemoliteStack,
  'my-ia': MyIaStack,
  nexten: NextenStack,
  arkalia: ArkaliaStack,
};

/** Adds the documented stacks to `scope` (all of them unless `only` is given). */
export function addSeedStacks(scope: Construct, config: StacksConfig, only: readonly StackName[] = STACK_NAMES): DockerStack[] {
  const images = resolveImages(config);
  return only.map((name) => new CONSTRUCTORS[name](scope, name, seedStackProps(name, config, images)));
}

export { ArkaliaStack, MnemoliteStack, MyIaStack, NextenStack, VibecodingDevStack, VibecodingStack };
export * from './config';
export { hostPortsOf } from './seed-stack-props';
export type { SeedHostPort } from './seed-stack-props';
export * from './images';
