//! Open311 GeoReport v2 at `/open311/v2/`: the signals for other systems and apps
//! (<http://wiki.open311.org/GeoReport_v2>). Every resource is served as `.json` and `.xml`;
//! errors are the standard's arrays of `{code, description}` (never problem+json); times carry
//! the Europe/Brussels offset. Reading is public; posting needs the secret of an API client with
//! the scope `signals:write` as `api_key`.

use std::collections::BTreeMap;

use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use chrono::{DateTime, Duration, NaiveDate, SecondsFormat, Utc};
use chrono_tz::Europe::Brussels;
use samenstad_db::queries::accounts as accounts_q;
use samenstad_db::queries::addresses as aq;
use samenstad_db::queries::audit::{self, NewAudit};
use samenstad_db::queries::signals::{self as q, Open311Filter, SignalLine, SignalRow};
use samenstad_types::account::ApiScope;
use samenstad_types::open311::{
    Open311Created, Open311Discovery, Open311Endpoint, Open311Error, Open311NewRequest,
    Open311Request, Open311RequestQuery, Open311Service, Open311ServiceDefinition, Open311Status,
};
use samenstad_types::signals::{SignalChannel, SignalResolution, SignalStatus};
use serde::Serialize;
use serde_json::json;
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;

use crate::auth::token_hash;
use crate::cache;
use crate::error::AppError;
use crate::state::AppState;

/// The one jurisdiction this endpoint serves (its `jurisdiction_id`, the city's root domain).
pub const JURISDICTION: &str = "stad.gent";

/// Requests one API client may post in an hour.
const CLIENT_PER_HOUR: i64 = 600;

/// The standard's default and largest page: the first 1,000 requests.
const MAX_PAGE_SIZE: i64 = 1000;

/// The longest span of `start_date` … `end_date`, and the default look-back.
const MAX_SPAN_DAYS: i64 = 90;

/// When the discovery document last changed.
const CHANGESET: &str = "2026-12-04T00:00:00+01:00";

/// Registers the handlers of this module (under `/open311/v2`).
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(open311_discovery)
        .service(open311_services)
        .service(open311_service_definition)
        .service(open311_list_requests)
        .service(open311_post_request)
        .service(open311_request);
}

/// The two representations of every resource.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Json,
    Xml,
}

impl Format {
    fn parse(s: &str) -> Option<Self> {
        match s {
            "json" => Some(Format::Json),
            "xml" => Some(Format::Xml),
            _ => None,
        }
    }
}

/// An error as the standard writes it; answered in the format asked for (JSON when unknown).
#[derive(Debug)]
struct Failure {
    status: StatusCode,
    errors: Vec<Open311Error>,
    retry_after: Option<i64>,
}

impl Failure {
    fn new(status: StatusCode, description: impl Into<String>) -> Self {
        Failure {
            status,
            errors: vec![Open311Error {
                code: status.as_u16(),
                description: description.into(),
            }],
            retry_after: None,
        }
    }

    fn bad(description: impl Into<String>) -> Self {
        Failure::new(StatusCode::BAD_REQUEST, description)
    }

    fn response(self, format: Format) -> HttpResponse {
        let mut res = list_body(self.status, format, "errors", "error", &self.errors);
        if let Some(seconds) = self.retry_after {
            res.headers_mut().insert(
                header::RETRY_AFTER,
                header::HeaderValue::from(seconds.max(1)),
            );
        }
        res
    }
}

impl From<AppError> for Failure {
    fn from(e: AppError) -> Self {
        if let AppError::Internal(cause) = &e {
            tracing::error!(%cause, "internal error");
        }
        let status = actix_web::ResponseError::status_code(&e);
        let problem = e.problem();
        let errors = if problem.errors.is_empty() {
            vec![Open311Error {
                code: status.as_u16(),
                description: problem.detail.unwrap_or_default(),
            }]
        } else {
            problem
                .errors
                .iter()
                .map(|f| Open311Error {
                    code: status.as_u16(),
                    description: format!("{}: {}", f.field, f.message),
                })
                .collect()
        };
        Failure {
            status,
            errors,
            retry_after: match e {
                AppError::TooManyRequests(s) => Some(s),
                AppError::Unavailable => Some(2),
                _ => None,
            },
        }
    }
}

/// A body in the asked format: JSON, or XML with `root` around it.
fn body<T: Serialize + ?Sized>(
    status: StatusCode,
    format: Format,
    root: &str,
    value: &T,
) -> HttpResponse {
    let mut res = HttpResponse::build(status);
    match format {
        Format::Json => res.content_type("application/json").json(value),
        Format::Xml => match quick_xml::se::to_string_with_root(root, value) {
            Ok(xml) => res.content_type("text/xml; charset=utf-8").body(format!(
                "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n{}",
                crate::xml_text::well_formed(&xml)
            )),
            Err(e) => {
                tracing::error!(cause = %e, "open311 xml");
                HttpResponse::InternalServerError()
                    .content_type("application/json")
                    .json([Open311Error {
                        code: 500,
                        description: "the XML could not be written".to_owned(),
                    }])
            }
        },
    }
}

