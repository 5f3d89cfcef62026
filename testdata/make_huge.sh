#!/usr/bin/env bash
# Regenerates testdata/dumps/2025-03-03/huge_line.txt, a dump whose first
# related article has a body of one line of exactly 2 MiB (2,097,152 bytes of
# ASCII, no newline inside). The output is byte-for-byte deterministic, so the
# committed file can be checked with: bash testdata/make_huge.sh && git diff --exit-code
# Usage: bash testdata/make_huge.sh [output-file]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="${1:-$here/dumps/2025-03-03/huge_line.txt}"
mkdir -p "$(dirname "$out")"
{
  printf '%s\n' \
    'Ferry timetable archive goes online' \
    'GREAT TARROW, March 3 (Esker Wire) - Volunteers have typed up every Tarrow Line timetable since 1952 and put them online.' \
    'Hashtags' \
    'Try Our AI Features' \
    'Explore what Daily8 AI can do for you:' \
    'Comments' \
    'No comments yet...' \
    'Related Articles' \
    '' \
    'Tarrow Islander' \
    '2 hours ago' \
    '- Tarrow Islander' \
    'Every ferry timetable since 1952, in one long line'
  LC_ALL=C awk 'BEGIN {
    max = 2097152; total = 0; n = 0
    while (1) {
      n++
      s = sprintf("Sailing %07d: the %02d:%02d from Portmere to Great Tarrow left on time. ", n, (n * 7) % 24, (n * 13) % 60)
      if (total + length(s) > max - 1) break
      printf "%s", s
      total += length(s)
    }
    while (total < max) { printf "."; total++ }
  }'
  printf '\n\n'
  printf '%s\n' \
    'Tarrow Islander' \
    '3 hours ago' \
    '- Tarrow Islander' \
    'Archive volunteers thanked at Great Tarrow'
  printf '%s' 'The Tarrow Isles archive society thanked the twelve volunteers who typed up the timetables over two winters.'
} > "$out"
