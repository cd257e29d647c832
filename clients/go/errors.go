package paysaga

import (
	"errors"
	"fmt"
)

// Sentinels to test with errors.Is; the concrete errors carry the details (errors.As).
var (
	// ErrInvalidRequest: the input breaks a rule; nothing was started (*InvalidRequestError).
	ErrInvalidRequest = errors.New("invalid request")
	// ErrNotFound: Temporal knows no saga of that ID (*NotFoundError).
	ErrNotFound = errors.New("saga not found")
	// ErrUnreachable: Temporal did not answer (*UnreachableError).
	ErrUnreachable = errors.New("temporal unreachable")
	// ErrTimeout: Await gave up before the saga ended; the saga goes on.
	ErrTimeout = errors.New("timed out waiting for the saga")
)

// InvalidRequestError names the bad field, as Java's InvalidPaymentRequestException does
// ("amount: must be greater than zero"); its message never repeats a card number.
type InvalidRequestError struct {
	Field   string
	Message string
}

func (e *InvalidRequestError) Error() string { return e.Field + ": " + e.Message }

// Is makes errors.Is(err, ErrInvalidRequest) true.
func (e *InvalidRequestError) Is(target error) bool { return target == ErrInvalidRequest }

func invalid(field, message string) error {
	return &InvalidRequestError{Field: field, Message: message}
}

// NotFoundError: no saga with that workflow ID (Java's SagaNotFoundException).
type NotFoundError struct {
	SagaID string
	Err    error
}

func (e *NotFoundError) Error() string { return "no saga with ID " + e.SagaID }

func (e *NotFoundError) Is(target error) bool { return target == ErrNotFound }

func (e *NotFoundError) Unwrap() error { return e.Err }

// UnreachableError: Temporal at Address did not answer (the CLI's exit code 4).
type UnreachableError struct {
	Address string
	Err     error
}

func (e *UnreachableError) Error() string {
	return fmt.Sprintf("Temporal at %s is unreachable: %v", e.Address, e.Err)
}

func (e *UnreachableError) Is(target error) bool { return target == ErrUnreachable }

func (e *UnreachableError) Unwrap() error { return e.Err }
