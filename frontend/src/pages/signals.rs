//! Signals (meldingen): the public list and map, reporting one at a point (with the open
//! signals of the same category within 250 m, to follow instead), a signal's page with its
//! history, following and reopening, and the steps of the responsible service.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};
use samenstad_types::address::{Address, AddressQuery};
use samenstad_types::signals::{
    ModerateSignal, NearbyQuery, NewSignal, ReopenSignal, Signal, SignalAction, SignalCategory,
    SignalChannel, SignalQuery, SignalResolution, SignalStatus, SignalStep,
};
use samenstad_types::{ListWijkenQuery, Wijk};

use crate::api;
use crate::app::set_title;
use crate::components::map::{Marker, MarkerMap, PointPicker, locate};
use crate::format::{date, date_time};
use crate::i18n::{Lang, use_lang};
use crate::labels;
use crate::staff::{Done, Problem, act, pick, tx};
use crate::state::use_session;

/// The categories, loaded once per page.
fn categories() -> LocalResource<Vec<SignalCategory>> {
    LocalResource::new(|| async {
        match api::client() {
            Ok(c) => c.signal_categories().await.unwrap_or_default(),
            Err(_) => Vec::new(),
        }
    })
}

/// The wijken by number.
fn wijken() -> LocalResource<Vec<Wijk>> {
    LocalResource::new(|| async {
        match api::client() {
            Ok(c) => c
                .list_wijken(&ListWijkenQuery::default())
                .await
                .map(|p| p.items)
                .unwrap_or_default(),
            Err(_) => Vec::new(),
        }
    })
}

/// A category's name in `lang` (its key when unknown to this page).
fn category_name(list: &[SignalCategory], key: &str, lang: Lang) -> String {
    list.iter().find(|c| c.key == key).map_or_else(
        || key.to_owned(),
        |c| match lang {
            Lang::Nl => c.name_nl.clone(),
            Lang::En => c.name_en.clone(),
        },
    )
}

/// The status of a signal as a resident reads it (with the resolution when closed).
fn status_text(lang: Lang, s: &Signal) -> String {
    match (s.status, s.resolution) {
        (SignalStatus::Closed, Some(r)) => format!(
            "{}: {}",
            labels::signal_status(lang, s.status),
            labels::signal_resolution(lang, r)
        ),
        (SignalStatus::Planned, _) => format!(
            "{} ({})",
            labels::signal_status(lang, s.status),
            s.planned_for.clone().unwrap_or_default()
        ),
        _ => labels::signal_status(lang, s.status).to_owned(),
    }
}

/// `/signals?wijk=N`: signals newest first, city-wide or of a wijk, with a map of the wijk.
#[component]
pub fn SignalsPage() -> impl IntoView {
    let lang = use_lang();
    set_title("Meldingen");
    let query = use_query_map();
    let navigate = use_navigate();
    let wijk = move || query.read().get("wijk").unwrap_or_default();
    let categories = categories();
    let wijken = wijken();
    let signals = LocalResource::new(move || {
        let wijk = wijk();
        async move {
            let query = SignalQuery {
                wijk: (!wijk.is_empty()).then_some(wijk),
                limit: Some(100),
                ..Default::default()
            };
            api::client()?
                .list_signals(&query)
                .await
                .map_err(|e| e.to_string())
        }
    });
    let outline = LocalResource::new(move || {
        let wijk = wijk();
        async move {
            if wijk.is_empty() {
                return None;
            }
            api::client().ok()?.get_wijk(&wijk).await.ok().flatten()
        }
    });
    let choose = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        let to = if value.is_empty() {
            "/signals".to_owned()
        } else {
            format!("/signals?wijk={value}")
        };
        navigate(&to, Default::default());
    };
    view! {
        <h1>{tx("Meldingen", "Signals")}</h1>
        <p>{tx("Zwerfvuil, een kapotte stoep, een lamp die niet brandt? Meld het: de juiste dienst krijgt het, en je ziet hier wat ermee gebeurt.",
               "Litter, a broken pavement, a street light that is out? Report it: the right service gets it, and you see here what happens to it.")}</p>
        <p><A href="/signals/new" attr:class="button">{tx("Iets melden", "Report something")}</A></p>
        <p class="field">
            <label for="signal-wijk-filter">{tx("Wijk", "Wijk")}</label>
            <select id="signal-wijk-filter" on:change=choose>
                <option value="">{tx("Alle wijken", "All wijken")}</option>
                {move || wijken.get().map(|list| list.into_iter().map(|w| {
                    let nr = w.wijknr.to_string();
                    let selected = nr == wijk();
                    view! { <option value=nr selected=selected>{w.name}</option> }
                }).collect_view())}
            </select>
        </p>
        {move || {
            let boundary = outline.get().flatten()?.boundary;
            let markers: Vec<Marker> = signals.get().and_then(Result::ok).map(|page| page.items.into_iter().map(|s| Marker {
                lat: s.lat, lon: s.lon, href: format!("/signals/{}", s.id),
                label: s.description.chars().take(60).collect(), class: "signal-marker",
            }).collect()).unwrap_or_default();
            Some(view! { <MarkerMap outlines=vec![boundary] markers=markers label=pick(lang.get(), "Kaart van de meldingen", "Map of the signals").to_owned() /> })
        }}
        <Transition fallback=move || view! { <p class="loading">{tx("Laden…", "Loading…")}</p> }>
            {move || signals.get().map(|r| match r {
                Ok(page) if page.items.is_empty() => view! { <p>{tx("Nog geen meldingen.", "No signals yet.")}</p> }.into_any(),
                Ok(page) => view! {
                    <ul class="signal-list">{page.items.into_iter().map(|s| view! { <SignalLine signal=s categories=categories /> }).collect_view()}</ul>
                }.into_any(),
                Err(e) => view! { <p role="alert">{e}</p> }.into_any(),
            })}
        </Transition>
    }
}

