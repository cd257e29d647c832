package main

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	paysaga "github.com/paysaga/payment-sagas/clients/go"
)

type fakePayments struct {
	started map[string]paysaga.PaymentRequest
	err     error
}

func (f *fakePayments) Pay(_ context.Context, r paysaga.PaymentRequest) (paysaga.SagaStart, error) {
	if f.err != nil {
		return paysaga.SagaStart{}, f.err
	}
	_, ran := f.started[r.PaymentNo]
	f.started[r.PaymentNo] = r
	return paysaga.SagaStart{SagaID: r.SagaID(), RunID: "run-1", Started: !ran}, nil
}

func (f *fakePayments) State(_ context.Context, no string) (paysaga.SagaState, error) {
	if _, ok := f.started[no]; !ok {
		return paysaga.SagaState{}, &paysaga.NotFoundError{SagaID: "payment-" + no}
	}
	return paysaga.SagaState{SagaID: "payment-" + no, Status: paysaga.Running, Steps: []paysaga.StepState{}}, nil
}

func (f *fakePayments) HistoryLink(sagaID, runID string) string {
	return "http://ui/" + sagaID + "/" + runID
}

func do(t *testing.T, h http.Handler, method, path, body string) (int, map[string]any) {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(method, path, strings.NewReader(body)))
	var out map[string]any
	_ = json.Unmarshal(rec.Body.Bytes(), &out)
	return rec.Code, out
}

func TestGateway(t *testing.T) {
	fake := &fakePayments{started: map[string]paysaga.PaymentRequest{}}
	h := Handler(fake)
	code, out := do(t, h, "POST", "/payments", `{"paymentNo":"P1","merchantId":"m_shop","amount":"12.34","currency":"CNY","cardToken":"tok_visa"}`)
	if code != http.StatusAccepted || out["statusUrl"] != "/payments/P1" || out["started"] != true || fake.started["P1"].AmountMinor != 1234 {
		t.Fatalf("POST: %d %v", code, out)
	}
	code, out = do(t, h, "POST", "/payments", `{"paymentNo":"P1","merchantId":"m_shop","amount":"12.34","currency":"CNY","cardToken":"tok_visa"}`)
	if code != http.StatusAccepted || out["started"] != false {
		t.Fatalf("second POST: %d %v", code, out)
	}
	code, out = do(t, h, "GET", "/payments/P1", "")
	if code != http.StatusOK || out["status"] != "RUNNING" || out["sagaId"] != "payment-P1" {
		t.Fatalf("GET: %d %v", code, out)
	}
	for body, field := range map[string]string{
		`{"paymentNo":"P2","merchantId":"m_shop","amount":"12.345","currency":"CNY","cardToken":"tok_visa"}`:       "amount",
		`{"paymentNo":"P2","merchantId":"m_shop","amount":"1","currency":"CNY","cardToken":"4111 1111 1111 1111"}`: "cardToken",
		`{"paymentNo":"P 2","merchantId":"m_shop","amount":"1","currency":"CNY","cardToken":"tok_visa"}`:           "paymentNo",
		`{"paymentNo":"P2","merchantId":"m_shop","amount":"1","currency":"XXX","cardToken":"tok_visa"}`:            "currency",
	} {
		code, out = do(t, h, "POST", "/payments", body)
		if code != http.StatusBadRequest || out["field"] != field || strings.Contains(out["error"].(string), "4111") {
			t.Errorf("%s: %d %v", body, code, out)
		}
	}
	if code, _ = do(t, h, "POST", "/payments", `{"paymentNo":`); code != http.StatusBadRequest {
		t.Errorf("malformed body: %d", code)
	}
	if len(fake.started) != 1 {
		t.Errorf("a bad request started something: %v", fake.started)
	}
	if code, _ = do(t, h, "GET", "/payments/P9", ""); code != http.StatusNotFound {
		t.Errorf("unknown payment: %d", code)
	}
	fake.err = &paysaga.UnreachableError{Address: "127.0.0.1:7233"}
	if code, _ = do(t, h, "POST", "/payments", `{"paymentNo":"P3","merchantId":"m","amount":"1","currency":"CNY","cardToken":"tok_visa"}`); code != http.StatusServiceUnavailable {
		t.Errorf("unreachable: %d", code)
	}
}
