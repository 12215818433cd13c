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

# The Docker engine of the container system test. No image is ever pulled (no registry may be
# reachable): deploy/images/build.sh makes every image locally. An engine DOCKER_HOST already names
# is used as it is; otherwise one is started for this run with its state under target/docker/
# (ignored by git), host networking only, and machine_docker_stop ends it. Sets DOCKER_HOST.
MACHINE_DOCKER_PID=""
MACHINE_DOCKER_ROOTS=()
machine_docker_cli() {
  if [ -x /usr/bin/docker ]; then /usr/bin/docker "$@"; else docker "$@"; fi
}

machine_docker_start() {
  local root="$1" missing=()
  command -v dockerd >/dev/null 2>&1 || [ -x /usr/sbin/dockerd ] || missing+=(docker.io)
  command -v debootstrap >/dev/null 2>&1 || [ -x /usr/sbin/debootstrap ] || missing+=(debootstrap)
  if [ "${#missing[@]}" -gt 0 ]; then machine_apt_install "${missing[@]}"; fi
  if [ -n "${DOCKER_HOST:-}" ] && machine_docker_cli info >/dev/null 2>&1; then
    machine_say "using the Docker engine at $DOCKER_HOST"
    return 0
  fi
  local dir="$root/target/docker"
  mkdir -p "$dir"
  export DOCKER_HOST="unix://$dir/docker.sock"
  if [ -S "$dir/docker.sock" ] && machine_docker_cli info >/dev/null 2>&1; then
    machine_say "using the Docker engine already running at $DOCKER_HOST"
    return 0
  fi
  # containerd's sockets live under the exec root: keep its path short (unix sockets: 108 bytes).
  local exec_root="$dir/exec"
  if [ "${#exec_root}" -gt 60 ]; then
    exec_root="/tmp/impact-docker-$(printf '%s' "$root" | cksum | cut -d' ' -f1)"
  fi
  local dockerd
  dockerd="$(command -v dockerd || echo /usr/sbin/dockerd)"
  machine_say "starting the Docker engine (state in target/docker, host networking only)"
  rm -f "$dir/docker.sock" "$dir/dockerd.pid"
  # Not root: the socket belongs to this user's group, so that docker and the tests can use it.
  local group=()
  [ "$(id -u)" = 0 ] || group=(--group "$(id -gn)")
  machine_as_root "$dockerd" "${group[@]}" --iptables=false --ip6tables=false --bridge=none --ip-forward=false \
    --ip-masq=false --data-root "$dir/data" --exec-root "$exec_root" --pidfile "$dir/dockerd.pid" \
    -H "$DOCKER_HOST" > "$dir/dockerd.log" 2>&1 &
  MACHINE_DOCKER_PID=$!
  MACHINE_DOCKER_ROOTS=("$dir/data" "$exec_root")
  local waited=0
  until machine_docker_cli info >/dev/null 2>&1; do
    if [ "$waited" -ge 60 ] || ! kill -0 "$MACHINE_DOCKER_PID" 2>/dev/null; then
      machine_die "the Docker engine did not start (the container system test needs it); last lines of target/docker/dockerd.log:
$(tail -n 15 "$dir/dockerd.log" 2>/dev/null)"
    fi
    sleep 0.5
    waited=$((waited + 1))
  done
  MACHINE_DOCKER_PID="$(cat "$dir/dockerd.pid" 2>/dev/null || echo "$MACHINE_DOCKER_PID")"
  machine_say "Docker engine ready (pid $MACHINE_DOCKER_PID)"
}

# Stops the engine machine_docker_start started (its containers stop with it); nothing otherwise.
# Safe to call from an EXIT trap set before machine_docker_start.
machine_docker_stop() {
  [ -n "$MACHINE_DOCKER_PID" ] || return 0
  local pid="$MACHINE_DOCKER_PID" waited=0
  MACHINE_DOCKER_PID=""
  machine_as_root kill -TERM "$pid" 2>/dev/null || return 0
  while kill -0 "$pid" 2>/dev/null && [ "$waited" -lt 60 ]; do sleep 0.5; waited=$((waited + 1)); done
  if kill -0 "$pid" 2>/dev/null; then machine_as_root kill -KILL "$pid" 2>/dev/null || true; fi
  # The engine leaves its network namespace mounted under the exec root: unmount what is left
  # under its folders, so that target/ can be deleted.
  local root mount
  for root in "${MACHINE_DOCKER_ROOTS[@]}"; do
    while read -r mount; do
      machine_as_root umount "$mount" 2>/dev/null || machine_as_root umount -l "$mount" 2>/dev/null || true
    done < <(awk -v r="$root/" 'index($2, r) == 1 { print $2 }' /proc/mounts | sort -r)
  done
  machine_say "Docker engine stopped"
}
