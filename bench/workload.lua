-- wrk script for the queue and items workloads, chosen by $KIND:
--   enqueue  POST /message to channels one, two, three in turn (a ~60-byte message)
--   consume  GET /queue/{channel} over one, two, three in turn
--   items    GET /items (the first page, 100 items)
--   post     POST /items {"name":"x","description":"y"} (seed 004's hey payload)
-- $CACHE_CONTROL, when set, is sent as the Cache-Control header (no-cache: every page from PostgreSQL).
local kind = os.getenv("KIND") or "items"
local channels = { "one", "two", "three" }
local n = 0

function init(args)
  n = math.random(1, #channels)
end

local cache_control = os.getenv("CACHE_CONTROL")

function request()
  n = n + 1
  local channel = channels[(n % #channels) + 1]
  local headers = {}
  if cache_control then headers["Cache-Control"] = cache_control end
  if kind == "enqueue" then
    headers["Content-Type"] = "application/json"
    return wrk.format("POST", "/message", headers,
      '{"channel":"' .. channel .. '","message":{"seq":' .. n .. ',"task":"resize","size":512}}')
  elseif kind == "consume" then
    return wrk.format("GET", "/queue/" .. channel, headers)
  elseif kind == "post" then
    headers["Content-Type"] = "application/json"
    return wrk.format("POST", "/items", headers, '{"name":"x","description":"y"}')
  end
  return wrk.format("GET", "/items", headers)
end
