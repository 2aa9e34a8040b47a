#!/usr/bin/env python3
"""One run of the three-node kill test (see cluster-kill-test).

  cluster_kill_check.py setup WORK PORT                       prints the mapping's UUID
  cluster_kill_check.py run WORK LEASE_SECONDS UUID NODE=PORT=PID ...

Setup, through the first node (`eddy serve --cluster --store postgresql://...`, one fresh database
per run): a streamed table, the function example.sdk.DeliveryLog (it appends
"eventID<TAB>SequenceNumber<TAB>key" to WORK/deliveries for every record it is given, from
whichever node runs it; JAR in DELIVERY_JAR) and an event source mapping. Then, with all nodes up:

1. waits until every node holds at least one of the mapping's shard leases (GET /eddy/v1/cluster);
2. writes for WRITE_SECONDS through all nodes: each writer owns its keys and sends its requests
   to the nodes in turn, v = 1, 2, ... per writer, so per key v grows with the order of the writes;
3. SIGKILLs one node holding shard leases 3 to 6 seconds into the writes (the writers then use the
   survivors; a write to the dead node whose answer was not received counts as unknown);
4. measures, on a survivor, when none of the leases (shards and singleton tasks) is held by the
   dead node any more and all are held by a live one; that must happen within the lease duration
   plus one renew interval and a second of slack (the bound docs/cluster.md states);
5. after the writes, drains the mapping on the survivors, waits until every stream record was
   delivered (at most DELIVERY_WAIT seconds), and checks: both survivors read the same stream;
   no sequence number twice in a shard; per key the stream is in write order; every acknowledged
   write is in the stream; every delivered line is a record of the stream; first deliveries of
   each key in stream order; every record delivered at least once.

Prints one line (starting "ok" or "FAILED") and the first errors; exits 1 on failure."""
import os
import random
import signal
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from mappings_crash_check import TABLE, deliveries, rest, setup  # noqa: E402
from streams_crash_check import Api, read_stream  # noqa: E402

WRITE_SECONDS = 14
WRITERS = 6
KEYS_PER_WRITER = 20
DELIVERY_WAIT = 20


def cluster(port):
    return rest(port, "GET", "/eddy/v1/cluster", timeout=10)


def mapping_leases(status, uuid):
    return [lease for lease in status["Leases"] if lease["Group"] == uuid]


def await_spread(port, uuid, node_ids, timeout=60):
    """Waits until every node holds a live lease of the mapping; returns the count per node."""
    deadline = time.time() + timeout
    while True:
        leases = mapping_leases(cluster(port), uuid)
        held = {n: sum(1 for lease in leases if lease["Owner"] == n and lease["Live"]) for n in node_ids}
        if leases and all(held.values()):
            return held
        if time.time() > deadline:
            raise RuntimeError(f"the mapping's leases did not spread over the nodes within {timeout} s: {held}")
        time.sleep(0.2)


def write(ports, acked_path, stop, dead, per_node):
    """Writers send their PutItems to the nodes in turn until stop is set; acknowledged writes go to
    ACKED as "key v". A node that fails a request is left out from then on."""
    lock = threading.Lock()
    log = open(acked_path, "a", buffering=1)

    def run(w):
        apis = {p: Api(p) for p in ports}
        n = 0
        while not stop.is_set():
            n += 1
            live = [p for p in ports if p not in dead]
            port = live[(w + n) % len(live)]
            key = f"w{w}-k{n % KEYS_PER_WRITER}"
            try:
                apis[port].ddb("PutItem", {"TableName": TABLE, "Item": {"pk": {"S": key}, "v": {"N": str(n)}}})
            except Exception:
                # the node died (or was killed) with this write in flight: its outcome is unknown,
                # and the key's later writes carry higher values, so per-key order stays checkable
                dead.add(port)
                continue
            with lock:
                log.write(f"{key} {n}\n")
                per_node[port] = per_node.get(port, 0) + 1

    threads = [threading.Thread(target=run, args=(w,)) for w in range(WRITERS)]
    for t in threads:
        t.start()
    return threads


def await_takeover(port, victim, survivors, killed_at, limit):
    """Seconds from the kill until no lease is held by the victim and every lease by a survivor."""
    while True:
        try:
            leases = cluster(port)["Leases"]
        except Exception:
            leases = None
        if leases and all(lease["Owner"] in survivors and lease["Live"] for lease in leases):
            return time.time() - killed_at, len(leases)
        if time.time() - killed_at > limit:
            held = [(lease["Group"][:8], lease["Key"], lease["Owner"]) for lease in leases or []]
            raise RuntimeError(f"leases still not taken over {limit:.0f} s after the kill: {held}")
        time.sleep(0.1)


def stream_of(port):
    api = Api(port)
    arn = api.ddb("DescribeTable", {"TableName": TABLE})["Table"]["LatestStreamArn"]
    return read_stream(api, arn)


