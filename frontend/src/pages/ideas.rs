//! The wijkbudget in the web app: the programme with its allocation per wijk, the idea board
//! per wijk with a form to submit an idea, and an idea's page with its public history (and,
//! for staff of the wijk, the decision form).

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};
use samenstad_domain::idea::next_statuses;
use samenstad_types::projects::{CreateIdea, Idea, IdeaStatus, ListIdeasQuery, SetIdeaStatus};

use crate::api;
use crate::app::set_title;
use crate::components::follow::FollowControl;
use crate::components::map::{Marker, MarkerMap, PointPicker};
use crate::format::{self, date, euro};
use crate::i18n::{T, t, use_lang};
use crate::labels;
use crate::pages::project::ProjectLine;
use crate::staff::{draft, draft_or};
use crate::state::use_session;
use samenstad_types::follows::FollowKind;

/// `/wijkbudget`: the programme, its rounds and what each wijk gets.
#[component]
pub fn ProgrammePage() -> impl IntoView {
    let lang = use_lang();
    set_title("Wijkbudget");
    let data = LocalResource::new(|| async {
        api::client()?
            .get_programme("wijkbudget")
            .await
            .map_err(|e| e.to_string())
    });
    view! {
        <Transition fallback=move || view! { <p class="loading">{move || t(lang.get(), T::Loading)}</p> }>
            {move || data.get().map(|result| match result {
                Ok(Some(p)) => {
                    let max = p.allocation.cap_cents.max(1) as f64;
                    let rounds = p.rounds.into_iter().map(|r| {
                        let rows = r.wijken.into_iter().map(|w| {
                            let width = format!("{}%", crate::format::fixed(100.0 * w.allocation_cents as f64 / max, 1));
                            view! {
                                <tr>
                                    <th scope="row"><A href=format!("/ideas?wijk={}", w.wijknr)>{w.name.clone()}</A></th>
                                    <td>{move || labels::selection_method(lang.get(), w.selection_method)}</td>
                                    <td class="num">{move || format::integer(w.population, lang.get())}</td>
                                    <td class="num">{crate::format::fixed(w.vulnerability_index, 2)}</td>
                                    <td class="num">{move || euro(w.allocation_cents, lang.get())}</td>
                                    <td class="bar" aria-hidden="true"><span style=format!("width:{width}")></span></td>
                                </tr>
                            }
                        }).collect_view();
                        view! {
                            <section class="round">
                                <h2>{r.name.clone()}</h2>
                                <table class="allocations">
                                    <thead><tr>
                                        <th scope="col">{move || t(lang.get(), T::Wijk)}</th>
                                        <th scope="col">{move || t(lang.get(), T::SelectionMethod)}</th>
                                        <th scope="col">{move || t(lang.get(), T::Population)}</th>
                                        <th scope="col">{move || t(lang.get(), T::VulnerabilityIndex)}</th>
                                        <th scope="col">{move || t(lang.get(), T::Budget)}</th>
                                        <td></td>
                                    </tr></thead>
                                    <tbody>{rows}</tbody>
                                </table>
                            </section>
                        }
                    }).collect_view();
                    view! {
                        <article class="programme">
                            <h1>{p.name.clone()}</h1>
                            <p>{p.description.clone()}</p>
                            <p><A href="/ideas">{move || t(lang.get(), T::IdeaBoard)}</A></p>
                            <p><A href="/projects">{move || t(lang.get(), T::CityProjects)}</A></p>
                            <h2>{move || t(lang.get(), T::HowDivided)}</h2>
                            <p>{p.allocation.formula.clone()}</p>
                            <p class="meta">{move || format!("{} {} · {} {} · {} {}",
                                t(lang.get(), T::Total), euro(p.allocation.total_cents, lang.get()),
                                t(lang.get(), T::BaseAmount), euro(p.allocation.base_cents, lang.get()),
                                t(lang.get(), T::Cap), euro(p.allocation.cap_cents, lang.get()))}</p>
                            {rounds}
                        </article>
                    }.into_any()
                }
                _ => view! { <p role="alert">{move || t(lang.get(), T::LoadFailed)}</p> }.into_any(),
            })}
        </Transition>
    }
}

