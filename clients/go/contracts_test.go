package paysaga

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	commonpb "go.temporal.io/api/common/v1"
	"go.temporal.io/sdk/converter"
	"google.golang.org/protobuf/proto"
)

// The shared vectors at the repository root; the Java tests (ContractVectorsTest) read them too.
var contractsDir = filepath.Join("..", "..", "contracts")

func readJSON(t *testing.T, name string, into any) []byte {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(contractsDir, name))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(raw, into); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return raw
}

type requestVector struct {
	Name        string  `json:"name"`
	PaymentNo   *string `json:"paymentNo"`
	MerchantID  *string `json:"merchantId"`
	Amount      *string `json:"amount"`
	Currency    *string `json:"currency"`
	CardToken   *string `json:"cardToken"`
	AmountMinor int64   `json:"amountMinor"`
	Field       string  `json:"field"`
}

func TestPaymentRequestVectors(t *testing.T) {
	var vectors struct {
		Valid   []requestVector `json:"valid"`
		Invalid []requestVector `json:"invalid"`
	}
	readJSON(t, "payment-requests.json", &vectors)
	if len(vectors.Valid) == 0 || len(vectors.Invalid) == 0 {
		t.Fatal("no vectors")
	}
	for _, v := range vectors.Valid {
		request, err := parse(v.PaymentNo, v.MerchantID, v.Amount, v.Currency, v.CardToken)
		if err != nil {
			t.Errorf("%s: refused: %v", v.Name, err)
			continue
		}
		if request.AmountMinor != v.AmountMinor {
			t.Errorf("%s: amountMinor %d, want %d", v.Name, request.AmountMinor, v.AmountMinor)
		}
		if err := ValidateRequest(request); err != nil {
			t.Errorf("%s: parsed but not valid: %v", v.Name, err)
		}
	}
	for _, v := range vectors.Invalid {
		_, err := parse(v.PaymentNo, v.MerchantID, v.Amount, v.Currency, v.CardToken)
		var invalidErr *InvalidRequestError
		if !errors.As(err, &invalidErr) || !errors.Is(err, ErrInvalidRequest) {
			t.Errorf("%s: want an InvalidRequestError, got %v", v.Name, err)
			continue
		}
		if invalidErr.Field != v.Field {
			t.Errorf("%s: field %q, want %q (%v)", v.Name, invalidErr.Field, v.Field, err)
		}
		if v.CardToken != nil && len(*v.CardToken) >= 13 && IsPANShaped(*v.CardToken) && strings.Contains(err.Error(), *v.CardToken) {
			t.Errorf("%s: the message repeats the card number", v.Name)
		}
	}
}

func TestCurrenciesMatchJava(t *testing.T) {
	var recorded struct {
		Currencies map[string]int `json:"currencies"`
	}
	readJSON(t, "currencies.json", &recorded)
	if !reflect.DeepEqual(recorded.Currencies, currencyDigits) {
		t.Fatalf("currencies_gen.go differs from contracts/currencies.json: regenerate it")
	}
}

func TestSagaStatesRoundTripAsJava(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(contractsDir, "saga-states", "*.json"))
	if len(files) < 6 {
		t.Fatalf("want the recorded saga states, found %v", files)
	}
	for _, file := range files {
		raw, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		decoder := json.NewDecoder(bytes.NewReader(raw))
		decoder.DisallowUnknownFields()
		var state SagaState
		if err := decoder.Decode(&state); err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		again, _ := json.Marshal(state)
		var want, got any
		_ = json.Unmarshal(raw, &want)
		_ = json.Unmarshal(again, &got)
		if !reflect.DeepEqual(want, got) {
			t.Errorf("%s: Go writes\n%s", file, again)
		}
		// Through Temporal's JSON converter too, as the client reads it.
		payload, _ := converter.GetDefaultDataConverter().ToPayload(json.RawMessage(raw))
		var viaConverter SagaState
		if err := converter.GetDefaultDataConverter().FromPayload(payload, &viaConverter); err != nil || !reflect.DeepEqual(viaConverter, state) {
			t.Errorf("%s: through the converter: %v", file, err)
		}
	}
	var dlq SagaState
	readJSON(t, "saga-states/dlq.json", &dlq)
	if dlq.Status != DLQ || dlq.Status.Terminal() || dlq.Step("CallPaymentChannel").CompensationStatus != StepFailed {
		t.Errorf("dlq.json read as %+v", dlq)
	}
	var failed SagaState
	readJSON(t, "saga-states/failed-by-temporal.json", &failed)
	if failed.BusinessKey != nil || len(failed.Steps) != 0 || failed.Steps == nil || !failed.Status.Terminal() {
		t.Errorf("failed-by-temporal.json read as %+v", failed)
	}
}

