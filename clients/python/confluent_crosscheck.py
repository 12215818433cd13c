#!/usr/bin/python3
"""Produce and consume inference-impact records with Confluent's own Python client.

Uses the legacy ``confluent_kafka.avro`` module (AvroProducer / AvroConsumer), which Debian ships as
python3-confluent-kafka. The Java integration tests drive this script to prove that the project's
serdes and Confluent's client read each other's bytes through a real broker and registry.

  produce: JSON lines on stdin -> Avro records on TOPIC (key = request/subject id, Avro string key)
  consume: Avro records from TOPIC -> JSON lines on stdout (COUNT records, or fail after TIMEOUT s)

Timestamps travel as epoch milliseconds in the JSON; fields whose schema is timestamp-millis are
turned into timezone-aware datetimes for the producer and back into milliseconds on consume.
"""
import argparse
import datetime
import json
import sys
import time

from confluent_kafka import avro
from confluent_kafka.avro import AvroConsumer, AvroProducer

EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)


def is_timestamp_millis(schema):
    return getattr(schema, "type", None) == "long" and \
        getattr(schema, "logical_type", None) == "timestamp-millis"


def field_schemas(schema):
    """Top-level field name -> its non-null schema (unwrapping ["null", X] unions)."""
    result = {}
    for field in schema.fields:
        s = field.type
        if s.type == "union":
            branches = [b for b in s.schemas if b.type != "null"]
            s = branches[0] if len(branches) == 1 else s
        result[field.name] = s
    return result


def to_avro_datum(record, schema):
    fields = field_schemas(schema)
    out = dict(record)
    for name, value in record.items():
        if value is not None and name in fields and is_timestamp_millis(fields[name]):
            out[name] = EPOCH + datetime.timedelta(milliseconds=value)
    return out


def to_json_value(value):
    if isinstance(value, datetime.datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=datetime.timezone.utc)
        return int(round((value - EPOCH).total_seconds() * 1000))
    if isinstance(value, dict):
        return {k: to_json_value(v) for k, v in value.items()}
    if isinstance(value, list):
        return [to_json_value(v) for v in value]
    return value


def produce(args):
    value_schema = avro.load(args.schema)
    key_schema = avro.loads('"string"')
    producer = AvroProducer(
        {"bootstrap.servers": args.bootstrap, "schema.registry.url": args.registry,
         "enable.idempotence": True},
        default_key_schema=key_schema, default_value_schema=value_schema)
    count = 0
    for line in sys.stdin:
        line = line.strip()
        if not line:
            continue
        record = json.loads(line)
        key = record.get(args.key_field) if args.key_field else None
        producer.produce(topic=args.topic, key=key, value=to_avro_datum(record, value_schema))
        count += 1
    remaining = producer.flush(args.timeout)
    if remaining:
        sys.exit(f"{remaining} record(s) not delivered within {args.timeout}s")
    print(f"produced {count}", file=sys.stderr)


def consume(args):
    consumer = AvroConsumer({
        "bootstrap.servers": args.bootstrap, "schema.registry.url": args.registry,
        "group.id": args.group, "auto.offset.reset": "earliest", "enable.auto.commit": False})
    consumer.subscribe([args.topic])
    deadline = time.monotonic() + args.timeout
    received = 0
    try:
        while received < args.count:
            if time.monotonic() > deadline:
                sys.exit(f"received {received} of {args.count} record(s) within {args.timeout}s")
            message = consumer.poll(0.5)
            if message is None:
                continue
            if message.error():
                sys.exit(f"consumer error: {message.error()}")
            print(json.dumps({"key": to_json_value(message.key()),
                              "value": to_json_value(message.value())}, sort_keys=True), flush=True)
            received += 1
    finally:
        consumer.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    for name in ("produce", "consume"):
        p = sub.add_parser(name)
        p.add_argument("--bootstrap", required=True)
        p.add_argument("--registry", required=True, help="Confluent-compatible base URL")
        p.add_argument("--topic", required=True)
        p.add_argument("--timeout", type=float, default=30.0)
    sub.choices["produce"].add_argument("--schema", required=True, help=".avsc file of the value")
    sub.choices["produce"].add_argument("--key-field", default=None)
    sub.choices["consume"].add_argument("--count", type=int, required=True)
    sub.choices["consume"].add_argument("--group", default="confluent-crosscheck")
    args = parser.parse_args()
    produce(args) if args.command == "produce" else consume(args)


if __name__ == "__main__":
    main()
