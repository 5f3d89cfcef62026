package loader

import (
	"time"

	"tidings/model"
)

// Dumps reads files again for the text of stories that were loaded without
// it (see model.Library.BodyOf), as a load reads them: opened without
// blocking, checked, limited, and parsed with the hints the walk gives
// (a live blog's entries are dated from the save).
type Dumps struct {
	Location *time.Location
}

// ReadDump parses the file named as it is now.
func (d Dumps) ReadDump(ref model.FileRef) (*model.Dump, error) {
	ref, info, err := statRef(ref)
	if err != nil {
		return nil, err // fs.ErrNotExist says the file was removed
	}
	res := loadFile(osFile(ref, info, folderDate(ref.Path)), d.Location)
	return res.Dump, res.Err
}
