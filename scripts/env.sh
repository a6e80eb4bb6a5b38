# Sourced by the scripts: puts the installed tools on PATH and fixes the browser paths.
export PATH="$PWD/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$HOME/.cargo/bin:$PATH"
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
export CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
# Lighthouse finds its browser here.
export CHROME_PATH="${CHROME_PATH:-$CHROMIUM}"

# The page's release build on the pinned stable toolchain, no unstable flag (Cargo.toml's release profile: opt-level
# "z", LTO, one codegen unit, panic = abort; wasm-opt -Oz from index.html); then terser minifies the JavaScript
# (scripts/minify-dist.mjs).
release_build() {
  trunk build --release "$@"
  node scripts/minify-dist.mjs
}