/// A list in the asked format: a JSON array, or in XML one `<item>` element per entry inside
/// `<root>` (the standard's XML, which its JSON mirrors).
fn list_body<T: Serialize>(
    status: StatusCode,
    format: Format,
    root: &str,
    item: &'static str,
    list: &[T],
) -> HttpResponse {
    match format {
        Format::Json => body(status, format, root, list),
        Format::Xml => body(status, format, root, &BTreeMap::from([(item, list)])),
    }
}

/// A time as the standard wants it: ISO 8601 with the offset of Gent.
fn w3c(t: DateTime<Utc>) -> String {
    t.with_timezone(&Brussels)
        .to_rfc3339_opts(SecondsFormat::Secs, false)
}

/// The start of a day in Gent, as the standard writes times.
fn day_start(d: NaiveDate) -> String {
    w3c(crate::local_time::midnight(d))
}

/// The format of a path (`services.json` …): 404 for another extension.
fn format_of(ext: &str) -> Result<Format, Failure> {
    Format::parse(ext).ok_or_else(|| {
        Failure::new(
            StatusCode::NOT_FOUND,
            format!("unknown format {ext:?}: use .json or .xml"),
        )
    })
}

/// A `jurisdiction_id` other than this server's is not found.
fn check_jurisdiction(given: Option<&str>) -> Result<(), Failure> {
    match given {
        Some(j) if !j.is_empty() && j != JURISDICTION => Err(Failure::new(
            StatusCode::NOT_FOUND,
            format!("jurisdiction_id {j:?} is not served here (this is {JURISDICTION})"),
        )),
        _ => Ok(()),
    }
}

/// Answers `result` in `format`, or its failure (in JSON when the format itself is unknown).
fn answer(
    format: Result<Format, Failure>,
    result: impl FnOnce(Format) -> Result<HttpResponse, Failure>,
) -> HttpResponse {
    match format {
        Ok(f) => result(f).unwrap_or_else(|e| e.response(f)),
        Err(e) => e.response(Format::Json),
    }
}

/// The state words of `status_notes`, with the finer state the standard has no field for.
fn state_words(r: &SignalRow) -> String {
    match (r.status, r.resolution) {
        (SignalStatus::Submitted, _) => "Gemeld".to_owned(),
        (SignalStatus::Acknowledged, _) => "Bekeken door de dienst".to_owned(),
        (SignalStatus::Planned, _) => match r.planned_for {
            Some(d) => format!("Ingepland voor {d}"),
            None => "Ingepland".to_owned(),
        },
        (SignalStatus::Closed, Some(SignalResolution::Fixed)) => "Opgelost".to_owned(),
        (SignalStatus::Closed, Some(SignalResolution::NotResponsible)) => format!(
            "Niet de verantwoordelijkheid van de stad, wel van {}",
            r.responsible.as_deref().unwrap_or("een ander")
        ),
        (SignalStatus::Closed, Some(SignalResolution::Duplicate)) => match r.duplicate_of {
            Some(d) => format!("Al eerder gemeld als {d}"),
            None => "Al eerder gemeld".to_owned(),
        },
        (SignalStatus::Closed, Some(SignalResolution::Referred)) => format!(
            "Doorgestuurd naar {}",
            r.responsible.as_deref().unwrap_or("een partner")
        ),
        (SignalStatus::Closed, Some(SignalResolution::NotFixed) | None) => {
            "Afgesloten, niet opgelost".to_owned()
        }
    }
}

fn request_view(
    l: &SignalLine,
    service_name: &str,
    reason: Option<&str>,
    public_url: &str,
) -> Open311Request {
    let r = &l.row;
    let words = state_words(r);
    let agency = match r.resolution {
        Some(SignalResolution::NotResponsible | SignalResolution::Referred) => r
            .responsible
            .clone()
            .unwrap_or_else(|| l.service.name.clone()),
        _ => l.service.name.clone(),
    };
    Open311Request {
        service_request_id: r.id.to_string(),
        status: if r.status == SignalStatus::Closed {
            Open311Status::Closed
        } else {
            Open311Status::Open
        },
        status_notes: Some(match reason {
            Some(reason) => format!("{words}: {reason}"),
            None => words,
        }),
        service_name: service_name.to_owned(),
        service_code: r.category.clone(),
        description: r.description.clone(),
        agency_responsible: agency,
        service_notice: None,
        requested_datetime: w3c(r.created_at),
        updated_datetime: w3c(r.updated_at),
        expected_datetime: r.planned_for.map(day_start),
        address: r.address.clone(),
        address_id: r.address_id.clone(),
        zipcode: r
            .address
            .as_deref()
            .and_then(samenstad_domain::address::postcode_of),
        lat: r.lat,
        long: r.lon,
        media_url: r.photo_id.map(|f| format!("{public_url}/api/v1/files/{f}")),
        detailed_status: r.status,
        resolution: r.resolution,
    }
}

