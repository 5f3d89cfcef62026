package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/adrg/xdg"
	"github.com/spf13/cobra"

	"tidings/loader"
	"tidings/samples"
	"tidings/state"
	"tidings/ui"
)

// dumpsSource decides what the reader opens: the paths given, else
// $TIDINGS_DUMPS, else $XDG_DATA_HOME/tidings/dumps when it exists, else the
// samples bundled into the binary, so that a first run shows something real.
func dumpsSource(paths []string) (loader.Source, string) {
	if len(paths) > 0 {
		return loader.Source{Paths: paths}, strings.Join(paths, " ")
	}
	if env := os.Getenv("TIDINGS_DUMPS"); env != "" {
		return loader.Source{Paths: []string{env}}, env
	}
	if dir := filepath.Join(xdg.DataHome, "tidings", "dumps"); isDir(dir) {
		return loader.Source{Paths: []string{dir}}, dir
	}
	return loader.Source{FS: samples.FS, Root: "dumps"}, "bundled samples (no dumps folder yet: see README)"
}

func isDir(path string) bool {
	info, err := os.Stat(path)
	return err == nil && info.IsDir()
}

// readerOptions are the reader's flags.
type readerOptions struct {
	statePath, configPath string
	noWatch, noCache      bool
}

// runReader opens the reader and, once it quits, waits for every mark to be
// written.
func (a *app) runReader(cmd *cobra.Command, paths []string, o readerOptions) int {
	stdout, stderr := a.stdout, a.stderr
	if len(paths) > 0 && !strings.ContainsRune(paths[0], filepath.Separator) {
		// A word that is no file, close to a command's name, is a
		// mistyped command rather than a missing dump.
		if _, err := os.Lstat(paths[0]); errors.Is(err, fs.ErrNotExist) {
			if suggestion := didYouMean(cmd, paths[0]); suggestion != "" {
				fmt.Fprintf(stderr, "tidings: %q is neither a command nor a file or folder%s\n", loader.CleanLine(paths[0]), suggestion)
				return 2
			}
		}
	}
	cfg, cfgProblems := loadConfig(o.configPath)
	src, label := dumpsSource(paths)
	env := ""
	if len(paths) == 0 && os.Getenv("TIDINGS_DUMPS") != "" {
		env = "TIDINGS_DUMPS"
	}
	if missing := missingPaths(src.Paths, env); len(missing) > 0 {
		for _, line := range missing {
			fmt.Fprintf(stderr, "tidings: %s\n", line)
		}
		return 1
	}
	if holdNoFiles(src.Paths) {
		fmt.Fprintf(stderr, "tidings: no dumps in %s: no files there\n", cleanList(src.Paths))
		return 1
	}

	opened := make(chan *state.Store, 1)
	openStore := func() (ui.MarkStore, string) {
		path, err := state.ResolvePath(o.statePath)
		var store *state.Store
		var note string
		if err != nil {
			store, note = state.NewMemory(""), fmt.Sprintf("no place for the state file (%v); marks will not be saved this session", err)
		} else {
			store, note = state.OpenOrMemory(path)
		}
		opened <- store
		return store, note
	}
	m := ui.New(ui.Options{
		Source:      src,
		SourceLabel: label,
		Config:      cfg,
		OpenStore:   openStore,
		NoColor:     os.Getenv("NO_COLOR") != "",
		LightHint:   lightBackground(os.Getenv("COLORFGBG")),
		Watch:       !o.noWatch,
		Cache:       parseCache(o.noCache),
	})
	for _, problem := range cfgProblems {
		m.Library().AddWarning("settings", problem)
	}
	for _, note := range homeNotes() {
		m.Library().AddWarning("environment", note)
	}
	// Keep the terminal's window title, which the reader sets, to give it
	// back on the way out (XTWINOPS push and pop; terminals without them
	// ignore both).
	fmt.Fprint(stdout, "\x1b[22;0t")
	a.flushOutput() // before the screen opens, as the program writes to the terminal itself
	term := a.term
	if len(term) == 0 {
		// lipgloss found the terminal's colour profile when it loaded (in
		// tmux by running `tmux info`, some 50 ms); the program would find
		// it again, the same way, before its first frame.
		term = append(term, tea.WithColorProfile(lipgloss.Writer.Profile))
	}
	_, err := tea.NewProgram(m, term...).Run()
	fmt.Fprint(stdout, "\x1b[23;0t")
	m.Close()
	if err != nil {
		fmt.Fprintf(stderr, "tidings: %v\n", err)
	}
	select {
	case store := <-opened:
		if cerr := closeStore(store, stderr); cerr != nil {
			fmt.Fprintf(stderr, "tidings: saving marks: %v\n", cerr)
			return 1
		}
	default:
	}
	if err != nil || len(m.Library().Pages) == 0 {
		return 1 // as the usage says: 1 when no dump loaded
	}
	return 0
}

// lightBackground reads COLORFGBG ("15;0", "0;default;15"): rxvt, Konsole
// and others set it to the foreground and background colour numbers. A
// background of 7 (white) or 9-15 (bright colours) is light.
func lightBackground(colorfgbg string) bool {
	fields := strings.Split(colorfgbg, ";")
	bg, err := strconv.Atoi(fields[len(fields)-1])
	return err == nil && len(fields) >= 2 && (bg == 7 || (bg >= 9 && bg <= 15))
}

// closeStore writes the marks still queued. The screen is gone by then, so
// if that takes more than a moment (a slow or failing disk) it says on
// stderr what it waits for rather than hang silently.
func closeStore(store *state.Store, stderr io.Writer) error {
	done := make(chan struct{})
	defer close(done)
	go func() {
		select {
		case <-done:
		case <-time.After(300 * time.Millisecond):
			fmt.Fprintf(stderr, "tidings: writing the read marks to %s…\n", loader.CleanLine(store.Path()))
		}
	}()
	return store.Close()
}
