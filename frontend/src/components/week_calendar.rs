//! A room's week calendar: a table of days × hours, busy hours marked, free hours as buttons
//! that fill in the booking form's start. One week at a time, from this week up to the
//! furthest a venue lets you book (26 weeks).

use leptos::prelude::*;
use wasm_bindgen::JsValue;

use crate::api;
use crate::i18n::{Lang, T, t, use_lang};

/// First and last hour row (local time): 08:00 … 22:00.
const FIRST_HOUR: u32 = 8;
const LAST_HOUR: u32 = 22;
/// Weeks one can page forward.
const MAX_WEEKS: i32 = 26;
const DAY_MS: f64 = 86_400_000.0;

fn day_name(lang: Lang, i: usize) -> &'static str {
    const NL: [&str; 7] = ["ma", "di", "wo", "do", "vr", "za", "zo"];
    const EN: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    if lang == Lang::Nl { NL[i] } else { EN[i] }
}

/// Noon (local) of the Monday `week` weeks from this one. Noon, so that adding whole days
/// stays on the intended date across a daylight-saving change.
fn monday_noon(week: i32) -> f64 {
    let now = js_sys::Date::new_0();
    now.set_hours(12);
    now.set_minutes(0);
    now.set_seconds(0);
    now.set_milliseconds(0);
    let back = f64::from((now.get_day() + 6) % 7);
    now.get_time() + (f64::from(week * 7) - back) * DAY_MS
}

/// The local date of day `day` (0 = Monday) of the week at `hour`:00.
fn at(monday: f64, day: usize, hour: u32) -> js_sys::Date {
    let d = js_sys::Date::new(&JsValue::from_f64(monday + day as f64 * DAY_MS));
    d.set_hours(hour);
    d
}

/// `YYYY-MM-DDTHH:00`, the value of a `datetime-local` input.
fn local_value(d: &js_sys::Date) -> String {
    format!(
        "{:04}-{:02}-{:02}T{:02}:00",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date(),
        d.get_hours()
    )
}

/// The week calendar of one room. Picking a free hour sets `start`.
#[component]
pub fn WeekCalendar(room_id: String, start: RwSignal<String>) -> impl IntoView {
    let lang = use_lang();
    let week = RwSignal::new(0i32);
    // Busy intervals of the shown week, as (start, end) in milliseconds since the epoch.
    let busy = LocalResource::new(move || {
        let id = room_id.clone();
        let monday = monday_noon(week.get());
        async move {
            let from = at(monday, 0, 0);
            let to = at(monday, 7, 0);
            let answer = api::client()?
                .room_availability(
                    &id,
                    &String::from(from.to_iso_string()),
                    &String::from(to.to_iso_string()),
                )
                .await
                .map_err(|e| e.to_string())?;
            let ms = |s: &str| js_sys::Date::new(&JsValue::from_str(s)).get_time();
            let intervals: Vec<(f64, f64)> = answer
                .busy
                .iter()
                .map(|b| (ms(&b.start), ms(&b.end)))
                .collect();
            Ok::<_, String>((monday, intervals))
        }
    });
    let label = move |monday: f64| {
        let first = at(monday, 0, 12);
        let last = at(monday, 6, 12);
        format!(
            "{} {}/{} – {}/{}",
            t(lang.get(), T::WeekOf),
            first.get_date(),
            first.get_month() + 1,
            last.get_date(),
            last.get_month() + 1
        )
    };
    let grid = move || {
        // The week the data is for (the buttons may already point at the next one).
        let (monday, intervals) = busy.get().and_then(Result::ok)?;
        let now = js_sys::Date::now();
        let lang = lang.get();
        let head = (0..7)
            .map(|day| {
                let d = at(monday, day, 12);
                view! { <th scope="col">{format!("{} {}/{}", day_name(lang, day), d.get_date(), d.get_month() + 1)}</th> }
            })
            .collect_view();
        let rows = (FIRST_HOUR..LAST_HOUR)
            .map(|hour| {
                let cells = (0..7)
                    .map(|day| {
                        let from = at(monday, day, hour);
                        let begin = from.get_time();
                        let end = begin + 3_600_000.0;
                        let taken = intervals.iter().any(|&(s, e)| s < end && e > begin);
                        let value = local_value(&from);
                        let name = format!(
                            "{} {}/{} {hour:02}:00",
                            day_name(lang, day),
                            from.get_date(),
                            from.get_month() + 1
                        );
                        if taken {
                            view! { <td class="slot busy-slot">{t(lang, T::SlotBusy)}</td> }
                                .into_any()
                        } else if begin < now {
                            view! { <td class="slot past-slot"></td> }.into_any()
                        } else {
                            let picked = value.clone();
                            view! {
                                <td class="slot free-slot">
                                    <button type="button"
                                        aria-label=format!("{} – {}: {name}", t(lang, T::SlotFree), t(lang, T::PickSlot))
                                        aria-pressed=move || (start.get() == value).to_string()
                                        on:click=move |_| start.set(picked.clone())>
                                        {t(lang, T::SlotFree)}
                                    </button>
                                </td>
                            }
                            .into_any()
                        }
                    })
                    .collect_view();
                view! { <tr><th scope="row">{format!("{hour:02}:00")}</th>{cells}</tr> }
            })
            .collect_view();
        Some(view! {
            <table class="week-calendar">
                <caption>{label(monday)}</caption>
                <thead><tr><td></td>{head}</tr></thead>
                <tbody>{rows}</tbody>
            </table>
        })
    };
    let at_last = move || week.get() >= MAX_WEEKS;
    let forward = move |_| week.update(|w| *w = (*w + 1).min(MAX_WEEKS));
    view! {
        <div class="calendar">
            <h4>{move || t(lang.get(), T::Availability)}</h4>
            <p class="calendar-nav">
                <button type="button" disabled=move || week.get() == 0
                    on:click=move |_| week.update(|w| *w = (*w - 1).max(0))>
                    {move || t(lang.get(), T::PreviousWeek)}
                </button>
                <span aria-live="polite">{move || label(monday_noon(week.get()))}</span>
                <button type="button" disabled=at_last on:click=forward>
                    {move || t(lang.get(), T::NextWeek)}
                </button>
            </p>
            <Transition fallback=|| ()>{grid}</Transition>
            {move || busy.get().and_then(Result::err).map(|e| view! { <p class="error" role="alert">{e}</p> })}
        </div>
    }
}