/// Something of the selected wijk, loaded again when the selection changes; the empty value
/// (no list, no wijk) when none is selected.
fn per_wijk<T, Fut>(
    wijk: impl Fn() -> String + Send + Sync + 'static,
    load: fn(samenstad_client::Client, String) -> Fut,
) -> LocalResource<Result<T, String>>
where
    T: Default + 'static,
    Fut: std::future::Future<Output = Result<T, samenstad_client::Error>> + 'static,
{
    LocalResource::new(move || {
        let wijk = wijk();
        async move {
            if wijk.is_empty() {
                return Ok(T::default());
            }
            load(api::client()?, wijk).await.map_err(|e| e.to_string())
        }
    })
}

/// `/ideas?wijk=N`: the ideas of a wijk (or all), newest first, and a form to add one.
#[component]
pub fn IdeaBoard() -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let log_in_to_submit =
        move || view! { <p><A href="/login">{move || t(lang.get(), T::LogInToSubmit)}</A></p> };
    let query = use_query_map();
    let navigate = use_navigate();
    set_title("Ideeën");
    let wijk = move || query.read().get("wijk").unwrap_or_default();
    let wijken = LocalResource::new(|| async {
        api::client()?.wijk_names().await.map_err(|e| e.to_string())
    });
    let ideas = LocalResource::new(move || {
        let wijk = wijk();
        async move {
            let query = ListIdeasQuery {
                wijk: (!wijk.is_empty()).then_some(wijk),
                limit: Some(100),
                ..Default::default()
            };
            api::client()?
                .list_ideas(&query)
                .await
                .map_err(|e| e.to_string())
        }
    });
    let choose = {
        let navigate = navigate.clone();
        move |ev: leptos::ev::Event| {
            let value = event_target_value(&ev);
            let to = if value.is_empty() {
                "/ideas".to_owned()
            } else {
                format!("/ideas?wijk={value}")
            };
            navigate(&to, Default::default());
        }
    };
    let wijk_options = move |selected: String| {
        wijken.get().and_then(Result::ok).map(|list| {
            list.into_iter()
                .map(|w| {
                    let nr = w.wijknr.to_string();
                    let is = nr == selected;
                    view! { <option value=nr selected=is>{w.name}</option> }
                })
                .collect_view()
        })
    };
    let votes = per_wijk(wijk, |c, w| async move { c.list_votes(&w).await });
    let outline = per_wijk(wijk, |c, w| async move { c.get_wijk(&w).await });
    let proposals = per_wijk(wijk, |c, w| async move { c.list_proposals(&w).await });
    let panels = per_wijk(wijk, |c, w| async move { c.list_panels(&w).await });
    let projects = per_wijk(wijk, |c, w| async move {
        c.list_projects(&samenstad_types::projects::ProjectsQuery {
            wijk: Some(w),
            ..Default::default()
        })
        .await
    });
    // The form.
    let title = RwSignal::new(String::new());
    let body = RwSignal::new(String::new());
    let cost = RwSignal::new(String::new());
    let form_wijk = RwSignal::new(String::new());
    let point = RwSignal::new(None::<(f64, f64)>);
    let message = RwSignal::new(None::<String>);
    Effect::new(move || form_wijk.set(wijk()));
    Effect::new(move || {
        form_wijk.track();
        point.set(None);
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let navigate = navigate.clone();
        let cost = cost
            .get_untracked()
            .trim()
            .replace(['.', ' '], "")
            .replace(',', ".");
        let estimated_cost_cents = if cost.is_empty() {
            None
        } else {
            match cost.parse::<f64>() {
                Ok(euros) if euros >= 0.0 => Some((euros * 100.0).round() as i64),
                _ => {
                    message.set(Some(t(lang.get_untracked(), T::CostInvalid).to_owned()));
                    return;
                }
            }
        };
        let request = CreateIdea {
            title: title.get_untracked().trim().to_owned(),
            body: body.get_untracked().trim().to_owned(),
            wijk: Some(form_wijk.get_untracked()).filter(|w| !w.is_empty()),
            lat: point.get_untracked().map(|p| p.0),
            lon: point.get_untracked().map(|p| p.1),
            estimated_cost_cents,
            ..Default::default()
        };
        spawn_local(async move {
            let result = match api::authed(&session) {
                Ok(client) => client
                    .create_idea(&request)
                    .await
                    .map_err(|e| e.to_string()),
                Err(e) => Err(e),
            };
            match result {
                Ok(idea) => navigate(&format!("/ideas/{}", idea.id), Default::default()),
                Err(e) => message.set(Some(e)),
            }
        });
    };
    view! {
        <h1>{move || t(lang.get(), T::IdeaBoard)}</h1>
        <p><A href="/wijkbudget">{move || t(lang.get(), T::AboutWijkbudget)}</A></p>
        <p class="field">
            <label for="idea-wijk-filter">{move || t(lang.get(), T::Wijk)}</label>
            <select id="idea-wijk-filter" on:change=choose>
                <option value="">{move || t(lang.get(), T::AllWijken)}</option>
                {move || wijk_options(wijk())}
            </select>
        </p>
        {move || projects.get().and_then(Result::ok).filter(|l| !l.is_empty()).map(|list| view! {
            <section class="projects">
                <h2>{move || t(lang.get(), T::ProjectsInWijk)}</h2>
                <ul class="project-list">{list.into_iter().map(|p| view! { <ProjectLine project=p /> }).collect_view()}</ul>
            </section>
        })}
        {move || proposals.get().and_then(Result::ok).filter(|l| !l.is_empty()).map(|list| view! {
            <section class="proposals">
                <h2>{move || t(lang.get(), T::ProposalsInWijk)}</h2>
                <ul class="project-list">{list.into_iter().map(|p| view! {
                    <li><A href=format!("/proposals/{}", p.id)>{p.title.clone()}</A></li>
                }).collect_view()}</ul>
            </section>
        })}
        {move || panels.get().and_then(Result::ok).map(|list| list.into_iter().map(|p| view! {
            <p class="panel-link"><A href=format!("/panels/{}", p.id)>{move || t(lang.get(), T::PanelLink)}</A></p>
        }).collect_view())}
        {move || votes.get().and_then(Result::ok).map(|list| list.into_iter().map(|v| view! {
            <p class="vote-link"><A href=format!("/votes/{}", v.id)>{move || t(lang.get(), T::VoteLink)} " (" {move || labels::vote_state(lang.get(), v.state)} ")"</A></p>
        }).collect_view())}
        {move || {
            let boundary = outline.get().and_then(Result::ok).flatten()?.boundary;
            let mut markers: Vec<Marker> = ideas
                .get()
                .and_then(Result::ok)
                .map(|page| page.items.into_iter().filter_map(|i| Some(Marker {
                    lat: i.lat?, lon: i.lon?, href: format!("/ideas/{}", i.id), label: i.title, class: "idea-marker",
                })).collect())
                .unwrap_or_default();
            markers.extend(projects.get().and_then(Result::ok).unwrap_or_default().into_iter().filter_map(|p| Some(Marker {
                lat: p.lat?, lon: p.lon?, href: format!("/projects/{}", p.id), label: p.title, class: "project-marker",
            })));
            Some(view! { <MarkerMap outlines=vec![boundary] markers=markers label=t(lang.get(), T::IdeaMap).to_owned() /> })
        }}
        <Transition fallback=move || view! { <p class="loading">{move || t(lang.get(), T::Loading)}</p> }>
            {move || ideas.get().map(|r| match r {
                Ok(page) if page.items.is_empty() => view! { <p>{move || t(lang.get(), T::NoIdeasYet)}</p> }.into_any(),
                Ok(page) => view! {
                    <ul class="idea-list">
                        {page.items.into_iter().map(|i| view! { <IdeaCard idea=i /> }).collect_view()}
                    </ul>
                }.into_any(),
                Err(e) => view! { <p role="alert">{e}</p> }.into_any(),
            })}
        </Transition>
        <section class="new-idea">
            <h2>{move || t(lang.get(), T::NewIdea)}</h2>
            {crate::app::signed_in_or(|| view! {
                <Show when=move || session.me.get().is_some() fallback=log_in_to_submit>
                    <form class="idea-form" on:submit=submit.clone()>
                        <p class="field"><label for="idea-title">{move || t(lang.get(), T::IdeaTitle)}</label>
                            <input id="idea-title" required=true minlength="3" maxlength="120" prop:value=title on:input=move |ev| title.set(event_target_value(&ev)) /></p>
                        <p class="field"><label for="idea-body">{move || t(lang.get(), T::IdeaBody)}</label>
                            <textarea id="idea-body" required=true minlength="10" maxlength="5000" rows="5" prop:value=body on:input=move |ev| body.set(event_target_value(&ev))></textarea></p>
                        <p class="field"><label for="idea-wijk">{move || t(lang.get(), T::Wijk)}</label>
                            <select id="idea-wijk" required=true on:change=move |ev| form_wijk.set(event_target_value(&ev))>
                                <option value="">{move || t(lang.get(), T::ChooseWijk)}</option>
                                {move || wijk_options(form_wijk.get())}
                            </select></p>
                        {move || {
                            // The picker follows the form's wijk when it is the board's wijk (whose
                            // outline is loaded); the point is dropped when the wijk changes.
                            let detail = outline.get().and_then(Result::ok).flatten()?;
                            if detail.wijk.wijknr.to_string() != form_wijk.get() {
                                return None;
                            }
                            Some(view! {
                                <div class="field">
                                    <p class="label">{move || t(lang.get(), T::IdeaPlace)}</p>
                                    <PointPicker outline=detail.boundary centre=(detail.wijk.centroid.lat, detail.wijk.centroid.lon) point=point
                                        label=t(lang.get_untracked(), T::IdeaPlace).to_owned() help=t(lang.get_untracked(), T::IdeaPlaceHelp).to_owned() help_id="idea-place-help" />
                                    {move || point.get().map(|_| view! {
                                        <button type="button" on:click=move |_| point.set(None)>{move || t(lang.get(), T::RemovePoint)}</button>
                                    })}
                                </div>
                            })
                        }}
                        <p class="field"><label for="idea-cost">{move || t(lang.get(), T::EstimatedCost)}</label>
                            <input id="idea-cost" inputmode="decimal" prop:value=cost on:input=move |ev| cost.set(event_target_value(&ev)) /></p>
                        {move || message.get().map(|m| view! { <p class="error" role="alert">{m}</p> })}
                        <button type="submit">{move || t(lang.get(), T::SubmitIdea)}</button>
                    </form>
                </Show>
            }, log_in_to_submit)}
        </section>
    }
}

