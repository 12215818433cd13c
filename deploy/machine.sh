# Shared by ./impact and ./run-tests (sourced, not run): makes sure this machine has what the
# project needs, installing Debian packages as root (or through sudo) when something is missing.
# Every function is cheap when everything is already there.

machine_say() { printf '[%s] %s\n' "${MACHINE_TOOL:-setup}" "$*" >&2; }
machine_die() { printf '[%s] ERROR: %s\n' "${MACHINE_TOOL:-setup}" "$*" >&2; exit 1; }

machine_as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else machine_die "need root (or sudo) to run: $*"; fi
}

MACHINE_APT_UPDATED=0
machine_apt_install() {
  command -v apt-get >/dev/null 2>&1 \
    || machine_die "missing: $* (no apt-get here: install them with your package manager)"
  if [ "$MACHINE_APT_UPDATED" = 0 ]; then
    machine_as_root apt-get update -q >/dev/null || machine_die "apt-get update failed"
    MACHINE_APT_UPDATED=1
  fi
  machine_say "installing Debian packages: $*"
  DEBIAN_FRONTEND=noninteractive machine_as_root apt-get install -y -q --no-install-recommends "$@" \
    >/dev/null || machine_die "apt-get install $* failed"
}

# A JDK of version 17 or newer and Maven.
machine_ensure_toolchain() {
  local missing=()
  command -v javac >/dev/null 2>&1 || missing+=(openjdk-17-jdk-headless)
  command -v mvn >/dev/null 2>&1 || missing+=(maven)
  if [ "${#missing[@]}" -gt 0 ]; then machine_apt_install "${missing[@]}"; fi
  local version
  version="$(java -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = //p' | head -n 1)"
  version="${version#1.}"
  [[ "$version" =~ ^[0-9]+$ ]] || machine_die "cannot tell the Java version of $(command -v java)"
  (( version >= 17 )) || machine_die "Java 17 or newer is needed, found Java $version at $(command -v java)"
}

# The local Confluent-compatible Schema Registry (built from Maven Central, once).
machine_ensure_registry() {
  bash "$1/deploy/registry/build.sh" >&2 || machine_die "building the local Schema Registry failed"
}
