-- wrk script: POST <path> as Logto's HTTP email connector does, a sign-in code to a new address on
-- every request (so the per-recipient limit never applies).
-- Arguments (after --): <path> <Authorization value> <label that makes this run's addresses unique>

local threads_set_up = 0

function setup(thread)
  thread:set("thread_number", threads_set_up)
  threads_set_up = threads_set_up + 1
end

local path = "/"
local headers = {}
local prefix = ""
local sent = 0

function init(args)
  path = args[1]
  headers = { ["Content-Type"] = "application/json", ["Authorization"] = args[2] }
  prefix = "bench-" .. args[3] .. "-" .. thread_number .. "-"
end

function request()
  sent = sent + 1
  local body = '{"to":"' .. prefix .. sent .. '@example.test","type":"SignIn",'
    .. '"payload":{"code":"123456","locale":"en"}}'
  return wrk.format("POST", path, headers, body)
end
