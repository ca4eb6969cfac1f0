//! A project in realisation: status, budget and spending, deadline, partners and its progress.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use samenstad_types::projects::Project;

use crate::api;
use crate::app::set_title;
use crate::format::{self, euro};
use crate::i18n::{T, t, use_lang};
use crate::labels;

/// One line of a project list: title, status, spent of budget.
#[component]
pub fn ProjectLine(project: Project) -> impl IntoView {
    let lang = use_lang();
    let status = project.status;
    view! {
        <li class=format!("project status-{}", project.status)>
            <A href=format!("/projects/{}", project.id)>{project.title.clone()}</A>
            " · " <span class="status">{move || labels::project_status(lang.get(), status)}</span>
            " · " {move || format!("{} / {}", euro(project.spent_cents, lang.get()), euro(project.budget_cents, lang.get()))}
        </li>
    }
}

/// `/projects/:id`.
#[component]
pub fn ProjectPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let id = move || params.read().get("id").unwrap_or_default();
    let data = LocalResource::new(move || {
        let id = id();
        async move {
            api::client()?
                .get_project(&id)
                .await
                .map_err(|e| e.to_string())
        }
    });
    view! {
        <Transition fallback=move || view! { <p class="loading">{move || t(lang.get(), T::Loading)}</p> }>
            {move || data.get().map(|r| match r {
                Ok(Some(p)) => view! { <ProjectView project=p /> }.into_any(),
                Ok(None) => view! { <p role="alert">{move || t(lang.get(), T::NotFoundTitle)}</p> }.into_any(),
                Err(e) => view! { <p role="alert">{e}</p> }.into_any(),
            })}
        </Transition>
    }
}

#[component]
fn ProjectView(project: Project) -> impl IntoView {
    let lang = use_lang();
    set_title(&project.title);
    let status = project.status;
    let share = if project.budget_cents > 0 {
        (100.0 * project.spent_cents as f64 / project.budget_cents as f64).clamp(0.0, 100.0)
    } else {
        0.0
    };
    let partners = project.partners.join(", ");
    let has_partners = !partners.is_empty();
    let updates = project.updates.clone().unwrap_or_default();
    view! {
        <article class="project-page">
            <p><A href=format!("/ideas?wijk={}", project.wijknr)>{move || t(lang.get(), T::IdeaBoard)}</A></p>
            <h1>{project.title.clone()}</h1>
            <p class="status"><strong>{move || labels::project_status(lang.get(), status)}</strong>
                " · " {move || t(lang.get(), T::Deadline)} " " {project.deadline.clone()}</p>
            <p>{move || format!("{} {} {} {}", t(lang.get(), T::Spent), euro(project.spent_cents, lang.get()),
                t(lang.get(), T::OfBudget), euro(project.budget_cents, lang.get()))}</p>
            <div class="spent-bar" aria-hidden="true"><span style=format!("width:{}%", crate::format::fixed(share, 1))></span></div>
            <Show when=move || has_partners>
                <p>{move || t(lang.get(), T::Partners)} ": " {partners.clone()}</p>
            </Show>
            <h2>{move || t(lang.get(), T::Progress)}</h2>
            <ol class="history">
                {updates.into_iter().map(|u| view! {
                    <li>
                        <time datetime=u.at.clone()>{format::date(&u.at)}</time> " "
                        {u.status.map(|s| view! { <strong>{move || labels::project_status(lang.get(), s)}</strong> " " })}
                        {u.body.clone()}
                        {u.photo_url.clone().map(|src| view! { <img class="update-photo" src=src alt=u.body.clone() loading="lazy" /> })}
                    </li>
                }).collect_view()}
            </ol>
        </article>
    }
}

