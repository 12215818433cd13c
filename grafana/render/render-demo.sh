#!/usr/bin/env bash
# Renders grafana/fleet-overview.png from a live demo: starts `impact demo` (its metrics on a free
# port), a Prometheus (Debian package) scraping it every 2 s, waits, draws the fleet overview's
# panels from the same PromQL with render.py, and screenshots the page with headless chromium
# (Debian package). Everything binds 127.0.0.1 and is stopped by PID at the end.
#
#   grafana/render/render-demo.sh [minutes-of-traffic (default 6)] [dashboard (default fleet-overview)]
#
# IMPACT overrides the command that runs the application (default: ./impact), e.g.
#   IMPACT="java -Dimpact.registry.jar=/path/quarkus-run.jar -jar topology/app/target/inference-impact.jar"
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
minutes=${1:-6}
dashboard=${2:-fleet-overview}
work="$root/target/render"
impact=${IMPACT:-./impact}
for tool in /usr/bin/prometheus /usr/bin/chromium /usr/bin/python3; do
  [ -x "$tool" ] || { echo "missing $tool (apt-get install prometheus chromium)" >&2; exit 1; }
done

free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
rm -rf "$work" && mkdir -p "$work"
metrics_port=$(free_port); prom_port=$(free_port); kafka_port=$(free_port); registry_port=$(free_port)

pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

echo "starting the demo (metrics on 127.0.0.1:$metrics_port)" >&2
# shellcheck disable=SC2086 # IMPACT may be a command with arguments
$impact demo --duration "$((minutes + 2))m" --metrics-port "$metrics_port" \
  --kafka-port "$kafka_port" --registry-port "$registry_port" --data-dir "$work/demo" \
  >"$work/demo.log" 2>&1 &
pids+=($!)

cat >"$work/prometheus.yml" <<YAML
global: {scrape_interval: 2s, scrape_timeout: 2s, evaluation_interval: 2s}
scrape_configs:
  - job_name: inference-impact
    static_configs: [{targets: ["127.0.0.1:$metrics_port"]}]
YAML
/usr/bin/prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/prometheus-data" \
  --web.listen-address="127.0.0.1:$prom_port" --log.level=warn >"$work/prometheus.log" 2>&1 &
pids+=($!)

echo "collecting $minutes minutes of traffic" >&2
sleep "$((minutes * 60))"
height=$(/usr/bin/python3 grafana/render/render.py --prometheus "http://127.0.0.1:$prom_port" \
  --dashboard "grafana/dashboards/$dashboard.json" --minutes "$minutes" --out "$work/$dashboard.html")
/usr/bin/chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
  --disable-component-update --disable-sync --user-data-dir="$work/chromium" --hide-scrollbars \
  --window-size="1504,$height" --screenshot="$work/$dashboard.png" "file://$work/$dashboard.html" \
  >"$work/chromium.log" 2>&1
cp "$work/$dashboard.png" "grafana/$dashboard.png"
echo "wrote grafana/$dashboard.png (page: $work/$dashboard.html)" >&2
