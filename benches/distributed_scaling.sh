#!/usr/bin/env bash
# Scaling of `ergo derive` on the rayon pool and on the timely executor.
#
#   benches/distributed_scaling.sh [CONFIG...]
#
# CONFIG is one of
#   tN      the rayon pool with N threads          (ergo derive --threads N)
#   pN      N local processes, 1 worker each       (ergo derive --processes N)
#   wN      one process with N timely workers      (ergo derive --processes 1 --workers N)
#   pNxW    N local processes with W workers each  (ergo derive --processes N --workers W)
# Default: t1 t2 p1 p2 (what a 2-core machine can say). On a 16-core machine:
#   benches/distributed_scaling.sh t1 w1 w2 w4 w8 w16 p16
#
# Environment: THEORY (default axioms/lists.mpl), MAX_SIZE (default: derive's own, 6),
# RUNS (default 3), ERGO (a built binary; default: build target/release/ergo first).
# Prints one row per configuration: the median wall time of RUNS runs, the speed-up
# over the first configuration, and the serial fraction (time outside rounds of blocks
# and checks) of the equation phase, the conditional phase and the whole run, as
# `ergo derive --json` reports them for the median run. Every run's certificate is
# compared with the first one's: they must be the same bytes.
set -euo pipefail
cd "$(dirname "$0")/.."
THEORY=${THEORY:-axioms/lists.mpl}
RUNS=${RUNS:-3}
SIZE_FLAG=()
if [ -n "${MAX_SIZE:-}" ]; then SIZE_FLAG=(--max-size "$MAX_SIZE"); fi
if [ -z "${ERGO:-}" ]; then
  cargo build --release --bin ergo >&2
  ERGO=target/release/ergo
fi
CONFIGS=("$@")
if [ ${#CONFIGS[@]} -eq 0 ]; then CONFIGS=(t1 t2 p1 p2); fi
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

flags() {
  case "$1" in
    t*) echo "--threads ${1#t}" ;;
    w*) echo "--processes 1 --workers ${1#w}" ;;
    p*x*) local pw=${1#p}; echo "--processes ${pw%x*} --workers ${pw#*x}" ;;
    p*) echo "--processes ${1#p}" ;;
    *) echo "unknown configuration $1" >&2; exit 2 ;;
  esac
}

field() { # field NAME JSONFILE: a number from derive's JSON summary
  grep -o "\"$1\":[0-9.e+-]*" "$2" | head -1 | cut -d: -f2
}

echo "theory $THEORY ${SIZE_FLAG[*]:-}, median of $RUNS run(s), $(nproc) core(s), $(uname -m)"
printf '%-8s %10s %8s %10s %12s %10s\n' config wall_s speedup serial_eq serial_cond serial_all
base=""
reference=""
for c in "${CONFIGS[@]}"; do
  times=()
  for r in $(seq 1 "$RUNS"); do
    out="$WORK/$c-$r"
    start=$(date +%s.%N)
    # shellcheck disable=SC2046
    "$ERGO" derive "$THEORY" "${SIZE_FLAG[@]}" $(flags "$c") --out "$out" --json \
      > "$out.json" 2> "$out.err"
    end=$(date +%s.%N)
    t=$(echo "$end - $start" | bc -l)
    times+=("$t $r")
    cert=$(ls "$out"/*.proof.json)
    if [ -z "$reference" ]; then reference=$cert; fi
    cmp -s "$reference" "$cert" || { echo "$c run $r: certificate differs" >&2; exit 1; }
  done
  median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (RUNS + 1) / 2 ))p")
  wall=${median% *}
  run=${median#* }
  j="$WORK/$c-$run.json"
  if [ -z "$base" ]; then base=$wall; fi
  printf '%-8s %10.2f %8.2f %9.0f%% %11.0f%% %9.0f%%\n' "$c" "$wall" \
    "$(echo "$base / $wall" | bc -l)" \
    "$(echo "$(field equations "$j") * 100" | bc -l)" \
    "$(echo "$(field conditional "$j") * 100" | bc -l)" \
    "$(echo "$(field overall "$j") * 100" | bc -l)"
done
