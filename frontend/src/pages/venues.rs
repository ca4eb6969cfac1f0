//! The venue finder, a venue's page with the booking form, my bookings and the manager inbox.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use samenstad_domain::booking::{Booker, RoomTariffs, price_cents, tariff};
use samenstad_types::venue::{
    Booking, BookingStatus, CreateBooking, ListVenuesQuery, LocationPrecision, Room, VenueDetail,
    VenueType,
};
use samenstad_types::{Geometry, Wijk};
use wasm_bindgen::JsValue;

use crate::api;
use crate::app::set_title;
use crate::components::map::{BaseLayer, fit, locate};
use crate::components::week_calendar::WeekCalendar;
use crate::format;
use crate::i18n::{Lang, T, t, use_lang};
use crate::labels;
use crate::state::use_session;

pub(crate) fn weekday(lang: Lang, day: i16) -> &'static str {
    const NL: [&str; 7] = [
        "maandag",
        "dinsdag",
        "woensdag",
        "donderdag",
        "vrijdag",
        "zaterdag",
        "zondag",
    ];
    const EN: [&str; 7] = [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ];
    let i = usize::try_from(day - 1).unwrap_or(0).min(6);
    if lang == Lang::Nl { NL[i] } else { EN[i] }
}

/// `/venues`: filters, a list and a map.
#[component]
pub fn VenueFinder() -> impl IntoView {
    let lang = use_lang();
    Effect::new(move |_| set_title(t(lang.get(), T::Venues)));
    let wijk = RwSignal::new(String::new());
    let kind = RwSignal::new(String::new());
    let capacity = RwSignal::new(String::new());
    let room_use = RwSignal::new(String::new());
    let accessible = RwSignal::new(false);
    let near = RwSignal::new(None::<(f64, f64)>);
    let shapes = LocalResource::new(|| async {
        api::client()?
            .wijken_geojson(&crate::api::MAP_OUTLINES)
            .await
            .map_err(|e| e.to_string())
    });
    let results = LocalResource::new(move || {
        let query = ListVenuesQuery {
            wijk: Some(wijk.get()).filter(|w| !w.is_empty()),
            venue_type: Some(kind.get()).filter(|k| !k.is_empty()),
            capacity_min: capacity.get().trim().parse().ok(),
            room_use: Some(room_use.get()).filter(|u| !u.is_empty()),
            accessible: accessible.get().then_some(true),
            near: near
                .get()
                .map(|(lat, lon)| format!("{},{}", format::fixed(lat, 5), format::fixed(lon, 5))),
            limit: Some(100),
            ..Default::default()
        };
        async move {
            api::client()?
                .list_venues(&query)
                .await
                .map_err(|e| e.to_string())
        }
    });
    view! {
        <h1>{move || t(lang.get(), T::FindVenue)}</h1>
        <form class="filters" on:submit=|ev| ev.prevent_default()>
            <p class="field">
                <label for="f-wijk">{move || t(lang.get(), T::Wijk)}</label>
                <select id="f-wijk" on:change=move |ev| wijk.set(event_target_value(&ev))>
                    <option value="">{move || t(lang.get(), T::AnyWijk)}</option>
                    {move || shapes.get().and_then(Result::ok).map(|fc| fc.features.into_iter().map(|f| {
                        view! { <option value=f.properties.wijknr.to_string()>{f.properties.name}</option> }
                    }).collect_view())}
                </select>
            </p>
            <p class="field">
                <label for="f-type">{move || t(lang.get(), T::Type)}</label>
                <select id="f-type" on:change=move |ev| kind.set(event_target_value(&ev))>
                    <option value="">{move || t(lang.get(), T::AnyType)}</option>
                    {VenueType::ALL.iter().map(|&k| view! { <option value=k.as_str()>{move || labels::venue_type(lang.get(), k)}</option> }).collect_view()}
                </select>
            </p>
            <p class="field">
                <label for="f-capacity">{move || t(lang.get(), T::CapacityMin)}</label>
                <input id="f-capacity" type="number" min="1" inputmode="numeric" prop:value=capacity on:input=move |ev| capacity.set(event_target_value(&ev)) />
            </p>
            <p class="field">
                <label for="f-use">{move || t(lang.get(), T::Use)}</label>
                <select id="f-use" on:change=move |ev| room_use.set(event_target_value(&ev))>
                    <option value="">{move || t(lang.get(), T::AnyUse)}</option>
                    {samenstad_domain::venue::ROOM_USES.iter().map(|u| view! { <option value=*u>{*u}</option> }).collect_view()}
                </select>
            </p>
            <p class="field checkbox">
                <input id="f-accessible" type="checkbox" prop:checked=accessible on:change=move |ev| accessible.set(event_target_checked(&ev)) />
                <label for="f-accessible">{move || t(lang.get(), T::Accessible)}</label>
            </p>
        </form>
        <Transition fallback=move || view! { <p class="loading">{move || t(lang.get(), T::Loading)}</p> }>
            // The list and the map together (the page's first HTML shows the list; the app takes
            // its place once both are there).
            {move || results.get().zip(shapes.get()).map(|(r, shapes)| match r {
                Err(_) => view! { <p role="alert">{move || t(lang.get(), T::LoadFailed)}</p> }.into_any(),
                Ok(page) => {
                    let shapes = shapes.ok().map(|fc| fc.features.into_iter().map(|f| (f.properties, f.geometry)).collect::<Vec<_>>()).unwrap_or_default();
                    let count = page.items.len();
                    let list = page.items.clone().into_iter().map(|v| {
                        let href = format!("/venues/{}", v.slug);
                        let sample = v.is_sample;
                        let kind = v.venue_type;
                        view! {
                            <li>
                                <A href=href>{v.name.clone()}</A>
                                <span class="meta">{move || labels::venue_type(lang.get(), kind)}
                                    {v.max_capacity.map(|c| format!(" · max. {c}"))}
                                    {v.wijknr.map(|n| format!(" · wijk {n}"))}
                                    {v.distance_m.map(|d| if d < 1000.0 { format!(" · {} m", format::fixed(d, 0)) } else { format!(" · {} km", format::fixed(d / 1000.0, 1)) })}</span>
                                <Show when=move || sample><span class="badge">{move || t(lang.get(), T::Sample)}</span></Show>
                            </li>
                        }
                    }).collect_view();
                    view! {
                        <div class="overview">
                            <section aria-labelledby="results-title">
                                <h2 id="results-title">{move || t(lang.get(), T::Results)} " (" {count} ")"</h2>
                                <Show when=move || count == 0>
                                    <p>{move || t(lang.get(), T::NoVenues)}</p>
                                </Show>
                                <ul class="venue-list">{list}
                                </ul>
                            </section>
                            <div class="map-side">
                                <p class="help">{move || t(lang.get(), T::NearHelp)}</p>
                                <button type="button" class="near-me" on:click=move |_| locate(near, None)>{move || t(lang.get(), T::NearMe)}</button>
                                <Show when=move || near.get().is_some()>
                                    <button type="button" class="clear-near" on:click=move |_| near.set(None)>{move || t(lang.get(), T::ClearNear)}</button>
                                </Show>
                                <VenueMap shapes=shapes venues=page.items near=near />
                            </div>
                        </div>
                    }.into_any()
                }
            })}
        </Transition>
    }
}

