package ui

import (
	"os"
	"os/exec"
	"strings"

	tea "charm.land/bubbletea/v2"
)

// linkOpenedMsg reports how opening a link went.
type linkOpenedMsg struct{ err error }

// openLink hands the story's URL to $BROWSER, suspending the screen while
// the browser has the terminal (a text browser needs it; a graphical one
// returns at once). It is only ever run by the OpenLink key.
func openLink(url string) tea.Cmd {
	if url == "" {
		return say("This story has no link: its file gave none")
	}
	if lower := strings.ToLower(url); !strings.HasPrefix(lower, "https://") && !strings.HasPrefix(lower, "http://") {
		// Only a web address is handed over: never one that a browser
		// could take for an option or a local file.
		return say("This story's link is not a web address")
	}
	argv := browserCommand(url)
	if len(argv) == 0 {
		return say("Set $BROWSER to open links")
	}
	// The URL is one argument, never parsed by a shell.
	cmd := exec.Command(argv[0], argv[1:]...)
	return tea.ExecProcess(cmd, func(err error) tea.Msg { return linkOpenedMsg{err} })
}

// browserCommand is the command line for $BROWSER's first entry (it may
// list several, separated by colons), the URL in place of a "%s" or
// after the words.
func browserCommand(url string) []string {
	first, _, _ := strings.Cut(os.Getenv("BROWSER"), ":")
	argv := strings.Fields(first)
	if len(argv) == 0 {
		return nil
	}
	placed := false
	for i, a := range argv {
		if strings.Contains(a, "%s") {
			argv[i], placed = strings.ReplaceAll(a, "%s", url), true
		}
	}
	if !placed {
		argv = append(argv, url)
	}
	return argv
}
