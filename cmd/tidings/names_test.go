package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// hostileName is a file name that would set the window title, write the
// clipboard (OSC 52), clear the screen and reverse the text after it if it
// reached the terminal as it is.
const hostileName = "a\x1b]0;pwned\x07\x1b]52;c;ZXZpbA==\x07\x1b[2J\x1b[H\u202e\u009b31m\u061c\x7fz"

// requireNothingRaw fails if out holds a byte or rune that drives or
// reorders a terminal.
func requireNothingRaw(t *testing.T, what, out string) {
	t.Helper()
	if !utf8.ValidString(out) {
		t.Errorf("%s is not valid UTF-8: %q", what, out)
	}
	for _, r := range out {
		if r < 0x20 && r != '\n' || r == 0x7f || r >= 0x80 && r <= 0x9f || r == 0x061c || r == 0x200e || r == 0x200f ||
			r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069 {
			t.Errorf("%s holds %U raw: %q", what, r, out)
			return
		}
	}
}

// TestFileNamesNeverReachTheTerminalRaw: names of loaded and skipped files
// are cleaned in text output and on stderr, and escaped in JSON so that a
// script still gets the exact name back (issue 9, item 11).
func TestFileNamesNeverReachTheTerminalRaw(t *testing.T) {
	dir := t.TempDir()
	loaded := filepath.Join(dir, hostileName+".txt")
	skipped := filepath.Join(dir, hostileName+".bin")
	if err := os.WriteFile(loaded, []byte("A headline long enough to be one\nA paragraph of the story.\n"), 0o644); err != nil {
		t.Skipf("this file system refuses such names: %v", err)
	}
	if err := os.WriteFile(skipped, []byte("\x00\x01\x02\x03\x04\x05\x06\x07\x00\x00"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"inspect", dir}, {"inspect", "--json", dir}, {"list", dir}, {"list", "--json", dir}} {
		name := strings.Join(args[:len(args)-1], " ")
		if args[0] == "list" {
			args = append(args, "--state", filepath.Join(t.TempDir(), "state.db"))
		}
		var stdout, stderr bytes.Buffer
		code := run(args, nil, &stdout, &stderr)
		if code != 0 {
			t.Errorf("%s: exit %d: %s", name, code, stderr.String())
		}
		requireNothingRaw(t, name+" stdout", stdout.String())
		requireNothingRaw(t, name+" stderr", stderr.String())
		if !strings.Contains(stderr.String(), "tidings: skipped "+dir+"/a") {
			t.Errorf("%s: the skipped file is not named on stderr: %q", name, stderr.String())
		}
		if name == "inspect --json" {
			var out jsonInspect
			if err := json.Unmarshal(stdout.Bytes(), &out); err != nil {
				t.Fatalf("not JSON: %v", err)
			}
			if len(out.Dumps) != 1 || out.Dumps[0].Path != loaded || len(out.Errors) != 1 || out.Errors[0].Path != skipped {
				t.Errorf("JSON does not give the exact names back: %+v", out)
			}
			for _, esc := range []string{`\u001b`, `\u0007`, `\u202e`, `\u009b`, `\u061c`, `\u007f`} {
				if !strings.Contains(stdout.String(), esc) {
					t.Errorf("JSON does not show %s", esc)
				}
			}
		}
		if name == "inspect" && !strings.Contains(stdout.String(), dir+"/a") {
			t.Errorf("inspect does not name the loaded file: %q", stdout.String())
		}
	}
}

func TestWriteJSONEscapesWhatTerminalsObey(t *testing.T) {
	var b bytes.Buffer
	in := map[string]string{"k": "x\u202ey\u009bz\u2066\ufeff\u00e9\u2028"}
	if err := writeJSON(&b, in); err != nil {
		t.Fatal(err)
	}
	want := "{\n  \"k\": \"x\\u202ey\\u009bz\\u2066\\ufeff\u00e9\\u2028\"\n}\n"
	if b.String() != want {
		t.Errorf("writeJSON = %q, want %q", b.String(), want)
	}
	var back map[string]string
	if err := json.Unmarshal(b.Bytes(), &back); err != nil || back["k"] != in["k"] {
		t.Errorf("round trip: %q, %v", back, err)
	}
}

// TestFlagErrorsNeverReachTheTerminalRaw: a file name that starts with a
// dash (`tidings inspect *` in a folder holding one) is taken for a flag,
// and the flag package prints it as it is.
func TestFlagErrorsNeverReachTheTerminalRaw(t *testing.T) {
	for _, args := range [][]string{{"inspect", "-" + hostileName, "x"}, {"list", "--json=" + hostileName, "x"}} {
		var stdout, stderr bytes.Buffer
		if code := run(args, nil, &stdout, &stderr); code != 2 {
			t.Errorf("%s: exit %d", args[0], code)
		}
		requireNothingRaw(t, args[0]+" stderr", strings.ReplaceAll(stderr.String(), "\t", " "))
		if !strings.Contains(stderr.String(), "usage: tidings "+args[0]) {
			t.Errorf("%s: no usage: %q", args[0], stderr.String())
		}
	}
}