#[component]
fn VenueMap(
    shapes: Vec<(Wijk, Geometry)>,
    venues: Vec<samenstad_types::venue::Venue>,
    near: RwSignal<Option<(f64, f64)>>,
) -> impl IntoView {
    let lang = use_lang();
    let projection = fit(shapes.iter().map(|(_, g)| g));
    let areas = shapes
        .iter()
        .map(|(_, g)| view! { <path class="wijk-bg" d=projection.path(g)></path> })
        .collect_view();
    let navigate = leptos_router::hooks::use_navigate();
    let markers = venues
        .iter()
        .map(|v| {
            let (x, y) = projection.xy(v.lon, v.lat);
            let href = format!("/venues/{}", v.slug);
            let class = if v.is_sample { "venue-marker sample" } else { "venue-marker" };
            let go = {
                let navigate = navigate.clone();
                let href = href.clone();
                move || navigate(&href, Default::default())
            };
            let go_key = go.clone();
            // SVG circles are not links in Leptos' HTML namespace: a focusable shape with the
            // link role and Enter/click behaviour instead (as on the wijk map).
            view! {
                <circle class=class cx=format::fixed(x, 1) cy=format::fixed(y, 1) r="9" role="link" tabindex="0"
                    aria-label=v.name.clone() data-href=href
                    on:click=move |ev: leptos::ev::MouseEvent| { ev.stop_propagation(); go() }
                    on:keydown=move |ev| if ev.key() == "Enter" { ev.prevent_default(); go_key(); }
                ></circle>
            }
        })
        .collect_view();
    // A click on the map (not on a marker) searches near that point.
    let pick = move |ev: leptos::ev::MouseEvent| {
        use wasm_bindgen::JsCast;
        let Some(svg) = ev
            .current_target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        else {
            return;
        };
        let scale = projection.width() / f64::from(svg.client_width().max(1));
        let (lon, lat) = projection.lon_lat(
            f64::from(ev.offset_x()) * scale,
            f64::from(ev.offset_y()) * scale,
        );
        near.set(Some((lat, lon)));
    };
    let pin = move || {
        near.get().map(|(lat, lon)| {
            let (x, y) = projection.xy(lon, lat);
            view! { <circle class="near-pin" cx=format::fixed(x, 1) cy=format::fixed(y, 1) r="12"></circle> }
        })
    };
    view! {
        <svg class="wijk-map venue-map" viewBox=projection.view_box() role="group" aria-label=move || t(lang.get(), T::Venues) on:click=pick>
            <BaseLayer projection=projection />
            {areas}
            {markers}
            {pin}
        </svg>
    }
}

