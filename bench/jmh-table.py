#!/usr/bin/env python3
"""Prints the Markdown results table of BENCHMARKS.md from a JMH JSON result file.

Pairs each OurSerde benchmark with its PlainAvro baseline of the same record, operation and thread
count, and gives the throughput ratio serde/baseline with its error (relative errors added in
quadrature; JMH's error is the 99.9% confidence half-width), the ratio of CPU time per record
(CpuTimeProfiler, baseline/serde so that both ratios read "fraction of baseline speed") and the
allocation per record (-prof gc). Usage: jmh-table.py bench/target/jmh-result.json
"""
import json
import math
import sys


def main(path):
    with open(path) as f:
        results = json.load(f)
    rows = {}
    for r in results:
        cls, method = r["benchmark"].rsplit(".", 2)[-2:]
        impl = "serde" if method.endswith("OurSerde") else "plain"
        op = method.replace("OurSerde", "").replace("PlainAvro", "")
        secondary = r.get("secondaryMetrics", {})
        alloc = secondary.get("gc.alloc.rate.norm", {}).get("score")
        cpu = secondary.get("cpu.time.norm", {}).get("score")
        rows.setdefault((r["threads"], op), {})[impl] = (
            r["primaryMetric"]["score"], r["primaryMetric"]["scoreError"], alloc, cpu)
    print("| threads | benchmark | our serde (records/s) | plain Avro (records/s) "
          "| throughput ratio serde/plain | CPU ns/record serde / plain | CPU ratio plain/serde "
          "| bytes allocated/record serde / plain |")
    print("|---:|---|---:|---:|---:|---:|---:|---:|")
    for (threads, op), pair in sorted(rows.items()):
        if "serde" not in pair or "plain" not in pair:
            continue
        (s, se, sa, sc), (p, pe, pa, pc) = pair["serde"], pair["plain"]
        ratio = s / p
        ratio_err = ratio * math.sqrt((se / s) ** 2 + (pe / p) ** 2)
        alloc = f"{sa:.0f} / {pa:.0f}" if sa is not None and pa is not None else "n/a"
        cpu = f"{sc:,.0f} / {pc:,.0f}" if sc is not None and pc is not None else "n/a"
        cpu_ratio = f"**{pc / sc:.2f}**" if sc and pc else "n/a"
        print(f"| {threads} | {op} | {s:,.0f} ± {se:,.0f} | {p:,.0f} ± {pe:,.0f} "
              f"| **{ratio:.2f}** ± {ratio_err:.2f} | {cpu} | {cpu_ratio} | {alloc} |")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "bench/target/jmh-result.json")
