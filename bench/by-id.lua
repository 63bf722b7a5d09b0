dofile("bench/percentiles.lua")
-- GET /api/v1/products/{id} for random ids of results/product-ids.txt.
local ids = {}
for line in io.lines(os.getenv("IDS_FILE") or "bench/results/product-ids.txt") do
  if #line > 0 then ids[#ids + 1] = line end
end
math.randomseed(os.time())
request = function()
  return wrk.format("GET", "/api/v1/products/" .. ids[math.random(#ids)])
end