/// A signal in a list: category, status, when, and the start of its description.
#[component]
fn SignalLine(signal: Signal, categories: LocalResource<Vec<SignalCategory>>) -> impl IntoView {
    let lang = use_lang();
    let (key, status) = (signal.category.clone(), signal.clone());
    let summary: String = signal.description.chars().take(80).collect();
    view! {
        <li class=format!("signal status-{}", signal.status)>
            <A href=format!("/signals/{}", signal.id)>
                {move || category_name(&categories.get().unwrap_or_default(), &key, lang.get())}
            </A>
            " · " <span class="status">{move || status_text(lang.get(), &status)}</span>
            " · " <span class="meta">{date(&signal.created_at)}</span>
            <p>{summary}</p>
        </li>
    }
}

/// `/signals/new`: report a signal at a point of a wijk: found by its address, by the browser's
/// position ("use my location") or picked on the wijk's map. Staff also enter signals received by
/// phone, at a buurtpunt, a buurtsalon or through Gentinfo, with the reporter's name and contact.
#[component]
pub fn ReportSignalPage() -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let navigate = use_navigate();
    set_title("Iets melden");
    let categories = categories();
    let wijken = wijken();
    let category = RwSignal::new(String::new());
    let wijk = RwSignal::new(String::new());
    let point = RwSignal::new(None::<(f64, f64)>);
    let description = RwSignal::new(String::new());
    let show_name = RwSignal::new(false);
    let message = RwSignal::new(None::<String>);
    let done = RwSignal::new(None::<String>);
    // A place found by its address or the browser: its wijk is chosen, and the point kept.
    let found = RwSignal::new(None::<(f64, f64)>);
    let address = RwSignal::new(None::<Address>);
    let no_position = RwSignal::new(false);
    let keep_point = StoredValue::new(false);
    let channel = RwSignal::new(SignalChannel::Web);
    let reporter_name = RwSignal::new(String::new());
    let reporter_contact = RwSignal::new(String::new());
    let is_staff = move || {
        session.me.with(|m| {
            m.as_ref().is_some_and(|m| {
                m.roles
                    .iter()
                    .any(|r| matches!(r.role.as_str(), "admin" | "wijk_staff" | "service_staff"))
            })
        })
    };
    Effect::new(move || {
        wijk.track();
        if keep_point.get_value() {
            keep_point.set_value(false);
        } else {
            point.set(None);
        }
    });
    Effect::new(move || {
        let Some((lat, lon)) = found.get() else {
            return;
        };
        leptos::task::spawn_local(async move {
            let Ok(client) = api::client() else { return };
            match client.lookup_wijk(lat, lon).await {
                Ok(Some(w)) => {
                    let value = w.wijknr.to_string();
                    if value != wijk.get_untracked() {
                        keep_point.set_value(true);
                        wijk.set(value);
                    }
                    point.set(Some((lat, lon)));
                }
                _ => message.set(Some(
                    pick(
                        lang.get_untracked(),
                        "Die plaats ligt in geen van de wijken.",
                        "That place is in none of the wijken.",
                    )
                    .to_owned(),
                )),
            }
        });
    });
    // The address applies while the point is still the address's.
    let address_id = move || {
        let a = address.get_untracked()?;
        (point.get_untracked() == Some((a.lat, a.lon))).then_some(a.id)
    };
    let outline = LocalResource::new(move || {
        let wijk = wijk.get();
        async move {
            if wijk.is_empty() {
                return None;
            }
            api::client().ok()?.get_wijk(&wijk).await.ok().flatten()
        }
    });
    // Open signals of the same category within 250 m of the point.
    let nearby = LocalResource::new(move || {
        let (category, point) = (category.get(), point.get());
        async move {
            let (lat, lon) = point?;
            if category.is_empty() {
                return None;
            }
            api::client()
                .ok()?
                .nearby_signals(&NearbyQuery { category, lat, lon })
                .await
                .ok()
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some((lat, lon)) = point.get_untracked() else {
            message.set(Some(
                pick(
                    lang.get_untracked(),
                    "Duid de plaats aan op de kaart.",
                    "Mark the place on the map.",
                )
                .to_owned(),
            ));
            return;
        };
        let staff_entry = channel.get_untracked() != SignalChannel::Web;
        let given = |s: RwSignal<String>| {
            Some(s.get_untracked().trim().to_owned()).filter(|v| staff_entry && !v.is_empty())
        };
        let body = NewSignal {
            category: category.get_untracked(),
            lat,
            lon,
            description: description.get_untracked().trim().to_owned(),
            show_name: show_name.get_untracked(),
            channel: staff_entry.then(|| channel.get_untracked()),
            reporter_name: given(reporter_name),
            reporter_contact: given(reporter_contact),
            address_id: address_id(),
        };
        let navigate = navigate.clone();
        act(
            session,
            message,
            move |c| async move { c.report_signal(&body).await },
            move |s: Signal| navigate(&format!("/signals/{}", s.id), Default::default()),
        );
    };
    view! {
        <h1>{tx("Iets melden", "Report something")}</h1>
        <Show when=move || session.me.get().is_some() fallback=move || view! {
            <p><A href="/login">{tx("Log in om iets te melden.", "Log in to report something.")}</A></p>
        }>
            <form class="signal-form" on:submit=submit.clone()>
                <Show when=is_staff>
                    <fieldset class="staff-entry">
                        <legend>{tx("Voor medewerkers", "For staff")}</legend>
                        <p class="field"><label for="signal-channel">{tx("Hoe kwam de melding binnen?", "How did the signal come in?")}</label>
                            <select id="signal-channel" on:change=move |ev| {
                                channel.set(SignalChannel::parse(&event_target_value(&ev)).unwrap_or(SignalChannel::Web));
                            }>
                                {SignalChannel::ALL.iter().filter(|c| **c != SignalChannel::Api).map(|c| {
                                    let c = *c;
                                    view! { <option value=c.as_str() selected=move || channel.get() == c>{move || labels::signal_channel_entry(lang.get(), c)}</option> }
                                }).collect_view()}
                            </select></p>
                        <Show when=move || channel.get() != SignalChannel::Web>
                            <p class="field"><label for="signal-reporter-name">{tx("Naam van de melder", "Reporter's name")}</label>
                                <input id="signal-reporter-name" maxlength="200" autocomplete="off" prop:value=reporter_name on:input=move |ev| reporter_name.set(event_target_value(&ev)) /></p>
                            <p class="field"><label for="signal-reporter-contact">{tx("Telefoon of e-mail van de melder (niet openbaar)", "Reporter's phone or e-mail (not public)")}</label>
                                <input id="signal-reporter-contact" maxlength="200" autocomplete="off" prop:value=reporter_contact on:input=move |ev| reporter_contact.set(event_target_value(&ev)) /></p>
                        </Show>
                    </fieldset>
                </Show>
                <p class="field"><label for="signal-category">{tx("Wat is er aan de hand?", "What is wrong?")}</label>
                    <select id="signal-category" required=true on:change=move |ev| category.set(event_target_value(&ev))>
                        <option value="">{tx("Kies een soort", "Choose a kind")}</option>
                        {move || categories.get().map(|list| list.into_iter().map(|c| {
                            let name = match lang.get() { Lang::Nl => c.name_nl, Lang::En => c.name_en };
                            view! { <option value=c.key>{name}</option> }
                        }).collect_view())}
                    </select></p>
                <AddressSearch chosen=address found=found />
                <p class="field">
                    <button type="button" class="use-location" on:click=move |_| { no_position.set(false); locate(found, Some(no_position)); }>
                        {tx("Gebruik mijn locatie", "Use my location")}</button>
                    {move || no_position.get().then(|| view! { <span class="hint" role="status">{tx(" Je locatie is niet beschikbaar; zoek het adres of duid de plaats aan op de kaart.", " Your location is not available; find the address or mark the place on the map.")}</span> })}
                </p>
                <p class="field"><label for="signal-wijk">{tx("Wijk", "Wijk")}</label>
                    <select id="signal-wijk" required=true on:change=move |ev| wijk.set(event_target_value(&ev))>
                        <option value="">{tx("Kies een wijk", "Choose a wijk")}</option>
                        {move || wijken.get().map(|list| list.into_iter().map(|w| {
                            let value = w.wijknr.to_string();
                            let this = value.clone();
                            view! { <option value=value selected=move || wijk.get() == this>{w.name}</option> }
                        }).collect_view())}
                    </select></p>
                {move || outline.get().flatten().map(|detail| view! {
                    <div class="field">
                        <p class="label">{tx("Waar?", "Where?")}</p>
                        <PointPicker outline=detail.boundary centre=(detail.wijk.centroid.lat, detail.wijk.centroid.lon) point=point
                            label=pick(lang.get_untracked(), "Plaats van de melding", "Place of the signal").to_owned()
                            help=pick(lang.get_untracked(), "Klik op de kaart, of gebruik de pijltjestoetsen en Enter.", "Click the map, or use the arrow keys and Enter.").to_owned()
                            help_id="signal-place-help" />
                        {move || point.get().map(|(lat, lon)| {
                            let at = address.get().filter(|a| (a.lat, a.lon) == (lat, lon)).map(|a| a.label);
                            view! { <p class="hint place">{at.unwrap_or_else(|| format!("{}, {}", crate::format::fixed(lat, 5), crate::format::fixed(lon, 5)))}</p> }
                        })}
                    </div>
                })}
                {move || nearby.get().flatten().filter(|l| !l.is_empty()).map(|list| view! {
                    <section class="nearby" aria-live="polite">
                        <h2>{tx("Al gemeld in de buurt?", "Reported nearby already?")}</h2>
                        <p>{tx("Deze meldingen van dezelfde soort staan nog open, binnen 250 meter. Volg er een in plaats van opnieuw te melden.",
                               "These signals of the same kind are still open, within 250 metres. Follow one instead of reporting it again.")}</p>
                        <ul>{list.into_iter().map(|s| view! { <NearbyLine signal=s done=done /> }).collect_view()}</ul>
                    </section>
                })}
                <Done message=done />
                <p class="field"><label for="signal-description">{tx("Beschrijving", "Description")}</label>
                    <textarea id="signal-description" required=true minlength="10" maxlength="4000" rows="5"
                        prop:value=description on:input=move |ev| description.set(event_target_value(&ev))></textarea></p>
                <p class="field checkbox"><input id="signal-show-name" type="checkbox" prop:checked=show_name
                    on:change=move |ev| show_name.set(event_target_checked(&ev)) />
                    <label for="signal-show-name">{tx("Mijn naam mag bij de melding staan (anders zien alleen de diensten wie meldde)",
                        "My name may be shown with the signal (otherwise only the services see who reported)")}</label></p>
                <Problem message=message />
                <button type="submit">{tx("Melden", "Report")}</button>
            </form>
        </Show>
    }
}

/// Finds an address as one types (three characters or more, once typing pauses for 250 ms) and
/// offers the matches as buttons; the one chosen goes to `chosen`, its point to `found`.
#[component]
fn AddressSearch(
    chosen: RwSignal<Option<Address>>,
    found: RwSignal<Option<(f64, f64)>>,
) -> impl IntoView {
    // What the field shows, and what is searched: the latter follows once typing pauses.
    let shown = RwSignal::new(String::new());
    let typed = RwSignal::new(String::new());
    let keystrokes = StoredValue::new(0_u64);
    let on_input = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        shown.set(value.clone());
        keystrokes.update_value(|n| *n += 1);
        let this = keystrokes.get_value();
        set_timeout(
            move || {
                if keystrokes.get_value() == this {
                    typed.set(value);
                }
            },
            std::time::Duration::from_millis(250),
        );
    };
    let matches = LocalResource::new(move || {
        let q = typed.get().trim().to_owned();
        let picked = chosen.with_untracked(|a| a.as_ref().is_some_and(|a| a.label == q));
        async move {
            if picked || q.chars().count() < 3 {
                return None;
            }
            api::client()
                .ok()?
                .search_addresses(&AddressQuery { q, limit: Some(6) })
                .await
                .ok()
        }
    });
    view! {
        <div class="field address-search">
            <label for="signal-address">{tx("Adres (zoek terwijl je typt)", "Address (search as you type)")}</label>
            <input id="signal-address" type="search" autocomplete="off" aria-describedby="signal-address-help" aria-controls="signal-address-matches"
                prop:value=shown on:input=on_input />
            <p class="hint" id="signal-address-help">{tx("Straat en huisnummer, bv. Driesstraat 99.", "Street and number, e.g. Driesstraat 99.")}</p>
            <ul id="signal-address-matches" class="address-matches" aria-live="polite">
                {move || matches.get().flatten().map(|list| {
                    if list.is_empty() {
                        return view! { <li class="hint">{tx("Geen adres gevonden.", "No address found.")}</li> }.into_any();
                    }
                    list.into_iter().map(|a| {
                        let label = a.label.clone();
                        view! { <li><button type="button" class="address-match" on:click=move |_| {
                            chosen.set(Some(a.clone()));
                            found.set(Some((a.lat, a.lon)));
                            shown.set(a.label.clone());
                            typed.set(a.label.clone());
                        }>{label}</button></li> }
                    }).collect_view().into_any()
                })}
            </ul>
        </div>
    }
}

