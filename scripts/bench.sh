#!/usr/bin/env bash
# Measures tidings against the performance budget on 100,000 generated dumps
# and prints one table: figure, budget, measured, pass or fail.
#
#   scripts/bench.sh                 # 100,000 dumps (about 3.7 GB, generated once)
#   N=10000 scripts/bench.sh         # a smaller corpus
#   N=1000000 scripts/bench.sh       # the big run: about 37 GB of dumps (plus a
#                                    # 2.6 GB cache); every row, with fewer
#                                    # passes of cat and of the cold list
#   TIDINGS_BENCH_DIR=/big/disk scripts/bench.sh
#   MIXED_N=10000 scripts/bench.sh   # the mixed folder's size (below)
#   PAIR_ONLY=1 scripts/bench.sh     # the 10,000-vs-N pair of warm rows alone
#   N=1000000 MEMORY_ONLY=1 scripts/bench.sh
#                                    # the memory rows alone: the cache
#                                    # written by a cold list, the warm reader
#
# The pair of warm rows compares the reader's warm start on SMALL_N dumps
# (10,000 by default, made once like the main corpus) with the same on N:
# a start that costs what the screen costs takes about as long on both,
# so the ratio is the figure (budget 1.3).
#
# The mixed row loads a folder of MIXED_N files across the formats (dumps,
# Markdown clippings, saved pages, RSS/Atom/JSON feeds, .eml, mbox), made
# once by `dumpgen -mixed`, cold, against `cat` of the same files.
#
# Cold rows parse every dump (--no-cache); warm rows start from the parse
# cache, which a cold `tidings list` writes into a cache folder of the run's
# own (never the user's).
#
# Needs tmux (first frame and whole-process timing) and GNU time.
set -euo pipefail
cd "$(dirname "$0")/.."

N=${N:-100000}
ROOT=${TIDINGS_BENCH_DIR:-${TMPDIR:-/tmp}/tidings-bench}
DIR=$ROOT/dumps-$N
OUT=$(mktemp -d)
# A session of this run's own: runs at once (other checkouts) do not meet.
SESSION=tidings-bench-$$
trap 'tmux kill-session -t "$SESSION" 2>/dev/null || true; rm -rf "$OUT"' EXIT
export TIDINGS_BENCH_DIR=$ROOT TIDINGS_BENCH_N=$N
export XDG_CACHE_HOME=$OUT/cache
BIG=$([ "$N" -ge 500000 ] && echo 1 || echo 0)
# The budgets for peak memory: a first start's 400 MiB at 100,000
# dumps, 2 GiB at a million; a warm reader's 150 MiB, 600 MiB.
COLD_RSS_MIB=$([ "$BIG" = 1 ] && echo 2048 || echo 400)
WARM_RSS_MIB=$([ "$BIG" = 1 ] && echo 600 || echo 150)
# Every row, or the pair's alone, or the memory rows' alone.
FULL=$([ "${PAIR_ONLY:-0}" != 1 ] && [ "${MEMORY_ONLY:-0}" != 1 ] && echo 1 || echo 0)

for tool in tmux /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "bench.sh needs $tool" >&2; exit 2; }
done

# corpus N DIR: generates N dumps in DIR once.
corpus() {
  if [ ! -f "$2/.complete" ]; then
    echo "generating $1 dumps in $2 ..." >&2
    rm -rf "$2"
    go run ./cmd/dumpgen -n "$1" -out "$2" >&2
    touch "$2/.complete"
  fi
}
[ "${MIXED_ONLY:-0}" = 1 ] || corpus "$N" "$DIR"
SMALL_N=${SMALL_N:-10000}
SMALL_DIR=$ROOT/dumps-$SMALL_N
PAIR=$([ "$N" -gt "$SMALL_N" ] && [ "${MIXED_ONLY:-0}" != 1 ] && [ "${MEMORY_ONLY:-0}" != 1 ] && echo 1 || echo 0)
[ "$PAIR" = 0 ] || corpus "$SMALL_N" "$SMALL_DIR"
go build -o "$OUT/tidings" ./cmd/tidings
now() { date +%s%N; }
ms() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.0f", (b-a)/1e6}'; }
# best_of RUNS CMD...: the fastest run's wall time (ms) and its peak RSS (KiB).
best_of() {
  local runs=$1; shift
  local best='' rss=''
  for _ in $(seq "$runs"); do
    local t0; t0=$(now)
    /usr/bin/time -f '%M' -o "$OUT/time.txt" "$@" >/dev/null 2>&1
    local m; m=$(ms "$t0" "$(now)")
    if [ -z "$best" ] || [ "$m" -lt "$best" ]; then best=$m; rss=$(tail -1 "$OUT/time.txt"); fi
  done
  echo "$best $rss"
}

