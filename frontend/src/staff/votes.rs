//! `/staff/votes?wijk=N`: a wijk's public votes. Create one (ballot kind, budget no higher than
//! what is left of the allocation, minimum age, opening and closing time), open and close it,
//! apply its result, download the `.pb` file; the queue of residents waiting to be verified;
//! paper ballots, entered by one staff member and confirmed by a second (4-eyes).

use leptos::prelude::*;
use leptos_router::components::A;
use samenstad_types::projects::{
    BallotKind, CastBallot, Choice, CreateVote, PaperBallot, Proposal, ResidenceRequest,
    VerifyResidence, Vote, VoteState,
};

use super::proposals::{BudgetLineOfWijk, wijk_budget};
use super::{
    Access, Closed, Problem, StaffNav, WijkPicker, access, act, chosen_wijk, draft, draft_or,
    is_staff, my_wijken, pick, tx,
};
use crate::api;
use crate::app::set_title;
use crate::format::{date, date_time, euro, euro_input, parse_euro};
use crate::i18n::use_lang;
use crate::labels;
use crate::state::use_session;

/// `2026-12-03T18:30` as typed in a `datetime-local` input, in this browser's time zone, as
/// RFC 3339 (UTC); `None` when it is not a time.
fn local_to_rfc3339(text: &str) -> Option<String> {
    if text.is_empty() {
        return None;
    }
    let at = js_sys::Date::new(&wasm_bindgen::JsValue::from_str(text));
    at.get_time()
        .is_finite()
        .then(|| String::from(at.to_iso_string()))
}