/// An open signal nearby, with a button to follow it.
#[component]
fn NearbyLine(signal: Signal, done: RwSignal<Option<String>>) -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let message = RwSignal::new(None::<String>);
    let id = signal.id.clone();
    let summary: String = signal.description.chars().take(80).collect();
    let follow = move |_| {
        let id = id.clone();
        act(
            session,
            message,
            move |c| async move { c.follow_signal(&id, true).await },
            move |()| {
                done.set(Some(
                    pick(
                        lang.get_untracked(),
                        "Je volgt deze melding nu.",
                        "You now follow this signal.",
                    )
                    .to_owned(),
                ));
            },
        );
    };
    view! {
        <li>
            <A href=format!("/signals/{}", signal.id)>{summary}</A>
            " (" {move || labels::signal_status(lang.get(), signal.status)} ") "
            <button type="button" on:click=follow>{tx("Volgen", "Follow")}</button>
            <Problem message=message />
        </li>
    }
}

/// `/signals/:id`: a signal, its history, following, reopening and the service's steps.
#[component]
pub fn SignalPage() -> impl IntoView {
    let session = use_session();
    let params = use_params_map();
    let id = move || params.read().get("id").unwrap_or_default();
    let categories = categories();
    let version = RwSignal::new(0u32);
    let signal = LocalResource::new(move || {
        let id = id();
        version.track();
        async move {
            let client = api::tracked(&session).or_else(|_| api::client())?;
            client.get_signal(&id).await.map_err(|e| e.to_string())
        }
    });
    let done = RwSignal::new(None::<String>);
    set_title("Melding");
    view! {
        <Transition fallback=move || view! { <p class="loading">{tx("Laden…", "Loading…")}</p> }>
            {move || signal.get().map(|r| match r {
                Ok(Some(s)) => view! { <SignalView signal=s categories=categories version=version done=done /> }.into_any(),
                Ok(None) => view! { <h1>{tx("Melding niet gevonden", "Signal not found")}</h1> }.into_any(),
                Err(e) => view! { <p role="alert">{e}</p> }.into_any(),
            })}
        </Transition>
        <Done message=done />
    }
}

