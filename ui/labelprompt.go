package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"tidings/model"
	"tidings/state"
)

// labelPrompt is the status line asking for a label, with the labels in
// use offered as completions (tab takes the one shown, ↑/↓ choose
// another). The label typed is toggled on the story (l) or on every story
// of the day or filter (L).
type labelPrompt struct {
	input  textinput.Model
	active bool
	target *model.Article   // l: the story
	scope  []*model.Article // L: the stories of the day or filter
	what   string           // L: which stories, for messages ("of Tue 24 Jun")
}

// startLabel opens the prompt for one story (scope nil) or for many.
func (m *Model) startLabel(a *model.Article, scope []*model.Article, what string) tea.Cmd {
	if a == nil && len(scope) == 0 {
		m.status = "No story here to label"
		return nil
	}
	p := &m.prompt
	prompt := "label: "
	if scope != nil {
		prompt = fmt.Sprintf("label the %s %s %s: ", commas(len(scope)), plural(len(scope), "story", "stories"), what)
	}
	p.input = newLineInput(prompt, "")
	p.input.ShowSuggestions = true
	// Up and down choose among the completions; the filter line's keys
	// say how to keep or leave the line.
	p.input.KeyMap.NextSuggestion = key.NewBinding(key.WithKeys("down", "ctrl+n"))
	p.input.KeyMap.PrevSuggestion = key.NewBinding(key.WithKeys("up", "ctrl+p"))
	p.input.SetSuggestions(m.mk.allLabels())
	p.active, p.target, p.scope, p.what = true, a, scope, what
	// The input leaves a third of the line to the completions.
	width := max(5, m.ctx.Width-ansi.StringWidth(prompt)-m.ctx.Width/3-1)
	p.input.SetWidth(width)
	// The hint is shown whole or not at all: cut to the width ("a word of
	// letters,") it would leave the rule half said.
	for _, hint := range []string{"a word of letters, digits, - and _", "letters, digits, - or _", ""} {
		if ansi.StringWidth(hint) < width {
			p.input.Placeholder = hint
			break
		}
	}
	return p.input.Focus()
}

// labelKey takes every key while the prompt is open: enter toggles the
// label, esc leaves, the rest is typed.
func (m *Model) labelKey(msg tea.KeyPressMsg) tea.Cmd {
	k := &m.ctx.Keys
	p := &m.prompt
	switch {
	case key.Matches(msg, k.Global.ForceQuit):
		return tea.Quit
	case key.Matches(msg, k.Filter.Cancel):
		p.active = false
		return nil
	case key.Matches(msg, k.Filter.Apply):
		p.active = false
		m.toggleLabel(p.input.Value())
		return nil
	}
	var cmd tea.Cmd
	p.input, cmd = p.input.Update(msg)
	dropUnsafeRunes(&p.input)
	return cmd
}

// toggleLabel puts the label on the story, or takes it off if it has it;
// on many stories, puts it on those without it, or, when they all have
// it, takes it off them all. u undoes either.
func (m *Model) toggleLabel(typed string) {
	p := &m.prompt
	typed = strings.TrimSpace(typed)
	if typed == "" {
		return
	}
	label, ok := state.ParseLabel(typed)
	if !ok {
		m.status = fmt.Sprintf("“%s”: %s", typed, state.LabelRule)
		return
	}
	stories := p.scope
	if p.target != nil {
		stories = []*model.Article{p.target}
	}
	on := false // whether to put it on: unless every story has it
	for _, a := range stories {
		on = on || !m.mk.hasLabel(a, label)
	}
	var changes []markChange
	for _, a := range stories {
		if m.mk.hasLabel(a, label) != on {
			changes = append(changes, markChange{art: a, label: label, from: !on, to: on})
		}
	}
	n := len(changes)
	done := "Labelled +" + label
	if !on {
		done = "Took +" + label + " off"
	}
	if p.target == nil {
		stories := fmt.Sprintf("%s %s %s", commas(n), plural(n, "story", "stories"), p.what)
		done = fmt.Sprintf("Labelled %s +%s · %s undoes", stories, label, firstKey(m.ctx.Keys.Global.Undo))
		if !on {
			done = fmt.Sprintf("Took +%s off %s · %s undoes", label, stories, firstKey(m.ctx.Keys.Global.Undo))
		}
	}
	m.triage(done, changes)
}

// labelAll opens the prompt for the stories of the filter, or else of the
// group (day, source) under the cursor, as A marks them read.
func (m *Model) labelAll() tea.Cmd {
	switch group := m.list.selectedGroup(); {
	case m.filter.query != "":
		return m.startLabel(nil, m.list.stories(nil), "in the filter")
	case group == nil:
		m.status = "No story here to label"
		return nil
	default:
		return m.startLabel(nil, m.list.stories(group), group.scopeName())
	}
}

// View is the prompt line, exactly width cells wide: the input, and the
// labels that complete what is typed.
func (p *labelPrompt) View(ctx *Context, width int) string {
	line := p.input.View()
	hint := ""
	if s := p.input.MatchedSuggestions(); len(s) > 0 && p.input.Value() != "" {
		hint = " tab: " + strings.Join(s, " · ") + " "
	} else if len(p.input.AvailableSuggestions()) > 0 {
		hint = " " + strings.Join(p.input.AvailableSuggestions(), " · ") + " "
	}
	hint = ansi.Truncate(hint, max(0, width/3), "… ")
	gap := max(0, width-cellWidth(line)-ansi.StringWidth(hint))
	return fitLine(line+strings.Repeat(" ", gap)+ctx.Styles.StatusKey.Render(hint), width)
}

// labelsText shows a story's labels compactly, on its row and in the
// reading pane: "+brief +follow-up".
func labelsText(labels []string) string {
	if len(labels) == 0 {
		return ""
	}
	return "+" + strings.Join(labels, " +")
}
