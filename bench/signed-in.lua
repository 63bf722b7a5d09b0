dofile("bench/percentiles.lua")
-- GET /api/v1/products (READ=list) or /api/v1/products/{id} for random ids of IDS_FILE (READ=by-id),
-- each request with a random one of TOKENS_FILE's bearer tokens (one a line), so that the node sees
-- many users at once as in production; without TOKENS_FILE, a guest's. The requests are formatted
-- once, in each thread's init: formatting a 700-byte Authorization header per request cost wrk, on
-- the same two cores as the node, CPU that a guest's request did not, and the comparison measured wrk.
local read = os.getenv("READ") or "list"
local ids, tokens, requests = {}, {}, {}
init = function(args)
  if read == "by-id" then
    for line in io.lines(os.getenv("IDS_FILE") or "bench/results/product-ids.txt") do
      if #line > 0 then ids[#ids + 1] = line end
    end
  end
  local tokens_file = os.getenv("TOKENS_FILE")
  if tokens_file and #tokens_file > 0 then
    for line in io.lines(tokens_file) do
      if #line > 0 then tokens[#tokens + 1] = line end
    end
  end
  math.randomseed(os.time() + math.floor(os.clock() * 1e6))
  -- Every id and every token in some request: by id, request i is id i with token i (each list
  -- wrapping around); the list, one request per token.
  local count = math.max(read == "by-id" and #ids or 1, #tokens, 1)
  for i = 1, count do
    local path = read == "by-id" and "/api/v1/products/" .. ids[(i - 1) % #ids + 1] or "/api/v1/products"
    local headers = {}
    if #tokens > 0 then headers["Authorization"] = "Bearer " .. tokens[(i - 1) % #tokens + 1] end
    requests[i] = wrk.format("GET", path, headers)
  end
end
request = function()
  return requests[math.random(#requests)]
end
