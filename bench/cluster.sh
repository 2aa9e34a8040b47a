# bench/run cluster (sourced by bench/run): PutItem throughput and trigger latency with one, two
# and three Eddy nodes (`eddy serve --cluster`) on one throwaway PostgreSQL, next to the RocksDB
# single node, in the same run. For each setup: node 1 starts, the latency benchmark's table,
# function and mapping are created through it, the other nodes start (a node learns of functions
# created through another one only when it starts, see docs/cluster.md) and the mapping's shard
# leases spread over them; then
#   PutItem: one wrk per node at once, the connections divided between them, 1 KB items, random
#            keys out of 100000, a table without a stream; Requests/sec summed over the nodes;
#   trigger latency: MappingsBench latency-run, one PutItem at a time sent to the nodes in turn,
#            write -> handler start (the handler runs on whichever node holds the shard's lease).
# shellcheck source=../scripts/lib/throwaway-postgres.sh
. "$ROOT/scripts/lib/throwaway-postgres.sh"
"$ROOT/eddy" help >/dev/null
CL_DIR="$(mktemp -d)"
CL_PIDS=()
cl_stop_nodes() {
  local pid
  for pid in "${CL_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${CL_PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  CL_PIDS=()
}
trap 'cl_stop_nodes; pg_stop; rm -rf "$CL_DIR"' EXIT
BENCH_JAVA="$("$ROOT/eddy" java-home)/bin/java"
LAT_JAR="$(ls "$ROOT"/examples/sdk-writer/target/example-sdk-writer-*.jar | grep -v /original- | head -1)"
RECORDS="${ITEMS:-1000}"

cl_launch() { # SETUP N: starts node N of SETUP (rocksdb, or pgK for a cluster on database K); sets CL_PORTS[N]
  local port store
  port="$(free_port)"
  if [ "$1" = rocksdb ]; then
    store=(--data "$CL_DIR/$1/data")
  else
    store=(--store "postgresql://eddy@127.0.0.1:$PGPORT/$1" --cluster --node-id "node$2" --lease-duration 10)
  fi
  mkdir -p "$CL_DIR/$1"
  EDDY_JAVA_OPTS="${EDDY_JAVA_OPTS:--Xmx1g}" "$ROOT/eddy" serve --port "$port" "${store[@]}" \
    > "$CL_DIR/$1/node$2.log" 2>&1 &
  CL_PIDS+=($!)
  CL_PORTS[$2]="$port"
}

cl_await() { # SETUP N
  for _ in $(seq 1 600); do
    curl -fs "http://127.0.0.1:${CL_PORTS[$2]}/" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  echo "bench: node $2 of $1 did not start" >&2; cat "$CL_DIR/$1/node$2.log" >&2; exit 1
}

cl_await_spread() { # UUID PORT NODES: every node holds a lease of the mapping (at most 60 s)
  python3 - "$@" <<'PY'
import json, sys, time, urllib.request
uuid, port, nodes = sys.argv[1], sys.argv[2], int(sys.argv[3])
deadline = time.time() + 60
while True:
    status = json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/eddy/v1/cluster"))
    owners = {l["Owner"] for l in status["Leases"] if l["Group"] == uuid and l["Live"]}
    if len(owners) >= nodes or time.time() > deadline:
        print(f"(shard leases of the mapping held by {len(owners)} of {nodes} nodes)")
        break
    time.sleep(0.2)
PY
}

cl_wrk() { # LABEL DURATION NODES: one wrk per node at once; prints the sum and each node's latency
  local label="$1" duration="$2" nodes="$3" i per
  local wrks=()
  per=$(( (CONNECTIONS + nodes - 1) / nodes ))
  for i in $(seq 1 "$nodes"); do
    env KEYS=100000 wrk -t1 -c"$per" -d"$duration" --latency -s "$ROOT/bench/wrk/put.lua" \
      "http://127.0.0.1:${CL_PORTS[$i]}/" > "$CL_DIR/wrk$i" 2>&1 &
    wrks+=($!)
  done
  for i in "${wrks[@]}"; do wait "$i" || true; done
  [ -n "$label" ] || return 0
  echo "### $label: $nodes x wrk -t1 -c$per -d$duration"
  for i in $(seq 1 "$nodes"); do
    echo "node $i: $(awk '/Requests\/sec/{r=$2} /^ +50%/{p50=$2} /^ +99%/{p99=$2} /Non-2xx/{e=$NF" non-2xx"} END{print r " requests/s, p50 " p50 ", p99 " p99 (e ? ", " e : "")}' "$CL_DIR/wrk$i")"
  done
  echo "total: $(cat "$CL_DIR"/wrk[1-"$nodes"] | awk '/Requests\/sec/{s+=$2} END{printf "%.0f", s}') requests/s"
}

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -sr); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
pg_start
echo "PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') on the same machine (fsync on, synchronous_commit on)"
for setup in rocksdb pg1 pg2 pg3; do
  nodes=1
  [ "$setup" = rocksdb ] || { nodes="${setup#pg}"; pg_createdb "$setup"; }
  CL_PORTS=()
  cl_launch "$setup" 1
  cl_await "$setup" 1
  PORT="${CL_PORTS[1]}"
  api CreateTable '{"TableName":"bench","AttributeDefinitions":[{"AttributeName":"id","AttributeType":"S"}],"KeySchema":[{"AttributeName":"id","KeyType":"HASH"}],"BillingMode":"PAY_PER_REQUEST"}'
  uuid="$("$BENCH_JAVA" "$ROOT/bench/java/MappingsBench.java" latency-setup "http://127.0.0.1:$PORT" "$LAT_JAR" "$CL_DIR/$setup/stamps")"
  for i in $(seq 2 "$nodes"); do cl_launch "$setup" "$i"; done
  for i in $(seq 2 "$nodes"); do cl_await "$setup" "$i"; done
  echo "## $setup: $nodes node(s), load now $(cut -d' ' -f1 /proc/loadavg)"
  [ "$setup" = rocksdb ] || cl_await_spread "$uuid" "$PORT" "$nodes"
  echo "(warming up: 10 s of PutItem, not measured)"
  cl_wrk "" 10s "$nodes"
  cl_wrk "PutItem, 1 KB items" "$DURATION" "$nodes"
  urls="$(for i in $(seq 1 "$nodes"); do printf 'http://127.0.0.1:%s,' "${CL_PORTS[$i]}"; done)"
  echo "### trigger latency: PutItem (sent to the nodes in turn) to the handler's start, BatchSize 1"
  timeout 600 "$BENCH_JAVA" "$ROOT/bench/java/MappingsBench.java" latency-run "${urls%,}" "$uuid" \
    "$CL_DIR/$setup/stamps" "$RECORDS" 300 || echo "(trigger latency FAILED on $setup)"
  cl_stop_nodes
done
