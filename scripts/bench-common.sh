# Sourced by scripts/bench.sh and scripts/bench-callgrind.sh: the dist build of otalint (fat LTO,
# as shipped), the corpus generator and the bare parse, and `corpus`, which generates a shape once.
cargo build --profile dist --quiet --bin otalint --example gen_corpus --example parse_only
bin=target/dist/otalint
gen=target/dist/examples/gen_corpus
parse=target/dist/examples/parse_only

corpus() { # shape count dir [files per directory]
  [ -f "$3/.done" ] && return
  rm -rf "$3" && "$gen" "$1" "$2" "$3" 42 "${4:-0}" >/dev/null && touch "$3/.done"
}
