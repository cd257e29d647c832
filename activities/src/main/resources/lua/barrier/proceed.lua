-- The body of the barrier's begin (IdempotencyBarrier.begin): guard.lua has decided the phase may
-- act; the effect happens outside Redis, so nothing is written here and the caller records later.
return {'PROCEED', ''}
