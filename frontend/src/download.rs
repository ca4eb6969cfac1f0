//! Saving data fetched with the session's token as a file: the browser cannot follow a plain
//! link to an endpoint that needs an `Authorization` header, so the page fetches it and hands
//! the bytes over as a blob.

use wasm_bindgen::JsCast;

/// Offers `bytes` as a download called `name`.
pub fn save(name: &str, content_type: &str, bytes: &[u8]) -> Result<(), String> {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(content_type);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options)
        .map_err(|_| "cannot make the file".to_owned())?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)
        .map_err(|_| "cannot make the file".to_owned())?;
    let document = leptos::prelude::document();
    let link = document
        .create_element("a")
        .map_err(|_| "cannot make the link".to_owned())?;
    let _ = link.set_attribute("href", &url);
    let _ = link.set_attribute("download", name);
    if let Ok(link) = link.dyn_into::<web_sys::HtmlElement>() {
        link.click();
    }
    // Revoked later: revoking at once can cancel the download before it starts.
    leptos::prelude::set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(10),
    );
    Ok(())
}
