//! One error type for every handler, rendered as RFC 9457 problem+json.

use actix_web::body::BoxBody;
use actix_web::dev::ServiceResponse;
use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderValue};
use actix_web::middleware::ErrorHandlerResponse;
use actix_web::{HttpRequest, HttpResponse, ResponseError};
use samenstad_db::DbError;
use samenstad_types::{FieldError, Problem};

/// Media type of error bodies.
pub const PROBLEM_JSON: &str = "application/problem+json";

/// Everything a handler can fail with.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// The addressed resource does not exist.
    #[error("{0}")]
    NotFound(String),
    /// The request is malformed (unparseable parameters or body).
    #[error("{0}")]
    BadRequest(String),
    /// The request parses but some fields are invalid.
    #[error("invalid request")]
    Validation(Vec<FieldError>),
    /// A field names something that does not exist (a wijk, a category, a page of a list, a
    /// one-time link): 404 with the field, since the request itself is well formed.
    #[error("not found")]
    Unknown(Vec<FieldError>),
    /// No valid credentials.
    #[error("{0}")]
    Unauthorized(String),
    /// Authenticated, but not allowed to do this.
    #[error("{0}")]
    Forbidden(String),
    /// The request conflicts with the current state (e.g. a taken e-mail address).
    #[error("{0}")]
    Conflict(String),
    /// A conflict with details per item (e.g. the occurrences of a series).
    #[error("{0}")]
    ConflictWith(String, Vec<FieldError>),
    /// `If-Match` names a version that is no longer the current one (someone changed it).
    #[error("{0}")]
    PreconditionFailed(String),
    /// A change that needs `If-Match` came without it.
    #[error("send the version you changed as If-Match (the ETag of the GET)")]
    PreconditionRequired,
    /// Too many attempts; retry after this many seconds.
    #[error("too many attempts; try again in {0} seconds")]
    TooManyRequests(i64),
    /// The body is larger than allowed.
    #[error("the request body is too large")]
    PayloadTooLarge,
    /// The body has a media type this endpoint does not accept.
    #[error("{0}")]
    UnsupportedMediaType(String),
    /// The database cannot be reached right now.
    #[error("the database is unavailable; try again shortly")]
    Unavailable,
    /// A bug or an unexpected failure; details are logged, not shown.
    #[error("internal error")]
    Internal(String),
}

/// Codes of rules between fields or with stored data (`to` after `from`, `radius_m` only with
/// `near`, a window of at most a year, no `venue_id` when adding a venue, a use this room does
/// not allow, a listing a proposal would break, a point outside Gent, a day already past): no
/// schema can state
/// them, so they are a 422 rather than a 400.
pub const BETWEEN_FIELDS: [&str; 12] = [
    "order",
    "duplicate",
    "over_budget",
    "over_requested",
    "span",
    "requires",
    "excludes",
    "not_allowed",
    "outcome",
    "outside",
    "past",
    "calendar",
];

/// Whether every error is about how fields relate to each other.
fn between_fields(errors: &[FieldError]) -> bool {
    !errors.is_empty()
        && errors
            .iter()
            .all(|e| BETWEEN_FIELDS.contains(&e.code.as_str()))
}

/// The field errors of a request body's own rules (`validator`), to which a route adds the
/// domain's before [`AppError::unless_valid`].
pub fn field_problems(body: &impl validator::Validate) -> Vec<FieldError> {
    body.validate()
        .err()
        .map(|e| samenstad_types::problem::field_errors(&e))
        .unwrap_or_default()
}

/// Adds `more` (the domain's field errors) to `errors`, leaving out the fields `errors` names
/// already: each field is reported once, with its first problem.
pub fn add_new_fields(errors: &mut Vec<FieldError>, more: &[FieldError]) {
    let known: Vec<String> = errors.iter().map(|e| e.field.clone()).collect();
    errors.extend(more.iter().filter(|e| !known.contains(&e.field)).cloned());
}

impl AppError {
    /// `Ok` without field errors, else the 400 (or 422) that names them all.
    pub fn unless_valid(errors: Vec<FieldError>) -> Result<(), Self> {
        if errors.is_empty() {
            Ok(())
        } else {
            Err(AppError::Validation(errors))
        }
    }

    /// One field error; the code `unknown` (the field names something that does not exist)
    /// is a 404, every other code a 400.
    pub fn field(field: &str, code: &str, message: &str) -> Self {
        let errors = vec![FieldError::new(field, code, message)];
        if code == "unknown" {
            AppError::Unknown(errors)
        } else {
            AppError::Validation(errors)
        }
    }