#[component]
fn SignalView(
    signal: Signal,
    categories: LocalResource<Vec<SignalCategory>>,
    version: RwSignal<u32>,
    done: RwSignal<Option<String>>,
) -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let s = signal.clone();
    let key = s.category.clone();
    let serves = {
        let service = s.service.id.clone();
        move || {
            session.me.get().is_some_and(|me| {
                me.roles.iter().any(|r| {
                    r.role == "admin"
                        || (r.role == "service_staff" && r.scope_id.as_deref() == Some(&service))
                })
            })
        }
    };
    let status = s.clone();
    let moderated = s.clone();
    let history = s.history.clone();
    let message = RwSignal::new(None::<String>);
    let following = s.following;
    let follow = {
        let id = s.id.clone();
        move |_| {
            let id = id.clone();
            act(
                session,
                message,
                move |c| async move { c.follow_signal(&id, !following).await },
                move |()| {
                    done.set(Some(
                        if following {
                            pick(
                                lang.get_untracked(),
                                "Je volgt deze melding niet meer.",
                                "You no longer follow this signal.",
                            )
                        } else {
                            pick(
                                lang.get_untracked(),
                                "Je volgt deze melding nu: je krijgt een mail bij elke stap.",
                                "You now follow this signal: you get a mail at every step.",
                            )
                        }
                        .to_owned(),
                    ));
                    version.update(|v| *v += 1);
                },
            );
        }
    };
    view! {
        <h1>{move || category_name(&categories.get().unwrap_or_default(), &key, lang.get())}</h1>
        <p class="status">{move || status_text(lang.get(), &status)}</p>
        <dl class="facts">
            <dt>{tx("Dienst", "Service")}</dt><dd>{s.service.name.clone()}</dd>
            {s.wijknr.map(|nr| view! { <dt>{tx("Wijk", "Wijk")}</dt><dd><A href=format!("/signals?wijk={nr}")>{nr.to_string()}</A></dd> })}
            {s.address.clone().map(|a| view! { <dt>{tx("Adres", "Address")}</dt><dd class="address">{a}</dd> })}
            <dt>{tx("Gemeld", "Reported")}</dt><dd>{date_time(&s.created_at)} " · " {move || labels::signal_channel(lang.get(), signal.channel)}</dd>
            {s.reporter_name.clone().map(|n| view! { <dt>{tx("Door", "By")}</dt><dd>{n}</dd> })}
            {s.responsible.clone().map(|r| view! { <dt>{tx("Verantwoordelijk", "Responsible")}</dt><dd>{r}</dd> })}
            {s.duplicate_of.clone().map(|d| view! { <dt>{tx("Eerder gemeld", "Reported before")}</dt><dd><A href=format!("/signals/{d}")>{tx("de oorspronkelijke melding", "the original signal")}</A></dd> })}
            <dt>{tx("Volgers", "Followers")}</dt><dd>{s.followers.to_string()}</dd>
        </dl>
        <p class="description">{s.description.clone()}</p>
        {s.photo_url.clone().map(|url| view! {
            <img class="signal-photo" src=url alt=move || pick(lang.get(), "Foto bij de melding", "Photo with the signal") width="480" height="360" />
        })}
        {crate::app::signed_in(|| (s.status != SignalStatus::Closed && s.yours).then(|| view! { <PhotoForm id=s.id.clone() version=version /> }))}
        {s.reporter.clone().map(|r| view! {
            <p class="reporter">{tx("Gemeld door (alleen voor de dienst):", "Reported by (for the service only):")} " "
                {r.name.unwrap_or_default()} " · " {r.contact.unwrap_or_default()}</p>
        })}
        {crate::app::signed_in(|| view! {
            <Show when=move || session.me.get().is_some()>
                <button type="button" on:click=follow.clone()>{if following { tx("Niet meer volgen", "Stop following") } else { tx("Volgen", "Follow") }}</button>
            </Show>
        })}
        <Problem message=message />
        <section class="history">
            <h2>{tx("Verloop", "History")}</h2>
            <ol>{history.into_iter().map(|e| {
                let (st, res) = (e.status, e.resolution);
                view! { <li>
                    <span class="when">{date_time(&e.at)}</span> " · "
                    <strong>{move || match res { Some(r) => format!("{}: {}", labels::signal_status(lang.get(), st), labels::signal_resolution(lang.get(), r)), None => labels::signal_status(lang.get(), st).to_owned() }}</strong>
                    {e.by_reporter.then(|| view! { " " <span class="by">{tx("(door wie meldde)", "(by the reporter)")}</span> })}
                    {e.moderation.then(|| view! { " " <span class="by">{tx("(aangepast door de stad)", "(edited by the city)")}</span> })}
                    {e.reason.map(|r| view! { <p>{r}</p> })}
                </li> }
            }).collect_view()}</ol>
        </section>
        {crate::app::signed_in(|| (s.yours && s.status == SignalStatus::Closed).then(|| view! { <ReopenForm id=s.id.clone() version=version done=done /> }))}
        {s.hidden_reason.clone().map(|r| view! {
            <p class="warning" role="note">{tx("Verborgen voor het publiek:", "Hidden from the public:")} " " {r}</p>
        })}
        {crate::app::signed_in(|| view! {
            {s.reporter.is_some().then(|| view! { <ModerationForm signal=moderated.clone() version=version done=done /> })}
            <Show when=serves.clone()>
                <StepForm signal=s.clone() version=version done=done />
            </Show>
        })}
    }
}

