//! `/staff/ideas?wijk=N`: the ideas inbox of a wijk. Filter by status, channel and date; set the
//! public status with a reason (in dialogue, into a proposal, merged into another idea,
//! referred to a named service, not retained); hide and show with a public reason; remove a
//! photo; enter an idea that came in on paper, by phone, at a buurtpunt or at an event.

use leptos::prelude::*;
use leptos_router::components::A;
use samenstad_domain::idea::next_statuses;
use samenstad_types::projects::{
    CreateIdea, Idea, IdeaChannel, IdeaStatus, ListIdeasQuery, SetIdeaStatus,
};

use super::{
    Access, Closed, Problem, StaffNav, WijkPicker, access, act, chosen_wijk, draft, is_staff,
    my_wijken, pick, tx,
};
use crate::api;
use crate::app::set_title;
use crate::format::{date, parse_euro};
use crate::i18n::use_lang;
use crate::labels;
use crate::state::use_session;

/// `/staff/ideas`.
#[component]
pub fn IdeasInbox() -> impl IntoView {
    super::provide_notice();
    let lang = use_lang();
    let session = use_session();
    Effect::new(move |_| set_title(pick(lang.get(), "Ideeën-inbox", "Ideas inbox")));
    let allowed = access(is_staff);
    let wijken = my_wijken();
    let wijk = chosen_wijk(wijken);
    let status = RwSignal::new(String::new());
    let channel = RwSignal::new(String::new());
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    let hidden = RwSignal::new(false);
    let version = RwSignal::new(0u32);
    let ideas = LocalResource::new(move || {
        version.track();
        let query = ListIdeasQuery {
            wijk: Some(wijk.get()).filter(|w| !w.is_empty()),
            status: Some(status.get()).filter(|s| !s.is_empty()),
            channel: Some(channel.get()).filter(|s| !s.is_empty()),
            from: Some(from.get()).filter(|s| !s.is_empty()),
            to: Some(to.get()).filter(|s| !s.is_empty()),
            hidden: hidden.get().then_some(true),
            limit: Some(100),
            ..Default::default()
        };
        let client = api::tracked(&session);
        async move {
            if query.wijk.is_none() {
                return Ok(Vec::new());
            }
            client?
                .list_ideas(&query)
                .await
                .map(|p| p.items)
                .map_err(|e| e.to_string())
        }
    });
    view! {
        <h1>{tx("Ideeën-inbox", "Ideas inbox")}</h1>
        <StaffNav />
        {move || match allowed() {
            Access::Open => view! {
                <WijkPicker path="/staff/ideas" wijken=wijken wijk=wijk />
                <Show when=move || !wijk.get().is_empty() fallback=|| view! { <p>{tx("Kies eerst een wijk.", "Choose a wijk first.")}</p> }>
                    <PaperIdea wijk=wijk version=version />
                    <fieldset class="filters">
                        <legend>{tx("Filters", "Filters")}</legend>
                        <p class="field"><label for="inbox-status">{tx("Status", "Status")}</label>
                            <select id="inbox-status" on:change=move |ev| status.set(event_target_value(&ev))>
                                <option value="">{tx("Alle", "All")}</option>
                                {IdeaStatus::ALL.iter().map(|&s| view! { <option value=s.as_str()>{move || labels::idea_status(lang.get(), s)}</option> }).collect_view()}
                            </select></p>
                        <p class="field"><label for="inbox-channel">{tx("Kanaal", "Channel")}</label>
                            <select id="inbox-channel" on:change=move |ev| channel.set(event_target_value(&ev))>
                                <option value="">{tx("Alle", "All")}</option>
                                {IdeaChannel::ALL.iter().map(|&c| view! { <option value=c.as_str()>{move || labels::idea_channel(lang.get(), c)}</option> }).collect_view()}
                            </select></p>
                        <p class="field"><label for="inbox-from">{tx("Vanaf", "From")}</label>
                            <input id="inbox-from" type="date" prop:value=from on:change=move |ev| from.set(event_target_value(&ev)) /></p>
                        <p class="field"><label for="inbox-to">{tx("Tot en met", "Up to")}</label>
                            <input id="inbox-to" type="date" prop:value=to on:change=move |ev| to.set(event_target_value(&ev)) /></p>
                        <p class="field checkbox"><input id="inbox-hidden" type="checkbox" prop:checked=hidden on:change=move |ev| hidden.set(event_target_checked(&ev)) />
                            <label for="inbox-hidden">{tx("Alleen verborgen ideeën", "Only hidden ideas")}</label></p>
                    </fieldset>
                    <Transition fallback=move || view! { <p class="loading">{tx("Laden…", "Loading…")}</p> }>
                        {move || ideas.get().map(|r| match r {
                            Ok(list) if list.is_empty() => view! { <p>{tx("Geen ideeën met deze filters.", "No ideas with these filters.")}</p> }.into_any(),
                            Ok(list) => {
                                let others = StoredValue::new(list.iter().map(|i| (i.id.clone(), i.title.clone())).collect::<Vec<_>>());
                                view! {
                                    <ul class="inbox">
                                        {list.into_iter().map(|i| view! { <InboxItem idea=i others=others version=version /> }).collect_view()}
                                    </ul>
                                }.into_any()
                            }
                            Err(e) => view! { <p role="alert">{e}</p> }.into_any(),
                        })}
                    </Transition>
                </Show>
            }.into_any(),
            other => view! { <Closed access=other /> }.into_any(),
        }}
    }
}

