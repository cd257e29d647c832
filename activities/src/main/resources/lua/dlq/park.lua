-- Writes (or rewrites) a saga's DLQ entry; the index keeps the time it first entered the DLQ.
-- KEYS[1] saga:{dlq}:entries (hash), KEYS[2] saga:{dlq}:index (sorted set)
-- ARGV[1] saga id, ARGV[2] entry JSON, ARGV[3] DLQ time (epoch ms)
-- Returns 1 when the saga entered the DLQ now, 0 when it was there already.
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
return redis.call('ZADD', KEYS[2], 'NX', ARGV[3], ARGV[1])
