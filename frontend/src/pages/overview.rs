//! `/wijken/:key/overview`: what staff of a wijk follow — ideas and projects by status,
//! subsidies for the wijk, the use of its rooms, and the last 12 months, as tables and SVG
//! charts that read without colour; the months as CSV.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use samenstad_types::account::Me;
use samenstad_types::wijk::{OverviewCount, WijkOverview};

use crate::api;
use crate::app::set_title;
use crate::components::bar_chart::{Bar, BarChart};
use crate::format::{self, euro};
use crate::i18n::{Lang, T, t, tr, use_lang};
use crate::labels;
use crate::pages::subsidies::error_text;
use crate::pages::subsidy_admin::{Gate, Gated};
use crate::state::use_session;

/// Staff of the wijk (by number), programme staff and administrators.
fn may_see(me: &Me, wijknr: Option<i16>) -> bool {
    me.roles.iter().any(|r| {
        r.role == "admin"
            || r.role == "programme_admin"
            || (r.role == "wijk_staff" && wijknr.is_some() && r.wijknr == wijknr)
    })
}

fn status_chart(
    lang: Lang,
    title: T,
    rows: &[OverviewCount],
    name: fn(Lang, &str) -> String,
) -> impl IntoView + use<> {
    let bars = rows
        .iter()
        .map(|r| Bar {
            label: name(lang, &r.key),
            value: r.count as f64,
            text: format!(
                "{} · {}",
                format::integer(r.count, lang),
                euro(r.amount_cents, lang)
            ),
        })
        .collect();
    view! { <BarChart title=t(lang, title).to_owned() bars=bars empty=t(lang, T::NoFigures) /> }
}

/// The page.
#[component]
pub fn WijkOverviewPage() -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let params = use_params_map();
    let key = move || params.read().get("key").unwrap_or_default();
    Effect::new(move |_| set_title(t(lang.get(), T::StaffOverview)));
    let gate = move || {
        let nr = key().parse::<i16>().ok();
        match (session.ready.get(), session.me.get()) {
            (_, Some(me)) if may_see(&me, nr) => Gate::Open,
            (_, Some(_)) => Gate::Forbidden,
            (false, None) => Gate::Waiting,
            (true, None) => Gate::LogIn,
        }
    };
    let data = LocalResource::new(move || {
        let key = key();
        let token = session.token.get();
        async move {
            if token.is_none() {
                return Ok(None);
            }
            let client = api::authed(&session)?;
            client
                .wijk_overview(&key)
                .await
                .map(Some)
                .map_err(|e| error_text(&e))
        }
    });
    let message = RwSignal::new(None::<String>);
    let download = move |_| {
        let key = key();
        spawn_local(async move {
            let result = match api::authed(&session) {
                Ok(c) => c.wijk_overview_csv(&key).await.map_err(|e| error_text(&e)),
                Err(e) => Err(e),
            };
            let saved = result.and_then(|csv| {
                crate::download::save(
                    &format!("wijk-{key}-overview.csv"),
                    "text/csv",
                    csv.as_bytes(),
                )
            });
            message.set(saved.err());
        });
    };
    view! {
        <p><A href=move || format!("/wijken/{}", key())>{tr(T::BackToOverview)}</A></p>
        {move || match gate() {
            Gate::Open => view! {
                <Transition fallback=move || view! { <p class="loading">{tr(T::Loading)}</p> }>
                    {move || data.get().map(|r| match r {
                        Ok(Some(o)) => view! { <OverviewView overview=o /> }.into_any(),
                        Ok(None) => view! { <p class="loading">{tr(T::Loading)}</p> }.into_any(),
                        Err(e) => view! { <p role="alert">{e}</p> }.into_any(),
                    })}
                </Transition>
                <p>
                    <button type="button" on:click=download>{tr(T::DownloadCsv)}</button>
                    {move || message.get().map(|m| view! { <span class="error" role="alert">{m}</span> })}
                </p>
            }.into_any(),
            other => view! { <h1>{tr(T::StaffOverview)}</h1><Gated gate=other /> }.into_any(),
        }}
    }
}