/// `/venues/:key`: details, rooms and the booking form.
#[component]
pub fn VenuePage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let data = LocalResource::new(move || {
        let key = params.read().get("key").unwrap_or_default();
        async move {
            api::client()?
                .get_venue(&key)
                .await
                .map_err(|e| e.to_string())
        }
    });
    view! {
        <p><A href="/venues">{move || t(lang.get(), T::FindVenue)}</A></p>
        <Transition fallback=move || view! { <p class="loading">{move || t(lang.get(), T::Loading)}</p> }>
            {move || data.get().map(|r| match r {
                Ok(Some(v)) => view! { <VenueView venue=v /> }.into_any(),
                Ok(None) => view! { <crate::pages::not_found::NotFound /> }.into_any(),
                Err(_) => view! { <p role="alert">{move || t(lang.get(), T::LoadFailed)}</p> }.into_any(),
            })}
        </Transition>
    }
}

#[component]
fn VenueView(venue: VenueDetail) -> impl IntoView {
    let lang = use_lang();
    let v = venue.venue.clone();
    set_title(&v.name);
    let kind = v.venue_type;
    let sample = v.is_sample;
    let location = v.location_line();
    let only_wijk = v.address.is_none();
    let only_town = v.location_precision == LocationPrecision::Municipality;
    let features: Vec<String> = v
        .facilities
        .iter()
        .chain(v.accessibility.iter())
        .chain(v.target_groups.iter())
        .cloned()
        .collect();
    let session = use_session();
    let keeps = {
        let venue = venue.clone();
        move || {
            session.me.with(|me| {
                me.as_ref()
                    .is_some_and(|me| crate::pages::venue_upkeep::may_keep(me, &venue))
            })
        }
    };
    let manage = format!("/venues/{}/manage", v.slug);
    let closures = venue.closures.clone();
    let has_closures = !closures.is_empty();
    view! {
        <article class="venue">
            <h1>{v.name.clone()}</h1>
            <Show when=keeps.clone()>
                <p><A href=manage.clone()>{move || if lang.get() == Lang::Nl { "Deze plaats beheren" } else { "Manage this venue" }}</A></p>
            </Show>
            {venue.photo_url.clone().map(|src| view! { <img class="venue-photo" src=src alt="" width="480" /> })}
            <p class="meta">{move || labels::venue_type(lang.get(), kind)} {v.operator_name.clone().map(|o| format!(" · {o}"))}</p>
            <Show when=move || sample><p class="badge">{move || t(lang.get(), T::Sample)}</p></Show>
            {v.disclaimer.clone().map(|d| view! { <p class="disclaimer">{d}</p> })}
            <p>{v.description.clone()}</p>
            <dl class="facts">
                <dt>{move || t(lang.get(), T::Location)}</dt>
                <dd>{location} " " <Show when=move || only_wijk><small class="note">{move || t(lang.get(), if only_town { T::OnlyTownKnown } else { T::OnlyWijkKnown })}</small></Show></dd>
                <dt>{move || t(lang.get(), T::Facilities)}</dt>
                <dd>{if features.is_empty() { "–".to_owned() } else { features.join(", ") }}</dd>
            </dl>
            <Show when={let has = !venue.opening_hours.is_empty(); move || has}>
                <h2>{move || t(lang.get(), T::OpeningHours)}</h2>
                <ul class="hours">{venue.opening_hours.iter().map(|h| {
                    let line = format!("{} {}–{}", weekday(lang.get_untracked(), h.weekday), h.opens, h.closes);
                    let kind = labels::opening_kind(lang.get_untracked(), h.kind);
                    view! { <li>{line} " · " {kind} {h.condition.clone().map(|c| format!(" — {c}"))}</li> }
                }).collect_view()}</ul>
            </Show>
            <Show when=move || has_closures>
                <h2>{move || if lang.get() == Lang::Nl { "Gesloten" } else { "Closed" }}</h2>
                <ul class="closures">{closures.iter().map(|c| view! { <li>{format!("{} – {}: {}", c.first_day, c.last_day, c.reason)}</li> }).collect_view()}</ul>
            </Show>
            {crate::app::signed_in(|| view! { <ProposeChange venue_id=v.id.clone() /> })}
            <h2>{move || t(lang.get(), T::Rooms)}</h2>
            {venue.rooms.into_iter().map(|room| view! { <RoomCard room=room /> }).collect_view()}
        </article>
    }
}

