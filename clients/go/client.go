package paysaga

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/api/serviceerror"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/converter"
	"go.temporal.io/sdk/temporal"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// The names the workers and the Java client use.
const (
	DefaultTaskQueue        = "payment-saga"
	PaymentWorkflowType     = "PaymentSaga"
	RefundWorkflowType      = "RefundSaga"
	PaymentWorkflowIDPrefix = "payment-"
	RefundWorkflowIDPrefix  = "refund-"
	StateQuery              = "state"
)

// Options configure a Client; the zero value reads the environment the CLI reads.
type Options struct {
	// HostPort of the Temporal frontend; default TEMPORAL_ADDRESS, else 127.0.0.1:7233.
	HostPort string
	// Namespace; default TEMPORAL_NAMESPACE, else "default".
	Namespace string
	// TaskQueue of the workers; default SAGA_TASK_QUEUE, else payment-saga.
	TaskQueue string
	// Keyring holds the workers' payload keys; nil reads SAGA_CODEC_KEYFILE, else SAGA_CODEC_KEYS.
	Keyring *Keyring
	// Plaintext writes payloads unencrypted: only where the workers run with SAGA_CODEC_ENABLED=false.
	// Without it, a client with no key is refused.
	Plaintext bool
	// UIURL of the Temporal UI for HistoryLink; default TEMPORAL_UI_URL, else the dev server's
	// (gRPC port + 1000).
	UIURL string
	// ExecutionTimeout of the sagas started; 0 for none (the default: a saga parked for an operator
	// must be able to wait).
	ExecutionTimeout time.Duration
	// ConnectTimeout bounds Dial; default 10 s.
	ConnectTimeout time.Duration
}

// Client starts, awaits and reads payment and refund sagas; safe for concurrent use.
type Client struct {
	sdk       client.Client
	data      converter.DataConverter
	failures  converter.FailureConverter
	hostPort  string
	namespace string
	taskQueue string
	uiURL     string
	timeout   time.Duration
}

func orEnv(value, env, fallback string) string {
	if value != "" {
		return value
	}
	if v := strings.TrimSpace(os.Getenv(env)); v != "" {
		return v
	}
	return fallback
}

// Dial connects to Temporal with the workers' payload encryption. It fails with an
// *UnreachableError when Temporal does not answer, and refuses a client without a key unless
// Options.Plaintext is set.
func Dial(ctx context.Context, opts Options) (*Client, error) {
	hostPort := orEnv(opts.HostPort, "TEMPORAL_ADDRESS", "127.0.0.1:7233")
	converters, err := chooseConverters(opts)
	if err != nil {
		return nil, err
	}
	connectTimeout := opts.ConnectTimeout
	if connectTimeout <= 0 {
		connectTimeout = 10 * time.Second
	}
	dialCtx, cancel := context.WithTimeout(ctx, connectTimeout)
	defer cancel()
	namespace := orEnv(opts.Namespace, "TEMPORAL_NAMESPACE", "default")
	sdk, err := client.DialContext(dialCtx, client.Options{
		HostPort:         hostPort,
		Namespace:        namespace,
		DataConverter:    converters.Data,
		FailureConverter: converters.Failure,
		Logger:           quietLogger{},
	})
	if err != nil {
		return nil, &UnreachableError{Address: hostPort, Err: err}
	}
	return &Client{
		sdk:       sdk,
		data:      converters.Data,
		failures:  converters.Failure,
		hostPort:  hostPort,
		namespace: namespace,
		taskQueue: orEnv(opts.TaskQueue, "SAGA_TASK_QUEUE", DefaultTaskQueue),
		uiURL:     orEnv(opts.UIURL, "TEMPORAL_UI_URL", DefaultUIURL(hostPort)),
		timeout:   opts.ExecutionTimeout,
	}, nil
}

func chooseConverters(opts Options) (Converters, error) {
	if opts.Plaintext {
		if opts.Keyring != nil {
			return Converters{}, errors.New("paysaga: Options.Plaintext and Options.Keyring exclude each other")
		}
		return Plaintext(), nil
	}
	keyring := opts.Keyring
	if keyring == nil {
		var ok bool
		var err error
		keyring, ok, err = KeyringFromEnv()
		if err != nil {
			return Converters{}, err
		}
		if !ok {
			return Converters{}, errors.New("paysaga: no payload key: the client would write payments to Temporal in plaintext;" +
				" set Options.Keyring, SAGA_CODEC_KEYFILE or SAGA_CODEC_KEYS to the workers' keys, or Options.Plaintext" +
				" where the workers run with SAGA_CODEC_ENABLED=false")
		}
	}
	return Encrypting(keyring), nil
}