/// The reporter adds or replaces the photo (its location is removed by the server).
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
            pick(
                lang.get_untracked(),
                "De foto kon niet gelezen worden.",
                "The photo could not be read.",
            )
            .to_owned(),
            move |c, content_type, bytes| async move {
                c.set_signal_photo(&id, &content_type, bytes).await
            },
            move |_| version.update(|v| *v += 1),
        );
    };
    view! {
        <p class="field photo-form">
            <label for="signal-photo">{tx("Een foto toevoegen (de plaats en tijd in het bestand worden gewist)", "Add a photo (the place and time in the file are removed)")}</label>
            <input id="signal-photo" type="file" accept="image/jpeg,image/png,image/webp" on:change=upload />
            <Problem message=message />
        </p>
    }
}

/// Staff of the service or the wijk moderate: edit the description, remove the photo, hide or
/// show the signal, with a public reason. (Shown to those who see the reporter: the same staff.)
#[component]
fn ModerationForm(
    signal: Signal,
    version: RwSignal<u32>,
    done: RwSignal<Option<String>>,
) -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let description = RwSignal::new(signal.description.clone());
    let remove_photo = RwSignal::new(false);
    let hide = RwSignal::new(signal.hidden_reason.is_some());
    let reason = RwSignal::new(String::new());
    let message = RwSignal::new(None::<String>);
    let (id, original, was_hidden, has_photo) = (
        signal.id.clone(),
        signal.description.clone(),
        signal.hidden_reason.is_some(),
        signal.photo_url.is_some(),
    );
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = description.get_untracked().trim().to_owned();
        let body = ModerateSignal {
            description: (text != original).then_some(text),
            remove_photo: remove_photo.get_untracked(),
            hidden: (hide.get_untracked() != was_hidden).then(|| hide.get_untracked()),
            reason: reason.get_untracked().trim().to_owned(),
        };
        let id = id.clone();
        act(
            session,
            message,
            move |c| async move { c.moderate_signal(&id, &body).await },
            move |_| {
                done.set(Some(
                    pick(lang.get_untracked(), "Aangepast.", "Changed.").to_owned(),
                ));
                version.update(|v| *v += 1);
            },
        );
    };
    view! {
        <details class="moderation">
            <summary>{tx("Modereren", "Moderate")}</summary>
            <form on:submit=submit>
                <p class="field"><label for="moderate-description">{tx("Beschrijving (haal persoonsgegevens weg)", "Description (take out personal data)")}</label>
                    <textarea id="moderate-description" minlength="10" maxlength="4000" rows="4"
                        prop:value=description on:input=move |ev| description.set(event_target_value(&ev))></textarea></p>
                {has_photo.then(|| view! {
                    <p class="field checkbox"><input id="moderate-photo" type="checkbox" prop:checked=remove_photo on:change=move |ev| remove_photo.set(event_target_checked(&ev)) />
                        <label for="moderate-photo">{tx("De foto verwijderen", "Remove the photo")}</label></p>
                })}
                <p class="field checkbox"><input id="moderate-hide" type="checkbox" prop:checked=hide on:change=move |ev| hide.set(event_target_checked(&ev)) />
                    <label for="moderate-hide">{tx("Verbergen voor het publiek", "Hide from the public")}</label></p>
                <p class="field"><label for="moderate-reason">{tx("Wat en waarom (publiek)", "What and why (public)")}</label>
                    <textarea id="moderate-reason" required=true minlength="2" maxlength="2000" rows="2"
                        prop:value=reason on:input=move |ev| reason.set(event_target_value(&ev))></textarea></p>
                <Problem message=message />
                <button type="submit">{tx("Aanpassen", "Change")}</button>
            </form>
        </details>
    }
}

