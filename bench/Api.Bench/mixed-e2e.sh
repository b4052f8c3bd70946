#!/usr/bin/env bash
# Issue 6's mixed benchmark in its deployed shape, three processes: the silo (dotnet Visco.Silo.dll, SQLite, fresh data
# directory), bench/E2E.Bench's real MQTT analysers publishing LOAD measurements/s to it, and this bench reading results
# by device over HTTP at RATE requests/s with a clinician token minted by the silo's mint-token verb. Unlike the
# in-process --load mode, no collection of the clients pauses the silo, and the load is the real MQTT path. The one
# reading client stands for many apps, so the per-client rate limit is lifted (as in the in-process mode).
# Build first: dotnet build -c Release src/Silo && dotnet build -c Release bench/E2E.Bench && dotnet build -c Release bench/Api.Bench
# Knobs (environment): RATE LOAD SECONDS_MEASURED WARMUP; SILO=path/to/Visco.Silo.dll (another build); SILO_ENV="K=V ..."
# (environment for the silo process alone, e.g. DOTNET_gcServer=0); METRICS_OUT=file (the silo's /metrics after the reads);
# SLOW_LOG=file (each read over 5 ms: its due time in UTC and latency, to line up against a dotnet-trace of the silo).
set -euo pipefail
cd "$(dirname "$0")/../.."
RATE=${RATE:-1000} LOAD=${LOAD:-2000} SECONDS_MEASURED=${SECONDS_MEASURED:-20} WARMUP=${WARMUP:-40}
silo=${SILO:-src/Silo/bin/Release/net10.0/Visco.Silo.dll}
data=$(mktemp -d /tmp/visco-mixed-XXXXXX)
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
cleanup() { [ -n "${silo_pid:-}" ] && kill -TERM "$silo_pid" 2>/dev/null && wait "$silo_pid" 2>/dev/null; rm -rf "$data"; }
trap cleanup EXIT

for h in $(seq -f "%02g" 0 9); do
  dotnet "$silo" register-devices --data "$data" --hospital "h$h" --count 100 --prefix "h$h-d" > /dev/null
done
dotnet "$silo" mint-token --data "$data" --role clinician --hospital h00 --hours 2 > "$data/token"
mqtt=$(free_port) http=$(free_port)
env ${SILO_ENV:-} dotnet "$silo" --Visco:DataDirectory="$data" --Urls="http://127.0.0.1:$http" --Visco:Mqtt:TcpPort="$mqtt" --Visco:Mqtt:TlsPort=-1 \
  --Visco:Mqtt:ListenAddress=127.0.0.1 --Logging:LogLevel:Default=Warning \
  --Visco:Api:RateLimitPerSecond=100000 --Visco:Api:RateLimitBurst=100000 > "$data/silo.log" 2>&1 &
silo_pid=$!
until curl -sf "http://127.0.0.1:$http/readyz" > /dev/null; do
  kill -0 "$silo_pid" 2>/dev/null || { echo "the silo exited; its log:"; cat "$data/silo.log"; exit 1; }
  sleep 0.5
done

# The MQTT load runs through the reads' warm-up and window and a little after; its own window is what it prints.
# LOAD=0 measures the reads alone (E2E.Bench's rate 0 would mean flat out).
if [ "$LOAD" -gt 0 ]; then
  dotnet bench/E2E.Bench/bin/Release/net10.0/Visco.E2E.Bench.dll --target "127.0.0.1:$mqtt" --credentials "$data/credentials" \
    --silo-pid "$silo_pid" --rate "$LOAD" --runs 1 --warmup 5 --seconds $((WARMUP + SECONDS_MEASURED + 10)) > "$data/load.txt" 2>&1 &
  load_pid=$!
  sleep 10
fi
silo_cpu_before=$(awk '{print $14 + $15}' "/proc/$silo_pid/stat")
dotnet bench/Api.Bench/bin/Release/net10.0/Visco.Api.Bench.dll --target "http://127.0.0.1:$http" --token-file "$data/token" \
  --hospital h00 --device-prefix h00-d --device-count 100 --rate "$RATE" --seconds "$SECONDS_MEASURED" --warmup "$((WARMUP - 10))" \
  ${SLOW_LOG:+--slow-log "$SLOW_LOG"}
silo_cpu_after=$(awk '{print $14 + $15}' "/proc/$silo_pid/stat")
# METRICS_OUT=file keeps the silo's /metrics as they stood after the reads (server-side request durations and the rest).
[ -n "${METRICS_OUT:-}" ] && curl -sf "http://127.0.0.1:$http/metrics" > "$METRICS_OUT"
echo "silo CPU during the reads' warm-up and window: $(python3 -c "print(f'{($silo_cpu_after - $silo_cpu_before) / 100 / ($WARMUP - 10 + $SECONDS_MEASURED):.2f}')") cores"
if [ -n "${load_pid:-}" ]; then
  wait "$load_pid"
  echo "MQTT load (E2E.Bench, its window):"
  tail -1 "$data/load.txt"
fi
