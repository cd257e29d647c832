-- Moves the payment's order from one status to another, once.
-- KEYS[1] order hash
-- ARGV[1] required current status, ARGV[2] target status, ARGV[3] now (epoch ms), ARGV[4] TTL in
-- seconds, ARGV[5] '1' to void the order when there is none (a cancel: a late create is refused)
-- Returns {'APPLIED', id}; {'REPLAYED', id} when it already has the target status;
-- {'NOTHING_TO_DO', ''} when there is no order; {'CONFLICT', current status} otherwise.
local id = redis.call('HGET', KEYS[1], 'id')
if not id then
  if ARGV[5] == '1' then
    redis.call('HSET', KEYS[1], '#void', '1')
    redis.call('EXPIRE', KEYS[1], ARGV[4])
  end
  return {'NOTHING_TO_DO', ''}
end
local status = redis.call('HGET', KEYS[1], 'status')
if status == ARGV[2] then
  return {'REPLAYED', id}
end
if status ~= ARGV[1] then
  return {'CONFLICT', status}
end
redis.call('HSET', KEYS[1], 'status', ARGV[2], 'updatedAt', ARGV[3])
redis.call('EXPIRE', KEYS[1], ARGV[4])
return {'APPLIED', id}
