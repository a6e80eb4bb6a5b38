//! Browser tests: the app mounted in headless Chromium (wasm-bindgen-test), asserting on the DOM it renders.
#![cfg(target_arch = "wasm32")]

use mailroom::i18n::{Catalogue, Lang};
use mailroom::ui::app::{App, AppProps};
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlSelectElement};

wasm_bindgen_test_configure!(run_in_browser);

async fn mount(search: &str) -> Element {
    let document = gloo::utils::document();
    let root = document.create_element("div").expect("a div");
    document
        .body()
        .expect("a body")
        .append_child(&root)
        .expect("appended");
    let props = AppProps {
        search: Some(search.to_string()),
    };
    yew::Renderer::<App>::with_root_and_props(root.clone(), props).render();
    yew::scheduler::flush().await;
    // The page renders in parts after paints, then opens its world (docs/hooks.md, `data-ready`).
    while root
        .query_selector(".app[data-ready=true]")
        .ok()
        .flatten()
        .is_none()
    {
        next_task().await;
        yew::scheduler::flush().await;
    }
    root
}

/// Resolves in a later task of the event loop, after the frames and timeouts already due.
async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        gloo::timers::callback::Timeout::new(0, move || {
            let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
        })
        .forget();
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

fn all(root: &Element, selector: &str) -> Vec<Element> {
    let list = root.query_selector_all(selector).expect("a valid selector");
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| wasm_bindgen::JsCast::dyn_into::<Element>(n).ok())
        .collect()
}

#[wasm_bindgen_test]
async fn default_world_shows_the_server_three_devices_and_only_the_idle_phones_session() {
    let root = mount("?fresh").await;
    assert_eq!(all(&root, "[data-testid=server]").len(), 1);
    let devices: Vec<(String, String, String)> = all(&root, "[data-testid=device]")
        .iter()
        .map(|d| {
            let attr = |name: &str| d.get_attribute(name).unwrap_or_default();
            (
                attr("data-device"),
                attr("data-protocol"),
                attr("data-online"),
            )
        })
        .collect();
    let expected = [("laptop", "pop3"), ("phone", "imap"), ("tablet", "imap")];
    assert_eq!(devices.len(), 3);
    for ((device, protocol, online), (want_device, want_protocol)) in devices.iter().zip(expected) {
        assert_eq!(
            (device.as_str(), protocol.as_str(), online.as_str()),
            (want_device, want_protocol, "true")
        );
    }
    let messages = all(&root, "[data-testid=server-message]");
    assert_eq!(messages.len(), 3);
    assert!(messages
        .iter()
        .all(|m| m.get_attribute("data-folder").as_deref() == Some("INBOX")));
    assert_eq!(all(&root, "[data-testid=transcript]").len(), 1);
    // The page opens on a live world: the IDLE phone has checked mail and idles; nobody else spoke.
    let lines = all(&root, "[data-testid=transcript-line]");
    assert!(!lines.is_empty());
    assert!(lines
        .iter()
        .all(|l| l.get_attribute("data-device").as_deref() == Some("phone")));
    root.remove();
}

#[wasm_bindgen_test]
async fn lang_zh_renders_chinese_and_the_language_menu_switches_back() {
    // The page fetches i18n/zh.json; this test's server has no such file, so the catalogue is put in as the
    // fetch would (`use_language`).
    let chinese =
        Catalogue::parse(include_str!("../i18n/zh.json")).expect("the Chinese catalogue reads");
    mailroom::ui::i18n::install(Lang::Zh, chinese);
    let root = mount("?lang=zh").await;
    yew::scheduler::flush().await;
    let text = root.text_content().unwrap_or_default();
    assert!(
        text.contains("邮件服务器"),
        "server title in Chinese: {text}"
    );
    let menu: HtmlSelectElement = wasm_bindgen::JsCast::unchecked_into(
        root.query_selector("[data-action=language]")
            .ok()
            .flatten()
            .expect("the language menu"),
    );
    menu.set_value("en");
    let change = web_sys::Event::new("change").expect("an event");
    menu.dispatch_event(&change).expect("dispatched");
    yew::scheduler::flush().await;
    assert!(root
        .text_content()
        .unwrap_or_default()
        .contains("Mail server"));
    root.remove();
}

