#!/usr/bin/env bash
# Runs Concur's HS4 vendor kit (Newman) against examples/supplier.rs in both modes, records the
# traffic as a HAR, checks it with `otalint check`, and prints per exchange what the kit printed
# (console.error / console.warn) beside what otalint reported. Not part of `cargo test` (it needs
# Node): run it by hand.
#
#   scripts/kit-compare.sh [conforming|broken ...]     (default: both modes)
#
# KIT_DIR (default ../shared/spec/concur-files/hs4-kit) is the kit; Newman is installed into
# target/kit-compare/node_modules with `npm install newman` on first use; KIT_ITERATIONS=N runs
# only the first N rows of the kit's data files; OUT (default target/kit-compare) keeps the
# HARs, the kit's messages and otalint's reports.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
kit=${KIT_DIR:-$root/../shared/spec/concur-files/hs4-kit}
out=${OUT:-$root/target/kit-compare}
modes=("$@")
[ ${#modes[@]} -eq 0 ] && modes=(conforming broken)

command -v node >/dev/null || { echo "kit-compare: node is required" >&2; exit 2; }
[ -f "$kit/postman/vendor-tests.postman_collection.json" ] || { echo "kit-compare: no kit at $kit" >&2; exit 2; }
mkdir -p "$out"
if [ ! -d "$out/node_modules/newman" ]; then
  (cd "$out" && npm install --silent --no-audit --no-fund newman >/dev/null)
fi

cargo build -q --manifest-path "$root/Cargo.toml" --bin otalint --example supplier
bin=$(cargo metadata -q --format-version 1 --manifest-path "$root/Cargo.toml" --no-deps \
  | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).target_directory))')/debug

user=acme-probe-user
password='s3cr&t-Pa55word'
for mode in "${modes[@]}"; do
  dir=$out/$mode
  rm -rf "$dir" && mkdir -p "$dir"
  "$bin/examples/supplier" --mode "$mode" --service hs4 --listen 127.0.0.1:0 >"$dir/url" 2>/dev/null &
  pid=$!
  trap 'kill $pid 2>/dev/null || true' EXIT
  for _ in $(seq 50); do [ -s "$dir/url" ] && break; sleep 0.1; done
  url=$(head -n1 "$dir/url")
  NODE_PATH=$out/node_modules node "$root/scripts/kit-compare.js" run "$kit" "$url" "$user" "$password" "$dir"
  kill $pid 2>/dev/null || true
  wait $pid 2>/dev/null || true
  trap - EXIT
  # Exit 1 means findings; 2 means otalint could not run.
  status=0
  "$bin/otalint" check "$dir/kit.har" --no-config --format json >"$dir/otalint.json" || status=$?
  [ $status -le 1 ] || { echo "kit-compare: otalint check failed ($status)" >&2; exit 2; }
  echo "# $mode supplier"
  node "$root/scripts/kit-compare.js" compare "$dir" "$dir/otalint.json" | tee "$dir/comparison.txt"
  echo
done
