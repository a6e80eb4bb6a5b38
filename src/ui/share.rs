//! Share links: the saved world's JSON, deflated by the browser's CompressionStream (no compression code
//! in the bundle), in the URL fragment, which browsers never send to a server.

use crate::sim::saved::link::{decode_fragment, encode_fragment};
use crate::sim::saved::MAX_JSON_BYTES;
use js_sys::{Array, Reflect, Uint8Array};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    Blob, ReadableStream, ReadableStreamDefaultReader, ReadableWritablePair, WritableStream,
};

// web-sys has these only behind its unstable-API flag; their two members are all this needs.
#[wasm_bindgen]
extern "C" {
    type CompressionStream;
    #[wasm_bindgen(catch, constructor)]
    fn new(format: &str) -> Result<CompressionStream, JsValue>;
    #[wasm_bindgen(method, getter)]
    fn readable(this: &CompressionStream) -> ReadableStream;
    #[wasm_bindgen(method, getter)]
    fn writable(this: &CompressionStream) -> WritableStream;

    type DecompressionStream;
    #[wasm_bindgen(catch, constructor)]
    fn new(format: &str) -> Result<DecompressionStream, JsValue>;
    #[wasm_bindgen(method, getter)]
    fn readable(this: &DecompressionStream) -> ReadableStream;
    #[wasm_bindgen(method, getter)]
    fn writable(this: &DecompressionStream) -> WritableStream;
}

/// Raw deflate (RFC 1951): no zlib or gzip header, the shortest link.
const FORMAT: &str = "deflate-raw";

/// Why a link could not become a world.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ShareError {
    Link(String),
    /// The bytes are not deflate data: the link was edited or cut.
    Damaged,
    TooLarge,
    /// The browser has no CompressionStream.
    Unsupported,
}

fn stream_of(bytes: &[u8]) -> Result<ReadableStream, JsValue> {
    let parts = Array::of1(&Uint8Array::from(bytes));
    Ok(Blob::new_with_u8_array_sequence(&parts)?.stream())
}

/// Reads a stream to its end, giving up past `limit` bytes (a small link may inflate enormously).
async fn read_all(stream: ReadableStream, limit: usize) -> Result<Vec<u8>, ShareError> {
    let reader: ReadableStreamDefaultReader = stream.get_reader().unchecked_into();
    let mut out = Vec::new();
    loop {
        let chunk = JsFuture::from(reader.read())
            .await
            .map_err(|_| ShareError::Damaged)?;
        let done = Reflect::get(&chunk, &"done".into()).map_err(|_| ShareError::Damaged)?;
        if done.is_truthy() {
            return Ok(out);
        }
        let value = Reflect::get(&chunk, &"value".into()).map_err(|_| ShareError::Damaged)?;
        let bytes: Uint8Array = value.dyn_into().map_err(|_| ShareError::Damaged)?;
        if out.len() + bytes.length() as usize > limit {
            let _ = reader.cancel();
            return Err(ShareError::TooLarge);
        }
        out.extend(bytes.to_vec());
    }
}

/// The share link's fragment for a saved world's JSON.
pub async fn fragment_for(json: &str) -> Result<String, ShareError> {
    let compressor = CompressionStream::new(FORMAT).map_err(|_| ShareError::Unsupported)?;
    let input = stream_of(json.as_bytes()).map_err(|_| ShareError::Unsupported)?;
    let pair = ReadableWritablePair::new(&compressor.readable(), &compressor.writable());
    let compressed = read_all(input.pipe_through(&pair), usize::MAX).await?;
    Ok(encode_fragment(&compressed))
}

/// The saved world's JSON a fragment carries.
pub async fn json_from(fragment: &str) -> Result<String, ShareError> {
    let compressed = decode_fragment(fragment).map_err(|e| ShareError::Link(e.to_string()))?;
    let decompressor = DecompressionStream::new(FORMAT).map_err(|_| ShareError::Unsupported)?;
    let input = stream_of(&compressed).map_err(|_| ShareError::Unsupported)?;
    let pair = ReadableWritablePair::new(&decompressor.readable(), &decompressor.writable());
    let bytes = read_all(input.pipe_through(&pair), MAX_JSON_BYTES).await?;
    String::from_utf8(bytes).map_err(|_| ShareError::Damaged)
}

/// This page's address with a share fragment (no query: the link alone says what to show).
pub fn page_url(fragment: &str) -> String {
    let location = gloo::utils::window().location();
    format!(
        "{}{}#{fragment}",
        location.origin().unwrap_or_default(),
        location.pathname().unwrap_or_default()
    )
}

/// Why a link failed, for the error banner.
pub fn describe(error: &ShareError) -> String {
    match error {
        ShareError::Link(why) => why.clone(),
        ShareError::Damaged => "it was cut short or edited".to_string(),
        ShareError::TooLarge => "it unpacks to more than a saved world may be".to_string(),
        ShareError::Unsupported => {
            "this browser cannot unpack it (no CompressionStream)".to_string()
        }
    }
}
