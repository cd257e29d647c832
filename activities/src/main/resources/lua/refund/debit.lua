-- Posts a merchant debit once per idempotency key, unless an undo already voided that key.
-- KEYS[1] the refund saga's adjustments hash; ARGV[1] debit key, ARGV[2] adjustment, ARGV[3] TTL s
-- Returns {'APPLIED', adjustment}, {'REPLAYED', the first one} or {'VOIDED', ''}.
if redis.call('HEXISTS', KEYS[1], 'void:' .. ARGV[1]) == 1 then
  return {'VOIDED', ''}
end
local existing = redis.call('HGET', KEYS[1], ARGV[1])
if existing then
  return {'REPLAYED', existing}
end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('EXPIRE', KEYS[1], ARGV[3])
return {'APPLIED', ARGV[2]}
