#!/bin/sh
# Type-checks sst.config.ts and infra/ against the SST platform types. `sst install` writes them to
# .sst/platform/ (git-ignored; ~40 s, once). The SST_* variables let it run without downloading
# Pulumi/bun (not needed for install) and without telemetry.
set -eu
cd "$(dirname "$0")/.."
if [ ! -f .sst/platform/config.d.ts ]; then
  SST_SKIP_DEPENDENCY_CHECK="${SST_SKIP_DEPENDENCY_CHECK:-1}" SST_NO_BUN="${SST_NO_BUN:-1}" \
    SST_TELEMETRY_DISABLED=1 npx sst install --stage "${SST_STAGE:-ci}"
fi
exec npx tsc -p tsconfig.infra.json
