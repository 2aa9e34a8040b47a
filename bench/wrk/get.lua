package.path = debug.getinfo(1, "S").source:match("@(.*/)") .. "?.lua;" .. package.path
local common = require("common")
local keys = tonumber(os.getenv("KEYS") or "100000")
init = function(args)
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16) % 1000)
end
request = function()
  return common.post("GetItem", '{"TableName":"bench","Key":{"id":{"S":"k' .. math.random(1, keys) .. '"}}}')
end
