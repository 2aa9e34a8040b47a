package.path = debug.getinfo(1, "S").source:match("@(.*/)") .. "?.lua;" .. package.path
local common = require("common")
local keys = tonumber(os.getenv("KEYS") or "100000")
-- about 1 KB per item: key, a 1000-character payload and a number
local payload = string.rep("x", 1000)
init = function(args)
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16) % 1000)
end
request = function()
  local id = "k" .. math.random(1, keys)
  return common.post("PutItem", '{"TableName":"bench","Item":{"id":{"S":"' .. id ..
    '"},"payload":{"S":"' .. payload .. '"},"n":{"N":"' .. math.random(1, 1000000) .. '"}}}')
end