/// Service discovery
///
/// Where this endpoint is, what it speaks and how to get an `api_key`.
#[utoipa::path(
    tag = "open311",
    security(()),
    params(("format" = String, Path, description = "`json` or `xml`", example = "json")),
    responses(
        (status = 200, description = "The discovery document", content(
            (Open311Discovery = "application/json"),
            (String = "text/xml", example = json!("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<discovery><changeset>2026-12-04T00:00:00+01:00</changeset>…</discovery>")))),
        (status = 404, description = "Another format than `json` or `xml`", content(
            (Vec<Open311Error> = "application/json"), (String = "text/xml"))),
    )
)]
#[get("/discovery.{format}")]
pub async fn open311_discovery(
    state: web::Data<AppState>,
    format: web::Path<String>,
) -> HttpResponse {
    answer(format_of(&format), |f| {
        let doc = Open311Discovery {
            changeset: CHANGESET.to_owned(),
            contact: "Stad Gent, Gentinfo: 09 210 10 10, gentinfo@stad.gent".to_owned(),
            key_service: "Ask the city's administrators for an API client with the scope \
                          signals:write (/admin/clients); its secret is the api_key."
                .to_owned(),
            endpoints: vec![Open311Endpoint {
                specification: "http://wiki.open311.org/GeoReport_v2".to_owned(),
                url: format!("{}/open311/v2", state.public_url()),
                changeset: CHANGESET.to_owned(),
                kind: "production".to_owned(),
                formats: vec!["text/xml".to_owned(), "application/json".to_owned()],
            }],
        };
        Ok(match f {
            Format::Json => body(StatusCode::OK, f, "discovery", &doc),
            // In XML a list is its element repeated inside a wrapper: <endpoints><endpoint>…
            Format::Xml => body(StatusCode::OK, f, "discovery", &DiscoveryXml::from(&doc)),
        })
    })
}

/// The discovery document in the standard's XML shape.
#[derive(Serialize)]
struct DiscoveryXml<'a> {
    changeset: &'a str,
    contact: &'a str,
    key_service: &'a str,
    endpoints: BTreeMap<&'static str, Vec<EndpointXml<'a>>>,
}

#[derive(Serialize)]
struct EndpointXml<'a> {
    specification: &'a str,
    url: &'a str,
    changeset: &'a str,
    #[serde(rename = "type")]
    kind: &'a str,
    formats: BTreeMap<&'static str, &'a [String]>,
}

impl<'a> From<&'a Open311Discovery> for DiscoveryXml<'a> {
    fn from(d: &'a Open311Discovery) -> Self {
        let endpoints = d
            .endpoints
            .iter()
            .map(|e| EndpointXml {
                specification: &e.specification,
                url: &e.url,
                changeset: &e.changeset,
                kind: &e.kind,
                formats: BTreeMap::from([("format", e.formats.as_slice())]),
            })
            .collect();
        DiscoveryXml {
            changeset: &d.changeset,
            contact: &d.contact,
            key_service: &d.key_service,
            endpoints: BTreeMap::from([("endpoint", endpoints)]),
        }
    }
}

/// Service list
///
/// The services one can report: the categories of signals.
#[utoipa::path(
    tag = "open311",
    security(()),
    params(
        ("format" = String, Path, description = "`json` or `xml`", example = "json"),
        ("jurisdiction_id" = Option<String>, Query, description = "`stad.gent`, or nothing"),
    ),
    responses(
        (status = 200, description = "The services", content(
            (Vec<Open311Service> = "application/json"),
            (String = "text/xml", example = json!("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<services><service><service_code>litter</service_code>…</service></services>")))),
        (status = 404, description = "Another format, or another jurisdiction", content(
            (Vec<Open311Error> = "application/json"), (String = "text/xml"))),
        (status = 503, description = "The database is unavailable", content(
            (Vec<Open311Error> = "application/json"), (String = "text/xml"))),
    )
)]
#[get("/services.{format}")]
pub async fn open311_services(
    state: web::Data<AppState>,
    format: web::Path<String>,
    req: HttpRequest,
) -> HttpResponse {
    let format = format_of(&format);
    let categories = match query_jurisdiction(&req) {
        Ok(()) => state
            .with_conn(|conn| Ok(q::categories(conn)?))
            .await
            .map_err(Failure::from),
        Err(e) => Err(e),
    };
    answer(format, |f| {
        let list: Vec<Open311Service> = categories?
            .into_iter()
            .map(|c| Open311Service {
                keywords: format!("{}, {}", c.name_nl.to_lowercase(), c.name_en.to_lowercase()),
                service_code: c.key,
                service_name: c.name_nl,
                description: c.name_en,
                metadata: false,
                kind: "realtime".to_owned(),
                group: "signals".to_owned(),
            })
            .collect();
        Ok(list_body(StatusCode::OK, f, "services", "service", &list))
    })
}