/// "Something is not right?": a resident proposes a change to the listing, or its removal;
/// staff of the wijk decide (`/staff/venue-changes`).
#[component]
fn ProposeChange(venue_id: String) -> impl IntoView {
    use crate::staff::{Done, Problem, act, pick, tx};
    use samenstad_types::venue::{CreateVenueChange, VenueProposal};
    let lang = use_lang();
    let session = use_session();
    let kind = RwSignal::new("change".to_owned());
    let name = RwSignal::new(String::new());
    let street = RwSignal::new(String::new());
    let website = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let message = RwSignal::new(None::<String>);
    let done = RwSignal::new(None::<String>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = |s: RwSignal<String>| {
            Some(s.get_untracked().trim().to_owned()).filter(|s| !s.is_empty())
        };
        let body = CreateVenueChange {
            kind: kind.get_untracked(),
            venue_id: Some(venue_id.clone()),
            proposal: VenueProposal {
                name: text(name),
                street: text(street),
                website: text(website),
                description: text(description),
                ..VenueProposal::default()
            },
            reason: reason.get_untracked().trim().to_owned(),
        };
        act(
            session,
            message,
            move |c| async move { c.propose_venue_change(&body).await },
            move |_| {
                for s in [name, street, website, description, reason] {
                    s.set(String::new());
                }
                done.set(Some(
                    pick(
                        lang.get_untracked(),
                        "Bedankt: een medewerker van de wijk bekijkt je voorstel.",
                        "Thank you: a member of the wijk's staff will look at your proposal.",
                    )
                    .to_owned(),
                ));
            },
        );
    };
    view! {
        <Show when=move || session.me.with(Option::is_some)>
            <details class="propose-change">
                <summary>{tx("Klopt er iets niet? Stel een wijziging voor", "Something not right? Propose a change")}</summary>
                <form on:submit=submit.clone()>
                    <p class="field"><label for="change-kind">{tx("Wat stel je voor?", "What do you propose?")}</label>
                        <select id="change-kind" on:change=move |ev| kind.set(event_target_value(&ev))>
                            <option value="change">{tx("De gegevens aanpassen", "Change the details")}</option>
                            <option value="remove">{tx("Deze plaats bestaat niet meer", "This place no longer exists")}</option>
                        </select></p>
                    <Show when=move || kind.get() == "change">
                        <p class="field"><label for="change-name">{tx("Juiste naam (leeg: ongewijzigd)", "Right name (empty: unchanged)")}</label>
                            <input id="change-name" maxlength="200" prop:value=name on:input=move |ev| name.set(event_target_value(&ev)) /></p>
                        <p class="field"><label for="change-street">{tx("Juist adres (straat en nummer)", "Right address (street and number)")}</label>
                            <input id="change-street" maxlength="200" prop:value=street on:input=move |ev| street.set(event_target_value(&ev)) /></p>
                        <p class="field"><label for="change-website">{tx("Website", "Website")}</label>
                            <input id="change-website" type="url" prop:value=website on:input=move |ev| website.set(event_target_value(&ev)) /></p>
                        <p class="field"><label for="change-description">{tx("Beschrijving", "Description")}</label>
                            <textarea id="change-description" maxlength="4000" prop:value=description on:input=move |ev| description.set(event_target_value(&ev))></textarea></p>
                    </Show>
                    <p class="field"><label for="change-reason">{tx("Waarom? (voor de medewerkers)", "Why? (for the staff)")}</label>
                        <textarea id="change-reason" required=true minlength="3" maxlength="2000" prop:value=reason on:input=move |ev| reason.set(event_target_value(&ev))></textarea></p>
                    <Problem message=message />
                    <Done message=done />
                    <button type="submit">{tx("Voorstel versturen", "Send the proposal")}</button>
                </form>
            </details>
        </Show>
    }
}

/// A room: its capacity, price and week; signed-in people book it here.
#[component]
fn RoomCard(room: Room) -> impl IntoView {
    let lang = use_lang();
    let start = RwSignal::new(String::new());
    let calendar_room = room.id.clone();
    view! {
        <section class="room">
            <h3>{room.name.clone()}</h3>
            <p class="meta">{format!("max. {} ", room.capacity)} {move || t(lang.get(), T::People)} " · " {room.uses.join(", ")}
                " · " {move || format::price(i64::from(room.tariffs.resident_cents), lang.get())} "/u"</p>
            <WeekCalendar room_id=calendar_room start=start />
            <p class="subscribe"><a href=format!("/api/v1/rooms/{}/calendar.ics", room.id)>
                {move || if lang.get() == crate::i18n::Lang::Nl { "Bezetting in je agenda (iCal)" } else { "Bookings in your calendar (iCal)" }}</a></p>
            {crate::app::signed_in_or(|| view! { <BookingForm room=room.clone() start=start /> }, move || log_in_to_book(lang))}
        </section>
    }
}

