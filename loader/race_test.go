//go:build race

package loader

// raceDetector sizes the largest hostile inputs down under the race
// detector, which makes each byte parsed many times slower; the full
// sizes run in the ordinary test run.
const raceDetector = true
