//! Files the page hands out (a saved world, the transcript, the diagram) and files it is given.

use crate::sim::saved::MAX_JSON_BYTES;
use js_sys::Array;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, BlobPropertyBag, File, HtmlAnchorElement, Url};

/// Offers `contents` as a download named `name`.
pub fn download(name: &str, mime: &str, contents: &str) {
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    let parts = Array::of1(&contents.into());
    if let Ok(blob) = Blob::new_with_str_sequence_and_options(&parts, &options) {
        download_blob(name, &blob);
    }
}

/// Offers a blob as a download named `name`.
pub fn download_blob(name: &str, blob: &Blob) {
    let Ok(url) = Url::create_object_url_with_blob(blob) else {
        return;
    };
    let document = gloo::utils::document();
    if let Ok(anchor) = document.create_element("a") {
        let anchor: HtmlAnchorElement = anchor.unchecked_into();
        anchor.set_href(&url);
        anchor.set_download(name);
        anchor.click();
    }
    let _ = Url::revoke_object_url(&url);
}

/// Why a chosen file was not read.
#[derive(Debug, Clone, PartialEq)]
pub enum FileError {
    TooLarge(f64),
    Unreadable,
}

/// The text of a chosen file, refusing one too large to be a saved world before reading it.
pub async fn read_text(file: File) -> Result<String, FileError> {
    if file.size() > MAX_JSON_BYTES as f64 {
        return Err(FileError::TooLarge(file.size()));
    }
    let text = JsFuture::from(file.text())
        .await
        .map_err(|_| FileError::Unreadable)?;
    text.as_string().ok_or(FileError::Unreadable)
}
