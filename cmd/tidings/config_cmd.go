package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"

	"tidings/loader"
)

// runConfig serves `tidings config [--config PATH]`: the settings the
// reader would use, as TOML, the file's with the defaults for the rest.
// Mistakes in the file go to stderr, one line each, and make the status 1,
// so that a script (or a person after an edit) can check the file.
func runConfig(cfgPath string, stdout, stderr io.Writer) int {
	cfg, problems := loadConfig(cfgPath)
	for _, p := range problems {
		fmt.Fprintf(stderr, "tidings config: %s\n", p)
	}
	out, err := configTOML(cfg)
	if err != nil {
		fmt.Fprintf(stderr, "tidings config: %v\n", err)
		return 1
	}
	if cfgPath == "" {
		fmt.Fprintln(stdout, "# tidings settings in effect: the defaults (neither $HOME nor $XDG_CONFIG_HOME is set)")
	} else if _, err := os.Stat(cfgPath); errors.Is(err, fs.ErrNotExist) {
		fmt.Fprintf(stdout, "# tidings settings in effect: the defaults (there is no %s)\n", loader.CleanLine(cfgPath))
	} else {
		fmt.Fprintf(stdout, "# tidings settings in effect: %s, with the defaults for the rest\n", loader.CleanLine(cfgPath))
	}
	stdout.Write(out)
	if len(problems) > 0 {
		return 1
	}
	return 0
}
