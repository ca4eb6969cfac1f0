//! Samenstad web app: Leptos, client-side rendered, compiled to wasm32.
//!
//! One crate, seven builds (`src/bin/`): the public pages of each of five areas, a resident's,
//! and every page (`samenstad_types::web`). Each build's wasm holds only the pages it routes.

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

/// The `main` of a public area's build (`src/bin/public_*.rs`): the shell with that area's
/// routes; every other page loads from the server, which answers it with the build that has it.
#[macro_export]
macro_rules! public_build {
    ($area:ident, $routes:ident) => {
        fn main() {
            use leptos::prelude::*;
            use leptos_router::components::Routes;
            use samenstad_types::web::{PublicArea, WebApp};
            use $crate::app::{Elsewhere, Shell};
            use $crate::routes::{ElsewhereRoutes, $routes};
            const APP: WebApp = WebApp::Public(PublicArea::$area);
            $crate::start(|| {
                view! {
                    <Shell>
                        <Routes fallback=|| view! { <Elsewhere app=APP /> }>
                            <ElsewhereRoutes app=APP />
                            <$routes />
                        </Routes>
                    </Shell>
                }
            });
        }
    };
}

/// Mounts `app` in place of the static shell `index.html` shows until the wasm has loaded.
///
/// When the server sent a page's content in that shell (`crates/api/src/first_html.rs`), the
/// app starts outside the document and takes the shell's place once its page has loaded (no
/// `.loading` left in its `<main>`), or after [`TAKE_OVER_WITHIN`]: the reader keeps seeing the
/// content instead of a "loading" line, the page's largest paint stays the first HTML's, and
/// the page does not jump. Once the app is in the document, `<html>` gets `data-app="started"`.
pub fn start<V: IntoView + 'static>(app: fn() -> V) {
    console_error_panic_hook::set_once();
    app::remember_first_path();
    // The wasm's instantiation and the first render are two tasks, not one long one that keeps
    // the page from answering a tap (Lighthouse's total blocking time).
    set_timeout(move || mount(app), std::time::Duration::ZERO);
}

fn mount<V: IntoView + 'static>(app: fn() -> V) {
    if let Some(line) = document()
        .query_selector(".site-header .tagline")
        .ok()
        .flatten()
        .and_then(|el| el.text_content())
    {
        i18n::remember_first_tagline(line);
    }
    if let Some(line) = document()
        .query_selector(".site-footer p")
        .ok()
        .flatten()
        .and_then(|el| el.text_content())
    {
        i18n::remember_first_attribution(line);
    }
    let root = document()
        .get_element_by_id("app")
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
    let Some(first) = root else {
        leptos::mount::mount_to_body(app);
        return started();
    };
    let has_content = first
        .query_selector("main > :not(.loading):not(noscript)")
        .ok()
        .flatten()
        .is_some();
    let next = document()
        .create_element("div")
        .ok()
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
    match next {
        Some(next) if has_content => {
            leptos::mount::mount_to(next.clone(), app).forget();
            take_over_when_loaded(first, next, js_sys::Date::now() + TAKE_OVER_WITHIN);
        }
        _ => {
            first.set_inner_html("");
            leptos::mount::mount_to(first, app).forget();
            started();
        }
    }
}

/// How long the first HTML stays at most while the app loads its page's data (ms).
const TAKE_OVER_WITHIN: f64 = 5_000.0;

/// Puts `next` (the app, outside the document) in place of `first` (the server's HTML) once
/// the app's page has loaded, checking each 50 ms until `deadline`.
fn take_over_when_loaded(first: web_sys::HtmlElement, next: web_sys::HtmlElement, deadline: f64) {
    let loaded = next.query_selector("main").ok().flatten().is_some()
        && next
            .query_selector("main .loading")
            .ok()
            .flatten()
            .is_none();
    if loaded || js_sys::Date::now() >= deadline {
        next.set_id("app");
        let _ = first.replace_with_with_node_1(&next);
        return started();
    }
    set_timeout(
        move || take_over_when_loaded(first, next, deadline),
        std::time::Duration::from_millis(50),
    );
}

/// Marks the document as run by the app (`<html data-app="started">`), for tests and styles.
fn started() {
    if let Some(html) = document().document_element() {
        let _ = html.set_attribute("data-app", "started");
    }
}