/// An idea that came in on paper, by phone, at a buurtpunt or at an event.
#[component]
fn PaperIdea(wijk: Memo<String>, version: RwSignal<u32>) -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let title = draft("paper-idea.title");
    let body = draft("paper-idea.body");
    let name = draft("paper-idea.name");
    let contact = draft("paper-idea.contact");
    let cost = draft("paper-idea.cost");
    let channel = RwSignal::new("paper".to_owned());
    let message = RwSignal::new(None::<String>);
    let saved = super::notice();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        saved.set(None);
        let cost_text = cost.get_untracked();
        let estimated_cost_cents = if cost_text.trim().is_empty() {
            None
        } else if let Some(c) = parse_euro(&cost_text) {
            Some(c)
        } else {
            message.set(Some(
                pick(
                    lang.get_untracked(),
                    "De kostprijs is een bedrag in euro.",
                    "The cost is an amount in euro.",
                )
                .to_owned(),
            ));
            return;
        };
        let request = CreateIdea {
            title: title.get_untracked().trim().to_owned(),
            body: body.get_untracked().trim().to_owned(),
            wijk: Some(wijk.get_untracked()),
            estimated_cost_cents,
            channel: Some(channel.get_untracked()),
            submitter_name: Some(name.get_untracked().trim().to_owned()).filter(|n| !n.is_empty()),
            contact: Some(contact.get_untracked().trim().to_owned()).filter(|n| !n.is_empty()),
            ..Default::default()
        };
        act(
            session,
            message,
            move |c| async move { c.create_idea(&request).await },
            move |idea| {
                for field in [title, body, name, contact, cost] {
                    field.set(String::new());
                }
                saved.set(Some(format!(
                    "{} «{}»",
                    pick(lang.get_untracked(), "Ingevoerd:", "Entered:"),
                    idea.title
                )));
                version.update(|v| *v += 1);
            },
        );
    };
    view! {
        <details class="paper-idea">
            <summary>{tx("Een idee invoeren dat niet online binnenkwam", "Enter an idea that did not come in online")}</summary>
            <form class="staff-form" on:submit=submit>
                <p class="field"><label for="paper-channel">{tx("Hoe kwam het binnen?", "How did it come in?")}</label>
                    <select id="paper-channel" on:change=move |ev| channel.set(event_target_value(&ev))>
                        {IdeaChannel::ALL.iter().filter(|&&c| c != IdeaChannel::Online).map(|&c| view! { <option value=c.as_str()>{move || labels::idea_channel(lang.get(), c)}</option> }).collect_view()}
                    </select></p>
                <p class="field"><label for="paper-name">{tx("Naam van de indiener", "Submitter's name")}</label>
                    <input id="paper-name" required=true maxlength="100" prop:value=name on:input=move |ev| name.set(event_target_value(&ev)) /></p>
                <p class="field"><label for="paper-contact">{tx("Contact (niet publiek, optioneel)", "Contact (not public, optional)")}</label>
                    <input id="paper-contact" maxlength="200" prop:value=contact on:input=move |ev| contact.set(event_target_value(&ev)) /></p>
                <p class="field"><label for="paper-title">{tx("Titel van het idee", "Title of the idea")}</label>
                    <input id="paper-title" required=true minlength="3" maxlength="120" prop:value=title on:input=move |ev| title.set(event_target_value(&ev)) /></p>
                <p class="field"><label for="paper-body">{tx("Het idee", "The idea")}</label>
                    <textarea id="paper-body" required=true minlength="10" maxlength="5000" rows="4" prop:value=body on:input=move |ev| body.set(event_target_value(&ev))></textarea></p>
                <p class="field"><label for="paper-cost">{tx("Geschatte kost in euro (optioneel)", "Estimated cost in euro (optional)")}</label>
                    <input id="paper-cost" inputmode="decimal" prop:value=cost on:input=move |ev| cost.set(event_target_value(&ev)) /></p>
                <Problem message=message />
                <button type="submit">{tx("Idee invoeren", "Enter idea")}</button>
            </form>
        </details>
    }
}

