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
    let status = project.status.clone();
    view! {
        <li class=format!("project status-{}", project.status)>
            <A href=format!("/projects/{}", project.id)>{project.title.clone()}</A>
            " · " <span class="status">{move || labels::project_status(lang.get(), &status)}</span>
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
    let status = project.status.clone();
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
            <p class="status"><strong>{move || labels::project_status(lang.get(), &status)}</strong>
                " · " {move || t(lang.get(), T::Deadline)} " " {project.deadline.clone()}</p>
            <p>{move || format!("{} {} {} {}", t(lang.get(), T::Spent), euro(project.spent_cents, lang.get()),
                t(lang.get(), T::OfBudget), euro(project.budget_cents, lang.get()))}</p>
            <div class="spent-bar" aria-hidden="true"><span style=format!("width:{share:.1}%")></span></div>
            <Show when=move || has_partners>
                <p>{move || t(lang.get(), T::Partners)} ": " {partners.clone()}</p>
            </Show>
            <h2>{move || t(lang.get(), T::Progress)}</h2>
            <ol class="history">
                {updates.into_iter().map(|u| view! {
                    <li>
                        <time datetime=u.at.clone()>{format::date(&u.at)}</time> " "
                        {u.status.clone().map(|s| view! { <strong>{move || labels::project_status(lang.get(), &s)}</strong> " " })}
                        {u.body.clone()}
                        {u.photo_url.clone().map(|src| view! { <img class="update-photo" src=src alt=u.body.clone() loading="lazy" /> })}
                    </li>
                }).collect_view()}
            </ol>
        </article>
    }
}
