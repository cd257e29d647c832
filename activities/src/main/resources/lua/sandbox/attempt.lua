-- Counts one attempt of an activity type and records when it started.
-- KEYS[1] attempts hash (activity type -> count), KEYS[2] that type's start-time list
-- ARGV[1] activity type, ARGV[2] start time (epoch ms), ARGV[3] TTL in seconds
-- Returns the attempt number the sandbox saw (1 for the first).
local attempt = redis.call('HINCRBY', KEYS[1], ARGV[1], 1)
redis.call('RPUSH', KEYS[2], ARGV[2])
redis.call('EXPIRE', KEYS[1], ARGV[3])
redis.call('EXPIRE', KEYS[2], ARGV[3])
return attempt
