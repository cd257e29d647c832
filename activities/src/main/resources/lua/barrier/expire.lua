-- The saga is over (IdempotencyBarrier.expire: it ended COMPLETED, COMPENSATED or RESOLVED, the
-- sweeper found it completed or with nothing left to undo, or an operator resolved a saga Temporal
-- had ended): the barrier hash and every business record written inside it (the keys its
-- '_records' field lists, all under the saga's hash tag) get the TTL.
-- In the same script every step record that holds a result reference is rewritten to ENDED: for
-- the rest of the window a record only refuses or replays a late delivery (a zombie attempt of a
-- closed saga), which needs to know what was done, not the reference. Null compensations ('-') and
-- records already ENDED stay as they are, and so does '_records' (keep.lua reads it should the saga
-- be parked again). A step's begin marker ('<Step>:b', an attempt began) goes once the step has a
-- forward or a compensation record: every reader (the seal, the sweeper's steps) then goes by the
-- record. A finished payment saga's barrier shrinks from about 300 to about 200 bytes
-- (docs/BENCHMARKS.md).
-- KEYS[1] barrier hash; ARGV[1] TTL in seconds, ARGV[2] the ENDED marker ('+').
-- Returns EXPIRE's reply for the hash: 1, or 0 when the saga has no barrier (nothing is written).
local fields = redis.call('HGETALL', KEYS[1])
local present = {}
for i = 1, #fields, 2 do
  present[fields[i]] = true
end
local shrunk, begun = {}, {}
for i = 1, #fields, 2 do
  local step = string.match(fields[i], '^(.*):b$')
  if step then
    if present[step .. ':f'] or present[step .. ':c'] then
      begun[#begun + 1] = fields[i]
    end
  elseif fields[i] == '_records' then
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
if #begun > 0 then
  redis.call('HDEL', KEYS[1], unpack(begun))
end
return redis.call('EXPIRE', KEYS[1], ARGV[1])
