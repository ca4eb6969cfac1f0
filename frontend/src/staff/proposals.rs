//! `/staff/proposals?wijk=N`: proposals of a wijk. Create one from one or more ideas, with
//! costed budget lines and owners; edit it until it is decided; record the decision of the
//! wijkdialoog or of the college (with its date and reference). What is left of the wijk's
//! allocation is shown, and the server refuses a selection that does not fit.

use leptos::prelude::*;
use leptos_router::components::A;
use samenstad_types::projects::{
    BudgetLine, CreateProposal, DecideProposal, DecisionKind, Idea, ListIdeasQuery, Proposal,
    RoundWijk, UpdateProposal,
};

use super::{
    Access, Closed, Problem, StaffNav, WijkPicker, access, act, chosen_wijk, draft_or, is_staff,
    my_wijken, pick, tx,
};
use crate::api;
use crate::app::set_title;
use crate::format::{date, euro, euro_input, parse_euro};
use crate::i18n::use_lang;
use crate::labels;
use crate::state::use_session;

/// The wijk's line of the latest round it takes part in: allocation, committed and left.
pub fn wijk_budget(wijk: Memo<String>, version: RwSignal<u32>) -> LocalResource<Option<RoundWijk>> {
    LocalResource::new(move || {
        version.track();
        let wijk = wijk.get();
        async move {
            let nr: i16 = wijk.parse().ok()?;
            let programme = api::client()
                .ok()?
                .get_programme("wijkbudget")
                .await
                .ok()??;
            // The latest round the wijk takes part in.
            programme
                .rounds
                .iter()
                .rev()
                .find_map(|r| r.wijken.iter().find(|w| w.wijknr == nr))
                .cloned()
        }
    })
}

/// What the wijk has, has committed and has left.
#[component]
pub fn BudgetLineOfWijk(budget: LocalResource<Option<RoundWijk>>) -> impl IntoView {
    let lang = use_lang();
    move || {
        budget.get().flatten().map(|w| {
            view! {
                <p class="wijk-budget" role="status">
                    {move || format!(
                        "{} {} · {} {} · {} {}",
                        pick(lang.get(), "Budget van de wijk:", "The wijk's budget:"),
                        euro(w.allocation_cents, lang.get()),
                        pick(lang.get(), "gekozen:", "selected:"),
                        euro(w.committed_cents, lang.get()),
                        pick(lang.get(), "nog vrij:", "left:"),
                        euro(w.left_cents, lang.get()),
                    )}
                </p>
            }
        })
    }
}

/// `/staff/proposals`.
#[component]
pub fn ProposalsStaffPage() -> impl IntoView {
    super::provide_notice();
    let lang = use_lang();
    let session = use_session();
    Effect::new(move |_| set_title(pick(lang.get(), "Voorstellen", "Proposals")));
    let allowed = access(is_staff);
    let wijken = my_wijken();
    let wijk = chosen_wijk(wijken);
    let version = RwSignal::new(0u32);
    let budget = wijk_budget(wijk, version);
    let data = LocalResource::new(move || {
        version.track();
        let wijk = wijk.get();
        let client = api::tracked(&session);
        async move {
            if wijk.is_empty() {
                return Ok((Vec::new(), Vec::new()));
            }
            let client = client?;
            let proposals = client
                .list_proposals(&wijk)
                .await
                .map_err(|e| e.to_string())?;
            let ideas = client
                .list_ideas(&ListIdeasQuery {
                    wijk: Some(wijk),
                    limit: Some(100),
                    ..Default::default()
                })
                .await
                .map_err(|e| e.to_string())?
                .items;
            Ok::<_, String>((proposals, ideas))
        }
    });
    view! {
        <h1>{tx("Voorstellen", "Proposals")}</h1>
        <StaffNav />
        {move || match allowed() {
            Access::Open => view! {
                <WijkPicker path="/staff/proposals" wijken=wijken wijk=wijk />
                <BudgetLineOfWijk budget=budget />
                <Transition fallback=move || view! { <p class="loading">{tx("Laden…", "Loading…")}</p> }>
                    {move || data.get().map(|r| match r {
                        Ok(_) if wijk.get().is_empty() => view! { <p>{tx("Kies eerst een wijk.", "Choose a wijk first.")}</p> }.into_any(),
                        Ok((proposals, ideas)) => {
                            let ideas = StoredValue::new(ideas);
                            view! {
                                <section class="new-proposal">
                                    <h2>{tx("Nieuw voorstel", "New proposal")}</h2>
                                    <ProposalForm wijk=wijk.get_untracked() existing=None ideas=ideas version=version />
                                </section>
                                <h2>{tx("Voorstellen van de wijk", "The wijk's proposals")}</h2>
                                {proposals.is_empty().then(|| view! { <p>{tx("Nog geen voorstellen.", "No proposals yet.")}</p> })}
                                <ul class="staff-proposals">
                                    {proposals.into_iter().map(|p| view! { <ProposalItem proposal=p ideas=ideas version=version /> }).collect_view()}
                                </ul>
                            }.into_any()
                        }
                        Err(e) => view! { <p role="alert">{e}</p> }.into_any(),
                    })}
                </Transition>
            }.into_any(),
            other => view! { <Closed access=other /> }.into_any(),
        }}
    }
}

