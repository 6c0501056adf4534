# shellcheck shell=bash
# Sourced by ./bookstore, .ci/run and deploy/kind/up.sh: puts a JDK 21 or newer first on the
# PATH and in JAVA_HOME (which ./mvnw uses), or stops with what to install. The build compiles
# for Java 21 and the services run on JDK 25; a machine's default java may be older.
# Looks at JAVA_HOME, then Temurin 25 where Adoptium's Debian package puts it, then the java on the PATH.

# The feature release of the JDK at $1: 25 for 'openjdk version "25.0.1"', 1 for "1.8.0_392".
jdk_feature_version() {
    local banner
    banner=$("$1/bin/java" -version 2>&1) || return 0
    [[ "$banner" =~ version\ \"([0-9]+) ]] && echo "${BASH_REMATCH[1]}"
}

use_jdk() {
    local minimum=21 candidate version
    local candidates=()
    [[ -n "${JAVA_HOME:-}" ]] && candidates+=("$JAVA_HOME")
    candidates+=(/usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-25-jdk-arm64)
    if command -v java > /dev/null; then
        candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
    fi
    for candidate in "${candidates[@]}"; do
        [[ -x "$candidate/bin/java" && -x "$candidate/bin/javac" ]] || continue
        version=$(jdk_feature_version "$candidate")
        if [[ -n "$version" && "$version" -ge "$minimum" ]]; then
            export JAVA_HOME="$candidate"
            export PATH="$JAVA_HOME/bin:$PATH"
            return 0
        fi
    done
    echo "No JDK $minimum or newer found (looked at JAVA_HOME, /usr/lib/jvm/temurin-25-jdk-*, and java on the PATH)." >&2
    echo "Install JDK 25 (for example Temurin 25: https://adoptium.net) and set JAVA_HOME to it." >&2
    return 1
}
