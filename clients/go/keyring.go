package paysaga

import (
	"encoding/base64"
	"fmt"
	"os"
	"regexp"
	"sort"
	"strings"
)

// KeyBytes is the size of an AES-256 key.
const KeyBytes = 32

var keyIDPattern = regexp.MustCompile(`^[A-Za-z0-9._-]{1,64}$`)

// Keyring holds the workers' payload keys, oldest first: the last one encrypts, every one decrypts
// (Java's org.paysaga.codec.Keyring).
type Keyring struct {
	keys    map[string][]byte
	current string
}

// ParseKeyring reads the text form of Java's Keyring.parse: <key-id>:<base64 of 32 bytes> entries,
// one per line or comma-separated, blank lines and # comments skipped (as in Java, a comma splits
// a comment line too). source names the text in messages; no message repeats a key.
func ParseKeyring(text, source string) (*Keyring, error) {
	k := &Keyring{keys: map[string][]byte{}}
	entry := 0
	var entries []string
	for _, line := range strings.Split(text, "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), "#") {
			continue // a comment line, commas and all
		}
		entries = append(entries, strings.Split(line, ",")...)
	}
	for _, line := range entries {
		trimmed := strings.TrimSpace(line)
		if trimmed == "" {
			continue
		}
		entry++
		id, encoded, ok := strings.Cut(trimmed, ":")
		if !ok {
			return nil, fmt.Errorf("%s: entry %d is not <key-id>:<base64 key>", source, entry)
		}
		id = strings.TrimSpace(id)
		if !keyIDPattern.MatchString(id) {
			return nil, fmt.Errorf("%s: key ID '%s' must be 1 to 64 letters, digits, '.', '_' or '-'", source, id)
		}
		key, err := base64.StdEncoding.DecodeString(strings.TrimSpace(encoded))
		if err != nil {
			return nil, fmt.Errorf("%s: key %s is not base64", source, id)
		}
		if len(key) != KeyBytes {
			return nil, fmt.Errorf("%s: key %s has %d bytes; AES-256 takes %d (base64 of 32 random bytes, e.g. `openssl rand -base64 32`)",
				source, id, len(key), KeyBytes)
		}
		if _, dup := k.keys[id]; dup {
			return nil, fmt.Errorf("%s key ID %s appears twice", source, id)
		}
		k.keys[id] = key
		k.current = id
	}
	if len(k.keys) == 0 {
		return nil, fmt.Errorf("%s holds no key", source)
	}
	return k, nil
}

// ReadKeyring reads a key file; the message names the file, never a key.
func ReadKeyring(file string) (*Keyring, error) {
	text, err := os.ReadFile(file)
	if err != nil {
		return nil, fmt.Errorf("cannot read the key file %s: %w", file, err)
	}
	return ParseKeyring(string(text), "key file "+file)
}

// KeyringFromEnv reads the keys as the CLI does: the file SAGA_CODEC_KEYFILE, else the key lines in
// SAGA_CODEC_KEYS. ok is false when neither is set.
func KeyringFromEnv() (k *Keyring, ok bool, err error) {
	if file := strings.TrimSpace(os.Getenv("SAGA_CODEC_KEYFILE")); file != "" {
		k, err = ReadKeyring(file)
		return k, true, err
	}
	if text := os.Getenv("SAGA_CODEC_KEYS"); strings.TrimSpace(text) != "" {
		k, err = ParseKeyring(text, "SAGA_CODEC_KEYS")
		return k, true, err
	}
	return nil, false, nil
}

// CurrentID is the ID of the key that encrypts.
func (k *Keyring) CurrentID() string { return k.current }

// IDs lists the key IDs, sorted, for messages.
func (k *Keyring) IDs() []string {
	ids := make([]string, 0, len(k.keys))
	for id := range k.keys {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

func (k *Keyring) String() string {
	return fmt.Sprintf("Keyring%v, encrypting with %s", k.IDs(), k.current)
}
