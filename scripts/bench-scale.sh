#!/usr/bin/env bash
# Time that grows faster than the input is quadratic work (issue 29): otalint on the big shapes
# at two sizes, in JSON and human output, with the growth of time against the growth of size
# (1.00 is linear; 4.00 for twice the size is quadratic).
# Shapes (one file each, of SIZE MB): "har-big" (a probe HAR of 300 exchanges per MB, findings
# in most of them), "har-one-body" (a HAR whose one response is an availability of SIZE MB, a
# finding per RoomStay), "hs4-many" (an HS4 search answer, findings on most hotels).
# Usage: scripts/bench-scale.sh [SMALL_MB BIG_MB]   (default 20 80; `scripts/bench.sh scale`)
set -euo pipefail
cd "$(dirname "$0")/.."
small=${1:-20}
big=${2:-80}
work=${BENCH_DIR:-target/bench}/scale
mkdir -p "$work"
[ -x /usr/bin/time ] || { sudo_=""; [ "$(id -u)" -eq 0 ] || sudo_=sudo; $sudo_ apt-get install -y -qq time >/dev/null; }
# The build and `corpus`.
. scripts/bench-common.sh
# Wall seconds and peak RSS (KB) of one run; otalint exits 1 when it finds something.
run() {
  /usr/bin/time -f '%e %M' -o "$work/time.txt" "$bin" check "$1" --no-config --format "$2" --color never >/dev/null 2>&1 || true
  tail -n 1 "$work/time.txt"
}
printf '%-13s %-6s %18s %18s %8s\n' shape format "${small} MB: s, MB RSS" "${big} MB: s, MB RSS" growth
for shape in har-big har-one-body hs4-many; do
  corpus "$shape" "$small" "$work/$shape-$small"
  corpus "$shape" "$big" "$work/$shape-$big"
  for format in json human; do
    read -r t1 m1 <<<"$(run "$work/$shape-$small" "$format")"
    read -r t2 m2 <<<"$(run "$work/$shape-$big" "$format")"
    python3 - "$shape" "$format" "$t1" "$m1" "$t2" "$m2" "$small" "$big" <<'PY'
import sys
shape, fmt, t1, m1, t2, m2, s, b = sys.argv[1:]
t1, t2, m1, m2, s, b = float(t1), float(t2), int(m1) / 1024, int(m2) / 1024, int(s), int(b)
growth = (t2 / max(t1, 0.01)) / (b / s)
print(f"{shape:13} {fmt:6} {t1:8.2f} s {m1:7.0f} {t2:8.2f} s {m2:7.0f} {growth:8.2f}")
PY
  done
done