    /// A value of a vocabulary (`samenstad_types` enum) given in the request, if any; a value
    /// the vocabulary lacks is a 400 on `field` with `message`.
    pub fn one_of<T: std::str::FromStr>(
        value: Option<&str>,
        field: &str,
        message: &str,
    ) -> Result<Option<T>, Self> {
        value
            .map(|v| {
                v.parse()
                    .map_err(|_| Self::field(field, "invalid", message))
            })
            .transpose()
    }

    fn kind(&self) -> &'static str {
        match self {
            AppError::NotFound(_) => "not-found",
            AppError::BadRequest(_) => "bad-request",
            AppError::Validation(errors) if between_fields(errors) => "unprocessable",
            AppError::Validation(_) => "validation",
            AppError::Unknown(_) => "not-found",
            AppError::Unauthorized(_) => "unauthorized",
            AppError::Forbidden(_) => "forbidden",
            AppError::Conflict(_) | AppError::ConflictWith(..) => "conflict",
            AppError::PreconditionFailed(_) => "precondition-failed",
            AppError::PreconditionRequired => "precondition-required",
            AppError::TooManyRequests(_) => "too-many-requests",
            AppError::PayloadTooLarge => "payload-too-large",
            AppError::UnsupportedMediaType(_) => "unsupported-media-type",
            AppError::Unavailable => "unavailable",
            AppError::Internal(_) => "internal",
        }
    }

    /// The problem body for this error, in the request's language ([`crate::lang`]).
    pub fn problem(&self) -> Problem {
        let status = self.status_code();
        let lang = crate::lang::current();
        let say = |text: &str| crate::lang::translate(lang, text).into_owned();
        let said = |errors: &[FieldError]| -> Vec<FieldError> {
            errors
                .iter()
                .map(|e| FieldError {
                    message: say(&e.message),
                    ..e.clone()
                })
                .collect()
        };
        let (detail, errors) = match self {
            AppError::Validation(errors) | AppError::Unknown(errors) => {
                let errors = said(errors);
                (
                    Some(
                        errors
                            .iter()
                            .map(|e| format!("{}: {}", e.field, e.message))
                            .collect::<Vec<_>>()
                            .join("; "),
                    ),
                    errors,
                )
            }
            AppError::ConflictWith(message, errors) => (Some(say(message)), said(errors)),
            AppError::Internal(_) => (Some(say("An unexpected error occurred.")), vec![]),
            other => (Some(say(&other.to_string())), vec![]),
        };
        Problem {
            kind: format!("/problems/{}", self.kind()),
            title: say(status.canonical_reason().unwrap_or("Error")),
            status: status.as_u16(),
            detail,
            instance: None,
            errors,
        }
    }
}

