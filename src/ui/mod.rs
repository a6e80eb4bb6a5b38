//! The Yew front end. It reads the core and owns everything web: timers, animation frames, storage, the URL.

pub mod app;
pub mod challenge_mode;
pub mod challenge_words;
pub mod compare_mode;
pub mod components;
pub mod diagram;
pub mod files;
pub mod hooks;
pub mod i18n;
pub mod layout;
pub mod move_words;
pub mod persist;
pub mod print_mode;
pub mod sampling;
pub mod share;
pub mod sheets;
pub mod sim;
pub mod state;
pub mod url;

/// Mounts the app on the page's body, after `app::show_fatal_errors`: an uncaught error (a panic traps the
/// wasm) then shows a visible error instead of a dead page.
pub fn start() {
    app::show_fatal_errors();
    // The first render runs in a task of its own, not in the one that finished compiling the wasm.
    gloo::timers::callback::Timeout::new(0, || {
        yew::Renderer::<app::App>::new().render();
    })
    .forget();
}
