#!/usr/bin/env python3
"""Writes the example replay scenario (requests.jsonl, gpu-samples.jsonl) into this folder.

One node, two H200 GPUs, 2 minutes of 1-second samples, five requests, plus invalid lines that
show the DLQ. Power levels are those measured on an H200 in ../../gpu/SOURCES.md: idle about
126 W, busy about 500 W. The cumulative energy counters advance by the trapezoid of the power
between samples, as NVML's counter does over whole seconds. Deterministic: no randomness.
"""
import json
import math
from datetime import datetime, timezone

T0 = int(datetime(2026, 11, 27, 12, 0, 0, tzinfo=timezone.utc).timestamp() * 1000)
NODE = "node-a"
GPUS = ["GPU-8f3c2a10-0000-4000-8000-0000000000a0", "GPU-8f3c2a10-0000-4000-8000-0000000000a1"]
COUNTER_START_MJ = [2_490_684, 3_117_052]
IDLE_W, BUSY_W = 126.0, 500.0  # H200, measured: ../../gpu/SOURCES.md
LLAMA = "meta-llama/Llama-3.1-8B-Instruct"


def iso(ms):
    return datetime.fromtimestamp(ms / 1000, tz=timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


# (id, gpus, start s, end s, input tokens, output tokens, extra fields)
REQUESTS = [
    ("r-1", [0], 10.0, 25.5, 812, 412, {"status": "OK", "cached_input_tokens": 512}),
    ("r-2", [0], 20.0, 48.25, 1630, 901, {"attributes": {"engine": "vllm-0.6.3", "batch": "4"}}),
    ("r-3", [1], 30.0, 65.0, 2210, 1024, {"tenant": "team-search"}),
    ("r-4", [0, 1], 70.0, 100.0, 4096, 2048, {"deployment": "llama-tp2"}),
    ("r-5", [1], 105.0, 112.0, 120, 64, {"status": "CANCELLED", "time_to_first_token_ms": 84.5}),
]


def busy(gpu, t):
    return any(gpu in g and s <= t < e for (_, g, s, e, *_rest) in REQUESTS)


def requests_lines():
    lines = []
    for i, (rid, gpus, s, e, tin, tout, extra) in enumerate(REQUESTS):
        start, end = T0 + int(s * 1000), T0 + int(e * 1000)
        rec = {"request_id": rid, "model": LLAMA, "node": NODE, "gpu_uuids": [GPUS[g] for g in gpus],
               # one request gives its times as epoch milliseconds, the others as ISO-8601
               "start_time": start if rid == "r-3" else iso(start),
               "end_time": end if rid == "r-3" else iso(end),
               "input_tokens": tin, "output_tokens": tout}
        rec.update(extra)
        lines.append(json.dumps(rec))
        if rid == "r-2":  # undecodable: a time that is neither epoch ms nor ISO-8601
            lines.append(json.dumps({"request_id": "r-bad-time", "model": LLAMA, "start_time": "yesterday",
                                     "end_time": iso(T0 + 40_000), "input_tokens": 10, "output_tokens": 5}))
        if rid == "r-4":  # decodes, but ends before it starts
            lines.append(json.dumps({"request_id": "r-backwards", "model": LLAMA, "node": NODE,
                                     "gpu_uuids": [GPUS[1]], "start_time": iso(T0 + 80_000),
                                     "end_time": iso(T0 + 79_000), "input_tokens": 10, "output_tokens": 5}))
    return lines


def samples_lines():
    lines = []
    counters = list(COUNTER_START_MJ)
    previous = [None, None]
    for k in range(121):
        for g, uuid in enumerate(GPUS):
            base = BUSY_W if busy(g, k) else IDLE_W
            power = round(base + 1.5 * math.sin(0.7 * k + g), 3)  # a little deterministic ripple
            if previous[g] is not None:
                counters[g] += round((previous[g] + power) / 2 * 1000)  # W * 1 s = 1000 mJ per W
            previous[g] = power
            rec = {"node": NODE, "gpu_uuid": uuid, "gpu_model": "NVIDIA H200", "time": T0 + k * 1000,
                   "power_watts": power, "energy_millijoules_total": counters[g],
                   "utilization_percent": 97.0 if base == BUSY_W else 0.0}
            if g == 0:
                rec["memory_used_bytes"] = 80_530_636_800  # 75 GiB: weights + KV cache
            lines.append(json.dumps(rec))
        if k == 50:  # undecodable: power as text
            lines.append(json.dumps({"node": NODE, "gpu_uuid": GPUS[1], "time": T0 + k * 1000 + 500,
                                     "power_watts": "450 W"}))
        if k == 90:  # decodes, but negative power
            lines.append(json.dumps({"node": NODE, "gpu_uuid": GPUS[0], "time": T0 + k * 1000 + 500,
                                     "power_watts": -1.0}))
    return lines


for name, lines in (("requests.jsonl", requests_lines()), ("gpu-samples.jsonl", samples_lines())):
    with open(name, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines) + "\n")