#[component]
fn IdeaCard(idea: Idea) -> impl IntoView {
    let lang = use_lang();
    let status = idea.status;
    view! {
        <li class=format!("idea status-{}", idea.status)>
            <A href=format!("/ideas/{}", idea.id)>{idea.title.clone()}</A>
            <span class="status">{move || labels::idea_status(lang.get(), status)}</span>
            <span class="meta">{format!("{} · {} ♥", date(&idea.created_at), idea.supporters)}</span>
        </li>
    }
}

/// `/ideas/:id`: an idea with its history; support it; staff decide.
#[component]
pub fn IdeaPage() -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let params = use_params_map();
    let id = move || params.read().get("id").unwrap_or_default();
    let version = RwSignal::new(0u32);
    let data = LocalResource::new(move || {
        version.track();
        let id = id();
        let client = api::tracked(&session).or_else(|_| api::client());
        async move { client?.get_idea(&id).await.map_err(|e| e.to_string()) }
    });
    view! {
        <p><A href="/ideas">{move || t(lang.get(), T::IdeaBoard)}</A></p>
        <Transition fallback=move || view! { <p class="loading">{move || t(lang.get(), T::Loading)}</p> }>
            {move || data.get().map(|r| match r {
                Ok(Some(idea)) => view! { <IdeaView idea=idea version=version /> }.into_any(),
                Ok(None) => view! { <p role="alert">{move || t(lang.get(), T::NotFoundTitle)}</p> }.into_any(),
                Err(e) => view! { <p role="alert">{e}</p> }.into_any(),
            })}
        </Transition>
    }
}