# The mixed folder: every format, parsed cold, against cat.
if [ "$FULL" = 1 ]; then
MIXED_N=${MIXED_N:-10000}
MIXED_DIR=$ROOT/mixed-$MIXED_N
if [ ! -f "$MIXED_DIR/.complete" ]; then
  echo "generating $MIXED_N files across the formats in $MIXED_DIR ..." >&2
  rm -rf "$MIXED_DIR"
  go run ./cmd/dumpgen -n "$MIXED_N" -out "$MIXED_DIR" -mixed >&2
  touch "$MIXED_DIR/.complete"
fi
find "$MIXED_DIR" -type f -print0 | xargs -0 cat >/dev/null
MIXED_CAT_MS=
for _ in 1 2 3; do
  t0=$(now); find "$MIXED_DIR" -type f -print0 | xargs -0 cat >/dev/null; t1=$(now)
  m=$(ms "$t0" "$t1"); if [ -z "$MIXED_CAT_MS" ] || [ "$m" -lt "$MIXED_CAT_MS" ]; then MIXED_CAT_MS=$m; fi
done
read -r MIXED_MS _ < <(best_of 2 "$OUT/tidings" list --no-cache --state "$OUT/mixed-state.db" "$MIXED_DIR")
# MIXED_ONLY=1 measures this row alone (no 100,000-dump corpus needed).
[ "${MIXED_ONLY:-0}" = 1 ] && {
  echo "mixed folder: $MIXED_N files, cat $MIXED_CAT_MS ms, cold tidings list $MIXED_MS ms (budget 3 x cat = $((3 * MIXED_CAT_MS)) ms)"
  exit 0
}
fi

BYTES=$(find "$DIR" -type f -name '*.txt' -printf '%s\n' | awk '{s+=$1} END {printf "%.0f", s}')
if [ "$FULL" = 1 ]; then

# The floor: reading the bytes. Page cache warmed first, best of three.
find "$DIR" -type f -print0 | xargs -0 cat >/dev/null
CAT_MS=
# (The big corpus does not fit in the page cache: each pass reads the disk.)
for _ in $(seq $((3 - 2 * BIG))); do
  t0=$(now); find "$DIR" -type f -print0 | xargs -0 cat >/dev/null; t1=$(now)
  m=$(ms "$t0" "$t1"); if [ -z "$CAT_MS" ] || [ "$m" -lt "$CAT_MS" ]; then CAT_MS=$m; fi
done

# The loader alone, as scripts use it: every story listed once, every dump
# parsed.
read -r LIST_MS LIST_RSS < <(best_of $((2 - BIG)) "$OUT/tidings" list --no-cache --state "$OUT/list-state.db" "$DIR")

