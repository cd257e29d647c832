-- Counts one attempt of a call and records when it started, then runs the call's write (the
-- body) in the same atomic script: one round trip. SandboxStore wraps each write script in this
-- one; a call that must log its attempt before doing anything else wraps log-only.lua.
-- KEYS[1] attempts hash (idempotency key -> count), KEYS[2] that key's start-time list
-- ARGV[1] idempotency key, ARGV[2] start time (epoch ms), ARGV[3] TTL in seconds,
-- ARGV[4] how many first attempts fail before any write (0 for none)
-- The body sees KEYS and ARGV after these, as its own script would.
-- Returns the body's {verdict, value} followed by the attempt number the sandbox saw (1 for the
-- first), or {'UNAVAILABLE', '', attempt} without running the body for an attempt that fails.
local attempt = redis.call('HINCRBY', KEYS[1], ARGV[1], 1)
redis.call('RPUSH', KEYS[2], ARGV[2])
redis.call('EXPIRE', KEYS[1], ARGV[3])
redis.call('EXPIRE', KEYS[2], ARGV[3])
if attempt <= tonumber(ARGV[4]) then
  return {'UNAVAILABLE', '', attempt}
end
-- Locals shadow the globals inside the body: it reads its own keys and arguments from 1.
local KEYS, ARGV = {unpack(KEYS, 3)}, {unpack(ARGV, 5)}
local function write()
--[[BODY]]
end
local reply = write()
reply[3] = attempt
return reply
