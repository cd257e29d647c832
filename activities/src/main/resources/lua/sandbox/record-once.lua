-- Records a movement (charge, ledger credit) under its idempotency key, once.
-- KEYS[1] hash of movements (idempotency key -> movement)
-- ARGV[1] idempotency key, ARGV[2] movement, ARGV[3] TTL in seconds
-- Returns {'APPLIED', movement} or {'REPLAYED', the movement recorded before}.
local existing = redis.call('HGET', KEYS[1], ARGV[1])
if existing then
  return {'REPLAYED', existing}
end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('EXPIRE', KEYS[1], ARGV[3])
return {'APPLIED', ARGV[2]}