/// Service definition
///
/// The attributes of a service: none (a description and a place suffice for every service).
#[utoipa::path(
    tag = "open311",
    security(()),
    params(
        ("service_code" = String, Path, description = "The service code", example = "litter"),
        ("format" = String, Path, description = "`json` or `xml`", example = "json"),
        ("jurisdiction_id" = Option<String>, Query, description = "`stad.gent`, or nothing"),
    ),
    responses(
        (status = 200, description = "The definition", content(
            (Open311ServiceDefinition = "application/json"),
            (String = "text/xml", example = json!("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<service_definition><service_code>litter</service_code><attributes></attributes></service_definition>")))),
        (status = 404, description = "No such service, another format or another jurisdiction", content(
            (Vec<Open311Error> = "application/json"), (String = "text/xml"))),
        (status = 503, description = "The database is unavailable", content(
            (Vec<Open311Error> = "application/json"), (String = "text/xml"))),
    )
)]
#[get("/services/{service_code}.{format}")]
pub async fn open311_service_definition(
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    req: HttpRequest,
) -> HttpResponse {
    let (code, format) = path.into_inner();
    let format = format_of(&format);
    let known = match query_jurisdiction(&req) {
        Ok(()) => {
            let code = code.clone();
            state
                .with_conn(move |conn| Ok(q::category_exists(conn, &code)?))
                .await
                .map_err(Failure::from)
        }
        Err(e) => Err(e),
    };
    answer(format, |f| {
        if !known? {
            return Err(Failure::new(
                StatusCode::NOT_FOUND,
                format!("service_code {code:?} is not a service"),
            ));
        }
        let definition = Open311ServiceDefinition {
            service_code: code,
            attributes: Vec::new(),
        };
        Ok(body(StatusCode::OK, f, "service_definition", &definition))
    })
}

/// The query's pairs; a name given twice counts once, its first value (GeoReport clients are
/// many and loose).
fn query_pairs(req: &HttpRequest) -> Result<BTreeMap<String, String>, Failure> {
    let pairs: Vec<(String, String)> = serde_urlencoded::from_str(req.query_string())
        .map_err(|_| Failure::bad("the query string cannot be read"))?;
    let mut map = BTreeMap::new();
    for (k, v) in pairs {
        map.entry(k).or_insert(v);
    }
    Ok(map)
}

/// The query's `jurisdiction_id`, checked.
fn query_jurisdiction(req: &HttpRequest) -> Result<(), Failure> {
    check_jurisdiction(query_pairs(req)?.get("jurisdiction_id").map(String::as_str))
}

/// The filters of a list request.
fn request_query(req: &HttpRequest) -> Result<Open311RequestQuery, Failure> {
    let mut q = query_pairs(req)?;
    Ok(Open311RequestQuery {
        jurisdiction_id: q.remove("jurisdiction_id"),
        service_request_id: q.remove("service_request_id"),
        service_code: q.remove("service_code"),
        start_date: q.remove("start_date"),
        end_date: q.remove("end_date"),
        status: q.remove("status"),
        page: q.remove("page"),
        page_size: q.remove("page_size"),
    })
}

/// A comma-separated list, without empty entries.
fn comma_list(s: &str) -> Vec<String> {
    s.split(',')
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_owned)
        .collect()
}

/// A W3C time with its zone, or a 400 naming the parameter.
fn w3c_param(name: &str, value: &str) -> Result<DateTime<Utc>, Failure> {
    DateTime::parse_from_rfc3339(value)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| {
            Failure::bad(format!(
                "{name} must be a W3C date and time with its zone, e.g. 2026-12-01T00:00:00Z"
            ))
        })
}

/// A positive whole number within `max`, or a 400 naming the parameter.
fn count_param(name: &str, value: Option<&str>, default: i64, max: i64) -> Result<i64, Failure> {
    match value {
        None => Ok(default),
        Some(v) => v
            .trim()
            .parse::<i64>()
            .ok()
            .filter(|n| (1..=max).contains(n))
            .ok_or_else(|| Failure::bad(format!("{name} must be a whole number from 1 to {max}"))),
    }
}

