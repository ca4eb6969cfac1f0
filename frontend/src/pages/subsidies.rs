//! Subsidies for residents: the scheme finder with the list of schemes, starting an
//! application, my applications, and co-signing someone else's. The application itself (the
//! wizard, the read-only view, jury scores, staff decisions) is in `subsidy_application`; the
//! programme's pages in `subsidy_admin`.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};
use samenstad_types::FieldError;
use samenstad_types::account::Me;
use samenstad_types::subsidies::{
    ApplicationDraft, ApplicationsQuery, FinderQuery, NewApplication, Scheme, SchemeRules,
};

use crate::api;
use crate::app::set_title;
use crate::format::{self, euro};
use crate::i18n::{Lang, T, t, tr, use_lang};
use crate::labels;
use crate::state::use_session;

/// Today in the browser's time zone, as `YYYY-MM-DD`.
/// The current year in Brussels (from [`today`]).
pub(crate) fn this_year() -> i32 {
    today()
        .get(..4)
        .and_then(|y| y.parse::<i32>().ok())
        .unwrap_or(2026)
}

pub(crate) fn today() -> String {
    format::local_date(&js_sys::Date::new_0())
}

/// Whether the person runs subsidy programmes.
pub(crate) fn is_programme_staff(me: &Me) -> bool {
    me.roles
        .iter()
        .any(|r| r.role == "admin" || r.role == "programme_admin")
}

/// Whether the person sits on a jury (of `scheme_id`, or of any scheme).
pub(crate) fn is_jury(me: &Me, scheme_id: Option<&str>) -> bool {
    me.roles.iter().any(|r| {
        r.role == "jury_member" && scheme_id.is_none_or(|s| r.scope_id.as_deref() == Some(s))
    })
}

/// What went wrong, for people: the problem's detail and its field errors.
pub(crate) fn error_text(e: &samenstad_client::Error) -> String {
    match e {
        samenstad_client::Error::Api(p) => {
            let mut out = p.detail.clone().unwrap_or_else(|| p.title.clone());
            for f in &p.errors {
                out.push_str(&format!(" {}: {}.", f.field, f.message));
            }
            out
        }
        other => other.to_string(),
    }
}

/// Every scheme, to name schemes and categories in lists that carry only their keys.
pub(crate) fn scheme_list() -> LocalResource<Vec<Scheme>> {
    LocalResource::new(|| async {
        match api::client() {
            Ok(c) => c.list_schemes().await.unwrap_or_default(),
            Err(_) => Vec::new(),
        }
    })
}

/// "Samen aan Zet · Tot €2.000" for the keys `samen-aan-zet` and `tot_2000`.
pub(crate) fn category_label(schemes: &[Scheme], scheme: &str, category: &str) -> String {
    match schemes.iter().find(|s| s.key == scheme) {
        Some(s) => format!(
            "{} · {}",
            s.name,
            s.rules
                .categories
                .iter()
                .find(|c| c.key == category)
                .map_or(category, |c| c.name.as_str())
        ),
        None => format!("{scheme} · {category}"),
    }
}

/// "1 aanvraag", "3 aanvragen".
pub(crate) fn applications_count(n: i64, lang: Lang) -> String {
    let word = if n == 1 {
        T::ApplicationOne
    } else {
        T::ApplicationsLower
    };
    format!("{} {}", format::integer(n, lang), t(lang, word))
}

/// Sub-navigation of the subsidy pages, by role.
#[component]
pub(crate) fn SubsidyNav() -> impl IntoView {
    let session = use_session();
    let me = move || session.me.get();
    view! {
        <nav class="sub-nav" aria-label=tr(T::SubsidyPages)>
            <A href="/subsidies">{tr(T::FindSubsidy)}</A>
            <A href="/grants">{crate::staff::tx("Toegekende subsidies", "Awarded grants")}</A>
            <a href="/api/v1/subsidies/deadlines.ics">{crate::staff::tx("Deadlines in je agenda (iCal)", "Deadlines in your calendar (iCal)")}</a>
            <Show when=move || me().is_some()>
                <A href="/subsidies/mine">{tr(T::MyApplications)}</A>
            </Show>
            <Show when=move || me().is_some_and(|m| is_jury(&m, None))>
                <A href="/subsidies/jury">{tr(T::JuryTitle)}</A>
            </Show>
            <Show when=move || me().is_some_and(|m| is_programme_staff(&m))>
                <A href="/subsidies/admin">{tr(T::ProgrammeAdmin)}</A>
                <A href="/subsidies/schemes">{crate::staff::tx("Regelingen", "Schemes")}</A>
                <A href="/subsidies/dashboard">{tr(T::Dashboard)}</A>
            </Show>
        </nav>
    }
}

