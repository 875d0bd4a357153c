package quality

import (
	"fmt"
	"strings"
	"testing"
)

// TestRedactWithholdsQuotedValuesWithQuotesInside: a confidential cell
// holding quotation marks (Held at "Oak House" pending) is quoted with
// escapes by %q; Redact must withhold all of it, not stop at the first
// escaped quote and leave the words after it (it left Oak House).
func TestRedactWithholdsQuotedValuesWithQuotesInside(t *testing.T) {
	for _, v := range []string{`Held at "Oak House" pending`, `='Oak House'!A1&"x"`, `a \ "Oak House`, "plain Oak House"} {
		msg := fmt.Sprintf("status: %q is not a status (allowed: Open)", v)
		got := Redact(msg)
		if strings.Contains(got, "Oak House") {
			t.Errorf("Redact(%s) = %s", msg, got)
		}
		if want := `status: "…" is not a status (allowed: Open)`; got != want {
			t.Errorf("Redact(%s) = %s, want %s", msg, got, want)
		}
	}
}
