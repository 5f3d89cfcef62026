//go:build !unix

package loader

// openNoBlock is only needed where named pipes live in folders.
const openNoBlock = 0
