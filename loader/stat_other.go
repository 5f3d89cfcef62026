//go:build !(linux || darwin || freebsd || netbsd || openbsd)

package loader

import (
	"io/fs"
	"os"
	"path/filepath"
)

// folderStat stats names in one folder; elsewhere than the Unix systems
// with fstatat, with os.Stat.
type folderStat struct{ dir string }

func newFolderStat(dir string) folderStat { return folderStat{dir} }

func (folderStat) close() {}

func (s folderStat) stat(name string) (fs.FileInfo, error) {
	return os.Stat(filepath.Join(s.dir, name))
}