/// The reporter reopens a closed signal with a comment.
#[component]
fn ReopenForm(id: String, version: RwSignal<u32>, done: RwSignal<Option<String>>) -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let comment = RwSignal::new(String::new());
    let message = RwSignal::new(None::<String>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (id, body) = (
            id.clone(),
            ReopenSignal {
                comment: comment.get_untracked().trim().to_owned(),
            },
        );
        act(
            session,
            message,
            move |c| async move { c.reopen_signal(&id, &body).await },
            move |_| {
                done.set(Some(
                    pick(
                        lang.get_untracked(),
                        "De melding is opnieuw geopend.",
                        "The signal is reopened.",
                    )
                    .to_owned(),
                ));
                version.update(|v| *v += 1);
            },
        );
    };
    view! {
        <form class="reopen" on:submit=submit>
            <h2>{tx("Niet in orde?", "Not right?")}</h2>
            <p class="field"><label for="reopen-comment">{tx("Waarom open je de melding opnieuw?", "Why do you reopen the signal?")}</label>
                <textarea id="reopen-comment" required=true minlength="2" maxlength="2000" rows="3"
                    prop:value=comment on:input=move |ev| comment.set(event_target_value(&ev))></textarea></p>
            <Problem message=message />
            <button type="submit">{tx("Opnieuw openen", "Reopen")}</button>
        </form>
    }
}

