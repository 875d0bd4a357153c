//go:build unix

package config

import (
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestLogoAndConfigMustBeRegularFiles: a logo of /dev/zero ran out of
// memory, and a named pipe as the config or the logo hung the run; each
// is now refused by name, as is a logo over MaxLogoBytes.
func TestLogoAndConfigMustBeRegularFiles(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "pipe.png")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	big := write(t, dir, "big.png", make([]byte, MaxLogoBytes+1))
	for _, c := range []struct{ logo, want string }{
		{"/dev/zero", "cannot read /dev/zero: not a regular file (a character device)"},
		{fifo, "not a regular file (a named pipe)"},
		{big, "over the limit of 5 MB"},
	} {
		_, err := Load(write(t, dir, "boardpack.yaml", []byte("logo: "+c.logo+"\n")), false)
		if err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), "boardpack.yaml") {
			t.Errorf("logo %s: %v; want an error naming boardpack.yaml and saying %q", c.logo, err, c.want)
		}
	}
	pipeConfig := filepath.Join(dir, "piped.yaml")
	if err := syscall.Mkfifo(pipeConfig, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(pipeConfig, true); err == nil || !strings.Contains(err.Error(), "piped.yaml") || !strings.Contains(err.Error(), "named pipe") {
		t.Errorf("config that is a named pipe: %v", err)
	}
}
