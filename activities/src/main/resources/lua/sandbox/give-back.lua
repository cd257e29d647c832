-- Undoes an entry once: the reversal of a credit (nothing is left to take back after it), or the
-- credit back of a take-back (its amount may be taken back again).
-- KEYS[1] hash holding the undone entry, KEYS[2] hash of undos (may be the same hash)
-- ARGV[1] the undone entry's key, ARGV[2] this undo's key, ARGV[3] undo id, ARGV[4] TTL in seconds,
-- ARGV[5] 'whole' (a credit) or 'take-back' (stored by take-back.lua with its original's key)
-- Returns {'APPLIED', undo}, {'REPLAYED', the one recorded before} or {'NOTHING_TO_DO', ''} (the
-- entry's key is voided: a late entry under it takes no effect). An undo is stored as
-- "<undo id>|<the undone entry>".
local done = redis.call('HGET', KEYS[2], ARGV[2])
if done then
  return {'REPLAYED', done}
end
local entry = redis.call('HGET', KEYS[1], ARGV[1])
if not entry then
  redis.call('HSET', KEYS[1], '#void:' .. ARGV[1], '1')
  redis.call('EXPIRE', KEYS[1], ARGV[4])
  return {'NOTHING_TO_DO', ''}
end
if ARGV[5] == 'take-back' then
  local _, _, amount, original = string.find(entry, '^[^|]*|([^|]*)|[^|]*|(.*)$')
  redis.call('HINCRBY', KEYS[1], '#taken:' .. original, -tonumber(amount))
else
  redis.call('HSET', KEYS[1], '#undone:' .. ARGV[1], '1')
end
local undo = ARGV[3] .. '|' .. entry
redis.call('HSET', KEYS[2], ARGV[2], undo)
redis.call('EXPIRE', KEYS[1], ARGV[4])
redis.call('EXPIRE', KEYS[2], ARGV[4])
return {'APPLIED', undo}
