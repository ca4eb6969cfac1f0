//! `/staff/projects?wijk=N`: the wijk's projects in realisation: status, budget spent,
//! partners and progress updates with a photo. They appear on the project's page and on the
//! city-wide project map (`/projects`).

use leptos::prelude::*;
use leptos_router::components::A;
use samenstad_types::projects::{CreateProjectUpdate, Project, ProjectStatus, ProjectsQuery};

use super::{
    Access, Closed, Problem, StaffNav, WijkPicker, access, act, chosen_wijk, draft, draft_or,
    is_staff, my_wijken, pick, tx,
};
use crate::api;
use crate::app::set_title;
use crate::format::{euro, euro_input, parse_euro};
use crate::i18n::use_lang;
use crate::labels;
use crate::state::use_session;

/// `/staff/projects`.
#[component]
pub fn ProjectsStaffPage() -> impl IntoView {
    super::provide_notice();
    let lang = use_lang();
    Effect::new(move |_| set_title(pick(lang.get(), "Projecten", "Projects")));
    let allowed = access(is_staff);
    let wijken = my_wijken();
    let wijk = chosen_wijk(wijken);
    let version = RwSignal::new(0u32);
    let data = LocalResource::new(move || {
        version.track();
        let wijk = wijk.get();
        async move {
            if wijk.is_empty() {
                return Ok(Vec::new());
            }
            let query = ProjectsQuery {
                wijk: Some(wijk),
                ..Default::default()
            };
            api::client()?
                .list_projects(&query)
                .await
                .map_err(|e| e.to_string())
        }
    });
    view! {
        <h1>{tx("Projecten in uitvoering", "Projects being realised")}</h1>
        <StaffNav />
        {move || match allowed() {
            Access::Open => view! {
                <WijkPicker path="/staff/projects" wijken=wijken wijk=wijk />
                <p><A href="/projects">{tx("Alle projecten op de kaart van de stad", "Every project on the city map")}</A></p>
                <Transition fallback=move || view! { <p class="loading">{tx("Laden…", "Loading…")}</p> }>
                    {move || data.get().map(|r| match r {
                        Ok(_) if wijk.get().is_empty() => view! { <p>{tx("Kies eerst een wijk.", "Choose a wijk first.")}</p> }.into_any(),
                        Ok(list) if list.is_empty() => view! { <p>{tx("Deze wijk heeft nog geen projecten.", "This wijk has no projects yet.")}</p> }.into_any(),
                        Ok(list) => list.into_iter().map(|p| view! { <ProjectItem project=p version=version /> }).collect_view().into_any(),
                        Err(e) => view! { <p role="alert">{e}</p> }.into_any(),
                    })}
                </Transition>
            }.into_any(),
            other => view! { <Closed access=other /> }.into_any(),
        }}
    }
}

#[component]
fn ProjectItem(project: Project, version: RwSignal<u32>) -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let key = format!("project.{}", project.id);
    let body = draft(format!("{key}.body"));
    let status = RwSignal::new(project.status.as_str().to_owned());
    let spent = draft_or(format!("{key}.spent"), euro_input(project.spent_cents));
    let partners = draft_or(format!("{key}.partners"), project.partners.join(", "));
    let photo = draft(format!("{key}.photo"));
    let message = RwSignal::new(None::<String>);
    let saved = super::notice();
    let id = project.id.clone();
    let was = (
        project.status.as_str().to_owned(),
        project.spent_cents,
        project.partners.clone(),
    );
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(spent_cents) = parse_euro(&spent.get_untracked()) else {
            message.set(Some(
                pick(
                    lang.get_untracked(),
                    "Uitgegeven is een bedrag in euro.",
                    "Spent is an amount in euro.",
                )
                .to_owned(),
            ));
            return;
        };
        let list: Vec<String> = partners
            .get_untracked()
            .split(',')
            .map(|p| p.trim().to_owned())
            .filter(|p| !p.is_empty())
            .collect();
        let s = status.get_untracked();
        let request = CreateProjectUpdate {
            body: body.get_untracked().trim().to_owned(),
            status: (s != was.0).then_some(s),
            spent_cents: (spent_cents != was.1).then_some(spent_cents),
            photo_url: Some(photo.get_untracked().trim().to_owned()).filter(|p| !p.is_empty()),
            partners: (list != was.2).then_some(list),
        };
        let id = id.clone();
        act(
            session,
            message,
            move |c| async move { c.post_project_update(&id, &request).await },
            move |_| {
                for s in [body, spent, partners, photo] {
                    s.set(String::new());
                }
                saved.set(Some(
                    pick(
                        lang.get_untracked(),
                        "Voortgang gepubliceerd.",
                        "Progress published.",
                    )
                    .to_owned(),
                ));
                version.update(|v| *v += 1);
            },
        );
    };
    let current = project.status;
    view! {
        <article class="staff-project">
            <h2><A href=format!("/projects/{}", project.id)>{project.title.clone()}</A></h2>
            <p class="meta">
                {move || labels::project_status(lang.get(), current)}
                " · " {move || format!("{} / {}", euro(project.spent_cents, lang.get()), euro(project.budget_cents, lang.get()))}
                {format!(" · {}", project.deadline)}
            </p>
            <form class="staff-form" on:submit=submit>
                <p class="field"><label for=format!("{key}-body")>{tx("Wat is er gebeurd? (publiek)", "What happened? (public)")}</label>
                    <textarea id=format!("{key}-body") required=true minlength="3" rows="3" prop:value=body on:input=move |ev| body.set(event_target_value(&ev))></textarea></p>
                <p class="field"><label for=format!("{key}-status")>{tx("Status", "Status")}</label>
                    <select id=format!("{key}-status") on:change=move |ev| status.set(event_target_value(&ev))>
                        {ProjectStatus::ALL.iter().map(|&s| view! {
                            <option value=s.as_str() selected=s == current>{move || labels::project_status(lang.get(), s)}</option>
                        }).collect_view()}
                    </select></p>
                <p class="field"><label for=format!("{key}-spent")>{tx("Uitgegeven tot nu (€)", "Spent so far (€)")}</label>
                    <input id=format!("{key}-spent") inputmode="decimal" required=true prop:value=spent on:input=move |ev| spent.set(event_target_value(&ev)) /></p>
                <p class="field"><label for=format!("{key}-partners")>{tx("Partners (gescheiden door komma's)", "Partners (separated by commas)")}</label>
                    <input id=format!("{key}-partners") prop:value=partners on:input=move |ev| partners.set(event_target_value(&ev)) /></p>
                <p class="field"><label for=format!("{key}-photo")>{tx("Foto (https-adres, optioneel)", "Photo (https address, optional)")}</label>
                    <input id=format!("{key}-photo") type="url" prop:value=photo on:input=move |ev| photo.set(event_target_value(&ev)) /></p>
                <Problem message=message />
                <button type="submit">{tx("Voortgang publiceren", "Publish progress")}</button>
            </form>
        </article>
    }
}
