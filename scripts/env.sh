# Sourced by the scripts: puts the installed tools on PATH and fixes the browser paths.
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
export CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"

# The page's release build: std compiled from source for size, panics as plain aborts without messages or
# locations (the page shows its error banner from the window's error event). 28 KB less gzip than stock std.
# Stable rustc accepts these unstable flags under RUSTC_BOOTSTRAP; only this build uses them. Then terser
# minifies the JavaScript (scripts/minify-dist.mjs).
release_build() {
  RUSTC_BOOTSTRAP=1 \
    CARGO_UNSTABLE_BUILD_STD="std,panic_abort" \
    CARGO_UNSTABLE_BUILD_STD_FEATURES="optimize_for_size" \
    CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none" \
    trunk build --release "$@"
  node scripts/minify-dist.mjs
}