// Close closes the connection.
func (c *Client) Close() { c.sdk.Close() }

// SDK is the Temporal client underneath, with the payload encryption.
func (c *Client) SDK() client.Client { return c.sdk }

// Pay starts the payment's saga unless its payment number ran or runs already; then nothing is
// started and the existing run comes back with Started false. An invalid request is refused
// (*InvalidRequestError) before anything reaches Temporal.
func (c *Client) Pay(ctx context.Context, request PaymentRequest) (SagaStart, error) {
	if err := ValidateRequest(request); err != nil {
		return SagaStart{}, err
	}
	return c.start(ctx, request.SagaID(), PaymentWorkflowType, request)
}

// Refund starts the refund's saga (refund-<refundNo>) unless that refund number ran before.
func (c *Client) Refund(ctx context.Context, request RefundRequest) (SagaStart, error) {
	// No card-number refusal: the payment was charged already, its money must be able to go back.
	if err := ValidateRefund(request); err != nil {
		return SagaStart{}, err
	}
	return c.start(ctx, request.SagaID(), RefundWorkflowType, request)
}

func (c *Client) start(ctx context.Context, sagaID, workflowType string, input any) (SagaStart, error) {
	run, err := c.sdk.ExecuteWorkflow(ctx, client.StartWorkflowOptions{
		ID:        sagaID,
		TaskQueue: c.taskQueue,
		// The workflow ID is the lock: a payment number runs once, ever (within retention).
		WorkflowIDReusePolicy:                    enumspb.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE,
		WorkflowExecutionErrorWhenAlreadyStarted: true,
		WorkflowExecutionTimeout:                 c.timeout,
	}, workflowType, input)
	var already *serviceerror.WorkflowExecutionAlreadyStarted
	if errors.As(err, &already) {
		return SagaStart{SagaID: sagaID, RunID: already.RunId, Started: false}, nil
	}
	if err != nil {
		return SagaStart{}, c.classify(sagaID, err)
	}
	return SagaStart{SagaID: run.GetID(), RunID: run.GetRunID(), Started: true}, nil
}

// State reads the saga at any time: the state query while it is open, its result once it
// completed, and FAILED with the reason when Temporal ended it otherwise (Java's SagaReader).
func (c *Client) State(ctx context.Context, paymentNoOrSagaID string) (SagaState, error) {
	sagaID, err := SagaID(paymentNoOrSagaID)
	if err != nil {
		return SagaState{}, err
	}
	described, err := c.sdk.DescribeWorkflowExecution(ctx, sagaID, "")
	if err != nil {
		return SagaState{}, c.classify(sagaID, err)
	}
	info := described.GetWorkflowExecutionInfo()
	switch info.GetStatus() {
	case enumspb.WORKFLOW_EXECUTION_STATUS_RUNNING:
		return c.query(ctx, sagaID)
	case enumspb.WORKFLOW_EXECUTION_STATUS_COMPLETED:
		var state SagaState
		if err := c.sdk.GetWorkflow(ctx, sagaID, "").Get(ctx, &state); err != nil {
			return SagaState{}, c.classify(sagaID, err)
		}
		return state, nil
	}
	return c.closedWithoutResult(ctx, sagaID)
}

// Status is the saga's status (State's).
func (c *Client) Status(ctx context.Context, paymentNoOrSagaID string) (SagaStatus, error) {
	state, err := c.State(ctx, paymentNoOrSagaID)
	return state.Status, err
}

// Await waits at most timeout for the saga to end and returns its final state (FAILED when
// Temporal ended it); ErrTimeout when it is still open then.
func (c *Client) Await(ctx context.Context, paymentNoOrSagaID string, timeout time.Duration) (SagaState, error) {
	sagaID, err := SagaID(paymentNoOrSagaID)
	if err != nil {
		return SagaState{}, err
	}
	waitCtx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	var state SagaState
	err = c.sdk.GetWorkflow(waitCtx, sagaID, "").Get(waitCtx, &state)
	if err == nil {
		return state, nil
	}
	if ctx.Err() == nil && (waitCtx.Err() != nil || deadlineReached(err)) {
		return SagaState{}, fmt.Errorf("%w: %s still open after %s", ErrTimeout, sagaID, timeout)
	}
	var notFound *serviceerror.NotFound
	if errors.As(err, &notFound) {
		return SagaState{}, &NotFoundError{SagaID: sagaID, Err: err}
	}
	var ended *temporal.WorkflowExecutionError
	if errors.As(err, &ended) {
		return c.closedWithoutResult(ctx, sagaID)
	}
	return SagaState{}, c.classify(sagaID, err)
}

