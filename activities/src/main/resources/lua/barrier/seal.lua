-- Seals the barrier of a saga that Temporal ended without finishing it: every compensable step
-- whose forward never began gets a null compensation record ('-'), so a forward attempt still on
-- its way (a worker that has not noticed yet) is refused as hanging whenever it arrives. A step
-- that began ('<Step>:b') without a record may have acted in its service: it is left open, its
-- compensation owed (the undo works by the forward's key: it undoes, or voids the key so the late
-- forward is refused downstream). Records of steps that took effect stay as they are.
-- KEYS[1] barrier hash; ARGV the compensable steps (their forward activity types)
-- Returns the records after sealing, as HGETALL does.
for _, step in ipairs(ARGV) do
  if redis.call('HEXISTS', KEYS[1], step .. ':f') == 0 and redis.call('HEXISTS', KEYS[1], step .. ':b') == 0 then
    redis.call('HSETNX', KEYS[1], step .. ':c', '-')
  end
end
return redis.call('HGETALL', KEYS[1])
