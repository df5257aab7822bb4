#!/usr/bin/env bash
# Fuzz every input kind with every rule on. Usage: fuzz/run.sh [SECONDS_PER_TARGET] [TARGET...]
# Seeds come from testdata/; findings (crashes, timeouts, OOMs) land in fuzz/artifacts/<target>/.
# Needs cargo-fuzz (`cargo install cargo-fuzz`); runs on a stable toolchain without sanitizers
# (otalint forbids unsafe code, so panics, hangs and memory blow-ups are what there is to find).
set -euo pipefail
cd "$(dirname "$0")"
seconds=${1:-1800}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(xml_body http_response har json_body probe_carry)
seed() {
  local target=$1 pattern=$2
  mkdir -p "corpus/$target"
  find ../testdata -type f -name "$pattern" ! -name '*.expect' -size -2M -exec cp -n {} "corpus/$target/" \;
}
seed xml_body '*.xml'
seed http_response '*.http'
seed har '*.har'
seed json_body '*.json'
seed probe_carry '*.xml'
export RUSTC_BOOTSTRAP=1
cargo fuzz build -O --sanitizer none
for target in "${targets[@]}"; do
  nice -n 19 cargo fuzz run -O --sanitizer none "$target" "corpus/$target" -- \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=262144 \
    -print_final_stats=1 > "fuzz-$target.log" 2>&1 &
done
wait
for target in "${targets[@]}"; do
  echo "== $target"; grep -E 'stat::number_of_executed_units|stat::peak_rss_mb|SUMMARY|panicked' "fuzz-$target.log" || true
done
