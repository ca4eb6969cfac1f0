//! `/venues/:key/manage`: a venue's upkeep by its managers and the staff of its wijk — its
//! details and lead times, photo, rooms with tariffs, weekly opening hours, closures and
//! managers. Every change answers with the venue as it is now, whose version the next change
//! sends; when someone else changed it meanwhile the server says so and the page reloads it.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use samenstad_domain::venue::ROOM_USES;
use samenstad_types::account::Me;
use samenstad_types::venue::{
    CreateClosure, OpeningHours, OpeningKind, Room, RoomInput, SetOpeningHours, Tariffs,
    UpdateVenue, VenueDetail,
};

use crate::api;
use crate::app::set_title;
use crate::format::{euro_input, parse_euro, price};
use crate::i18n::{T, t, use_lang};
use crate::labels;
use crate::staff::{Done, Problem, act, pick, tx};
use crate::state::use_session;

/// Whether the person may keep the venue: a manager of it, staff of its wijk or an
/// administrator (the server checks the same).
pub fn may_keep(me: &Me, venue: &VenueDetail) -> bool {
    me.roles.iter().any(|r| {
        r.role == "admin"
            || (r.role == "venue_manager" && r.scope_id.as_deref() == Some(&venue.venue.id))
            || (r.role == "wijk_staff" && r.wijknr.is_some() && r.wijknr == venue.venue.wijknr)
    })
}

/// Values typed as a comma-separated list.
fn list(text: &str) -> Vec<String> {
    text.split(',')
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .collect()
}

/// The page.
#[component]
pub fn VenueUpkeepPage() -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let params = use_params_map();
    let detail = RwSignal::new(None::<VenueDetail>);
    let failed = RwSignal::new(false);
    let reload = move || {
        let key = params.read_untracked().get("key").unwrap_or_default();
        spawn_local(async move {
            match api::client().map(|c| async move { c.get_venue(&key).await }) {
                Ok(call) => match call.await {
                    Ok(Some(v)) => detail.set(Some(v)),
                    _ => failed.set(true),
                },
                Err(_) => failed.set(true),
            }
        });
    };
    reload();
    Effect::new(move |_| {
        let name = detail.with(|d| d.as_ref().map(|d| d.venue.name.clone()));
        set_title(&format!(
            "{}: {}",
            pick(lang.get(), "Beheer", "Manage"),
            name.unwrap_or_default()
        ));
    });
    // A memo, so the sections are built once and not again after every change of the venue.
    let allowed = Memo::new(move |_| {
        session.me.with(|me| {
            detail.with(|d| match (me, d) {
                (Some(me), Some(d)) => Some(may_keep(me, d)),
                _ => None,
            })
        })
    });
    let loaded = move || detail.with(Option::is_some);
    view! {
        <section class="venue-upkeep">
            {move || detail.with(|d| d.as_ref().map(|d| {
                let href = format!("/venues/{}", d.venue.slug);
                view! {
                    <p><A href=href>{tx("Terug naar de ontmoetingsplaats", "Back to the venue")}</A></p>
                    <h1>{pick(lang.get_untracked(), "Beheer", "Manage")} ": " {d.venue.name.clone()}</h1>
                }
            }))}
            <Show when=move || !failed.get() fallback=move || view! { <p role="alert">{move || t(lang.get(), T::LoadFailed)}</p> }>
                <Show when=move || loaded() && session.ready.get() fallback=move || view! { <p class="loading">{move || t(lang.get(), T::Loading)}</p> }>
                    {move || match allowed.get() {
                        None => view! {
                            <p><A href="/login">{move || t(lang.get(), T::LogIn)}</A></p>
                        }.into_any(),
                        Some(false) => view! {
                            <p role="alert">{tx("Alleen de beheerders van deze plaats en de medewerkers van haar wijk kunnen ze bijwerken.", "Only the managers of this venue and staff of its wijk can keep it up to date.")}</p>
                        }.into_any(),
                        Some(true) => view! {
                            <DetailsForm detail=detail reload=Callback::new(move |()| reload()) />
                            <PhotoSection detail=detail />
                            <RoomsSection detail=detail reload=Callback::new(move |()| reload()) />
                            <HoursSection detail=detail reload=Callback::new(move |()| reload()) />
                            <ClosuresSection detail=detail />
                            <ManagersSection detail=detail />
                        }.into_any(),
                    }}
                </Show>
            </Show>
        </section>
    }
}

