#!/usr/bin/env bash
# Packs a built otalint into the release archive of one target, with its checksum file.
#
#   scripts/package.sh TARGET BINARY OUT_DIR
#
# TARGET is the Rust target triple (x86_64-unknown-linux-musl, aarch64-apple-darwin,
# x86_64-pc-windows-msvc, ...), BINARY the built `otalint` (or `otalint.exe`), OUT_DIR where the
# archive goes. The archive, `otalint-VERSION-TARGET.tar.gz` (`.zip` for Windows), holds one
# directory of the same name:
#
#   otalint[.exe]  README.md  CHANGELOG.md
#   completions/   otalint.bash  _otalint (zsh)  otalint.fish  _otalint.ps1  otalint.elv
#   man/           otalint.1  otalint-check.1  otalint-explain.1 ... (one per subcommand)
#
# The completions and man pages are made by the binary itself (`otalint completions SHELL`,
# `otalint man [SUBCOMMAND]`), so they match its options; the binary must run where this script
# runs. Beside the archive goes `ARCHIVE.sha256`, one `HASH  ARCHIVE` line that
# `sha256sum -c` (or `shasum -a 256 -c`) verifies in OUT_DIR. Prints the archive's path.
set -euo pipefail
if [ $# -ne 3 ]; then
  echo "usage: $0 TARGET BINARY OUT_DIR" >&2
  exit 2
fi
target=$1 bin=$2 out=$3
root=$(cd "$(dirname "$0")/.." && pwd)
[ -x "$bin" ] || { echo "$bin: not an executable" >&2; exit 1; }

version=$("$bin" --version | awk '{print $2}')
[ -n "$version" ] || { echo "$bin --version printed no version" >&2; exit 1; }
name="otalint-$version-$target"
ext=""; case "$target" in *windows*) ext=".exe" ;; esac

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dir="$work/$name"
mkdir -p "$dir/completions" "$dir/man"
cp "$bin" "$dir/otalint$ext"
cp "$root/README.md" "$root/CHANGELOG.md" "$dir/"
"$bin" completions bash >"$dir/completions/otalint.bash"
"$bin" completions zsh >"$dir/completions/_otalint"
"$bin" completions fish >"$dir/completions/otalint.fish"
"$bin" completions powershell >"$dir/completions/_otalint.ps1"
"$bin" completions elvish >"$dir/completions/otalint.elv"
"$bin" man >"$dir/man/otalint.1"
# One page per subcommand, as `otalint --help` lists them (not `help` itself).
for sub in $("$bin" --help | awk '/^Commands:/{on=1; next} on && /^  [a-z]/{print $1} on && /^$/{exit}'); do
  [ "$sub" = help ] && continue
  "$bin" man "$sub" >"$dir/man/otalint-$sub.1"
done

mkdir -p "$out"
out=$(cd "$out" && pwd)
case "$target" in
  *windows*)
    archive="$name.zip"
    rm -f "$out/$archive"
    if command -v 7z >/dev/null 2>&1; then
      (cd "$work" && 7z a -tzip -bd "$out/$archive" "$name" >/dev/null)
    else
      (cd "$work" && zip -qr "$out/$archive" "$name")
    fi
    ;;
  *)
    archive="$name.tar.gz"
    tar -C "$work" -czf "$out/$archive" "$name"
    ;;
esac

if command -v sha256sum >/dev/null 2>&1; then
  (cd "$out" && sha256sum "$archive" >"$archive.sha256")
else
  (cd "$out" && shasum -a 256 "$archive" >"$archive.sha256")
fi
echo "$out/$archive"
