#!/usr/bin/env bash
# Starts a single-node KRaft Kafka (broker + controller) on 127.0.0.1: writes server.properties,
# formats the data folder on first start, then runs kafka.Kafka in the foreground.
set -euo pipefail
port="${KAFKA_PORT:-9092}"
controller="${KAFKA_CONTROLLER_PORT:-9093}"
host="${KAFKA_ADVERTISED_HOST:-127.0.0.1}"
data="${KAFKA_DATA_DIR:-/var/lib/kafka/data}"
config=/var/lib/kafka/server.properties
classpath='/opt/kafka/libs/*'
logging=-Dlogback.configurationFile=/opt/kafka/config/logback.xml

cat > "$config" <<PROPERTIES
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:${controller}
listeners=PLAINTEXT://${KAFKA_LISTEN_HOST:-127.0.0.1}:${port},CONTROLLER://127.0.0.1:${controller}
advertised.listeners=PLAINTEXT://${host}:${port}
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
log.dirs=${data}
num.partitions=1
auto.create.topics.enable=false
# One broker: every internal topic with replication factor 1 (exactly-once needs the
# transaction state log).
offsets.topic.replication.factor=1
offsets.topic.num.partitions=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
PROPERTIES

if [ ! -f "$data/meta.properties" ]; then
  # A random cluster id (16 bytes, URL-safe base64 without padding, as StorageTool random-uuid).
  cluster_id="${KAFKA_CLUSTER_ID:-$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | cut -c1-22)}"
  java "$logging" -cp "$classpath" kafka.tools.StorageTool format -t "$cluster_id" -c "$config"
fi
exec java "$logging" -cp "$classpath" kafka.Kafka "$config"
