// Command gateway-go is an example payment gateway on the Go client: POST /payments starts a
// payment saga and answers 202 with its status URL; GET /payments/{no} answers its state.
//
//	SAGA_CODEC_KEYFILE=~/.local/share/payment-saga/local/payload-dev.keys go run . -listen 127.0.0.1:8090
//
// TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE and SAGA_TASK_QUEUE are read as by the CLI.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"log"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	paysaga "github.com/paysaga/payment-sagas/clients/go"
)

// Payments is what the gateway needs of the client (*paysaga.Client).
type Payments interface {
	Pay(ctx context.Context, request paysaga.PaymentRequest) (paysaga.SagaStart, error)
	State(ctx context.Context, paymentNo string) (paysaga.SagaState, error)
	HistoryLink(sagaID, runID string) string
}

// payRequest is the body of POST /payments: the amount as a decimal string.
type payRequest struct {
	PaymentNo  string `json:"paymentNo"`
	MerchantID string `json:"merchantId"`
	Amount     string `json:"amount"`
	Currency   string `json:"currency"`
	CardToken  string `json:"cardToken"`
}

// Handler serves the gateway's two routes.
func Handler(payments Payments) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /payments", func(w http.ResponseWriter, r *http.Request) {
		var body payRequest
		decoder := json.NewDecoder(http.MaxBytesReader(w, r.Body, 64<<10))
		decoder.DisallowUnknownFields()
		if err := decoder.Decode(&body); err != nil {
			reply(w, http.StatusBadRequest, map[string]string{"error": "the body is not a payment: " + err.Error()})
			return
		}
		request, err := paysaga.ParseRequest(body.PaymentNo, body.MerchantID, body.Amount, body.Currency, body.CardToken)
		if err != nil {
			fail(w, err)
			return
		}
		start, err := payments.Pay(r.Context(), request)
		if err != nil {
			fail(w, err)
			return
		}
		statusURL := "/payments/" + request.PaymentNo
		w.Header().Set("Location", statusURL)
		reply(w, http.StatusAccepted, map[string]any{
			"paymentNo": request.PaymentNo, "sagaId": start.SagaID, "runId": start.RunID, "started": start.Started,
			"statusUrl": statusURL, "historyUrl": payments.HistoryLink(start.SagaID, start.RunID),
		})
	})
	mux.HandleFunc("GET /payments/{no}", func(w http.ResponseWriter, r *http.Request) {
		state, err := payments.State(r.Context(), r.PathValue("no"))
		if err != nil {
			fail(w, err)
			return
		}
		reply(w, http.StatusOK, state)
	})
	return mux
}

// fail maps the client's errors: invalid input 400 naming the field, not found 404, Temporal down 503.
func fail(w http.ResponseWriter, err error) {
	var invalid *paysaga.InvalidRequestError
	switch {
	case errors.As(err, &invalid):
		reply(w, http.StatusBadRequest, map[string]string{"error": err.Error(), "field": invalid.Field})
	case errors.Is(err, paysaga.ErrNotFound):
		reply(w, http.StatusNotFound, map[string]string{"error": err.Error()})
	case errors.Is(err, paysaga.ErrUnreachable):
		reply(w, http.StatusServiceUnavailable, map[string]string{"error": err.Error()})
	default:
		log.Printf("gateway: %v", err)
		reply(w, http.StatusInternalServerError, map[string]string{"error": "internal error"})
	}
}

func reply(w http.ResponseWriter, status int, body any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(body)
}

func main() {
	listen := flag.String("listen", "127.0.0.1:8090", "address to serve on")
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	payments, err := paysaga.Dial(ctx, paysaga.Options{}) // TEMPORAL_ADDRESS, SAGA_CODEC_KEYFILE...
	if err != nil {
		log.Fatalf("gateway: %v", err)
	}
	defer payments.Close()
	server := &http.Server{Addr: *listen, Handler: Handler(payments), ReadHeaderTimeout: 5 * time.Second}
	go func() {
		<-ctx.Done()
		shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = server.Shutdown(shutdown)
	}()
	log.Printf("gateway: serving on http://%s", *listen)
	if err := server.ListenAndServe(); err != nil && !errors.Is(err, http.ErrServerClosed) {
		log.Fatalf("gateway: %v", err)
	}
}
