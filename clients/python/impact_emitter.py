#!/usr/bin/python3
"""Send inference-impact's InferenceRequest events from a Python serving stack.

Built on Confluent's Python client (confluent_kafka; its legacy ``confluent_kafka.avro`` registry
client and serializer), so the values are in the Confluent wire format and their schema is
registered in the Schema Registry like any Confluent producer's.

    emitter = ImpactEmitter(bootstrap="kafka:9092", registry_url="http://registry:8081",
                            node="gpu-node-3", gpu_uuids=gpu_uuids_from_environment())
    emitter.emit_finished(request_id=resp["id"], model=resp["model"], usage=resp["usage"],
                          start=t_start, end=time.time(), first_token=t_first)
    emitter.flush()

Keys and defaults match the Java helper (ImpactProducer): key = request id (UTF-8), Kafka
timestamp = end time, idempotent producer with acks=all, batching and zstd compression.

Each kind of event is one entry of EVENTS (schema file, default topic, key field, event-time
field); a new event type of the schemas (e.g. a request-started event) becomes a new entry and a
method that builds its record and calls ``_send``.

Run as a program it reads JSON lines (``{"request_id", "model", "usage", "start", "end", ...}``,
times in epoch seconds) on stdin and emits each; tests and shell pipelines use that.
"""
import argparse
import datetime
import json
import os
import sys

from confluent_kafka import Producer
from confluent_kafka import avro
from confluent_kafka.avro import CachedSchemaRegistryClient
from confluent_kafka.avro.serializer.message_serializer import MessageSerializer

UTC = datetime.timezone.utc
SCHEMA_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                          "..", "..", "schemas", "src", "main", "avro")

# event name -> (schema file, default topic, key field, event-time field)
EVENTS = {
    "finished": ("InferenceRequest.avsc", "inference.requests.v1", "request_id", "end_time"),
}

PRODUCER_DEFAULTS = {
    "enable.idempotence": True,
    "acks": "all",
    "linger.ms": 20,
    "batch.size": 65536,
    "compression.type": "zstd",
}

STATUSES = ("OK", "ERROR", "CANCELLED")