/// `/staff/votes`.
#[component]
pub fn VotesStaffPage() -> impl IntoView {
    super::provide_notice();
    let lang = use_lang();
    let session = use_session();
    Effect::new(move |_| set_title(pick(lang.get(), "Stemmingen", "Votes")));
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
                return Ok((Vec::new(), Vec::new(), Vec::new()));
            }
            let client = client?;
            let votes = client.list_votes(&wijk).await.map_err(|e| e.to_string())?;
            let proposals = client
                .list_proposals(&wijk)
                .await
                .map_err(|e| e.to_string())?;
            let queue = client
                .list_residence_requests(Some(wijk.as_str()), Some("pending"))
                .await
                .map_err(|e| e.to_string())?;
            Ok::<_, String>((votes, proposals, queue))
        }
    });
    view! {
        <h1>{tx("Stemmingen", "Votes")}</h1>
        <StaffNav />
        {move || match allowed() {
            Access::Open => view! {
                <WijkPicker path="/staff/votes" wijken=wijken wijk=wijk />
                <BudgetLineOfWijk budget=budget />
                <Transition fallback=move || view! { <p class="loading">{tx("Laden…", "Loading…")}</p> }>
                    {move || data.get().map(|r| match r {
                        Ok(_) if wijk.get().is_empty() => view! { <p>{tx("Kies eerst een wijk.", "Choose a wijk first.")}</p> }.into_any(),
                        Ok((votes, proposals, queue)) => {
                            let left = budget.get().flatten().map(|w| w.left_cents);
                            view! {
                                <VerificationQueue queue=queue version=version />
                                <section class="new-vote">
                                    <h2>{tx("Nieuwe stemming", "New vote")}</h2>
                                    <NewVote wijk=wijk.get_untracked() proposals=proposals.clone() left=left version=version />
                                </section>
                                <h2>{tx("Stemmingen van de wijk", "The wijk's votes")}</h2>
                                {votes.is_empty().then(|| view! { <p>{tx("Nog geen stemmingen.", "No votes yet.")}</p> })}
                                {votes.into_iter().map(|v| view! { <VoteItem vote=v version=version /> }).collect_view()}
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

/// Residents who asked to be verified as living in the wijk.
#[component]
fn VerificationQueue(queue: Vec<ResidenceRequest>, version: RwSignal<u32>) -> impl IntoView {
    view! {
        <section class="verification-queue">
            <h2>{tx("Wachten op verificatie", "Waiting for verification")}</h2>
            {queue.is_empty().then(|| view! { <p>{tx("Niemand wacht.", "Nobody is waiting.")}</p> })}
            <ul class="queue">
                {queue.into_iter().map(|r| view! { <RequestItem request=r version=version /> }).collect_view()}
            </ul>
        </section>
    }
}

#[component]
fn RequestItem(request: ResidenceRequest, version: RwSignal<u32>) -> impl IntoView {
    let session = use_session();
    let message = RwSignal::new(None::<String>);
    let reason = draft(format!("residence.{}.reason", request.id));
    let verify = {
        let body = VerifyResidence {
            wijk: request.wijknr.to_string(),
            birth_date: request.birth_date.clone(),
        };
        let user = request.user_id.clone();
        move |_| {
            let (body, user) = (body.clone(), user.clone());
            act(
                session,
                message,
                move |c| async move { c.verify_residence(&user, &body).await },
                move |_| version.update(|v| *v += 1),
            );
        }
    };
    let id = request.id.clone();
    let reject = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (id, why) = (id.clone(), reason.get_untracked().trim().to_owned());
        act(
            session,
            message,
            move |c| async move { c.reject_residence_request(&id, &why).await },
            move |_| {
                reason.set(String::new());
                version.update(|v| *v += 1);
            },
        );
    };
    let key = request.id.clone();
    view! {
        <li class="residence-request">
            <strong>{request.display_name.clone()}</strong>
            {format!(" · {} {} · {}", request.wijk, request.birth_date, date(&request.requested_at))}
            " "
            <button type="button" on:click=verify>{tx("Verifiëren", "Verify")}<span class="visually-hidden">{format!(": {}", request.display_name)}</span></button>
            <form class="inline-form" on:submit=reject>
                <label for=format!("reject-{key}")>{tx("Reden van weigering", "Reason for refusal")}</label>
                <input id=format!("reject-{key}") required=true minlength="3" prop:value=reason on:input=move |ev| reason.set(event_target_value(&ev)) />
                <button type="submit">{tx("Weigeren", "Refuse")}</button>
            </form>
            <Problem message=message />
        </li>
    }
}

#[component]
fn NewVote(
    wijk: String,
    proposals: Vec<Proposal>,
    left: Option<i64>,
    version: RwSignal<u32>,
) -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let key = format!("vote.new.{wijk}");
    let kind = draft_or(format!("{key}.kind"), "knapsack".to_owned());
    let budget = draft_or(
        format!("{key}.budget"),
        left.map(euro_input).unwrap_or_default(),
    );
    let min_age = draft_or(format!("{key}.min_age"), "16".to_owned());
    let max_choices = draft(format!("{key}.max_choices"));
    let points = draft(format!("{key}.points"));
    let opens = draft(format!("{key}.opens"));
    let closes = draft(format!("{key}.closes"));
    let open_ones: Vec<Proposal> = proposals
        .into_iter()
        .filter(|p| p.status == "proposed")
        .collect();
    let chosen = RwSignal::new(open_ones.iter().map(|p| p.id.clone()).collect::<Vec<_>>());
    let message = RwSignal::new(None::<String>);
    let saved = super::notice();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let lang = lang.get_untracked();
        let (Some(opens_at), Some(closes_at)) = (
            local_to_rfc3339(&opens.get_untracked()),
            local_to_rfc3339(&closes.get_untracked()),
        ) else {
            message.set(Some(
                pick(
                    lang,
                    "Geef een opening en een sluiting.",
                    "Give an opening and a closing time.",
                )
                .to_owned(),
            ));
            return;
        };
        let budget_cents = match budget.get_untracked().trim() {
            "" => None,
            text => match parse_euro(text) {
                Some(c) => Some(c),
                None => {
                    message.set(Some(
                        pick(
                            lang,
                            "Het budget is een bedrag in euro.",
                            "The budget is an amount in euro.",
                        )
                        .to_owned(),
                    ));
                    return;
                }
            },
        };
        let body = CreateVote {
            wijk: wijk.clone(),
            ballot_kind: kind.get_untracked(),
            budget_cents,
            max_choices: max_choices.get_untracked().trim().parse().ok(),
            points: points.get_untracked().trim().parse().ok(),
            rule: None,
            min_age: min_age.get_untracked().trim().parse().ok(),
            opens_at,
            closes_at,
            proposal_ids: chosen.get_untracked(),
        };
        act(
            session,
            message,
            move |c| async move { c.create_vote(&body).await },
            move |_| {
                for s in [kind, budget, min_age, max_choices, points, opens, closes] {
                    s.set(String::new());
                }
                saved.set(Some(
                    pick(lang, "Stemming aangemaakt.", "Vote created.").to_owned(),
                ));
                version.update(|v| *v += 1);
            },
        );
    };
    view! {
        <form class="staff-form vote-form" on:submit=submit>
            <p class="field"><label for="vote-kind">{tx("Soort stembiljet", "Ballot kind")}</label>
                <select id="vote-kind" on:change=move |ev| kind.set(event_target_value(&ev))>
                    {[BallotKind::Knapsack, BallotKind::Approval, BallotKind::Cumulative].into_iter().map(|k| view! {
                        <option value=k.as_str() selected=move || kind.get() == k.as_str()>{move || labels::ballot_kind(lang.get(), k)}</option>
                    }).collect_view()}
                </select></p>
            <p class="field"><label for="vote-budget">{tx("Budget van de stemming (€)", "Budget of the vote (€)")}</label>
                <input id="vote-budget" inputmode="decimal" prop:value=budget on:input=move |ev| budget.set(event_target_value(&ev)) />
                {left.map(|l| view! { <span class="hint">{move || format!("{} {}", pick(lang.get(), "hoogstens", "at most"), euro(l, lang.get()))}</span> })}</p>
            <Show when=move || kind.get() == "approval">
                <p class="field"><label for="vote-max">{tx("Hoogstens zoveel projecten", "At most this many projects")}</label>
                    <input id="vote-max" type="number" min="1" prop:value=max_choices on:input=move |ev| max_choices.set(event_target_value(&ev)) /></p>
            </Show>
            <Show when=move || kind.get() == "cumulative">
                <p class="field"><label for="vote-points">{tx("Punten per kiezer", "Points per voter")}</label>
                    <input id="vote-points" type="number" min="1" prop:value=points on:input=move |ev| points.set(event_target_value(&ev)) /></p>
            </Show>
            <p class="field"><label for="vote-age">{tx("Minimumleeftijd", "Minimum age")}</label>
                <input id="vote-age" type="number" min="12" max="18" prop:value=min_age on:input=move |ev| min_age.set(event_target_value(&ev)) /></p>
            <p class="field"><label for="vote-opens">{tx("Opent", "Opens")}</label>
                <input id="vote-opens" type="datetime-local" required=true prop:value=opens on:input=move |ev| opens.set(event_target_value(&ev)) /></p>
            <p class="field"><label for="vote-closes">{tx("Sluit", "Closes")}</label>
                <input id="vote-closes" type="datetime-local" required=true prop:value=closes on:input=move |ev| closes.set(event_target_value(&ev)) /></p>
            <fieldset>
                <legend>{tx("Voorstellen op het stembiljet", "Proposals on the ballot")}</legend>
                {open_ones.is_empty().then(|| view! { <p>{tx("Er zijn geen open voorstellen.", "There are no open proposals.")}</p> })}
                {open_ones.into_iter().map(|p| {
                    let pid = p.id.clone();
                    let input_id = format!("vote-option-{}", p.id);
                    view! {
                        <p class="field checkbox">
                            <input id=input_id.clone() type="checkbox" prop:checked=chosen.with_untracked(|c| c.contains(&p.id)) on:change=move |ev| {
                                let (on, pid) = (event_target_checked(&ev), pid.clone());
                                chosen.update(|c| if on { c.push(pid) } else { c.retain(|x| *x != pid) });
                            } />
                            <label for=input_id>{p.title.clone()} " (" {move || euro(p.cost_cents, lang.get())} ")"</label>
                        </p>
                    }
                }).collect_view()}
            </fieldset>
            <Problem message=message />
            <button type="submit">{tx("Stemming aanmaken", "Create vote")}</button>
        </form>
    }
}

#[component]
fn VoteItem(vote: Vote, version: RwSignal<u32>) -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let message = RwSignal::new(None::<String>);
    let saved = super::notice();
    let id = StoredValue::new(vote.id.clone());
    let done = move |nl: &'static str, en: &'static str| {
        move |_| {
            saved.set(Some(pick(lang.get_untracked(), nl, en).to_owned()));
            version.update(|v| *v += 1);
        }
    };
    let open_now = move |_| {
        let id = id.get_value();
        act(
            session,
            message,
            move |c| async move { c.open_vote(&id).await.map(|_| ()) },
            done("De stemming is open.", "The vote is open."),
        );
    };
    let close_now = move |_| {
        let id = id.get_value();
        act(
            session,
            message,
            move |c| async move { c.close_vote(&id).await.map(|_| ()) },
            done("De stemming is gesloten.", "The vote is closed."),
        );
    };
    let apply = move |_| {
        let id = id.get_value();
        act(
            session,
            message,
            move |c| async move { c.apply_vote(&id).await.map(|_| ()) },
            done(
                "Uitslag toegepast: de gekozen voorstellen zijn projecten.",
                "Result applied: the funded proposals are projects.",
            ),
        );
    };
    let (state, kind) = (vote.state, vote.ballot_kind);
    let (upcoming, open, closed) = (
        state == VoteState::Upcoming,
        state == VoteState::Open,
        state == VoteState::Closed,
    );
    view! {
        <article class="staff-vote">
            <h3><A href=format!("/votes/{}", vote.id)>{move || format!("{} · {}", pick(lang.get(), "Stemming", "Vote"), labels::vote_state(lang.get(), state))}</A></h3>
            <p class="meta">
                {move || labels::ballot_kind(lang.get(), kind)}
                " · " {move || euro(vote.budget_cents, lang.get())}
                {format!(" · {} – {} · {}+", date_time(&vote.opens_at), date_time(&vote.closes_at), vote.min_age)}
            </p>
            <ul class="options">{vote.options.iter().map(|p| view! { <li>{p.title.clone()}</li> }).collect_view()}</ul>
            <p class="actions">
                {upcoming.then(|| view! { <button type="button" on:click=open_now>{tx("Nu openen", "Open now")}</button> })}
                {open.then(|| view! { <button type="button" on:click=close_now>{tx("Nu sluiten", "Close now")}</button> })}
                {closed.then(|| view! {
                    <button type="button" on:click=apply>{tx("Uitslag toepassen", "Apply the result")}</button>
                    " "
                    <a href=format!("/api/v1/projects/votes/{}/election.pb", id.get_value()) download=format!("stemming-{}.pb", id.get_value())>{tx("Download .pb (Pabulib)", "Download .pb (Pabulib)")}</a>
                })}
            </p>
            <Problem message=message />
            {(!closed).then(|| view! { <PaperBallots vote=vote.clone() version=version /> })}
        </article>
    }
}

/// Paper ballots of a vote: enter one, and confirm those a colleague entered.
#[component]
fn PaperBallots(vote: Vote, version: RwSignal<u32>) -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let vote_id = StoredValue::new(vote.id.clone());
    let queue = LocalResource::new(move || {
        version.track();
        let client = api::tracked(&session);
        async move {
            client?
                .paper_ballots(&vote_id.get_value(), Some(false))
                .await
                .map_err(|e| e.to_string())
        }
    });
    let reference = draft(format!("paper.{}.ref", vote.id));
    let marks: Vec<(String, String, RwSignal<String>)> = vote
        .options
        .iter()
        .map(|p| (p.id.clone(), p.title.clone(), RwSignal::new(String::new())))
        .collect();
    let marks = StoredValue::new(marks);
    let cumulative = vote.ballot_kind == BallotKind::Cumulative;
    let message = RwSignal::new(None::<String>);
    let saved = super::notice();
    let enter = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let choices: Vec<Choice> = marks.with_value(|m| {
            m.iter()
                .filter_map(|(id, _, v)| {
                    let v = v.get_untracked();
                    let points = if cumulative {
                        v.trim().parse().unwrap_or(0)
                    } else {
                        i32::from(v == "on")
                    };
                    (points > 0).then(|| Choice {
                        proposal_id: id.clone(),
                        points,
                    })
                })
                .collect()
        });
        let body = CastBallot {
            choices,
            paper_ref: Some(reference.get_untracked().trim().to_owned()),
        };
        let id = vote_id.get_value();
        act(
            session,
            message,
            move |c| async move { c.enter_paper_ballot(&id, &body).await },
            move |_| {
                reference.set(String::new());
                marks.with_value(|m| m.iter().for_each(|(_, _, v)| v.set(String::new())));
                saved.set(Some(
                    pick(
                        lang.get_untracked(),
                        "Ingevoerd; een collega bevestigt het.",
                        "Entered; a colleague confirms it.",
                    )
                    .to_owned(),
                ));
                version.update(|v| *v += 1);
            },
        );
    };
    let vid = vote.id.clone();
    view! {
        <section class="paper-ballots">
            <h4>{tx("Papieren stembiljetten", "Paper ballots")}</h4>
            <form class="staff-form" on:submit=enter>
                <p class="field"><label for=format!("paper-ref-{vid}")>{tx("Nummer van het biljet", "Number of the ballot paper")}</label>
                    <input id=format!("paper-ref-{vid}") required=true prop:value=reference on:input=move |ev| reference.set(event_target_value(&ev)) /></p>
                {marks.get_value().into_iter().map(|(pid, title, v)| {
                    let input_id = format!("paper-{vid}-{pid}");
                    if cumulative {
                        view! { <p class="field"><label for=input_id.clone()>{title}</label>
                            <input id=input_id type="number" min="0" prop:value=v on:input=move |ev| v.set(event_target_value(&ev)) /></p> }.into_any()
                    } else {
                        view! { <p class="field checkbox">
                            <input id=input_id.clone() type="checkbox" prop:checked=move || v.get() == "on" on:change=move |ev| v.set(if event_target_checked(&ev) { "on".to_owned() } else { String::new() }) />
                            <label for=input_id>{title}</label></p> }.into_any()
                    }
                }).collect_view()}
                <Problem message=message />
                <button type="submit">{tx("Biljet invoeren", "Enter ballot")}</button>
            </form>
            <h5>{tx("Te bevestigen door een tweede medewerker", "To be confirmed by a second staff member")}</h5>
            {move || queue.get().map(|r| match r {
                Ok(list) if list.is_empty() => view! { <p>{tx("Geen biljetten te bevestigen.", "No ballots to confirm.")}</p> }.into_any(),
                Ok(list) => view! { <ul class="queue">{list.into_iter().map(|b| view! { <UnconfirmedBallot ballot=b vote=vote.clone() version=version /> }).collect_view()}</ul> }.into_any(),
                Err(e) => view! { <p role="alert">{e}</p> }.into_any(),
            })}
        </section>
    }
}

#[component]
fn UnconfirmedBallot(ballot: PaperBallot, vote: Vote, version: RwSignal<u32>) -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let message = RwSignal::new(None::<String>);
    let id = ballot.id.clone();
    let confirm = move |_| {
        let id = id.clone();
        act(
            session,
            message,
            move |c| async move { c.confirm_paper_ballot(&id).await },
            move |_| version.update(|v| *v += 1),
        );
    };
    let names: Vec<String> = ballot
        .choices
        .iter()
        .map(|c| {
            let title = vote
                .options
                .iter()
                .find(|p| p.id == c.proposal_id)
                .map(|p| p.title.clone())
                .unwrap_or_default();
            if vote.ballot_kind == BallotKind::Cumulative {
                format!("{title} ({})", c.points)
            } else {
                title
            }
        })
        .collect();
    let reference = ballot.paper_ref.clone().unwrap_or_default();
    view! {
        <li class="paper-ballot">
            <strong>{format!("{} {reference}", pick(lang.get_untracked(), "Biljet", "Ballot"))}</strong>
            {format!(": {} · {} ", names.join(", "), ballot.entered_by)}
            {move || euro(ballot.cost_cents, lang.get())}
            " "
            {if ballot.entered_by_me {
                view! { <span class="hint">{tx("(door jou ingevoerd: een collega bevestigt)", "(entered by you: a colleague confirms)")}</span> }.into_any()
            } else {
                view! { <button type="button" on:click=confirm>{tx("Bevestigen", "Confirm")}<span class="visually-hidden">{format!(": {reference}")}</span></button> }.into_any()
            }}
            <Problem message=message />
        </li>
    }
}
