-- Seals the barrier of a saga that Temporal ended without finishing it: every compensable step
-- whose forward never took effect gets a null compensation record ('-'), so a forward attempt
-- still on its way (a worker that has not noticed yet) is refused as hanging whenever it arrives.
-- Records of steps that took effect stay as they are.
-- KEYS[1] barrier hash; ARGV the compensable steps (their forward activity types)
-- Returns the records after sealing, as HGETALL does: from then on no forward record can appear.
for _, step in ipairs(ARGV) do
  if redis.call('HEXISTS', KEYS[1], step .. ':f') == 0 then
    redis.call('HSETNX', KEYS[1], step .. ':c', '-')
  end
end
return redis.call('HGETALL', KEYS[1])
