//! The staff area: the back office of the wijkbudget for wijk staff, programme administrators
//! and administrators. One entry in the header (`/staff`); each page shows only what the
//! person's roles allow, and the server checks every action again.
//!
//! Shared here: the bilingual text helper, who may see what, the wijk picker, form drafts that
//! survive an error or a reload, and the action runner that shows the server's reason.

pub mod contacts;
pub mod ideas;
pub mod organisations;
pub mod panels;
pub mod programme;
pub mod projects;
pub mod proposals;
pub mod venue_changes;
pub mod votes;

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use samenstad_types::account::Me;
use samenstad_types::{ListWijkenQuery, Wijk};

use crate::api;
use crate::app::set_title;
use crate::i18n::{Lang, use_lang};
use crate::pages::subsidies::error_text;
use crate::state::{SessionState, use_session};

/// A text in Dutch and English that follows the language switch, for use in views.
pub fn tx(nl: &'static str, en: &'static str) -> impl Fn() -> &'static str + Copy + Send + Sync {
    let lang = use_lang();
    move || pick(lang.get(), nl, en)
}

/// A text in the given language.
pub fn pick(lang: Lang, nl: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Nl => nl,
        Lang::En => en,
    }
}

/// Which wijken a person works for: `None` when all (administrators), else the wijken of their
/// `wijk_staff` roles (possibly none).
pub fn staff_wijken(me: &Me) -> Option<Vec<i16>> {
    if me.roles.iter().any(|r| r.role == "admin") {
        return None;
    }
    Some(
        me.roles
            .iter()
            .filter(|r| r.role == "wijk_staff")
            .filter_map(|r| r.wijknr)
            .collect(),
    )
}

/// Whether the person has any staff role of the wijkbudget.
pub fn is_staff(me: &Me) -> bool {
    me.roles.iter().any(|r| {
        matches!(
            r.role.as_str(),
            "admin" | "programme_admin" | "wijk_staff" | "service_staff"
        )
    })
}

/// Whether the person may change the programme's wijken (method, vulnerability index).
pub fn is_programme_admin(me: &Me) -> bool {
    me.roles
        .iter()
        .any(|r| r.role == "admin" || r.role == "programme_admin")
}

/// A form field whose text survives an error and a reload: kept in this tab's session storage
/// under `key` until the form is sent (then cleared with `set(String::new())`).
pub fn draft(key: impl Into<String>) -> RwSignal<String> {
    draft_or(key, String::new())
}

/// A draft (see [`draft`]) that starts from `initial` when nothing was typed yet.
pub fn draft_or(key: impl Into<String>, initial: String) -> RwSignal<String> {
    let key = format!("samenstad.draft.{}", key.into());
    let storage = window().session_storage().ok().flatten();
    let initial = storage
        .as_ref()
        .and_then(|s| s.get_item(&key).ok().flatten())
        .unwrap_or(initial);
    let signal = RwSignal::new(initial);
    Effect::new(move |_| {
        let value = signal.get();
        if let Ok(Some(s)) = window().session_storage() {
            let _ = if value.is_empty() {
                s.remove_item(&key)
            } else {
                s.set_item(&key, &value)
            };
        }
    });
    signal
}

/// Runs an action as the logged-in person. On failure the server's reason (the problem's
/// detail and field errors) goes to `message`; on success `message` is cleared and `done` runs.
/// (`session` is taken from the component, not looked up in the event handler.)
pub fn act<T, Fut>(
    session: SessionState,
    message: RwSignal<Option<String>>,
    call: impl FnOnce(samenstad_client::Client) -> Fut + 'static,
    done: impl FnOnce(T) + 'static,
) where
    T: 'static,
    Fut: std::future::Future<Output = Result<T, samenstad_client::Error>> + 'static,
{
    spawn_local(async move {
        let result = match api::authed(&session) {
            Ok(c) => call(c).await.map_err(|e| error_text(&e)),
            Err(e) => Err(e),
        };
        match result {
            Ok(value) => {
                message.set(None);
                done(value);
            }
            Err(e) => message.set(Some(e)),
        }
    });
}

