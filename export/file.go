package export

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"tidings/model"
)

// nameLimit is how long the headline part of a file name may be, in bytes:
// whole words, well under any file system's limit.
const nameLimit = 60

// FileName is the name a saved story gets: its day and its headline's
// words, lower case, joined by hyphens, "2025-03-04-harbour-pilots-vote.md".
// Letters of any script are kept; accents are dropped from Latin ones.
func FileName(a *model.Article) string {
	var words []string
	var w strings.Builder
	flush := func() {
		if w.Len() > 0 {
			words = append(words, w.String())
			w.Reset()
		}
	}
	for _, r := range norm.NFD.String(a.Headline) {
		switch {
		case unicode.Is(unicode.Mn, r): // a combining accent
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			w.WriteRune(unicode.ToLower(r))
		default:
			flush()
		}
	}
	flush()
	name := ""
	for _, word := range words {
		if len(name)+len(word)+1 > nameLimit {
			if name == "" {
				name = truncateRunes(word, nameLimit)
			}
			break
		}
		if name != "" {
			name += "-"
		}
		name += word
	}
	if name == "" {
		name = "story-" + a.ID
	}
	if a.Day() != "" {
		name = a.Day() + "-" + name
	}
	return name + ".md"
}

func truncateRunes(s string, n int) string {
	for len(s) > n {
		_, size := utf8.DecodeLastRuneInString(s)
		s = s[:len(s)-size]
	}
	return s
}

// Save writes a story as Markdown into dir (made if missing) under its
// FileName, never over a file that is there: the name is taken with
// O_EXCL, and when it is taken already, "-2", "-3"... are tried before the
// extension. It returns the path written.
func Save(dir string, a *model.Article, body model.Body) (string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	base := strings.TrimSuffix(FileName(a), ".md")
	text := []byte(Markdown(a, body))
	for n := 1; n <= 1000; n++ {
		name := base + ".md"
		if n > 1 {
			name = fmt.Sprintf("%s-%d.md", base, n)
		}
		path := filepath.Join(dir, name)
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return "", err
		}
		_, err = f.Write(text)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			os.Remove(path) // a half-written story is worse than none
			return "", err
		}
		return path, nil
	}
	return "", fmt.Errorf("%s: a thousand files named %s already", dir, base+".md")
}
