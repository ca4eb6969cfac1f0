//! A wijk's public vote: the ballot (with the running total against the budget for knapsack
//! ballots, checked by the same rules as the server) and, after the close, the results.

use std::collections::BTreeMap;

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use samenstad_domain::ballot::{BallotKind, BallotRules, check, cost_of};
use samenstad_types::projects::{CastBallot, Choice, Vote, VoteResults, VoteState};

use crate::api;
use crate::app::set_title;
use crate::components::follow::FollowControl;
use crate::format::{self, euro};
use crate::i18n::{T, t, use_lang};
use crate::state::use_session;
use samenstad_types::follows::FollowKind;

/// `/votes/:id`.
#[component]
pub fn VotePage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let id = move || params.read().get("id").unwrap_or_default();
    set_title("Stemming");
    let data = LocalResource::new(move || {
        let id = id();
        async move {
            api::client()?
                .get_vote(&id)
                .await
                .map_err(|e| e.to_string())
        }
    });
    view! {
        <Transition fallback=move || view! { <p class="loading">{move || t(lang.get(), T::Loading)}</p> }>
            {move || data.get().map(|r| match r {
                Ok(Some(vote)) => view! { <VoteView vote=vote /> }.into_any(),
                Ok(None) => view! { <p role="alert">{move || t(lang.get(), T::NotFoundTitle)}</p> }.into_any(),
                Err(e) => view! { <p role="alert">{e}</p> }.into_any(),
            })}
        </Transition>
    }
}

#[component]
fn VoteView(vote: Vote) -> impl IntoView {
    let lang = use_lang();
    let closed = vote.state == VoteState::Closed;
    let open = vote.state == VoteState::Open;
    let budget = vote.budget_cents;
    let period = format!(
        "{} – {}",
        format::date(&vote.opens_at),
        format::date(&vote.closes_at)
    );
    view! {
        <article class="vote">
            <h1>{move || t(lang.get(), T::VoteTitle)} " – " {move || t(lang.get(), T::Wijk)} " " {vote.wijknr}</h1>
            <p><A href=format!("/ideas?wijk={}", vote.wijknr)>{move || t(lang.get(), T::IdeaBoard)}</A></p>
            <FollowControl kind=FollowKind::Vote target=vote.id.clone() />
            <p class="meta">{move || format!("{} {} · {} {period}", t(lang.get(), T::Budget), euro(budget, lang.get()),
                t(lang.get(), T::VoteOpen))}</p>
            {if closed {
                view! { <Results id=vote.id.clone() /> }.into_any()
            } else if open {
                view! { <BallotForm vote=vote.clone() /> }.into_any()
            } else {
                view! { <p>{move || t(lang.get(), T::VoteNotOpenYet)}</p> }.into_any()
            }}
        </article>
    }
}