#[component]
fn OverviewView(overview: WijkOverview) -> impl IntoView {
    let lang = use_lang();
    let l = lang.get_untracked();
    let o = overview;
    let months = o.months.clone();
    let month_bars =
        |value: fn(&samenstad_types::wijk::OverviewMonth) -> f64,
         text: fn(&samenstad_types::wijk::OverviewMonth, Lang) -> String| {
            months
                .iter()
                .map(|m| Bar {
                    label: m.month.clone(),
                    value: value(m),
                    text: text(m, l),
                })
                .collect::<Vec<_>>()
        };
    let idea_bars = month_bars(|m| m.ideas as f64, |m, l| format::integer(m.ideas, l));
    let grant_bars = month_bars(|m| m.awarded_cents as f64, |m, l| euro(m.awarded_cents, l));
    let booking_bars = month_bars(
        |m| m.booked_hours,
        |m, _| format!("{} u", crate::format::fixed(m.booked_hours, 1)),
    );
    view! {
        <h1>{format!("{}: {} {}", t(l, T::StaffOverview), o.wijknr, o.name)}</h1>
        <p><a href=format!("/feedback?wijk={}", o.wijknr)>{if l == crate::i18n::Lang::Nl { "Terugkoppeling: wat werd er van de meldingen en ideeën?" } else { "Feedback: what became of the signals and ideas?" }}</a></p>
        <section aria-labelledby="ov-ideas">
            <h2 id="ov-ideas">{tr(T::IdeasByStatus)}</h2>
            {status_chart(l, T::IdeasByStatus, &o.ideas_by_status, |l, k| labels::named(l, k, labels::idea_status))}
            {status_chart(l, T::ProjectsByStatus, &o.projects_by_status, |l, k| labels::named(l, k, labels::project_status))}
        </section>
        <section aria-labelledby="ov-subsidies">
            <h2 id="ov-subsidies">{tr(T::SubsidiesForWijk)}</h2>
            <dl class="facts">
                <dt>{tr(T::ApplicationsCount)}</dt><dd>{format::integer(o.subsidy_applications, l)}</dd>
                <dt>{tr(T::GrantsCount)}</dt><dd>{format!("{} · {}", format::integer(o.subsidies_awarded, l), euro(o.subsidies_awarded_cents, l))}</dd>
            </dl>
        </section>
        <section aria-labelledby="ov-venues">
            <h2 id="ov-venues">{tr(T::VenueUse)}</h2>
            <dl class="facts">
                <dt>{tr(T::Rooms)}</dt><dd>{format::integer(o.rooms, l)}</dd>
                <dt>{tr(T::BookingsYear)}</dt><dd>{format::integer(o.bookings, l)}</dd>
                <dt>{tr(T::BookedHours)}</dt><dd>{crate::format::fixed(o.booked_hours, 1)}</dd>
                <dt>{tr(T::OccupancyShare)}</dt><dd>{format!("{} %", crate::format::fixed(o.occupancy_percent, 1))}</dd>
            </dl>
        </section>
        <section aria-labelledby="ov-months">
            <h2 id="ov-months">{tr(T::LastTwelveMonths)}</h2>
            <table class="results">
                <thead><tr>
                    <th scope="col">{tr(T::MonthCol)}</th>
                    <th scope="col">{tr(T::IdeasSubmitted)}</th>
                    <th scope="col">{tr(T::ApplicationsSubmitted)}</th>
                    <th scope="col">{tr(T::GrantedPerMonth)}</th>
                    <th scope="col">{tr(T::BookingsCol)}</th>
                    <th scope="col">{tr(T::BookedHours)}</th>
                </tr></thead>
                <tbody>{o.months.iter().map(|m| view! {
                    <tr>
                        <th scope="row">{m.month.clone()}</th>
                        <td class="num">{format::integer(m.ideas, l)}</td>
                        <td class="num">{format::integer(m.applications, l)}</td>
                        <td class="num">{euro(m.awarded_cents, l)}</td>
                        <td class="num">{format::integer(m.bookings, l)}</td>
                        <td class="num">{crate::format::fixed(m.booked_hours, 1)}</td>
                    </tr>
                }).collect_view()}</tbody>
            </table>
            <BarChart title=t(l, T::IdeasSubmitted).to_owned() bars=idea_bars empty=t(l, T::NoFigures) />
            <BarChart title=t(l, T::GrantedPerMonth).to_owned() bars=grant_bars empty=t(l, T::NoFigures) />
            <BarChart title=t(l, T::BookedHours).to_owned() bars=booking_bars empty=t(l, T::NoFigures) />
        </section>
    }
}