# The parse cache, written by a cold list (after its output: it builds both
# indexes first), then lists from it.
read -r CACHE_MS CACHE_RSS < <(best_of 1 "$OUT/tidings" list --state "$OUT/list-state.db" "$DIR")
CACHE_BYTES=$(du -cb "$XDG_CACHE_HOME"/tidings/*.cache | tail -1 | cut -f1)
read -r WARM_LIST_MS WARM_LIST_RSS < <(best_of 3 "$OUT/tidings" list --json --state "$OUT/list-state.db" "$DIR")
fi

# The reader under tmux, as a person runs it: time to the first frame (any
# frame: the title bar), to the first frame with stories on it, until the
# title bar stops saying "Loading" or "indexing" (the list whole and the
# filter ready), peak RSS. $2 is the cache folder (an empty one for a
# first start), $3 what the title says until then: a start from the dumps
# counts as loaded once the list is whole ("Loading" gone), as this table
# always has; the filter index follows in the background ("indexing"). A
# start from the cache counts once its files are checked too ("checking").
# $4 is the dumps' folder, $DIR unless given.
run_tui() {
  local state=$OUT/state-$1.db
  tmux kill-session -t "$SESSION" 2>/dev/null || true
  local t0; t0=$(now)
  tmux new-session -d -s "$SESSION" -x 200 -y 50 \
    "TIDINGS_STATE=$state XDG_CACHE_HOME=$2 /usr/bin/time -v -o $OUT/time-$1.txt $OUT/tidings ${4:-$DIR}"
  local frame='' first='' loaded=''
  while [ -z "$loaded" ]; do
    local screen; screen=$(tmux capture-pane -p -t "$SESSION" 2>/dev/null || true)
    if [ -z "$frame" ] && grep -q 'tidings ·' <<<"$screen"; then
      frame=$(ms "$t0" "$(now)")
    fi
    if [ -z "$first" ] && grep -q '●' <<<"$screen" && grep -q 'Loading' <<<"$screen"; then
      first=$(ms "$t0" "$(now)")
    fi
    if grep -q 'unread · ' <<<"$screen" && ! grep -qE "$3" <<<"$(head -1 <<<"$screen")"; then
      loaded=$(ms "$t0" "$(now)")
      [ -n "$first" ] || first=$loaded
      [ -n "$frame" ] || frame=$first
    fi
    sleep 0.01
  done
  tmux send-keys -t "$SESSION" Q
  while tmux has-session -t "$SESSION" 2>/dev/null; do sleep 0.05; done
  local rss; rss=$(awk -F': ' '/Maximum resident/ {print $2}' "$OUT/time-$1.txt")
  echo "$frame $first $loaded $rss"
}
# best of two runs, figure by figure, like cat.
best_tui() {
  [ "$1" = cold ] && rm -rf "$OUT/first-start"
  local a b; a=($(run_tui "$1-1" "$2" "$3" "${4:-}"))
  [ "$1" = cold ] && rm -rf "$OUT/first-start"
  b=($(run_tui "$1-2" "$2" "$3" "${4:-}"))
  for i in 0 1 2 3; do [ "${b[$i]}" -lt "${a[$i]}" ] && a[$i]=${b[$i]}; done
  echo "${a[@]}"
}
# What the title says while a warm start is not yet whole.
WARM_BUSY=${WARM_BUSY:-'Loading|indexing|checking'}
if [ "$FULL" = 1 ]; then
  read -r _ FIRST_MS LOADED_MS RSS_KB < <(best_tui cold "$OUT/first-start" 'Loading')
  read -r WARM_FRAME_MS _ WARM_LOADED_MS WARM_RSS_KB < <(best_tui warm "$XDG_CACHE_HOME" "$WARM_BUSY")
fi
# tmux's own share of a first frame: a session showing a line of text.
TMUX_MS=
for _ in 1 2 3; do
  tmux kill-session -t "$SESSION" 2>/dev/null || true
  t0=$(now)
  tmux new-session -d -s "$SESSION" -x 200 -y 50 "printf 'tidings ·\\n'; sleep 5"
  until tmux capture-pane -p -t "$SESSION" 2>/dev/null | grep -q 'tidings ·'; do sleep 0.01; done
  m=$(ms "$t0" "$(now)"); if [ -z "$TMUX_MS" ] || [ "$m" -lt "$TMUX_MS" ]; then TMUX_MS=$m; fi
  tmux kill-session -t "$SESSION"
done

# The pair: the warm reader on SMALL_N dumps, from a cache of their own
# written by a cold list, against the same on N.
pair_warm() { # DIR -> first frame, whole list (ms)
  local cache; cache=$OUT/pair-$(basename "$1")
  mkdir -p "$cache"
  XDG_CACHE_HOME=$cache "$OUT/tidings" list --state "$OUT/pair-state.db" "$1" >/dev/null
  local r; r=($(best_tui warm "$cache" "$WARM_BUSY" "$1"))
  echo "${r[0]} ${r[2]}"
}
pair_rows() {
  local f l
  f=$(awk -v a="$SMALL_FRAME_MS" -v b="$WARM_FRAME_MS" -v t="$TMUX_MS" \
    'BEGIN { a -= t; b -= t; if (a < 1) a = 1; if (b < 1) b = 1; printf "%.2f", b / a }')
  l=$(awk -v a="$SMALL_LOADED_MS" -v b="$WARM_LOADED_MS" 'BEGIN { printf "%.2f", b / a }')
  row "warm: first frame, $SMALL_N -> $N dumps" "1.3 x (after tmux)" "$SMALL_FRAME_MS -> $WARM_FRAME_MS ms = $f x" "$(check "$f" 1.3)"
  row "warm: whole list, $SMALL_N -> $N dumps" "1.3 x" "$SMALL_LOADED_MS -> $WARM_LOADED_MS ms = $l x" "$(check "$l" 1.3)"
  # The whole list waits for every file's stamp to be compared: what find
  # takes to read the stamps alone (one stat a file) is its floor.
  row "  find's stat of every file, $SMALL_N -> $N" "-" "$(stat_floor "$SMALL_DIR") -> $(stat_floor "$DIR") ms" "-"
}
stat_floor() { # DIR -> ms for find to print every file's size, times and inode (best of 3)
  local best= t0 t
  for _ in 1 2 3; do
    t0=$(now); find "$1" -type f -printf '%s %T@ %C@ %i\n' >/dev/null; t=$(ms "$t0" "$(now)")
    if [ -z "$best" ] || [ "$t" -lt "$best" ]; then best=$t; fi
  done
  echo "$best"
}
row() { printf '%-44s %-22s %-22s %s\n' "$1" "$2" "$3" "$4"; }
check() { awk -v v="$1" -v lim="$2" 'BEGIN { print (v <= lim) ? "pass" : "FAIL" }'; }
if [ "${MEMORY_ONLY:-0}" = 1 ]; then
  # The memory rows alone (the million's, without hours of cat and of cold
  # passes): a first start that writes the cache, then the reader on it.
  read -r CACHE_MS CACHE_RSS < <(best_of 1 "$OUT/tidings" list --state "$OUT/list-state.db" "$DIR")
  read -r WARM_FRAME_MS _ WARM_LOADED_MS WARM_RSS_KB < <(best_tui warm "$XDG_CACHE_HOME" "$WARM_BUSY")
  echo
  echo "tidings on $N dumps, the memory rows, $(nproc) cores, $(date -u +%F)"
  row "figure" "budget" "measured" "result"
  row "cold: first start's peak RSS (cache written)" "$COLD_RSS_MIB MiB" "$((CACHE_RSS / 1024)) MiB ($CACHE_MS ms)" "$(check "$CACHE_RSS" $((COLD_RSS_MIB * 1024)))"
  row "warm: reader first frame / list loaded" "-" "$WARM_FRAME_MS / $WARM_LOADED_MS ms" "-"
  row "warm: reader peak RSS" "$WARM_RSS_MIB MiB" "$((WARM_RSS_KB / 1024)) MiB" "$(check "$WARM_RSS_KB" $((WARM_RSS_MIB * 1024)))"
  exit 0
fi
if [ "$PAIR" = 1 ]; then
  read -r SMALL_FRAME_MS SMALL_LOADED_MS < <(pair_warm "$SMALL_DIR")
  if [ "${PAIR_ONLY:-0}" = 1 ]; then
    read -r WARM_FRAME_MS WARM_LOADED_MS < <(pair_warm "$DIR")
    echo
    echo "tidings warm on $SMALL_N and $N dumps (tmux: $TMUX_MS ms), $(nproc) cores, $(date -u +%F)"
    pair_rows
    exit 0
  fi
fi

# Go benchmarks: keys on the loaded archive, filter, rendering, the store.
# They start the archive from the cache written above, as a reader opened
# every day does.
export TIDINGS_BENCH_CACHE=$XDG_CACHE_HOME/tidings
TIMEOUT=$([ "$BIG" = 1 ] && echo 600m || echo 60m)
go test ./ui -run '^$' -bench 'CursorMove|ToggleRead|OpenRendered|HistoryStep|FilterKeystroke|GlamourOnly|FirstRender' \
  -benchtime 2000x -timeout "$TIMEOUT" > "$OUT/ui.txt"
# Live: a new dump, and a burst of 1,000 with keys pressed meanwhile.
go test ./ui -run '^$' -bench 'LiveArchive' -benchtime 1x -timeout "$TIMEOUT" >> "$OUT/ui.txt"
go test ./state -run '^$' -bench 'Marks100k' -benchtime 20x > "$OUT/state.txt"
# Similar stories: one story's (the Related section's), and building the index.
# A million dumps' text does not fit in memory to be loaded: their stories
# are told again by dumpgen as the model asks (SimilarForGenerated).
if [ "$BIG" = 1 ]; then
  go test ./similar -run '^$' -bench 'SimilarForGenerated' -benchtime 2000x -timeout "$TIMEOUT" > "$OUT/similar.txt"
  sed -i 's/^BenchmarkSimilarForGenerated/BenchmarkSimilarFor/' "$OUT/similar.txt"
else
  go test ./similar -run '^$' -bench 'SimilarFor$' -benchtime 2000x -timeout "$TIMEOUT" > "$OUT/similar.txt"
  go test ./similar -run '^$' -bench 'SimilarBuild' -benchtime 1x -timeout "$TIMEOUT" >> "$OUT/similar.txt"
fi
metric() { # benchmark name, unit -> value
  awk -v b="$1" -v u="$2" '$1 ~ "^Benchmark"b"(-[0-9]+)?$" { for (i = 2; i < NF; i++) if ($(i+1) == u) print $i }' "$OUT"/ui.txt "$OUT"/state.txt "$OUT"/similar.txt | head -1
}

msf() { awk -v n="$1" 'BEGIN { printf "%.3f ms", n/1e6 }'; }

echo
echo "tidings on $N dumps ($(awk -v b="$BYTES" 'BEGIN {printf "%.2f GB", b/1e9}') on disk), $(nproc) cores, $(date -u +%F)"
row "figure" "budget" "measured" "result"
row "cold: reader first frame with stories" "0.2 s" "$FIRST_MS ms" "$(check "$FIRST_MS" 200)"
row "cold: reader fully loaded (cat: $CAT_MS ms)" "3 x cat = $((3 * CAT_MS)) ms" "$LOADED_MS ms" "$(check "$LOADED_MS" $((3 * CAT_MS)))"
row "cold: tidings list (cat: $CAT_MS ms)" "3 x cat = $((3 * CAT_MS)) ms" "$LIST_MS ms" "$(check "$LIST_MS" $((3 * CAT_MS)))"
row "cold: mixed formats, $MIXED_N files (cat: $MIXED_CAT_MS ms)" "3 x cat = $((3 * MIXED_CAT_MS)) ms" "$MIXED_MS ms" "$(check "$MIXED_MS" $((3 * MIXED_CAT_MS)))"
row "cold: tidings list peak RSS" "2 x size = $((BYTES / 1024 / 1024 * 2)) MiB" "$((LIST_RSS / 1024)) MiB" "$(check "$LIST_RSS" $((BYTES / 1024 * 2)))"
row "cold: reader peak RSS" "2 x size = $((BYTES / 1024 / 1024 * 2)) MiB" "$((RSS_KB / 1024)) MiB" "$(check "$RSS_KB" $((BYTES / 1024 * 2)))"
row "cold: first start's peak RSS (list / reader)" "$COLD_RSS_MIB MiB" "$((LIST_RSS / 1024)) / $((RSS_KB / 1024)) MiB" \
  "$( [ "$(check "$LIST_RSS" $((COLD_RSS_MIB * 1024)))" = pass ] && [ "$(check "$RSS_KB" $((COLD_RSS_MIB * 1024)))" = pass ] && echo pass || echo FAIL)"
row "cache: written by a cold list / its size" "-" "$CACHE_MS ms / $((CACHE_BYTES / 1024 / 1024)) MiB" "-"
row "warm: reader first frame (tmux: $TMUX_MS ms)" "0.1 s after tmux" "$WARM_FRAME_MS ms" "$(check $((WARM_FRAME_MS - TMUX_MS)) 100)"
row "warm: reader list loaded, filter ready" "1 s" "$WARM_LOADED_MS ms" "$(check "$WARM_LOADED_MS" 1000)"
row "warm: reader peak RSS" "$WARM_RSS_MIB MiB" "$((WARM_RSS_KB / 1024)) MiB" "$(check "$WARM_RSS_KB" $((WARM_RSS_MIB * 1024)))"
row "warm: tidings list --json" "0.3 x cat = $((3 * CAT_MS / 10)) ms" "$WARM_LIST_MS ms" "$(check "$WARM_LIST_MS" $((3 * CAT_MS / 10)))"
row "warm: tidings list --json peak RSS" "-" "$((WARM_LIST_RSS / 1024)) MiB" "-"
[ "$PAIR" = 0 ] || pair_rows
p99=$(metric FilterKeystroke p99-ns); cpu=$(metric FilterKeystroke p99-cpu-ns)
row "filter keystroke p99 (its CPU time's p99)" "20 ms" "$(msf "$p99") ($(msf "${cpu:-0}"))" "$(check "$p99" 20000000)"
one=$(metric LiveArchive one-dump-ms); burst=$(metric LiveArchive burst-in-ms); worst=$(metric LiveArchive worst-update-ms)
row "live: a new dump in the list" "1 s" "$one ms" "$(check "$one" 1000)"
row "live: 1,000 new dumps in / longest key" "- / 50 ms" "$burst ms / $worst ms" "$(check "$worst" 50)"
for b in CursorMove OpenRendered ToggleRead HistoryStep; do
  p50=$(metric "$b" p50-ns); p99=$(metric "$b" p99-ns)
  row "$b median / p99" "1 ms / 5 ms" "$(msf "$p50") / $(msf "$p99")" \
    "$( [ "$(check "$p50" 1000000)" = pass ] && [ "$(check "$p99" 5000000)" = pass ] && echo pass || echo FAIL)"
done
g=$(metric GlamourOnly ns/op); f=$(metric FirstRender ns/op)
ratio=$(awk -v f="$f" -v g="$g" 'BEGIN { printf "%.2f", f/g }')
row "first render of 5,000 words / glamour" "1.2 x" "$(msf "$f") / $(msf "$g") = ${ratio} x" "$(check "$ratio" 1.2)"
p99=$(metric OpenRendered p99-ns)
row "opening it again (p99)" "1 ms" "$(msf "$p99")" "$(check "$p99" 1000000)"
s=$(metric Marks100k ns/op)
row "store start-up, 100k marks" "0.1 s" "$(msf "$s")" "$(check "$s" 100000000)"
p50=$(metric SimilarFor p50-ms); p99=$(metric SimilarFor p99-ms)
row "similar stories of one story, p50 / p99" "p99 20 ms" "$p50 ms / $p99 ms" "$(check "$p99" 20)"
if [ "$BIG" = 1 ]; then
  bt=$(awk -v s="$(metric SimilarFor build-s)" 'BEGIN { print s * 1e9 }'); mb=$(metric SimilarFor struct-MB)
else
  bt=$(metric SimilarBuild ns/op); mb=$(metric SimilarBuild struct-MB)
fi
row "similarity index: build / size" "(in the background)" "$(msf "$bt") / ${mb} MB" "-"
