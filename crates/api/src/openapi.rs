//! The parts of the OpenAPI document that are not collected from the routes.

use samenstad_types::signals::SignalStatus;
use samenstad_types::subsidies::ApplicationView;
use samenstad_types::{FieldError, Problem};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

/// Declares the `bearer` security scheme (JWT access tokens).
struct BearerScheme;

impl Modify for BearerScheme {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT")
                    .description(Some("Access token from `POST /api/v1/auth/login`, `/auth/refresh` or `/auth/token` (≤ 15 minutes)."))
                    .build(),
            ),
        );
    }
}

/// Every operation that reads a body also answers 400 (unreadable body) and 415 (another media
/// type): the body extractors answer these before the handler runs, so they are added here
/// rather than repeated on every route. Runs on the finished document (the routes add their paths
/// after the `#[openapi]` modifiers ran).
pub fn add_body_errors(openapi: &mut utoipa::openapi::OpenApi) {
    for op in operations(openapi).filter(|op| op.request_body.is_some() && !is_open311(op)) {
        let responses = &mut op.responses.responses;
        for (status, description) in [
            ("400", "The body cannot be read"),
            (
                "415",
                "The body is not of the media type this operation reads",
            ),
        ] {
            responses
                .entry(status.to_owned())
                .or_insert_with(|| problem_response(description).into());
        }
    }
}

/// Every operation of the document.
fn operations(
    openapi: &mut utoipa::openapi::OpenApi,
) -> impl Iterator<Item = &mut utoipa::openapi::path::Operation> {
    openapi.paths.paths.values_mut().flat_map(|item| {
        [
            &mut item.get,
            &mut item.put,
            &mut item.post,
            &mut item.delete,
            &mut item.patch,
        ]
        .into_iter()
        .flatten()
    })
}

/// Whether the operation is Open311's, which documents its own errors in the standard's form.
fn is_open311(op: &utoipa::openapi::path::Operation) -> bool {
    op.tags
        .as_ref()
        .is_some_and(|t| t.iter().any(|t| t == "open311"))
}

/// Operations that never touch the database, so never answer 503 (the liveness probe).
const WITHOUT_DATABASE: &[&str] = &["get_liveness"];

/// The responses every operation shares, added here instead of on each route: 503 when the
/// database is unavailable (every operation but [`WITHOUT_DATABASE`]); 401 wherever a bearer
/// token is accepted (a missing one where it is required, an invalid or expired one always, see
/// `auth::MaybeCaller`); 403 where a bearer token is required (an API client's token on an
/// endpoint for people, see `auth::UserCaller`); 404 wherever the request can name something
/// (a parameter or a body). A route documents its own 401, 403 or 404 only when it says more
/// than these.
pub fn add_common_errors(openapi: &mut utoipa::openapi::OpenApi) {
    for op in operations(openapi).filter(|op| !is_open311(op)) {
        let security = op.security.as_deref().unwrap_or_default();
        let bearer_accepted = security.iter().any(has_bearer);
        let bearer_required = bearer_accepted && security.iter().all(has_bearer);
        let touches_database = op
            .operation_id
            .as_deref()
            .is_none_or(|id| !WITHOUT_DATABASE.contains(&id));
        let responses = &mut op.responses.responses;
        let mut add = |status: &str, description: &str| {
            responses
                .entry(status.to_owned())
                .or_insert_with(|| problem_response(description).into());
        };
        if bearer_required {
            add("401", "Not logged in");
            add("403", "An API client's token on an endpoint for people");
        } else if bearer_accepted {
            add("401", "The access token presented is invalid or expired");
        }
        if touches_database {
            add("503", "The database is unavailable");
        }
        // A field that names something (`AppError::Unknown`): a wijk, a category, a page of
        // the list (`cursor`), a one-time link. The request is well formed, so not a 400.
        let names_things = op.request_body.is_some()
            || op.parameters.as_deref().is_some_and(|ps| {
                ps.iter()
                    .any(|p| !matches!(p.parameter_in, utoipa::openapi::path::ParameterIn::Header))
            });
        let has_query = op.parameters.as_deref().is_some_and(|ps| {
            ps.iter()
                .any(|p| matches!(p.parameter_in, utoipa::openapi::path::ParameterIn::Query))
        });
        if has_query {
            add(
                "400",
                "A parameter breaks a rule of this document (its name is in `errors`)",
            );
        }
        if names_things && touches_database {
            add(
                "404",
                "A field names something that does not exist (its name is in `errors`)",
            );
            add(
                "422",
                "Fields contradict each other: `to` before `from`, a window too long, a field \
                 that needs another (their names are in `errors`)",
            );
        }
    }
}

