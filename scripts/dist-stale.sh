#!/usr/bin/env bash
# dist-stale.sh [CHECKOUT]: whether the built distribution (im-dist/target/ucloud-im) must be rebuilt. Exits 0 and
# prints why when it is missing or a source (a pom.xml, anything under src/main or .mvn/; tests are not in the
# distribution) is newer than the build; exits 1 when it is up to date. Used by ./dev.
# The build's time is the ctime of the built bin/ucloud-im: the build wrote it then, while its mtime is the
# source's, copied with millisecond precision (so a plain `find -newer` would find its own source newer).
set -uo pipefail
cd "${1:-$(dirname "$(readlink -f "$0")")/..}" || exit 0
built=im-dist/target/ucloud-im/bin/ucloud-im
if [ ! -x "$built" ]; then
    echo "no distribution built yet"
    exit 0
fi
newer=$(find . \( -path './.git' -o -path './*/target' -o -path './build-logs' \) -prune -o \
    \( -name 'pom.xml' -o -path '*/src/main/*' -o -path './.mvn/*' \) -type f \
    -newermc "$built" -print -quit)
if [ -n "$newer" ]; then
    echo "${newer#./} changed"
    exit 0
fi
exit 1
