-- Releases an operator's lock on one saga only if it still holds it. KEYS[1] the lock; ARGV[1] its token.
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
