-- POST /api/holds/ with a Bearer token per request, for wrk (Debian's package, LuaJIT).
--
-- Tokens: one a line in the file named by WRK_TOKENS. wrk's Lua cannot tell which connection
-- a request goes out on, so each thread takes the tokens in turn, request by request, starting
-- at its own offset: with as many tokens as connections, the requests in flight at one time
-- belong to different users, as with one user per connection.
-- Body: {"event": WRK_EVENT, "items": [{"slot": S, "quantity": 1}]}, S taken in turn from
-- WRK_SLOTS (comma-separated ids; one id: every request races for the same slot).
-- done() prints one line "statuses 201=… 409=…" that bench/wrkload.py reads.

local tokens, slots = {}, {}
local threads = {}
local thread_number = 0

local function load()
  for line in io.lines(os.getenv("WRK_TOKENS")) do
    if #line > 0 then tokens[#tokens + 1] = line end
  end
  for id in string.gmatch(os.getenv("WRK_SLOTS") or "", "%d+") do
    slots[#slots + 1] = id
  end
end

function setup(thread)
  thread:set("id", thread_number)
  thread_number = thread_number + 1
  threads[#threads + 1] = thread
end

local counter
statuses = {}  -- a global: done() reads it with thread:get
local event = os.getenv("WRK_EVENT")

function init(args)
  load()
  counter = id * 7919
  statuses = {}
end

function request()
  counter = counter + 1
  local token = tokens[(counter % #tokens) + 1]
  local slot = slots[(counter % #slots) + 1]
  local body = '{"event":"' .. event .. '","items":[{"slot":' .. slot .. ',"quantity":1}]}'
  return wrk.format("POST", "/api/holds/", {
    ["Authorization"] = "Bearer " .. token,
    ["Content-Type"] = "application/json",
  }, body)
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local total = {}
  for _, thread in ipairs(threads) do
    local counts = thread:get("statuses")
    for status, n in pairs(counts) do
      total[status] = (total[status] or 0) + n
    end
  end
  local parts = {}
  for status, n in pairs(total) do parts[#parts + 1] = status .. "=" .. n end
  table.sort(parts)
  io.write("statuses " .. table.concat(parts, " ") .. "\n")
  io.write(string.format("latency_us p50=%d p90=%d p99=%d max=%d\n",
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max))
end
