//! Samenstad web app: Leptos, client-side rendered, compiled to wasm32.

mod api;
mod app;
mod components;
mod download;
mod format;
mod i18n;
mod labels;
mod pages;
mod staff;
mod state;
mod upload;

use wasm_bindgen::JsCast;

fn main() {
    console_error_panic_hook::set_once();
    // index.html shows a static shell until the wasm has loaded; replace it with the app.
    let root = leptos::prelude::document()
        .get_element_by_id("app")
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
    match root {
        Some(root) => {
            root.set_inner_html("");
            leptos::mount::mount_to(root, app::App).forget();
        }
        None => leptos::mount::mount_to_body(app::App),
    }
}
