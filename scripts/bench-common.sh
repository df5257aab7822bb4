# Sourced by scripts/bench.sh and scripts/bench-callgrind.sh: the dist build of otalint (fat LTO,
# as shipped), the corpus generator and the bare parse, and `corpus`, which generates a shape once.
# BENCH_PROFILE=release uses the quicker optimised profile instead (not what ships).
profile=${BENCH_PROFILE:-dist}
cargo build --profile "$profile" --quiet --bin otalint --example gen_corpus --example parse_only
bin=target/$profile/otalint
gen=target/$profile/examples/gen_corpus
parse=target/$profile/examples/parse_only

corpus() { # shape count dir [files per directory]
  [ -f "$3/.done" ] && return
  rm -rf "$3" && "$gen" "$1" "$2" "$3" 42 "${4:-0}" >/dev/null && touch "$3/.done"
}
