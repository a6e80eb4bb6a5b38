//! Files the page hands out (a saved world, the transcript, the diagram) and files it is given.

use crate::sim::saved::MAX_JSON_BYTES;
use js_sys::Array;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    Blob, BlobPropertyBag, CanvasRenderingContext2d, File, HtmlAnchorElement, HtmlCanvasElement,
    HtmlImageElement, Url,
};

fn blob_of(mime: &str, contents: &str) -> Option<Blob> {
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    Blob::new_with_str_sequence_and_options(&Array::of1(&contents.into()), &options).ok()
}

/// Offers `contents` as a download named `name`.
pub fn download(name: &str, mime: &str, contents: &str) {
    if let Some(blob) = blob_of(mime, contents) {
        download_blob(name, &blob);
    }
}

/// Offers an SVG drawing as a PNG of the given size: the browser draws it on a canvas and encodes it.
pub fn download_png(name: &'static str, svg: &str, width: u32, height: u32) {
    let Some(url) =
        blob_of("image/svg+xml", svg).and_then(|b| Url::create_object_url_with_blob(&b).ok())
    else {
        return;
    };
    let Ok(image) = HtmlImageElement::new() else {
        return;
    };
    let drawn = image.clone();
    let source = url.clone();
    let on_load = Closure::once_into_js(move || {
        let _ = Url::revoke_object_url(&source);
        let Ok(canvas) = gloo::utils::document().create_element("canvas") else {
            return;
        };
        let canvas: HtmlCanvasElement = canvas.unchecked_into();
        canvas.set_width(width);
        canvas.set_height(height);
        let Some(context) = canvas
            .get_context("2d")
            .ok()
            .flatten()
            .map(|c| c.unchecked_into::<CanvasRenderingContext2d>())
        else {
            return;
        };
        let _ = context.draw_image_with_html_image_element(&drawn, 0.0, 0.0);
        let on_blob = Closure::once_into_js(move |blob: Option<Blob>| {
            if let Some(blob) = blob {
                download_blob(name, &blob);
            }
        });
        let _ = canvas.to_blob(on_blob.unchecked_ref());
    });
    image.set_onload(Some(on_load.unchecked_ref()));
    image.set_src(&url);
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
    /// The file's size in bytes; whole bytes, as formatting a float would add kilobytes to the page.
    TooLarge(u64),
    Unreadable,
}

/// The text of a chosen file, refusing one too large to be a saved world before reading it.
pub async fn read_text(file: File) -> Result<String, FileError> {
    if file.size() > MAX_JSON_BYTES as f64 {
        return Err(FileError::TooLarge(file.size() as u64));
    }
    let text = JsFuture::from(file.text())
        .await
        .map_err(|_| FileError::Unreadable)?;
    text.as_string().ok_or(FileError::Unreadable)
}