/// The responsible service's step: acknowledge, plan for a day, or close with a resolution.
#[component]
fn StepForm(
    signal: Signal,
    version: RwSignal<u32>,
    done: RwSignal<Option<String>>,
) -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let action = RwSignal::new(
        if signal.status == SignalStatus::Submitted {
            SignalAction::Acknowledge
        } else {
            SignalAction::Plan
        }
        .as_str()
        .to_owned(),
    );
    let reason = RwSignal::new(String::new());
    let planned_for = RwSignal::new(String::new());
    let resolution = RwSignal::new(SignalResolution::Fixed.as_str().to_owned());
    let responsible = RwSignal::new(String::new());
    let duplicate_of = RwSignal::new(String::new());
    let message = RwSignal::new(None::<String>);
    let id = signal.id.clone();
    let closed = signal.status == SignalStatus::Closed;
    let is = move |a: SignalAction| action.get() == a.as_str();
    let needs = move |r: &[SignalResolution]| {
        is(SignalAction::Close) && r.iter().any(|r| resolution.get() == r.as_str())
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let a = SignalAction::parse(&action.get_untracked()).unwrap_or(SignalAction::Acknowledge);
        let closing = a == SignalAction::Close;
        let r = SignalResolution::parse(&resolution.get_untracked());
        let text = |s: RwSignal<String>| {
            Some(s.get_untracked().trim().to_owned()).filter(|t| !t.is_empty())
        };
        let body = SignalStep {
            action: a,
            reason: reason.get_untracked().trim().to_owned(),
            planned_for: (a == SignalAction::Plan)
                .then(|| planned_for.get_untracked())
                .filter(|d| !d.is_empty()),
            resolution: closing.then_some(r).flatten(),
            responsible: (closing
                && matches!(
                    r,
                    Some(SignalResolution::NotResponsible | SignalResolution::Referred)
                ))
            .then(|| text(responsible))
            .flatten(),
            duplicate_of: (closing && r == Some(SignalResolution::Duplicate))
                .then(|| text(duplicate_of))
                .flatten(),
        };
        let id = id.clone();
        act(
            session,
            message,
            move |c| async move { c.signal_step(&id, &body).await },
            move |s: Signal| {
                done.set(Some(format!(
                    "{}: {}",
                    pick(lang.get_untracked(), "Opgeslagen", "Saved"),
                    status_text(lang.get_untracked(), &s)
                )));
                reason.set(String::new());
                version.update(|v| *v += 1);
            },
        );
    };
    (!closed).then(|| view! {
        <form class="signal-step" on:submit=submit>
            <h2>{tx("Stap van de dienst", "The service's step")}</h2>
            <p class="field"><label for="step-action">{tx("Stap", "Step")}</label>
                <select id="step-action" on:change=move |ev| action.set(event_target_value(&ev))>
                    {[(SignalAction::Acknowledge, ("Bekeken", "Seen")), (SignalAction::Plan, ("Inplannen", "Plan")), (SignalAction::Close, ("Afsluiten", "Close"))]
                        .into_iter().map(|(a, (nl, en))| view! { <option value=a.as_str() selected=move || is(a)>{move || pick(lang.get(), nl, en)}</option> }).collect_view()}
                </select></p>
            <Show when=move || is(SignalAction::Plan)>
                <p class="field"><label for="step-day">{tx("Gepland op", "Planned for")}</label>
                    <input id="step-day" type="date" required=true prop:value=planned_for on:input=move |ev| planned_for.set(event_target_value(&ev)) /></p>
            </Show>
            <Show when=move || is(SignalAction::Close)>
                <p class="field"><label for="step-resolution">{tx("Hoe", "How")}</label>
                    <select id="step-resolution" on:change=move |ev| resolution.set(event_target_value(&ev))>
                        {SignalResolution::ALL.iter().map(|r| { let r = *r; view! {
                            <option value=r.as_str() selected=move || resolution.get() == r.as_str()>{move || labels::signal_resolution(lang.get(), r)}</option>
                        } }).collect_view()}
                    </select></p>
            </Show>
            <Show when=move || needs(&[SignalResolution::NotResponsible, SignalResolution::Referred])>
                <p class="field"><label for="step-responsible">{tx("Wie is verantwoordelijk, of naar wie ging het?", "Who is responsible, or to whom did it go?")}</label>
                    <input id="step-responsible" required=true maxlength="200" prop:value=responsible on:input=move |ev| responsible.set(event_target_value(&ev)) /></p>
            </Show>
            <Show when=move || needs(&[SignalResolution::Duplicate])>
                <p class="field"><label for="step-original">{tx("Id van de oorspronkelijke melding", "Id of the original signal")}</label>
                    <input id="step-original" required=true prop:value=duplicate_of on:input=move |ev| duplicate_of.set(event_target_value(&ev)) /></p>
            </Show>
            <p class="field"><label for="step-reason">{tx("Uitleg voor wie meldde (publiek)", "Explanation for the reporter (public)")}</label>
                <textarea id="step-reason" required=true minlength="2" maxlength="2000" rows="3"
                    prop:value=reason on:input=move |ev| reason.set(event_target_value(&ev))></textarea></p>
            <Problem message=message />
            <button type="submit">{tx("Opslaan", "Save")}</button>
        </form>
    })
}

