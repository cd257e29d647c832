package paysaga

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"go.temporal.io/sdk/client"
)

// TestEndToEnd runs the client against a real Temporal server with the Java worker
// (scripts/go-e2e.sh starts local-stack/target/saga-local.jar on the dev server and sets these):
//
//	PAYSAGA_E2E_TEMPORAL=host:port  PAYSAGA_E2E_KEYFILE=<the workers' key file>
//	PAYSAGA_E2E_JAVA_PAYMENT=<a COMPLETED payment the Java CLI started>  (optional)
//	PAYSAGA_E2E_PREFIX=<payment number prefix>                           (optional)
//
// Without PAYSAGA_E2E_TEMPORAL it is skipped. The worker must run with
// SAGA_RECOVERY_INTERVAL=2s SAGA_RECOVERY_GIVEUPAFTER=3s so the refund-failure saga parks quickly.
func TestEndToEnd(t *testing.T) {
	address := os.Getenv("PAYSAGA_E2E_TEMPORAL")
	if address == "" {
		t.Skip("PAYSAGA_E2E_TEMPORAL is not set (scripts/go-e2e.sh sets it)")
	}
	keyring, err := ReadKeyring(os.Getenv("PAYSAGA_E2E_KEYFILE"))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	payments, err := Dial(ctx, Options{HostPort: address, Namespace: "default", TaskQueue: DefaultTaskQueue, Keyring: keyring})
	if err != nil {
		t.Fatal(err)
	}
	defer payments.Close()
	prefix := os.Getenv("PAYSAGA_E2E_PREFIX")
	if prefix == "" {
		b := make([]byte, 4)
		_, _ = rand.Read(b)
		prefix = "go-e2e-" + hex.EncodeToString(b) + "-"
	}
	pay := func(t *testing.T, path, merchant, token string) (PaymentRequest, SagaStart) {
		request, err := ParseRequest(prefix+path, merchant, "12.34", "CNY", token)
		if err != nil {
			t.Fatal(err)
		}
		start, err := payments.Pay(ctx, request)
		if err != nil || !start.Started || start.SagaID != "payment-"+prefix+path || start.RunID == "" {
			t.Fatalf("Pay: %+v %v", start, err)
		}
		return request, start
	}
	await := func(t *testing.T, id string, want SagaStatus) SagaState {
		state, err := payments.Await(ctx, id, 90*time.Second)
		if err != nil {
			t.Fatalf("Await %s: %v", id, err)
		}
		if state.Status != want {
			t.Fatalf("%s ended %s, want %s: %+v", id, state.Status, want, state)
		}
		return state
	}

	t.Run("paths", func(t *testing.T) {
		t.Run("success, the lock, a refund", func(t *testing.T) {
			t.Parallel()
			request, start := pay(t, "visa", "m_go", "tok_visa")
			state := await(t, request.PaymentNo, Completed)
			if state.SagaID != start.SagaID || state.SagaType != PaymentWorkflowType || *state.BusinessKey != request.PaymentNo ||
				len(state.Steps) != 4 || state.Step("CompleteOrder").Status != StepSucceeded {
				t.Fatalf("state %+v", state)
			}
			// The workflow ID is the lock: the same payment number starts nothing, even once closed.
			again, err := payments.Pay(ctx, request)
			if err != nil || again.Started || again.RunID != start.RunID || again.SagaID != start.SagaID {
				t.Fatalf("second Pay: %+v %v (first %+v)", again, err, start)
			}
			if status, err := payments.Status(ctx, start.SagaID); err != nil || status != Completed {
				t.Fatalf("Status: %s %v", status, err)
			}
			if link := payments.HistoryLink(start.SagaID, start.RunID); !strings.HasSuffix(link, "/namespaces/default/workflows/"+start.SagaID+"/"+start.RunID+"/history") {
				t.Fatalf("link %s", link)
			}
			part := int64(234)
			refund, err := payments.RefundOf(ctx, request.PaymentNo, "", &part)
			if err != nil || refund.Payment != request || refund.AmountMinor != 234 || !strings.HasPrefix(refund.RefundNo, request.PaymentNo+"-r") {
				t.Fatalf("RefundOf: %+v %v", refund, err)
			}
			refundStart, err := payments.Refund(ctx, refund)
			if err != nil || !refundStart.Started || refundStart.SagaID != "refund-"+refund.RefundNo {
				t.Fatalf("Refund: %+v %v", refundStart, err)
			}
			refunded := await(t, refundStart.SagaID, Completed)
			if refunded.SagaType != RefundWorkflowType {
				t.Fatalf("refund state %+v", refunded)
			}
		})
		t.Run("decline compensates", func(t *testing.T) {
			t.Parallel()
			request, _ := pay(t, "decline", "m_go", "tok_decline")
			state := await(t, request.PaymentNo, Compensated)
			if state.Failure == nil || state.Step("CallPaymentChannel").Status != StepFailed ||
				state.Step("CreateOrder").CompensationStatus != StepSucceeded {
				t.Fatalf("state %+v", state)
			}
			if _, err := payments.RefundOf(ctx, request.PaymentNo, "", nil); !errors.Is(err, ErrInvalidRequest) {
				t.Fatalf("RefundOf a compensated payment: %v", err)
			}
		})
		t.Run("flaky then success", func(t *testing.T) {
			t.Parallel()
			request, _ := pay(t, "flaky", "m_go", "tok_flaky_2")
			state := await(t, request.PaymentNo, Completed)
			if step := state.Step("CallPaymentChannel"); step.Attempts != 3 || step.Status != StepSucceeded {
				t.Fatalf("charge step %+v", step)
			}
		})
		t.Run("refund failure recovers then parks in the DLQ", func(t *testing.T) {
			t.Parallel()
			request, _ := pay(t, "refund-fail", "m_frozen", "tok_refund_fail")
			seen := map[SagaStatus]bool{}
			deadline := time.Now().Add(90 * time.Second)
			for !seen[DLQ] && time.Now().Before(deadline) {
				status, err := payments.Status(ctx, request.PaymentNo)
				if err != nil {
					t.Fatal(err)
				}
				seen[status] = true
				time.Sleep(500 * time.Millisecond)
			}
			if !seen[DLQ] || !seen[Recovering] {
				t.Fatalf("want RECOVERING then DLQ; saw %v", seen)
			}
			state, _ := payments.State(ctx, request.PaymentNo)
			if state.Step("CallPaymentChannel").CompensationStatus != StepFailed {
				t.Fatalf("state %+v", state)
			}
			// The saga waits for an operator: Await times out and says so.
			if _, err := payments.Await(ctx, request.PaymentNo, time.Second); !errors.Is(err, ErrTimeout) {
				t.Fatalf("Await of a parked saga: %v", err)
			}
		})
		t.Run("terminated by Temporal reads FAILED", func(t *testing.T) {
			t.Parallel()
			request, start := pay(t, "terminated", "m_go", "tok_slow_300")
			time.Sleep(2 * time.Second)
			if err := payments.SDK().TerminateWorkflow(ctx, start.SagaID, "", "go-e2e stops it"); err != nil {
				t.Fatal(err)
			}
			state := await(t, request.PaymentNo, Failed)
			if state.Failure == nil || *state.Failure != "workflow terminated: go-e2e stops it" || state.SagaType != PaymentWorkflowType {
				t.Fatalf("state %+v", state)
			}
		})
		t.Run("the lock while running, then a cancel compensates", func(t *testing.T) {
			t.Parallel()
			request, start := pay(t, "cancelled", "m_go", "tok_slow_300")
			again, err := payments.Pay(ctx, request)
			if err != nil || again.Started || again.RunID != start.RunID {
				t.Fatalf("second Pay of a running saga: %+v %v (first %+v)", again, err, start)
			}
			time.Sleep(2 * time.Second)
			if err := payments.Cancel(ctx, request.PaymentNo); err != nil {
				t.Fatal(err)
			}
			state := await(t, request.PaymentNo, Compensated)
			if state.Step("CreateOrder").CompensationStatus != StepSucceeded {
				t.Fatalf("state %+v", state)
			}
			if err := payments.Cancel(ctx, prefix+"never-ran"); !errors.Is(err, ErrNotFound) {
				t.Fatalf("Cancel of a payment that never ran: %v", err)
			}
		})
		t.Run("input the workflow refuses reads FAILED", func(t *testing.T) {
			t.Parallel()
			// Past the client's checks (straight through the SDK): the workflow checks its input again.
			bad := PaymentRequest{PaymentNo: prefix + "wf-refused", MerchantID: "m_go", AmountMinor: 0, Currency: "CNY", CardToken: "tok_visa"}
			if _, err := payments.SDK().ExecuteWorkflow(ctx, client.StartWorkflowOptions{ID: bad.SagaID(), TaskQueue: DefaultTaskQueue},
				PaymentWorkflowType, bad); err != nil {
				t.Fatal(err)
			}
			state := await(t, bad.PaymentNo, Failed)
			if !strings.Contains(state.FailureText(), "amount") {
				t.Fatalf("state %+v", state)
			}
			t.Logf("%s: %s", bad.PaymentNo, state.FailureText())
		})
		t.Run("a bad request starts nothing", func(t *testing.T) {
			t.Parallel()
			bad := PaymentRequest{PaymentNo: prefix + "bad", MerchantID: "m_go", AmountMinor: 100, Currency: "CNY", CardToken: "4111 1111 1111 1111"}
			_, err := payments.Pay(ctx, bad)
			var invalidErr *InvalidRequestError
			if !errors.As(err, &invalidErr) || invalidErr.Field != "cardToken" || strings.Contains(err.Error(), "4111") {
				t.Fatalf("PAN: %v", err)
			}
			bad.CardToken, bad.AmountMinor = "tok_visa", 0
			if _, err = payments.Pay(ctx, bad); !errors.As(err, &invalidErr) || invalidErr.Field != "amount" {
				t.Fatalf("zero amount: %v", err)
			}
			_, err = payments.State(ctx, bad.PaymentNo)
			var notFound *NotFoundError
			if !errors.As(err, &notFound) || !errors.Is(err, ErrNotFound) || notFound.SagaID != "payment-"+bad.PaymentNo {
				t.Fatalf("State of the refused payment: %v", err)
			}
			if _, err = payments.Await(ctx, bad.PaymentNo, 5*time.Second); !errors.Is(err, ErrNotFound) {
				t.Fatalf("Await of the refused payment: %v", err)
			}
		})
		t.Run("a payment the Java CLI made", func(t *testing.T) {
			javaPayment := os.Getenv("PAYSAGA_E2E_JAVA_PAYMENT")
			if javaPayment == "" {
				t.Skip("PAYSAGA_E2E_JAVA_PAYMENT is not set")
			}
			t.Parallel()
			state := await(t, javaPayment, Completed)
			if *state.BusinessKey != javaPayment {
				t.Fatalf("state %+v", state)
			}
			// Its input, written by Java, read back through the Go codec.
			refund, err := payments.RefundOf(ctx, javaPayment, "", nil)
			if err != nil || refund.Payment.PaymentNo != javaPayment || refund.Payment.CardToken == "" || refund.AmountMinor != refund.Payment.AmountMinor {
				t.Fatalf("RefundOf: %+v %v", refund, err)
			}
		})
	})

	t.Run("unreachable", func(t *testing.T) {
		_, err := Dial(ctx, Options{HostPort: "127.0.0.1:1", Keyring: keyring, ConnectTimeout: 2 * time.Second})
		if !errors.Is(err, ErrUnreachable) {
			t.Fatalf("got %v", err)
		}
	})
}
