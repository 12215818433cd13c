#!/usr/bin/python3
"""Draws a Grafana dashboard's panels as a static HTML page with inline SVG charts.

Grafana is not needed: every panel's PromQL (Grafana's variables substituted as the dashboards'
end-to-end test does) is evaluated against a real Prometheus through its HTTP API
(/api/v1/query_range for time series and stat sparklines, /api/v1/query for bar gauges), and drawn
where the panel's gridPos puts it, titled and unit-labelled like the panel. Standard library only.

  render.py --prometheus http://127.0.0.1:9090 --dashboard grafana/dashboards/fleet-overview.json \
      --minutes 10 --out target/fleet-overview.html
"""
import argparse
import html
import json
import math
import time
import urllib.parse
import urllib.request

COLUMN_PX = 62  # Grafana's 24-column grid at a 1488 px wide page
ROW_PX = 36     # one gridPos height unit (Grafana: 30 px + margin)
PALETTE = ["#73bf69", "#f2cc0c", "#8ab8ff", "#ff780a", "#f2495c", "#5794f2", "#b877d9",
           "#fade2a", "#37872d", "#c4162a"]


def query(prometheus, path, params):
    url = prometheus.rstrip("/") + path + "?" + urllib.parse.urlencode(params)
    with urllib.request.urlopen(url, timeout=20) as response:
        body = json.load(response)
    if body.get("status") != "success":
        raise RuntimeError("Prometheus rejected %s: %s" % (params.get("query"), body))
    return body["data"]


def substitute(expr, variables, minutes):
    expr = (expr.replace("$__rate_interval", "1m").replace("${__rate_interval}", "1m")
            .replace("$__interval", "15s").replace("$__range", "%dm" % minutes))
    for name, value in variables.items():
        expr = expr.replace("${%s}" % name, value).replace("$" + name, value)
    return expr


def legend(fmt, labels):
    if not fmt or fmt == "__auto":
        return ",".join("%s=%s" % kv for kv in sorted(labels.items()) if kv[0] != "__name__") or "value"
    out = fmt
    for key, value in labels.items():
        out = out.replace("{{%s}}" % key, value).replace("{{ %s }}" % key, value)
    return out


SCALES = {
    "massg": [(1e6, "t"), (1e3, "kg"), (1, "g"), (1e-3, "mg")],
    "watth": [(1e6, "MWh"), (1e3, "kWh"), (1, "Wh"), (1e-3, "mWh")],
    "watt": [(1e6, "MW"), (1e3, "kW"), (1, "W"), (1e-3, "mW")],
    "litre": [(1e3, "kL"), (1, "L"), (1e-3, "mL")],
    "bytes": [(2 ** 30, "GiB"), (2 ** 20, "MiB"), (2 ** 10, "KiB"), (1, "B")],
}


def fmt_value(value, unit, decimals=None):
    if value is None or math.isnan(value) or math.isinf(value):
        return "No data"
    if unit == "percentunit":
        return "%.*f%%" % (1 if decimals is None else decimals, value * 100)
    if unit in SCALES:
        for factor, symbol in SCALES[unit]:
            if abs(value) >= factor or factor == SCALES[unit][-1][0] or (value == 0 and factor == 1):
                return "%s %s" % (number(value / factor, decimals), symbol)
    if unit == "s":
        if abs(value) >= 3600:
            return "%s h" % number(value / 3600, decimals)
        if abs(value) >= 60:
            return "%s min" % number(value / 60, decimals)
        return "%s s" % number(value, decimals)
    if unit == "reqps":
        return "%s req/s" % number(value, decimals)
    if unit == "cps":
        return "%s c/s" % number(value, decimals)
    if unit == "ops":
        return "%s ops/s" % number(value, decimals)
    if unit.startswith("suffix:"):
        return "%s %s" % (number(value, decimals), unit[len("suffix:"):].strip())
    return number(value, decimals)


def number(value, decimals=None):
    if decimals is not None:
        return "%.*f" % (decimals, value)
    magnitude = abs(value)
    if magnitude == 0:
        return "0"
    if magnitude >= 100:
        return "%.0f" % value
    if magnitude >= 10:
        return "%.1f" % value
    if magnitude >= 0.01:
        return "%.2f" % value
    return "%.3g" % value


def series_of(panel, prometheus, variables, start, end, step, minutes):
    out = []
    for target in panel.get("targets", []):
        expr = substitute(target["expr"], variables, minutes)
        data = query(prometheus, "/api/v1/query_range",
                     {"query": expr, "start": start, "end": end, "step": step})
        for result in data["result"]:
            points = [(float(t), float(v)) for t, v in result["values"]]
            points = [(t, v) for t, v in points if not (math.isnan(v) or math.isinf(v))]
            if points:
                out.append((legend(target.get("legendFormat"), result["metric"]), points))
    return out


def instant_of(panel, prometheus, variables, end, minutes):
    out = []
    for target in panel.get("targets", []):
        expr = substitute(target["expr"], variables, minutes)
        data = query(prometheus, "/api/v1/query", {"query": expr, "time": end})
        for result in data["result"]:
            value = float(result["value"][1])
            if not (math.isnan(value) or math.isinf(value)):
                out.append((legend(target.get("legendFormat"), result["metric"]), value))
    return out


