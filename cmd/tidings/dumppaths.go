package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"tidings/loader"
)

// missingPaths says, one line each, which of the reader's paths do not
// exist. The reader refuses them before its screen opens: a mistyped path
// would otherwise show an empty reader with a warning to look up. env names
// the variable the path came from, if it did.
func missingPaths(paths []string, env string) []string {
	var lines []string
	for _, p := range paths {
		_, err := os.Stat(p)
		if !errors.Is(err, fs.ErrNotExist) {
			continue // the loader reports any other trouble with the file
		}
		line := "no such file or folder: " + loader.CleanLine(p)
		if info, lerr := os.Lstat(p); lerr == nil && info.Mode()&fs.ModeSymlink != 0 {
			line = loader.CleanLine(p) + ": a symbolic link to nothing"
		}
		if env != "" {
			line += " (from $" + env + ")"
		}
		lines = append(lines, line)
	}
	return lines
}

// holdNoFiles reports whether every path is a folder holding no file at
// all, in it or below (with the loader's rules: hidden names skipped,
// links followed). That can be known cheaply, since the look stops at the
// first file; whether files are dumps takes loading them. Any doubt (a
// folder it cannot read, say) is left to the loader to report.
func holdNoFiles(paths []string) bool {
	seen := map[string]bool{}
	for _, p := range paths {
		if info, err := os.Stat(p); err != nil || !info.IsDir() || !folderHoldsNoFiles(p, seen) {
			return false
		}
	}
	return len(paths) > 0
}

func folderHoldsNoFiles(dir string, seen map[string]bool) bool {
	resolved, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return false
	}
	if abs, err := filepath.Abs(resolved); err == nil {
		resolved = abs
	}
	if seen[resolved] {
		return true // a folder already looked into
	}
	seen[resolved] = true
	f, err := os.Open(dir)
	if err != nil {
		return false
	}
	defer f.Close()
	for {
		// In batches, so that a folder of many files is not read whole to
		// find its first one.
		entries, err := f.ReadDir(64)
		for _, e := range entries {
			if strings.HasPrefix(e.Name(), ".") {
				continue
			}
			path := filepath.Join(dir, e.Name())
			isDir := e.IsDir()
			if e.Type()&fs.ModeSymlink != 0 {
				info, err := os.Stat(path)
				isDir = err == nil && info.IsDir()
			}
			if !isDir || !folderHoldsNoFiles(path, seen) {
				return false
			}
		}
		if errors.Is(err, io.EOF) {
			return true
		}
		if err != nil {
			return false
		}
	}
}

// noDumps says on stderr that nothing given was a dump, for exiting 1:
// empty output alone would read as a day without stories.
func noDumps(stderr io.Writer, command string, src loader.Source, label string) int {
	fmt.Fprintf(stderr, "tidings %s: no dumps in %s\n", command, sourceName(src, label))
	return 1
}

// sourceName names what a command read for a message: the paths, else
// dumpsSource's label for the bundled samples.
func sourceName(src loader.Source, label string) string {
	if len(src.Paths) > 0 {
		return cleanList(src.Paths)
	}
	return loader.CleanLine(label)
}

func cleanList(paths []string) string {
	names := make([]string, len(paths))
	for i, p := range paths {
		names[i] = loader.CleanLine(p)
	}
	return strings.Join(names, ", ")
}

// warnSkipped prints the line that tells why a file was not loaded. The
// name and the reason are cleaned as text from files is: either could hold
// escape sequences.
func warnSkipped(stderr io.Writer, path string, err error) {
	fmt.Fprintf(stderr, "tidings: skipped %s: %s\n", loader.CleanLine(path), loader.CleanLine(err.Error()))
}
