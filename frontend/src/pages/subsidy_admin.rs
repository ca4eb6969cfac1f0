//! The subsidy programme's pages: the jury's list, programme staff's work list (deadlines to
//! send to the jury, applications to decide, pay and close) and the dashboard with its charts.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use samenstad_types::subsidies::{
    ApplicationStatus, ApplicationSummary, ApplicationsQuery, DashboardRow, Scheme, YearQuery,
};
use samenstad_types::{ListWijkenQuery, Wijk};

use crate::api;
use crate::app::set_title;
use crate::components::bar_chart::{Bar, BarChart};
use crate::format::{self, euro};
use crate::i18n::{Lang, T, t, tr, use_lang};
use crate::labels;
use crate::pages::subsidies::{
    SubsidyNav, applications_count, category_label, error_text, is_jury, is_programme_staff,
    scheme_list, this_year, today,
};
use crate::pages::subsidy_application::StaffPanel;
use crate::state::use_session;

/// Who may see a page: still loading, not logged in, not allowed, or allowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Gate {
    Waiting,
    LogIn,
    Forbidden,
    Open,
}

fn gate(allowed: fn(&samenstad_types::account::Me) -> bool) -> impl Fn() -> Gate + Copy {
    let session = use_session();
    move || match (session.ready.get(), session.me.get()) {
        (_, Some(me)) if allowed(&me) => Gate::Open,
        (_, Some(_)) => Gate::Forbidden,
        (false, None) => Gate::Waiting,
        (true, None) => Gate::LogIn,
    }
}

#[component]
pub(crate) fn Gated(gate: Gate) -> impl IntoView {
    match gate {
        Gate::Waiting | Gate::Open => view! { <p class="loading">{tr(T::Loading)}</p> }.into_any(),
        Gate::LogIn => view! { <p><A href="/login">{tr(T::LogIn)}</A></p> }.into_any(),
        Gate::Forbidden => view! { <p role="alert">{tr(T::NotForYou)}</p> }.into_any(),
    }
}

/// Applications of a view (`mine`, `jury`, `all`), reloaded when `version` or `status` changes.
fn applications(
    view: &'static str,
    status: RwSignal<String>,
    version: RwSignal<u32>,
) -> LocalResource<Result<Vec<ApplicationSummary>, String>> {
    let session = use_session();
    LocalResource::new(move || {
        version.track();
        let status = status.get();
        let token = session.token.get();
        async move {
            if token.is_none() {
                return Ok(Vec::new());
            }
            api::authed(&session)?
                .list_applications(&ApplicationsQuery {
                    view: Some(view.to_owned()),
                    scheme: None,
                    status: (!status.is_empty()).then_some(status),
                    ..Default::default()
                })
                .await
                .map_err(|e| error_text(&e))
        }
    })
}

fn title_or_untitled(title: &str, lang: Lang) -> String {
    if title.is_empty() {
        t(lang, T::Untitled).to_owned()
    } else {
        title.to_owned()
    }
}

