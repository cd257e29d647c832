-- Asks the barrier whether a step's phase may act, for effects outside Redis.
-- KEYS[1] barrier hash; ARGV[1] step, ARGV[2] phase ('f' or 'c')
-- Returns {'PROCEED', ''}, {'REPLAYED', recorded result}, {'HANGING', ''} (a forward after its
-- compensation) or {'NOTHING_TO_DO', ''} (a compensation whose forward never took effect: recorded).
local forward, compensation = ARGV[1] .. ':f', ARGV[1] .. ':c'
if ARGV[2] == 'f' then
  if redis.call('HEXISTS', KEYS[1], compensation) == 1 then
    return {'HANGING', ''}
  end
  local done = redis.call('HGET', KEYS[1], forward)
  if done then
    return {'REPLAYED', done}
  end
  return {'PROCEED', ''}
end
local done = redis.call('HGET', KEYS[1], compensation)
if done == '-' then
  return {'NOTHING_TO_DO', ''}
elseif done then
  return {'REPLAYED', done}
end
if redis.call('HEXISTS', KEYS[1], forward) == 0 then
  redis.call('HSET', KEYS[1], compensation, '-')
  return {'NOTHING_TO_DO', ''}
end
return {'PROCEED', ''}