#[component]
fn ProposalItem(
    proposal: Proposal,
    ideas: StoredValue<Vec<Idea>>,
    version: RwSignal<u32>,
) -> impl IntoView {
    let lang = use_lang();
    let open = proposal.status == "proposed";
    let status = proposal.status;
    let decided = proposal.decision_kind.map(|kind| {
        let by = proposal.decided_by.clone().unwrap_or_default();
        let at = proposal.decided_at.clone().map(|a| date(&a)).unwrap_or_default();
        let college = proposal
            .college_reference
            .clone()
            .map(|r| format!(" ({} {r}, {})", pick(lang.get_untracked(), "besluit", "decision"), proposal.college_date.clone().unwrap_or_default()));
        view! {
            <p class="decided">
                {move || labels::decision_kind(lang.get(), kind)} {format!(" · {by} · {at}")} {college}
            </p>
        }
    });
    let tally = proposal.panel_tally.clone().map(|t| view! {
        <p class="tally">{move || format!(
            "{} {} {} {} · {} {} · quorum {}",
            pick(lang.get(), "Wijkpanel:", "Panel:"), t.votes_for, pick(lang.get(), "voor,", "for,"), t.votes_against,
            pick(lang.get(), "tegen van", "against of"), t.seated, t.quorum,
        )}</p>
    });
    let edit = proposal.clone();
    view! {
        <li class=format!("staff-proposal status-{}", proposal.status)>
            <h3><A href=format!("/proposals/{}", proposal.id)>{proposal.title.clone()}</A></h3>
            <p class="meta">
                {move || labels::proposal_status(lang.get(), status)}
                " · " {move || euro(proposal.cost_cents, lang.get())}
                {format!(" · {}", proposal.owners)}
            </p>
            {proposal.decision_reason.clone().map(|r| view! { <p class="reason">{r}</p> })}
            {decided}
            {tally}
            {open.then(|| view! {
                <details class="edit-proposal">
                    <summary>{tx("Bewerken", "Edit")}<span class="visually-hidden">{format!(": {}", edit.title)}</span></summary>
                    <ProposalForm wijk=edit.wijknr.to_string() existing=Some(edit.clone()) ideas=ideas version=version />
                </details>
                <DecisionForm proposal=edit.clone() version=version />
            })}
        </li>
    }
}

