//! The app shell: header with language switch, routes, footer with the data attribution.

use leptos::prelude::*;
use leptos_router::components::{A, Router};
use samenstad_types::web::{WebApp, web_app_for};

use crate::i18n::{Lang, T, provide_lang, t, town_attribution};
use crate::pages::not_found::NotFound;
use crate::staff::is_staff;
use crate::state::provide_session;

/// The shell of every build: header with language switch, the build's `<Routes>` (`children`,
/// with route groups of `crate::routes` and [`Elsewhere`] as fallback), footer.
#[component]
pub fn Shell(children: Children) -> impl IntoView {
    let lang = provide_lang();
    let session = provide_session();
    crate::i18n::provide_municipality();
    let tagline = crate::i18n::town_tagline();
    let toggle = move |_| lang.update(|l| *l = if *l == Lang::Nl { Lang::En } else { Lang::Nl });
    view! {
        <Router>
            <a class="skip" href="#main">{move || t(lang.get(), T::Skip)}</a>
            <header class="site-header">
                <A href="/" attr:class="brand">"Samenstad"</A>
                <p class="tagline">{tagline}</p>
                <nav class="main-nav" aria-label="Menu">
                    <A href="/venues">{move || t(lang.get(), T::Venues)}</A>
                    <A href="/ideas">{move || t(lang.get(), T::Ideas)}</A>
                    <A href="/projects">{move || t(lang.get(), T::AllProjects)}</A>
                    <A href="/subsidies">{move || t(lang.get(), T::Subsidies)}</A>
                    <A href="/signals">{move || if lang.get() == Lang::Nl { "Meldingen" } else { "Signals" }}</A>
                    <Show when=move || session.me.get().is_some()>
                        <A href="/bookings">{move || t(lang.get(), T::MyBookings)}</A>
                    </Show>
                    <Show when=move || session.me.get().is_some_and(|me| me.roles.iter().any(|r| r.role == "admin" || r.role == "venue_manager"))>
                        <A href="/manage">{move || t(lang.get(), T::Manage)}</A>
                    </Show>
                    <Show when=move || session.me.get().is_some_and(|me| is_staff(&me))>
                        <A href="/staff">{move || t(lang.get(), T::StaffArea)}</A>
                    </Show>
                    <Show when=move || session.me.get().is_some_and(|me| me.roles.iter().any(|r| r.role == "admin"))>
                        <A href="/admin">{move || if lang.get() == Lang::Nl { "Beheer" } else { "Administration" }}</A>
                    </Show>
                </nav>
                <nav class="account-nav" aria-label="Account">
                    {move || match session.me.get() {
                        Some(me) => view! { <A href="/account" attr:class="account-link">{me.display_name}</A> }.into_any(),
                        None => view! { <A href="/login" attr:class="account-link">{move || t(lang.get(), T::LogIn)}</A> }.into_any(),
                    }}
                </nav>
                <button
                    type="button"
                    class="lang-switch"
                    on:click=toggle
                    aria-label=move || t(lang.get(), T::SwitchLanguageLabel)
                    lang=move || if lang.get() == Lang::Nl { "en" } else { "nl" }
                >
                    {move || t(lang.get(), T::SwitchLanguage)}
                </button>
            </header>
            <main id="main" tabindex="-1">
                {children()}
            </main>
            <footer class="site-footer">
                <p>{town_attribution()}</p>
                <p>
                    <A href="/councils">{move || if lang.get() == Lang::Nl { "Adviesraden" } else { "Advisory councils" }}</A>
                    " · "
                    <A href="/feedback">{move || if lang.get() == Lang::Nl { "Terugkoppeling" } else { "Feedback" }}</A>
                    " · "
                    <crate::pages::discover::PublishedLinks />
                    " · "
                    <a href="/api/docs/" rel="external">{move || t(lang.get(), T::ApiDocs)}</a>
                </p>
            </footer>
        </Router>
    }
}

