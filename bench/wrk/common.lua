-- shared by the DynamoDB scripts: a JSON 1.0 POST with a SigV4-shaped Authorization header
-- (Eddy, like other local servers, checks its presence and shape, not the signature)
local M = {}
M.headers = {
  ["Content-Type"] = "application/x-amz-json-1.0",
  ["Authorization"] = "AWS4-HMAC-SHA256 Credential=bench/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0",
}
function M.post(target, body)
  M.headers["X-Amz-Target"] = "DynamoDB_20120810." .. target
  return wrk.format("POST", "/", M.headers, body)
end
return M