/// Creates a proposal (`existing` is `None`) or edits one.
#[component]
fn ProposalForm(
    wijk: String,
    existing: Option<Proposal>,
    ideas: StoredValue<Vec<Idea>>,
    version: RwSignal<u32>,
) -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let key = existing.as_ref().map_or_else(
        || format!("proposal.new.{wijk}"),
        |p| format!("proposal.{}", p.id),
    );
    let id = existing.as_ref().map(|p| p.id.clone());
    let (title0, summary0, owners0, lines0, ideas0) = existing.map_or_else(
        || {
            (
                String::new(),
                String::new(),
                String::new(),
                Vec::new(),
                Vec::new(),
            )
        },
        |p| (p.title, p.summary, p.owners, p.budget_lines, p.idea_ids),
    );
    let title = draft_or(format!("{key}.title"), title0);
    let summary = draft_or(format!("{key}.summary"), summary0);
    let owners = draft_or(format!("{key}.owners"), owners0);
    let count = draft_or(format!("{key}.lines"), lines0.len().max(1).to_string());
    let lines: Vec<(RwSignal<String>, RwSignal<String>)> = (0..20)
        .map(|i| {
            let (d, a) = lines0
                .get(i)
                .map(|l| (l.description.clone(), euro_input(l.amount_cents)))
                .unwrap_or_default();
            (
                draft_or(format!("{key}.line{i}.description"), d),
                draft_or(format!("{key}.line{i}.amount"), a),
            )
        })
        .collect();
    let lines = StoredValue::new(lines);
    let chosen = RwSignal::new(ideas0);
    let message = RwSignal::new(None::<String>);
    let saved = super::notice();
    let n = move || count.get().parse::<usize>().unwrap_or(1).clamp(1, 20);
    let total = move || {
        lines.with_value(|l| {
            l.iter()
                .take(n())
                .filter_map(|(_, a)| parse_euro(&a.get()))
                .sum::<i64>()
        })
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        saved.set(None);
        let mut budget_lines = Vec::new();
        for (d, a) in lines.get_value().into_iter().take(n()) {
            let Some(amount_cents) = parse_euro(&a.get_untracked()) else {
                message.set(Some(
                    pick(
                        lang.get_untracked(),
                        "Elk bedrag is een bedrag in euro.",
                        "Every amount is an amount in euro.",
                    )
                    .to_owned(),
                ));
                return;
            };
            budget_lines.push(BudgetLine {
                description: d.get_untracked().trim().to_owned(),
                amount_cents,
            });
        }
        let fields = (
            title.get_untracked().trim().to_owned(),
            summary.get_untracked().trim().to_owned(),
            owners.get_untracked().trim().to_owned(),
            chosen.get_untracked(),
        );
        let clear = move || {
            for s in [title, summary, owners, count] {
                s.set(String::new());
            }
            lines.with_value(|l| {
                l.iter().for_each(|(d, a)| {
                    d.set(String::new());
                    a.set(String::new());
                })
            });
            saved.set(Some(
                pick(lang.get_untracked(), "Bewaard.", "Saved.").to_owned(),
            ));
            version.update(|v| *v += 1);
        };
        match id.clone() {
            None => {
                let body = CreateProposal {
                    wijk: wijk.clone(),
                    title: fields.0,
                    summary: fields.1,
                    owners: fields.2,
                    budget_lines,
                    idea_ids: fields.3,
                };
                act(
                    session,
                    message,
                    move |c| async move { c.create_proposal(&body).await },
                    move |_| clear(),
                );
            }
            Some(id) => {
                let body = UpdateProposal {
                    title: fields.0,
                    summary: fields.1,
                    owners: fields.2,
                    budget_lines,
                    idea_ids: fields.3,
                };
                act(
                    session,
                    message,
                    move |c| async move { c.update_proposal(&id, &body).await },
                    move |_| clear(),
                );
            }
        }
    };
    let k = StoredValue::new(key.clone());
    view! {
        <form class="staff-form proposal-form" on:submit=submit>
            <p class="field"><label for=format!("{key}-title")>{tx("Titel", "Title")}</label>
                <input id=format!("{key}-title") required=true minlength="3" maxlength="120" prop:value=title on:input=move |ev| title.set(event_target_value(&ev)) /></p>
            <p class="field"><label for=format!("{key}-summary")>{tx("Samenvatting", "Summary")}</label>
                <textarea id=format!("{key}-summary") required=true rows="3" prop:value=summary on:input=move |ev| summary.set(event_target_value(&ev))></textarea></p>
            <p class="field"><label for=format!("{key}-owners")>{tx("Trekkers (wie voert het uit)", "Owners (who carries it out)")}</label>
                <input id=format!("{key}-owners") required=true prop:value=owners on:input=move |ev| owners.set(event_target_value(&ev)) /></p>
            <fieldset class="budget-lines">
                <legend>{tx("Begroting", "Budget")}</legend>
                {move || (0..n()).map(|i| {
                    let (d, a) = lines.with_value(|l| l[i]);
                    let key = k.get_value();
                    view! {
                        <p class="field budget-line">
                            <label for=format!("{key}-line{i}-d")>{move || format!("{} {}", pick(lang.get(), "Post", "Item"), i + 1)}</label>
                            <input id=format!("{key}-line{i}-d") required=true prop:value=d on:input=move |ev| d.set(event_target_value(&ev)) />
                            <label for=format!("{key}-line{i}-a")>{move || format!("{} {} (€)", pick(lang.get(), "Bedrag post", "Amount of item"), i + 1)}</label>
                            <input id=format!("{key}-line{i}-a") required=true inputmode="decimal" prop:value=a on:input=move |ev| a.set(event_target_value(&ev)) />
                        </p>
                    }
                }).collect_view()}
                <p>
                    <button type="button" on:click=move |_| count.set((n() + 1).min(20).to_string())>{tx("Post toevoegen", "Add item")}</button>
                    " "
                    <button type="button" disabled=move || n() <= 1 on:click=move |_| count.set((n() - 1).max(1).to_string())>{tx("Laatste post weg", "Remove last item")}</button>
                </p>
                <p class="total">{move || format!("{} {}", pick(lang.get(), "Totaal:", "Total:"), euro(total(), lang.get()))}</p>
            </fieldset>
            <fieldset class="from-ideas">
                <legend>{tx("Uit de ideeën", "From the ideas")}</legend>
                {move || ideas.get_value().into_iter().map(|idea| {
                    let iid = idea.id.clone();
                    let checked = chosen.with(|c| c.contains(&iid));
                    let input_id = format!("{}-idea-{}", k.get_value(), idea.id);
                    view! {
                        <p class="field checkbox">
                            <input id=input_id.clone() type="checkbox" prop:checked=checked on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                let iid = iid.clone();
                                chosen.update(|c| if on { if !c.contains(&iid) { c.push(iid) } } else { c.retain(|x| *x != iid) });
                            } />
                            <label for=input_id>{idea.title}</label>
                        </p>
                    }
                }).collect_view()}
            </fieldset>
            <Problem message=message />
            <button type="submit">{tx("Voorstel bewaren", "Save proposal")}</button>
        </form>
    }
}