fn log_in_to_book(lang: RwSignal<Lang>) -> impl IntoView {
    view! { <p><A href="/login">{move || t(lang.get(), T::LogInToBook)}</A></p> }
}

/// The booking request form of a room (`start` is shared with its week calendar).
#[component]
fn BookingForm(room: Room, start: RwSignal<String>) -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let hours = RwSignal::new("2".to_owned());
    let attendees = RwSignal::new("10".to_owned());
    let purpose = RwSignal::new(String::new());
    let room_use = RwSignal::new(
        room.uses
            .first()
            .cloned()
            .unwrap_or_else(|| "meeting".to_owned()),
    );
    let organisation = RwSignal::new(String::new());
    let repeat = RwSignal::new(String::new());
    let until = RwSignal::new(String::new());
    let message = RwSignal::new(None::<(bool, String)>);
    let tariffs = RoomTariffs {
        recognised_cents: room.tariffs.recognised_cents,
        resident_cents: room.tariffs.resident_cents,
        private_cents: room.tariffs.private_cents,
        free_for_neighbourhood: room.tariffs.free_for_neighbourhood,
    };
    let span = move || -> Option<(String, String)> {
        let value = start.get();
        let begin = js_sys::Date::new(&JsValue::from_str(&value));
        let h: f64 = hours.get().trim().replace(',', ".").parse().ok()?;
        if value.is_empty() || begin.get_time().is_nan() || h <= 0.0 {
            return None;
        }
        let end = js_sys::Date::new(&JsValue::from_f64(begin.get_time() + h * 3_600_000.0));
        Some((
            String::from(begin.to_iso_string()),
            String::from(end.to_iso_string()),
        ))
    };
    let price = move || {
        let org = organisation.get();
        let booker = if org.is_empty() {
            Booker::Person
        } else {
            let recognised = session.me.get().is_some_and(|me| {
                me.organisations
                    .iter()
                    .any(|o| o.organisation_id == org && o.recognised)
            });
            if recognised {
                Booker::RecognisedOrganisation
            } else {
                Booker::Organisation
            }
        };
        let (category, rate) = tariff(tariffs, booker, &room_use.get());
        let minutes = (hours
            .get()
            .trim()
            .replace(',', ".")
            .parse::<f64>()
            .unwrap_or(0.0)
            * 60.0) as i64;
        format!(
            "{} ({category})",
            format::price(i64::from(price_cents(rate, minutes)), lang.get())
        )
    };
    let room_id = room.id.clone();
    let availability = LocalResource::new(move || {
        let id = room_id.clone();
        let window = span();
        async move {
            match window {
                Some((from, to)) => api::client()?
                    .room_availability(&id, &from, &to)
                    .await
                    .map(|a| !a.busy.is_empty())
                    .map_err(|e| e.to_string()),
                None => Ok(false),
            }
        }
    });
    let room_id = room.id.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some((from, to)) = span() else {
            message.set(Some((
                false,
                t(lang.get_untracked(), T::Start).to_owned() + "?",
            )));
            return;
        };
        let body = CreateBooking {
            purpose: purpose.get_untracked(),
            attendees: attendees.get_untracked().trim().parse().unwrap_or(0),
            start: from,
            end: to,
            room_use: room_use.get_untracked(),
            organisation_id: Some(organisation.get_untracked()).filter(|o| !o.is_empty()),
        };
        let id = room_id.clone();
        spawn_local(async move {
            let rule = repeat.get_untracked();
            let explain = |e: samenstad_client::Error| match e {
                samenstad_client::Error::Api(p) if !p.errors.is_empty() => p
                    .errors
                    .iter()
                    .map(|e| format!("{}: {}", e.field, e.message))
                    .collect::<Vec<_>>()
                    .join("; "),
                samenstad_client::Error::Api(p) => p.detail.unwrap_or(p.title),
                other => other.to_string(),
            };
            let result = match api::authed(&session) {
                Ok(client) if !rule.is_empty() => {
                    let series = samenstad_types::venue::CreateBookingSeries {
                        first: body,
                        recurrence: rule,
                        until: until.get_untracked(),
                    };
                    client
                        .create_booking_series(&id, &series)
                        .await
                        .map(|_| ())
                        .map_err(explain)
                }
                Ok(client) => client
                    .create_booking(&id, &body, None)
                    .await
                    .map(|_| ())
                    .map_err(explain),
                Err(e) => Err(e),
            };
            message.set(Some(match result {
                Ok(_) => (true, t(lang.get_untracked(), T::RequestSent).to_owned()),
                Err(e) => (false, e),
            }));
        });
    };
    let uses = room.uses.clone();
    let form_id = format!("book-{}", room.id);
    let until_id = StoredValue::new(format!("b-until-{}", room.id));
    view! {
            <Show when=move || session.me.get().is_some() fallback=move || log_in_to_book(lang)>
                <form class="booking-form" id=form_id.clone() on:submit=submit.clone()>
                    <h4>{move || t(lang.get(), T::Book)}</h4>
                    <p class="field"><label for=format!("b-start-{}", room.id)>{move || t(lang.get(), T::Start)}</label>
                        <input id=format!("b-start-{}", room.id) type="datetime-local" required=true prop:value=start on:input=move |ev| start.set(event_target_value(&ev)) /></p>
                    <p class="field"><label for=format!("b-hours-{}", room.id)>{move || t(lang.get(), T::DurationHours)}</label>
                        <input id=format!("b-hours-{}", room.id) type="number" min="0.5" max="24" step="0.5" prop:value=hours on:input=move |ev| hours.set(event_target_value(&ev)) /></p>
                    <p class="field"><label for=format!("b-attendees-{}", room.id)>{move || t(lang.get(), T::Attendees)}</label>
                        <input id=format!("b-attendees-{}", room.id) type="number" min="1" prop:value=attendees on:input=move |ev| attendees.set(event_target_value(&ev)) /></p>
                    <p class="field"><label for=format!("b-use-{}", room.id)>{move || t(lang.get(), T::Use)}</label>
                        <select id=format!("b-use-{}", room.id) on:change=move |ev| room_use.set(event_target_value(&ev))>
                            {uses.iter().map(|u| view! { <option value=u.clone()>{u.clone()}</option> }).collect_view()}
                        </select></p>
                    <p class="field"><label for=format!("b-org-{}", room.id)>{move || t(lang.get(), T::OnBehalfOf)}</label>
                        <select id=format!("b-org-{}", room.id) on:change=move |ev| organisation.set(event_target_value(&ev))>
                            <option value="">{move || t(lang.get(), T::Myself)}</option>
                            {move || session.me.get().map(|me| me.organisations.into_iter().map(|o| view! { <option value=o.organisation_id>{o.name}</option> }).collect_view())}
                        </select></p>
                    <p class="field"><label for=format!("b-repeat-{}", room.id)>{move || t(lang.get(), T::Repeat)}</label>
                        <select id=format!("b-repeat-{}", room.id) on:change=move |ev| repeat.set(event_target_value(&ev))>
                            <option value="">{move || t(lang.get(), T::Once)}</option>
                            <option value="weekly">{move || t(lang.get(), T::Weekly)}</option>
                            <option value="biweekly">{move || t(lang.get(), T::Biweekly)}</option>
                            <option value="monthly">{move || t(lang.get(), T::Monthly)}</option>
                        </select></p>
                    <Show when=move || !repeat.get().is_empty()>
                        <p class="field"><label for=until_id.get_value()>{move || t(lang.get(), T::Until)}</label>
                            <input id=until_id.get_value() type="date" required=true prop:value=until on:input=move |ev| until.set(event_target_value(&ev)) /></p>
                    </Show>
                    <p class="field"><label for=format!("b-purpose-{}", room.id)>{move || t(lang.get(), T::Purpose)}</label>
                        <input id=format!("b-purpose-{}", room.id) type="text" required=true prop:value=purpose on:input=move |ev| purpose.set(event_target_value(&ev)) /></p>
                    <p class="price" aria-live="polite">{move || t(lang.get(), T::Price)} ": " {price}</p>
                    <Show when=move || availability.get().and_then(Result::ok).unwrap_or(false)>
                        <p class="error" role="alert">{move || t(lang.get(), T::Busy)}</p>
                    </Show>
                    {move || message.get().map(|(ok, text)| view! { <p class=if ok { "success" } else { "error" } role="status">{text}</p> })}
                    <button type="submit">{move || t(lang.get(), T::SendRequest)}</button>
                </form>
            </Show>
    }
}

