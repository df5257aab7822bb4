#!/bin/sh
# Renders the certification report of the bundled probe recording
# (testdata/samples/captures/broken/probe-hs2.har) as HTML and screenshots it in headless
# Chromium at 1280 and 390 px wide, into testdata/reports/. Needs Debian's `chromium`
# (apt-get install chromium). The README shows the 1280 px one.
set -eu
cd "$(dirname "$0")/.."
out=testdata/reports
mkdir -p "$out"
cargo build --quiet --release
html=$(mktemp -d)/certification.html
./target/release/otalint check testdata/samples/captures/broken/probe-hs2.har --no-config \
  --format html --output "$html" || true
for width in 1280 390; do
  profile=$(mktemp -d)
  chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$profile" --hide-scrollbars --window-size="$width,1800" \
    --screenshot="$out/certification-$width.png" "file://$html" 2>/dev/null
  rm -rf "$profile"
done
ls -l "$out"
