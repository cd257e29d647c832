-- Undoes a recorded movement (refunds a charge, reverses a credit), once; with nothing recorded
-- there is nothing to undo and nothing is written.
-- KEYS[1] hash holding the original movement, KEYS[2] hash of undos (may be the same hash)
-- ARGV[1] the original's idempotency key, ARGV[2] the undo's idempotency key, ARGV[3] undo id,
-- ARGV[4] TTL in seconds
-- Returns {'APPLIED', undo}, {'REPLAYED', the undo recorded before} or {'NOTHING_TO_DO', ''};
-- an undo is stored as "<undo id>|<original movement>".
local done = redis.call('HGET', KEYS[2], ARGV[2])
if done then
  return {'REPLAYED', done}
end
local original = redis.call('HGET', KEYS[1], ARGV[1])
if not original then
  return {'NOTHING_TO_DO', ''}
end
local undo = ARGV[3] .. '|' .. original
redis.call('HSET', KEYS[2], ARGV[2], undo)
redis.call('EXPIRE', KEYS[2], ARGV[4])
return {'APPLIED', undo}