/// What the rules say of a draft, in the reader's language. The domain writes its messages in
/// English; Dutch readers get the same rule in Dutch, with the figures taken from the rules and
/// the draft, and the English message for a rule this list does not know.
pub(crate) fn problem_text(
    lang: Lang,
    p: &FieldError,
    rules: &SchemeRules,
    draft: &ApplicationDraft,
    ctx: &samenstad_domain::subsidy::Context<'_>,
) -> String {
    use samenstad_domain::subsidy::{category, cosignatures_required, earliest_start};
    if lang == Lang::En {
        return p.message.clone();
    }
    let cat = category(rules, &draft.category);
    let amounts = |list: &[i64]| {
        list.iter()
            .map(|c| euro(*c, lang))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let total: i64 = draft
        .budget_lines
        .iter()
        .map(|l| l.amount_cents.max(0))
        .sum();
    let field = p.field.as_str();
    match (field, p.code.as_str()) {
        ("scheme", "archived") => "deze regeling neemt geen aanvragen meer aan".to_owned(),
        ("organisation_id", "applicant_kind") => format!(
            "een {} kan hier niet aanvragen; deze regeling is voor: {}",
            labels::named(lang, ctx.applicant_kind, labels::applicant_kind),
            rules
                .applicant_kinds
                .iter()
                .map(|k| labels::named(lang, k, labels::applicant_kind))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        ("title", "required") => "geef een titel van minstens 3 tekens".to_owned(),
        ("description", "required") => "beschrijf het initiatief in minstens 20 tekens".to_owned(),
        ("themes", "required") => "kies minstens één thema".to_owned(),
        ("themes", "unknown") => "kies thema's van deze regeling".to_owned(),
        ("target_groups", "unknown") => "kies doelgroepen uit de lijst".to_owned(),
        ("scope", "invalid") => "kies één wijk, meerdere wijken of de hele stad".to_owned(),
        ("wijken", "scope") => {
            "kies één wijk voor ‘één wijk’, twee of meer voor ‘meerdere wijken’".to_owned()
        }
        ("wijken", "unknown") => "de wijken zijn genummerd van 1 tot 25".to_owned(),
        ("category", "unknown") => "kies een categorie".to_owned(),
        ("category", "no_deadline") => "deze categorie heeft geen open jurydeadline".to_owned(),
        ("requested_cents", "flat_amount") => format!(
            "kies een van deze bedragen: {}",
            amounts(cat.map(|c| c.flat_amounts_cents.as_slice()).unwrap_or(&[]))
        ),
        ("requested_cents", "required") => "vraag een bedrag".to_owned(),
        ("requested_cents", "over_maximum") => format!(
            "deze categorie geeft hoogstens {}",
            euro(cat.and_then(|c| c.max_cents).unwrap_or(0), lang)
        ),
        ("requested_cents", "under_minimum") => format!(
            "deze categorie begint bij {}; kies een kleinere categorie",
            euro(cat.and_then(|c| c.min_cents).unwrap_or(0), lang)
        ),
        ("requested_cents", "over_costs") => format!(
            "je vraagt meer dan de kosten die je opsomt ({})",
            euro(total, lang)
        ),
        ("starts_on", "invalid") | ("ends_on", "invalid") => "geef een datum".to_owned(),
        ("starts_on", "required") => "geef de eerste dag".to_owned(),
        ("ends_on", "required") => "geef de laatste dag".to_owned(),
        ("ends_on", "order") => "de laatste dag valt voor de eerste".to_owned(),
        ("ends_on", "duration") => format!(
            "een initiatief duurt hoogstens {} maanden",
            rules.max_duration_months
        ),
        ("starts_on", "lead_time") => match cat {
            Some(c) => format!(
                "{} dagen tussen {} en de start: begin op {} of later",
                c.lead_days,
                if c.review == "jury" {
                    "de jurydeadline"
                } else {
                    "het indienen"
                },
                earliest_start(c, ctx.today, ctx.next_deadline)
                    .map(|d| d.to_string())
                    .unwrap_or_default()
            ),
            None => p.message.clone(),
        },
        ("budget_lines", "required") => "som de kosten op, één lijn per soort kost".to_owned(),
        ("budget_lines", code) if code.starts_with("cap_") => {
            let kind = &code[4..];
            let spent: i64 = draft
                .budget_lines
                .iter()
                .filter(|l| l.kind == kind)
                .map(|l| l.amount_cents.max(0))
                .sum();
            let max = rules
                .spending_caps
                .iter()
                .find(|c| c.kind == kind)
                .map(|c| c.max_percent)
                .unwrap_or(0);
            format!(
                "hoogstens {max}% van de kosten mag naar {} gaan ({} van {})",
                labels::named(lang, kind, labels::line_kind).to_lowercase(),
                euro(spent, lang),
                euro(total, lang)
            )
        }
        ("cosignatures", "missing") => format!(
            "er zijn handtekeningen van {} andere bewoners nodig; er zijn er {}",
            cosignatures_required(rules, ctx.applicant_kind),
            ctx.cosignatures
        ),
        (f, "invalid") if f.ends_with(".kind") => "kies een soort kost".to_owned(),
        (f, "required") if f.ends_with(".amount_cents") => "geef het bedrag".to_owned(),
        _ => p.message.clone(),
    }
}

/// `/subsidies`: which subsidy fits my idea, and every scheme.
#[component]
pub fn SubsidyFinder() -> impl IntoView {
    let lang = use_lang();
    Effect::new(move |_| set_title(t(lang.get(), T::Subsidies)));
    let amount = RwSignal::new(String::new());
    let theme = RwSignal::new(String::new());
    let schemes = LocalResource::new(|| async {
        api::client()?
            .list_schemes()
            .await
            .map_err(|e| error_text(&e))
    });
    let fits = LocalResource::new(move || {
        let amount = amount.get();
        let theme = theme.get();
        async move {
            let query = FinderQuery {
                amount_cents: format::parse_euro(&amount),
                theme: (!theme.is_empty()).then_some(theme),
            };
            api::client()?
                .find_subsidies(&query)
                .await
                .map_err(|e| error_text(&e))
        }
    });
    let amount_invalid =
        move || !amount.get().trim().is_empty() && format::parse_euro(&amount.get()).is_none();
    let themes = move || {
        let mut all: Vec<String> = schemes
            .get()
            .and_then(Result::ok)
            .unwrap_or_default()
            .into_iter()
            .filter(|s| s.status != "archived")
            .flat_map(|s| s.rules.themes)
            .collect();
        all.sort();
        all.dedup();
        all
    };
    let this_year = this_year();
    view! {
        <h1>{tr(T::Subsidies)}</h1>
        <SubsidyNav />
        <p>{tr(T::SubsidiesIntro)}</p>
        <section aria-labelledby="finder-title">
            <h2 id="finder-title">{tr(T::WhichSubsidyFits)}</h2>
            <form class="filters" role="search" on:submit=|ev| ev.prevent_default()>
                <p class="field">
                    <label for="finder-amount">{tr(T::HowMuchNeeded)}</label>
                    <input id="finder-amount" inputmode="decimal" autocomplete="off"
                        aria-describedby="finder-amount-error"
                        aria-invalid=move || amount_invalid().to_string()
                        prop:value=amount on:input=move |ev| amount.set(event_target_value(&ev)) />
                    <span id="finder-amount-error" class="error">{move || amount_invalid().then(|| t(lang.get(), T::NotAnAmount))}</span>
                </p>
                <p class="field">
                    <label for="finder-theme">{tr(T::Theme)}</label>
                    <select id="finder-theme" on:change=move |ev| theme.set(event_target_value(&ev))>
                        <option value="">{tr(T::AnyTheme)}</option>
                        {move || themes().into_iter().map(|th| {
                            let name = th.clone();
                            view! { <option value=th>{move || labels::theme(lang.get(), &name)}</option> }
                        }).collect_view()}
                    </select>
                </p>
            </form>
            <Transition fallback=move || view! { <p class="loading">{tr(T::Loading)}</p> }>
                {move || fits.get().map(|r| match r {
                    Ok(list) if list.is_empty() => view! { <p>{tr(T::NothingFits)}</p> }.into_any(),
                    Ok(list) => view! {
                        <div class="table-scroll">
                        <table class="results fits">
                            <caption>{tr(T::FittingCategories)}</caption>
                            <thead><tr>
                                <th scope="col">{tr(T::Scheme)}</th>
                                <th scope="col">{tr(T::Category)}</th>
                                <th scope="col">{tr(T::Amount)}</th>
                                <th scope="col">{tr(T::Review)}</th>
                                <th scope="col">{tr(T::EarliestStart)}</th>
                                <th scope="col">{tr(T::NextDeadline)}</th>
                                <td></td>
                            </tr></thead>
                            <tbody>{list.into_iter().map(|f| {
                                let review = f.review;
                                let flat = schemes.get().and_then(Result::ok).unwrap_or_default().iter()
                                    .filter(|s| s.key == f.scheme)
                                    .flat_map(|s| s.rules.categories.iter())
                                    .any(|c| c.key == f.category && !c.flat_amounts_cents.is_empty());
                                let amount = f.amount_cents;
                                let href = format!("/subsidies/apply/{}?category={}", f.scheme, f.category);
                                view! {
                                    <tr>
                                        <td>{f.scheme_name.clone()}</td>
                                        <th scope="row">{f.category_name.clone()}</th>
                                        <td class="num">{move || if flat {
                                            euro(amount, lang.get())
                                        } else {
                                            format!("{} {}", t(lang.get(), T::UpTo), euro(amount, lang.get()))
                                        }}</td>
                                        <td>{move || labels::review_mode(lang.get(), review)}</td>
                                        <td>{f.earliest_start.clone().unwrap_or_else(|| "–".to_owned())}</td>
                                        <td>{f.next_deadline.clone().unwrap_or_else(|| "–".to_owned())}</td>
                                        <td><A href=href attr:class="button">{tr(T::Apply)}
                                            <span class="visually-hidden">{format!(": {} – {}", f.scheme_name, f.category_name)}</span></A></td>
                                    </tr>
                                }
                            }).collect_view()}</tbody>
                        </table>
                        </div>
                    }.into_any(),
                    Err(e) => view! { <p role="alert">{e}</p> }.into_any(),
                })}
            </Transition>
        </section>
        <section aria-labelledby="schemes-title">
            <h2 id="schemes-title">{tr(T::AllSchemes)}</h2>
            // Shown once the fits above are there, so the cards do not move down when the fits
            // arrive after them (a layout shift Lighthouse measured at 0.41).
            <Transition fallback=move || view! { <p class="loading">{tr(T::Loading)}</p> }>
                {move || fits.get().and_then(|_| schemes.get()).map(|r| match r {
                    Ok(list) => {
                        let names: Vec<(String, String)> = list.iter().map(|s| (s.key.clone(), s.name.clone())).collect();
                        list.into_iter().map(|s| {
                            let replaced = s.replaced_by.as_ref().map(|k| names.iter().find(|(key, _)| key == k).map(|(_, n)| n.clone()).unwrap_or_else(|| k.clone()));
                            view! { <SchemeCard scheme=s replaced_by=replaced year=this_year /> }
                        }).collect_view().into_any()
                    }
                    Err(e) => view! { <p role="alert">{e}</p> }.into_any(),
                })}
            </Transition>
        </section>
    }
}

#[component]
fn SchemeCard(scheme: Scheme, replaced_by: Option<String>, year: i32) -> impl IntoView {
    let lang = use_lang();
    let archived = scheme.status == "archived";
    let status = scheme.status;
    let left = scheme
        .budgets
        .iter()
        .find(|b| b.year == year)
        .map(|b| b.remaining_cents);
    let next = scheme.next_deadline(&today()).map(|d| d.closes_on.clone());
    let categories = scheme.rules.categories.clone();
    view! {
        <article class=if archived { "scheme archived" } else { "scheme" }>
            <h3>{scheme.name.clone()} " "
                <span class="badge">{move || labels::scheme_status(lang.get(), status)}</span></h3>
            {replaced_by.map(|name| view! { <p class="notice">{tr(T::ReplacedBy)} " " {name}</p> })}
            <p>{scheme.purpose.clone()}</p>
            <p class="meta">{scheme.owner_service.clone()}</p>
            {(!archived).then(|| view! {
                <ul class="categories">{categories.into_iter().map(|c| view! {
                    <li>{c.name.clone()} " (" {let r = c.review.clone(); move || labels::named(lang.get(), &r, labels::review_mode)} ")"</li>
                }).collect_view()}</ul>
            })}
            {left.map(|cents| view! {
                <p class="budget-left">{move || format!("{} {year}: {}", t(lang.get(), T::BudgetLeftIn), euro(cents, lang.get()))}</p>
            })}
            {(!archived).then(|| next.map(|d| view! { <p>{tr(T::NextDeadline)} ": " {d}</p> }))}
        </article>
    }
}

/// `/subsidies/apply/:scheme?category=`: choose who applies, then start the draft.
#[component]
pub fn ApplyPage() -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let params = use_params_map();
    let query = use_query_map();
    let navigate = use_navigate();
    Effect::new(move |_| set_title(t(lang.get(), T::StartApplication)));
    let key = move || params.read().get("scheme").unwrap_or_default();
    let scheme = LocalResource::new(move || {
        let key = key();
        async move {
            api::client()?
                .get_scheme(&key)
                .await
                .map_err(|e| error_text(&e))
        }
    });
    let category = RwSignal::new(String::new());
    Effect::new(move |_| category.set(query.read().get("category").unwrap_or_default()));
    // A scheme with one category needs no choice.
    Effect::new(move |_| {
        if let Some(Ok(Some(s))) = scheme.get()
            && let [only] = s.rules.categories.as_slice()
            && category.get_untracked().is_empty()
        {
            category.set(only.key.clone());
        }
    });
    let organisation = RwSignal::new(String::new());
    // The first organisation is the likely applicant.
    Effect::new(move |_| {
        if let Some(me) = session.me.get()
            && let Some(first) = me.organisations.first()
            && organisation.get_untracked().is_empty()
        {
            organisation.set(first.organisation_id.clone());
        }
    });
    let message = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let start = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let navigate = navigate.clone();
        let org = organisation.get_untracked();
        let body = NewApplication {
            scheme: key(),
            draft: ApplicationDraft {
                category: category.get_untracked(),
                organisation_id: (!org.is_empty()).then_some(org),
                scope: "wijk".to_owned(),
                ..Default::default()
            },
        };
        busy.set(true);
        spawn_local(async move {
            let result = match api::authed(&session) {
                Ok(c) => c
                    .create_application(&body)
                    .await
                    .map_err(|e| error_text(&e)),
                Err(e) => Err(e),
            };
            busy.set(false);
            match result {
                Ok(app) => navigate(
                    &format!("/subsidies/applications/{}", app.id),
                    Default::default(),
                ),
                Err(e) => message.set(Some(e)),
            }
        });
    };
    view! {
        <SubsidyNav />
        <Transition fallback=move || view! { <p class="loading">{tr(T::Loading)}</p> }>
            {move || scheme.get().map(|r| match r {
                Ok(Some(s)) => {
                    let start = start.clone();
                    let archived = s.status == "archived";
                    let categories = s.rules.categories.clone();
                    let kinds = s.rules.applicant_kinds.clone();
                    let person_ok = kinds.iter().any(|k| k == "person");
                    view! {
                        <h1>{tr(T::StartApplication)} ": " {s.name.clone()}</h1>
                        <p>{s.purpose.clone()}</p>
                        <p class="meta">{tr(T::WhoMayApply)} ": "
                            {move || kinds.iter().map(|k| labels::named(lang.get(), k, labels::applicant_kind)).collect::<Vec<_>>().join(", ")}</p>
                        {if archived {
                            view! { <p role="alert">{tr(T::SchemeArchived)}</p> }.into_any()
                        } else {
                            view! {
                                <Show when=move || session.me.get().is_some() fallback=move || view! {
                                    <p><A href="/login">{tr(T::LogInToApply)}</A></p>
                                }>
                                    <form class="apply-form" on:submit=start.clone()>
                                        <p class="field">
                                            <label for="apply-category">{tr(T::Category)}</label>
                                            <select id="apply-category" required=true on:change=move |ev| category.set(event_target_value(&ev))>
                                                <option value="">{tr(T::ChooseCategory)}</option>
                                                {categories.clone().into_iter().map(|c| {
                                                    let key = c.key.clone();
                                                    view! { <option value=c.key.clone() selected=move || category.get() == key>{c.name.clone()}</option> }
                                                }).collect_view()}
                                            </select>
                                        </p>
                                        <p class="field">
                                            <label for="apply-applicant">{tr(T::Applicant)}</label>
                                            <select id="apply-applicant" on:change=move |ev| organisation.set(event_target_value(&ev))>
                                                {move || session.me.get().map(|me| me.organisations.into_iter().map(|o| {
                                                    let id = o.organisation_id.clone();
                                                    view! { <option value=o.organisation_id.clone() selected=move || organisation.get() == id>
                                                        {move || t(lang.get(), T::AsOrganisation)} " " {o.name.clone()}</option> }
                                                }).collect_view())}
                                                <option value="" selected=move || organisation.get().is_empty()>{tr(T::AsPerson)}</option>
                                            </select>
                                            {(!person_ok).then(|| view! { <span class="hint">{tr(T::PersonNotAllowed)}</span> })}
                                        </p>
                                        {move || message.get().map(|m| view! { <p class="error" role="alert">{m}</p> })}
                                        <button type="submit" disabled=move || busy.get()>{tr(T::StartApplication)}</button>
                                    </form>
                                </Show>
                            }.into_any()
                        }}
                    }.into_any()
                }
                Ok(None) => view! { <p role="alert">{tr(T::NotFoundTitle)}</p> }.into_any(),
                Err(e) => view! { <p role="alert">{e}</p> }.into_any(),
            })}
        </Transition>
    }
}

