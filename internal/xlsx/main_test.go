package xlsx

import (
	"os"
	"testing"

	"github.com/boardpack/boardpack/internal/gctune"
)

// TestMain runs the tests with the collector set as the program sets it.
func TestMain(m *testing.M) {
	gctune.ForBatch(gctune.RenderLimit)
	os.Exit(m.Run())
}
