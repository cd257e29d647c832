-- The idempotency barrier around one business write, in the same atomic script.
-- The last KEY is the saga's barrier hash (saga:{<sagaId>}:barrier); the last two ARGV are the
-- step (its forward activity type) and the phase: 'f' forward, 'c' compensation. The business
-- write (the body) sees KEYS and ARGV as its caller built them and returns {verdict, value}.
-- IdempotencyBarrier.begin runs these same checks with a body that writes nothing (proceed.lua).
local barrier = KEYS[#KEYS]
local step, phase = ARGV[#ARGV - 1], ARGV[#ARGV]
local forward, compensation = step .. ':f', step .. ':c'
if phase == 'f' then
  -- Hanging: the compensation ran (or was found void) first; this late forward must do nothing.
  if redis.call('HEXISTS', barrier, compensation) == 1 then
    return {'HANGING', ''}
  end
  local done = redis.call('HGET', barrier, forward)
  if done then
    return {'REPLAYED', done}
  end
else
  local done = redis.call('HGET', barrier, compensation)
  if done == '-' then
    return {'NOTHING_TO_DO', ''}
  elseif done then
    return {'REPLAYED', done}
  end
  -- Null compensation: the forward never took effect. Record it, so a late forward is refused.
  if redis.call('HEXISTS', barrier, forward) == 0 then
    redis.call('HSET', barrier, compensation, '-')
    return {'NOTHING_TO_DO', ''}
  end
end
local function body()
--[[BODY]]
end
local reply = body()
local verdict = reply[1]
if verdict == 'APPLIED' then
  -- What the body wrote lives as long as the barrier: no TTL while the saga is open or parked (a
  -- compensation after weeks in the DLQ must still find the charge), the barrier's once it ends.
  -- The barrier's '_records' field lists those keys (all under the saga's hash tag) for expire.lua.
  local listed = redis.call('HGET', barrier, '_records') or ''
  for i = 1, #KEYS - 1 do
    redis.call('PERSIST', KEYS[i])
    if not string.find(' ' .. listed .. ' ', ' ' .. KEYS[i] .. ' ', 1, true) then
      listed = listed == '' and KEYS[i] or listed .. ' ' .. KEYS[i]
    end
  end
  redis.call('HSET', barrier, '_records', listed)
end
if verdict == 'APPLIED' or verdict == 'REPLAYED' or (phase == 'c' and verdict == 'NOTHING_TO_DO') then
  -- Only the reference (the movement's head) is kept: barrier records live as long as the saga.
  local reference = string.match(reply[2] or '', '^[^|]*')
  if reference == nil or reference == '' then
    reference = '-'
  end
  redis.call('HSET', barrier, phase == 'f' and forward or compensation, reference)
end
return reply
