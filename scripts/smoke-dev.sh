#!/usr/bin/env bash
# Smoke test of the README's first command: starts `ucloud-im dev` from the built distribution, talks to
# the module through the UCloud stand-in with curl, stops it with SIGTERM by PID, and checks that no
# process it started is left. Prints one "smoke: PASS|FAIL <what>" line per check.
set -uo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."
dist=im-dist/target/ucloud-im
log=$(mktemp)
check() { # check "<what>" <command...>
    local what=$1; shift
    if "$@" >/dev/null 2>&1; then echo "smoke: PASS $what"; else echo "smoke: FAIL $what"; fi
}
descendants() { # every process below $1, by parent PID
    local child
    for child in $(ps -o pid= --ppid "$1" 2>/dev/null); do echo "$child"; descendants "$child"; done
}

"$dist/bin/ucloud-im" dev >"$log" 2>&1 &
dev_pid=$!
for _ in $(seq 1 600); do
    grep -q '^dev: ready' "$log" && break
    kill -0 "$dev_pid" 2>/dev/null || break
    sleep 0.2
done
check "dev mode prints ready" grep -q '^dev: ready' "$log"
core=$(grep -o 'UCloud stand-in (testkit) *http://[0-9.:]*' "$log" | grep -o 'http://.*')
gateway=$(grep -o 'gateway (public listener) *http://[0-9.:]*' "$log" | grep -o 'http://.*')
proxy="$core/_testkit/provider/ucloud/dev"

check "manifest through the stand-in answers enabled:true" \
    bash -c "curl -sf '$proxy/integration/retrieveManifest' | grep -q '\"enabled\":true'"
check "compute products are listed" \
    bash -c "curl -sf '$proxy/jobs/retrieveProducts' | grep -q '\"cpu-1\"'"
check "connect of the mapped demo user redirects back to UCloud" \
    bash -c "curl -sf -X POST -d '{\"username\":\"demo#0001\"}' '$proxy/integration/connect' | grep -q '\"redirectTo\":\"$core'"
check "connect of an unmapped user redirects to the help page" \
    bash -c "curl -sf -X POST -d '{\"username\":\"nobody#0000\"}' '$proxy/integration/connect' | grep -q 'howToConnect'"
check "a call without UCloud's token is refused with 401" \
    bash -c "[ \"\$(curl -s -o /dev/null -w '%{http_code}' '$gateway/ucloud/dev/integration/retrieveManifest')\" = 401 ]"
browse=$(grep -o "curl -s -H 'ucloud-username: demo#0001'.*files/browse" "$log")
check "the demo user's files are listed by an instance running as that user" \
    bash -c "$browse | grep -q '\"id\":\"/1/'"
check "compute products advertise native jobs with logs" \
    bash -c "curl -sf '$proxy/jobs/retrieveProducts' | grep -q '\"native\":{\"enabled\":true,\"logs\":true'"
check "the demo job runs on the local backend and UCloud receives its SUCCESS" \
    bash -c "for i in \$(seq 600); do grep -q '^dev: UCloud received for job .*\"state\":\"SUCCESS\"' '$log' && exit 0; sleep 0.1; done; exit 1"
if [ "$(id -u)" = 0 ]; then
    server_pid=""
    for p in $(descendants "$dev_pid"); do
        if ps -o args= -p "$p" | grep -q 'dk.sdu.im.server.ServerMain' && [ "$(ps -o user= -p "$p" | tr -d ' ')" = ucloud ]; then
            server_pid=$p
        fi
    done
    check "started as root, IM/Server runs as the service account" test -n "$server_pid"
fi

alive() { # running, not merely a zombie waiting to be reaped
    local state
    state=$(ps -o stat= -p "$1" 2>/dev/null)
    [ -n "$state" ] && [ "${state#Z}" = "$state" ]
}
started=$(descendants "$dev_pid")
kill -TERM "$dev_pid" 2>/dev/null
wait "$dev_pid" 2>/dev/null
for _ in $(seq 1 100); do # processes get up to 10 s to finish exiting
    left=""
    for p in $started; do alive "$p" && left="$left $p"; done
    [ -z "$left" ] && break
    sleep 0.1
done
check "Ctrl-C/SIGTERM stops every process dev mode started" test -z "$left"
for p in $left; do kill -KILL "$p" 2>/dev/null; done
echo "--- dev mode output ---"; cat "$log"; rm -f "$log"