/// The filter of a list request, checked as the standard says.
fn filter_of(query: &Open311RequestQuery, now: DateTime<Utc>) -> Result<Open311Filter, Failure> {
    check_jurisdiction(query.jurisdiction_id.as_deref())?;
    let page = count_param("page", query.page.as_deref(), 1, i64::from(i32::MAX))?;
    let page_size = count_param(
        "page_size",
        query.page_size.as_deref(),
        MAX_PAGE_SIZE,
        MAX_PAGE_SIZE,
    )?;
    let mut filter = Open311Filter {
        offset: (page - 1) * page_size,
        limit: page_size,
        ..Open311Filter::default()
    };
    filter.categories = query
        .service_code
        .as_deref()
        .map(comma_list)
        .filter(|l| !l.is_empty());
    if let Some(statuses) = query.status.as_deref() {
        let mut wanted = Vec::new();
        for s in comma_list(statuses) {
            wanted.push(
                Open311Status::parse(&s)
                    .ok_or_else(|| Failure::bad(format!("status {s:?} is not open or closed")))?,
            );
        }
        let open = wanted.contains(&Open311Status::Open);
        let closed = wanted.contains(&Open311Status::Closed);
        filter.closed = match (open, closed) {
            (true, false) => Some(false),
            (false, true) => Some(true),
            _ => None,
        };
    }
    let end = match query.end_date.as_deref() {
        Some(v) => Some(w3c_param("end_date", v)?),
        None => None,
    };
    let start = match query.start_date.as_deref() {
        Some(v) => Some(w3c_param("start_date", v)?),
        None => None,
    };
    // Every parameter is checked even when ids choose the requests.
    if let Some(ids) = query.service_request_id.as_deref() {
        let ids = comma_list(ids)
            .iter()
            .map(|id| {
                Uuid::parse_str(id).map_err(|_| {
                    Failure::bad(format!("service_request_id {id:?} is not a request id"))
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        // The standard: with ids, the other filters do not apply.
        return Ok(Open311Filter {
            ids: Some(ids),
            offset: filter.offset,
            limit: filter.limit,
            ..Open311Filter::default()
        });
    }
    let span = Duration::days(MAX_SPAN_DAYS);
    let (from, to) = match (start, end) {
        (Some(s), Some(e)) => (s, e),
        (Some(s), None) => (s, (s + span).min(now.max(s))),
        (None, Some(e)) => (e - span, e),
        (None, None) => (now - span, now),
    };
    if from > to {
        return Err(Failure::bad("start_date must be before end_date"));
    }
    if to - from > span {
        return Err(Failure::bad(format!(
            "start_date and end_date may be at most {MAX_SPAN_DAYS} days apart"
        )));
    }
    filter.from = Some(from);
    filter.to = Some(to);
    Ok(filter)
}

/// The requests of `filter` as the standard shows them.
async fn requests_of(
    state: &AppState,
    filter: Open311Filter,
) -> Result<Vec<Open311Request>, Failure> {
    let public_url = state.public_url().to_owned();
    Ok(state
        .with_conn(move |conn| {
            let lines = q::open311(conn, &filter)?;
            let ids: Vec<Uuid> = lines.iter().map(|l| l.row.id).collect();
            let reasons = q::last_reasons(conn, &ids)?;
            let names: BTreeMap<String, String> = q::categories(conn)?
                .into_iter()
                .map(|c| (c.key, c.name_nl))
                .collect();
            Ok(lines
                .iter()
                .map(|l| {
                    let name = names
                        .get(&l.row.category)
                        .map_or(l.row.category.as_str(), String::as_str);
                    request_view(
                        l,
                        name,
                        reasons.get(&l.row.id).map(String::as_str),
                        &public_url,
                    )
                })
                .collect())
        })
        .await?)
}

/// Service requests
///
/// Signals newest first, the hidden ones left out. Without dates, the last 90 days; with
/// `service_request_id`, those requests whatever their date. At most 1,000 per page; the
/// `page`/`page_size` extension gives the next ones.
#[utoipa::path(
    tag = "open311",
    security(()),
    params(
        ("format" = String, Path, description = "`json` or `xml`", example = "json"),
        Open311RequestQuery,
    ),
    responses(
        (status = 200, description = "The requests, newest first", content(
            (Vec<Open311Request> = "application/json"),
            (String = "text/xml", example = json!("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<service_requests><request><service_request_id>…</service_request_id><status>open</status>…</request></service_requests>")))),
        (status = 400, description = "A bad date, span, status, id, page or page size", content(
            (Vec<Open311Error> = "application/json", example = json!([{"code": 400, "description": "start_date and end_date may be at most 90 days apart"}])),
            (String = "text/xml"))),
        (status = 404, description = "Another format or another jurisdiction", content(
            (Vec<Open311Error> = "application/json"), (String = "text/xml"))),
        (status = 503, description = "The database is unavailable", content(
            (Vec<Open311Error> = "application/json"), (String = "text/xml"))),
    )
)]
#[get("/requests.{format}")]
pub async fn open311_list_requests(
    state: web::Data<AppState>,
    format: web::Path<String>,
    req: HttpRequest,
) -> HttpResponse {
    let format = format_of(&format);
    let found = match request_query(&req).and_then(|q| filter_of(&q, Utc::now())) {
        Ok(filter) => requests_of(&state, filter).await,
        Err(e) => Err(e),
    };
    answer(format, |f| {
        Ok(list_body(
            StatusCode::OK,
            f,
            "service_requests",
            "request",
            &found?,
        ))
    })
}

/// Service request
///
/// One signal as a service request (a list of one, as the standard says).
#[utoipa::path(
    tag = "open311",
    security(()),
    params(
        ("id" = String, Path, description = "The service request id", example = "0193c1a0-0000-7000-8000-0000000000e1"),
        ("format" = String, Path, description = "`json` or `xml`", example = "json"),
        ("jurisdiction_id" = Option<String>, Query, description = "`stad.gent`, or nothing"),
    ),
    responses(
        (status = 200, description = "The request", content(
            (Vec<Open311Request> = "application/json"),
            (String = "text/xml"))),
        (status = 404, description = "No such request (or hidden), another format or another jurisdiction", content(
            (Vec<Open311Error> = "application/json"), (String = "text/xml"))),
        (status = 503, description = "The database is unavailable", content(
            (Vec<Open311Error> = "application/json"), (String = "text/xml"))),
    )
)]
#[get("/requests/{id}.{format}")]
pub async fn open311_request(
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    req: HttpRequest,
) -> HttpResponse {
    let (id, format) = path.into_inner();
    let format = format_of(&format);
    let found = async {
        query_jurisdiction(&req)?;
        let not_found = || {
            Failure::new(
                StatusCode::NOT_FOUND,
                format!("service_request_id {id:?} is not a request"),
            )
        };
        let id = Uuid::parse_str(&id).map_err(|_| not_found())?;
        let filter = Open311Filter {
            ids: Some(vec![id]),
            limit: 1,
            ..Open311Filter::default()
        };
        let list = requests_of(&state, filter).await?;
        if list.is_empty() {
            return Err(not_found());
        }
        Ok(list)
    }
    .await;
    answer(format, |f| {
        Ok(list_body(
            StatusCode::OK,
            f,
            "service_requests",
            "request",
            &found?,
        ))
    })
}

