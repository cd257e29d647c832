package paysaga

import (
	"fmt"
	"strconv"
	"strings"
)

// UIPortOffset: the dev server serves its UI on the frontend's gRPC port plus this.
const UIPortOffset = 1000

// DefaultUIURL is http://<host>:<port + 1000> for a frontend address host:port (7233 when absent),
// as Java's TemporalUi.defaultUrl.
func DefaultUIURL(temporalAddress string) string {
	address := strings.TrimSpace(temporalAddress)
	if i := strings.Index(address, "://"); i >= 0 {
		address = address[i+3:]
	}
	host, port := address, 7233
	if colon := strings.LastIndex(address, ":"); colon > 0 && strings.Index(address, "]") < colon {
		host = address[:colon]
		if p, err := strconv.Atoi(address[colon+1:]); err == nil {
			port = p
		}
	}
	if host == "" {
		host = "127.0.0.1"
	}
	return "http://" + host + ":" + strconv.Itoa(port+UIPortOffset)
}

// HistoryLink is <ui-url>/namespaces/<ns>/workflows/<workflowId>/<runId>/history; without a run ID
// the workflow's page (Java's TemporalUi.historyLink).
func HistoryLink(uiURL, namespace, workflowID, runID string) string {
	link := strings.TrimSuffix(uiURL, "/") + "/namespaces/" + segment(namespace) + "/workflows/" + segment(workflowID)
	if strings.TrimSpace(runID) == "" {
		return link
	}
	return link + "/" + segment(runID) + "/history"
}

// segment encodes as Java's URLEncoder.encode(value, UTF_8) with "+" turned into "%20": letters,
// digits and ".-*_" stay, every other UTF-8 byte becomes %XX.
func segment(value string) string {
	var b strings.Builder
	for i := 0; i < len(value); i++ {
		c := value[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '.', c == '-', c == '*', c == '_':
			b.WriteByte(c)
		default:
			b.WriteString(fmt.Sprintf("%%%02X", c))
		}
	}
	return b.String()
}
