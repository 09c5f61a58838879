-- wrk script: GET <path> with the next token of a file (one per line) as a Bearer token, so that
-- every request carries another token; each thread starts at its own place in the file.
-- Arguments (after --): <tokens file> <path> <thread count>

local threads_set_up = 0

function setup(thread)
  thread:set("thread_number", threads_set_up)
  threads_set_up = threads_set_up + 1
end

local tokens = {}
local next_token = 1
local path = "/"

function init(args)
  for line in io.lines(args[1]) do
    if #line > 0 then
      tokens[#tokens + 1] = "Bearer " .. line
    end
  end
  path = args[2]
  local thread_count = tonumber(args[3])
  next_token = math.floor(#tokens * thread_number / thread_count) + 1
end

function request()
  local authorization = tokens[next_token]
  next_token = next_token % #tokens + 1
  return wrk.format("GET", path, { ["Authorization"] = authorization })
end
