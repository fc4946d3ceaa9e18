#!/usr/bin/env bash
# The Swarm e2e suites (npm run test:e2e:swarm, inside scripts/with-local-engine.sh). Each suite
# builds the cluster and takes it down itself. swarm-operations runs in a jest process of its
# own: run in one process with the others, an uncaught "write EPIPE" surfaced in each suite that
# ran after it (2026-12-05; its source was not found), failing their first test. Both runs go
# to the end; the status is the first failure's.
set -uo pipefail
jest --selectProjects swarm --runInBand --testPathPattern '^(?!.*swarm-operations)'
first=$?
jest --selectProjects swarm --runInBand --testPathPattern 'swarm-operations'
second=$?
[ "$first" -ne 0 ] && exit "$first"
exit "$second"