/// `/staff/signals`: the open signals of the services the person works for.
#[component]
pub fn SignalQueuePage() -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    set_title("Meldingen van mijn dienst");
    let categories = categories();
    let services = LocalResource::new(|| async {
        match api::client() {
            Ok(c) => c.list_city_services().await.unwrap_or_default(),
            Err(_) => Vec::new(),
        }
    });
    let mine = move || {
        let me = session.me.get()?;
        let all = services.get()?;
        let admin = me.roles.iter().any(|r| r.role == "admin");
        Some(
            all.into_iter()
                .filter(|s| {
                    admin
                        || me.roles.iter().any(|r| {
                            r.role == "service_staff" && r.scope_id.as_deref() == Some(&s.id)
                        })
                })
                .collect::<Vec<_>>(),
        )
    };
    view! {
        <h1>{tx("Meldingen van mijn dienst", "My service's signals")}</h1>
        <p><A href="/signals/new">{move || pick(lang.get(), "Een melding ingeven (telefoon, buurtpunt, buurtsalon, Gentinfo)", "Enter a signal (phone, buurtpunt, buurtsalon, Gentinfo)")}</A></p>
        {move || match mine() {
            None => view! { <p class="loading">{tx("Laden…", "Loading…")}</p> }.into_any(),
            Some(list) if list.is_empty() => view! { <p role="alert">{tx("Deze pagina is voor medewerkers van een stadsdienst.", "This page is for staff of a city service.")}</p> }.into_any(),
            Some(list) => list.into_iter().map(|service| {
                let key = service.key.clone();
                let open = LocalResource::new(move || {
                    let key = key.clone();
                    async move {
                        let c = api::tracked(&session)?;
                        let mut items = Vec::new();
                        for status in [SignalStatus::Submitted, SignalStatus::Acknowledged, SignalStatus::Planned] {
                            let q = SignalQuery { service: Some(key.clone()), status: Some(status.as_str().to_owned()), limit: Some(100), ..Default::default() };
                            items.extend(c.list_signals(&q).await.map_err(|e| e.to_string())?.items);
                        }
                        Ok::<_, String>(items)
                    }
                });
                view! {
                    <section class="queue">
                        <h2>{service.name.clone()}</h2>
                        {move || open.get().map(|r| match r {
                            Ok(items) if items.is_empty() => view! { <p>{tx("Geen open meldingen.", "No open signals.")}</p> }.into_any(),
                            Ok(items) => view! { <ul class="signal-list">{items.into_iter().map(|s| view! { <SignalLine signal=s categories=categories /> }).collect_view()}</ul> }.into_any(),
                            Err(e) => view! { <p role="alert">{e}</p> }.into_any(),
                        })}
                    </section>
                }
            }).collect_view().into_any(),
        }}
        <p><A href="/signals">{move || pick(lang.get(), "Alle meldingen", "All signals")}</A></p>
    }
}
