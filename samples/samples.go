// Package samples bundles a small set of invented clipping dumps into the
// binary, so that tidings has something to show on first run (`go run
// ./cmd/tidings` with no arguments).
//
// The dumps live under dumps/, one folder per day (2025-03-01 to 2025-03-03),
// each holding 11 pages in both page layouts (the plain one and the one that
// starts with a "logo" line) plus one hashtag listing page (#StormIlsa, on
// 2025-03-02). They describe a fictional coast: the harbour city of Portmere,
// the Tarrow Isles and their ferries, the Ombry Valley orchards, Storm Ilsa, a
// tram extension with an opening-day live blog, and so on. Stories recur
// across pages and days, so related-article navigation has somewhere to go.
// Everything in them is invented. They contain no malformed input: the trap
// and robustness cases are in testdata/dumps instead.
//
// FS is rooted at the package directory, so paths start with "dumps/", for
// example fs.ReadDir(samples.FS, "dumps/2025-03-01"). Files embedded this way
// carry no modification time: a date has to come from the folder name.
package samples

import "embed"

// FS holds the bundled dumps under "dumps/<YYYY-MM-DD>/<NNN>_<16 hex>.txt".
//
//go:embed dumps
var FS embed.FS
