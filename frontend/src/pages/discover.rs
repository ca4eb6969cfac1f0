//! Pages that show what the platform publishes: the grants awarded, and the open-data catalogue
//! as a page to read, with its downloads, feeds and calendars.

use leptos::prelude::*;
use leptos_router::components::A;
use samenstad_types::subsidies::YearQuery;
use serde_json::Value;

use crate::api;
use crate::app::set_title;
use crate::format::euro;
use crate::i18n::{Lang, use_lang};
use crate::pages::subsidies::{SubsidyNav, error_text, this_year};
use crate::staff::{pick, tx};

/// `/grants`: the grants of a year — title, organisation (a person who applied alone is not
/// named), scheme, wijken, amount — with the year's total, the CSV and the deadlines calendar.
#[component]
pub fn GrantsPage() -> impl IntoView {
    let lang = use_lang();
    Effect::new(move |_| set_title(pick(lang.get(), "Toegekende subsidies", "Awarded grants")));
    let this_year = this_year();
    let year = RwSignal::new(this_year);
    let schemes = LocalResource::new(|| async {
        api::client()?
            .list_schemes()
            .await
            .map_err(|e| error_text(&e))
    });
    let awards = LocalResource::new(move || {
        let year = year.get();
        async move {
            let query = YearQuery {
                year: Some(year),
                scheme: None,
            };
            api::client()?
                .awards(&query)
                .await
                .map_err(|e| error_text(&e))
        }
    });
    let scheme_name = move |key: &str| {
        schemes
            .get()
            .and_then(Result::ok)
            .and_then(|list| list.into_iter().find(|s| s.key == key).map(|s| s.name))
            .unwrap_or_else(|| key.to_owned())
    };
    view! {
        <h1>{tx("Toegekende subsidies", "Awarded grants")}</h1>
        <SubsidyNav />
        <p>{tx("Welke buurtinitiatieven de stad steunt: per jaar, met het bedrag en de wijken. Wie alleen aanvroeg, wordt niet genoemd.",
            "The neighbourhood initiatives the city supports: per year, with the amount and the wijken. People who applied alone are not named.")}</p>
        <form class="filters" on:submit=|ev| ev.prevent_default()>
            <p class="field">
                <label for="grants-year">{tx("Jaar", "Year")}</label>
                <select id="grants-year" on:change=move |ev| {
                    if let Ok(y) = event_target_value(&ev).parse() { year.set(y) }
                }>
                    {(this_year - 3..=this_year).rev().map(|y| view! {
                        <option value=y.to_string() selected=y == this_year>{y}</option>
                    }).collect_view()}
                </select>
            </p>
        </form>
        <p class="downloads">
            <a href=move || format!("/api/v1/subsidies/awards.csv?year={}", year.get()) download="">
                {tx("Download als CSV", "Download as CSV")}</a>
            " · "
            <a href="/api/v1/subsidies/deadlines.ics">{tx("Deadlines in je agenda (iCal)", "Deadlines in your calendar (iCal)")}</a>
        </p>
        <Transition fallback=move || view! { <p class="loading">{tx("Laden…", "Loading…")}</p> }>
            {move || awards.get().map(|r| match r {
                Ok(list) if list.is_empty() => view! {
                    <p>{move || format!("{} {}.", pick(lang.get(), "Nog geen subsidies toegekend in", "No grants awarded yet in"), year.get())}</p>
                }.into_any(),
                Ok(list) => {
                    let total: i64 = list.iter().map(|a| a.amount_cents).sum();
                    let count = list.len();
                    view! {
                        <p class="summary">{move || match lang.get() {
                            Lang::Nl => format!("{count} subsidies, samen {}", euro(total, Lang::Nl)),
                            Lang::En => format!("{count} grants, {} in all", euro(total, Lang::En)),
                        }}</p>
                        <div class="table-scroll">
                        <table class="results grants">
                            <caption>{move || format!("{} {}", pick(lang.get(), "Toegekend in", "Awarded in"), year.get())}</caption>
                            <thead><tr>
                                <th scope="col">{tx("Initiatief", "Initiative")}</th>
                                <th scope="col">{tx("Organisatie", "Organisation")}</th>
                                <th scope="col">{tx("Regeling", "Scheme")}</th>
                                <th scope="col">{tx("Wijken", "Wijken")}</th>
                                <th scope="col" class="num">{tx("Bedrag", "Amount")}</th>
                            </tr></thead>
                            <tbody>
                                {list.into_iter().map(|a| {
                                    let scheme = a.scheme.clone();
                                    let organisation = a.organisation.clone();
                                    let wijken = a.wijken.clone();
                                    view! { <tr>
                                        <td>{a.title.clone()}</td>
                                        <td>{move || organisation.clone().unwrap_or_else(|| pick(lang.get(), "een bewoner", "a resident").to_owned())}</td>
                                        <td>{move || scheme_name(&scheme)}</td>
                                        <td>{move || if wijken.is_empty() {
                                            pick(lang.get(), "heel de stad", "city-wide").to_owned()
                                        } else {
                                            wijken.iter().map(i16::to_string).collect::<Vec<_>>().join(", ")
                                        }}</td>
                                        <td class="num">{move || euro(a.amount_cents, lang.get())}</td>
                                    </tr> }
                                }).collect_view()}
                            </tbody>
                        </table>
                        </div>
                    }.into_any()
                }
                Err(e) => view! { <p role="alert">{e}</p> }.into_any(),
            })}
        </Transition>
    }
}

