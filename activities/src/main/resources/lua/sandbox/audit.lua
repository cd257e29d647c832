-- Reads everything the sandbox holds about one saga in one atomic snapshot.
-- KEYS[1] order, KEYS[2] charges, KEYS[3] refunds, KEYS[4] ledger, KEYS[5] attempts (hashes),
-- KEYS[6..] attempt start-time lists, one per activity type, in the caller's order
-- Returns {order, charges, refunds, ledger, attempts, times...}: hashes as flat field/value lists.
local snapshot = {}
for i = 1, 5 do
  snapshot[i] = redis.call('HGETALL', KEYS[i])
end
for i = 6, #KEYS do
  snapshot[i] = redis.call('LRANGE', KEYS[i], 0, -1)
end
return snapshot