func (c *Client) query(ctx context.Context, sagaID string) (SagaState, error) {
	value, err := c.sdk.QueryWorkflow(ctx, sagaID, "", StateQuery)
	if err != nil {
		return SagaState{}, c.classify(sagaID, err)
	}
	var state SagaState
	if err := value.Get(&state); err != nil {
		return SagaState{}, fmt.Errorf("the state of %s: %w", sagaID, err)
	}
	return state, nil
}

// closedWithoutResult: a cancelled saga's final state comes from its state query (a worker
// replays it); otherwise FAILED, with Temporal's close status and reason.
func (c *Client) closedWithoutResult(ctx context.Context, sagaID string) (SagaState, error) {
	described, err := c.sdk.DescribeWorkflowExecution(ctx, sagaID, "")
	if err != nil {
		return SagaState{}, c.classify(sagaID, err)
	}
	info := described.GetWorkflowExecutionInfo()
	if info.GetStatus() == enumspb.WORKFLOW_EXECUTION_STATUS_CANCELED {
		queryCtx, cancel := context.WithTimeout(ctx, 10*time.Second)
		state, err := c.query(queryCtx, sagaID)
		cancel()
		if err == nil {
			return state, nil
		}
	}
	// As Java: the proto name, lower case ("terminated", "timed_out").
	closeStatus := strings.ToLower(strings.ReplaceAll(enumspb.WorkflowExecutionStatus_name[int32(info.GetStatus())], "WORKFLOW_EXECUTION_STATUS_", ""))
	reason := "workflow " + closeStatus
	if message := c.closeMessage(ctx, sagaID); message != "" {
		reason += ": " + message
	}
	started := info.GetStartTime().AsTime().UnixMilli()
	closed := started
	if info.GetCloseTime() != nil {
		closed = info.GetCloseTime().AsTime().UnixMilli()
	}
	return SagaState{
		SagaID:          sagaID,
		SagaType:        info.GetType().GetName(),
		Status:          Failed,
		Steps:           []StepState{},
		Failure:         &reason,
		StartedAtMillis: started,
		UpdatedAtMillis: closed,
	}, nil
}

// closeMessage is the failure message or termination reason of the close event, or "".
func (c *Client) closeMessage(ctx context.Context, sagaID string) string {
	events := c.sdk.GetWorkflowHistory(ctx, sagaID, "", false, enumspb.HISTORY_EVENT_FILTER_TYPE_CLOSE_EVENT)
	for events.HasNext() {
		event, err := events.Next()
		if err != nil {
			return ""
		}
		if a := event.GetWorkflowExecutionTerminatedEventAttributes(); a != nil {
			return a.GetReason()
		}
		if a := event.GetWorkflowExecutionFailedEventAttributes(); a != nil {
			if failure := a.GetFailure(); failure != nil {
				// The converter decodes the encrypted message (encoded failure attributes).
				err := c.failures.FailureToError(failure)
				var app *temporal.ApplicationError
				if errors.As(err, &app) {
					return app.Message()
				}
				return err.Error()
			}
		}
	}
	return ""
}

// Cancel asks a running saga to stop: it compensates what it did and ends COMPENSATED (Temporal
// records it CANCELED; State and Await read its final state with the state query).
func (c *Client) Cancel(ctx context.Context, paymentNoOrSagaID string) error {
	sagaID, err := SagaID(paymentNoOrSagaID)
	if err != nil {
		return err
	}
	if err := c.sdk.CancelWorkflow(ctx, sagaID, ""); err != nil {
		return c.classify(sagaID, err)
	}
	return nil
}

