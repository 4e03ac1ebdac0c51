#!/usr/bin/env bash
# The Windows program: a release build of nianbao.exe for x86_64-pc-windows-gnu, linked with
# Debian's mingw-w64 (package gcc-mingw-w64-x86-64). Prints the path of the .exe.
set -euo pipefail
cd "$(dirname "$0")/.."
target=x86_64-pc-windows-gnu
rustup target list --installed | grep -qx "$target" || rustup target add "$target"
command -v x86_64-w64-mingw32-gcc >/dev/null || {
    echo "需要 mingw-w64：apt-get install gcc-mingw-w64-x86-64" >&2
    exit 2
}
CARGO_TARGET_X86_64_PC_WINDOWS_GNU_LINKER=x86_64-w64-mingw32-gcc \
    cargo build --release --target "$target" --bin nianbao >&2
echo "target/$target/release/nianbao.exe"
