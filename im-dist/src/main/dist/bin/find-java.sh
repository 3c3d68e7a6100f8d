# Sourced, not run. Sets JAVA to a JDK 25 java: $JAVA_HOME when it is 25 or newer, else the Temurin 25 path
# these machines have. Prints one clear line and returns 1 when there is none.
find_java() {
    local candidate version
    for candidate in "${JAVA_HOME:+$JAVA_HOME/bin/java}" /usr/lib/jvm/temurin-25-jdk-amd64/bin/java; do
        [ -n "$candidate" ] && [ -x "$candidate" ] || continue
        version=$("$candidate" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
        if [ -n "$version" ] && [ "${version%%.*}" -ge 25 ] 2>/dev/null; then
            JAVA="$candidate"
            JAVA_HOME="$(cd "$(dirname "$candidate")/.." && pwd)"
            export JAVA_HOME
            return 0
        fi
    done
    echo "ucloud-im: no JDK 25 found. Set JAVA_HOME to a JDK 25 (for example /usr/lib/jvm/temurin-25-jdk-amd64);" \
         "JAVA_HOME=${JAVA_HOME:-unset} is not one." >&2
    return 1
}
