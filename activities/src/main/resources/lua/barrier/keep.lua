-- The saga is open again or parked: neither its barrier nor the records written inside it may
-- expire under it. KEYS[1] barrier hash. Returns PERSIST's reply for the hash.
local listed = redis.call('HGET', KEYS[1], '_records')
if listed then
  for key in string.gmatch(listed, '%S+') do
    redis.call('PERSIST', key)
  end
end
return redis.call('PERSIST', KEYS[1])
