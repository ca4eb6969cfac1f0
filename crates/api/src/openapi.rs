//! The parts of the OpenAPI document that are not collected from the routes.

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
    use utoipa::openapi::{ContentBuilder, Ref, ResponseBuilder};
    let problem = |description: &str| {
        ResponseBuilder::new()
            .description(description)
            .content(
                "application/problem+json",
                ContentBuilder::new()
                    .schema(Some(Ref::from_schema_name("Problem")))
                    .build(),
            )
            .build()
    };
    for item in openapi.paths.paths.values_mut() {
        for op in [
            &mut item.get,
            &mut item.put,
            &mut item.post,
            &mut item.delete,
            &mut item.patch,
        ]
        .into_iter()
        .flatten()
        {
            if op.request_body.is_none() {
                continue;
            }
            let responses = &mut op.responses.responses;
            if !responses.contains_key("400") {
                responses.insert("400".to_owned(), problem("The body cannot be read").into());
            }
            if !responses.contains_key("415") {
                responses.insert(
                    "415".to_owned(),
                    problem("The body is not of the media type this operation reads").into(),
                );
            }
        }
    }
}

/// Document metadata, tags and shared schemas. Paths come from `routes::configure`.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "Samenstad API",
        description = "The neighbourhood platform of Gent: wijken, projects (wijkbudget), subsidies \
and venues.\n\nConventions: JSON in `snake_case`; errors are RFC 9457 `application/problem+json`; \
reads carry an `ETag` and answer `If-None-Match` with 304; lists are `{items, next_cursor}`.\n\n\
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
        (name = "open-data", description = "The open-data catalogue (DCAT-AP, JSON-LD) and CSV, GeoJSON and iCal for every public list."),
        (name = "system", description = "Service health."),
    ),
    modifiers(&BearerScheme),
    components(schemas(Problem, FieldError)),
)]
pub struct ApiDoc;
