-- Reads DLQ entries with the time each first entered the DLQ (the index score, which a rewrite of
-- the entry keeps), newest first, in one atomic call.
-- KEYS[1] saga:{dlq}:entries (hash), KEYS[2] saga:{dlq}:index (sorted set)
-- ARGV[1] 'page' with ARGV[2] offset, ARGV[3] last rank; or 'one' with ARGV[2] saga id
-- Returns {json, score, json, score...}; an indexed id without an entry is skipped.
local ids
if ARGV[1] == 'one' then
  ids = {ARGV[2]}
else
  ids = redis.call('ZREVRANGE', KEYS[2], ARGV[2], ARGV[3])
end
local found = {}
for _, id in ipairs(ids) do
  local json = redis.call('HGET', KEYS[1], id)
  local score = redis.call('ZSCORE', KEYS[2], id)
  if json and score then
    found[#found + 1] = json
    found[#found + 1] = score
  end
end
return found
