-- Records the result of a step's phase that acted outside Redis, unless one was recorded first.
-- KEYS[1] barrier hash; ARGV[1] step, ARGV[2] phase ('f' or 'c'), ARGV[3] result reference
-- Returns {'RECORDED', result}, {'REPLAYED', the result recorded first} or, for a forward whose
-- compensation was recorded meanwhile, {'HANGING', ''}.
local forward, compensation = ARGV[1] .. ':f', ARGV[1] .. ':c'
local field = ARGV[2] == 'f' and forward or compensation
if ARGV[2] == 'f' and redis.call('HEXISTS', KEYS[1], compensation) == 1 then
  return {'HANGING', ''}
end
if redis.call('HSETNX', KEYS[1], field, ARGV[3]) == 1 then
  return {'RECORDED', ARGV[3]}
end
return {'REPLAYED', redis.call('HGET', KEYS[1], field)}