/// One field of a posted form, trimmed; empty counts as absent.
fn field<'a>(form: &'a [(String, String)], name: &str) -> Option<&'a str> {
    form.iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.trim())
        .filter(|v| !v.is_empty())
}

/// A bounded text field of the form.
fn text_field(
    form: &[(String, String)],
    name: &str,
    max: usize,
) -> Result<Option<String>, Failure> {
    match field(form, name) {
        Some(v) if v.chars().count() > max => Err(Failure::bad(format!(
            "{name} may be at most {max} characters"
        ))),
        other => Ok(other.map(str::to_owned)),
    }
}

/// A coordinate of the form within ±`max`.
fn coordinate(form: &[(String, String)], name: &str, max: f64) -> Result<Option<f64>, Failure> {
    field(form, name)
        .map(|v| {
            v.parse::<f64>()
                .ok()
                .filter(|n| n.is_finite() && n.abs() <= max)
                .ok_or_else(|| {
                    Failure::bad(format!("{name} must be a number from -{max} to {max}"))
                })
        })
        .transpose()
}

/// What a posted form asks for, checked.
struct Posted {
    service_code: String,
    point: Option<(f64, f64)>,
    address_id: Option<String>,
    address_string: Option<String>,
    description: String,
    reporter_name: Option<String>,
    reporter_contact: Option<String>,
}

/// The form of a post with its `api_key` (in the form or the query), before anything else is
/// checked: a client without a valid key learns nothing more.
fn read_form(req: &HttpRequest, raw: &[u8]) -> Result<(String, Vec<(String, String)>), Failure> {
    let form_type = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| ct.starts_with("application/x-www-form-urlencoded"));
    if !form_type {
        return Err(Failure::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "post the request as application/x-www-form-urlencoded",
        ));
    }
    // The standard's clients send api_key and jurisdiction_id in the form or in the query.
    let mut form: Vec<(String, String)> = serde_urlencoded::from_bytes(raw)
        .map_err(|_| Failure::bad("the body is not a form (application/x-www-form-urlencoded)"))?;
    form.extend(
        serde_urlencoded::from_str::<Vec<(String, String)>>(req.query_string())
            .map_err(|_| Failure::bad("the query string cannot be read"))?,
    );
    check_jurisdiction(field(&form, "jurisdiction_id"))?;
    let api_key = field(&form, "api_key")
        .ok_or_else(|| {
            Failure::new(
                StatusCode::FORBIDDEN,
                "api_key is required to post a request",
            )
        })?
        .to_owned();
    Ok((api_key, form))
}

