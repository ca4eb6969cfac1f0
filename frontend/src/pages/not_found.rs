//! Fallback page.

use leptos::prelude::*;

use crate::i18n::{T, t, use_lang};

/// Shown for unknown paths and unknown wijken.
#[component]
pub fn NotFound() -> impl IntoView {
    let lang = use_lang();
    view! {
        <section class="not-found">
            <h1>{move || t(lang.get(), T::NotFoundTitle)}</h1>
            <p>{move || t(lang.get(), T::NotFoundText)}</p>
            <p><a href="/">{move || t(lang.get(), T::BackToOverview)}</a></p>
        </section>
    }
}
