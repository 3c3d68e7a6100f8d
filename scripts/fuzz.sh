#!/usr/bin/env bash
# Coverage-guided fuzzing of the parsers that read untrusted bytes (docs/fuzzing.md): runs each Jazzer fuzz target
# in fuzzing mode for a bounded time, one Maven run per target (Jazzer fuzzes one target per JVM).
#   scripts/fuzz.sh [SECONDS_PER_TARGET [TOTAL_SECONDS]]
# SECONDS_PER_TARGET defaults to 50. TOTAL_SECONDS bounds the whole run, Maven's and Jazzer's start-up included, and
# defaults to 4 targets x (SECONDS_PER_TARGET + 25): 300 s with the default. On a slow or busy machine the targets
# still to run get shorter (never under 10 s each), so the run keeps to it; the line of a shortened target says so.
# Prints "fuzz: PASS <target> ..." or "fuzz: FAIL <target>: ..." per target, then "fuzz: N passed, N failed";
# exits 1 if any target found something (or could not run). A finding's input is left where Jazzer writes it, in the
# target's seed directory <module>/src/test/resources/<package>/<Class>Inputs/<method>/ (crash-<sha1> or
# timeout-<sha1>), where the normal build runs it as a regression test; the line names the file. Nothing tracked by
# git changes otherwise: logs go to build-logs/fuzz-<method>.log, and the corpus Jazzer grows stays in
# <module>/.cifuzz-corpus/ (ignored), from which a later run on the same machine goes on. Offline, like ./test.
set -uo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."
. im-dist/src/main/dist/bin/find-java.sh
find_java || exit 1

seconds=${1:-50}
total=${2:-$((4 * (seconds + 25)))}
if ! [[ "$seconds" =~ ^[1-9][0-9]{0,5}$ && "$total" =~ ^[1-9][0-9]{0,6}$ ]]; then
    echo "usage: scripts/fuzz.sh [SECONDS_PER_TARGET [TOTAL_SECONDS]]   (whole seconds; defaults 50 and 300)" >&2
    exit 2
fi

# module, test class, fuzz test method
targets=(
    "im-gateway dk.sdu.im.gateway.RequestHeadFuzzTest requestHead"
    "im-gateway dk.sdu.im.gateway.ChunkedBodyFuzzTest chunkedBody"
    "im-api dk.sdu.im.api.http.WebSocketFrameFuzzTest clientFrames"
    "im-ipc dk.sdu.im.ipc.IpcFrameFuzzTest frames"
)
mkdir -p build-logs

echo "fuzz: compiling the fuzz tests (log: build-logs/fuzz-build.log)"
if ! ./mvnw -B -o -q test-compile -pl im-gateway,im-api,im-ipc -am >build-logs/fuzz-build.log 2>&1; then
    tail -20 build-logs/fuzz-build.log
    echo "fuzz: FAIL build: the fuzz tests do not compile; see build-logs/fuzz-build.log"
    echo "fuzz: 0 passed, ${#targets[@]} failed"
    exit 1
fi

marker=$(mktemp)
trap 'rm -f "$marker"' EXIT
passed=0
failed=0
remaining=${#targets[@]}
overhead=15    # seconds a target's run takes beyond its fuzzing; measured from each run for the next
for target in "${targets[@]}"; do
    read -r module class method <<<"$target"
    # This target's share of what is left of the budget, less the start-up it will need.
    share=$(( (total - SECONDS) / remaining - overhead ))
    duration=$(( share < seconds ? share : seconds ))
    duration=$(( duration < 10 ? 10 : duration ))
    started=$SECONDS
    package_dir=$(dirname "${class//.//}")
    inputs="$module/src/test/resources/$package_dir/${class##*.}Inputs/$method"
    log="build-logs/fuzz-$method.log"
    touch "$marker"
    # The guard ends only a run that did not end itself (Maven or the JVM stuck); a hanging input is Jazzer's to
    # catch (@Timeout of the fuzz test, 10 s per input). JUnit's own timeouts would count the whole run, so they are
    # off here.
    JAZZER_FUZZ=1 timeout --kill-after=30 $((duration + 180)) \
        ./mvnw -B -o test -pl "$module" -am -Dtest="$class#$method" -Dsurefire.failIfNoSpecifiedTests=false \
        -Djazzer.max_duration="${duration}s" -Djunit.jupiter.execution.timeout.mode=disabled >"$log" 2>&1
    rc=$?
    remaining=$((remaining - 1))
    overhead=$(( SECONDS - started - duration > 0 ? SECONDS - started - duration : 0 ))
    shortened=""
    [ "$duration" -lt "$seconds" ] && shortened=" (shortened from ${seconds} s to keep within ${total} s)"
    findings=$(find "$inputs" "$module" -maxdepth 1 -type f -newer "$marker" \
        \( -name 'crash-*' -o -name 'timeout-*' -o -name 'slow-unit-*' -o -name 'oom-*' -o -name 'leak-*' \) 2>/dev/null)
    runs=$(sed -n 's/^Done \([0-9]*\) runs in \([0-9]*\) second.*/\1 runs in \2 s/p' "$log" | tail -1)
    if [ -n "$findings" ]; then
        echo "fuzz: FAIL $method ($module): found $(echo "$findings" | tr '\n' ' ')(log: $log)"
        grep -m1 -A4 -E 'FuzzTestFindingException|== Java Exception|ERROR: libFuzzer' "$log" | sed 's/^/fuzz:   /'
        failed=$((failed + 1))
    elif [ "$rc" -ne 0 ]; then
        echo "fuzz: FAIL $method ($module): Maven exited with $rc and left no finding; see $log"
        grep -E '^\[ERROR\]' "$log" | head -5 | sed 's/^/fuzz:   /'
        failed=$((failed + 1))
    elif [ -z "$runs" ]; then
        echo "fuzz: FAIL $method ($module): the target was not fuzzed; see $log"
        failed=$((failed + 1))
    else
        echo "fuzz: PASS $method ($module): $runs, no finding$shortened"
        passed=$((passed + 1))
    fi
done
echo "fuzz: ${passed} passed, ${failed} failed"
[ "$failed" -eq 0 ]