/// The venue's id and version now.
fn current(detail: RwSignal<Option<VenueDetail>>) -> (String, String) {
    detail.with_untracked(|d| {
        d.as_ref()
            .map(|d| (d.venue.id.clone(), d.version.clone()))
            .unwrap_or_default()
    })
}

/// The message line with, after a 412, a button that loads the venue as it is now.
#[component]
fn Stale(message: RwSignal<Option<String>>, reload: Callback<()>) -> impl IntoView {
    let stale = move || {
        message.with(|m| {
            m.as_deref()
                .is_some_and(|m| m.contains("changed") && m.contains("meanwhile"))
        })
    };
    view! {
        <Problem message=message />
        <Show when=stale>
            <button type="button" on:click=move |_| { message.set(None); reload.run(()); }>
                {tx("Laad de plaats opnieuw", "Load the venue again")}
            </button>
        </Show>
    }
}

#[component]
fn DetailsForm(detail: RwSignal<Option<VenueDetail>>, reload: Callback<()>) -> AnyView {
    let lang = use_lang();
    let session = use_session();
    let Some(d) = detail.get_untracked() else {
        return ().into_any();
    };
    let name = RwSignal::new(d.venue.name.clone());
    let description = RwSignal::new(d.venue.description.clone());
    let facilities = RwSignal::new(d.venue.facilities.join(", "));
    let accessibility = RwSignal::new(d.venue.accessibility.join(", "));
    let drop_in = RwSignal::new(d.venue.drop_in);
    let room_use = RwSignal::new(d.venue.room_use);
    let phone = RwSignal::new(d.contact_phone.clone().unwrap_or_default());
    let email = RwSignal::new(d.contact_email.clone().unwrap_or_default());
    let website = RwSignal::new(d.website.clone().unwrap_or_default());
    let lead_min = RwSignal::new(d.lead_time_min_days.to_string());
    let lead_max = RwSignal::new(d.lead_time_max_days.to_string());
    let target_groups = d.venue.target_groups.clone();
    let message = RwSignal::new(None::<String>);
    let done = RwSignal::new(None::<String>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let optional = |s: RwSignal<String>| {
            Some(s.get_untracked().trim().to_owned()).filter(|s| !s.is_empty())
        };
        let body = UpdateVenue {
            name: name.get_untracked().trim().to_owned(),
            description: description.get_untracked(),
            drop_in: drop_in.get_untracked(),
            room_use: room_use.get_untracked(),
            target_groups: target_groups.clone(),
            facilities: list(&facilities.get_untracked()),
            accessibility: list(&accessibility.get_untracked()),
            contact_phone: optional(phone),
            contact_email: optional(email),
            website: optional(website),
            lead_time_min_days: lead_min.get_untracked().trim().parse().unwrap_or(-1),
            lead_time_max_days: lead_max.get_untracked().trim().parse().unwrap_or(-1),
        };
        let (id, version) = current(detail);
        done.set(None);
        act(
            session,
            message,
            move |c| async move { c.update_venue(&id, &version, &body).await },
            move |v| {
                detail.set(Some(v));
                done.set(Some(
                    pick(
                        lang.get_untracked(),
                        "De gegevens zijn bewaard.",
                        "The details are saved.",
                    )
                    .to_owned(),
                ));
            },
        );
    };
    view! {
        <form class="venue-details" on:submit=submit>
            <h2>{tx("Gegevens", "Details")}</h2>
            <p class="field"><label for="venue-name">{tx("Naam", "Name")}</label>
                <input id="venue-name" required=true minlength="2" maxlength="200" prop:value=name on:input=move |ev| name.set(event_target_value(&ev)) /></p>
            <p class="field"><label for="venue-description">{tx("Beschrijving", "Description")}</label>
                <textarea id="venue-description" maxlength="4000" prop:value=description on:input=move |ev| description.set(event_target_value(&ev))></textarea></p>
            <p class="field"><label for="venue-facilities">{tx("Voorzieningen (met komma's)", "Facilities (comma-separated)")}</label>
                <input id="venue-facilities" prop:value=facilities on:input=move |ev| facilities.set(event_target_value(&ev)) /></p>
            <p class="field"><label for="venue-accessibility">{tx("Toegankelijkheid (met komma's)", "Accessibility (comma-separated)")}</label>
                <input id="venue-accessibility" prop:value=accessibility on:input=move |ev| accessibility.set(event_target_value(&ev)) /></p>
            <p class="field check"><input id="venue-drop-in" type="checkbox" prop:checked=drop_in on:change=move |ev| drop_in.set(event_target_checked(&ev)) />
                <label for="venue-drop-in">{tx("Vrij binnenlopen tijdens de openingsuren", "Walk in during opening hours")}</label></p>
            <p class="field check"><input id="venue-room-use" type="checkbox" prop:checked=room_use on:change=move |ev| room_use.set(event_target_checked(&ev)) />
                <label for="venue-room-use">{tx("Zalen te huur", "Rooms for hire")}</label></p>
            <p class="field"><label for="venue-phone">{tx("Telefoon", "Telephone")}</label>
                <input id="venue-phone" type="tel" maxlength="40" prop:value=phone on:input=move |ev| phone.set(event_target_value(&ev)) /></p>
            <p class="field"><label for="venue-email">{tx("E-mailadres", "E-mail address")}</label>
                <input id="venue-email" type="email" prop:value=email on:input=move |ev| email.set(event_target_value(&ev)) /></p>
            <p class="field"><label for="venue-website">{tx("Website", "Website")}</label>
                <input id="venue-website" type="url" prop:value=website on:input=move |ev| website.set(event_target_value(&ev)) /></p>
            <p class="field"><label for="venue-lead-min">{tx("Minstens zoveel dagen vooraf reserveren", "Book at least this many days ahead")}</label>
                <input id="venue-lead-min" type="number" min="0" max="365" required=true prop:value=lead_min on:input=move |ev| lead_min.set(event_target_value(&ev)) /></p>
            <p class="field"><label for="venue-lead-max">{tx("Hoogstens zoveel dagen vooraf", "At most this many days ahead")}</label>
                <input id="venue-lead-max" type="number" min="1" max="730" required=true prop:value=lead_max on:input=move |ev| lead_max.set(event_target_value(&ev)) /></p>
            <Stale message=message reload=reload />
            <Done message=done />
            <button type="submit">{tx("Gegevens bewaren", "Save the details")}</button>
        </form>
    }
    .into_any()
}