/// `/subsidies/jury`: the applications a jury member is to score.
#[component]
pub fn JuryPage() -> impl IntoView {
    let lang = use_lang();
    Effect::new(move |_| set_title(t(lang.get(), T::JuryTitle)));
    let allowed = gate(|me| is_jury(me, None));
    let schemes = scheme_list();
    let status = RwSignal::new(String::new());
    let version = RwSignal::new(0u32);
    let data = applications("jury", status, version);
    view! {
        <h1>{tr(T::JuryTitle)}</h1>
        <SubsidyNav />
        <p>{tr(T::JuryIntro)}</p>
        {move || match allowed() {
            Gate::Open => view! {
                <Transition fallback=move || view! { <p class="loading">{tr(T::Loading)}</p> }>
                    {move || data.get().map(|r| match r {
                        Ok(list) if list.is_empty() => view! { <p>{tr(T::NothingToScore)}</p> }.into_any(),
                        Ok(list) => view! {
                            <div class="table-scroll">
                            <table class="results applications">
                                <thead><tr>
                                    <th scope="col">{tr(T::TitleLabel)}</th>
                                    <th scope="col">{tr(T::Applicant)}</th>
                                    <th scope="col">{tr(T::Scheme)}</th>
                                    <th scope="col">{tr(T::Requested)}</th>
                                    <th scope="col">{tr(T::JuryDeadline)}</th>
                                    <th scope="col">{tr(T::Status)}</th>
                                </tr></thead>
                                <tbody>{list.into_iter().map(|a| {
                                    let status = a.status;
                                    view! {
                                        <tr>
                                            <th scope="row"><A href=format!("/subsidies/applications/{}", a.id)>{title_or_untitled(&a.title, lang.get_untracked())}</A></th>
                                            <td>{a.organisation_name.clone().unwrap_or_default()}</td>
                                            <td>{let (sk, ck) = (a.scheme.clone(), a.category.clone()); move || category_label(&schemes.get().unwrap_or_default(), &sk, &ck)}</td>
                                            <td class="num">{move || euro(a.requested_cents, lang.get())}</td>
                                            <td>{a.deadline.clone().unwrap_or_default()}</td>
                                            <td>{move || labels::application_status(lang.get(), status)}</td>
                                        </tr>
                                    }
                                }).collect_view()}</tbody>
                            </table>
                            </div>
                        }.into_any(),
                        Err(e) => view! { <p role="alert">{e}</p> }.into_any(),
                    })}
                </Transition>
            }.into_any(),
            other => view! { <Gated gate=other /> }.into_any(),
        }}
    }
}

/// `/subsidies/admin`: deadlines to send to the jury and applications to decide, pay and close.
#[component]
pub fn ProgrammeAdminPage() -> impl IntoView {
    let lang = use_lang();
    Effect::new(move |_| set_title(t(lang.get(), T::ProgrammeAdmin)));
    let allowed = gate(is_programme_staff);
    let status = RwSignal::new(String::new());
    let version = RwSignal::new(0u32);
    let data = applications("all", status, version);
    let selected = RwSignal::new(None::<(String, String)>);
    let schemes = scheme_list();
    view! {
        <h1>{tr(T::ProgrammeAdmin)}</h1>
        <SubsidyNav />
        {move || match allowed() {
            Gate::Open => view! {
                <Deadlines version=version />
                <section aria-labelledby="work-title">
                    <h2 id="work-title">{tr(T::Applications)}</h2>
                    <p class="field status-filter">
                        <label for="admin-status">{tr(T::Status)}</label>
                        <select id="admin-status" on:change=move |ev| status.set(event_target_value(&ev))>
                            <option value="">{tr(T::AllStatuses)}</option>
                            {ApplicationStatus::ALL.iter().filter(|&&s| s != ApplicationStatus::Draft).map(|&s| view! {
                                <option value=s.as_str()>{move || labels::application_status(lang.get(), s)}</option>
                            }).collect_view()}
                        </select>
                    </p>
                    <Transition fallback=move || view! { <p class="loading">{tr(T::Loading)}</p> }>
                        {move || data.get().map(|r| match r {
                            Ok(list) if list.is_empty() => view! { <p>{tr(T::NoApplications)}</p> }.into_any(),
                            Ok(list) => view! { <AdminTable list=list selected=selected schemes=schemes /> }.into_any(),
                            Err(e) => view! { <p role="alert">{e}</p> }.into_any(),
                        })}
                    </Transition>
                </section>
                {move || selected.get().map(|(id, title)| view! {
                    <section class="handle" aria-labelledby="handle-title">
                        <h2 id="handle-title">{tr(T::Handle)} ": " {title}</h2>
                        <p><A href=format!("/subsidies/applications/{id}")>{tr(T::OpenApplication)}</A></p>
                        <StaffPanel id=id on_change=Callback::new(move |_| version.update(|v| *v += 1)) />
                    </section>
                })}
            }.into_any(),
            other => view! { <Gated gate=other /> }.into_any(),
        }}
    }
}