#[component]
fn IdeaView(idea: Idea, version: RwSignal<u32>) -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    set_title(if idea.title.is_empty() {
        "Idee"
    } else {
        &idea.title
    });
    let message = RwSignal::new(None::<String>);
    let id = idea.id.clone();
    let supported = idea.supported;
    let toggle = {
        let id = id.clone();
        move |_| {
            let id = id.clone();
            spawn_local(async move {
                let result = match api::authed(&session) {
                    Ok(c) => c
                        .support_idea(&id, !supported)
                        .await
                        .map_err(|e| e.to_string()),
                    Err(e) => Err(e),
                };
                match result {
                    Ok(_) => version.update(|v| *v += 1),
                    Err(e) => message.set(Some(e)),
                }
            });
        }
    };
    // Reactive: the session may still be loading when the page first renders.
    let wijknr = idea.wijknr;
    let staff = move || {
        session.me.get().is_some_and(|me| {
            me.roles
                .iter()
                .any(|r| r.role == "admin" || (r.role == "wijk_staff" && r.wijknr == Some(wijknr)))
        })
    };
    let form_id = id.clone();
    let photo_id = id.clone();
    let status = idea.status;
    let events = idea.events.clone().unwrap_or_default();
    view! {
        <article class="idea-page">
            <h1>{if idea.title.is_empty() { t(lang.get_untracked(), T::HiddenIdea).to_owned() } else { idea.title.clone() }}</h1>
            <p class="meta">
                <A href=format!("/ideas?wijk={}", idea.wijknr)>{format!("{} {}", t(lang.get_untracked(), T::Wijk), idea.wijknr)}</A>
                {idea.organisation.clone().map(|o| format!(" · {o}"))}
                {format!(" · {}", date(&idea.created_at))}
            </p>
            <FollowControl kind=FollowKind::Idea target=idea.id.clone() />
            <p class=format!("status status-{}", idea.status)>
                <strong>{move || labels::idea_status(lang.get(), status)}</strong>
                {idea.status_reason.clone().map(|r| format!(": {r}"))}
                {idea.referred_to.clone().map(|s| format!(" ({s})"))}
            </p>
            {idea.merged_into.clone().map(|m| view! { <p><A href=format!("/ideas/{m}")>{move || t(lang.get(), T::MergedInto)}</A></p> })}
            {idea.hidden_reason.clone().map(|r| view! { <p class="notice">{move || t(lang.get(), T::HiddenBecause)} " " {r.clone()}</p> })}
            {idea.image_url.clone().map(|src| view! { <img class="idea-photo" src=src alt=idea.title.clone() /> })}
            <p class="idea-body">{idea.body.clone()}</p>
            {crate::app::signed_in(|| view! { {move || (idea.mine || staff()).then(|| view! { <PhotoForm id=photo_id.clone() version=version /> })} })}
            {idea.estimated_cost_cents.map(|c| view! { <p>{move || t(lang.get(), T::EstimatedCost)} ": " {move || euro(c, lang.get())}</p> })}
            <p class="support">
                <span class="supporters">{format!("{} ", idea.supporters)} {move || t(lang.get(), T::Supporters)}</span>
                <Show when=move || session.me.get().is_some() && idea.hidden_reason.is_none()>
                    <button type="button" aria-pressed=supported.to_string() on:click=toggle.clone()>
                        {move || t(lang.get(), if supported { T::WithdrawSupport } else { T::Support })}
                    </button>
                </Show>
            </p>
            {move || message.get().map(|m| view! { <p class="error" role="alert">{m}</p> })}
            <h2>{move || t(lang.get(), T::History)}</h2>
            <ol class="history">
                {events.into_iter().map(|e| {
                    let what = match e.status {
                        Some(s) => labels::idea_status(lang.get_untracked(), s),
                        None => t(lang.get_untracked(), match e.kind.as_str() {
                            "hidden" => T::Hidden,
                            "shown" => T::Shown,
                            _ => T::Submitted,
                        }).to_owned(),
                    };
                    view! { <li><time datetime=e.at.clone()>{date(&e.at)}</time> " " <strong>{what}</strong> {e.reason.map(|r| format!(": {r}"))}</li> }
                }).collect_view()}
            </ol>
            {crate::app::signed_in(|| view! { {move || staff().then(|| view! { <DecisionForm id=form_id.clone() current=status version=version /> })} })}
        </article>
    }
}