#[component]
fn PhotoSection(detail: RwSignal<Option<VenueDetail>>) -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let message = RwSignal::new(None::<String>);
    let photo = move || detail.with(|d| d.as_ref().and_then(|d| d.photo_url.clone()));
    let upload = move |ev: leptos::ev::Event| {
        let (id, _) = current(detail);
        crate::upload::send_chosen_photo(
            &ev,
            session,
            message,
            t(lang.get_untracked(), T::LoadFailed).to_owned(),
            move |c, content_type, bytes| async move {
                c.set_venue_photo(&id, &content_type, bytes).await
            },
            move |v| detail.set(Some(v)),
        );
    };
    let remove = move |_| {
        let (id, _) = current(detail);
        act(
            session,
            message,
            move |c| async move { c.remove_venue_photo(&id).await },
            move |v| detail.set(Some(v)),
        );
    };
    view! {
        <section class="venue-photo">
            <h2>{tx("Foto", "Photo")}</h2>
            {move || photo().map(|src| view! {
                <img src=src alt=move || pick(lang.get(), "Foto van de plaats", "Photo of the venue") width="320" />
                <button type="button" on:click=remove>{tx("Foto verwijderen", "Remove the photo")}</button>
            })}
            <p class="field"><label for="venue-photo">{tx("Nieuwe foto (JPEG, PNG of WebP, tot 5 MB; de locatiegegevens worden verwijderd)", "New photo (JPEG, PNG or WebP, up to 5 MB; location data is removed)")}</label>
                <input id="venue-photo" type="file" accept="image/jpeg,image/png,image/webp" on:change=upload /></p>
            <Problem message=message />
        </section>
    }
}

