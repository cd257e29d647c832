-- The saga ended: its records start their TTL. For the rest of their life they only refuse or
-- replay a late delivery (a zombie attempt of a closed saga), which needs to know what was done,
-- not the result references: each value shrinks to ENDED ('-', nothing done, stays). That halves
-- the hash a finished saga keeps for the idempotency window.
-- The business records written inside the barrier (its '_records' field, same hash tag) start
-- the same TTL.
-- KEYS[1] barrier hash; ARGV[1] TTL in seconds, ARGV[2] the ENDED marker. Returns EXPIRE's reply.
local fields = redis.call('HGETALL', KEYS[1])
local shrunk = {}
for i = 1, #fields, 2 do
  if fields[i] == '_records' then
    for key in string.gmatch(fields[i + 1], '%S+') do
      redis.call('EXPIRE', key, ARGV[1])
    end
  elseif fields[i + 1] ~= '-' and fields[i + 1] ~= ARGV[2] then
    shrunk[#shrunk + 1] = fields[i]
    shrunk[#shrunk + 1] = ARGV[2]
  end
end
if #shrunk > 0 then
  redis.call('HSET', KEYS[1], unpack(shrunk))
end
return redis.call('EXPIRE', KEYS[1], ARGV[1])