def svg_timeseries(series, width, height, unit, decimals, stacked, start, end):
    right, top, bottom = 14, 8, 22 + 16 * ((len(series) + 2) // 3)
    plot_h = max(30, height - top - bottom)
    if stacked:
        totals = {}
        stacked_series = []
        for name, points in series:
            lifted = []
            for t, v in points:
                base = totals.get(t, 0.0)
                totals[t] = base + v
                lifted.append((t, base + v))
            stacked_series.append((name, lifted))
        series = stacked_series
    values = [v for _, pts in series for _, v in pts] or [0.0]
    low, high = min(0.0, min(values)), max(values)
    if high <= low:
        high = low + 1.0
    ticks = [low + (high - low) * i / 4 for i in range(5)]
    left = 12 + 7 * max(len(fmt_value(v, unit, decimals)) for v in ticks)
    plot_w = width - left - right
    clock = "%H:%M" if end - start > 900 else "%H:%M:%S"
    x = lambda t: left + (t - start) / max(1.0, end - start) * plot_w
    y = lambda v: top + plot_h - (v - low) / (high - low) * plot_h
    parts = ['<svg width="%d" height="%d" xmlns="http://www.w3.org/2000/svg">' % (width, height)]
    for v in ticks:
        parts.append('<line x1="%d" x2="%d" y1="%.1f" y2="%.1f" stroke="#2c3235"/>' % (left, width - right, y(v), y(v)))
        parts.append('<text x="%d" y="%.1f" fill="#9fa7b3" font-size="11" text-anchor="end">%s</text>'
                     % (left - 6, y(v) + 4, html.escape(fmt_value(v, unit, decimals))))
    for i in range(5):
        t = start + (end - start) * i / 4
        anchor = "start" if i == 0 else "end" if i == 4 else "middle"
        parts.append('<text x="%.1f" y="%d" fill="#9fa7b3" font-size="11" text-anchor="%s">%s</text>'
                     % (x(t), top + plot_h + 14, anchor, time.strftime(clock, time.gmtime(t))))
    for index, (name, points) in enumerate(series):
        color = PALETTE[index % len(PALETTE)]
        path = " ".join("%s%.1f,%.1f" % ("M" if i == 0 else "L", x(t), y(v)) for i, (t, v) in enumerate(points))
        if stacked or len(series) == 1:
            base_y = y(low)
            area = path + " L%.1f,%.1f L%.1f,%.1f Z" % (x(points[-1][0]), base_y, x(points[0][0]), base_y)
            parts.append('<path d="%s" fill="%s" fill-opacity="0.12" stroke="none"/>' % (area, color))
        parts.append('<path d="%s" fill="none" stroke="%s" stroke-width="1.5"/>' % (path, color))
        lx = left + (index % 3) * (plot_w // 3)
        ly = top + plot_h + 32 + 16 * (index // 3)
        parts.append('<rect x="%d" y="%d" width="12" height="3" fill="%s"/>' % (lx, ly - 5, color))
        parts.append('<text x="%d" y="%d" fill="#ccccdc" font-size="11">%s</text>' % (lx + 16, ly, html.escape(name[:40])))
    parts.append("</svg>")
    return "".join(parts)


def svg_stat(series, width, height, unit, decimals, start, end):
    if not series:
        return '<div class="nodata">No data</div>'
    name, points = series[0]
    value = points[-1][1]
    parts = ['<svg width="%d" height="%d" xmlns="http://www.w3.org/2000/svg">' % (width, height)]
    values = [v for _, v in points]
    low, high = min(values), max(values)
    if high <= low:
        high = low + 1.0
    x = lambda t: (t - start) / max(1.0, end - start) * width
    y = lambda v: height - 4 - (v - low) / (high - low) * (height * 0.45)
    path = " ".join("%s%.1f,%.1f" % ("M" if i == 0 else "L", x(t), y(v)) for i, (t, v) in enumerate(points))
    area = path + " L%.1f,%d L%.1f,%d Z" % (x(points[-1][0]), height, x(points[0][0]), height)
    parts.append('<path d="%s" fill="#73bf69" fill-opacity="0.15" stroke="#73bf69" stroke-width="1.2"/>' % area)
    parts.append('<text x="%d" y="%d" fill="#73bf69" font-size="%d" font-weight="500" text-anchor="middle">%s</text>'
                 % (width // 2, int(height * 0.45), min(38, height // 2), html.escape(fmt_value(value, unit, decimals))))
    parts.append("</svg>")
    return "".join(parts)


def svg_bars(values, width, height, unit, decimals):
    if not values:
        return '<div class="nodata">No data</div>'
    values = sorted(values, key=lambda nv: -nv[1])
    high = max(v for _, v in values) or 1.0
    row = min(28, max(14, (height - 4) // len(values)))
    value_w = 90
    longest = max(len(name) for name, _ in values)
    label_w = int(min(width * 0.45, 16 + 6.6 * longest))
    fits = max(6, int((label_w - 12) / 6.6))
    parts = ['<svg width="%d" height="%d" xmlns="http://www.w3.org/2000/svg">' % (width, height)]
    for i, (name, value) in enumerate(values):
        yy = 2 + i * row
        bar = max(1.0, (width - label_w - value_w) * value / high)
        color = PALETTE[i % len(PALETTE)]
        parts.append('<text x="%d" y="%d" fill="#ccccdc" font-size="11" text-anchor="end">%s</text>'
                     % (label_w - 8, yy + row * 0.65,
                        html.escape(name if len(name) <= fits else "…" + name[-(fits - 1):])))
        parts.append('<rect x="%d" y="%d" width="%.1f" height="%d" fill="%s" fill-opacity="0.8"/>'
                     % (label_w, yy + 2, bar, row - 5, color))
        parts.append('<text x="%.1f" y="%d" fill="%s" font-size="12">%s</text>'
                     % (label_w + bar + 6, yy + row * 0.65, color, html.escape(fmt_value(value, unit, decimals))))
    parts.append("</svg>")
    return "".join(parts)


def render(dashboard, prometheus, minutes, variables):
    end = time.time()
    start = end - minutes * 60
    step = max(2, int(minutes * 60 / 240))
    blocks = []
    bottom = 0
    for panel in dashboard["panels"]:
        pos = panel["gridPos"]
        left, top = pos["x"] * COLUMN_PX, pos["y"] * ROW_PX
        width, height = pos["w"] * COLUMN_PX - 8, pos["h"] * ROW_PX - 8
        bottom = max(bottom, top + height + 8)
        defaults = panel.get("fieldConfig", {}).get("defaults", {})
        unit, decimals = defaults.get("unit", ""), defaults.get("decimals")
        body_h = height - 34
        kind = panel["type"]
        if kind == "bargauge":
            body = svg_bars(instant_of(panel, prometheus, variables, end, minutes), width - 16, body_h, unit, decimals)
        elif kind == "stat":
            body = svg_stat(series_of(panel, prometheus, variables, start, end, step, minutes),
                            width - 16, body_h, unit, decimals, start, end)
        else:
            stacked = defaults.get("custom", {}).get("stacking", {}).get("mode") == "normal"
            body = svg_timeseries(series_of(panel, prometheus, variables, start, end, step, minutes),
                                  width - 16, body_h, unit, decimals, stacked, start, end)
        blocks.append(
            '<div class="panel" style="left:%dpx;top:%dpx;width:%dpx;height:%dpx" title="%s">'
            '<div class="title">%s <span class="info">i</span></div>%s</div>'
            % (left, top, width, height, html.escape(panel.get("description", "")),
               html.escape(panel["title"]), body))
    return """<!doctype html><html><head><meta charset="utf-8"><title>%s</title><style>
body{margin:0;background:#111217;font-family:'DejaVu Sans',Arial,sans-serif;color:#ccccdc}
.head{padding:10px 12px;font-size:17px}.head small{color:#8e8e8e;font-size:12px;margin-left:12px}
.grid{position:relative;margin:0 8px;height:%dpx}
.panel{position:absolute;background:#181b1f;border:1px solid #24292e;border-radius:3px;padding:6px 8px;box-sizing:border-box}
.title{font-size:13px;font-weight:500;height:22px;white-space:nowrap;overflow:hidden}
.info{display:inline-block;width:11px;height:11px;line-height:11px;border:1px solid #6e7681;border-radius:50%%;color:#6e7681;font-size:9px;text-align:center;vertical-align:1px}.nodata{color:#8e8e8e;padding:20px;text-align:center}
</style></head><body><div class="head">%s<small>last %d minutes &middot; %s UTC &middot; rendered from Prometheus %s</small></div>
<div class="grid">%s</div></body></html>""" % (
        html.escape(dashboard["title"]), bottom, html.escape(dashboard["title"]), minutes,
        time.strftime("%Y-%m-%d %H:%M", time.gmtime(end)), html.escape(prometheus), "".join(blocks))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--prometheus", required=True, help="Prometheus base URL")
    parser.add_argument("--dashboard", required=True, help="a dashboard JSON of grafana/dashboards/")
    parser.add_argument("--minutes", type=int, default=10, help="time range to draw")
    parser.add_argument("--var", action="append", default=[], help="NAME=VALUE for a dashboard variable (default .*)")
    parser.add_argument("--out", required=True, help="HTML file to write")
    args = parser.parse_args()
    with open(args.dashboard, encoding="utf-8") as f:
        dashboard = json.load(f)
    variables = {v["name"]: ".*" for v in dashboard.get("templating", {}).get("list", []) if v.get("type") == "query"}
    variables.update(dict(v.split("=", 1) for v in args.var))
    page = render(dashboard, args.prometheus, args.minutes, variables)
    with open(args.out, "w", encoding="utf-8") as f:
        f.write(page)
    height = max(p["gridPos"]["y"] + p["gridPos"]["h"] for p in dashboard["panels"]) * ROW_PX + 60
    print(height)


if __name__ == "__main__":
    main()
