#!/usr/bin/env bash
# Instruction counts (callgrind), which do not move with the machine's noise: otalint
# `check --format json --threads 1` against a bare roxmltree read-and-parse of the same files
# (examples/parse_only.rs), on the shapes of issue 16, plus HS4 JSON bodies and a probe HAR.
# Usage: scripts/bench-callgrind.sh   (needs valgrind; `scripts/bench.sh callgrind` runs it)
set -euo pipefail
cd "$(dirname "$0")/.."
work=${BENCH_DIR:-target/bench}/callgrind
mkdir -p "$work"
command -v valgrind >/dev/null || { sudo_=""; [ "$(id -u)" -eq 0 ] || sudo_=sudo; $sudo_ apt-get install -y -qq valgrind >/dev/null; }
# The build and `corpus`.
. scripts/bench-common.sh
corpus small 1000 "$work/small"
corpus small 1000 "$work/dirs" 10
corpus large 10 "$work/large"
corpus hs4 100 "$work/hs4"
corpus har 1 "$work/har"
# Instructions of one command (Ir), single-threaded.
ir() {
  # otalint exits 1 when it finds something: the count is what matters here.
  { valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null || true; } \
    | sed -n 's/.*Collected : \([0-9]*\).*/\1/p' | tail -1
}
check() { ir "$bin" check "$1" --no-config --threads 1 --format "${2:-json}" --color never; }
small=$(check "$work/small"); small_parse=$(ir "$parse" "$work/small")
small_human=$(check "$work/small" human)
dirs=$(check "$work/dirs")
large=$(check "$work/large"); large_parse=$(ir "$parse" "$work/large")
hs4=$(check "$work/hs4"); har=$(check "$work/har")
hs4_bytes=$(find "$work/hs4" -name '*.json' -printf '%s\n' | awk '{s+=$1} END {print s}')
small_bytes=$(find "$work/small" -name '*.xml' -printf '%s\n' | awk '{s+=$1} END {print s}')
large_bytes=$(find "$work/large" -name '*.xml' -printf '%s\n' | awk '{s+=$1} END {print s}')
python3 - "$small" "$small_parse" "$small_human" "$dirs" "$large" "$large_parse" "$hs4" "$har" "$hs4_bytes" "$small_bytes" "$large_bytes" <<'PY'
import sys
small, sp, human, dirs, large, lp, hs4, har, hb, sb, lb = map(int, sys.argv[1:])
ok = lambda c: "ok" if c else "MISSED"
M = lambda x: f"{x / 1e6:8.2f} M"
print("callgrind instructions, --threads 1 --format json")
print(f"1,000 small files:       otalint {M(small)}  bare parse {M(sp)}  ratio {small / sp:.3f}  (target <= 1.15: {ok(small / sp <= 1.15)})")
print(f"10 x 1 MB availability:  otalint {M(large)}  bare parse {M(lp)}  ratio {large / lp:.3f}  (target <= 1.02: {ok(large / lp <= 1.02)})")
print(f"human / json (small):    {M(human)} / {M(small)} = {human / small:.3f}  (target <= 1.30: {ok(human / small <= 1.30)})")
print(f"100 directories / flat:  {M(dirs)} / {M(small)} = {dirs / small:.3f}  (target <= 1.05: {ok(dirs / small <= 1.05)})")
print(f"instructions per byte:   small XML {small / sb:.1f}, large XML {large / lb:.1f}, HS4 search JSON {hs4 / hb:.1f}")
print(f"100 HS4 search responses of ~50 KB: {M(hs4)};  a 200-entry probe HAR: {M(har)}")
PY
