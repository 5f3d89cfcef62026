// Package main renames clippings by their headline. It is in this folder
// because people keep their scripts next to their dumps.
package main

import "fmt"

func main() {
	fmt.Println("Portmere lifeboat station opens its doors to visitors")
}