/// `/subsidies/mine`: my applications and those of my organisations.
#[component]
pub fn MyApplications() -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    Effect::new(move |_| set_title(t(lang.get(), T::MyApplications)));
    let schemes = scheme_list();
    let data = LocalResource::new(move || {
        let token = session.token.get();
        let ready = session.ready.get();
        async move {
            if token.is_none() {
                return if ready { Err(None) } else { Ok(None) };
            }
            api::authed(&session)
                .map_err(Some)?
                .list_applications(&ApplicationsQuery {
                    view: Some("mine".to_owned()),
                    ..Default::default()
                })
                .await
                .map(Some)
                .map_err(|e| Some(error_text(&e)))
        }
    });
    view! {
        <h1>{tr(T::MyApplications)}</h1>
        <SubsidyNav />
        <Transition fallback=move || view! { <p class="loading">{tr(T::Loading)}</p> }>
            {move || data.get().map(|r| match r {
                Ok(None) => view! { <p class="loading">{tr(T::Loading)}</p> }.into_any(),
                Ok(Some(list)) if list.is_empty() => view! {
                    <p>{tr(T::NoApplicationsYet)} " " <A href="/subsidies">{tr(T::FindSubsidy)}</A></p>
                }.into_any(),
                Ok(Some(list)) => view! {
                    <div class="table-scroll">
                    <table class="results applications">
                        <thead><tr>
                            <th scope="col">{tr(T::TitleLabel)}</th>
                            <th scope="col">{tr(T::Scheme)}</th>
                            <th scope="col">{tr(T::Status)}</th>
                            <th scope="col">{tr(T::Requested)}</th>
                            <th scope="col">{tr(T::Granted)}</th>
                            <th scope="col">{tr(T::LastChange)}</th>
                        </tr></thead>
                        <tbody>{list.into_iter().map(|a| {
                            let status = a.status;
                            let title = if a.title.is_empty() { None } else { Some(a.title.clone()) };
                            view! {
                                <tr class=format!("status-{}", a.status)>
                                    <th scope="row"><A href=format!("/subsidies/applications/{}", a.id)>
                                        {move || title.clone().unwrap_or_else(|| t(lang.get(), T::Untitled).to_owned())}</A></th>
                                    <td>{let (sk, ck) = (a.scheme.clone(), a.category.clone()); move || category_label(&schemes.get().unwrap_or_default(), &sk, &ck)}</td>
                                    <td class="status">{move || labels::application_status(lang.get(), status)}</td>
                                    <td class="num">{move || euro(a.requested_cents, lang.get())}</td>
                                    <td class="num">{move || a.decided_cents.map(|c| euro(c, lang.get())).unwrap_or_else(|| "–".to_owned())}</td>
                                    <td>{format::date(&a.updated_at)}</td>
                                </tr>
                            }
                        }).collect_view()}</tbody>
                    </table>
                    </div>
                }.into_any(),
                Err(None) => view! { <p><A href="/login">{tr(T::LogIn)}</A></p> }.into_any(),
                Err(Some(e)) => view! { <p role="alert">{e}</p> }.into_any(),
            })}
        </Transition>
    }
}

