package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// storyFind is a search inside the open story, as in less or mutt's pager:
// the line it is typed in, the query, and the content lines that hold a
// match, which the pane draws highlighted.
type storyFind struct {
	input  textinput.Model
	typing bool   // the find line has the keyboard
	query  string // lower case; "" when no search is on
	hits   []int  // content lines holding a match
	cur    int    // the match stepped to
}

func newStoryFind() storyFind {
	return storyFind{input: newLineInput("find: ", "text in this story")}
}

// searching is true while a search shows its matches.
func (r *readerPane) searching() bool { return r.find.query != "" }

// typingFind is true while the find line has the keyboard.
func (r *readerPane) typingFind() bool { return r.find.typing }

func (r *readerPane) startFind() tea.Cmd {
	r.find.typing = true
	r.find.input.SetValue(r.find.query)
	r.find.input.CursorEnd()
	r.find.input.SetWidth(max(5, r.width-20))
	return r.find.input.Focus()
}

func (r *readerPane) endFind() {
	r.find.typing = false
	r.find.input.Blur()
	r.find.query, r.find.hits = "", nil
	r.compose()
}

// handleFindKey takes the keys of a search: typing the query, then
// stepping through its matches; ok is false when no search is on or the
// key is not one of these.
func (r *readerPane) handleFindKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	k := &r.ctx.Keys
	f := &r.find
	if f.typing {
		switch {
		case key.Matches(msg, k.Filter.Apply):
			f.typing = false
			f.input.Blur()
			f.query = strings.ToLower(strings.TrimSpace(f.input.Value()))
			r.compose()
			if r.searching() && len(f.hits) == 0 {
				return say(fmt.Sprintf("%q is not in this story", f.query)), true
			}
			r.stepMatch(0)
		case key.Matches(msg, k.Filter.Cancel):
			r.endFind()
		default:
			var cmd tea.Cmd
			f.input, cmd = f.input.Update(msg)
			dropUnsafeRunes(&f.input)
			return cmd, true
		}
		return nil, true
	}
	if !r.searching() {
		return nil, false
	}
	switch {
	case key.Matches(msg, k.Find.NextMatch):
		r.stepMatch(1)
	case key.Matches(msg, k.Find.PrevMatch):
		r.stepMatch(-1)
	case key.Matches(msg, k.Find.ClearFind):
		r.endFind()
	default:
		return nil, false
	}
	return nil, true
}

// stepMatch moves to the next (1) or previous (-1) match, or (0) to the
// first match from the top of the screen down.
func (r *readerPane) stepMatch(dir int) {
	f := &r.find
	if len(f.hits) == 0 {
		return
	}
	if dir == 0 {
		f.cur = 0
		for i, line := range f.hits {
			if line >= r.pg.offset {
				f.cur = i
				break
			}
		}
	} else {
		f.cur = (f.cur + dir + len(f.hits)) % len(f.hits)
	}
	r.compose()
	r.pg.setOffset(f.hits[f.cur] - r.height/3)
}

// highlightMatches marks the search's matches in the content lines, and
// notes where they are. A line with a match is drawn from its plain text,
// so the glamour styling of that line gives way to the highlight.
func (r *readerPane) highlightMatches(lines []string, skip int) {
	f := &r.find
	f.hits = f.hits[:0]
	if f.query == "" {
		return
	}
	st := &r.ctx.Styles
	for i, line := range lines {
		plain := ansi.Strip(line)
		lower := strings.ToLower(plain)
		if !strings.Contains(lower, f.query) {
			continue
		}
		if i == skip { // a match, but drawn as the selected row
			f.hits = append(f.hits, i)
			continue
		}
		style := st.Match
		if len(f.hits) == f.cur {
			style = st.MatchCurrent
		}
		f.hits = append(f.hits, i)
		if len(lower) != len(plain) { // case folding moved the bytes
			lines[i] = style.Render(plain)
			continue
		}
		var b strings.Builder
		for rest, at := 0, 0; ; rest = at + len(f.query) {
			j := strings.Index(lower[rest:], f.query)
			if j < 0 {
				b.WriteString(plain[rest:])
				break
			}
			at = rest + j
			b.WriteString(plain[rest:at])
			b.WriteString(style.Render(plain[at : at+len(f.query)]))
		}
		lines[i] = b.String()
	}
	if f.cur >= len(f.hits) {
		f.cur = 0
	}
}

// findLine is the status bar while a search is typed or shown.
func (r *readerPane) findLine(width int) string {
	f := &r.find
	if f.typing {
		return fitLine(f.input.View(), width)
	}
	k := &r.ctx.Keys.Find
	where := fmt.Sprintf(" %q: match %s of %s", f.query, commas(f.cur+1), commas(len(f.hits)))
	if len(f.hits) == 0 {
		where = fmt.Sprintf(" %q: no match", f.query)
	}
	return fmt.Sprintf("%s · %s %s · %s %s · %s %s", where, firstKey(k.NextMatch), k.NextMatch.Help().Desc,
		firstKey(k.PrevMatch), k.PrevMatch.Help().Desc, firstKey(k.ClearFind), k.ClearFind.Help().Desc)
}
