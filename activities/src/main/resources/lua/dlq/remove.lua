-- Takes a saga out of the DLQ. KEYS[1] entries hash, KEYS[2] index; ARGV[1] saga id.
-- Returns 1 when there was an entry, 0 otherwise.
redis.call('ZREM', KEYS[2], ARGV[1])
return redis.call('HDEL', KEYS[1], ARGV[1])