type codecVector struct {
	Keys            string `json:"keys"`
	EncryptingKeyID string `json:"encryptingKeyId"`
	Plaintext       string `json:"plaintext"`
	PlaintextData   string `json:"plaintextData"`
	JavaCiphertext  string `json:"javaCiphertext"`
	GoCiphertext    string `json:"goCiphertext"`
}

func payloadOf(t *testing.T, b64 string) *commonpb.Payload {
	t.Helper()
	raw, err := base64.StdEncoding.DecodeString(b64)
	if err != nil {
		t.Fatal(err)
	}
	p := &commonpb.Payload{}
	if err := proto.Unmarshal(raw, p); err != nil {
		t.Fatal(err)
	}
	return p
}

// PAYSAGA_CONTRACTS_WRITE=1 records a new goCiphertext in contracts/codec.json.
func TestCodecVectorsBothWays(t *testing.T) {
	var vector codecVector
	raw := readJSON(t, "codec.json", &vector)
	keyring, err := ParseKeyring(vector.Keys, "contracts/codec.json")
	if err != nil {
		t.Fatal(err)
	}
	if keyring.CurrentID() != vector.EncryptingKeyID {
		t.Fatalf("current key %s, want %s", keyring.CurrentID(), vector.EncryptingKeyID)
	}
	codec := NewCodec(keyring)
	plaintext := payloadOf(t, vector.Plaintext)
	if string(plaintext.Data) != vector.PlaintextData {
		t.Fatalf("plaintext data %s", plaintext.Data)
	}
	var request PaymentRequest
	if err := converter.GetDefaultDataConverter().FromPayload(plaintext, &request); err != nil || request.PaymentNo != "P-contract-1" || request.AmountMinor != 1234 {
		t.Fatalf("Java's PaymentRequest payload read as %+v (%v)", request, err)
	}

	if os.Getenv("PAYSAGA_CONTRACTS_WRITE") == "1" {
		sealed, err := codec.Encode([]*commonpb.Payload{plaintext})
		if err != nil {
			t.Fatal(err)
		}
		bytesOut, _ := proto.Marshal(sealed[0])
		var doc map[string]any
		_ = json.Unmarshal(raw, &doc)
		doc["goCiphertext"] = base64.StdEncoding.EncodeToString(bytesOut)
		out, _ := json.MarshalIndent(doc, "", "  ")
		if err := os.WriteFile(filepath.Join(contractsDir, "codec.json"), append(out, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
		vector.GoCiphertext = doc["goCiphertext"].(string)
	}

	for name, b64 := range map[string]string{"javaCiphertext": vector.JavaCiphertext, "goCiphertext": vector.GoCiphertext} {
		if b64 == "" {
			t.Fatalf("contracts/codec.json has no %s", name)
		}
		sealed := payloadOf(t, b64)
		for key, want := range map[string]string{MetadataEncoding: EncryptedEncoding, MetadataCipher: Cipher, MetadataKeyID: vector.EncryptingKeyID} {
			if string(sealed.Metadata[key]) != want {
				t.Errorf("%s: metadata %s = %q, want %q", name, key, sealed.Metadata[key], want)
			}
		}
		opened, err := codec.Decode([]*commonpb.Payload{sealed})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !proto.Equal(opened[0], plaintext) {
			t.Errorf("%s decrypts to %v", name, opened[0])
		}
	}
}