/// One idea of the inbox with its actions.
#[component]
fn InboxItem(
    idea: Idea,
    others: StoredValue<Vec<(String, String)>>,
    version: RwSignal<u32>,
) -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let id = StoredValue::new(idea.id.clone());
    let status = RwSignal::new(idea.status.as_str().to_owned());
    let reason = draft(format!("idea.{}.reason", idea.id));
    let service = draft(format!("idea.{}.service", idea.id));
    let merged_into = RwSignal::new(String::new());
    let hide_reason = draft(format!("idea.{}.hide", idea.id));
    let message = RwSignal::new(None::<String>);
    let saved = super::notice();
    let done = move |text: (&'static str, &'static str)| {
        move |_| {
            saved.set(Some(pick(lang.get_untracked(), text.0, text.1).to_owned()));
            version.update(|v| *v += 1);
        }
    };
    let set_status = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let s = status.get_untracked();
        let body = SetIdeaStatus {
            reason: Some(reason.get_untracked().trim().to_owned()).filter(|r| !r.is_empty()),
            merged_into: (s == "merged")
                .then(|| merged_into.get_untracked())
                .filter(|m| !m.is_empty()),
            referred_to: (s == "referred")
                .then(|| service.get_untracked().trim().to_owned())
                .filter(|m| !m.is_empty()),
            status: s,
        };
        let id = id.get_value();
        act(
            session,
            message,
            move |c| async move { c.set_idea_status(&id, &body).await },
            move |i| {
                reason.set(String::new());
                service.set(String::new());
                done(("Status bewaard.", "Status saved."))(i);
            },
        );
    };
    let hidden = idea.hidden_reason.is_some();
    let moderate = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let id = id.get_value();
        let why = hide_reason.get_untracked().trim().to_owned();
        act(
            session,
            message,
            move |c| async move {
                c.moderate_idea(&id, (!hidden).then_some(why.as_str()))
                    .await
            },
            move |i| {
                hide_reason.set(String::new());
                done(if hidden {
                    ("Weer zichtbaar.", "Visible again.")
                } else {
                    ("Verborgen.", "Hidden.")
                })(i);
            },
        );
    };
    let remove_photo = move |_| {
        let id = id.get_value();
        act(
            session,
            message,
            move |c| async move { c.remove_idea_image(&id).await },
            done(("Foto verwijderd.", "Photo removed.")),
        );
    };
    let key = idea.id.clone();
    let shown_title = if idea.title.is_empty() {
        pick(lang.get_untracked(), "(verborgen idee)", "(hidden idea)").to_owned()
    } else {
        idea.title.clone()
    };
    let (current, channel) = (idea.status, idea.channel);
    let handle_label = format!(": {shown_title}");
    let submitter = idea.submitter_name.clone().map(|n| match &idea.contact {
        Some(c) => format!("{n} ({c})"),
        None => n,
    });
    view! {
        <li class=format!("inbox-item status-{}", idea.status)>
            <h2 class="idea-title">
                <A href=format!("/ideas/{}", idea.id)>{shown_title.clone()}</A>
            </h2>
            <p class="meta">
                {move || labels::idea_status(lang.get(), current)}
                " · " {move || labels::idea_channel(lang.get(), channel)}
                {format!(" · {} · {} ♥", date(&idea.created_at), idea.supporters)}
                {idea.hidden_reason.clone().map(|r| format!(" · {}: {r}", pick(lang.get_untracked(), "verborgen", "hidden")))}
            </p>
            {submitter.map(|s| view! { <p class="submitter">{tx("Ingediend door", "Handed in by")} " " {s}</p> })}
            <details class="idea-actions">
                <summary>{tx("Behandelen", "Handle")}<span class="visually-hidden">{handle_label}</span></summary>
                <form class="staff-form" on:submit=set_status>
                    <p class="field"><label for=format!("status-{key}")>{tx("Publieke status", "Public status")}</label>
                        <select id=format!("status-{key}") on:change=move |ev| status.set(event_target_value(&ev))>
                            {next_statuses(current).map(|s| {
                                view! { <option value=s.as_str() selected=s == current>{move || labels::idea_status(lang.get(), s)}</option> }
                            }).collect_view()}
                        </select></p>
                    <Show when=move || status.get() == "merged">
                        <p class="field"><label for=format!("merge-{}", id.get_value())>{tx("Samengevoegd met", "Merged into")}</label>
                            <select id=format!("merge-{}", id.get_value()) on:change=move |ev| merged_into.set(event_target_value(&ev))>
                                <option value="">{tx("Kies een idee", "Choose an idea")}</option>
                                {others.get_value().into_iter().filter(|(o, _)| *o != id.get_value()).map(|(o, t)| view! { <option value=o>{t}</option> }).collect_view()}
                            </select></p>
                    </Show>
                    <Show when=move || status.get() == "referred">
                        <p class="field"><label for=format!("service-{}", id.get_value())>{tx("Dienst van de stad", "City service")}</label>
                            <input id=format!("service-{}", id.get_value()) prop:value=service on:input=move |ev| service.set(event_target_value(&ev)) /></p>
                    </Show>
                    <p class="field"><label for=format!("reason-{key}")>{tx("Reden (publiek)", "Reason (public)")}</label>
                        <textarea id=format!("reason-{key}") rows="2" prop:value=reason on:input=move |ev| reason.set(event_target_value(&ev))></textarea></p>
                    <button type="submit">{tx("Status bewaren", "Save status")}</button>
                </form>
                <form class="staff-form" on:submit=moderate>
                    {(!hidden).then(|| view! {
                        <p class="field"><label for=format!("hide-{}", id.get_value())>{tx("Reden om te verbergen (publiek)", "Reason for hiding (public)")}</label>
                            <input id=format!("hide-{}", id.get_value()) required=true minlength="3" prop:value=hide_reason on:input=move |ev| hide_reason.set(event_target_value(&ev)) /></p>
                    })}
                    <button type="submit">{move || if hidden { pick(lang.get(), "Weer tonen", "Show again") } else { pick(lang.get(), "Verbergen", "Hide") }}</button>
                </form>
                {idea.image_url.is_some().then(|| view! {
                    <p><button type="button" on:click=remove_photo>{tx("Foto verwijderen", "Remove photo")}</button></p>
                })}
                <Problem message=message />
            </details>
        </li>
    }
}