#[component]
fn BallotForm(vote: Vote) -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let kind = vote.ballot_kind;
    let rules = BallotRules {
        kind,
        budget_cents: u64::try_from(vote.budget_cents).unwrap_or(0),
        max_choices: vote.max_choices.and_then(|m| u32::try_from(m).ok()),
        points: vote.points.and_then(|m| u32::try_from(m).ok()),
        costs: vote
            .options
            .iter()
            .map(|p| (p.id.clone(), u64::try_from(p.cost_cents).unwrap_or(0)))
            .collect(),
    };
    let chosen = RwSignal::new(BTreeMap::<String, u32>::new());
    let message = RwSignal::new(None::<(bool, String)>);
    let vote_id = vote.id.clone();
    // Start from the ballot I cast before, if any.
    {
        let vote_id = vote_id.clone();
        Effect::new(move || {
            if session.me.get().is_none() {
                return;
            }
            let vote_id = vote_id.clone();
            spawn_local(async move {
                if let Ok(client) = api::authed(&session)
                    && let Ok(Some(mine)) = client.my_ballot(&vote_id).await
                {
                    chosen.set(
                        mine.choices
                            .into_iter()
                            .map(|c| (c.proposal_id, u32::try_from(c.points).unwrap_or(1)))
                            .collect(),
                    );
                }
            });
        });
    }
    let total_rules = rules.clone();
    let total = Memo::new(move |_| cost_of(&total_rules, &chosen.get()));
    let problem_rules = rules.clone();
    let problem = Memo::new(move |_| {
        let c = chosen.get();
        if c.is_empty() {
            None
        } else {
            check(&problem_rules, &c).err().map(|e| e.to_string())
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = CastBallot {
            choices: chosen
                .get_untracked()
                .into_iter()
                .map(|(proposal_id, points)| Choice {
                    proposal_id,
                    points: i32::try_from(points).unwrap_or(1),
                })
                .collect(),
            paper_ref: None,
        };
        let vote_id = vote_id.clone();
        spawn_local(async move {
            let result = match api::authed(&session) {
                Ok(c) => c
                    .cast_ballot(&vote_id, &body)
                    .await
                    .map_err(|e| e.to_string()),
                Err(e) => Err(e),
            };
            message.set(Some(match result {
                Ok(_) => (true, t(lang.get_untracked(), T::BallotStored).to_owned()),
                Err(e) => (false, e),
            }));
        });
    };
    let budget = vote.budget_cents;
    let max_points = vote.points.unwrap_or(0);
    let proposals = vote.options.clone();
    let options = move || {
        proposals
        .iter()
        .map(|p| {
            let id = p.id.clone();
            let input_id = format!("choice-{}", p.id);
            let (check_id, set_id) = (id.clone(), id.clone());
            let control = if kind == BallotKind::Cumulative {
                view! {
                    <input id=input_id.clone() type="number" min="0" max=max_points
                        prop:value=move || chosen.with(|c| c.get(&check_id).copied().unwrap_or(0).to_string())
                        on:input=move |ev| {
                            let points: u32 = event_target_value(&ev).parse().unwrap_or(0);
                            chosen.update(|c| { if points == 0 { c.remove(&set_id); } else { c.insert(set_id.clone(), points); } });
                        } />
                }
                .into_any()
            } else {
                view! {
                    <input id=input_id.clone() type="checkbox"
                        prop:checked=move || chosen.with(|c| c.contains_key(&check_id))
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            chosen.update(|c| { if on { c.insert(set_id.clone(), 1); } else { c.remove(&set_id); } });
                        } />
                }
                .into_any()
            };
            let cost = p.cost_cents;
            view! {
                <li class="option">
                    {control}
                    <label for=input_id>
                        <strong>{p.title.clone()}</strong> " · " {move || euro(cost, lang.get())}
                        " · " <A href=format!("/proposals/{}", p.id)>{move || t(lang.get(), T::MoreAboutIt)}</A>
                        <span class="summary">{p.summary.clone()}</span>
                    </label>
                </li>
            }
        })
        .collect_view()
    };
    view! {
        <Show when=move || session.me.get().is_some() fallback=move || view! {
            <p><A href="/login">{move || t(lang.get(), T::LogInToVote)}</A></p>
        }>
            <form class="ballot" on:submit=submit.clone()>
                <fieldset>
                    <legend>{move || t(lang.get(), match kind {
                        BallotKind::Knapsack => T::KnapsackHelp,
                        BallotKind::Approval => T::ApprovalHelp,
                        BallotKind::Cumulative => T::CumulativeHelp,
                    })}</legend>
                    <ul class="options">{options()}</ul>
                </fieldset>
                <p class="running-total" aria-live="polite">
                    {move || t(lang.get(), T::Chosen)} " " {move || euro(i64::try_from(total.get()).unwrap_or(0), lang.get())}
                    " / " {move || euro(budget, lang.get())}
                </p>
                {move || problem.get().map(|p| view! { <p class="error" role="alert">{p}</p> })}
                {move || message.get().map(|(ok, m)| view! { <p class=if ok { "success" } else { "error" } role="status">{m}</p> })}
                <button type="submit" disabled=move || chosen.with(BTreeMap::is_empty) || problem.get().is_some()>
                    {move || t(lang.get(), T::CastBallot)}
                </button>
            </form>
        </Show>
    }
}

#[component]
fn Results(id: String) -> impl IntoView {
    let lang = use_lang();
    let data = LocalResource::new(move || {
        let id = id.clone();
        async move {
            api::client()?
                .vote_results(&id)
                .await
                .map_err(|e| e.to_string())
        }
    });
    view! {
        <Transition fallback=move || view! { <p class="loading">{move || t(lang.get(), T::Loading)}</p> }>
            {move || data.get().map(|r: Result<VoteResults, String>| match r {
                Ok(res) => view! {
                    <h2>{move || t(lang.get(), T::Results)}</h2>
                    <p>{move || format!("{} {} · {} {}", res.ballots, t(lang.get(), T::BallotsCounted),
                        t(lang.get(), T::Funded), euro(res.funded_cents, lang.get()))}</p>
                    <table class="results">
                        <thead><tr>
                            <th scope="col">{move || t(lang.get(), T::Proposal)}</th>
                            <th scope="col">{move || t(lang.get(), T::Votes)}</th>
                            <th scope="col">{move || t(lang.get(), T::Budget)}</th>
                            <th scope="col">{move || t(lang.get(), T::Funded)}</th>
                        </tr></thead>
                        <tbody>
                            {res.results.clone().into_iter().map(|r| view! {
                                <tr class=if r.funded { "funded" } else { "not-funded" }>
                                    <th scope="row"><A href=format!("/proposals/{}", r.proposal_id)>{r.title.clone()}</A></th>
                                    <td class="num">{r.votes}</td>
                                    <td class="num">{move || euro(r.cost_cents, lang.get())}</td>
                                    <td>{move || t(lang.get(), if r.funded { T::Yes } else { T::No })}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any(),
                Err(e) => view! { <p role="alert">{e}</p> }.into_any(),
            })}
        </Transition>
    }
}
