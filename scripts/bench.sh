#!/usr/bin/env bash
# Measures tidings against the performance budget on 100,000 generated dumps
# and prints one table: figure, budget, measured, pass or fail.
#
#   scripts/bench.sh                 # 100,000 dumps (about 3.7 GB, generated once)
#   N=10000 scripts/bench.sh         # a smaller corpus
#   TIDINGS_BENCH_DIR=/big/disk scripts/bench.sh
#
# Needs tmux (first frame and whole-process timing) and GNU time.
set -euo pipefail
cd "$(dirname "$0")/.."

N=${N:-100000}
ROOT=${TIDINGS_BENCH_DIR:-${TMPDIR:-/tmp}/tidings-bench}
DIR=$ROOT/dumps-$N
OUT=$(mktemp -d)
trap 'tmux kill-session -t tidings-bench 2>/dev/null || true; rm -rf "$OUT"' EXIT
export TIDINGS_BENCH_DIR=$ROOT TIDINGS_BENCH_N=$N

for tool in tmux /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "bench.sh needs $tool" >&2; exit 2; }
done

if [ ! -f "$DIR/.complete" ]; then
  echo "generating $N dumps in $DIR ..." >&2
  rm -rf "$DIR"
  go run ./cmd/dumpgen -n "$N" -out "$DIR" >&2
  touch "$DIR/.complete"
fi
go build -o "$OUT/tidings" ./cmd/tidings
BYTES=$(find "$DIR" -type f -name '*.txt' -printf '%s\n' | awk '{s+=$1} END {printf "%.0f", s}')

now() { date +%s%N; }
ms() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.0f", (b-a)/1e6}'; }

# The floor: reading the bytes. Page cache warmed first, best of three.
find "$DIR" -type f -print0 | xargs -0 cat >/dev/null
CAT_MS=
for _ in 1 2 3; do
  t0=$(now); find "$DIR" -type f -print0 | xargs -0 cat >/dev/null; t1=$(now)
  m=$(ms "$t0" "$t1"); if [ -z "$CAT_MS" ] || [ "$m" -lt "$CAT_MS" ]; then CAT_MS=$m; fi
done

# The loader alone, as scripts use it: every story listed once.
LIST_MS=; LIST_RSS=
for _ in 1 2; do
  t0=$(now)
  /usr/bin/time -f '%M' -o "$OUT/list-time.txt" "$OUT/tidings" list --state "$OUT/list-state.db" "$DIR" >/dev/null 2>&1
  t1=$(now); m=$(ms "$t0" "$t1"); r=$(tail -1 "$OUT/list-time.txt")
  if [ -z "$LIST_MS" ] || [ "$m" -lt "$LIST_MS" ]; then LIST_MS=$m; LIST_RSS=$r; fi
done

# The reader under tmux, as a person runs it: time to the first frame with
# stories on it, time until the title bar stops saying "Loading", peak RSS.
run_tui() {
  local state=$OUT/state-$1.db
  tmux kill-session -t tidings-bench 2>/dev/null || true
  local t0; t0=$(now)
  tmux new-session -d -s tidings-bench -x 200 -y 50 \
    "TIDINGS_STATE=$state /usr/bin/time -v -o $OUT/time-$1.txt $OUT/tidings $DIR"
  local first='' loaded=''
  while [ -z "$loaded" ]; do
    local screen; screen=$(tmux capture-pane -p -t tidings-bench 2>/dev/null || true)
    if [ -z "$first" ] && grep -q '●' <<<"$screen" && grep -q 'Loading' <<<"$screen"; then
      first=$(ms "$t0" "$(now)")
    fi
    if grep -q 'unread · ' <<<"$screen" && ! grep -q 'Loading' <<<"$screen"; then
      loaded=$(ms "$t0" "$(now)")
      [ -n "$first" ] || first=$loaded
    fi
    sleep 0.01
  done
  tmux send-keys -t tidings-bench q
  while tmux has-session -t tidings-bench 2>/dev/null; do sleep 0.05; done
  local rss; rss=$(awk -F': ' '/Maximum resident/ {print $2}' "$OUT/time-$1.txt")
  echo "$first $loaded $rss"
}
read -r FIRST_MS LOADED_MS RSS_KB < <(run_tui 1)
read -r FIRST2 LOADED2 RSS2 < <(run_tui 2)
# Best of two, like cat.
[ "$FIRST2" -lt "$FIRST_MS" ] && FIRST_MS=$FIRST2
[ "$LOADED2" -lt "$LOADED_MS" ] && LOADED_MS=$LOADED2
[ "$RSS2" -lt "$RSS_KB" ] && RSS_KB=$RSS2