/// The fields of a posted form, checked.
fn fields(form: &[(String, String)]) -> Result<Posted, Failure> {
    if let Some((name, _)) = form.iter().find(|(k, _)| k.starts_with("attribute[")) {
        return Err(Failure::bad(format!(
            "{name}: the services here have no attributes (see services/{{code}}.json)"
        )));
    }
    if field(form, "media_url").is_some() {
        return Err(Failure::bad(
            "media_url is not supported: the server fetches no URLs; upload the photo to the signal instead",
        ));
    }
    let service_code = field(form, "service_code")
        .ok_or_else(|| Failure::bad("service_code is required"))?
        .to_owned();
    let point = match (
        coordinate(form, "lat", 90.0)?,
        coordinate(form, "long", 180.0)?,
    ) {
        (Some(lat), Some(lon)) => Some((lat, lon)),
        (None, None) => None,
        _ => return Err(Failure::bad("lat and long go together")),
    };
    let address_id = text_field(form, "address_id", 200)?;
    let address_string = text_field(form, "address_string", 200)?;
    if point.is_none() && address_id.is_none() && address_string.is_none() {
        return Err(Failure::bad(
            "a place is required: lat and long, address_id or address_string",
        ));
    }
    let description = text_field(form, "description", 4000)?.unwrap_or_default();
    if description.chars().count() < 10 {
        return Err(Failure::bad("description must be 10 to 4000 characters"));
    }
    if description.contains('<') && description.contains('>') {
        return Err(Failure::bad("description may not hold HTML"));
    }
    let first = text_field(form, "first_name", 100)?;
    let last = text_field(form, "last_name", 100)?;
    let reporter_name = match (first, last) {
        (Some(f), Some(l)) => Some(format!("{f} {l}")),
        (f, l) => f.or(l),
    };
    let email = text_field(form, "email", 200)?;
    let phone = text_field(form, "phone", 200)?;
    let reporter_contact = match (email, phone) {
        (Some(e), Some(p)) => Some(format!("{e}, {p}")).filter(|c| c.chars().count() <= 200),
        (e, p) => e.or(p),
    };
    Ok(Posted {
        service_code,
        point,
        address_id,
        address_string,
        description,
        reporter_name,
        reporter_contact,
    })
}

/// Create a service request
///
/// An API client with the scope `signals:write` posts a signal for a resident, form-encoded as
/// the standard says, with its secret as `api_key` (in the form or the query). The place is
/// `lat` and `long`, an `address_id` of the register, or an `address_string` that names one
/// address. It lands in the queue of the service that the routing table names; the name and
/// contact of the reporter are for staff only. At most 600 an hour per client.
#[utoipa::path(
    tag = "open311",
    security(()),
    params(("format" = String, Path, description = "`json` or `xml`", example = "json")),
    request_body(content = Open311NewRequest, content_type = "application/x-www-form-urlencoded"),
    responses(
        (status = 201, description = "Created", content(
            (Vec<Open311Created> = "application/json"),
            (String = "text/xml")),
            headers(("Location" = String, description = "The new request (`requests/{id}.json`)"))),
        (status = 400, description = "A field is missing or invalid (service_code, place, description, attribute, media_url)", content(
            (Vec<Open311Error> = "application/json", example = json!([{"code": 400, "description": "description must be 10 to 4000 characters"}])),
            (String = "text/xml"))),
        (status = 403, description = "No api_key, or not the secret of a client with the scope signals:write", content(
            (Vec<Open311Error> = "application/json", example = json!([{"code": 403, "description": "Invalid api_key received -- can't proceed with create_request."}])),
            (String = "text/xml"))),
        (status = 404, description = "Another format or another jurisdiction", content(
            (Vec<Open311Error> = "application/json"), (String = "text/xml"))),
        (status = 415, description = "The body is not form-encoded", content(
            (Vec<Open311Error> = "application/json"), (String = "text/xml"))),
        (status = 429, description = "Over 600 requests in the last hour from this client", content(
            (Vec<Open311Error> = "application/json"), (String = "text/xml")),
            headers(("Retry-After" = i64, description = "Seconds to wait"))),
        (status = 503, description = "The database is unavailable", content(
            (Vec<Open311Error> = "application/json"), (String = "text/xml"))),
    )
)]
#[post("/requests.{format}")]
pub async fn open311_post_request(
    req: HttpRequest,
    state: web::Data<AppState>,
    format: web::Path<String>,
    raw: web::Bytes,
) -> HttpResponse {
    let format = format_of(&format);
    let created = match read_form(&req, &raw) {
        Ok((api_key, form)) => create(&state, api_key, form).await,
        Err(e) => Err(e),
    };
    answer(format, |f| {
        let created = created?;
        let ext = if f == Format::Json { "json" } else { "xml" };
        let mut res = list_body(
            StatusCode::CREATED,
            f,
            "service_requests",
            "request",
            &[&created],
        );
        if let Ok(v) = header::HeaderValue::from_str(&format!(
            "/open311/v2/requests/{}.{ext}",
            created.service_request_id
        )) {
            res.headers_mut().insert(header::LOCATION, v);
        }
        Ok(res)
    })
}