/// The page's notice: what the last action did. Pages provide it ([`provide_notice`]) and the
/// staff menu shows it, so it survives the lists re-rendering after a change.
#[derive(Debug, Clone, Copy)]
struct Notice(RwSignal<Option<String>>);

/// Provides the page's notice (call first in a staff page).
pub fn provide_notice() {
    provide_context(Notice(RwSignal::new(None)));
}

/// The page's notice; a detached one outside a staff page.
pub fn notice() -> RwSignal<Option<String>> {
    use_context::<Notice>().map_or_else(|| RwSignal::new(None), |n| n.0)
}

/// The message line of a form: the server's reason for a refusal.
#[component]
pub fn Problem(message: RwSignal<Option<String>>) -> impl IntoView {
    move || {
        message
            .get()
            .map(|m| view! { <p class="error" role="alert">{m}</p> })
    }
}

/// A line that says an action worked.
#[component]
pub fn Done(message: RwSignal<Option<String>>) -> impl IntoView {
    move || {
        message
            .get()
            .map(|m| view! { <p class="success" role="status">{m}</p> })
    }
}

/// Who may see a staff page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// The session is still being restored.
    Waiting,
    /// Nobody is logged in.
    LogIn,
    /// Logged in without a staff role.
    Forbidden,
    /// A staff member.
    Open,
}

/// Whether the logged-in person may see a page that needs `allowed`.
pub fn access(allowed: fn(&Me) -> bool) -> impl Fn() -> Access + Copy {
    let session = use_session();
    move || match (session.ready.get(), session.me.get()) {
        (_, Some(me)) if allowed(&me) => Access::Open,
        (_, Some(_)) => Access::Forbidden,
        (false, None) => Access::Waiting,
        (true, None) => Access::LogIn,
    }
}

/// What a staff page shows instead of itself to who may not see it.
#[component]
pub fn Closed(access: Access) -> impl IntoView {
    match access {
        Access::Waiting | Access::Open => {
            view! { <p class="loading">{tx("Laden…", "Loading…")}</p> }.into_any()
        }
        Access::LogIn => view! {
            <p><A href="/login">{tx("Log in als medewerker", "Log in as staff")}</A></p>
        }
        .into_any(),
        Access::Forbidden => view! {
            <p role="alert">{tx("Deze pagina is voor medewerkers van de stad.", "This page is for city staff.")}</p>
        }
        .into_any(),
    }
}

/// The staff area's own menu.
#[component]
pub fn StaffNav() -> impl IntoView {
    let session = use_session();
    let wijk = use_query_map();
    let with_wijk = move |path: &'static str| {
        let w = wijk.read().get("wijk").unwrap_or_default();
        if w.is_empty() {
            path.to_owned()
        } else {
            format!("{path}?wijk={w}")
        }
    };
    let notice = notice();
    view! {
        <nav class="staff-nav" aria-label=tx("Medewerkers", "Staff")>
            <A href="/staff" exact=true>{tx("Overzicht", "Overview")}</A>
            <Show when=move || session.me.get().is_some_and(|me| is_programme_admin(&me))>
                <A href="/staff/programme">{tx("Programma en wijken", "Programme and wijken")}</A>
            </Show>
            <A href=move || with_wijk("/staff/ideas")>{tx("Ideeën", "Ideas")}</A>
            <A href=move || with_wijk("/staff/proposals")>{tx("Voorstellen", "Proposals")}</A>
            <A href=move || with_wijk("/staff/votes")>{tx("Stemmingen", "Votes")}</A>
            <A href=move || with_wijk("/staff/panels")>{tx("Wijkpanels", "Panels")}</A>
            <A href=move || with_wijk("/staff/projects")>{tx("Projecten", "Projects")}</A>
            <A href="/staff/organisations">{tx("Erkenning van organisaties", "Recognition of organisations")}</A>
            <A href="/staff/venue-changes">{tx("Wijzigingen aan plaatsen", "Changes to venues")}</A>
            <A href="/staff/signals">{tx("Meldingen van mijn dienst", "My service's signals")}</A>
            <A href=move || with_wijk("/staff/contacts")>{tx("Contact in de wijk", "Contact in the wijk")}</A>
        </nav>
        <Done message=notice />
    }
}