/// `/projects`: every project of the wijkbudget in the city, on a map and in a list, filtered
/// by wijk, round and status.
#[component]
pub fn CityProjectsPage() -> impl IntoView {
    use leptos_router::hooks::{use_navigate, use_query_map};
    use samenstad_types::ListWijkenQuery;
    use samenstad_types::projects::{ProjectStatus, ProjectsQuery};

    use crate::components::map::{Marker, MarkerMap};

    let lang = use_lang();
    let query = use_query_map();
    let navigate = use_navigate();
    Effect::new(move |_| set_title(t(lang.get(), T::CityProjects)));
    let param = move |key: &'static str| move || query.read().get(key).unwrap_or_default();
    let (wijk, round, status) = (param("wijk"), param("round"), param("status"));
    let outlines = LocalResource::new(|| async {
        let client = api::client()?;
        client
            .wijken_geojson(&crate::api::MAP_OUTLINES)
            .await
            .map_err(|e| e.to_string())
    });
    let wijken = LocalResource::new(|| async {
        api::client()?
            .list_wijken(&ListWijkenQuery::default())
            .await
            .map(|p| p.items)
            .map_err(|e| e.to_string())
    });
    let projects = LocalResource::new(move || {
        let q = ProjectsQuery {
            wijk: Some(wijk()).filter(|w| !w.is_empty()),
            round: round().parse().ok(),
            status: Some(status()).filter(|s| !s.is_empty()),
        };
        async move {
            api::client()?
                .list_projects(&q)
                .await
                .map_err(|e| e.to_string())
        }
    });
    let set = move |key: &'static str| {
        let navigate = navigate.clone();
        move |ev: leptos::ev::Event| {
            let value = event_target_value(&ev);
            let mut params: Vec<(String, String)> = ["wijk", "round", "status"]
                .into_iter()
                .filter(|k| *k != key)
                .filter_map(|k| {
                    query
                        .read_untracked()
                        .get(k)
                        .filter(|v| !v.is_empty())
                        .map(|v| (k.to_owned(), v))
                })
                .collect();
            if !value.is_empty() {
                params.push((key.to_owned(), value));
            }
            let search: Vec<String> = params
                .into_iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect();
            let to = if search.is_empty() {
                "/projects".to_owned()
            } else {
                format!("/projects?{}", search.join("&"))
            };
            navigate(&to, Default::default());
        }
    };
    view! {
        <h1>{move || t(lang.get(), T::CityProjects)}</h1>
        <p>{move || t(lang.get(), T::CityProjectsIntro)}</p>
        <fieldset class="filters">
            <legend>{move || t(lang.get(), T::Filters)}</legend>
            <p class="field"><label for="projects-wijk">{move || t(lang.get(), T::Wijk)}</label>
                <select id="projects-wijk" on:change=set("wijk")>
                    <option value="">{move || t(lang.get(), T::AllWijken)}</option>
                    {move || wijken.get().and_then(Result::ok).map(|list| list.into_iter().map(|w| {
                        let nr = w.wijknr.to_string();
                        let selected = nr == wijk();
                        view! { <option value=nr selected=selected>{w.name}</option> }
                    }).collect_view())}
                </select></p>
            <p class="field"><label for="projects-round">{move || t(lang.get(), T::RoundLabel)}</label>
                <select id="projects-round" on:change=set("round")>
                    <option value="">{move || t(lang.get(), T::AllRounds)}</option>
                    {[1i16, 2].into_iter().map(|r| view! {
                        <option value=r.to_string() selected=move || round() == r.to_string()>{move || crate::i18n::round_name(lang.get(), Some(r))}</option>
                    }).collect_view()}
                </select></p>
            <p class="field"><label for="projects-status">{move || t(lang.get(), T::Status)}</label>
                <select id="projects-status" on:change=set("status")>
                    <option value="">{move || t(lang.get(), T::AllStatuses)}</option>
                    {ProjectStatus::ALL.iter().map(|&s| view! {
                        <option value=s.as_str() selected=move || status() == s.as_str()>{move || labels::project_status(lang.get(), s)}</option>
                    }).collect_view()}
                </select></p>
        </fieldset>
        {move || {
            let outlines = outlines.get().and_then(Result::ok)?.features.into_iter().map(|f| f.geometry).collect::<Vec<_>>();
            let markers = projects.get().and_then(Result::ok).unwrap_or_default().into_iter().filter_map(|p| Some(Marker {
                lat: p.lat?, lon: p.lon?, href: format!("/projects/{}", p.id), label: p.title, class: "project-marker",
            })).collect::<Vec<_>>();
            Some(view! { <MarkerMap outlines=outlines markers=markers label=t(lang.get(), T::CityProjects).to_owned() /> })
        }}
        <Transition fallback=move || view! { <p class="loading">{move || t(lang.get(), T::Loading)}</p> }>
            {move || projects.get().map(|r| match r {
                Ok(list) if list.is_empty() => view! { <p>{move || t(lang.get(), T::NoProjects)}</p> }.into_any(),
                Ok(list) => { let n = list.len(); view! {
                    <p class="count">{move || format!("{n} {}", t(lang.get(), T::ProjectsCount))}</p>
                    <ul class="project-list city-projects">{list.into_iter().map(|p| view! { <ProjectLine project=p /> }).collect_view()}</ul>
                }.into_any() },
                Err(e) => view! { <p role="alert">{e}</p> }.into_any(),
            })}
        </Transition>
    }
}