/// The fields of the room form.
#[derive(Clone, Copy)]
struct RoomFields {
    editing: RwSignal<Option<String>>,
    name: RwSignal<String>,
    capacity: RwSignal<String>,
    uses: RwSignal<Vec<String>>,
    facilities: RwSignal<String>,
    step_free: RwSignal<bool>,
    recognised: RwSignal<String>,
    resident: RwSignal<String>,
    private: RwSignal<String>,
    free: RwSignal<bool>,
}

impl RoomFields {
    fn new() -> Self {
        Self {
            editing: RwSignal::new(None),
            name: RwSignal::new(String::new()),
            capacity: RwSignal::new(String::new()),
            uses: RwSignal::new(vec!["meeting".to_owned()]),
            facilities: RwSignal::new(String::new()),
            step_free: RwSignal::new(false),
            recognised: RwSignal::new(String::new()),
            resident: RwSignal::new(String::new()),
            private: RwSignal::new(String::new()),
            free: RwSignal::new(false),
        }
    }

    fn fill(&self, room: Option<&Room>) {
        self.editing.set(room.map(|r| r.id.clone()));
        self.name
            .set(room.map(|r| r.name.clone()).unwrap_or_default());
        self.capacity
            .set(room.map(|r| r.capacity.to_string()).unwrap_or_default());
        self.uses
            .set(room.map_or_else(|| vec!["meeting".to_owned()], |r| r.uses.clone()));
        self.facilities
            .set(room.map(|r| r.facilities.join(", ")).unwrap_or_default());
        self.step_free.set(room.is_some_and(|r| r.step_free));
        let tariff = |f: fn(&Tariffs) -> i32| {
            room.map(|r| euro_input(i64::from(f(&r.tariffs))))
                .unwrap_or_default()
        };
        self.recognised.set(tariff(|t| t.recognised_cents));
        self.resident.set(tariff(|t| t.resident_cents));
        self.private.set(tariff(|t| t.private_cents));
        self.free
            .set(room.is_some_and(|r| r.tariffs.free_for_neighbourhood));
    }

    fn body(&self) -> RoomInput {
        let money = |s: RwSignal<String>| {
            parse_euro(&s.get_untracked())
                .and_then(|c| i32::try_from(c).ok())
                .unwrap_or(-1)
        };
        RoomInput {
            name: self.name.get_untracked().trim().to_owned(),
            capacity: self.capacity.get_untracked().trim().parse().unwrap_or(0),
            uses: self.uses.get_untracked(),
            facilities: list(&self.facilities.get_untracked()),
            step_free: self.step_free.get_untracked(),
            tariffs: Tariffs {
                recognised_cents: money(self.recognised),
                resident_cents: money(self.resident),
                private_cents: money(self.private),
                free_for_neighbourhood: self.free.get_untracked(),
            },
        }
    }
}

