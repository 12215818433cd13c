#!/usr/bin/python3
"""Subscribe to inference-impact alerts (impact.alerts.v1) with Confluent's Python client.

An example for schedulers, FinOps tools and on-call bots: prints one line per alert,

  FIRING   CRITICAL dirty-grid model=llama-3.1-70b,zone=DE: llama-3.1-70b in DE: grid at ...

or, with --show-id, the same line after the episode's alert_id (equal on its FIRING and RESOLVED).

Values are Avro in the Confluent wire format; the writer schema comes from the Schema Registry by
the id in each record. Uses the legacy ``confluent_kafka.avro`` module that Debian ships as
python3-confluent-kafka (1.7.0): its CachedSchemaRegistryClient and MessageSerializer decode the
values. Not its AvroConsumer: that decodes keys as Avro too, and the service writes plain UTF-8
keys ("rule|subject"). Tombstones (null values left by compaction) carry no state change and are
skipped. Only committed records are read (the service writes with exactly-once transactions).

  /usr/bin/python3 clients/python/alert_subscriber.py --bootstrap 127.0.0.1:9092 \\
      --registry http://127.0.0.1:8081 --from-beginning --max-messages 10 --timeout 60
"""
import argparse
import sys
import time

from confluent_kafka import Consumer, KafkaError
from confluent_kafka.avro import CachedSchemaRegistryClient
from confluent_kafka.avro.serializer import SerializerError
from confluent_kafka.avro.serializer.message_serializer import MessageSerializer


def line(alert):
    """The one-line form: status, severity, rule, subject, summary."""
    return "{:<8} {:<8} {} {}: {}".format(
        alert["status"], alert["severity"], alert["rule"], alert["subject"], alert["summary"])


def line_with_id(alert):
    """The one-line form after the episode's alert_id, to pair a FIRING with its RESOLVED."""
    return "{} {}".format(alert["alert_id"], line(alert))


def subscribe(args):
    registry = CachedSchemaRegistryClient({"url": args.registry})
    values = MessageSerializer(registry)
    consumer = Consumer({
        "bootstrap.servers": args.bootstrap,
        "group.id": args.group,
        "auto.offset.reset": "earliest" if args.from_beginning else "latest",
        "isolation.level": "read_committed",
        "enable.auto.commit": True,
    })
    consumer.subscribe([args.topic])
    deadline = None if args.timeout is None else time.monotonic() + args.timeout
    received = 0
    try:
        while args.max_messages is None or received < args.max_messages:
            if deadline is not None and time.monotonic() >= deadline:
                print(f"stopped after {args.timeout}s with {received} alert(s)", file=sys.stderr)
                break
            message = consumer.poll(0.5)
            if message is None:
                continue
            if message.error():
                if message.error().code() == KafkaError._PARTITION_EOF:
                    continue
                sys.exit(f"consumer error: {message.error()}")
            if message.value() is None:
                continue  # tombstone: see the module comment
            try:
                alert = values.decode_message(message.value(), is_key=False)
            except SerializerError as e:
                print(f"skipped undecodable record at partition {message.partition()} offset "
                      f"{message.offset()}: {e}", file=sys.stderr)
                continue
            print(line_with_id(alert) if args.show_id else line(alert), flush=True)
            received += 1
    except KeyboardInterrupt:
        pass
    finally:
        consumer.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bootstrap", default="127.0.0.1:9092", help="Kafka bootstrap servers")
    parser.add_argument("--registry", default="http://127.0.0.1:8081",
                        help="Schema Registry base URL (Confluent API)")
    parser.add_argument("--topic", default="impact.alerts.v1")
    parser.add_argument("--group", default="impact-alert-subscriber", help="consumer group id")
    parser.add_argument("--from-beginning", action="store_true",
                        help="a new group starts with the alerts already in the topic")
    parser.add_argument("--max-messages", type=int, default=None,
                        help="stop after this many alerts")
    parser.add_argument("--timeout", type=float, default=None, help="stop after this many seconds")
    parser.add_argument("--show-id", action="store_true",
                        help="start each line with the episode's alert_id")
    subscribe(parser.parse_args())


if __name__ == "__main__":
    main()
