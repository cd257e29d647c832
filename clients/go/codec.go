package paysaga

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"errors"
	"fmt"
	"strings"

	commonpb "go.temporal.io/api/common/v1"
	"go.temporal.io/sdk/converter"
	"go.temporal.io/sdk/temporal"
	"google.golang.org/protobuf/proto"
)

// The metadata of an encrypted payload, byte-compatible with Java's AesGcmPayloadCodec.
const (
	EncryptedEncoding = "binary/encrypted"
	MetadataEncoding  = "encoding"
	MetadataCipher    = "encryption-cipher"
	MetadataKeyID     = "encryption-key-id"
	Cipher            = "AES256-GCM"
	nonceBytes        = 12
)

// Codec encrypts each whole payload (its proto bytes, metadata included) with AES-256-GCM under the
// keyring's current key, a fresh 12-byte nonce and the key ID as associated data; data is
// nonce || ciphertext+tag. Decoding passes payloads that are not binary/encrypted through.
type Codec struct {
	keyring *Keyring
}

// NewCodec is the payload codec of the workers' keys.
func NewCodec(keyring *Keyring) *Codec { return &Codec{keyring: keyring} }

var _ converter.PayloadCodec = (*Codec)(nil)

// Encode encrypts every payload under the current key.
func (c *Codec) Encode(payloads []*commonpb.Payload) ([]*commonpb.Payload, error) {
	out := make([]*commonpb.Payload, len(payloads))
	for i, p := range payloads {
		sealed, err := c.encrypt(p)
		if err != nil {
			return nil, err
		}
		out[i] = sealed
	}
	return out, nil
}

// Decode decrypts the payloads this codec encrypted and leaves the others as they are.
func (c *Codec) Decode(payloads []*commonpb.Payload) ([]*commonpb.Payload, error) {
	out := make([]*commonpb.Payload, len(payloads))
	for i, p := range payloads {
		opened, err := c.decrypt(p)
		if err != nil {
			return nil, err
		}
		out[i] = opened
	}
	return out, nil
}

func gcm(key []byte) (cipher.AEAD, error) {
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	return cipher.NewGCM(block)
}

func (c *Codec) encrypt(p *commonpb.Payload) (*commonpb.Payload, error) {
	id := c.keyring.current
	plain, err := proto.Marshal(p)
	if err != nil {
		return nil, fmt.Errorf("cannot serialize a payload: %w", err)
	}
	aead, err := gcm(c.keyring.keys[id])
	if err != nil {
		return nil, fmt.Errorf("cannot encrypt a payload with key %s: %w", id, err)
	}
	nonce := make([]byte, nonceBytes, nonceBytes+len(plain)+aead.Overhead())
	if _, err := rand.Read(nonce); err != nil {
		return nil, fmt.Errorf("cannot encrypt a payload with key %s: %w", id, err)
	}
	return &commonpb.Payload{
		Metadata: map[string][]byte{
			MetadataEncoding: []byte(EncryptedEncoding),
			MetadataCipher:   []byte(Cipher),
			MetadataKeyID:    []byte(id),
		},
		Data: aead.Seal(nonce, nonce, plain, []byte(id)),
	}, nil
}

// ErrUnknownKey: a payload names a key ID the keyring does not hold.
var ErrUnknownKey = errors.New("payload key not in the keyring")

func (c *Codec) decrypt(p *commonpb.Payload) (*commonpb.Payload, error) {
	if string(p.GetMetadata()[MetadataEncoding]) != EncryptedEncoding {
		return p, nil
	}
	id := string(p.GetMetadata()[MetadataKeyID])
	key, ok := c.keyring.keys[id]
	if !ok {
		return nil, fmt.Errorf("%w: payload encrypted with key ID '%s', which this keyring does not hold (it holds %s): "+
			"add that key to the key file (SAGA_CODEC_KEYFILE) or SAGA_CODEC_KEYS", ErrUnknownKey, id, strings.Join(c.keyring.IDs(), ", "))
	}
	data := p.GetData()
	if len(data) < nonceBytes {
		return nil, fmt.Errorf("encrypted payload of key %s is truncated", id)
	}
	aead, err := gcm(key)
	if err != nil {
		return nil, fmt.Errorf("cannot decrypt a payload of key %s: %w", id, err)
	}
	plain, err := aead.Open(nil, data[:nonceBytes], data[nonceBytes:], []byte(id))
	if err != nil {
		return nil, fmt.Errorf("payload of key %s fails authentication: altered, or encrypted under another key of the same ID", id)
	}
	out := &commonpb.Payload{}
	if err := proto.Unmarshal(plain, out); err != nil {
		return nil, fmt.Errorf("cannot decrypt a payload of key %s: %w", id, err)
	}
	return out, nil
}

// Converters are what a Temporal client needs to talk to the payment-saga workers: the data
// converter and the failure converter (failure messages and stack traces encoded, as Java's
// SagaDataConverter does with its encoded failure attributes).
type Converters struct {
	Data    converter.DataConverter
	Failure converter.FailureConverter
}

// Encrypting gives the converters of the workers' keys: Temporal's JSON, then the codec.
func Encrypting(keyring *Keyring) Converters {
	dc := converter.NewCodecDataConverter(converter.GetDefaultDataConverter(), NewCodec(keyring))
	return Converters{
		Data: dc,
		Failure: temporal.NewDefaultFailureConverter(temporal.DefaultFailureConverterOptions{
			DataConverter:          dc,
			EncodeCommonAttributes: true,
		}),
	}
}

// Plaintext gives Temporal's default converters: only where the workers run with encryption
// turned off explicitly (SAGA_CODEC_ENABLED=false).
func Plaintext() Converters {
	return Converters{Data: converter.GetDefaultDataConverter(), Failure: temporal.GetDefaultFailureConverter()}
}