#[component]
fn RoomsSection(detail: RwSignal<Option<VenueDetail>>, reload: Callback<()>) -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let fields = RoomFields::new();
    let message = RwSignal::new(None::<String>);
    let done = RwSignal::new(None::<String>);
    let rooms = move || detail.with(|d| d.as_ref().map(|d| d.rooms.clone()).unwrap_or_default());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = fields.body();
        let (venue, version) = current(detail);
        let editing = fields.editing.get_untracked();
        let saved = if editing.is_some() {
            pick(
                lang.get_untracked(),
                "De zaal is bewaard.",
                "The room is saved.",
            )
        } else {
            pick(
                lang.get_untracked(),
                "De zaal is toegevoegd.",
                "The room is added.",
            )
        };
        done.set(None);
        act(
            session,
            message,
            move |c| async move {
                match editing {
                    Some(room) => c.update_room(&room, &version, &body).await,
                    None => c.add_room(&venue, &body).await,
                }
            },
            move |v| {
                detail.set(Some(v));
                fields.fill(None);
                done.set(Some(saved.to_owned()));
            },
        );
    };
    let remove = move |_| {
        let Some(room) = fields.editing.get_untracked() else {
            return;
        };
        let (_, version) = current(detail);
        done.set(None);
        act(
            session,
            message,
            move |c| async move { c.delete_room(&room, &version).await },
            move |v| {
                detail.set(Some(v));
                fields.fill(None);
                done.set(Some(
                    pick(
                        lang.get_untracked(),
                        "De zaal is verwijderd.",
                        "The room is removed.",
                    )
                    .to_owned(),
                ));
            },
        );
    };
    let money_field = move |id: &'static str,
                            nl: &'static str,
                            en: &'static str,
                            value: RwSignal<String>| {
        view! {
            <p class="field"><label for=id>{tx(nl, en)}</label>
                <input id=id inputmode="decimal" required=true pattern="[0-9]+([.,][0-9]{1,2})?" prop:value=value on:input=move |ev| value.set(event_target_value(&ev)) /></p>
        }
    };
    view! {
        <section class="venue-rooms">
            <h2>{move || t(lang.get(), T::Rooms)}</h2>
            <ul class="room-list">{move || rooms().into_iter().map(|room| {
                let label = format!("{} {}", pick(lang.get_untracked(), "Bewerk", "Edit"), room.name);
                let l = lang.get_untracked();
                let line = format!(
                    "{} · {} {} · {} {} · {} {} · {} {} {}",
                    room.name,
                    room.capacity,
                    pick(l, "personen", "people"),
                    pick(l, "erkend", "recognised"),
                    price(i64::from(room.tariffs.recognised_cents), l),
                    pick(l, "bewoners", "residents"),
                    price(i64::from(room.tariffs.resident_cents), l),
                    pick(l, "privé", "private"),
                    price(i64::from(room.tariffs.private_cents), l),
                    pick(l, "per uur", "an hour"),
                );
                let r = room.clone();
                view! { <li>
                    {line} " "
                    <button type="button" aria-label=label on:click=move |_| { done.set(None); fields.fill(Some(&r)); }>{tx("Bewerk", "Edit")}</button>
                </li> }
            }).collect_view()}</ul>
            <form class="room-form" on:submit=submit>
                <h3>{move || if fields.editing.get().is_some() { pick(lang.get(), "Zaal bewerken", "Edit the room") } else { pick(lang.get(), "Nieuwe zaal", "New room") }}</h3>
                <p class="field"><label for="room-name">{tx("Naam van de zaal", "Name of the room")}</label>
                    <input id="room-name" required=true maxlength="200" prop:value=fields.name on:input=move |ev| fields.name.set(event_target_value(&ev)) /></p>
                <p class="field"><label for="room-capacity">{tx("Hoeveel personen", "How many people")}</label>
                    <input id="room-capacity" type="number" min="1" max="5000" required=true prop:value=fields.capacity on:input=move |ev| fields.capacity.set(event_target_value(&ev)) /></p>
                <fieldset><legend>{tx("Toegelaten gebruik", "Allowed uses")}</legend>
                    {ROOM_USES.iter().map(|u| {
                        let u = *u;
                        let id = format!("room-use-{u}");
                        view! { <span class="check">
                            <input id=id.clone() type="checkbox" prop:checked=move || fields.uses.with(|l| l.iter().any(|x| x == u))
                                on:change=move |ev| { let on = event_target_checked(&ev); fields.uses.update(|l| { l.retain(|x| x != u); if on { l.push(u.to_owned()); } }); } />
                            <label for=id>{move || labels::room_use(lang.get(), u)}</label>
                        </span> }
                    }).collect_view()}
                </fieldset>
                <p class="field"><label for="room-facilities">{tx("Voorzieningen (met komma's)", "Facilities (comma-separated)")}</label>
                    <input id="room-facilities" prop:value=fields.facilities on:input=move |ev| fields.facilities.set(event_target_value(&ev)) /></p>
                <p class="field check"><input id="room-step-free" type="checkbox" prop:checked=fields.step_free on:change=move |ev| fields.step_free.set(event_target_checked(&ev)) />
                    <label for="room-step-free">{tx("Zonder trappen bereikbaar", "Reachable without steps")}</label></p>
                {money_field("room-tariff-recognised", "Tarief erkende vereniging (€ per uur)", "Tariff recognised association (€ an hour)", fields.recognised)}
                {money_field("room-tariff-resident", "Tarief bewoners (€ per uur)", "Tariff residents (€ an hour)", fields.resident)}
                {money_field("room-tariff-private", "Tarief privé (€ per uur)", "Tariff private (€ an hour)", fields.private)}
                <p class="field check"><input id="room-free" type="checkbox" prop:checked=fields.free on:change=move |ev| fields.free.set(event_target_checked(&ev)) />
                    <label for="room-free">{tx("Gratis voor buurtactiviteiten van organisaties", "Free for neighbourhood activities of organisations")}</label></p>
                <Stale message=message reload=reload />
                <Done message=done />
                <button type="submit">{move || if fields.editing.get().is_some() { pick(lang.get(), "Zaal bewaren", "Save the room") } else { pick(lang.get(), "Zaal toevoegen", "Add the room") }}</button>
                <Show when=move || fields.editing.get().is_some()>
                    <button type="button" on:click=remove>{tx("Zaal verwijderen", "Remove the room")}</button>
                    <button type="button" on:click=move |_| fields.fill(None)>{tx("Annuleren", "Cancel")}</button>
                </Show>
            </form>
        </section>
    }
}

