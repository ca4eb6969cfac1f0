//! Samenstad web app: Leptos, client-side rendered, compiled to wasm32.
//!
//! One crate, three builds (`src/bin/`): the public pages, a resident's, and every page
//! (`samenstad_types::web`). Each build's wasm holds only the pages it routes.

mod api;
pub mod app;
mod components;
mod download;
mod format;
mod i18n;
mod labels;
mod pages;
pub mod routes;
mod staff;
mod state;
mod upload;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Mounts `app` in place of the static shell `index.html` shows until the wasm has loaded.
pub fn start<V: IntoView + 'static>(app: fn() -> V) {
    console_error_panic_hook::set_once();
    if let Some(line) = document()
        .query_selector(".site-header .tagline")
        .ok()
        .flatten()
        .and_then(|el| el.text_content())
    {
        i18n::remember_first_tagline(line);
    }
    let root = document()
        .get_element_by_id("app")
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
    match root {
        Some(root) => {
            root.set_inner_html("");
            leptos::mount::mount_to(root, app).forget();
        }
        None => leptos::mount::mount_to_body(app),
    }
}
