-- The body of the barrier's begin (IdempotencyBarrier.begin): guard.lua has decided the phase may
-- act; the effect happens outside Redis and the caller records it later. A forward leaves a mark
-- ('<Step>:b') that an attempt began: should Temporal end the saga before the record, the seal
-- (seal.lua) must leave that step's compensation owed, as the service may have acted.
if ARGV[#ARGV] == 'f' then
  redis.call('HSETNX', KEYS[#KEYS], ARGV[#ARGV - 1] .. ':b', '1')
end
return {'PROCEED', ''}