/// A path this build has no page for: the page of another build (a link followed inside the
/// app) is loaded from the server, which answers it with the build that has it; otherwise the
/// page does not exist.
#[component]
pub fn Elsewhere(app: WebApp) -> impl IntoView {
    // The router's location is the page asked for; the window's may still be the page before.
    let asked = leptos_router::hooks::use_location();
    let path = asked.pathname.get_untracked();
    match web_app_for(&path) {
        Some(other) if other != app && !served_here_already(&path) => {
            let prefixed = |part: String, mark: char| {
                if part.is_empty() || part.starts_with(mark) {
                    part
                } else {
                    format!("{mark}{part}")
                }
            };
            let target = format!(
                "{path}{}{}",
                prefixed(asked.search.get_untracked(), '?'),
                prefixed(asked.hash.get_untracked(), '#')
            );
            // Once the router has made the history entry for the page (it renders this first),
            // load the page in place of that entry, so Back returns to the page before.
            leptos::prelude::set_timeout(
                move || {
                    let window = leptos::prelude::window().location();
                    let _ = if window.pathname().is_ok_and(|now| now == path) {
                        window.replace(&target)
                    } else {
                        window.assign(&target)
                    };
                },
                std::time::Duration::ZERO,
            );
            view! { <p class="loading">"…"</p> }.into_any()
        }
        _ => view! { <NotFound /> }.into_any(),
    }
}

/// The path this document was loaded at (set when the app starts).
static FIRST_PATH: std::sync::OnceLock<String> = std::sync::OnceLock::new();

/// Notes the path this document was loaded at, for [`served_here_already`].
pub(crate) fn remember_first_path() {
    if let Ok(path) = window().location().pathname() {
        let _ = FIRST_PATH.set(path);
    }
}

/// Whether this document is this build loaded from the server for `path` a moment ago by
/// [`Elsewhere`] (and notes that it loads `path` now): a server that answers the path with this
/// build again — one of another release, during an upgrade — would otherwise make `Elsewhere`
/// reload forever. Only a document loaded at `path` can be such an answer: one that followed a
/// link to `path` (the reader going Back and following it again at once) loads it.
pub(crate) fn served_here_already(path: &str) -> bool {
    const KEY: &str = "samenstad.elsewhere";
    let Some(storage) = window().session_storage().ok().flatten() else {
        return false;
    };
    // Whole milliseconds: no float formatting or parsing in every build for this.
    let now = js_sys::Date::now() as u64;
    let again = FIRST_PATH.get().is_none_or(|first| first == path)
        && storage
            .get_item(KEY)
            .ok()
            .flatten()
            .and_then(|last| {
                let (at, p) = last.split_once(' ')?;
                Some(
                    p == path
                        && at
                            .parse::<u64>()
                            .is_ok_and(|at| now.saturating_sub(at) < 5_000),
                )
            })
            .unwrap_or(false);
    let _ = storage.set_item(KEY, &format!("{now} {path}"));
    again
}

/// Sets the document title.
/// `form`, a part of a public page only signed-in people use (booking a room, handling a
/// signal …), in the resident and full builds; nothing in the public builds, which the server
/// never serves to a signed-in person (`WebApp::for_signed_in`), so their wasm holds none of
/// that code.
pub fn signed_in<V: IntoView>(form: impl FnOnce() -> V) -> Option<V> {
    signed_in_or(|| Some(form()), || None::<V>)
}

/// [`signed_in`] with what a public build shows instead (`public`, e.g. "log in to book").
#[cfg(feature = "signed-in")]
pub fn signed_in_or<F: IntoView, P: IntoView>(
    form: impl FnOnce() -> F,
    _public: impl FnOnce() -> P,
) -> F {
    form()
}

/// See the build with signed-in people's forms.
#[cfg(not(feature = "signed-in"))]
pub fn signed_in_or<F: IntoView, P: IntoView>(
    _form: impl FnOnce() -> F,
    public: impl FnOnce() -> P,
) -> P {
    public()
}

pub fn set_title(title: &str) {
    leptos::prelude::document().set_title(&format!("{title} – Samenstad"));
}
