//go:build !linux

package loader

import (
	"io"
	"slices"
)

// dirents is what readNames keeps from folder to folder: nothing here.
type dirents struct{}

// readNames is what os.ReadDir lists, in its order, as names alone, in
// b (valid until b is used again): a walk stats each entry anyway, and an
// entry apiece for 100,000 files, in a list grown one name at a time, was
// 12 MB of garbage while a warm start's check runs.
func (b *statBuffers) readNames(dir string) ([]string, error) {
	f, err := openDir(dir)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	clear(b.names)
	names := b.names[:0]
	for {
		batch, err := f.Readdirnames(readNamesAtOnce)
		names = append(names, batch...)
		if err == io.EOF || err == nil && len(batch) == 0 {
			break
		}
		if err != nil {
			b.names = names
			return nil, err
		}
	}
	b.names = names
	slices.Sort(names)
	return names, nil
}

// readNamesAtOnce is how many names readNames asks for at a time.
const readNamesAtOnce = 1024
