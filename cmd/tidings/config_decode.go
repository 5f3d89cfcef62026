package main

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/pelletier/go-toml/v2/unstable"
)

// settingsDoc is a settings file read into nested maps, as toml.Unmarshal
// into a map[string]any reads it, with the line of every key: its path of
// names joined with NULs ("keys\x00toggle_star"). A dotted key or an
// inline table also gives its parents the line where they first appear.
type settingsDoc struct {
	values map[string]any
	lines  map[string]int
}

// tomlDate is a date or time value, which no setting takes: kept as written
// so that the setting's message says what it wants.
type tomlDate string

// decodeSettings reads a settings file in one pass over go-toml's parser.
// go-toml's own decoder checks each key against every key before it in
// its table, which took 13 s on 40,000 settings; here each key costs one
// map look-up, and the lines are counted from one key to the next
// (lineFinder). Keys and tables defined twice are errors, as TOML says.
// An error starts with its line: "3: ...".
func decodeSettings(lf *lineFinder) (settingsDoc, error) {
	doc := settingsDoc{values: map[string]any{}, lines: map[string]int{}}
	var p unstable.Parser
	p.Reset(lf.data)
	table := doc.values
	var tablePath []string
	defined := map[string]bool{} // tables given a [header]
	for p.NextExpression() {
		e := p.Expression()
		line := lf.lineAt(int(firstKey(e).Offset))
		switch e.Kind {
		case unstable.Table, unstable.ArrayTable:
			tablePath = keyNames(e)
			recordLines(doc.lines, tablePath, line)
			joined := strings.Join(tablePath, "\x00")
			parent, err := descend(doc.values, tablePath[:len(tablePath)-1])
			if err != nil {
				return doc, fmt.Errorf("%d: %v", line, err)
			}
			last := tablePath[len(tablePath)-1]
			if e.Kind == unstable.ArrayTable {
				list, isList := parent[last].([]any)
				if _, exists := parent[last]; exists && !isList {
					return doc, fmt.Errorf("%d: %s is already defined", line, strings.Join(tablePath, "."))
				}
				table = map[string]any{}
				parent[last] = append(list, table)
				continue
			}
			if defined[joined] {
				return doc, fmt.Errorf("%d: table %s is defined twice", line, strings.Join(tablePath, "."))
			}
			defined[joined] = true
			t, err := descend(parent, []string{last})
			if err != nil {
				return doc, fmt.Errorf("%d: %v", line, err)
			}
			table = t
		case unstable.KeyValue:
			if err := setKeyValue(&doc, lf, table, tablePath, e, line); err != nil {
				return doc, err
			}
		}
	}
	if err := p.Error(); err != nil {
		var perr *unstable.ParserError
		if errors.As(err, &perr) && perr.Highlight != nil {
			return doc, fmt.Errorf("%d: %s", lf.lineAt(int(p.Range(perr.Highlight).Offset)), perr.Message)
		}
		return doc, err
	}
	return doc, nil
}

// setKeyValue sets a key = value line (or an inline table's entry) into
// table, whose path is tablePath.
func setKeyValue(doc *settingsDoc, lf *lineFinder, table map[string]any, tablePath []string, kv *unstable.Node, line int) error {
	names := keyNames(kv)
	path := slices.Concat(tablePath, names)
	recordLines(doc.lines, path, line)
	parent, err := descend(table, names[:len(names)-1])
	if err != nil {
		return fmt.Errorf("%d: %v", line, err)
	}
	last := names[len(names)-1]
	if _, exists := parent[last]; exists {
		return fmt.Errorf("%d: %s is already defined", line, strings.Join(path, "."))
	}
	value, err := nodeValue(doc, lf, path, kv.Value(), line)
	if err != nil {
		return err
	}
	parent[last] = value
	return nil
}

