#!/usr/bin/env python3
"""Times GetRecords calls with Limit 1000 over one keep-alive connection: median and p99 latency,
records per call. Usage: getrecords.py PORT TABLE"""
import http.client
import json
import statistics
import sys
import time

port, table = int(sys.argv[1]), sys.argv[2]
conn = http.client.HTTPConnection("127.0.0.1", port)
AUTH = ("AWS4-HMAC-SHA256 Credential=bench/20260101/us-east-1/dynamodb/aws4_request, "
        "SignedHeaders=host, Signature=0")


def call(prefix, op, body, timing=None):
    t0 = time.perf_counter()
    conn.request("POST", "/", json.dumps(body), {
        "X-Amz-Target": prefix + "." + op, "Content-Type": "application/x-amz-json-1.0", "Authorization": AUTH})
    r = conn.getresponse()
    data = r.read()
    if timing is not None:
        timing.append((time.perf_counter() - t0) * 1000)  # request and response bytes, not JSON parsing
    if r.status != 200:
        raise SystemExit(f"{op} failed: {r.status} {data[:300]!r}")
    return json.loads(data)


arn = call("DynamoDB_20120810", "DescribeTable", {"TableName": table})["Table"]["LatestStreamArn"]
shards = call("DynamoDBStreams_20120810", "DescribeStream", {"StreamArn": arn})["StreamDescription"]["Shards"]
lat, counts = [], []
for _ in range(5):
    for shard in shards:
        it = call("DynamoDBStreams_20120810", "GetShardIterator",
                  {"StreamArn": arn, "ShardId": shard["ShardId"], "ShardIteratorType": "TRIM_HORIZON"})["ShardIterator"]
        while it:
            timing = []
            out = call("DynamoDBStreams_20120810", "GetRecords", {"ShardIterator": it, "Limit": 1000}, timing)
            dt = timing[0]
            n = len(out["Records"])
            if n == 0:
                break
            if n == 1000:
                lat.append(dt)
            counts.append(n)
            it = out.get("NextShardIterator")
if not lat:
    raise SystemExit("no GetRecords call returned 1000 records")
lat.sort()
print(f"calls returning 1000 records: {len(lat)}; latency median {statistics.median(lat):.2f} ms, "
      f"p90 {lat[int(len(lat) * 0.9)]:.2f} ms, p99 {lat[min(len(lat) - 1, int(len(lat) * 0.99))]:.2f} ms, "
      f"max {lat[-1]:.2f} ms")
