//go:build race

package cache

// raceDetector shortens the differential test's run under the race
// detector, which makes each step some ten times slower.
const raceDetector = true
