-- Takes back part or all of a recorded movement, once per idempotency key: a refund of a charge,
-- a merchant debit against a credit. The total taken back never passes the movement.
-- KEYS[1] hash holding the original movement, KEYS[2] hash of take-backs (may be the same hash)
-- ARGV[1] the original's key, ARGV[2] this take-back's key, ARGV[3] take-back id, ARGV[4] amount
-- (minor units), ARGV[5] TTL in seconds, ARGV[6] '1' to void the original's key when there is no
-- original (a refund: the charge arriving late takes no effect, record-once.lua)
-- Returns {'APPLIED', take-back}, {'REPLAYED', the one recorded before}, {'EXCEEDS', ''} when the
-- amount would pass what is left, {'NOTHING_TO_DO', ''} when there is no original, or
-- {'VOIDED', ''} when an undo of this take-back voided its key first.
-- A take-back is stored as "<id>|<amount>|<currency>|<original key>"; the running total in
-- KEYS[1] '#taken:<original key>'; a full undo of the original marks '#undone:<original key>'.
local done = redis.call('HGET', KEYS[2], ARGV[2])
if done then
  return {'REPLAYED', done}
end
if redis.call('HEXISTS', KEYS[2], '#void:' .. ARGV[2]) == 1 then
  return {'VOIDED', ''}
end
local original = redis.call('HGET', KEYS[1], ARGV[1])
if not original then
  if ARGV[6] == '1' then
    redis.call('HSET', KEYS[1], '#void:' .. ARGV[1], '1')
    redis.call('EXPIRE', KEYS[1], ARGV[5])
  end
  return {'NOTHING_TO_DO', ''}
end
local _, _, amount, currency = string.find(original, '^[^|]*|([^|]*)|([^|]*)')
local left = tonumber(amount) - tonumber(redis.call('HGET', KEYS[1], '#taken:' .. ARGV[1]) or '0')
if redis.call('HEXISTS', KEYS[1], '#undone:' .. ARGV[1]) == 1 then
  left = 0
end
if tonumber(ARGV[4]) > left then
  return {'EXCEEDS', ''}
end
local record = ARGV[3] .. '|' .. ARGV[4] .. '|' .. currency .. '|' .. ARGV[1]
redis.call('HSET', KEYS[2], ARGV[2], record)
redis.call('HINCRBY', KEYS[1], '#taken:' .. ARGV[1], ARGV[4])
redis.call('EXPIRE', KEYS[1], ARGV[5])
redis.call('EXPIRE', KEYS[2], ARGV[5])
return {'APPLIED', record}
