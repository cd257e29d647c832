-- Creates the payment's order unless one exists; an existing order is never changed.
-- KEYS[1] order hash
-- ARGV[1] order id, ARGV[2] payment number, ARGV[3] merchant, ARGV[4] amount (minor units),
-- ARGV[5] currency, ARGV[6] now (epoch ms), ARGV[7] TTL in seconds
-- Returns {'APPLIED', id}, {'REPLAYED', id of the existing order}, or {'VOIDED', ''} when a cancel
-- found no order first (this late create takes no effect).
if redis.call('HEXISTS', KEYS[1], '#void') == 1 then
  return {'VOIDED', ''}
end
local existing = redis.call('HGET', KEYS[1], 'id')
if existing then
  return {'REPLAYED', existing}
end
redis.call('HSET', KEYS[1], 'id', ARGV[1], 'status', 'CREATED', 'paymentNo', ARGV[2],
  'merchantId', ARGV[3], 'amountMinor', ARGV[4], 'currency', ARGV[5],
  'createdAt', ARGV[6], 'updatedAt', ARGV[6])
redis.call('EXPIRE', KEYS[1], ARGV[7])
return {'APPLIED', ARGV[1]}