/// Staff record the decision of the wijkdialoog or of the college.
#[component]
fn DecisionForm(proposal: Proposal, version: RwSignal<u32>) -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let key = format!("decision.{}", proposal.id);
    let kind = RwSignal::new("dialogue".to_owned());
    let selected = RwSignal::new("yes".to_owned());
    let reason = draft_or(format!("{key}.reason"), String::new());
    let college_date = draft_or(format!("{key}.date"), String::new());
    let reference = draft_or(format!("{key}.reference"), String::new());
    let message = RwSignal::new(None::<String>);
    let id = proposal.id.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let college = kind.get_untracked() == "college";
        let body = DecideProposal {
            selected: selected.get_untracked() == "yes",
            reason: reason.get_untracked().trim().to_owned(),
            kind: Some(kind.get_untracked()),
            college_date: college.then(|| college_date.get_untracked()),
            college_reference: college.then(|| reference.get_untracked().trim().to_owned()),
        };
        let id = id.clone();
        act(
            session,
            message,
            move |c| async move { c.decide_proposal(&id, &body).await },
            move |_| {
                for s in [reason, college_date, reference] {
                    s.set(String::new());
                }
                version.update(|v| *v += 1);
            },
        );
    };
    view! {
        <form class="staff-form decision-form" on:submit=submit>
            <fieldset>
                <legend>{tx("Beslissing", "Decision")}<span class="visually-hidden">{format!(": {}", proposal.title)}</span></legend>
                <p class="field"><label for=format!("{key}-kind")>{tx("Wie besliste", "Who decided")}</label>
                    <select id=format!("{key}-kind") on:change=move |ev| kind.set(event_target_value(&ev))>
                        {[DecisionKind::Dialogue, DecisionKind::College].into_iter().map(|k| view! {
                            <option value=k.as_str()>{move || labels::decision_kind(lang.get(), k)}</option>
                        }).collect_view()}
                    </select></p>
                <p class="field"><label for=format!("{key}-outcome")>{tx("Uitkomst", "Outcome")}</label>
                    <select id=format!("{key}-outcome") on:change=move |ev| selected.set(event_target_value(&ev))>
                        <option value="yes">{tx("gekozen", "selected")}</option>
                        <option value="no">{tx("niet gekozen", "not selected")}</option>
                    </select></p>
                <Show when=move || kind.get() == "college">
                    <p class="field"><label for=format!("decision-{}-date", proposal.id)>{tx("Datum van het collegebesluit", "Date of the college decision")}</label>
                        <input id=format!("decision-{}-date", proposal.id) type="date" required=true prop:value=college_date on:change=move |ev| college_date.set(event_target_value(&ev)) /></p>
                    <p class="field"><label for=format!("decision-{}-ref", proposal.id)>{tx("Referentie van het besluit", "Reference of the decision")}</label>
                        <input id=format!("decision-{}-ref", proposal.id) required=true prop:value=reference on:input=move |ev| reference.set(event_target_value(&ev)) /></p>
                </Show>
                <p class="field"><label for=format!("{key}-reason")>{tx("Motivering (publiek)", "Reasons (public)")}</label>
                    <textarea id=format!("{key}-reason") required=true rows="2" prop:value=reason on:input=move |ev| reason.set(event_target_value(&ev))></textarea></p>
                <Problem message=message />
                <button type="submit">{tx("Beslissing vastleggen", "Record decision")}</button>
            </fieldset>
        </form>
    }
}
