//go:build !(linux || darwin || freebsd || netbsd || openbsd)

package loader

import (
	"io/fs"
	"os"
	"path/filepath"

	"tidings/model"
)

// folderStat stats names in one folder; elsewhere than the Unix systems
// with fstatat, with os.Stat.
type folderStat struct{ dir string }

func newFolderStat(dir string) folderStat { return folderStat{dir} }

func (folderStat) close() {}

// openDir opens a folder.
func openDir(dir string) (*os.File, error) { return os.Open(dir) }

// statSlot is nothing here: os.Stat allocates what it says.
type statSlot struct{}

func (s folderStat) stat(name string, _ *statSlot, _ *[]byte) (fs.FileInfo, bool, error) {
	return statPath(filepath.Join(s.dir, name))
}

// stampOf is the file's size and modification time: elsewhere than Unix
// no change time or inode is read.
func stampOf(_ string, info fs.FileInfo) model.Stamp {
	return model.Stamp{Size: info.Size(), ModTime: model.StampTime(info.ModTime())}
}