// nodeValue is a value as toml.Unmarshal gives it in a map: string, bool,
// int64, float64, []any or map[string]any (a date stays text).
func nodeValue(doc *settingsDoc, lf *lineFinder, path []string, n *unstable.Node, line int) (any, error) {
	text := string(n.Data)
	switch n.Kind {
	case unstable.String:
		return text, nil
	case unstable.Bool:
		return text == "true", nil
	case unstable.Integer:
		i, err := strconv.ParseInt(strings.ReplaceAll(text, "_", ""), 0, 64)
		if err != nil {
			return nil, fmt.Errorf("%d: %s is not a whole number TOML can hold", line, text)
		}
		return i, nil
	case unstable.Float:
		f, err := strconv.ParseFloat(strings.TrimLeft(strings.ReplaceAll(text, "_", ""), "+"), 64)
		if strings.HasSuffix(text, "nan") {
			f, err = strconv.ParseFloat("nan", 64)
		}
		if err != nil {
			return nil, fmt.Errorf("%d: %s is not a number", line, text)
		}
		return f, nil
	case unstable.Array:
		list := []any{}
		for it := n.Children(); it.Next(); {
			v, err := nodeValue(doc, lf, path, it.Node(), line)
			if err != nil {
				return nil, err
			}
			list = append(list, v)
		}
		return list, nil
	case unstable.InlineTable:
		table := map[string]any{}
		for it := n.Children(); it.Next(); {
			if kv := it.Node(); kv.Kind == unstable.KeyValue {
				if err := setKeyValue(doc, lf, table, path, kv, lf.lineAt(int(firstKey(kv).Offset))); err != nil {
					return nil, err
				}
			}
		}
		return table, nil
	}
	return tomlDate(text), nil
}

// descend walks down the tables named, making the missing ones.
func descend(table map[string]any, names []string) (map[string]any, error) {
	for i, name := range names {
		switch next := table[name].(type) {
		case nil:
			t := map[string]any{}
			table[name] = t
			table = t
		case map[string]any:
			table = next
		case []any: // an array of tables: its last
			var t map[string]any
			if len(next) > 0 {
				t, _ = next[len(next)-1].(map[string]any)
			}
			if t == nil {
				return nil, fmt.Errorf("%s is not a table", strings.Join(names[:i+1], "."))
			}
			table = t
		default:
			return nil, fmt.Errorf("%s is already defined", strings.Join(names[:i+1], "."))
		}
	}
	return table, nil
}

// recordLines gives the path and each of its parents the line, where they
// have none yet.
func recordLines(lines map[string]int, path []string, line int) {
	for i := 1; i <= len(path); i++ {
		key := strings.Join(path[:i], "\x00")
		if _, ok := lines[key]; !ok {
			lines[key] = line
		}
	}
}

// firstKey is where an expression's key starts.
func firstKey(n *unstable.Node) unstable.Range {
	if it := n.Key(); it.Next() {
		return it.Node().Raw
	}
	return n.Raw
}

func keyNames(n *unstable.Node) []string {
	var names []string
	for it := n.Key(); it.Next(); {
		names = append(names, string(it.Node().Data))
	}
	return names
}

// lineFinder turns byte offsets into line numbers, counting newlines from
// the last offset asked: the parser's keys come in the file's order, so
// the file is read once, however many keys it has. (go-toml's Shape
// counts from the start of the file for each key.)
type lineFinder struct {
	data    []byte
	pos     int // the offset counted to
	line    int // the line at pos
	scanned int // bytes counted, for the test that the work is linear
}

func newLineFinder(data []byte) *lineFinder { return &lineFinder{data: data, line: 1} }

func (lf *lineFinder) lineAt(offset int) int {
	offset = max(0, min(offset, len(lf.data)))
	if offset < lf.pos { // not in the file's order: count again from the start
		lf.pos, lf.line = 0, 1
	}
	lf.line += bytes.Count(lf.data[lf.pos:offset], []byte{'\n'})
	lf.scanned += offset - lf.pos
	lf.pos = offset
	return lf.line
}
