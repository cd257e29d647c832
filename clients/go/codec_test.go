package paysaga

import (
	"context"
	"errors"
	"strings"
	"testing"

	commonpb "go.temporal.io/api/common/v1"
	"go.temporal.io/sdk/converter"
)

const (
	keyA = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="
	keyB = "HxwdHhscGRoXGBUWExQREg8QDQ4LDAkKBwgFBgMEAQI="
)

func TestKeyringTextForm(t *testing.T) {
	k, err := ParseKeyring("# comment\n\n old : "+keyA+" \nnew:"+keyB, "test")
	if err != nil {
		t.Fatal(err)
	}
	if k.CurrentID() != "new" || strings.Join(k.IDs(), ",") != "new,old" {
		t.Fatalf("got %v", k)
	}
	if k, err = ParseKeyring("a:"+keyA+",b:"+keyB, "SAGA_CODEC_KEYS"); err != nil || k.CurrentID() != "b" {
		t.Fatalf("comma-separated: %v %v", k, err)
	}
	for text, want := range map[string]string{
		"":                          "test holds no key",
		"# only, a comment":         "test holds no key", // a comment line is one, commas and all, as in Java
		"a:" + keyA + "\na:" + keyB: "test key ID a appears twice",
		"bad id:" + keyA:            "test: key ID 'bad id' must be",
		"a:not base64!":             "test: key a is not base64",
		"a:AAEC":                    "test: key a has 3 bytes; AES-256 takes 32",
	} {
		_, err := ParseKeyring(text, "test")
		if err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("%q: got %v, want %q", text, err, want)
		}
		if err != nil && strings.Contains(err.Error(), keyA) {
			t.Errorf("%q: the message repeats the key", text)
		}
	}
}

func TestCodecRoundTripAndPassThrough(t *testing.T) {
	old, _ := ParseKeyring("old:"+keyA, "test")
	both, _ := ParseKeyring("old:"+keyA+"\nnew:"+keyB, "test")
	payload, _ := converter.GetDefaultDataConverter().ToPayload(PaymentRequest{PaymentNo: "P1", CardToken: "tok_visa"})

	sealed, err := NewCodec(old).Encode([]*commonpb.Payload{payload})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(sealed[0].Data), "tok_visa") || string(sealed[0].Metadata[MetadataKeyID]) != "old" {
		t.Fatalf("not encrypted: %v", sealed[0])
	}
	again, _ := NewCodec(old).Encode([]*commonpb.Payload{payload})
	if string(again[0].Data[:12]) == string(sealed[0].Data[:12]) {
		t.Fatal("the nonce repeats")
	}
	// A rotated keyring still reads the old key's payloads.
	opened, err := NewCodec(both).Decode(sealed)
	if err != nil || string(opened[0].Data) != string(payload.Data) {
		t.Fatalf("decode: %v %v", opened, err)
	}
	// Payloads not ours pass through.
	plain, err := NewCodec(both).Decode([]*commonpb.Payload{payload})
	if err != nil || plain[0] != payload {
		t.Fatalf("pass-through: %v", err)
	}
	// An unknown key ID is named.
	newOnly, _ := ParseKeyring("new:"+keyB, "test")
	_, err = NewCodec(newOnly).Decode(sealed)
	if !errors.Is(err, ErrUnknownKey) || !strings.Contains(err.Error(), "'old'") || !strings.Contains(err.Error(), "holds new") {
		t.Fatalf("unknown key: %v", err)
	}
	// Altered ciphertext or a swapped key ID fails authentication.
	tampered := &commonpb.Payload{Metadata: sealed[0].Metadata, Data: append([]byte{}, sealed[0].Data...)}
	tampered.Data[20] ^= 1
	if _, err := NewCodec(both).Decode([]*commonpb.Payload{tampered}); err == nil || !strings.Contains(err.Error(), "fails authentication") {
		t.Fatalf("tampered: %v", err)
	}
	truncated := &commonpb.Payload{Metadata: sealed[0].Metadata, Data: sealed[0].Data[:5]}
	if _, err := NewCodec(both).Decode([]*commonpb.Payload{truncated}); err == nil || !strings.Contains(err.Error(), "truncated") {
		t.Fatalf("truncated: %v", err)
	}
}

func TestFailureAttributesAreEncrypted(t *testing.T) {
	k, _ := ParseKeyring("k:"+keyA, "test")
	converters := Encrypting(k)
	failure := converters.Failure.ErrorToFailure(errors.New("card tok_visa declined"))
	if strings.Contains(failure.GetMessage(), "tok_visa") || failure.GetEncodedAttributes() == nil ||
		string(failure.GetEncodedAttributes().Metadata[MetadataEncoding]) != EncryptedEncoding {
		t.Fatalf("failure in plaintext: %v", failure)
	}
	if back := converters.Failure.FailureToError(failure); !strings.Contains(back.Error(), "card tok_visa declined") {
		t.Fatalf("decoded as %v", back)
	}
}

