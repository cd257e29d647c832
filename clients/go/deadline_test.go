package paysaga

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"go.temporal.io/api/serviceerror"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

func TestDeadlineReachedTellsAnEndedLongPollFromAFailure(t *testing.T) {
	for err, want := range map[error]bool{
		status.Error(codes.Canceled, "stream terminated by RST_STREAM with error code: CANCEL"): true,
		fmt.Errorf("get: %w", status.Error(codes.DeadlineExceeded, "deadline")):                 true,
		fmt.Errorf("get: %w", context.DeadlineExceeded):                                         true,
		serviceerror.NewCanceled("stream terminated by RST_STREAM with error code: CANCEL"):     true,
		fmt.Errorf("get: %w", serviceerror.NewDeadlineExceeded("deadline")):                     true,
		serviceerror.NewUnavailable("connection refused"):                                       false,
		status.Error(codes.Unavailable, "connection refused"):                                   false,
		errors.New("something else"):                                                            false,
	} {
		if got := deadlineReached(err); got != want {
			t.Errorf("deadlineReached(%v) = %v, want %v", err, got, want)
		}
	}
}
