package paysaga

// SagaStatus is the saga's lifecycle status as the state query reports it.
type SagaStatus string

// The statuses of Java's org.paysaga.saga.SagaStatus.
const (
	Running      SagaStatus = "RUNNING"
	Completed    SagaStatus = "COMPLETED"
	Compensating SagaStatus = "COMPENSATING"
	Compensated  SagaStatus = "COMPENSATED"
	Recovering   SagaStatus = "RECOVERING"
	DLQ          SagaStatus = "DLQ"
	Resolved     SagaStatus = "RESOLVED"
	Failed       SagaStatus = "FAILED"
)

// Terminal reports whether the saga will run no more code.
func (s SagaStatus) Terminal() bool {
	return s == Completed || s == Compensated || s == Resolved || s == Failed
}

// StepStatus is the status of one phase (forward action or compensation) of a step.
type StepStatus string

// The statuses of Java's org.paysaga.saga.StepStatus.
const (
	StepPending     StepStatus = "PENDING"
	StepRunning     StepStatus = "RUNNING"
	StepSucceeded   StepStatus = "SUCCEEDED"
	StepFailed      StepStatus = "FAILED"
	StepNotRequired StepStatus = "NOT_REQUIRED"
)

// SagaState is the saga as a whole, the JSON of Java's SagaState record: the answer of the state
// query while the saga runs and its result once it ended. Java's nulls are nil pointers.
type SagaState struct {
	SagaID          string      `json:"sagaId"`
	SagaType        string      `json:"sagaType"`
	BusinessKey     *string     `json:"businessKey"`
	Status          SagaStatus  `json:"status"`
	Steps           []StepState `json:"steps"`
	Failure         *string     `json:"failure"`
	Note            *string     `json:"note"`
	StartedAtMillis int64       `json:"startedAtMillis"`
	UpdatedAtMillis int64       `json:"updatedAtMillis"`
}

// FailureText is Failure, or "" when there is none.
func (s SagaState) FailureText() string {
	if s.Failure == nil {
		return ""
	}
	return *s.Failure
}

// Step is the state of the named step, or nil.
func (s SagaState) Step(name string) *StepState {
	for i := range s.Steps {
		if s.Steps[i].Step == name {
			return &s.Steps[i]
		}
	}
	return nil
}

// StepState is one step's forward action and compensation (Java's StepState record).
type StepState struct {
	Step                 string     `json:"step"`
	Status               StepStatus `json:"status"`
	Attempts             int        `json:"attempts"`
	Compensation         *string    `json:"compensation"`
	CompensationStatus   StepStatus `json:"compensationStatus"`
	CompensationAttempts int        `json:"compensationAttempts"`
	LastError            *string    `json:"lastError"`
}

// SagaStart answers a start: the run started, or the existing run when Started is false.
type SagaStart struct {
	SagaID  string `json:"sagaId"`
	RunID   string `json:"runId"`
	Started bool   `json:"started"`
}