/// Every UUID the server reads, in the forms the `uuid` crate parses (hyphenated, 32 digits,
/// braced, URN). JSON Schema validators need not check `format: uuid`; a pattern they all do.
const UUID_PATTERN: &str = "^(?:[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}|[0-9A-Fa-f]{32}|\\{[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}\\}|urn:uuid:[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12})$";

/// Rules a type brings that the document must state where the field states none: integers
/// narrower than 32 bits (`int8`, `int16` and the unsigned ones, with utoipa's
/// `non_strict_integers`) get their type's range as `minimum` and `maximum` (a larger number
/// cannot be read), and strings of `format: uuid` the pattern of a UUID (another text cannot be
/// read either).
pub fn state_type_limits(mut api: utoipa::openapi::OpenApi) -> utoipa::openapi::OpenApi {
    use utoipa::openapi::RefOr;
    use utoipa::openapi::schema::{ArrayItems, KnownFormat, Schema, SchemaFormat};
    fn walk(schema: &mut RefOr<Schema>) {
        let RefOr::T(schema) = schema else { return };
        match schema {
            Schema::Object(object) => {
                let range = match &object.format {
                    Some(SchemaFormat::KnownFormat(KnownFormat::Int8)) => {
                        Some((i64::from(i8::MIN), i64::from(i8::MAX)))
                    }
                    Some(SchemaFormat::KnownFormat(KnownFormat::Int16)) => {
                        Some((i64::from(i16::MIN), i64::from(i16::MAX)))
                    }
                    Some(SchemaFormat::KnownFormat(KnownFormat::UInt8)) => {
                        Some((0, i64::from(u8::MAX)))
                    }
                    Some(SchemaFormat::KnownFormat(KnownFormat::UInt16)) => {
                        Some((0, i64::from(u16::MAX)))
                    }
                    Some(SchemaFormat::KnownFormat(KnownFormat::UInt32)) => {
                        Some((0, i64::from(u32::MAX)))
                    }
                    _ => None,
                };
                if let Some((min, max)) = range {
                    let number = |n: i64| utoipa::Number::Int(n as isize);
                    object.minimum.get_or_insert(number(min));
                    object.maximum.get_or_insert(number(max));
                }
                if matches!(
                    object.format,
                    Some(SchemaFormat::KnownFormat(KnownFormat::Uuid))
                ) {
                    object
                        .pattern
                        .get_or_insert_with(|| UUID_PATTERN.to_owned());
                }
                object.properties.values_mut().for_each(walk);
            }
            Schema::Array(array) => {
                if let ArrayItems::RefOrSchema(items) = &mut array.items {
                    walk(items);
                }
            }
            Schema::OneOf(one) => one.items.iter_mut().for_each(walk),
            Schema::AllOf(all) => all.items.iter_mut().for_each(walk),
            Schema::AnyOf(any) => any.items.iter_mut().for_each(walk),
            _ => {}
        }
    }
    if let Some(components) = api.components.as_mut() {
        components.schemas.values_mut().for_each(walk);
    }
    for op in operations(&mut api) {
        for parameter in op.parameters.iter_mut().flatten() {
            if let Some(schema) = parameter.schema.as_mut() {
                walk(schema);
            }
        }
        if let Some(body) = op.request_body.as_mut() {
            for content in body.content.values_mut() {
                if let Some(schema) = content.schema.as_mut() {
                    walk(schema);
                }
            }
        }
    }
    api
}

