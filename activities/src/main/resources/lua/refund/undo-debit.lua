-- Undoes the debit posted under a key, once. A debit never seen is voided instead: the key is
-- remembered, and a debit arriving late under it is refused (debit.lua).
-- KEYS[1] adjustments hash; ARGV[1] debit key, ARGV[2] undo key, ARGV[3] undo adjustment, ARGV[4] TTL s
-- Returns {'APPLIED', undo}, {'REPLAYED', the first undo} or {'NOTHING_TO_DO', ''} (voided).
local done = redis.call('HGET', KEYS[1], ARGV[2])
if done then
  return {'REPLAYED', done}
end
if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 0 then
  redis.call('HSET', KEYS[1], 'void:' .. ARGV[1], '1')
  redis.call('EXPIRE', KEYS[1], ARGV[4])
  return {'NOTHING_TO_DO', ''}
end
redis.call('HSET', KEYS[1], ARGV[2], ARGV[3])
redis.call('EXPIRE', KEYS[1], ARGV[4])
return {'APPLIED', ARGV[3]}