# Go benchmarks: keys on the loaded archive, filter, rendering, the store.
go test ./ui -run '^$' -bench 'CursorMove|ToggleRead|OpenRendered|HistoryStep|FilterKeystroke|GlamourOnly|FirstRender' \
  -benchtime 2000x -timeout 60m > "$OUT/ui.txt"
go test ./model/state -run '^$' -bench 'Marks100k' -benchtime 20x > "$OUT/state.txt"
# Similar stories: one story's (the Related section's), and building the index.
go test ./model -run '^$' -bench 'SimilarFor' -benchtime 2000x -timeout 60m > "$OUT/model.txt"
go test ./model -run '^$' -bench 'SimilarBuild' -benchtime 1x -timeout 60m >> "$OUT/model.txt"
metric() { # benchmark name, unit -> value
  awk -v b="$1" -v u="$2" '$1 ~ "^Benchmark"b"(-[0-9]+)?$" { for (i = 2; i < NF; i++) if ($(i+1) == u) print $i }' "$OUT"/ui.txt "$OUT"/state.txt "$OUT"/model.txt | head -1
}

row() { printf '%-44s %-22s %-22s %s\n' "$1" "$2" "$3" "$4"; }
check() { awk -v v="$1" -v lim="$2" 'BEGIN { print (v <= lim) ? "pass" : "FAIL" }'; }
msf() { awk -v n="$1" 'BEGIN { printf "%.3f ms", n/1e6 }'; }

echo
echo "tidings on $N dumps ($(awk -v b="$BYTES" 'BEGIN {printf "%.2f GB", b/1e9}') on disk), $(nproc) cores, $(date -u +%F)"
row "figure" "budget" "measured" "result"
row "reader: first usable frame" "0.2 s" "$FIRST_MS ms" "$(check "$FIRST_MS" 200)"
row "reader: fully loaded (cat: $CAT_MS ms)" "3 x cat = $((3 * CAT_MS)) ms" "$LOADED_MS ms" "$(check "$LOADED_MS" $((3 * CAT_MS)))"
row "tidings list: loaded (loader alone)" "3 x cat = $((3 * CAT_MS)) ms" "$LIST_MS ms" "$(check "$LIST_MS" $((3 * CAT_MS)))"
row "tidings list: peak RSS" "2 x size = $((BYTES / 1024 / 1024 * 2)) MiB" "$((LIST_RSS / 1024)) MiB" "$(check "$LIST_RSS" $((BYTES / 1024 * 2)))"
row "reader: peak RSS" "2 x size = $((BYTES / 1024 / 1024 * 2)) MiB" "$((RSS_KB / 1024)) MiB" "$(check "$RSS_KB" $((BYTES / 1024 * 2)))"
for b in CursorMove OpenRendered ToggleRead HistoryStep; do
  p50=$(metric "$b" p50-ns); p99=$(metric "$b" p99-ns)
  row "$b median / p99" "1 ms / 5 ms" "$(msf "$p50") / $(msf "$p99")" \
    "$( [ "$(check "$p50" 1000000)" = pass ] && [ "$(check "$p99" 5000000)" = pass ] && echo pass || echo FAIL)"
done
p99=$(metric FilterKeystroke p99-ns)
row "filter keystroke p99" "20 ms" "$(msf "$p99")" "$(check "$p99" 20000000)"
g=$(metric GlamourOnly ns/op); f=$(metric FirstRender ns/op)
ratio=$(awk -v f="$f" -v g="$g" 'BEGIN { printf "%.2f", f/g }')
row "first render of 5,000 words / glamour" "1.2 x" "$(msf "$f") / $(msf "$g") = ${ratio} x" "$(check "$ratio" 1.2)"
p99=$(metric OpenRendered p99-ns)
row "opening it again (p99)" "1 ms" "$(msf "$p99")" "$(check "$p99" 1000000)"
s=$(metric Marks100k ns/op)
row "store start-up, 100k marks" "0.1 s" "$(msf "$s")" "$(check "$s" 100000000)"
p50=$(metric SimilarFor p50-ms); p99=$(metric SimilarFor p99-ms)
row "similar stories of one story, p50 / p99" "p99 20 ms" "$p50 ms / $p99 ms" "$(check "$p99" 20)"
bt=$(metric SimilarBuild ns/op); mb=$(metric SimilarBuild struct-MB)
row "similarity index: build / size" "(in the background)" "$(msf "$bt") / ${mb} MB" "-"