/// Whether a security requirement names the bearer scheme.
fn has_bearer(requirement: &utoipa::openapi::security::SecurityRequirement) -> bool {
    serde_json::to_value(requirement)
        .ok()
        .and_then(|v| v.as_object().map(|o| o.contains_key("bearer")))
        .unwrap_or(false)
}

/// A response with a problem+json body.
fn problem_response(description: &str) -> utoipa::openapi::Response {
    use utoipa::openapi::{ContentBuilder, Ref, ResponseBuilder};
    ResponseBuilder::new()
        .description(description)
        .content(
            "application/problem+json",
            ContentBuilder::new()
                .schema(Some(Ref::from_schema_name("Problem")))
                .build(),
        )
        .build()
}

/// Document metadata, tags and shared schemas. Paths come from `routes::configure`.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "Samenstad API",
        description = "The neighbourhood platform of Gent: wijken, projects (wijkbudget), subsidies \
and venues.\n\nConventions: JSON in `snake_case`; errors are RFC 9457 `application/problem+json`; \
reads carry an `ETag` and answer `If-None-Match` with 304; lists are `{items, next_cursor}`. \
A request that breaks a rule of this document is a 400 with the field in `errors`; one that is \
well formed but names something that does not exist (a wijk, a category, a cursor, a one-time \
link) is a 404 with the field in `errors`; one whose fields contradict each other (`to` before \
`from`) is a 422. Text never holds U+0000 (400).\n\n\
Data of Stad Gent is published under the Modellicentie Gratis Hergebruik v1.0: \
show \"Bron: Stad Gent – data.stad.gent\" with it.",
        license(name = "EUPL-1.2", identifier = "EUPL-1.2"),
    ),
    tags(
        (name = "wijken", description = "The 25 official wijken (neighbourhoods) of Gent: list, boundaries, point lookup."),
        (name = "auth", description = "Accounts and sessions: register, verify, log in, refresh, log out, passwords, API client tokens."),
        (name = "me", description = "The caller's own account: view, change, export, erase."),
        (name = "organisations", description = "Bewonersgroepen and verenigingen: members, invitations, recognition."),
        (name = "admin", description = "Administration: roles, API clients, mail outbox, audit log (administrators only)."),
        (name = "venues", description = "The zalenzoeker: venues, rooms, opening hours, availability and iCal feeds."),
        (name = "bookings", description = "Booking requests for rooms and their decisions."),
        (name = "projects", description = "The wijkbudget: programmes, rounds, allocations per wijk, and ideas with their public status."),
        (name = "subsidies", description = "Subsidy schemes as data (Samen aan Zet, Fonds Tijdelijke Invullingen, the archived Wijk aan Zet): the finder, applications with co-signatures and attachments, jury review, decisions within the annual budget, payments, final reports, public awards and the programme dashboard."),
        (name = "signals", description = "Signals (meldingen) in the public space: report at a point, the routing table of categories and wijken to city services, the service's steps with public reasons, reopening, following."),
        (name = "councils", description = "Advisory councils (adviesraden): the councils, the advice requests the city publishes before they answer, each council's advice and the city's response to it, and an iCal of deadlines."),
        (name = "addresses", description = "The address register (an extract of the Flemish Adressenregister): find an address as one types."),
        (name = "open311", description = "Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2) at `/open311/v2/`: the signals for other systems and apps, in JSON or XML, with the standard's fields, `open`/`closed` statuses (the finer state in `status_notes` and the extension fields `detailed_status` and `resolution`), the `page`/`page_size` extension, and errors as arrays of `{code, description}`. API clients with the scope `signals:write` post requests with their secret as `api_key`."),
        (name = "open-data", description = "The open-data catalogue (DCAT-AP, JSON-LD) and CSV, GeoJSON and iCal for every public list."),
        (name = "system", description = "Service health."),
    ),
    modifiers(&BearerScheme),
    // Enums that only a query parameter names (a parameter's schema is a reference, and utoipa
    // registers only the components of bodies).
    components(schemas(Problem, FieldError, ApplicationView, SignalStatus)),
)]
pub struct ApiDoc;

