-- writes keys k1..kKEYS once each (threads interleave), then only sends cheap health checks
package.path = debug.getinfo(1, "S").source:match("@(.*/)") .. "?.lua;" .. package.path
local common = require("common")
local keys = tonumber(os.getenv("KEYS") or "100000")
local payload = string.rep("x", 1000)
local threads = {}
setup = function(thread)
  thread:set("index", #threads)
  table.insert(threads, thread)
end
init = function(args)
  nthreads = tonumber(os.getenv("THREADS") or "2")
  next_key = index + 1
end
request = function()
  if next_key > keys then
    return wrk.format("GET", "/")
  end
  local id = "k" .. next_key
  next_key = next_key + nthreads
  return common.post("PutItem", '{"TableName":"bench","Item":{"id":{"S":"' .. id ..
    '"},"payload":{"S":"' .. payload .. '"},"n":{"N":"1"}}}')
end
