#!/usr/bin/env bash
# Builds the local Confluent-compatible registry (Apicurio 2.4.2.Final as a Quarkus fast-jar) only
# when target/quarkus-app/quarkus-run.jar is missing or older than its build inputs, so tests and the
# demo launcher can call it every time. Prints one line either way; on failure prints the tail of the
# Maven log and exits non-zero. Extra arguments go to Maven (e.g. -o once dependencies are local).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
jar="$here/target/quarkus-app/quarkus-run.jar"
log="$here/target/registry-build.log"

up_to_date() {
  [[ -f "$jar" && "$jar" -nt "$here/pom.xml" && "$jar" -nt "$here/.mvn/maven.config" ]]
}

if up_to_date; then
  echo "registry: up to date: $jar"
  exit 0
fi

command -v mvn >/dev/null || { echo "registry: BUILD FAILED: mvn is not on PATH" >&2; exit 1; }
mkdir -p "$here/target"
# Two callers at once (tests and demo) must not build into the same target/ together.
exec 9>"$here/target/.build.lock"
if command -v flock >/dev/null; then flock 9; fi
if up_to_date; then
  echo "registry: up to date (built by a concurrent caller): $jar"
  exit 0
fi

started=$SECONDS
# cd so that Maven finds this folder's .mvn/maven.config (it sets the fast-jar package type).
# The old quarkus-app is removed first so that a failed build cannot leave a stale jar that looks new.
rm -rf "$here/target/quarkus-app"
if (cd "$here" && mvn -B -f pom.xml "$@" package) >"$log" 2>&1 && [[ -f "$jar" ]]; then
  echo "registry: built in $((SECONDS - started)) s: $jar"
else
  echo "registry: BUILD FAILED after $((SECONDS - started)) s (full log: $log); last lines:" >&2
  tail -n 40 "$log" >&2
  exit 1
fi
