#!/usr/bin/env bash
# Reads every Surefire XML report of this build. Without arguments prints "passed failed skipped";
# with --skipped lists each skipped test with its reason, so nothing is skipped silently.
cd "$(dirname "$(readlink -f "$0")")/.."
shopt -s nullglob
reports=(*/target/surefire-reports/TEST-*.xml)
if [ "${1:-}" = "--skipped" ]; then
    for report in "${reports[@]}"; do
        # a skipped test is a <testcase ...> line followed by a <skipped message="..."/> line
        awk '/<testcase /{match($0,/name="[^"]*"/); name=substr($0,RSTART+6,RLENGTH-7);
                          match($0,/classname="[^"]*"/); cls=substr($0,RSTART+11,RLENGTH-12)}
             /<skipped/{msg="no reason given"; if (match($0,/message="[^"]*"/)) msg=substr($0,RSTART+9,RLENGTH-10);
                        else if (match($0,/Assumption failed: .*/)) msg=substr($0,RSTART+19);
                        print "test: skipped " cls "." name ": " msg}' "$report"
    done
    exit 0
fi
tests=0; failures=0; errors=0; skipped=0
for report in "${reports[@]}"; do
    line=$(grep -m1 '<testsuite ' "$report")
    for attr in tests failures errors skipped; do
        value=$(echo "$line" | grep -o " $attr=\"[0-9]*\"" | grep -o '[0-9]*')
        eval "$attr=\$(( $attr + ${value:-0} ))"
    done
done
echo "$((tests - failures - errors - skipped)) $((failures + errors)) $skipped"