/// Bookings grouped by the (local) week they start in, labelled with that Monday's date.
fn by_week<I>(list: Vec<I>, start_of: impl Fn(&I) -> &str) -> Vec<(String, Vec<I>)> {
    let mut groups: Vec<(String, Vec<I>)> = Vec::new();
    for b in list {
        let start = js_sys::Date::new(&JsValue::from_str(start_of(&b)));
        let back = f64::from((start.get_day() + 6) % 7) * 86_400_000.0;
        let monday = js_sys::Date::new(&JsValue::from_f64(start.get_time() - back));
        let label = format::local_date(&monday);
        match groups.last_mut() {
            Some((l, items)) if *l == label => items.push(b),
            _ => groups.push((label, vec![b])),
        }
    }
    groups
}

fn booking_line(b: &Booking, lang: Lang) -> String {
    format!(
        "{} – {} · {} · {}",
        format::date_time(&b.start),
        format::date_time(&b.end),
        b.purpose,
        format::price(i64::from(b.price_cents), lang)
    )
}

/// The caller's bookings (or, `managed`, those of the venues they manage), reloaded when the
/// session changes or the returned version signal is bumped after an action.
fn bookings(managed: bool) -> (LocalResource<Result<Vec<Booking>, String>>, RwSignal<u32>) {
    let session = use_session();
    let version = RwSignal::new(0u32);
    let data = LocalResource::new(move || {
        version.track();
        let ready = session.token.get().is_some();
        async move {
            if !ready {
                return Ok(vec![]);
            }
            api::authed(&session)?
                .list_bookings(managed)
                .await
                .map_err(|e| e.to_string())
        }
    });
    (data, version)
}

