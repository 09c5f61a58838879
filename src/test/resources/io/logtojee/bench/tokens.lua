-- wrk script: GET <path> with the next token of a file (one per line) as a Bearer token, so that
-- every request carries another token. Thread n of t sends tokens offset+n, offset+n+t, ..., so a
-- run uses about as many tokens as it makes requests, from the offset on; the harness moves the
-- offset past them, so that no later run sends a token the application has seen before.
-- Arguments (after --): <tokens file> <path> <thread count> <offset, 0-based>

local threads_set_up = 0

function setup(thread)
  thread:set("thread_number", threads_set_up)
  threads_set_up = threads_set_up + 1
end

local tokens = {}
local next_token = 1
local stride = 1
local path = "/"

function init(args)
  for line in io.lines(args[1]) do
    if #line > 0 then
      tokens[#tokens + 1] = "Bearer " .. line
    end
  end
  path = args[2]
  stride = tonumber(args[3])
  next_token = (tonumber(args[4]) + thread_number) % #tokens + 1
end

function request()
  local authorization = tokens[next_token]
  next_token = (next_token - 1 + stride) % #tokens + 1
  return wrk.format("GET", path, { ["Authorization"] = authorization })
end
