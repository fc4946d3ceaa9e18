#!/usr/bin/env bash
# Regenerates the provider bindings in .gen/ from the provider pinned in cdktf.json,
# offline, through the local mirror. The output is committed: a fresh clone needs
# neither Go nor the provider to compile and synthesize.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bash "$CDS_ROOT/scripts/provider.sh" build
# Assigned first: `eval "$(...)"` would hide a failure of the command.
provider_env="$(bash "$CDS_ROOT/scripts/provider.sh" env)"
eval "$provider_env"
cd "$CDS_ROOT" || die "cannot enter $CDS_ROOT"
CHECKPOINT_DISABLE=1 CDKTF_DISABLE_PLUGIN_CACHE_ENV=1 npx cdktf get --force
node "$CDS_ROOT/scripts/check-gen-version.js"
