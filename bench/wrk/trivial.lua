package.path = debug.getinfo(1, "S").source:match("@(.*/)") .. "?.lua;" .. package.path
local common = require("common")
request = function()
  return common.post("DescribeLimits", "{}")
end
