//go:build !unix

package cache

import "os"

// duplicate opens the file again by its name: where descriptors cannot be
// duplicated, a snapshot renamed over it in between would be read instead,
// and is then refused as damage by the offsets' checks at worst.
func duplicate(f *os.File) (*os.File, error) { return os.Open(f.Name()) }
