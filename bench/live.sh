#!/usr/bin/env bash
# The live benchmark against a real broker (BENCHMARKS.md, section "Live (real broker)").
# Options go to io.inferenceimpact.bench.live.LiveBenchmark; e.g.
#   bench/live.sh                                   # backlog: 16 GPUs, 50 requests/s, 2 simulated min
#   bench/live.sh --gpus 128 --rps 300 --minutes 10 # the fleet of issue 16
#   bench/live.sh --rate 150 --seconds 300          # open loop: 150 requests/s in real time
# Build first: mvn -B -Pbench -pl bench -am package -DskipTests
set -euo pipefail
cd "$(dirname "$0")/.."
jar=bench/target/benchmarks.jar
registry=deploy/registry/target/quarkus-app/quarkus-run.jar
if [[ ! -f $jar ]]; then
  echo "missing $jar: mvn -B -Pbench -pl bench -am package -DskipTests" >&2
  exit 1
fi
if [[ ! -f $registry ]]; then
  echo "missing $registry: bash deploy/registry/build.sh" >&2
  exit 1
fi
exec java -Xms1g -Xmx1g -Djava.io.tmpdir=bench/target/live-tmp -cp "$jar" \
  io.inferenceimpact.bench.live.LiveBenchmark "$@"
