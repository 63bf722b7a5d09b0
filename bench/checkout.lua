-- POST /api/v1/orders (issue 3): each request is a checkout of 1–3 distinct products picked at random
-- among the seeded ones (so from 1–3 sellers: one order each), quantity 1–3, by a random buyer's
-- token or, for GUEST_SHARE of them, a guest. With HOT_SHARE > 0 that share of checkouts also takes
-- one unit of a "hot" product (small stock), whose refusals must be 400s, never oversold units.
--
-- Environment: PRODUCTS_FILE (lines "id seller_id initial_stock"), TOKENS_FILE (one token a line),
-- IDS_DIR (each thread appends the id of every order a 201 returned to IDS_DIR/order-ids-STAGE-N.txt),
-- STAGE (label), GUEST_SHARE (default 0.2), HOT_SHARE (default 0), HOT_BELOW (stock under which a
-- product is hot, default 1000).
-- Prints per-status counts, a few error bodies and one RESULT line.

local threads = {}
local thread_count = 0

function setup(thread)
  thread_count = thread_count + 1
  thread:set("tid", thread_count)
  table.insert(threads, thread)
end

local products, hot, tokens = {}, {}, {}
local guest_share, hot_share
local ids_file
local wilayas = { "Alger", "16", "Oran", "31", "Constantine", "25", "Blida", "09" }

counts = {}    -- status -> responses
orders = 0     -- orders placed (ids found in 201 bodies)
samples = {}   -- a few bodies of non-201 answers, and of 201s that name no order
nsamples = 0
empty = 0      -- 201s whose body names no order

function init(args)
  local hot_below = tonumber(os.getenv("HOT_BELOW") or "1000")
  for line in io.lines(os.getenv("PRODUCTS_FILE")) do
    local id, seller, stock = line:match("^(%S+)%s+(%S+)%s+(%d+)")
    if id then
      if tonumber(stock) < hot_below then hot[#hot + 1] = id else products[#products + 1] = id end
    end
  end
  for line in io.lines(os.getenv("TOKENS_FILE")) do
    if #line > 0 then tokens[#tokens + 1] = line end
  end
  guest_share = tonumber(os.getenv("GUEST_SHARE") or "0.2")
  hot_share = tonumber(os.getenv("HOT_SHARE") or "0")
  ids_file = io.open(string.format("%s/order-ids-%s-%d.txt", os.getenv("IDS_DIR"), os.getenv("STAGE") or "run", tid), "a")
  ids_file:setvbuf("line")
  math.randomseed(os.time() * 1000 + tid * 7919)
end

function request()
  local n = math.random(3)
  local picked, items = {}, {}
  if hot_share > 0 and #hot > 0 and math.random() < hot_share then
    local id = hot[math.random(#hot)]
    picked[id] = true
    items[#items + 1] = string.format('{"product_id":"%s","quantity":1}', id)
  end
  while #items < n do
    local id = products[math.random(#products)]
    if not picked[id] then
      picked[id] = true
      items[#items + 1] = string.format('{"product_id":"%s","quantity":%d}', id, math.random(3))
    end
  end
  local buyer = math.random(99999999)
  local body = string.format('{"customer_name":"Client %d","customer_phone":"05%08d",'
      .. '"shipping_address":"%d rue Didouche Mourad, Alger centre","customer_wilaya":"%s",'
      .. '"payment_method":"cod","items":[%s]}',
      buyer, buyer, buyer % 300 + 1, wilayas[math.random(#wilayas)], table.concat(items, ","))
  local headers = { ["Content-Type"] = "application/json" }
  if math.random() >= guest_share then
    headers["Authorization"] = "Bearer " .. tokens[math.random(#tokens)]
  end
  return wrk.format("POST", "/api/v1/orders", headers, body)
end

function response(status, headers, body)
  counts[status] = (counts[status] or 0) + 1
  if status == 201 then
    local found = 0
    for id in body:gmatch('"id":"([%x%-]+)","order_number"') do
      ids_file:write(id, "\n")
      found = found + 1
    end
    orders = orders + found
    if found == 0 then
      empty = empty + 1
      if nsamples < 3 then nsamples = nsamples + 1; samples[nsamples] = "201 " .. body:sub(1, 400) end
    end
  elseif nsamples < 3 then
    nsamples = nsamples + 1
    samples[nsamples] = status .. " " .. body:sub(1, 400)
  end
end

function done(summary, latency, requests)
  local secs = summary.duration / 1e6
  local by_status, placed, shown, empty_201 = {}, 0, 0, 0
  for _, t in ipairs(threads) do
    for status, n in pairs(t:get("counts")) do by_status[status] = (by_status[status] or 0) + n end
    placed = placed + t:get("orders")
    empty_201 = empty_201 + t:get("empty")
    for _, s in pairs(t:get("samples")) do
      if shown < 5 then io.write("SAMPLE ", s, "\n"); shown = shown + 1 end
    end
  end
  local statuses, line = {}, ""
  for status in pairs(by_status) do statuses[#statuses + 1] = status end
  table.sort(statuses)
  for _, status in ipairs(statuses) do line = line .. string.format(" status_%d=%d", status, by_status[status]) end
  local created = by_status[201] or 0
  local socket = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("RESULT stage=%s requests=%d duration_s=%.1f req_per_s=%.1f checkouts_per_s=%.1f "
      .. "orders=%d orders_per_s=%.1f p50_ms=%.1f p95_ms=%.1f p99_ms=%.1f max_ms=%.1f non2xx=%d socket_errors=%d "
      .. "timeouts=%d created_without_orders=%d%s\n",
      os.getenv("STAGE") or "run", summary.requests, secs, summary.requests / secs, created / secs,
      placed, placed / secs, latency:percentile(50) / 1000, latency:percentile(95) / 1000,
      latency:percentile(99) / 1000, latency.max / 1000, summary.errors.status, socket,
      summary.errors.timeout, empty_201, line))
end
