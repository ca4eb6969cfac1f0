//! One wijk: its figures and its shape.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use samenstad_types::WijkDetail;

use crate::api;
use crate::app::set_title;
use crate::components::follow::FollowControl;
use crate::components::map::{BaseLayer, fit};
use crate::format;
use crate::i18n::{T, round_name, t, use_lang};
use crate::labels;
use crate::pages::not_found::NotFound;
use crate::pages::wijk_hub::WijkHub;
use samenstad_types::follows::FollowKind;

/// The page of one wijk (`/wijken/:key`, key = slug or number).
#[component]
pub fn WijkPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let key = move || params.read().get("key").unwrap_or_default();
    let data = LocalResource::new(move || {
        let key = key();
        async move {
            api::client()?
                .get_wijk(&key)
                .await
                .map_err(|e| e.to_string())
        }
    });
    view! {
        <p><A href="/">{move || t(lang.get(), T::BackToOverview)}</A></p>
        <Transition fallback=move || view! { <p class="loading">{move || t(lang.get(), T::Loading)}</p> }>
            {move || data.get().map(|result| match result {
                Ok(Some(wijk)) => view! { <WijkView wijk=wijk /> }.into_any(),
                Ok(None) => view! { <NotFound /> }.into_any(),
                Err(_) => view! { <p role="alert">{move || t(lang.get(), T::LoadFailed)}</p> }.into_any(),
            })}
        </Transition>
    }
}

#[component]
fn WijkView(wijk: WijkDetail) -> impl IntoView {
    let lang = use_lang();
    let session = crate::state::use_session();
    let staff_here = move |nr: i16| {
        session.me.get().is_some_and(|me| {
            me.roles.iter().any(|r| {
                r.role == "admin"
                    || r.role == "programme_admin"
                    || (r.role == "wijk_staff" && r.wijknr == Some(nr))
            })
        })
    };
    let projection = fit([&wijk.boundary]);
    let d = projection.path(&wijk.boundary);
    let w = wijk.wijk;
    let name = w.name.clone();
    set_title(&name);
    let aliases = w.aliases.join(", ");
    let has_aliases = !aliases.is_empty();
    view! {
        <article class="wijk">
            <h1>{w.name.clone()}</h1>
            <p class="short-name">{w.short_name.clone()}</p>
            <p><A href=format!("/ideas?wijk={}", w.wijknr)>{move || t(lang.get(), T::IdeaBoard)}</A></p>
            <FollowControl kind=FollowKind::Wijk target=w.slug.clone() />
            <Show when=move || staff_here(w.wijknr)>
                <p><A href=format!("/wijken/{}/overview", w.wijknr)>{move || t(lang.get(), T::StaffOverview)}</A></p>
            </Show>
            <div class="wijk-body">
                <svg class="wijk-outline" viewBox=projection.view_box() role="img" aria-label=name>
                    <BaseLayer projection=projection />
                    <path d=d></path>
                </svg>
                <dl class="facts">
                    <dt>{move || t(lang.get(), T::WijkNr)}</dt>
                    <dd>{w.wijknr}</dd>
                    <dt>{move || t(lang.get(), T::Zone)}</dt>
                    <dd>{move || labels::zone(lang.get(), w.zone)}</dd>
                    <dt>{move || t(lang.get(), T::Stadsdeel)}</dt>
                    <dd>{w.stadsdeel.clone()}</dd>
                    <dt>{move || t(lang.get(), T::Area)}</dt>
                    <dd>{move || format::area_km2(w.area_m2, lang.get())}</dd>
                    <dt>{move || t(lang.get(), T::Population)}</dt>
                    <dd>
                        {move || format::integer(i64::from(w.population_estimate), lang.get())}
                        <small class="note">{move || t(lang.get(), T::PopulationNote)}</small>
                    </dd>
                    <dt>{move || t(lang.get(), T::Density)}</dt>
                    <dd>{move || format::integer(i64::from(w.population_density_2024), lang.get())}</dd>
                    <dt>{move || t(lang.get(), T::Round)}</dt>
                    <dd>{move || round_name(lang.get(), w.wijkbudget_round)}</dd>
                    <Show when=move || has_aliases>
                        <dt>{move || t(lang.get(), T::Aliases)}</dt>
                        <dd>{aliases.clone()}</dd>
                    </Show>
                </dl>
            </div>
            <WijkHub wijknr=w.wijknr />
        </article>
    }
}
