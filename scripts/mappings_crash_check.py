#!/usr/bin/env python3
"""Crash test helper for event source mappings (see mappings-crash-test).

  mappings_crash_check.py setup PORT JAR DELIVERIES        table, function (example.sdk.DeliveryLog), mapping
  mappings_crash_check.py write PORT ACKED SECONDS ROUND   PutItems; acknowledged ones go to ACKED
  mappings_crash_check.py count DELIVERIES                 lines delivered so far
  mappings_crash_check.py check PORT ACKED DELIVERIES      drains, then checks the deliveries

The handler appends "eventID<TAB>SequenceNumber<TAB>key" for every record it is given. After the
last restart and a drain: every record of the stream was delivered at least once (nothing lost),
every delivered line is a record of the stream, the first deliveries of each key follow the
stream's order for that key, and every acknowledged write is in the stream. Prints the number of
duplicate deliveries."""
import base64
import http.client
import json
import os
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from streams_crash_check import Api, read_stream  # noqa: E402

TABLE = "crashmap"
FUNCTION = "deliverylog"
ROLE = "arn:aws:iam::000000000000:role/lambda-role"
LAMBDA_AUTH = ("AWS4-HMAC-SHA256 Credential=crash/20260101/us-east-1/lambda/aws4_request, "
               "SignedHeaders=host, Signature=0")


def rest(port, method, path, body=None, timeout=30):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    conn.request(method, path, None if body is None else json.dumps(body),
                 {"Content-Type": "application/json", "Authorization": LAMBDA_AUTH})
    r = conn.getresponse()
    data = r.read()
    if r.status >= 300:
        raise RuntimeError(f"{method} {path}: {r.status} {data[:300]!r}")
    return json.loads(data) if data else {}


def setup(port, jar, deliveries):
    api = Api(port)
    api.ddb("CreateTable", {
        "TableName": TABLE, "BillingMode": "PAY_PER_REQUEST",
        "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
        "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
        "StreamSpecification": {"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"}})
    arn = api.ddb("DescribeTable", {"TableName": TABLE})["Table"]["LatestStreamArn"]
    with open(jar, "rb") as f:
        code = base64.b64encode(f.read()).decode()
    rest(port, "POST", "/2015-03-31/functions", {
        "FunctionName": FUNCTION, "Runtime": "java21", "Role": ROLE, "Handler": "example.sdk.DeliveryLog",
        "MemorySize": 512, "Timeout": 30, "Code": {"ZipFile": code},
        "Environment": {"Variables": {"DELIVERY_FILE": deliveries}}})
    for _ in range(600):
        c = rest(port, "GET", f"/2015-03-31/functions/{FUNCTION}/configuration")
        if c.get("State") == "Active":
            break
        time.sleep(0.05)
    else:
        raise RuntimeError("the function did not become Active")
    m = rest(port, "POST", "/2015-03-31/event-source-mappings", {
        "EventSourceArn": arn, "FunctionName": FUNCTION, "StartingPosition": "TRIM_HORIZON",
        "BatchSize": 20, "ParallelizationFactor": 2})
    print(m["UUID"])