/// `/open-data`: the catalogue (`GET /api/v1/open-data`) as a page: each dataset with what it
/// holds, when it last changed and its downloads; the catalogue itself for portals.
#[component]
pub fn OpenDataPage() -> impl IntoView {
    let lang = use_lang();
    Effect::new(move |_| set_title(pick(lang.get(), "Open data", "Open data")));
    let catalogue = LocalResource::new(|| async {
        api::client()?
            .open_data_catalogue()
            .await
            .map_err(|e| error_text(&e))
    });
    view! {
        <h1>"Open data"</h1>
        <p>{tx("Alles wat Samenstad publiek maakt, om te downloaden en te hergebruiken onder de Modellicentie Gratis Hergebruik. Een open-dataportaal kan de catalogus oogsten (DCAT-AP 3.0).",
            "Everything Samenstad publishes, to download and reuse under the Free Reuse Model Licence. An open-data portal can harvest the catalogue (DCAT-AP 3.0).")}</p>
        <p class="downloads">
            <a href="/api/v1/open-data">{tx("Catalogus (JSON-LD)", "Catalogue (JSON-LD)")}</a>
            " · "
            <a href="/api/v1/projects/decisions.atom">{tx("Beslissingen als feed (Atom)", "Decisions as a feed (Atom)")}</a>
            " · "
            <a href="/api/docs/" rel="external">{tx("API-documentatie", "API documentation")}</a>
        </p>
        <Transition fallback=move || view! { <p class="loading">{tx("Laden…", "Loading…")}</p> }>
            {move || catalogue.get().map(|r| match r {
                Ok(catalogue) => {
                    let datasets = catalogue["dcat:dataset"].as_array().cloned().unwrap_or_default();
                    view! { <ul class="datasets">{datasets.into_iter().map(|d| view! { <Dataset dataset=d /> }).collect_view()}</ul> }.into_any()
                }
                Err(e) => view! { <p role="alert">{e}</p> }.into_any(),
            })}
        </Transition>
    }
}

/// One dataset of the catalogue: title in the reader's language, description, last change,
/// downloads by format.
#[component]
fn Dataset(dataset: Value) -> impl IntoView {
    let lang = use_lang();
    let titles: Vec<(String, String)> = dataset["dct:title"]
        .as_array()
        .map(|list| {
            list.iter()
                .filter_map(|t| {
                    Some((
                        t["@language"].as_str()?.to_owned(),
                        t["@value"].as_str()?.to_owned(),
                    ))
                })
                .collect()
        })
        .unwrap_or_default();
    let title = move || {
        let code = if lang.get() == Lang::Nl { "nl" } else { "en" };
        titles
            .iter()
            .find(|(language, _)| language == code)
            .map(|(_, value)| value.clone())
            .unwrap_or_default()
    };
    let description = dataset["dct:description"]["@value"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let modified = dataset["dct:modified"]["@value"]
        .as_str()
        .and_then(|at| at.get(..10))
        .map(str::to_owned);
    let id = dataset["dct:identifier"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let downloads: Vec<(String, String)> = dataset["dcat:distribution"]
        .as_array()
        .map(|list| {
            list.iter()
                .filter_map(|d| {
                    let url = d["dcat:downloadURL"]["@id"].as_str()?;
                    let path = url.find("/api/").map_or(url, |at| &url[at..]);
                    let format = d["dct:title"].as_str()?;
                    let format = format
                        .rsplit_once(" (")
                        .map_or(format, |(_, f)| f.trim_end_matches(')'));
                    Some((path.to_owned(), format.to_owned()))
                })
                .collect()
        })
        .unwrap_or_default();
    view! {
        <li class="dataset" id=id>
            <h2>{title.clone()}</h2>
            <p lang="en">{description}</p>
            {modified.map(|at| view! { <p class="meta">{tx("Laatst gewijzigd", "Last changed")} " " {at}</p> })}
            <p class="downloads">
                {downloads.into_iter().enumerate().map(|(i, (path, format))| {
                    let label = title.clone();
                    view! {
                        {(i > 0).then_some(" · ")}
                        <a href=path>{format.clone()}<span class="visually-hidden">" " {label}</span></a>
                    }
                }).collect_view()}
            </p>
        </li>
    }
}

/// Links to the published data, for the footer.
#[component]
pub fn PublishedLinks() -> impl IntoView {
    view! {
        <A href="/grants">{tx("Toegekende subsidies", "Awarded grants")}</A>
        " · "
        <A href="/open-data">"Open data"</A>
        " · "
        <a href="/api/v1/projects/decisions.atom" type="application/atom+xml">{tx("Beslissingen (feed)", "Decisions (feed)")}</a>
    }
}
