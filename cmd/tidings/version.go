package main

import "runtime/debug"

// version is stamped by release builds:
//
//	go build -ldflags "-X main.version=v1.2.0" ./cmd/tidings
//
// Other builds fall back on what the Go tool records in the binary.
var version string

// versionString is what `tidings version` prints: the stamped version, else
// the module version `go install tidings@vX` records ("(devel)" for a
// build in a checkout), with the commit the Go tool records when it built
// from a checkout, so that a report from a user names the code exactly.
func versionString(info *debug.BuildInfo, ok bool) string {
	v := version
	if v == "" && ok {
		v = info.Main.Version
	}
	if v == "" {
		v = "(devel)"
	}
	out := "tidings " + v
	if !ok {
		return out
	}
	var revision, at string
	modified := false
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			revision = s.Value
		case "vcs.time":
			at = s.Value
		case "vcs.modified":
			modified = s.Value == "true"
		}
	}
	if revision == "" {
		return out
	}
	out += ", commit " + revision[:min(len(revision), 12)]
	if at != "" {
		out += " of " + at
	}
	if modified {
		out += ", with local changes"
	}
	return out
}
