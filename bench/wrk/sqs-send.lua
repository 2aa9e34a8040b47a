-- SendMessage of 1 KB bodies to the queue QUEUE (JSON 1.0, the protocol current SDKs speak)
local queue = os.getenv("QUEUE") or "bench"
local body = string.rep("x", tonumber(os.getenv("PAYLOAD") or "1000"))
local headers = {
  ["Content-Type"] = "application/x-amz-json-1.0",
  ["X-Amz-Target"] = "AmazonSQS.SendMessage",
  ["Authorization"] = "AWS4-HMAC-SHA256 Credential=bench/20260101/us-east-1/sqs/aws4_request, SignedHeaders=host, Signature=0",
}
local request_body = '{"QueueUrl":"http://127.0.0.1/000000000000/' .. queue .. '","MessageBody":"' .. body .. '"}'
request = function()
  return wrk.format("POST", "/", headers, request_body)
end