/// One row of the opening-hours form.
#[derive(Clone, Copy)]
struct HourRow {
    key: usize,
    weekday: RwSignal<String>,
    opens: RwSignal<String>,
    closes: RwSignal<String>,
    kind: RwSignal<String>,
    condition: RwSignal<String>,
}

impl HourRow {
    fn new(key: usize, h: Option<&OpeningHours>) -> Self {
        Self {
            key,
            weekday: RwSignal::new(h.map_or_else(|| "1".to_owned(), |h| h.weekday.to_string())),
            opens: RwSignal::new(h.map_or_else(|| "09:00".to_owned(), |h| h.opens.clone())),
            closes: RwSignal::new(h.map_or_else(|| "17:00".to_owned(), |h| h.closes.clone())),
            kind: RwSignal::new(
                h.map_or(OpeningKind::WalkIn, |h| h.kind)
                    .as_str()
                    .to_owned(),
            ),
            condition: RwSignal::new(h.and_then(|h| h.condition.clone()).unwrap_or_default()),
        }
    }

    fn hours(&self) -> OpeningHours {
        OpeningHours {
            weekday: self.weekday.get_untracked().parse().unwrap_or(0),
            opens: self.opens.get_untracked(),
            closes: self.closes.get_untracked(),
            kind: OpeningKind::parse(&self.kind.get_untracked()).unwrap_or(OpeningKind::WalkIn),
            condition: Some(self.condition.get_untracked().trim().to_owned())
                .filter(|c| !c.is_empty()),
        }
    }
}

