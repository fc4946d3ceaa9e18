// Mutation runs only: a fixed fast-check seed, so that a property test reaches the same inputs in
// every run and a mutant's status does not depend on the draw (incremental runs reuse statuses).
import fc from 'fast-check';

fc.configureGlobal({ seed: 20261201 });