/// Staff: set the idea's status with a reason.
#[component]
fn DecisionForm(id: String, current: IdeaStatus, version: RwSignal<u32>) -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    // Drafts: what staff chose and typed survives the page redrawing (the idea reloads once the
    // session is restored) and a reload.
    let status = draft_or(
        format!("idea.{id}.decision.status"),
        "in_dialogue".to_owned(),
    );
    let reason = draft(format!("idea.{id}.decision.reason"));
    let service = draft(format!("idea.{id}.decision.service"));
    let message = RwSignal::new(None::<String>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let id = id.clone();
        let body = SetIdeaStatus {
            status: status.get_untracked(),
            reason: Some(reason.get_untracked()).filter(|r| !r.trim().is_empty()),
            merged_into: None,
            referred_to: Some(service.get_untracked()).filter(|s| !s.trim().is_empty()),
        };
        spawn_local(async move {
            let result = match api::authed(&session) {
                Ok(c) => c
                    .set_idea_status(&id, &body)
                    .await
                    .map_err(|e| e.to_string()),
                Err(e) => Err(e),
            };
            match result {
                Ok(_) => {
                    for draft in [status, reason, service] {
                        draft.set(String::new());
                    }
                    version.update(|v| *v += 1);
                }
                Err(e) => message.set(Some(e)),
            }
        });
    };
    view! {
        <form class="decision-form" on:submit=submit>
            <h2>{move || t(lang.get(), T::Decide)}</h2>
            <p class="field"><label for="idea-status">{move || t(lang.get(), T::Status)}</label>
                <select id="idea-status" on:change=move |ev| status.set(event_target_value(&ev))>
                    {next_statuses(current).filter(|&s| s != IdeaStatus::Merged).map(|s| view! {
                        <option value=s.as_str() selected=move || status.get() == s.as_str()>{move || labels::idea_status(lang.get(), s)}</option>
                    }).collect_view()}
                </select></p>
            <p class="field"><label for="idea-reason">{move || t(lang.get(), T::ReasonForResidents)}</label>
                <textarea id="idea-reason" rows="3" prop:value=reason on:input=move |ev| reason.set(event_target_value(&ev))></textarea></p>
            <Show when=move || status.get() == "referred">
                <p class="field"><label for="idea-service">{move || t(lang.get(), T::CityService)}</label>
                    <input id="idea-service" prop:value=service on:input=move |ev| service.set(event_target_value(&ev)) /></p>
            </Show>
            {move || message.get().map(|m| view! { <p class="error" role="alert">{m}</p> })}
            <button type="submit">{move || t(lang.get(), T::SaveDecision)}</button>
        </form>
    }
}

/// The author (or staff): add or replace the idea's photo.
#[component]
fn PhotoForm(id: String, version: RwSignal<u32>) -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let message = RwSignal::new(None::<String>);
    let upload = move |ev: leptos::ev::Event| {
        let id = id.clone();
        crate::upload::send_chosen_photo(
            &ev,
            session,
            message,
            t(lang.get_untracked(), T::LoadFailed).to_owned(),
            move |c, content_type, bytes| async move {
                c.set_idea_image(&id, &content_type, bytes).await
            },
            move |_| version.update(|v| *v += 1),
        );
    };
    view! {
        <p class="field photo-form">
            <label for="idea-photo">{move || t(lang.get(), T::AddPhoto)}</label>
            <input id="idea-photo" type="file" accept="image/jpeg,image/png,image/webp" on:change=upload />
            {move || message.get().map(|m| view! { <span class="error" role="alert">{m}</span> })}
        </p>
    }
}