#[component]
fn HoursSection(detail: RwSignal<Option<VenueDetail>>, reload: Callback<()>) -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let initial = detail.with_untracked(|d| {
        d.as_ref()
            .map(|d| d.opening_hours.clone())
            .unwrap_or_default()
    });
    let next = StoredValue::new(initial.len());
    let rows = RwSignal::new(
        initial
            .iter()
            .enumerate()
            .map(|(i, h)| HourRow::new(i, Some(h)))
            .collect::<Vec<_>>(),
    );
    let message = RwSignal::new(None::<String>);
    let done = RwSignal::new(None::<String>);
    let add = move |_| {
        let key = next.get_value();
        next.set_value(key + 1);
        rows.update(|r| r.push(HourRow::new(key, None)));
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = SetOpeningHours {
            hours: rows.with_untracked(|r| r.iter().map(HourRow::hours).collect()),
        };
        let (id, version) = current(detail);
        done.set(None);
        act(
            session,
            message,
            move |c| async move { c.set_opening_hours(&id, &version, &body).await },
            move |v| {
                detail.set(Some(v));
                done.set(Some(
                    pick(
                        lang.get_untracked(),
                        "De openingsuren zijn bewaard.",
                        "The opening hours are saved.",
                    )
                    .to_owned(),
                ));
            },
        );
    };
    view! {
        <form class="venue-hours" on:submit=submit>
            <h2>{move || t(lang.get(), T::OpeningHours)}</h2>
            <ul class="hour-rows">
                <For each=move || rows.get() key=|r| r.key let:row>
                    <li>
                        <label for=format!("hour-day-{}", row.key)>{tx("Dag", "Day")}</label>
                        <select id=format!("hour-day-{}", row.key) on:change=move |ev| row.weekday.set(event_target_value(&ev))>
                            {(1..=7).map(|d: i16| view! { <option value=d.to_string() selected=move || row.weekday.get() == d.to_string()>{move || crate::pages::venues::weekday(lang.get(), d)}</option> }).collect_view()}
                        </select>
                        <label for=format!("hour-opens-{}", row.key)>{tx("Open om", "Opens")}</label>
                        <input id=format!("hour-opens-{}", row.key) type="time" required=true prop:value=row.opens on:input=move |ev| row.opens.set(event_target_value(&ev)) />
                        <label for=format!("hour-closes-{}", row.key)>{tx("Dicht om", "Closes")}</label>
                        <input id=format!("hour-closes-{}", row.key) type="time" required=true prop:value=row.closes on:input=move |ev| row.closes.set(event_target_value(&ev)) />
                        <label for=format!("hour-kind-{}", row.key)>{tx("Soort", "Kind")}</label>
                        <select id=format!("hour-kind-{}", row.key) on:change=move |ev| row.kind.set(event_target_value(&ev))>
                            {OpeningKind::ALL.iter().map(|k| { let k = *k; view! { <option value=k.as_str() selected=move || row.kind.get() == k.as_str()>{move || labels::opening_kind(lang.get(), k)}</option> } }).collect_view()}
                        </select>
                        <Show when=move || row.kind.get() == OpeningKind::Conditional.as_str()>
                            <label for=format!("hour-condition-{}", row.key)>{tx("Voorwaarde", "Condition")}</label>
                            <input id=format!("hour-condition-{}", row.key) prop:value=row.condition on:input=move |ev| row.condition.set(event_target_value(&ev)) />
                        </Show>
                        <button type="button" on:click=move |_| rows.update(|r| r.retain(|x| x.key != row.key))>{tx("Schrap", "Remove")}</button>
                    </li>
                </For>
            </ul>
            <button type="button" on:click=add>{tx("Uren toevoegen", "Add hours")}</button>
            <Stale message=message reload=reload />
            <Done message=done />
            <button type="submit">{tx("Openingsuren bewaren", "Save the opening hours")}</button>
        </form>
    }
}