def to_datetime(value):
    """A timezone-aware UTC datetime from a datetime or epoch seconds (time.time())."""
    if isinstance(value, datetime.datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if isinstance(value, (int, float)):
        return datetime.datetime.fromtimestamp(value, tz=UTC)
    raise TypeError("a time must be a datetime or epoch seconds, got %r" % (value,))


def epoch_millis(value):
    return int(round(to_datetime(value).timestamp() * 1000))


def usage_tokens(usage):
    """(input, output, cached or None) from an OpenAI-style usage block.

    prompt_tokens and completion_tokens as OpenAI, vLLM and TGI's OpenAI API report them;
    prompt_tokens_details.cached_tokens when the server reports prefix-cache hits.
    """
    if not isinstance(usage, dict) or "prompt_tokens" not in usage:
        raise ValueError("usage must be an OpenAI-style block with prompt_tokens, got %r" % (usage,))
    input_tokens = int(usage["prompt_tokens"])
    output_tokens = int(usage.get("completion_tokens") or 0)
    details = usage.get("prompt_tokens_details") or {}
    cached = details.get("cached_tokens")
    if input_tokens < 0 or output_tokens < 0:
        raise ValueError("token counts must not be negative: %r" % (usage,))
    return input_tokens, output_tokens, (int(cached) if cached is not None else None)


def gpu_uuids_from_environment(environ=None, nvml=None):
    """UUIDs of the GPUs this process may use, matching GpuSample.gpu_uuid.

    CUDA_VISIBLE_DEVICES may list UUIDs (GPU-..., or MIG-GPU-<uuid>/<gi>/<ci>, whose board is
    GPU-<uuid>) or indices; indices are resolved through NVML (pynvml) when it is installed.
    Without CUDA_VISIBLE_DEVICES, every GPU NVML sees. Returns [] when nothing is known (the
    service then attributes by node).
    """
    environ = os.environ if environ is None else environ
    visible = environ.get("CUDA_VISIBLE_DEVICES")
    entries = [e.strip() for e in visible.split(",") if e.strip()] if visible else []
    if visible is not None and not entries:
        return []
    uuids = []
    unresolved = []
    for entry in entries:
        if entry.startswith("GPU-"):
            uuids.append(entry)
        elif entry.startswith("MIG-GPU-"):
            uuids.append(entry[len("MIG-"):].split("/")[0])
        else:
            unresolved.append(entry)
    if unresolved or not entries:
        by_index = _nvml_uuids(nvml)
        if by_index is None:
            return uuids
        if not entries:
            return by_index
        for entry in unresolved:
            if entry.isdigit() and int(entry) < len(by_index):
                uuids.append(by_index[int(entry)])
    return uuids


def _nvml_uuids(nvml=None):
    try:
        if nvml is None:
            import pynvml as nvml  # optional: nvidia-ml-py
        nvml.nvmlInit()
        try:
            result = []
            for i in range(nvml.nvmlDeviceGetCount()):
                uuid = nvml.nvmlDeviceGetUUID(nvml.nvmlDeviceGetHandleByIndex(i))
                result.append(uuid.decode() if isinstance(uuid, bytes) else uuid)
            return result
        finally:
            nvml.nvmlShutdown()
    except Exception:  # no NVML, no driver, no GPU: the UUIDs stay unknown
        return None


def finished_request(request_id, model, usage, start, end, first_token=None, status="OK",
                     node=None, gpu_uuids=(), deployment=None, zone=None, tenant=None,
                     provider=None, task="text-generation", attributes=None):
    """The InferenceRequest record (a dict in the Avro schema's field names) of one request."""
    if not request_id:
        raise ValueError("request_id is required")
    if not model:
        raise ValueError("model is required")
    if status not in STATUSES:
        raise ValueError("status must be one of %s, got %r" % (STATUSES, status))
    start_dt, end_dt = to_datetime(start), to_datetime(end)
    if end_dt < start_dt:
        raise ValueError("end (%s) is before start (%s)" % (end_dt, start_dt))
    input_tokens, output_tokens, cached = usage_tokens(usage)
    ttft = None
    if first_token is not None:
        ttft = (to_datetime(first_token) - start_dt).total_seconds() * 1000.0
    return {
        "request_id": str(request_id),
        "model": str(model),
        "deployment": deployment,
        "node": node,
        "gpu_uuids": list(gpu_uuids or []),
        "zone": zone,
        "tenant": tenant,
        "provider": provider,
        "start_time": start_dt,
        "end_time": end_dt,
        "input_tokens": input_tokens,
        "output_tokens": output_tokens,
        "cached_input_tokens": cached,
        "time_to_first_token_ms": ttft,
        "status": status,
        "task": task,
        "output_images": None,
        "attributes": {str(k): str(v) for k, v in (attributes or {}).items()},
    }


class ImpactEmitter(object):
    """Sends inference-impact events; safe to share between threads (librdkafka's producer is).

    node, gpu_uuids, deployment, zone and tenant are defaults of every request; each emit call may
    override them.
    """

    def __init__(self, bootstrap, registry_url, topics=None, producer_config=None,
                 schema_dir=SCHEMA_DIR, **defaults):
        config = dict(PRODUCER_DEFAULTS)
        config.update(producer_config or {})
        config["bootstrap.servers"] = bootstrap
        self._producer = Producer(config)
        self._serializer = MessageSerializer(CachedSchemaRegistryClient({"url": registry_url}))
        self._topics = {name: spec[1] for name, spec in EVENTS.items()}
        self._topics.update(topics or {})
        self._schemas = {name: avro.load(os.path.join(schema_dir, spec[0]))
                         for name, spec in EVENTS.items()}
        self._defaults = defaults
        self.errors = []

    def emit_finished(self, request_id, model, usage, start, end, **fields):
        """Sends the InferenceRequest of a finished request (see finished_request)."""
        merged = dict(self._defaults)
        merged.update(fields)
        record = finished_request(request_id, model, usage, start, end, **merged)
        self._send("finished", record)
        return record

    def _send(self, event, record):
        _, _, key_field, time_field = EVENTS[event]
        topic = self._topics[event]
        value = self._serializer.encode_record_with_schema(topic, self._schemas[event], record)
        key = record[key_field].encode("utf-8")
        self._producer.produce(topic, value=value, key=key,
                               timestamp=epoch_millis(record[time_field]),
                               on_delivery=self._delivered)
        self._producer.poll(0)

    def _delivered(self, err, msg):
        if err is not None:
            self.errors.append(err)
            sys.stderr.write("impact emitter: a record was not delivered: %s\n" % (err,))

    def flush(self, timeout=30.0):
        """Waits for outstanding records; returns how many are still undelivered."""
        return self._producer.flush(timeout)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--bootstrap", required=True)
    parser.add_argument("--registry", required=True)
    parser.add_argument("--topic", default=EVENTS["finished"][1])
    parser.add_argument("--node")
    parser.add_argument("--timeout", type=float, default=30.0)
    args = parser.parse_args(argv)
    emitter = ImpactEmitter(args.bootstrap, args.registry, topics={"finished": args.topic},
                            node=args.node)
    count = 0
    for line in sys.stdin:
        if not line.strip():
            continue
        fields = json.loads(line)
        emitter.emit_finished(**fields)
        count += 1
    remaining = emitter.flush(args.timeout)
    if remaining or emitter.errors:
        sys.stderr.write("%d records undelivered, %d failed\n" % (remaining, len(emitter.errors)))
        return 1
    print("emitted %d requests" % count)
    return 0


if __name__ == "__main__":
    sys.exit(main())
