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

// noFollow is zero where opening cannot refuse a link; openLock checks
// the path with Lstat instead.
const noFollow = 0

func links(os.FileInfo) uint64 { return 1 }
