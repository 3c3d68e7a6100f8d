#!/usr/bin/env bash
# Smoke test of the README's first command: starts `ucloud-im dev` from the built distribution, talks to
# the module through the UCloud stand-in with curl, stops it with SIGTERM by PID, and checks that no
# process it started is left. Then `./dev` must start without rebuilding, and a second run (as root from a
# checkout in a 0700 directory another user owns) is killed with SIGKILL: IM/Server must stop with its instance,
# and the sudo rule file and temporary directory must go. Prints one "smoke: PASS|FAIL <what>" line per check.
set -uo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."
dist=im-dist/target/ucloud-im
log=$(mktemp)
check() { # check "<what>" <command...>
    local what=$1; shift
    if "$@" >/dev/null 2>&1; then echo "smoke: PASS $what"; else echo "smoke: FAIL $what"; fi
}
lists_files() { # $1: the banner's files/browse curl line; the first call also cold-starts the instance, which on a
    # loaded machine can outlast the stand-in's 5 s timeout (as UCloud's): asked again, a started instance answers
    local _
    for _ in 1 2 3 4 5; do
        bash -c "$1" | grep -q '"id":"/1/' && return 0
        sleep 1
    done
    return 1
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
check "the demo user's files are listed by an instance running as that user" lists_files "$browse"
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
    run_dir=$(grep -o 'database *SQLite in /[^ ]*' "$log" | grep -o '/.*' | sed 's|/state$||')
    copy=$(grep -o 'distribution *[^ ]*' "$log" | awk '{print $2}')
    check "started as root, IM/Server runs from a root-owned copy of the distribution in dev's own directory" \
        bash -c "[ '$copy' = '$run_dir/dist' ] && [ \"\$(stat -c %u '$copy' '$copy/lib' '$copy/bin/ucloud-im-user' | sort -u)\" = 0 ] \
            && ps -o args= -p '$server_pid' | grep -qF -- '-cp $copy/lib/*'"
    check "the built distribution's etc/config-dir is left alone (README step 1 copies it to /opt)" test ! -e "$dist/etc/config-dir"
    check "without --config-dir, the copy's sudoers reads the configuration its etc/config-dir names" \
        bash -c "'$copy/bin/ucloud-im' sudoers | grep -qF 'Cmnd_Alias' && '$copy/bin/ucloud-im' sudoers | grep -qF ' = $copy/bin/ucloud-im-user \"\"'"
    check "without --config-dir, the copy's haproxy-config reads the configuration its etc/config-dir names" \
        bash -c "'$copy/bin/ucloud-im' haproxy-config 2>&1 | grep -qF '$run_dir/etc/config.yml has gateway.type embedded'"
    check "IM/Server found the launcher reading its own configuration directory" bash -c "! grep -q 'but the launcher' '$log'"
    rule=$(grep -o 'rule in /etc/sudoers.d/[^ ]*' "$log" | awk '{print $3}')
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
if [ "$(id -u)" = 0 ]; then
    check "after Ctrl-C/SIGTERM, dev's sudo rule file and temporary directory are gone" \
        bash -c "[ -n '$rule' ] && [ -n '$run_dir' ] && [ ! -e '$rule' ] && [ ! -e '$run_dir' ]"
    check "after dev, the built distribution still has no etc/config-dir" test ! -e "$dist/etc/config-dir"
fi
echo "--- dev mode output ---"; cat "$log"; rm -f "$log"

# ./dev starts in seconds when nothing changed: no rebuild (scripts/dist-stale.sh decides; --help stops at once).
if why=$(scripts/dist-stale.sh); then
    echo "smoke: FAIL ./dev starts without rebuilding when nothing changed (not tried: the build is stale: $why)"
else
    help_out=$(./dev --help 2>&1)
    check "./dev starts without rebuilding when nothing changed" \
        bash -c "! grep -q '^dev: building' <<<\"\$1\" && grep -q '^Usage: ucloud-im dev' <<<\"\$1\"" _ "$help_out"
fi

# Killed with SIGKILL, dev cannot stop anything itself: IM/Server notices its standard input close and stops with its
# instance; dev's cleanup shell then removes the sudo rule file and the temporary directory. As root the run starts
# from a checkout in a 0700 directory whose parents another user owns, which dev must run from a root-owned copy.
from=$dist
hostile=""
if [ "$(id -u)" = 0 ]; then
    hostile=$(mktemp -d)
    mkdir -p "$hostile/checkout/im-dist/target"
    cp -a "$dist" "$hostile/checkout/im-dist/target/"
    chown -R nobody: "$hostile/checkout"
    from="$hostile/checkout/im-dist/target/ucloud-im"
fi
log=$(mktemp)
"$from/bin/ucloud-im" dev >"$log" 2>&1 &
dev_pid=$!
for _ in $(seq 1 600); do
    grep -q '^dev: ready' "$log" && break
    kill -0 "$dev_pid" 2>/dev/null || break
    sleep 0.2
done
where="from the built distribution"
[ -n "$hostile" ] && where="as root from a checkout in a 0700 directory owned by nobody"
check "dev gets ready $where" grep -q '^dev: ready' "$log"
browse=$(grep -o "curl -s -H 'ucloud-username: demo#0001'.*files/browse" "$log")
check "the demo user's files are listed by an instance ($where)" lists_files "$browse"
server_pid=""; instance_pids=""
for p in $(descendants "$dev_pid"); do
    ps -o args= -p "$p" | grep -q 'dk.sdu.im.server.ServerMain' && server_pid=$p
    ps -o args= -p "$p" | grep -q 'dk.sdu.im.user.UserMain' && instance_pids="$instance_pids $p"
done
run_dir=$(grep -o 'database *SQLite in /[^ ]*' "$log" | grep -o '/.*' | sed 's|/state$||')
rule=$(grep -o 'rule in /etc/sudoers.d/[^ ]*' "$log" | awk '{print $3}')
check "IM/Server and an instance run before dev is killed" bash -c "[ -n '$server_pid' ] && [ -n '$instance_pids' ] && [ -d '$run_dir' ]"
kill -KILL "$dev_pid" 2>/dev/null
wait "$dev_pid" 2>/dev/null
for _ in $(seq 1 600); do # up to 60 s for IM/Server to stop its instance and for the cleanup shell to finish
    left=""
    for p in $server_pid $instance_pids; do alive "$p" && left="$left $p"; done
    [ -z "$left" ] && [ ! -e "$run_dir" ] && { [ -z "$rule" ] || [ ! -e "$rule" ]; } && break
    sleep 0.1
done
check "killed with SIGKILL, dev's IM/Server stops cleanly with its instance" \
    bash -c "[ -z '$left' ] && grep -q 'standard input closed: the process that started IM/Server is gone; stopping' '$log'"
check "killed with SIGKILL, dev's temporary directory is removed" test ! -e "$run_dir"
if [ "$(id -u)" = 0 ]; then
    check "killed with SIGKILL, dev's sudo rule file is removed" bash -c "[ -n '$rule' ] && [ ! -e '$rule' ]"
fi
for p in $left; do kill -KILL "$p" 2>/dev/null; done
echo "--- dev mode output (killed with SIGKILL) ---"; cat "$log"; rm -f "$log"
[ -n "$hostile" ] && rm -rf "$hostile"
