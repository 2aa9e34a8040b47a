#!/usr/bin/env python3
"""Crash test helper for DynamoDB Streams (see streams-crash-test).

  streams_crash_check.py write PORT TABLE LOG SECONDS   concurrent PutItems; acknowledged ones go to LOG
  streams_crash_check.py check PORT TABLE LOG           reads the stream after a restart and checks it

Each writer thread owns a few items and writes n = 1, 2, 3, ... to each in turn. After the crash,
per item: the stream holds every acknowledged n, each once, in increasing order; it may hold one
more n (the write in flight when the process died) and nothing else; the item in the table equals
the last record's image (no write without its record, no record without its write)."""
import http.client
import json
import sys
import threading
import time

AUTH = ("AWS4-HMAC-SHA256 Credential=crash/20260101/us-east-1/dynamodb/aws4_request, "
        "SignedHeaders=host, Signature=0")


class Api:
    def __init__(self, port):
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)

    def call(self, prefix, op, body):
        self.conn.request("POST", "/", json.dumps(body), {
            "X-Amz-Target": prefix + "." + op, "Content-Type": "application/x-amz-json-1.0",
            "Authorization": AUTH})
        r = self.conn.getresponse()
        data = r.read()
        if r.status != 200:
            raise RuntimeError(f"{op}: {r.status} {data[:200]!r}")
        return json.loads(data)

    def ddb(self, op, body):
        return self.call("DynamoDB_20120810", op, body)

    def streams(self, op, body):
        return self.call("DynamoDBStreams_20120810", op, body)


def write(port, table, log_path, seconds, writers=8, items_per_writer=4):
    lock = threading.Lock()
    log = open(log_path, "a", buffering=1)
    deadline = time.time() + seconds

    def run(w):
        api = Api(port)
        n = 0
        while time.time() < deadline:
            n += 1
            for i in range(items_per_writer):
                item = f"w{w}-i{i}"
                try:
                    api.ddb("PutItem", {"TableName": table, "Item": {"id": {"S": item}, "n": {"N": str(n)}}})
                except Exception:
                    return  # the server died: this write's outcome is unknown
                with lock:
                    log.write(f"{item} {n}\n")

    threads = [threading.Thread(target=run, args=(w,)) for w in range(writers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


def read_stream(api, arn):
    shards, start = [], None
    while True:
        body = {"StreamArn": arn}
        if start:
            body["ExclusiveStartShardId"] = start
        d = api.streams("DescribeStream", body)["StreamDescription"]
        shards += d["Shards"]
        start = d.get("LastEvaluatedShardId")
        if not start:
            break
    known = {s["ShardId"] for s in shards}
    read_stream.shards = len(shards)
    read_stream.closed = sum(1 for s in shards if "EndingSequenceNumber" in s["SequenceNumberRange"])
    done, records, pending = set(), [], list(shards)
    while pending:
        s = next(s for s in pending if s.get("ParentShardId") not in known or s["ParentShardId"] in done)
        it = api.streams("GetShardIterator", {"StreamArn": arn, "ShardId": s["ShardId"],
                                              "ShardIteratorType": "TRIM_HORIZON"})["ShardIterator"]
        closed = "EndingSequenceNumber" in s["SequenceNumberRange"]
        while it:
            out = api.streams("GetRecords", {"ShardIterator": it})
            for r in out["Records"]:
                r["shard"] = s["ShardId"]  # for checks: numbers are unique within a shard
            records += out["Records"]
            if not closed and not out["Records"]:
                break
            it = out.get("NextShardIterator")
        done.add(s["ShardId"])
        pending.remove(s)
    return records


def check(port, table, log_path):
    api = Api(port)
    acked = {}
    for line in open(log_path):
        item, n = line.split()
        acked.setdefault(item, []).append(int(n))
    arn = api.ddb("DescribeTable", {"TableName": table})["Table"]["LatestStreamArn"]
    records = read_stream(api, arn)
    shard_info = f"shards {read_stream.shards} ({read_stream.closed} closed)"
    errors = []
    ids = [r["eventID"] for r in records]
    if len(ids) != len(set(ids)):
        errors.append("duplicate eventIDs")
    seen = {}
    for r in records:
        item = r["dynamodb"]["Keys"]["id"]["S"]
        seen.setdefault(item, []).append(int(r["dynamodb"]["NewImage"]["n"]["N"]))
    extra_total = 0
    for item in sorted(set(acked) | set(seen)):
        got, want = seen.get(item, []), sorted(acked.get(item, []))
        if got != sorted(got) or len(got) != len(set(got)):
            errors.append(f"{item}: out of order or duplicated: {got[:20]}")
        missing = set(want) - set(got)
        if missing:
            errors.append(f"{item}: acknowledged writes missing from the stream: {sorted(missing)[:10]}")
        extra = [n for n in got if n not in set(want)]
        top = max(want) if want else 0
        if any(n != top + 1 for n in extra) or len(extra) > 1:
            errors.append(f"{item}: records of writes that were never sent or acknowledged: {extra}")
        extra_total += len(extra)
        current = api.ddb("GetItem", {"TableName": table, "Key": {"id": {"S": item}}, "ConsistentRead": True})
        n_now = int(current["Item"]["n"]["N"]) if "Item" in current else None
        if (got[-1] if got else None) != n_now:
            errors.append(f"{item}: table has n={n_now} but the last stream record has {got[-1:] or None}")
    # writes after the restart still get higher sequence numbers in the same lineage
    before = {r["dynamodb"]["Keys"]["id"]["S"]: r["dynamodb"]["SequenceNumber"] for r in records}
    for item in list(before)[:4]:
        api.ddb("PutItem", {"TableName": table, "Item": {"id": {"S": item}, "n": {"N": "999999"}}})
    after = [r for r in read_stream(api, arn) if r["dynamodb"]["NewImage"]["n"]["N"] == "999999"]
    for r in after:
        if int(r["dynamodb"]["SequenceNumber"]) <= int(before[r["dynamodb"]["Keys"]["id"]["S"]]):
            errors.append("a write after the restart got a lower sequence number")
    if len(after) != min(4, len(before)):
        errors.append(f"writes after the restart: {len(after)} records")
    acked_total = sum(len(v) for v in acked.values())
    print(f"acknowledged {acked_total}, records {len(records)}, in-flight extras {extra_total}, "
          f"{shard_info}, errors {len(errors)}")
    for e in errors[:20]:
        print("  " + e)
    return 1 if errors else 0


if __name__ == "__main__":
    mode = sys.argv[1]
    if mode == "write":
        write(int(sys.argv[2]), sys.argv[3], sys.argv[4], float(sys.argv[5]))
    else:
        sys.exit(check(int(sys.argv[2]), sys.argv[3], sys.argv[4]))
