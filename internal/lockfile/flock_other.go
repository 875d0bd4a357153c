//go:build !unix

package lockfile

import (
	"errors"
	"os"
)

var errWouldBlock = errors.New("lock held")

// On systems without flock the lock is not enforced: boardpack is built for
// the Unix servers councils schedule it on.
func tryLock(*os.File) error { return nil }

func unlock(*os.File) error { return nil }