#[component]
fn ClosuresSection(detail: RwSignal<Option<VenueDetail>>) -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let first = RwSignal::new(String::new());
    let last = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let message = RwSignal::new(None::<String>);
    let closures =
        move || detail.with(|d| d.as_ref().map(|d| d.closures.clone()).unwrap_or_default());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = CreateClosure {
            first_day: first.get_untracked(),
            last_day: last.get_untracked(),
            reason: reason.get_untracked().trim().to_owned(),
        };
        let (id, _) = current(detail);
        act(
            session,
            message,
            move |c| async move { c.add_closure(&id, &body).await },
            move |v| {
                detail.set(Some(v));
                first.set(String::new());
                last.set(String::new());
                reason.set(String::new());
            },
        );
    };
    view! {
        <section class="venue-closures">
            <h2>{tx("Sluitingen", "Closures")}</h2>
            <p>{tx("In deze periodes kan niemand een zaal aanvragen.", "Nobody can request a room in these periods.")}</p>
            <ul>{move || closures().into_iter().map(|c| {
                let closure = c.id.clone();
                let label = format!("{} {} – {}", pick(lang.get_untracked(), "Heropen", "Reopen"), c.first_day, c.last_day);
                view! { <li>
                    {format!("{} – {}: {}", c.first_day, c.last_day, c.reason)} " "
                    <button type="button" aria-label=label on:click=move |_| {
                        let closure = closure.clone();
                        let (id, _) = current(detail);
                        act(session, message, move |c| async move { c.delete_closure(&id, &closure).await }, move |v| detail.set(Some(v)));
                    }>{tx("Heropen", "Reopen")}</button>
                </li> }
            }).collect_view()}</ul>
            <form class="closure-form" on:submit=submit>
                <p class="field"><label for="closure-first">{tx("Eerste dag dicht", "First day closed")}</label>
                    <input id="closure-first" type="date" required=true prop:value=first on:input=move |ev| first.set(event_target_value(&ev)) /></p>
                <p class="field"><label for="closure-last">{tx("Laatste dag dicht", "Last day closed")}</label>
                    <input id="closure-last" type="date" required=true prop:value=last on:input=move |ev| last.set(event_target_value(&ev)) /></p>
                <p class="field"><label for="closure-reason">{tx("Reden (die zien wie willen reserveren)", "Reason (shown to people who want to book)")}</label>
                    <input id="closure-reason" required=true minlength="2" maxlength="200" prop:value=reason on:input=move |ev| reason.set(event_target_value(&ev)) /></p>
                <Problem message=message />
                <button type="submit">{tx("Sluiting toevoegen", "Add the closure")}</button>
            </form>
        </section>
    }
}

#[component]
fn ManagersSection(detail: RwSignal<Option<VenueDetail>>) -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let managers = RwSignal::new(Vec::new());
    let email = RwSignal::new(String::new());
    let message = RwSignal::new(None::<String>);
    let (venue, _) = current(detail);
    {
        let venue = venue.clone();
        act(
            session,
            message,
            move |c| async move { c.venue_managers(&venue).await },
            move |l| managers.set(l),
        );
    }
    let submit = {
        let venue = venue.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let (venue, address) = (venue.clone(), email.get_untracked());
            act(
                session,
                message,
                move |c| async move { c.add_venue_manager(&venue, &address).await },
                move |l| {
                    managers.set(l);
                    email.set(String::new());
                },
            );
        }
    };
    view! {
        <section class="venue-managers">
            <h2>{tx("Beheerders", "Managers")}</h2>
            <p>{tx("Zij beslissen over de aanvragen en houden deze plaats bij.", "They decide on requests and keep this venue up to date.")}</p>
            <ul>{move || managers.get().into_iter().map(|m| {
                let venue = venue.clone();
                let label = format!("{} {}", pick(lang.get_untracked(), "Verwijder", "Remove"), m.display_name);
                view! { <li>
                    {format!("{} ({})", m.display_name, m.email)} " "
                    <button type="button" aria-label=label on:click=move |_| {
                        let (venue, user) = (venue.clone(), m.user_id.clone());
                        act(session, message, move |c| async move { c.remove_venue_manager(&venue, &user).await }, move |l| managers.set(l));
                    }>{tx("Verwijder", "Remove")}</button>
                </li> }
            }).collect_view()}</ul>
            <form class="manager-form" on:submit=submit>
                <p class="field"><label for="manager-email">{tx("E-mailadres van een nieuwe beheerder (met een account)", "E-mail address of a new manager (with an account)")}</label>
                    <input id="manager-email" type="email" required=true prop:value=email on:input=move |ev| email.set(event_target_value(&ev)) /></p>
                <Problem message=message />
                <button type="submit">{tx("Beheerder toevoegen", "Add the manager")}</button>
            </form>
        </section>
    }
}