/// `/subsidies/cosign/:token`: a resident reads the initiative and signs it.
#[component]
pub fn CosignPage() -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let params = use_params_map();
    Effect::new(move |_| set_title(t(lang.get(), T::CosignTitle)));
    let token = move || params.read().get("token").unwrap_or_default();
    let data = LocalResource::new(move || {
        let token = token();
        async move {
            api::client()?
                .cosignature_request(&token)
                .await
                .map_err(|e| error_text(&e))
        }
    });
    let signed = RwSignal::new(None::<i32>);
    let message = RwSignal::new(None::<String>);
    let sign = move |_| {
        let token = token();
        spawn_local(async move {
            let result = match api::authed(&session) {
                Ok(c) => c.cosign(&token).await.map_err(|e| error_text(&e)),
                Err(e) => Err(e),
            };
            match result {
                Ok(r) => signed.set(Some(r.cosignatures)),
                Err(e) => message.set(Some(e)),
            }
        });
    };
    view! {
        <h1>{tr(T::CosignTitle)}</h1>
        <Transition fallback=move || view! { <p class="loading">{tr(T::Loading)}</p> }>
            {move || data.get().map(|r| match r {
                Ok(req) => view! {
                    <article class="cosign">
                        <h2>{req.title.clone()}</h2>
                        {req.organisation_name.clone().map(|o| view! { <p class="meta">{o}</p> })}
                        <p class="idea-body">{req.description.clone()}</p>
                        <p>{move || format!("{}: {}", t(lang.get(), T::CosignaturesSoFar), signed.get().unwrap_or(req.cosignatures))}</p>
                        <p class="meta">{tr(T::LinkValidUntil)} " " {format::date(&req.expires_at)}</p>
                        <p class="hint">{tr(T::CosignExplain)}</p>
                        <Show when=move || session.me.get().is_some() fallback=move || view! {
                            <p><A href="/login">{tr(T::LogInToCosign)}</A></p>
                        }>
                            <Show when=move || signed.get().is_none() fallback=move || view! {
                                <p class="success" role="status">{tr(T::Cosigned)}</p>
                            }>
                                <button type="button" class="primary" on:click=sign>{tr(T::Cosign)}</button>
                            </Show>
                        </Show>
                        {move || message.get().map(|m| view! { <p class="error" role="alert">{m}</p> })}
                    </article>
                }.into_any(),
                Err(e) => view! { <p role="alert">{e}</p> }.into_any(),
            })}
        </Transition>
    }
}