/// `/bookings`: my bookings.
#[component]
pub fn MyBookings() -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    Effect::new(move |_| set_title(t(lang.get(), T::MyBookings)));
    let (data, version) = bookings(false);
    view! {
        <h1>{move || t(lang.get(), T::MyBookings)}</h1>
        <Transition fallback=move || view! { <p>{move || t(lang.get(), T::Loading)}</p> }>
            {move || data.get().map(|r| match r {
                Ok(list) if list.is_empty() => view! { <p>{move || t(lang.get(), T::NoBookings)}</p> }.into_any(),
                Ok(list) => view! {
                    <ul class="booking-list">{list.into_iter().map(|b| {
                        let id = b.id.clone();
                        let status = b.status;
                        let cancellable = matches!(b.status, BookingStatus::Requested | BookingStatus::Approved);
                        let series = b.series_id.clone().filter(|_| cancellable);
                        let message = RwSignal::new(None::<String>);
                        view! {
                            <li class=format!("booking status-{}", b.status)>
                                <span class="status">{move || labels::booking_status(lang.get(), status)}</span> " "
                                {booking_line(&b, lang.get_untracked())}
                                {b.decision_reason.clone().map(|r| view! { <span class="reason">{format!(" — {r}")}</span> })}
                                <Show when=move || cancellable>
                                    <button type="button" on:click={let id = id.clone(); move |_| {
                                        let id = id.clone();
                                        crate::staff::act(session, message, move |c| async move { c.cancel_booking(&id).await }, move |_| version.update(|v| *v += 1));
                                    }}>{move || t(lang.get(), T::Cancel)}</button>
                                </Show>
                                {series.map(|series| view! {
                                    " "
                                    <button type="button" class="cancel-series" on:click=move |_| {
                                        let series = series.clone();
                                        crate::staff::act(session, message, move |c| async move { c.cancel_booking_series(&series).await }, move |_| version.update(|v| *v += 1));
                                    }>{move || if lang.get() == Lang::Nl { "Hele reeks annuleren" } else { "Cancel the whole series" }}</button>
                                })}
                                <crate::staff::Problem message=message />
                            </li>
                        }
                    }).collect_view()}</ul>
                }.into_any(),
                Err(_) => view! { <p><A href="/login">{move || t(lang.get(), T::LogIn)}</A></p> }.into_any(),
            })}
        </Transition>
    }
}

/// One item of the managers' inbox: a single booking, or the occurrences of a series that
/// are decided as one.
#[derive(Debug, Clone)]
enum InboxItem {
    Single(Booking),
    Series(String, Vec<Booking>),
}

impl InboxItem {
    /// When it (its first occurrence) starts.
    fn start(&self) -> &str {
        match self {
            Self::Single(b) => &b.start,
            Self::Series(_, l) => l.first().map_or("", |b| b.start.as_str()),
        }
    }
}

/// The inbox's items: the requested occurrences of a series gathered at the first of them.
fn inbox_items(list: Vec<Booking>) -> Vec<InboxItem> {
    let mut items: Vec<InboxItem> = Vec::new();
    for b in list {
        match b
            .series_id
            .clone()
            .filter(|_| b.status == BookingStatus::Requested)
        {
            Some(series) => {
                let found = items.iter_mut().find_map(|i| match i {
                    InboxItem::Series(s, l) if *s == series => Some(l),
                    _ => None,
                });
                match found {
                    Some(l) => l.push(b),
                    None => items.push(InboxItem::Series(series, vec![b])),
                }
            }
            None => items.push(InboxItem::Single(b)),
        }
    }
    items
}

