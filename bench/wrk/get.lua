-- GET one path (WRK_PATH, default /api/health/) with an optional Bearer token (WRK_TOKEN), for
-- wrk: the no-op floor beside the hot paths. done() prints what bench/wrkload.py reads.

local threads = {}
local path = os.getenv("WRK_PATH") or "/api/health/"
local token = os.getenv("WRK_TOKEN")

function setup(thread)
  threads[#threads + 1] = thread
end

statuses = {}  -- a global: done() reads it with thread:get

function init(args)
  statuses = {}
  local headers = {}
  if token and #token > 0 then headers["Authorization"] = "Bearer " .. token end
  wrk.headers["Authorization"] = headers["Authorization"]
end

function request()
  return wrk.format("GET", path)
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local total = {}
  for _, thread in ipairs(threads) do
    for status, n in pairs(thread:get("statuses")) do
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
