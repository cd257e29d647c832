package paysaga_test

import (
	"context"
	"log"
	"time"

	paysaga "github.com/paysaga/payment-sagas/clients/go"
)

// The README's "Starting payments from Go", compiled by go vet and go test.
func Example() {
	ctx := context.Background()
	payments, err := paysaga.Dial(ctx, paysaga.Options{}) // TEMPORAL_ADDRESS, SAGA_CODEC_KEYFILE (the workers' keys)
	if err != nil {
		log.Fatal(err) // errors.Is(err, paysaga.ErrUnreachable): Temporal did not answer
	}
	defer payments.Close()

	request, err := paysaga.ParseRequest("P1001", "m_shop", "12.34", "CNY", "tok_visa")
	if err != nil {
		log.Fatal(err) // *paysaga.InvalidRequestError: its Field names the field; nothing started
	}
	start, err := payments.Pay(ctx, request) // start.Started == false: this payment ran before
	if err != nil {
		log.Fatal(err)
	}
	outcome, err := payments.Await(ctx, start.SagaID, 2*time.Minute)
	if err == nil && outcome.Status != paysaga.Completed {
		log.Printf("payment %s ended %s: %s", request.PaymentNo, outcome.Status, outcome.FailureText())
	}
}
