#!/usr/bin/env bash
# The GitHub Action's steps (action.yml), kept here so they can be tested without GitHub
# (tests/it/daily.rs runs them against a fake release directory).
#
#   scripts/action.sh download   the release binary of the action's version, checksum verified;
#                                `source=release` and `bin=PATH` to $GITHUB_OUTPUT, or
#                                `source=cargo` when there is no release to take
#   scripts/action.sh build      `cargo install --locked` from the action's checkout;
#                                `bin=PATH` to $GITHUB_OUTPUT
#   scripts/action.sh run BIN    `otalint check` with the action's inputs
#
# Environment: OTALINT_ACTION_PATH (the action's checkout), OTALINT_ACTION_REF (the ref the
# workflow used, `github.action_ref`), OTALINT_RELEASES (where releases are downloaded from,
# https://github.com/otalint/otalint/releases/download by default; a local directory laid out
# the same way, TAG/ARCHIVE, works too), RUNNER_OS, RUNNER_ARCH, RUNNER_TEMP, GITHUB_OUTPUT;
# for `run`: INPUT_PATHS and INPUT_ARGS (below) and OTALINT_SARIF (where the SARIF goes).
#
# A release is taken when the action is used at a version tag (`otalint/otalint@v0.2.0`) that
# matches the version in its Cargo.toml and the release has an archive for the runner; any other
# ref (a branch, a commit) is built from that ref's source. A checksum that does not match stops
# the step: nothing unverified is run.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
action=${OTALINT_ACTION_PATH:-$here}
temp=${RUNNER_TEMP:-${TMPDIR:-/tmp}}
output=${GITHUB_OUTPUT:-/dev/null}

say() { echo "otalint action: $*" >&2; }

# The runner's release target, or nothing when no archive is built for it.
target() {
  case "${RUNNER_OS:-}/${RUNNER_ARCH:-}" in
    Linux/X64) echo x86_64-unknown-linux-musl ;;
    Linux/ARM64) echo aarch64-unknown-linux-musl ;;
    macOS/X64) echo x86_64-apple-darwin ;;
    macOS/ARM64) echo aarch64-apple-darwin ;;
    Windows/X64) echo x86_64-pc-windows-msvc ;;
  esac
}

# fetch SOURCE DEST: an http(s) URL with curl, else a local path (`file://` or a directory).
fetch() {
  case "$1" in
    http://* | https://*) curl -fsSL --retry 3 --output "$2" "$1" ;;
    file://*) cp "${1#file://}" "$2" ;;
    *) cp "$1" "$2" ;;
  esac
}

sha256() {
  if command -v sha256sum >/dev/null 2>&1; then sha256sum "$1" | awk '{print $1}'
  else shasum -a 256 "$1" | awk '{print $1}'; fi
}

download() {
  local version ref tag target name archive base dir expected actual
  version=$(sed -n 's/^version = "\(.*\)"$/\1/p' "$action/Cargo.toml" | head -n 1)
  ref=${OTALINT_ACTION_REF:-}
  tag="v$version"
  # The cache of a source build is keyed by the runner and the lock file.
  echo "cache-key=otalint-${RUNNER_OS:-os}-${RUNNER_ARCH:-arch}-$(sha256 "$action/Cargo.lock")" >>"$output"
  if [ "$ref" != "$tag" ]; then
    say "used at \`${ref:-an unknown ref}\`, not a release tag ($tag): building from source"
    echo "source=cargo" >>"$output"
    return
  fi
  target=$(target)
  if [ -z "$target" ]; then
    say "no release archive for ${RUNNER_OS:-?}/${RUNNER_ARCH:-?}: building from source"
    echo "source=cargo" >>"$output"
    return
  fi
  name="otalint-$version-$target"
  case "$target" in *windows*) archive="$name.zip" ;; *) archive="$name.tar.gz" ;; esac
  base=${OTALINT_RELEASES:-https://github.com/otalint/otalint/releases/download}
  dir="$temp/otalint-release"
  rm -rf "$dir" && mkdir -p "$dir"
  if ! fetch "$base/$tag/$archive" "$dir/$archive"; then
    say "release $tag has no $archive: building from source"
    echo "source=cargo" >>"$output"
    return
  fi
  if ! fetch "$base/$tag/$archive.sha256" "$dir/$archive.sha256"; then
    say "release $tag has $archive but no $archive.sha256: refusing to run it unverified"
    exit 1
  fi
  expected=$(awk -v a="$archive" '$2 == a || $2 == "*" a {print $1}' "$dir/$archive.sha256")
  actual=$(sha256 "$dir/$archive")
  if [ -z "$expected" ] || [ "$expected" != "$actual" ]; then
    say "checksum of $archive does not match $archive.sha256 (${expected:-no line for it} != $actual)"
    exit 1
  fi
  case "$archive" in
    *.zip) if command -v unzip >/dev/null 2>&1; then unzip -q "$dir/$archive" -d "$dir"
           else 7z x -bd -o"$dir" "$dir/$archive" >/dev/null; fi ;;
    *) tar -xzf "$dir/$archive" -C "$dir" ;;
  esac
  local bin="$dir/$name/otalint"
  case "$target" in *windows*) bin="$bin.exe" ;; esac
  [ -x "$bin" ] || { say "$archive holds no $name/otalint"; exit 1; }
  say "using release $tag ($archive, sha256 $actual)"
  { echo "source=release"; echo "bin=$bin"; } >>"$output"
}

build() {
  local root="$temp/otalint-cargo"
  cargo install --locked --quiet --path "$action" --root "$root"
  local bin="$root/bin/otalint"
  [ -x "$bin.exe" ] && bin="$bin.exe"
  echo "bin=$bin" >>"$output"
}

# INPUT_PATHS: one path per line, spaces kept ("." when empty). INPUT_ARGS: one option per
# line, its value after `=` or the first space (`--fail-on warning`, `--baseline my file.json`).
run() {
  local bin=$1 line
  local paths=() args=()
  while IFS= read -r line || [ -n "$line" ]; do
    line=${line%$'\r'}
    line="${line#"${line%%[![:space:]]*}"}"; line="${line%"${line##*[![:space:]]}"}"
    [ -n "$line" ] && paths+=("$line")
  done <<<"${INPUT_PATHS:-}"
  [ ${#paths[@]} -gt 0 ] || paths=(.)
  while IFS= read -r line || [ -n "$line" ]; do
    line=${line%$'\r'}
    line="${line#"${line%%[![:space:]]*}"}"; line="${line%"${line##*[![:space:]]}"}"
    [ -n "$line" ] || continue
    case "$line" in
      -*=*) args+=("$line") ;;
      -*[[:space:]]*)
        local opt=${line%%[[:space:]]*} value=${line#*[[:space:]]}
        value="${value#"${value%%[![:space:]]*}"}"
        args+=("$opt" "$value") ;;
      *) args+=("$line") ;;
    esac
  done <<<"${INPUT_ARGS:-}"
  exec "$bin" check "${paths[@]}" "${args[@]}" \
    --format github --format sarif --output "${OTALINT_SARIF:-$temp/otalint.sarif}"
}

case "${1:-}" in
  download) download ;;
  build) build ;;
  run) [ $# -eq 2 ] || { echo "usage: $0 run BIN" >&2; exit 2; }; run "$2" ;;
  *) echo "usage: $0 download | build | run BIN" >&2; exit 2 ;;
esac
