//! Printing: each print press puts its printout (a worksheet or answer key, written as HTML by `ui::sheets`) in a
//! `<section class="printout">` of the body, outside the app, and opens the browser's print dialog; the dialog's
//! close (`afterprint`) takes the section away again, so a later Ctrl+P prints the transcript.

use crate::ui::i18n::Lang;
use crate::ui::print_mode::Printout;
use crate::ui::sheets::printed_sheet;
use gloo::events::EventListener;
use yew::prelude::*;

/// Takes away the printed section, if any.
fn remove_printout() {
    if let Ok(Some(old)) = gloo::utils::document().query_selector("body > .printout") {
        old.remove();
    }
}

/// Puts the printout's section in the body (replacing any earlier one).
fn show_printout(lang: Lang, printout: &Printout) {
    remove_printout();
    let document = gloo::utils::document();
    let sheet = printed_sheet(lang, printout);
    let (Ok(section), Some(body)) = (document.create_element("section"), document.body()) else {
        return;
    };
    let class = if printout.key {
        "printout answer-key"
    } else {
        "printout"
    };
    let _ = section.set_attribute("class", class);
    let _ = section.set_attribute("data-testid", "printout");
    let _ = section.set_attribute("data-sheet", sheet.kind);
    let _ = section.set_attribute("data-id", &sheet.id);
    let _ = section.set_attribute("data-key", if printout.key { "true" } else { "false" });
    section.set_inner_html(&sheet.html);
    let _ = body.append_child(&section);
}

#[hook]
pub fn use_print(requests: u32, printout: Option<Printout>, lang: Lang, on_printed: Callback<()>) {
    use_effect_with(requests, move |requests| {
        if *requests > 0 {
            match &printout {
                Some(printout) => show_printout(lang, printout),
                None => remove_printout(),
            }
            let _ = gloo::utils::window().print();
        }
    });
    use_effect_with((), move |_| {
        let listener = EventListener::new(&gloo::utils::window(), "afterprint", move |_| {
            remove_printout();
            on_printed.emit(())
        });
        move || drop(listener)
    });
}
