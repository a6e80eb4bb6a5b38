use yew::prelude::*;

#[function_component(App)]
pub fn app() -> Html {
    html! { <main class="app">{ "Mailroom" }</main> }
}

pub fn install_panic_hook() {}