/// `/manage`: the inbox of venue managers. Requests of a series are approved or declined as
/// one; a refusal (a slot taken meanwhile, a closure) is shown with what is in the way.
#[component]
pub fn ManageBookings() -> impl IntoView {
    let lang = use_lang();
    Effect::new(move |_| set_title(t(lang.get(), T::Manage)));
    let (data, version) = bookings(true);
    view! {
        <h1>{move || t(lang.get(), T::Manage)}</h1>
        <Transition fallback=move || view! { <p>{move || t(lang.get(), T::Loading)}</p> }>
            {move || data.get().map(|r| match r {
                Ok(list) if list.is_empty() => view! { <p>{move || t(lang.get(), T::NoBookings)}</p> }.into_any(),
                Ok(list) => by_week(inbox_items(list), InboxItem::start).into_iter().map(|(week, list)| view! {
                    <section class="week"><h2>{move || t(lang.get(), T::WeekOf)} " " {week}</h2>
                    <ul class="booking-list">{list.into_iter().map(|item| match item {
                        InboxItem::Single(b) => view! { <InboxBooking booking=b version=version /> }.into_any(),
                        InboxItem::Series(id, list) => view! { <InboxSeries id=id occurrences=list version=version /> }.into_any(),
                    }).collect_view()}</ul></section>
                }).collect_view().into_any(),
                Err(e) => view! { <p role="alert">{e}</p> }.into_any(),
            })}
        </Transition>
    }
}

/// Approve and decline (with a reason) for one request or one series.
#[component]
fn Decision<A, D>(key: String, approve: A, decline: D) -> impl IntoView
where
    A: Fn() + Clone + Send + Sync + 'static,
    D: Fn(String) + Clone + Send + Sync + 'static,
{
    let lang = use_lang();
    let reason = RwSignal::new(String::new());
    let reason_id = format!("reason-{key}");
    view! {
        <button type="button" class="approve" on:click=move |_| approve()>{move || t(lang.get(), T::Approve)}</button>
        <label for=reason_id.clone()>{move || t(lang.get(), T::Reason)}</label>
        <input id=reason_id type="text" prop:value=reason on:input=move |ev| reason.set(event_target_value(&ev)) />
        <button type="button" on:click=move |_| decline(reason.get_untracked())>{move || t(lang.get(), T::Decline)}</button>
    }
}

#[component]
fn InboxBooking(booking: Booking, version: RwSignal<u32>) -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let message = RwSignal::new(None::<String>);
    let b = booking;
    let status = b.status;
    let open = b.status == BookingStatus::Requested;
    let (approve_id, decline_id) = (b.id.clone(), b.id.clone());
    let approve = move || {
        let id = approve_id.clone();
        crate::staff::act(
            session,
            message,
            move |c| async move { c.approve_booking(&id).await },
            move |_| version.update(|v| *v += 1),
        );
    };
    let decline = move |why: String| {
        let id = decline_id.clone();
        crate::staff::act(
            session,
            message,
            move |c| async move { c.decline_booking(&id, &why).await },
            move |_| version.update(|v| *v += 1),
        );
    };
    view! {
        <li class=format!("booking status-{}", b.status)>
            <span class="status">{move || labels::booking_status(lang.get(), status)}</span> " "
            {booking_line(&b, lang.get_untracked())}
            <Show when=move || open>
                <Decision key=b.id.clone() approve=approve.clone() decline=decline.clone() />
            </Show>
            <crate::staff::Problem message=message />
        </li>
    }
}

#[component]
fn InboxSeries(id: String, occurrences: Vec<Booking>, version: RwSignal<u32>) -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let message = RwSignal::new(None::<String>);
    let count = occurrences.len();
    let first = occurrences
        .first()
        .map(|b| booking_line(b, lang.get_untracked()))
        .unwrap_or_default();
    let last = occurrences
        .last()
        .map(|b| format::date_time(&b.start))
        .unwrap_or_default();
    let (approve_id, decline_id) = (id.clone(), id.clone());
    let approve = move || {
        let id = approve_id.clone();
        crate::staff::act(
            session,
            message,
            move |c| async move { c.approve_booking_series(&id).await },
            move |_| version.update(|v| *v += 1),
        );
    };
    let decline = move |why: String| {
        let id = decline_id.clone();
        crate::staff::act(
            session,
            message,
            move |c| async move { c.decline_booking_series(&id, &why).await },
            move |_| version.update(|v| *v += 1),
        );
    };
    view! {
        <li class="booking series status-requested">
            <span class="status">{move || if lang.get() == Lang::Nl { format!("reeks van {count} aanvragen") } else { format!("series of {count} requests") }}</span> " "
            {first} " … " {last}
            <details>
                <summary>{move || if lang.get() == Lang::Nl { "Alle data" } else { "Every date" }}</summary>
                <ul>{occurrences.iter().map(|b| view! { <li>{format::date_time(&b.start)} " – " {format::date_time(&b.end)}</li> }).collect_view()}</ul>
            </details>
            <Decision key=id.clone() approve=approve decline=decline />
            <crate::staff::Problem message=message />
        </li>
    }
}