#[component]
fn AdminTable(
    list: Vec<ApplicationSummary>,
    selected: RwSignal<Option<(String, String)>>,
    schemes: LocalResource<Vec<Scheme>>,
) -> impl IntoView {
    let lang = use_lang();
    let average = |a: Option<f64>, lang: Lang| match a {
        Some(x) => {
            let s = crate::format::fixed(x, 1);
            if lang == Lang::Nl {
                s.replace('.', ",")
            } else {
                s
            }
        }
        None => "–".to_owned(),
    };
    view! {
        <div class="table-scroll">
        <table class="results applications admin">
            <thead><tr>
                <th scope="col">{tr(T::TitleLabel)}</th>
                <th scope="col">{tr(T::Applicant)}</th>
                <th scope="col">{tr(T::Scheme)}</th>
                <th scope="col">{tr(T::Status)}</th>
                <th scope="col">{tr(T::Requested)}</th>
                <th scope="col">{tr(T::Granted)}</th>
                <th scope="col">{tr(T::JuryAverage)}</th>
                <td></td>
            </tr></thead>
            <tbody>{list.into_iter().map(|a| {
                let status = a.status;
                let title = title_or_untitled(&a.title, lang.get_untracked());
                let (id, pick_title, check_id, link_title) = (a.id.clone(), title.clone(), a.id.clone(), title.clone());
                let jury = a.jury_average;
                view! {
                    <tr class=format!("status-{}", a.status)>
                        <th scope="row"><A href=format!("/subsidies/applications/{}", a.id)>{link_title}</A></th>
                        <td>{a.organisation_name.clone().unwrap_or_default()}</td>
                        <td>{let (sk, ck) = (a.scheme.clone(), a.category.clone()); move || category_label(&schemes.get().unwrap_or_default(), &sk, &ck)}</td>
                        <td class="status">{move || labels::application_status(lang.get(), status)}</td>
                        <td class="num">{move || euro(a.requested_cents, lang.get())}</td>
                        <td class="num">{move || a.decided_cents.map(|c| euro(c, lang.get())).unwrap_or_else(|| "–".to_owned())}</td>
                        <td class="num">{move || average(jury, lang.get())}</td>
                        <td><button type="button" class="secondary"
                            aria-expanded=move || selected.with(|s| s.as_ref().is_some_and(|(x, _)| *x == check_id)).to_string()
                            aria-controls="handle-title"
                            on:click=move |_| selected.set(Some((id.clone(), pick_title.clone())))>
                            {tr(T::Handle)}<span class="visually-hidden">{format!(": {}", title.clone())}</span>
                        </button></td>
                    </tr>
                }
            }).collect_view()}</tbody>
        </table>
        </div>
    }
}

/// Per scheme, the jury deadlines that wait for staff: the next one, and any other not yet sent
/// to the jury that has applications.
#[component]
fn Deadlines(version: RwSignal<u32>) -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let own = RwSignal::new(0u32);
    let schemes = LocalResource::new(move || {
        own.track();
        async move {
            api::client()?
                .list_schemes()
                .await
                .map_err(|e| error_text(&e))
        }
    });
    let message = RwSignal::new(None::<(bool, String)>);
    let close = move |id: String| {
        spawn_local(async move {
            let result = match api::authed(&session) {
                Ok(c) => c.close_deadline(&id).await.map_err(|e| error_text(&e)),
                Err(e) => Err(e),
            };
            match result {
                Ok(d) => {
                    message.set(Some((
                        true,
                        format!(
                            "{} {} ({})",
                            t(lang.get_untracked(), T::SentToJury),
                            d.closes_on,
                            applications_count(d.applications, lang.get_untracked())
                        ),
                    )));
                    own.update(|v| *v += 1);
                    version.update(|v| *v += 1);
                }
                Err(e) => message.set(Some((false, e))),
            }
        });
    };
    let today = today();
    view! {
        <section aria-labelledby="deadlines-title">
            <h2 id="deadlines-title">{tr(T::JuryDeadlines)}</h2>
            {move || message.get().map(|(ok, m)| view! { <p class=if ok { "success" } else { "error" } role="status">{m}</p> })}
            <Transition fallback=move || view! { <p class="loading">{tr(T::Loading)}</p> }>
                {move || schemes.get().map(|r| match r {
                    Ok(list) => list.into_iter().filter(|s| s.status != "archived" && !s.deadlines.is_empty()).map(|s| {
                        let next = s.next_deadline(&today).map(|d| d.id.clone());
                        let shown: Vec<_> = s.deadlines.iter().filter(|d| {
                            d.closed_at.is_none() && (Some(&d.id) == next.as_ref() || d.applications > 0)
                        }).cloned().collect();
                        view! {
                            <h3>{s.name.clone()}</h3>
                            <ul class="deadlines">{shown.into_iter().map(|d| {
                                let id = d.id.clone();
                                let n = d.applications;
                                let date = d.closes_on.clone();
                                view! {
                                    <li class="deadline">
                                        <strong>{d.closes_on.clone()}</strong> " · "
                                        {move || applications_count(n, lang.get())} " "
                                        <button type="button" on:click=move |_| close(id.clone())>
                                            {tr(T::SendToJury)}<span class="visually-hidden">{format!(" ({date})")}</span>
                                        </button>
                                    </li>
                                }
                            }).collect_view()}</ul>
                        }
                    }).collect_view().into_any(),
                    Err(e) => view! { <p role="alert">{e}</p> }.into_any(),
                })}
            </Transition>
        </section>
    }
}