#[wasm_bindgen_test]
async fn toggle_online_marks_the_device_offline() {
    let root = mount("").await;
    let button = root
        .query_selector("[data-device=tablet] [data-action=toggle-online]")
        .ok()
        .flatten()
        .expect("the tablet's online toggle");
    wasm_bindgen::JsCast::unchecked_into::<HtmlElement>(button).click();
    yew::scheduler::flush().await;
    // A caption about the tablet carries data-device too: the card is the one with data-testid="device".
    let tablet = root
        .query_selector("[data-testid=device][data-device=tablet]")
        .ok()
        .flatten()
        .expect("the tablet");
    assert_eq!(
        tablet.get_attribute("data-online").as_deref(),
        Some("false")
    );
    root.remove();
}

fn click(root: &Element, selector: &str) {
    let element = root
        .query_selector(selector)
        .ok()
        .flatten()
        .unwrap_or_else(|| panic!("no element {selector}"));
    wasm_bindgen::JsCast::unchecked_into::<HtmlElement>(element).click();
}

#[wasm_bindgen_test]
async fn instant_check_mail_on_the_pop3_laptop_moves_all_mail_to_it() {
    let root = mount("?fresh&speed=instant").await;
    click(
        &root,
        "[data-testid=device][data-device=laptop] [data-action=check-mail]",
    );
    yew::scheduler::flush().await;
    assert_eq!(all(&root, "[data-testid=server-message]").len(), 0);
    assert_eq!(
        all(
            &root,
            "[data-testid=device][data-device=laptop] [data-testid=device-message]"
        )
        .len(),
        3
    );
    let lines: Vec<String> = all(&root, "[data-testid=transcript-line][data-device=laptop]")
        .iter()
        .filter_map(|l| l.text_content())
        .collect();
    assert!(lines.iter().any(|l| l.ends_with("QUIT")), "{lines:?}");
    assert!(
        lines
            .iter()
            .any(|l| l.contains("+OK") && l.starts_with("S:")),
        "{lines:?}"
    );
    root.remove();
}

#[wasm_bindgen_test]
async fn a_refused_terminal_line_shows_an_error_and_the_page_keeps_running() {
    let root = mount("?fresh&speed=instant").await;
    let input: web_sys::HtmlInputElement = wasm_bindgen::JsCast::unchecked_into(
        root.query_selector("[data-testid=terminal-input]")
            .ok()
            .flatten()
            .expect("the terminal input"),
    );
    input.set_value(&"x".repeat(2_000));
    let init = web_sys::KeyboardEventInit::new();
    init.set_key("Enter");
    init.set_bubbles(true);
    let enter = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init)
        .expect("an Enter key event");
    input.dispatch_event(&enter).expect("dispatched");
    yew::scheduler::flush().await;
    let error = root
        .query_selector("[data-testid=error]")
        .ok()
        .flatten()
        .expect("an error is shown");
    assert!(error.text_content().unwrap_or_default().contains("1000"));
    assert_eq!(
        all(&root, "[data-testid=device]").len(),
        3,
        "the world is still there"
    );
    root.remove();
}

#[wasm_bindgen_test]
async fn step_back_undoes_moments_and_step_redoes_them() {
    let root = mount("?fresh&speed=instant").await;
    click(
        &root,
        "[data-testid=device][data-device=laptop] [data-action=check-mail]",
    );
    yew::scheduler::flush().await;
    let before = all(&root, "[data-testid=transcript-line]").len();
    for _ in 0..10 {
        click(&root, "[data-action=step-back]");
        yew::scheduler::flush().await;
    }
    let after = all(&root, "[data-testid=transcript-line]").len();
    assert!(
        after < before,
        "{after} lines after stepping back from {before}"
    );
    assert_eq!(
        all(&root, "[data-testid=server-message]").len(),
        3,
        "QUIT undone: the mail is back"
    );
    for _ in 0..10 {
        click(&root, "[data-action=step]");
        yew::scheduler::flush().await;
    }
    assert_eq!(all(&root, "[data-testid=transcript-line]").len(), before);
    assert_eq!(all(&root, "[data-testid=server-message]").len(), 0);
    root.remove();
}
