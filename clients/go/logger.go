package paysaga

import "log/slog"

// quietLogger drops the SDK's debug and info lines and passes warnings and errors to slog.
type quietLogger struct{}

func (quietLogger) Debug(string, ...interface{})             {}
func (quietLogger) Info(string, ...interface{})              {}
func (quietLogger) Warn(msg string, keyvals ...interface{})  { slog.Warn(msg, keyvals...) }
func (quietLogger) Error(msg string, keyvals ...interface{}) { slog.Error(msg, keyvals...) }