async fn create(
    state: &AppState,
    api_key: String,
    form: Vec<(String, String)>,
) -> Result<Open311Created, Failure> {
    let snapshot = cache::wijken(state).await?;
    let key_hash = token_hash(&api_key);
    let public_url = state.public_url().to_owned();
    let created = state
        .transaction(move |conn| {
            let client = accounts_q::api_client_by_secret_hash(conn, &key_hash)?
                .filter(|c| c.revoked_at.is_none() && c.scopes.contains(&ApiScope::SignalsWrite));
            let Some(client) = client else {
                return Ok(Err(Failure::new(
                    StatusCode::FORBIDDEN,
                    "Invalid api_key received -- can't proceed with create_request.",
                )));
            };
            let posted = match fields(&form) {
                Ok(posted) => posted,
                Err(e) => return Ok(Err(e)),
            };
            let now = Utc::now();
            let (count, oldest) = q::client_reported_since(conn, client.id, now - Duration::hours(1))?;
            if let Some(wait) = samenstad_domain::signal::hourly_wait(count, oldest, now, CLIENT_PER_HOUR) {
                return Err(AppError::TooManyRequests(wait));
            }
            if !q::category_exists(conn, &posted.service_code)? {
                return Ok(Err(Failure::bad(format!(
                    "service_code {:?} is not a service",
                    posted.service_code
                ))));
            }
            let address = match (&posted.address_id, &posted.address_string) {
                (Some(id), _) => match aq::by_id(conn, id)? {
                    Some(a) => Some(a),
                    None => {
                        return Ok(Err(Failure::bad(format!(
                            "address_id {id:?} is not an address of the register"
                        ))));
                    }
                },
                (None, Some(text)) if posted.point.is_none() => {
                    let terms = samenstad_domain::address::terms(text);
                    let mut found = aq::search(conn, &terms, 2)?;
                    if found.len() != 1 {
                        return Ok(Err(Failure::bad(format!(
                            "address_string {text:?} names {} addresses of the register; send lat and long or an address_id",
                            if found.is_empty() { "no" } else { "several" }
                        ))));
                    }
                    found.pop()
                }
                _ => None,
            };
            let point = posted
                .point
                .or_else(|| address.as_ref().map(|a| (a.lat, a.lon)))
                .unwrap_or_default();
            let wijk_id = snapshot.index.locate(point.1, point.0).and_then(|i| snapshot.id_at(i));
            let Some(service) = q::route_for(conn, &posted.service_code, wijk_id)? else {
                return Ok(Err(Failure::bad(format!(
                    "no city service answers {:?} at this place yet",
                    posted.service_code
                ))));
            };
            let row = SignalRow {
                wijk_id,
                reporter_name: posted.reporter_name,
                reporter_contact: posted.reporter_contact,
                api_client_id: Some(client.id),
                address_id: address.as_ref().map(|a| a.id.clone()),
                address: address
                    .as_ref()
                    .map(crate::address::label)
                    .or(posted.address_string),
                ..SignalRow::submitted(
                    &posted.service_code,
                    service.id,
                    point,
                    &posted.description,
                    SignalChannel::Api,
                    now,
                )
            };
            q::insert(conn, &row)?;
            crate::notify::signal_reported(conn, &public_url, &row, None)?;
            let mut entry = NewAudit::by(None, "signal.reported")
                .on("signal", row.id)
                .details(json!({"category": row.category, "service": service.key, "channel": SignalChannel::Api}));
            entry.actor_client_id = Some(client.id);
            entry.wijk_id = wijk_id;
            audit::record(conn, entry)?;
            Ok(Ok(Open311Created {
                service_request_id: row.id.to_string(),
                service_notice: format!(
                    "Doorgestuurd naar {}. Volg het op {public_url}/signals/{}",
                    service.name, row.id
                ),
                account_id: None,
            }))
        })
        .await;
    match created {
        Ok(result) => result,
        Err(e) => Err(Failure::from(e)),
    }
}

/// What a path under `/open311/` that no route matches gets: 404, or 405 with `Allow` for a
/// known path with another method, as the standard's error array.
pub fn unmatched(req: &HttpRequest) -> HttpResponse {
    let path = req.path();
    let format = if path.ends_with(".xml") {
        Format::Xml
    } else {
        Format::Json
    };
    let is_requests = path.starts_with("/open311/v2/requests.");
    let is_get_only = [
        "/open311/v2/discovery.",
        "/open311/v2/services",
        "/open311/v2/requests/",
    ]
    .iter()
    .any(|p| path.starts_with(p));
    let method = req.method();
    let allowed = method == actix_web::http::Method::GET
        || method == actix_web::http::Method::HEAD
        || (is_requests && method == actix_web::http::Method::POST);
    if (is_requests || is_get_only) && !allowed {
        let mut res = Failure::new(
            StatusCode::METHOD_NOT_ALLOWED,
            format!("{} is not allowed on this path", req.method()),
        )
        .response(format);
        let allow = if is_requests { "GET, POST" } else { "GET" };
        res.headers_mut()
            .insert(header::ALLOW, header::HeaderValue::from_static(allow));
        return res;
    }
    Failure::new(StatusCode::NOT_FOUND, "no resource at this path").response(format)
}
