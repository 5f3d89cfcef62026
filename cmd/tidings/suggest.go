package main

import "strings"

// nearest returns the candidate a mistyped word most likely meant, if one
// is close enough to be worth suggesting: within one edit for short words,
// two for longer ones. Case and dashes are ignored first, since users bring
// settings spelled Split-Min-Width from other programs.
func nearest(word string, candidates []string) (string, bool) {
	folded := fold(word)
	best, bestDistance := "", min(2, max(1, len(folded)/4))+1
	for _, c := range candidates {
		// Lengths further apart than the distance allowed cannot be close:
		// a long mistyped name costs nothing to turn down.
		if abs(len(c)-len(folded)) >= bestDistance {
			continue
		}
		if d := editDistance(folded, fold(c)); d < bestDistance {
			best, bestDistance = c, d
		}
	}
	return best, best != ""
}

func fold(s string) string { return strings.ReplaceAll(strings.ToLower(s), "-", "_") }

// editDistance counts the insertions, deletions, substitutions and swaps of
// neighbouring bytes that turn a into b (the optimal string alignment
// distance): a swap is the commonest typo, "widht", and counts once.
func editDistance(a, b string) int {
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}

func abs(n int) int { return max(n, -n) }
