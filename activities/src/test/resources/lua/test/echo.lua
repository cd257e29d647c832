-- Test script: answers with its first key and first argument.
return {KEYS[1], ARGV[1]}