/// `/subsidies/dashboard`: a year of the programme in figures and charts.
#[component]
pub fn DashboardPage() -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    Effect::new(move |_| set_title(t(lang.get(), T::Dashboard)));
    let allowed = gate(is_programme_staff);
    let this_year = this_year();
    let year = RwSignal::new(this_year);
    let data = LocalResource::new(move || {
        let year = year.get();
        let token = session.token.get();
        async move {
            if token.is_none() {
                return Ok(None);
            }
            let client = api::authed(&session)?;
            let dashboard = client
                .subsidy_dashboard(&YearQuery {
                    year: Some(year),
                    scheme: None,
                })
                .await
                .map_err(|e| error_text(&e))?;
            let schemes = client.list_schemes().await.unwrap_or_default();
            let wijken = client
                .list_wijken(&ListWijkenQuery::default())
                .await
                .map(|p| p.items)
                .unwrap_or_default();
            Ok::<_, String>(Some((dashboard, schemes, wijken)))
        }
    });
    let message = RwSignal::new(None::<String>);
    let download = move |_| {
        let y = year.get_untracked();
        spawn_local(async move {
            let result = match api::authed(&session) {
                Ok(c) => c
                    .subsidy_dashboard_csv(&YearQuery {
                        year: Some(y),
                        scheme: None,
                    })
                    .await
                    .map_err(|e| error_text(&e)),
                Err(e) => Err(e),
            };
            match result.and_then(|csv| {
                crate::download::save(&format!("subsidies-{y}.csv"), "text/csv", csv.as_bytes())
            }) {
                Ok(()) => message.set(None),
                Err(e) => message.set(Some(e)),
            }
        });
    };
    view! {
        <h1>{tr(T::Dashboard)}</h1>
        <SubsidyNav />
        {move || match allowed() {
            Gate::Open => view! {
                <div class="filters">
                    <p class="field">
                        <label for="dashboard-year">{tr(T::Year)}</label>
                        <select id="dashboard-year" on:change=move |ev| {
                            if let Ok(y) = event_target_value(&ev).parse() { year.set(y); }
                        }>
                            {((this_year - 3)..=(this_year + 1)).rev().map(|y| view! {
                                <option value=y.to_string() selected=move || year.get() == y>{y}</option>
                            }).collect_view()}
                        </select>
                    </p>
                    <p>
                        <button type="button" on:click=download>{tr(T::DownloadCsv)}</button>
                        {move || message.get().map(|m| view! { <span class="error" role="alert">{m}</span> })}
                    </p>
                </div>
                <Transition fallback=move || view! { <p class="loading">{tr(T::Loading)}</p> }>
                    {move || data.get().map(|r| match r {
                        Ok(None) => view! { <p class="loading">{tr(T::Loading)}</p> }.into_any(),
                        Ok(Some((d, schemes, wijken))) => {
                            let lang_now = lang.get();
                            let scheme_name = |key: &str| schemes.iter().find(|s| s.key == key).map(|s| s.name.clone()).unwrap_or_else(|| key.to_owned());
                            let budgets = d.budgets.iter().map(|b| (scheme_name(&b.scheme), b.budget.clone())).collect::<Vec<_>>();
                            let wijk_name = |key: &str| key.parse::<i16>().ok()
                                .and_then(|nr| wijken.iter().find(|w: &&Wijk| w.wijknr == nr).map(|w| w.name.clone()))
                                .unwrap_or_else(|| if key == "stad" { t(lang_now, T::WholeCity).to_owned() } else { key.to_owned() });
                            view! {
                                <section aria-labelledby="budget-title">
                                    <h2 id="budget-title">{move || format!("{} {}", t(lang.get(), T::BudgetUse), d.year)}</h2>
                                    <table class="results budget-table">
                                        <thead><tr>
                                            <th scope="col">{tr(T::Scheme)}</th>
                                            <th scope="col">{tr(T::Budget)}</th>
                                            <th scope="col">{tr(T::Paid)}</th>
                                            <th scope="col">{tr(T::Committed)}</th>
                                            <th scope="col">{tr(T::Left)}</th>
                                        </tr></thead>
                                        <tbody>{budgets.iter().map(|(name, b)| view! {
                                            <tr><th scope="row">{name.clone()}</th>
                                                <td class="num">{euro(b.budget_cents, lang_now)}</td>
                                                <td class="num">{euro(b.paid_cents, lang_now)}</td>
                                                <td class="num">{euro(b.committed_cents, lang_now)}</td>
                                                <td class="num">{euro(b.remaining_cents, lang_now)}</td></tr>
                                        }).collect_view()}</tbody>
                                    </table>
                                    {budgets.into_iter().map(|(name, b)| {
                                        let bar = |label: T, cents: i64| Bar { label: t(lang_now, label).to_owned(), value: cents as f64, text: euro(cents, lang_now) };
                                        view! { <BarChart title=format!("{name}: {} {}", t(lang_now, T::BudgetUse).to_lowercase(), d.year)
                                            bars=vec![bar(T::Budget, b.budget_cents), bar(T::Paid, b.paid_cents), bar(T::Committed, b.committed_cents), bar(T::Left, b.remaining_cents)]
                                            empty=t(lang_now, T::NoFigures) /> }
                                    }).collect_view()}
                                </section>
                                <section aria-labelledby="pipeline-title">
                                    <h2 id="pipeline-title">{tr(T::Pipeline)}</h2>
                                    {chart(lang_now, T::ByStatus, &d.by_status, |k, l| labels::named(l, k, labels::application_status))}
                                    {chart(lang_now, T::ByDeadline, &d.by_deadline, |k, _| k.to_owned())}
                                    {chart(lang_now, T::ByApplicantKind, &d.by_applicant_kind, |k, l| labels::named(l, k, labels::applicant_kind))}
                                    {chart(lang_now, T::ByWijk, &d.by_wijk, |k, _| wijk_name(k))}
                                    {chart(lang_now, T::ByTargetGroup, &d.by_target_group, |k, l| labels::named(l, k, labels::target_group))}
                                    {chart(lang_now, T::ByScope, &d.by_scope, |k, l| labels::named(l, k, labels::scope))}
                                </section>
                            }.into_any()
                        }
                        Err(e) => view! { <p role="alert">{e}</p> }.into_any(),
                    })}
                </Transition>
            }.into_any(),
            other => view! { <Gated gate=other /> }.into_any(),
        }}
    }
}

/// One dashboard dimension as a bar chart: bar = applications, text = applications, awarded
/// and the awarded amount.
fn chart(
    lang: Lang,
    title: T,
    rows: &[DashboardRow],
    name: impl Fn(&str, Lang) -> String,
) -> impl IntoView {
    let bars = rows
        .iter()
        .map(|r| Bar {
            label: name(&r.key, lang),
            value: r.applications as f64,
            text: format!(
                "{} · {} {} · {}",
                applications_count(r.applications, lang),
                format::integer(r.awarded, lang),
                t(lang, T::AwardedLower),
                euro(r.awarded_cents, lang)
            ),
        })
        .collect();
    view! { <BarChart title=t(lang, title).to_owned() bars=bars empty=t(lang, T::NoFigures) /> }
}