def check(survivors, acked_path, deliveries_path, errors):
    """The checks of step 5; returns (stream records, delivered lines, distinct delivered, duplicates)."""
    for port in survivors:
        if not rest(port, "POST", "/eddy/v1/mappings/drain?TimeoutSeconds=30", timeout=60).get("Drained"):
            errors.append(f"the node on port {port} did not drain within 30 s")
    records = stream_of(survivors[0])
    other = stream_of(survivors[1])
    if sorted(r["eventID"] for r in records) != sorted(r["eventID"] for r in other):
        errors.append(f"the survivors read different streams: {len(records)} and {len(other)} records")
    stream, order, per_key, numbers, repeated = {}, {}, {}, set(), []
    for r in records:
        key, seq = r["dynamodb"]["Keys"]["pk"]["S"], r["dynamodb"]["SequenceNumber"]
        # DynamoDB promises numbers unique and increasing within a shard, not across shards
        if (r["shard"], seq) in numbers:
            repeated.append(seq)
        numbers.add((r["shard"], seq))
        stream[r["eventID"]] = (seq, key)
        order[r["eventID"]] = len(per_key.setdefault(key, []))
        per_key[key].append(int(r["dynamodb"]["NewImage"]["v"]["N"]))
    if repeated:
        errors.append(f"{len(repeated)} sequence numbers appear twice in one shard, e.g. {repeated[:2]}")
    for key, vs in per_key.items():
        if vs != sorted(vs) or len(vs) != len(set(vs)):
            errors.append(f"{key}: the stream's records are out of write order or repeated")
    written = {(key, v) for key, vs in per_key.items() for v in vs}
    acked = [line.split() for line in open(acked_path)] if os.path.exists(acked_path) else []
    missing = [a for a in acked if (a[0], int(a[1])) not in written]
    if missing:
        errors.append(f"{len(missing)} acknowledged writes are not in the stream, e.g. {missing[:3]}")
    # the mapping may still be finishing batches another node began: wait for every record
    deadline = time.time() + DELIVERY_WAIT
    while True:
        lines, _ = deliveries(deliveries_path)
        delivered = {line[0] for line in lines}
        if all(e in delivered for e in stream) or time.time() > deadline:
            break
        time.sleep(0.5)
    count, last_pos = {}, {}
    for event_id, seq, key in lines:
        if stream.get(event_id) != (seq, key):
            errors.append(f"delivered a record that is not in the stream: {event_id} {seq} {key}")
            continue
        if event_id not in count:
            pos = order[event_id]
            if pos <= last_pos.get(key, -1):
                errors.append(f"{key}: first delivery of record {pos} after record {last_pos[key]}")
            last_pos[key] = pos
        count[event_id] = count.get(event_id, 0) + 1
    lost = [stream[e] for e in stream if e not in count]
    if lost:
        errors.append(f"{len(lost)} records never delivered, e.g. {lost[:3]}")
    return len(records), len(lines), len(count), sum(c - 1 for c in count.values()), len(acked)


def run(work, lease_seconds, uuid, nodes):
    ids = [n for n, _, _ in nodes]
    ports = {n: p for n, p, _ in nodes}
    pids = {n: pid for n, _, pid in nodes}
    first = ports[ids[0]]
    spread = await_spread(first, uuid, ids)
    stop, dead, per_node = threading.Event(), set(), {}
    acked_path = os.path.join(work, "acked")
    writers = write(list(ports.values()), acked_path, stop, dead, per_node)
    started = time.time()
    time.sleep(random.uniform(3, 6))
    held = {n: c for n, c in await_spread(first, uuid, ids, timeout=10).items()}
    victim = random.choice([n for n in ids if held[n] > 0])
    os.kill(pids[victim], signal.SIGKILL)
    killed_at = time.time()
    dead.add(ports[victim])
    survivors = [n for n in ids if n != victim]
    bound = lease_seconds * 4 / 3 + 1
    errors = []
    try:
        took, lease_count = await_takeover(ports[survivors[0]], victim, survivors, killed_at, 4 * bound)
        if took > bound:
            errors.append(f"the leases moved after {took:.1f} s, later than the bound {bound:.1f} s")
    except RuntimeError as e:
        took, lease_count = float("nan"), 0
        errors.append(str(e))
    time.sleep(max(0.0, started + WRITE_SECONDS - time.time()))
    stop.set()
    for t in writers:
        t.join()
    through = "/".join(str(per_node.get(ports[n], 0)) for n in ids)
    records, lines, distinct, duplicates, acked = check(
        [ports[n] for n in survivors], acked_path, os.path.join(work, "deliveries"), errors)
    spread_text = "/".join(str(spread[n]) for n in ids)
    print(f"{'ok' if not errors else 'FAILED'}: shard leases {spread_text}; killed {victim} (held {held[victim]}) "
          f"{killed_at - started:.1f} s into the writes; {lease_count} leases on survivors after {took:.1f} s "
          f"(bound {bound:.1f} s); acknowledged {acked} writes (through {through}), stream {records} records, "
          f"delivered {distinct} distinct in {lines} lines, duplicates {duplicates}")
    for e in errors[:10]:
        print("  " + e)
    return 1 if errors else 0


if __name__ == "__main__":
    if sys.argv[1] == "setup":
        setup(int(sys.argv[3]), os.environ["DELIVERY_JAR"], os.path.join(sys.argv[2], "deliveries"))
    elif sys.argv[1] == "run":
        node_args = [a.split("=") for a in sys.argv[5:]]
        sys.exit(run(sys.argv[2], float(sys.argv[3]), sys.argv[4], [(n, int(p), int(pid)) for n, p, pid in node_args]))
    else:
        sys.exit(__doc__)
