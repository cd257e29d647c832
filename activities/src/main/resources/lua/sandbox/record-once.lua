-- Records a movement (charge, ledger credit) under its idempotency key, once.
-- KEYS[1] hash of movements (idempotency key -> movement)
-- ARGV[1] idempotency key, ARGV[2] movement "<id>|<parameters>", ARGV[3] TTL in seconds
-- Returns {'APPLIED', movement}, {'REPLAYED', the movement recorded before},
-- {'KEY_REUSED', ''} when the key was used with other parameters, or {'VOIDED', ''} when an undo
-- voided the key first (a late forward takes no effect).
if redis.call('HEXISTS', KEYS[1], '#void:' .. ARGV[1]) == 1 then
  return {'VOIDED', ''}
end
local existing = redis.call('HGET', KEYS[1], ARGV[1])
if existing then
  local function parameters(movement)
    return string.sub(movement, (string.find(movement, '|', 1, true) or #movement) + 1)
  end
  if parameters(existing) ~= parameters(ARGV[2]) then
    return {'KEY_REUSED', ''}
  end
  return {'REPLAYED', existing}
end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('EXPIRE', KEYS[1], ARGV[3])
return {'APPLIED', ARGV[2]}