func TestDialRefusesAClientWithoutKeys(t *testing.T) {
	t.Setenv("SAGA_CODEC_KEYFILE", "")
	t.Setenv("SAGA_CODEC_KEYS", "")
	_, err := Dial(context.Background(), Options{HostPort: "127.0.0.1:1"})
	if err == nil || !strings.Contains(err.Error(), "no payload key") || errors.Is(err, ErrUnreachable) {
		t.Fatalf("got %v", err)
	}
	t.Setenv("SAGA_CODEC_KEYS", "k:"+keyA)
	_, err = Dial(context.Background(), Options{HostPort: "127.0.0.1:1", ConnectTimeout: 1})
	var unreachable *UnreachableError
	if !errors.As(err, &unreachable) || unreachable.Address != "127.0.0.1:1" || !errors.Is(err, ErrUnreachable) {
		t.Fatalf("unreachable: %v", err)
	}
	t.Setenv("SAGA_CODEC_KEYFILE", "/nonexistent/keys")
	if _, err = Dial(context.Background(), Options{HostPort: "127.0.0.1:1"}); err == nil || !strings.Contains(err.Error(), "cannot read the key file /nonexistent/keys") {
		t.Fatalf("key file: %v", err)
	}
}

func TestIdsLinksAndMoney(t *testing.T) {
	for in, want := range map[string]string{"P1": "payment-P1", "payment-P1": "payment-P1", "refund-R1": "refund-R1"} {
		if got, err := SagaID(in); err != nil || got != want {
			t.Errorf("SagaID(%q) = %q, %v", in, got, err)
		}
	}
	var invalidErr *InvalidRequestError
	if _, err := SagaID("P 1"); !errors.As(err, &invalidErr) || invalidErr.Field != "paymentNo" {
		t.Errorf("SagaID(P 1): %v", err)
	}
	if got := HistoryLink("http://127.0.0.1:8233/", "default", "payment-P1", "r 1/ü"); got != "http://127.0.0.1:8233/namespaces/default/workflows/payment-P1/r%201%2F%C3%BC/history" {
		t.Errorf("link %s", got)
	}
	if got := HistoryLink("http://ui", "ns", "payment-P1", ""); got != "http://ui/namespaces/ns/workflows/payment-P1" {
		t.Errorf("link %s", got)
	}
	for in, want := range map[string]string{"": "http://127.0.0.1:8233", "temporal:7300": "http://temporal:8300", "http://h:7233": "http://h:8233", "h": "http://h:8233"} {
		if got := DefaultUIURL(in); got != want {
			t.Errorf("DefaultUIURL(%q) = %s", in, got)
		}
	}
	for _, c := range []struct {
		minor    int64
		currency string
		want     string
	}{{1234, "CNY", "12.34"}, {5, "CNY", "0.05"}, {500, "JPY", "500"}, {1234, "BHD", "1.234"}, {7, "???", "7"}} {
		if got := FormatMoney(c.minor, c.currency); got != c.want {
			t.Errorf("FormatMoney(%d, %s) = %s", c.minor, c.currency, got)
		}
	}
	r := PaymentRequest{PaymentNo: "P1", MerchantID: "m", AmountMinor: 100, Currency: "CNY", CardToken: "tok_secret"}
	if strings.Contains(r.String(), "tok_secret") {
		t.Error("String() shows the token")
	}
	refund := RefundRequest{RefundNo: "R1", Payment: r, AmountMinor: 101}
	if err := ValidateRefund(refund); !errors.As(err, &invalidErr) || invalidErr.Field != "amount" {
		t.Errorf("refund over the payment: %v", err)
	}
	refund.AmountMinor, refund.RefundNo = 0, "R 1"
	if err := ValidateRefund(refund); !errors.As(err, &invalidErr) || invalidErr.Field != "refundNo" {
		t.Errorf("refund number: %v", err)
	}
	if n := newRefundNo(strings.Repeat("P", 64)); len(n) != 64 || !strings.HasPrefix(n[54:], "-r") {
		t.Errorf("refund number %s", n)
	}
}

func TestJavaWhitespace(t *testing.T) {
	for r, want := range map[rune]bool{' ': true, '\t': true, '\u001F': true, '\u2003': true, '\u2028': true,
		'\u00A0': false, '\u2007': false, '\u202F': false, '\u0085': false, 'a': false} {
		if javaWhitespace(r) != want {
			t.Errorf("javaWhitespace(%U) = %v", r, !want)
		}
	}
	if !IsPANShaped("\u2003 4111-1111-1111-1111 \t") || IsPANShaped("\u00A04111111111111111") {
		t.Error("strip differs from Java's")
	}
}
