import { BrandName, hasBrand } from './brand';

/**
 * Kinds that keep their data in node-local named volumes: on Swarm each must run one task,
 * pinned to a node, and be replaced stop-first (two tasks would write one data directory).
 */
export const STATEFUL_KINDS: readonly BrandName[] = ['Postgres', 'Redis', 'ChromaDb', 'Ollama'];

/** The stateful kind `value` is (its brand), or undefined for a stateless service. */
export function statefulKindOf(value: unknown): BrandName | undefined {
  return STATEFUL_KINDS.find((kind) => hasBrand(value, kind));
}