def write(port, acked_path, seconds, round_no, writers=4, keys_per_writer=25):
    """Each writer owns its keys and writes v = ROUND * 10^7 + 1, 2, ... to them in turn, so that
    per key v grows with the order of the writes, across rounds too."""
    lock = threading.Lock()
    log = open(acked_path, "a", buffering=1)
    deadline = time.time() + seconds

    def run(w):
        api = Api(port)
        n = 0
        while time.time() < deadline:
            n += 1
            key = f"w{w}-k{n % keys_per_writer}"
            v = round_no * 10_000_000 + n
            try:
                api.ddb("PutItem", {"TableName": TABLE, "Item": {"pk": {"S": key}, "v": {"N": str(v)}}})
            except Exception:
                return  # the server died: this write's outcome is unknown
            with lock:
                log.write(f"{key} {v}\n")

    threads = [threading.Thread(target=run, args=(w,)) for w in range(writers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


def deliveries(path):
    """The complete lines of the file as (eventID, sequence, key); cut or merged lines are skipped."""
    if not os.path.exists(path):
        return [], 0
    with open(path, encoding="utf-8", errors="replace") as f:
        text = f.read()
    out, skipped = [], 0
    for line in text.split("\n")[:-1]:  # the part after the last newline is not a complete line
        fields = line.split("\t")
        if len(fields) == 3:
            out.append(tuple(fields))
        else:
            skipped += 1
    return out, skipped


def check(port, acked_path, deliveries_path):
    api = Api(port)
    drained = rest(port, "POST", "/eddy/v1/mappings/drain?TimeoutSeconds=300", timeout=330)
    errors = []
    if not drained.get("Drained"):
        errors.append("the mapping did not drain within 300 s")
    arn = api.ddb("DescribeTable", {"TableName": TABLE})["Table"]["LatestStreamArn"]
    records = read_stream(api, arn)
    stream = {}      # eventID -> (sequence, key, v)
    order = {}       # eventID -> position among the records of its key
    per_key = {}
    for r in records:
        key, seq = r["dynamodb"]["Keys"]["pk"]["S"], r["dynamodb"]["SequenceNumber"]
        v = int(r["dynamodb"]["NewImage"]["v"]["N"])
        stream[r["eventID"]] = (seq, key, v)
        order[r["eventID"]] = len(per_key.setdefault(key, []))
        per_key[key].append(v)
    for key, vs in per_key.items():
        if vs != sorted(vs):
            errors.append(f"{key}: the stream's records are out of write order")
    written = {(r[1], r[2]) for r in stream.values()}
    acked = [tuple(line.split()) for line in open(acked_path)] if os.path.exists(acked_path) else []
    missing_acked = [a for a in acked if (a[0], int(a[1])) not in written]
    if missing_acked:
        errors.append(f"{len(missing_acked)} acknowledged writes are not in the stream: {missing_acked[:5]}")

    lines, skipped = deliveries(deliveries_path)
    count, last_pos = {}, {}
    for event_id, seq, key in lines:
        s = stream.get(event_id)
        if s is None or s[0] != seq or s[1] != key:
            errors.append(f"delivered a record that is not in the stream: {event_id} {seq} {key}")
            continue
        first = event_id not in count
        count[event_id] = count.get(event_id, 0) + 1
        if first:
            pos = order[event_id]
            if pos <= last_pos.get(key, -1):
                errors.append(f"{key}: first delivery of record {pos} after record {last_pos[key]}")
            last_pos[key] = pos
    lost = [e for e in stream if e not in count]
    if lost:
        errors.append(f"{len(lost)} records never delivered, e.g. {[stream[e] for e in lost[:5]]}")
    duplicates = sum(c - 1 for c in count.values())
    redelivered = sum(1 for c in count.values() if c > 1)
    print(f"acknowledged writes {len(acked)}, stream records {len(records)} in {read_stream.shards} shards, "
          f"delivered lines {len(lines)} (cut lines skipped {skipped}), distinct delivered {len(count)}, "
          f"duplicates {duplicates} ({redelivered} records delivered more than once), errors {len(errors)}")
    for e in errors[:20]:
        print("  " + e)
    return 1 if errors else 0


if __name__ == "__main__":
    mode = sys.argv[1]
    if mode == "setup":
        setup(int(sys.argv[2]), sys.argv[3], sys.argv[4])
    elif mode == "write":
        write(int(sys.argv[2]), sys.argv[3], float(sys.argv[4]), int(sys.argv[5]))
    elif mode == "count":
        print(len(deliveries(sys.argv[2])[0]))
    else:
        sys.exit(check(int(sys.argv[2]), sys.argv[3], sys.argv[4]))
