package ui

import (
	"image/color"

	"charm.land/lipgloss/v2"
)

// Styles is built once per background (dark or light) and colour setting,
// so that View never builds styles.
type Styles struct {
	Title, TitleDim       lipgloss.Style
	PaneTitle, PaneBlur   lipgloss.Style
	DayHeader             lipgloss.Style
	Row, RowRead          lipgloss.Style
	Cursor, CursorBlurred lipgloss.Style
	Unread, Star          lipgloss.Style
	Source, Time          lipgloss.Style
	Match, MatchCurrent   lipgloss.Style
	Headline, Meta        lipgloss.Style
	Section               lipgloss.Style
	RelatedRow            lipgloss.Style
	RelatedSelected       lipgloss.Style
	Status, StatusKey     lipgloss.Style
	StatusWarn, StatusOK  lipgloss.Style
	Divider               lipgloss.Style
	Bar, BarEmpty         lipgloss.Style
	Dim                   lipgloss.Style
	Error                 lipgloss.Style
}

// NewStyles builds the styles. Without colour (NO_COLOR or a dumb terminal)
// everything that matters stays visible through bold, faint, reverse and
// underline alone.
// Colours named in colors (config.toml's [colors]) replace tidings' own.
func NewStyles(dark, noColor bool, colors map[string]string) Styles {
	pick := func(light, darkc string) color.Color {
		if dark {
			return lipgloss.Color(darkc)
		}
		return lipgloss.Color(light)
	}
	s := lipgloss.NewStyle
	st := Styles{
		Title:           s().Bold(true),
		TitleDim:        s(),
		PaneTitle:       s().Reverse(true).Bold(true),
		PaneBlur:        s().Faint(true),
		DayHeader:       s().Bold(true),
		Row:             s(),
		RowRead:         s().Faint(true),
		Cursor:          s().Reverse(true),
		CursorBlurred:   s().Underline(true),
		Unread:          s().Bold(true),
		Star:            s().Bold(true),
		Source:          s(),
		Time:            s(),
		Match:           s().Underline(true),
		MatchCurrent:    s().Reverse(true),
		Headline:        s().Bold(true),
		Meta:            s(),
		Section:         s().Bold(true).Underline(true),
		RelatedRow:      s(),
		RelatedSelected: s().Reverse(true),
		Status:          s().Reverse(true),
		StatusKey:       s().Reverse(true).Bold(true),
		StatusWarn:      s().Reverse(true).Bold(true),
		StatusOK:        s().Reverse(true),
		Divider:         s(),
		Bar:             s().Reverse(true),
		BarEmpty:        s(),
		Dim:             s().Faint(true),
		Error:           s().Bold(true),
	}
	if noColor {
		return st
	}
	accent := userColor(colors, "accent", pick("#1f6feb", "#79b8ff"))
	muted := userColor(colors, "muted", pick("#6e7781", "#8b949e"))
	warm := userColor(colors, "warm", pick("#9a6700", "#e3b341"))
	statusBG := userColor(colors, "status_bg", pick("#d0d7de", "#30363d"))
	statusFG := userColor(colors, "status_fg", pick("#1f2328", "#e6edf3"))
	cursorBG := userColor(colors, "cursor_bg", pick("#ddf4ff", "#1f3a5f"))
	cursorFG := userColor(colors, "cursor_fg", pick("#0a3069", "#ffffff"))
	st.DayHeader = st.DayHeader.Foreground(accent)
	st.RowRead = st.RowRead.Foreground(muted)
	st.Cursor = s().Background(cursorBG).Foreground(cursorFG)
	st.CursorBlurred = s().Background(pick("#eaeef2", "#262c36"))
	st.Unread = st.Unread.Foreground(accent)
	st.Star = st.Star.Foreground(warm)
	st.Source = st.Source.Foreground(userColor(colors, "source", pick("#8250df", "#d2a8ff")))
	st.Time = st.Time.Foreground(muted)
	st.Meta = st.Meta.Foreground(muted)
	st.Section = st.Section.Foreground(accent)
	st.RelatedSelected = s().Background(cursorBG).Foreground(cursorFG)
	st.Status = s().Background(statusBG).Foreground(statusFG)
	st.StatusKey = st.Status.Bold(true)
	st.StatusWarn = st.Status.Foreground(warm).Bold(true)
	st.StatusOK = st.Status.Foreground(pick("#1a7f37", "#56d364"))
	st.Divider = s().Foreground(muted)
	st.PaneTitle = s().Background(accent).Foreground(pick("#ffffff", "#0d1117")).Bold(true)
	st.PaneBlur = s().Foreground(muted)
	st.Bar = s().Foreground(accent)
	st.BarEmpty = s().Foreground(muted)
	st.Dim = s().Foreground(muted)
	st.Match = s().Background(userColor(colors, "match_bg", pick("#fff8c5", "#5a4a00"))).Foreground(pick("#1f2328", "#ffffff"))
	st.MatchCurrent = s().Background(warm).Foreground(pick("#ffffff", "#1f2328")).Bold(true)
	st.Error = st.Error.Foreground(pick("#cf222e", "#ff7b72"))
	return st
}