impl ResponseError for AppError {
    fn status_code(&self) -> StatusCode {
        match self {
            AppError::NotFound(_) | AppError::Unknown(_) => StatusCode::NOT_FOUND,
            AppError::Validation(errors) if between_fields(errors) => {
                StatusCode::UNPROCESSABLE_ENTITY
            }
            AppError::BadRequest(_) | AppError::Validation(_) => StatusCode::BAD_REQUEST,
            AppError::Unauthorized(_) => StatusCode::UNAUTHORIZED,
            AppError::Forbidden(_) => StatusCode::FORBIDDEN,
            AppError::Conflict(_) | AppError::ConflictWith(..) => StatusCode::CONFLICT,
            AppError::PreconditionFailed(_) => StatusCode::PRECONDITION_FAILED,
            AppError::PreconditionRequired => StatusCode::PRECONDITION_REQUIRED,
            AppError::TooManyRequests(_) => StatusCode::TOO_MANY_REQUESTS,
            AppError::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::UnsupportedMediaType(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            AppError::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse<BoxBody> {
        if let AppError::Internal(cause) = self {
            tracing::error!(%cause, "internal error");
        }
        let mut res = HttpResponse::build(self.status_code());
        res.content_type(PROBLEM_JSON);
        // The texts follow Accept-Language.
        res.insert_header((header::VARY, "Accept-Language"));
        match self {
            AppError::Unavailable => {
                res.insert_header((header::RETRY_AFTER, "2"));
            }
            AppError::TooManyRequests(seconds) => {
                res.insert_header((header::RETRY_AFTER, seconds.to_string()));
            }
            AppError::Unauthorized(_) => {
                res.insert_header((header::WWW_AUTHENTICATE, "Bearer realm=\"samenstad\""));
            }
            _ => {}
        }
        res.json(self.problem())
    }
}

impl From<validator::ValidationErrors> for AppError {
    fn from(errors: validator::ValidationErrors) -> Self {
        AppError::Validation(samenstad_types::problem::field_errors(&errors))
    }
}

impl From<DbError> for AppError {
    fn from(e: DbError) -> Self {
        match e {
            DbError::Unavailable(_) => AppError::Unavailable,
            DbError::Query(q) => q.into(),
            other => AppError::Internal(other.to_string()),
        }
    }
}

impl From<diesel_error::Error> for AppError {
    fn from(e: diesel_error::Error) -> Self {
        match e {
            diesel_error::Error::NotFound => AppError::NotFound("not found".to_owned()),
            // A lost connection means the database went away (restart, network): 503, and
            // `AppState::with_conn` makes the pool drop the connection.
            e if samenstad_db::is_disconnect(&e) => AppError::Unavailable,
            diesel_error::Error::DatabaseError(
                diesel_error::DatabaseErrorKind::UniqueViolation,
                _,
            ) => AppError::Conflict("this already exists".to_owned()),
            // PostgreSQL text cannot hold U+0000; input carrying it is bad input, not a fault.
            diesel_error::Error::DatabaseError(_, info)
                if info.message().contains("invalid byte sequence")
                    || info
                        .message()
                        .contains("unsupported Unicode escape sequence") =>
            {
                AppError::BadRequest("text may not contain the NUL character (U+0000)".to_owned())
            }
            // A value that passed validation but breaks a rule of the table (text that is too
            // short once trimmed, say): the request's fault, never a 500. 422 names the field
            // (or the constraint).
            diesel_error::Error::DatabaseError(
                diesel_error::DatabaseErrorKind::CheckViolation,
                info,
            ) => {
                let field = info
                    .column_name()
                    .or(info.constraint_name())
                    .unwrap_or("body")
                    .to_owned();
                AppError::Validation(vec![FieldError::new(
                    &field,
                    "outcome",
                    "breaks a rule of the stored record (too short once trimmed, or out of range)",
                )])
            }
            other => AppError::Internal(other.to_string()),
        }
    }
}

mod diesel_error {
    pub use samenstad_db::diesel_result::{DatabaseErrorKind, Error};
}

impl From<actix_web::error::BlockingError> for AppError {
    fn from(e: actix_web::error::BlockingError) -> Self {
        AppError::Internal(e.to_string())
    }
}

/// Error handler for the query-string, path and JSON extractors: 400 problem+json.
pub fn extractor_error(err: impl std::fmt::Display, _req: &HttpRequest) -> actix_web::Error {
    AppError::BadRequest(format!("invalid request: {err}")).into()
}

/// Error handler for JSON bodies: 413 when too large, 415 for another media type, else 400.
pub fn json_error(err: actix_web::error::JsonPayloadError, _req: &HttpRequest) -> actix_web::Error {
    use actix_web::error::JsonPayloadError as E;
    match err {
        E::Overflow { .. } | E::OverflowKnownLength { .. } => AppError::PayloadTooLarge.into(),
        E::ContentType => {
            AppError::UnsupportedMediaType("send the body as application/json".to_owned()).into()
        }
        other => AppError::BadRequest(format!("invalid JSON body: {other}")).into(),
    }
}

/// Middleware hook: any error response without a problem+json body (404 of an unknown route,
/// 405, 413 …) gets one, so clients never see an empty or HTML error.
pub fn ensure_problem_body<B>(
    res: ServiceResponse<B>,
) -> actix_web::Result<ErrorHandlerResponse<B>> {
    let is_problem = res
        .response()
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|ct| ct.as_bytes().starts_with(PROBLEM_JSON.as_bytes()));
    // Open311 answers its errors as the standard's arrays of {code, description}.
    let is_open311 = res.request().path().starts_with("/open311/")
        && res.response().headers().contains_key(header::CONTENT_TYPE);
    // The web app's page for a path that is none of its pages (a 404 the page itself shows).
    let is_web_page = res
        .response()
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|ct| ct.as_bytes().starts_with(b"text/html"));
    if is_problem || is_open311 || is_web_page {
        return Ok(ErrorHandlerResponse::Response(res.map_into_left_body()));
    }
    let status = res.status();
    let lang = crate::lang::current();
    let say = |text: &str| crate::lang::translate(lang, text).into_owned();
    let detail = say(match status {
        StatusCode::NOT_FOUND => "No resource at this path.",
        StatusCode::METHOD_NOT_ALLOWED => "This method is not allowed on this path.",
        StatusCode::PAYLOAD_TOO_LARGE => "The request body is too large.",
        other => other.canonical_reason().unwrap_or("Error"),
    });
    let problem = Problem {
        kind: format!("/problems/http-{}", status.as_u16()),
        title: say(status.canonical_reason().unwrap_or("Error")),
        status: status.as_u16(),
        detail: Some(detail),
        instance: Some(res.request().path().to_owned()),
        errors: vec![],
    };
    let body = serde_json::to_string(&problem).unwrap_or_default();
    let (req, mut response) = res.into_parts();
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(PROBLEM_JSON));
    let response = response
        .set_body(body)
        .map_into_boxed_body()
        .map_into_right_body();
    Ok(ErrorHandlerResponse::Response(ServiceResponse::new(
        req, response,
    )))
}
