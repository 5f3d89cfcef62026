package state

import (
	"fmt"
	"os"
	"path/filepath"
	"syscall"
	"time"
)

// checkWritable finds out up front whether the folder and file take writes,
// because SQLite would otherwise open a read-only file silently and only
// fail at the first save, long after the user was told marks are saved.
// It runs only once a file has passed every check, since it creates (and
// removes) a file in the folder.
func checkWritable(path, dir string, exists bool) error {
	removeStaleProbes(dir)
	probe, err := os.CreateTemp(dir, probePattern)
	if err != nil {
		return &OpenError{Path: path, Kind: ErrUnwritable,
			Reason: fmt.Sprintf("its folder %s does not take new files (%v)", dir, plainError(err)), Err: err}
	}
	probe.Close()
	os.Remove(probe.Name())
	if exists {
		f, err := os.OpenFile(path, os.O_RDWR|syscall.O_NONBLOCK, 0)
		if err != nil {
			return &OpenError{Path: path, Kind: ErrUnwritable, Reason: fmt.Sprintf("it does not take writes (%v)", plainError(err)), Err: err}
		}
		f.Close()
	}
	return nil
}

// probePattern names the files checkWritable makes and removes.
const probePattern = ".tidings-write-test-*"

// removeStaleProbes removes the probes of tidings killed between making
// and removing one, once an hour has passed (no check takes that long).
func removeStaleProbes(dir string) {
	names, _ := filepath.Glob(filepath.Join(dir, probePattern))
	for _, name := range names {
		if info, err := os.Lstat(name); err == nil && info.Mode().IsRegular() && time.Since(info.ModTime()) > time.Hour {
			os.Remove(name)
		}
	}
}