/// The wijken a person may pick on staff pages, by name.
pub fn my_wijken() -> LocalResource<Vec<Wijk>> {
    let session = use_session();
    LocalResource::new(move || {
        let me = session.me.get();
        async move {
            let Some(me) = me else { return Vec::new() };
            let all = match api::client() {
                Ok(c) => c
                    .list_wijken(&ListWijkenQuery::default())
                    .await
                    .map(|p| p.items)
                    .unwrap_or_default(),
                Err(_) => Vec::new(),
            };
            match staff_wijken(&me) {
                None => all,
                Some(mine) => all
                    .into_iter()
                    .filter(|w| mine.contains(&w.wijknr))
                    .collect(),
            }
        }
    })
}

/// The wijk chosen on a staff page (`?wijk=N`), or the person's only wijk.
pub fn chosen_wijk(wijken: LocalResource<Vec<Wijk>>) -> Memo<String> {
    let query = use_query_map();
    Memo::new(move |_| {
        let asked = query.read().get("wijk").unwrap_or_default();
        if !asked.is_empty() {
            return asked;
        }
        match wijken.get().as_deref() {
            Some([only]) => only.wijknr.to_string(),
            _ => String::new(),
        }
    })
}

/// The wijk picker of a staff page; choosing one changes `?wijk=` of the current page.
#[component]
pub fn WijkPicker(
    path: &'static str,
    wijken: LocalResource<Vec<Wijk>>,
    wijk: Memo<String>,
) -> impl IntoView {
    let navigate = use_navigate();
    let choose = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        let to = if value.is_empty() {
            path.to_owned()
        } else {
            format!("{path}?wijk={value}")
        };
        navigate(&to, Default::default());
    };
    view! {
        <p class="field wijk-picker">
            <label for="staff-wijk">{tx("Wijk", "Wijk")}</label>
            <select id="staff-wijk" on:change=choose>
                <option value="">{tx("Kies een wijk", "Choose a wijk")}</option>
                {move || wijken.get().map(|list| list.into_iter().map(|w| {
                    let nr = w.wijknr.to_string();
                    let selected = nr == wijk.get();
                    view! { <option value=nr selected=selected>{w.name}</option> }
                }).collect_view())}
            </select>
        </p>
    }
}

/// `/staff`: what the person can do, per wijk.
#[component]
pub fn StaffHome() -> impl IntoView {
    provide_notice();
    let lang = use_lang();
    Effect::new(move |_| set_title(pick(lang.get(), "Medewerkers", "Staff")));
    let allowed = access(is_staff);
    let wijken = my_wijken();
    view! {
        <h1>{tx("Medewerkers: het wijkbudget", "Staff: the wijkbudget")}</h1>
        <StaffNav />
        {move || match allowed() {
            Access::Open => view! {
                <p>{tx(
                    "Hier voer je elke stap van het wijkbudget uit: ideeën die binnenkomen, voorstellen, beslissingen, stemmingen, wijkpanels en projecten.",
                    "Here you run every step of the wijkbudget: incoming ideas, proposals, decisions, votes, lottery panels and projects.",
                )}</p>
                <h2>{tx("Jouw wijken", "Your wijken")}</h2>
                <ul class="staff-wijken">
                    {move || wijken.get().map(|list| list.into_iter().map(|w| {
                        let nr = w.wijknr;
                        view! {
                            <li>
                                <strong>{w.name}</strong>
                                " · " <A href=format!("/staff/ideas?wijk={nr}")>{tx("ideeën", "ideas")}</A>
                                " · " <A href=format!("/staff/proposals?wijk={nr}")>{tx("voorstellen", "proposals")}</A>
                                " · " <A href=format!("/staff/votes?wijk={nr}")>{tx("stemmingen", "votes")}</A>
                                " · " <A href=format!("/staff/panels?wijk={nr}")>{tx("wijkpanels", "panels")}</A>
                                " · " <A href=format!("/staff/projects?wijk={nr}")>{tx("projecten", "projects")}</A>
                                " · " <A href=format!("/staff/contacts?wijk={nr}")>{tx("contact", "contact")}</A>
                            </li>
                        }
                    }).collect_view())}
                </ul>
            }.into_any(),
            other => view! { <Closed access=other /> }.into_any(),
        }}
    }
}
