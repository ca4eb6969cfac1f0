//! The parts of the OpenAPI document that are not collected from the routes.

use samenstad_types::{FieldError, Problem};
use utoipa::OpenApi;

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
        (name = "system", description = "Service health."),
    ),
    components(schemas(Problem, FieldError)),
)]
pub struct ApiDoc;
