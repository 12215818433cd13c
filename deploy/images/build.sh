#!/usr/bin/env bash
# Builds every image the system test runs, locally and without pulling anything (no container
# registry is needed): a Debian 12 base made with debootstrap and imported, a Java 17 runtime on
# it, the service image (deploy/Dockerfile with that runtime as BASE_IMAGE), a single-node Kafka
# from the broker jars Maven resolved, and Prometheus from the Debian package.
#
#   deploy/images/build.sh          # needs a running engine (DOCKER_HOST) and the packaged
#                                   # application (topology/app/target/inference-impact.jar + lib/)
#
# Images that exist are rebuilt from the layer cache in seconds; the base is made once per engine.
# Tags (fixed, local only): see the variables below.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"

DEBIAN_IMAGE=local/debian:bookworm
JRE_IMAGE=local/inference-impact-jre:17
SERVICE_IMAGE=local/inference-impact:dev
KAFKA_IMAGE=local/inference-impact-kafka:4.4.0
PROMETHEUS_IMAGE=local/inference-impact-prometheus:2.42

say() { printf '[images] %s\n' "$*" >&2; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
die() { printf '[images] ERROR: %s\n' "$*" >&2; exit 1; }

docker_cli="$(command -v docker || true)"
[ -x /usr/bin/docker ] && docker_cli=/usr/bin/docker
[ -n "$docker_cli" ] || die "no docker command (install docker.io)"
docker() { "$docker_cli" "$@"; }
docker info >/dev/null 2>&1 || die "the Docker engine at ${DOCKER_HOST:-the default socket} does not answer (docker info failed)"

[ -f topology/app/target/inference-impact.jar ] && [ -d topology/app/target/lib ] \
  || die "topology/app/target/inference-impact.jar or its lib/ is missing: package the application first (mvn -DskipTests package -pl topology/app -am)"

mkdir -p "$root/target/docker"
exists() { docker image inspect "$1" >/dev/null 2>&1; }

# The classic builder with host networking (the engine has no bridge); --pull=false: FROM names
# only images made here. build TAG DOCKERFILE CONTEXT [ARG=VALUE ...]; CONTEXT "-": none (the
# Dockerfile alone is sent).
build() {
  local tag="$1" dockerfile="$2" context="$3"; shift 3
  local started=$SECONDS args=() log="$root/target/docker/build-${tag//[\/:]/_}.log"
  for arg in "$@"; do args+=(--build-arg "$arg"); done
  if [ "$context" = - ]; then
    DOCKER_BUILDKIT=0 docker build --pull=false --network host -q -t "$tag" "${args[@]}" - \
      < "$dockerfile" > "$log" 2>&1
  else
    DOCKER_BUILDKIT=0 docker build --pull=false --network host -q -t "$tag" "${args[@]}" \
      -f "$dockerfile" "$context" > "$log" 2>&1
  fi || die "building $tag failed: $(tail -n 20 "$log")"
  say "built $tag in $((SECONDS - started)) s"
}

if ! exists "$DEBIAN_IMAGE"; then
  command -v debootstrap >/dev/null 2>&1 || die "debootstrap is missing (apt-get install debootstrap)"
  rootfs="$root/target/docker/rootfs"
  if [ ! -f "$rootfs/.complete" ]; then
    as_root rm -rf "$rootfs"
    say "making the Debian 12 base with debootstrap (about a minute)"
    as_root debootstrap --variant=minbase bookworm "$rootfs" "${DEBIAN_MIRROR:-http://deb.debian.org/debian}" \
      > "$root/target/docker/debootstrap.log" 2>&1 \
      || die "debootstrap failed; see target/docker/debootstrap.log"
    # As Debian's own images: no service starts during package installation, no docs.
    printf '#!/bin/sh\nexit 101\n' | as_root tee "$rootfs/usr/sbin/policy-rc.d" >/dev/null
    as_root chmod 0755 "$rootfs/usr/sbin/policy-rc.d"
    printf 'path-exclude /usr/share/doc/*\npath-exclude /usr/share/man/*\npath-exclude /usr/share/locale/*\n' \
      | as_root tee "$rootfs/etc/dpkg/dpkg.cfg.d/excludes" >/dev/null
    as_root find "$rootfs/var/cache/apt/archives" "$rootfs/var/lib/apt/lists" -type f -delete
    as_root touch "$rootfs/.complete"
  fi
  as_root tar -C "$rootfs" --exclude=./.complete -c . | docker import - "$DEBIAN_IMAGE" >/dev/null \
    || die "docker import of the Debian base failed"
  say "imported $DEBIAN_IMAGE"
fi

# The two images on the Debian base side by side (mostly package downloads).
build "$PROMETHEUS_IMAGE" deploy/images/prometheus/Dockerfile - DEBIAN_IMAGE="$DEBIAN_IMAGE" &
prometheus_build=$!
build "$JRE_IMAGE" deploy/images/jre/Dockerfile - DEBIAN_IMAGE="$DEBIAN_IMAGE"
wait "$prometheus_build" || die "building $PROMETHEUS_IMAGE failed"
build "$KAFKA_IMAGE" deploy/images/kafka/Dockerfile . BASE_IMAGE="$JRE_IMAGE"
build "$SERVICE_IMAGE" deploy/Dockerfile . BASE_IMAGE="$JRE_IMAGE"
# Earlier builds' images that lost their tag (and the first stage of deploy/Dockerfile).
docker image prune -f >/dev/null 2>&1 || true