#[cfg(test)]
mod tests {
    use serde_json::Value;

    #[test]
    fn every_schema_the_document_refers_to_is_in_its_components() {
        let doc = serde_json::to_value(crate::app::openapi()).expect("the document serialises");
        let text = doc.to_string();
        let prefix = "#/components/schemas/";
        let mut missing: Vec<&str> = text
            .match_indices(prefix)
            .map(|(at, _)| {
                let rest = &text[at + prefix.len()..];
                &rest[..rest.find('"').unwrap_or(rest.len())]
            })
            .filter(|name| doc["components"]["schemas"].get(*name).is_none())
            .collect();
        missing.dedup();
        assert!(missing.is_empty(), "dangling references: {missing:?}");
    }

    #[test]
    fn no_two_paths_differ_only_in_the_names_of_their_parameters() {
        // `/venues/{key}` and `/venues/{id}` are one path to a router but two to OpenAPI (which
        // calls that invalid), and the 405 answer's `Allow` would list only one path's methods.
        let doc = serde_json::to_value(crate::app::openapi()).expect("the document serialises");
        let mut shapes: std::collections::BTreeMap<String, Vec<String>> = Default::default();
        for path in doc["paths"].as_object().expect("paths").keys() {
            let shape = path
                .split('/')
                .map(|s| if s.starts_with('{') { "{}" } else { s })
                .collect::<Vec<_>>()
                .join("/");
            shapes.entry(shape).or_default().push(path.clone());
        }
        let clashes: Vec<_> = shapes.values().filter(|p| p.len() > 1).collect();
        assert!(clashes.is_empty(), "paths that clash: {clashes:?}");
    }

    /// Every operation of the generated document, as (method, path, operation).
    fn operations() -> Vec<(String, String, Value)> {
        let doc = serde_json::to_value(crate::app::openapi()).expect("the document serialises");
        let mut out = vec![];
        for (path, item) in doc["paths"].as_object().expect("paths").clone() {
            for (method, op) in item.as_object().expect("a path item").clone() {
                if op.get("responses").is_some() {
                    out.push((method, path.clone(), op));
                }
            }
        }
        out
    }

    #[test]
    fn every_operation_id_is_unique() {
        let mut seen = std::collections::BTreeMap::new();
        for (method, path, op) in operations() {
            let id = op["operationId"].as_str().unwrap_or_default().to_owned();
            if let Some(first) = seen.insert(id.clone(), format!("{method} {path}")) {
                panic!("operationId {id} of {method} {path} is also that of {first}");
            }
        }
    }

    #[test]
    fn every_operation_documents_the_shared_errors_it_can_return() {
        let ops = operations();
        assert!(ops.len() > 100, "only {} operations", ops.len());
        for (method, path, op) in ops {
            let responses = op["responses"].as_object().expect("responses");
            let security = op["security"].as_array().cloned().unwrap_or_default();
            let bearer = security
                .iter()
                .filter(|s| s.get("bearer").is_some())
                .count();
            let problem = |status: &str| {
                responses[status]["content"]["application/problem+json"]["schema"]["$ref"]
                    == "#/components/schemas/Problem"
            };
            if path.starts_with("/open311/") {
                // The standard's error arrays; discovery never touches the database.
                let open311 = responses
                    .get("503")
                    .is_some_and(|r| r["content"]["application/json"].is_object());
                assert_eq!(
                    open311,
                    !path.contains("/discovery."),
                    "{method} {path}: 503"
                );
            } else if path != "/api/v1/health/live" {
                assert!(problem("503"), "{method} {path}: no 503 problem");
            } else {
                assert!(!responses.contains_key("503"), "liveness never answers 503");
            }
            if bearer > 0 {
                assert!(problem("401"), "{method} {path}: no 401 problem");
            }
            if bearer > 0 && bearer == security.len() {
                assert!(problem("403"), "{method} {path}: no 403 problem");
            }
        }
    }
}
