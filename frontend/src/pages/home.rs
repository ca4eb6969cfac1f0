//! Home: the map of the wijken and a searchable list.

use leptos::prelude::*;
use leptos_router::components::A;
use samenstad_domain::text;
use samenstad_types::{Wijk, WijkFeatureCollection};

use crate::api;
use crate::app::set_title;
use crate::components::map::WijkMap;
use crate::i18n::{T, t, use_lang};
use crate::labels;

fn matches(query: &str, wijk: &Wijk) -> bool {
    let names = [wijk.name.as_str(), wijk.short_name.as_str()]
        .into_iter()
        .chain(wijk.aliases.iter().map(String::as_str));
    text::matches_any_with(fold, query, names)
}

/// Accent- and case-insensitive folding with the browser's Unicode tables: NFD, then the
/// combining marks dropped ("é" → "e"), then [`text::squash`].
fn fold(value: &str) -> String {
    let decomposed = String::from(js_sys::JsString::from(value).normalize("NFD"));
    let bare: String = decomposed
        .chars()
        .filter(|c| !('\u{300}'..='\u{36f}').contains(c))
        .collect();
    text::squash(&bare)
}

/// The home page.
#[component]
pub fn Home() -> impl IntoView {
    let lang = use_lang();
    Effect::new(move |_| set_title(t(lang.get(), T::MapTitle)));
    let data = LocalResource::new(|| async {
        api::client()?
            .wijken_geojson(&crate::api::MAP_OUTLINES)
            .await
            .map_err(|e| e.to_string())
    });
    view! {
        <h1>{crate::i18n::town_tagline()}</h1>
        <Transition fallback=move || view! { <p class="loading">{move || t(lang.get(), T::Loading)}</p> }>
            {move || data.get().map(|result| match result {
                Ok(collection) => view! { <Overview collection=collection /> }.into_any(),
                Err(_) => view! { <p role="alert">{move || t(lang.get(), T::LoadFailed)}</p> }.into_any(),
            })}
        </Transition>
    }
}

#[component]
fn Overview(collection: WijkFeatureCollection) -> impl IntoView {
    let lang = use_lang();
    let (query, set_query) = signal(String::new());
    let wijken: Vec<Wijk> = collection
        .features
        .iter()
        .map(|f| f.properties.clone())
        .collect();
    let shapes = collection
        .features
        .into_iter()
        .map(|f| (f.properties, f.geometry))
        .collect::<Vec<_>>();
    let total = wijken.len();
    let all = StoredValue::new(wijken);
    let visible = Memo::new(move |_| {
        let q = query.get();
        all.with_value(|all| {
            all.iter()
                .filter(|w| matches(&q, w))
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    let highlighted = Signal::derive(move || {
        if query.with(|q| q.trim().is_empty()) {
            vec![]
        } else {
            visible.with(|v| v.iter().map(|w| w.wijknr).collect())
        }
    });
    view! {
        <div class="overview">
            <section class="map-panel" aria-labelledby="map-title">
                <h2 id="map-title">{move || t(lang.get(), T::MapTitle)}</h2>
                <p class="help">{move || t(lang.get(), T::MapHelp)}</p>
                <WijkMap shapes=shapes label=t(lang.get_untracked(), T::MapTitle).to_owned() highlighted=highlighted />
            </section>
            <section class="list-panel" aria-labelledby="list-title">
                <h2 id="list-title">{move || t(lang.get(), T::ListTitle)}</h2>
                <label for="wijk-search">{move || t(lang.get(), T::SearchLabel)}</label>
                <input
                    id="wijk-search"
                    type="search"
                    autocomplete="off"
                    placeholder=move || t(lang.get(), T::SearchPlaceholder)
                    prop:value=query
                    on:input=move |ev| set_query.set(event_target_value(&ev))
                />
                <p class="count" aria-live="polite">{move || visible.with(|v| format!("{} / {total}", v.len()))}</p>
                <Show when=move || visible.with(|v| !v.is_empty()) fallback=move || view! { <p>{move || t(lang.get(), T::NoMatches)}</p> }>
                    <ul class="wijk-list">
                        <For each=move || visible.get() key=|w| w.wijknr let:wijk>
                            <li>
                                <A href=format!("/wijken/{}", wijk.slug)>{wijk.name.clone()}</A>
                                <span class="zone">{move || labels::zone(lang.get(), wijk.zone)}</span>
                            </li>
                        </For>
                    </ul>
                </Show>
            </section>
        </div>
    }
}