// RefundOf is a refund of a completed payment as Refund takes it: the payment as it was paid is
// read from the first event of its saga's history. refundNo "" makes a new one
// (<paymentNo>-r<8 hex>); amountMinor nil refunds the whole payment. Nothing is started.
func (c *Client) RefundOf(ctx context.Context, paymentNo, refundNo string, amountMinor *int64) (RefundRequest, error) {
	sagaID, err := paymentSagaID(paymentNo)
	if err != nil {
		return RefundRequest{}, err
	}
	payment, err := c.State(ctx, sagaID)
	if err != nil {
		return RefundRequest{}, err
	}
	if payment.Status != Completed {
		key := ""
		if payment.BusinessKey != nil {
			key = *payment.BusinessKey
		}
		return RefundRequest{}, invalid("paymentNo", fmt.Sprintf("payment %s is %s: only a COMPLETED payment is refunded", key, payment.Status))
	}
	paid, err := c.paidRequest(ctx, sagaID)
	if err != nil {
		return RefundRequest{}, err
	}
	if refundNo == "" {
		refundNo = newRefundNo(paid.PaymentNo)
	}
	amount := paid.AmountMinor
	if amountMinor != nil {
		amount = *amountMinor
	}
	request := RefundRequest{RefundNo: refundNo, Payment: paid, AmountMinor: amount}
	return request, ValidateRefund(request)
}

func (c *Client) paidRequest(ctx context.Context, sagaID string) (PaymentRequest, error) {
	events := c.sdk.GetWorkflowHistory(ctx, sagaID, "", false, enumspb.HISTORY_EVENT_FILTER_TYPE_ALL_EVENT)
	if !events.HasNext() {
		return PaymentRequest{}, &NotFoundError{SagaID: sagaID}
	}
	first, err := events.Next()
	if err != nil {
		return PaymentRequest{}, c.classify(sagaID, err)
	}
	var paid PaymentRequest
	if err := c.data.FromPayloads(first.GetWorkflowExecutionStartedEventAttributes().GetInput(), &paid); err != nil {
		return PaymentRequest{}, fmt.Errorf("the input of %s: %w", sagaID, err)
	}
	return paid, nil
}

func newRefundNo(paymentNo string) string {
	b := make([]byte, 4)
	_, _ = rand.Read(b)
	suffix := "-r" + hex.EncodeToString(b)
	if len(paymentNo) > 64-len(suffix) {
		paymentNo = paymentNo[:64-len(suffix)]
	}
	return paymentNo + suffix
}

// HistoryLink is the saga's page in the Temporal UI (its history when the run ID is known).
func (c *Client) HistoryLink(sagaID, runID string) string {
	return HistoryLink(c.uiURL, c.namespace, sagaID, runID)
}

// SagaID: P1001 and payment-P1001 both name payment-P1001; refund-<refundNo> names a refund saga.
func SagaID(paymentNoOrSagaID string) (string, error) {
	if strings.HasPrefix(paymentNoOrSagaID, RefundWorkflowIDPrefix) {
		return paymentNoOrSagaID, nil
	}
	return paymentSagaID(paymentNoOrSagaID)
}

func paymentSagaID(paymentNoOrSagaID string) (string, error) {
	if isBlank(&paymentNoOrSagaID) {
		return "", invalid("paymentNo", "is required")
	}
	if strings.HasPrefix(paymentNoOrSagaID, PaymentWorkflowIDPrefix) {
		return paymentNoOrSagaID, nil
	}
	if err := checkPaymentNo(&paymentNoOrSagaID); err != nil {
		return "", err
	}
	return PaymentWorkflowIDPrefix + paymentNoOrSagaID, nil
}

// classify turns Temporal's errors into NotFoundError and UnreachableError; others pass.
// deadlineReached: the server ends a long poll at the deadline the client sent it (RST_STREAM
// CANCEL, or DEADLINE_EXCEEDED), which can reach the client a moment before its own timer fires;
// the SDK hands it on as a gRPC status or converted to Temporal's serviceerror types.
func deadlineReached(err error) bool {
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
		return true
	}
	var canceled *serviceerror.Canceled
	var deadline *serviceerror.DeadlineExceeded
	if errors.As(err, &canceled) || errors.As(err, &deadline) {
		return true
	}
	s, ok := status.FromError(err)
	for !ok && err != nil {
		err = errors.Unwrap(err)
		s, ok = status.FromError(err)
	}
	return ok && (s.Code() == codes.Canceled || s.Code() == codes.DeadlineExceeded)
}

func (c *Client) classify(sagaID string, err error) error {
	var notFound *serviceerror.NotFound
	if errors.As(err, &notFound) {
		return &NotFoundError{SagaID: sagaID, Err: err}
	}
	var unavailable *serviceerror.Unavailable
	if errors.As(err, &unavailable) {
		return &UnreachableError{Address: c.hostPort, Err: err}
	}
	if s, ok := status.FromError(err); ok && s.Code() == codes.Unavailable {
		return &UnreachableError{Address: c.hostPort, Err: err}
	}
	return err
}
