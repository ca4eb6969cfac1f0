//! Photos of ideas and venues: uploaded as the raw request body (JPEG, PNG or WebP, at most
//! 5 MiB, the bytes checked against the declared type), stripped of their EXIF and XMP
//! metadata (camera position, time, device), kept in PostgreSQL, served with their type, an
//! ETag and a year's cache. Images of hidden ideas are not served.

use actix_web::http::header;
use actix_web::middleware::from_fn;
use actix_web::{HttpRequest, HttpResponse, delete, get, put, web};
use samenstad_db::queries::audit::{self, NewAudit};
use samenstad_db::queries::files::{self as fq, NewFile};
use samenstad_db::queries::projects as pq;
use samenstad_db::queries::venue_upkeep as upkeep;
use samenstad_db::queries::venues as vq;
use samenstad_types::Problem;
use samenstad_types::projects::Idea;
use samenstad_types::venue::VenueDetail;
use sha2::{Digest, Sha256};
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;

use crate::auth::UserCaller;
use crate::error::AppError;
use crate::gate;
use crate::principal::{Principal, parse_id};
use crate::routes::ideas_common::load_idea;
use crate::routes::venues_common::{detail_response, may_keep, venue_detail_now};
use crate::state::AppState;
use crate::upload::ImageBytes;

/// Registers the handlers of this module.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(put_idea_image)
        .service(delete_idea_image)
        .service(put_venue_photo)
        .service(delete_venue_photo)
        .service(get_file);
}

/// The largest image, in bytes (5 MiB).
pub const MAX_IMAGE_BYTES: usize = 5 * 1024 * 1024;

use crate::upload::IMAGE_TYPES;

/// Reads an uploaded image: JPEG, PNG or WebP, at most [`MAX_IMAGE_BYTES`], the bytes of the
/// declared type; returns the type and the bytes without metadata.
async fn read_image(
    req: &HttpRequest,
    payload: web::Payload,
) -> Result<(String, Vec<u8>), AppError> {
    let upload = crate::upload::read(
        req,
        payload,
        &IMAGE_TYPES,
        MAX_IMAGE_BYTES,
        "the image as image/jpeg, image/png or image/webp",
    )
    .await?;
    Ok((upload.content_type, upload.bytes))
}

/// Loads the idea for a change of its image by its author or staff of its wijk.
fn idea_for_image(
    conn: &mut samenstad_db::PgConnection,
    caller: UserCaller,
    id: Uuid,
) -> Result<(Principal, pq::IdeaRow), AppError> {
    let p = Principal::load(conn, caller)?;
    let row = pq::idea_for_update(conn, id)?
        .ok_or_else(|| AppError::NotFound("no such idea".to_owned()))?;
    if row.author_id != Some(p.user.id) && !p.is_staff_of(Some(row.wijk_id)) {
        return Err(AppError::Forbidden(
            "only its author or staff of the wijk may change an idea's photo".to_owned(),
        ));
    }
    Ok((p, row))
}

/// Add or replace an idea's photo
///
/// The request body is the image itself with its `Content-Type` (`image/jpeg`, `image/png` or
/// `image/webp`), at most 5 MiB; the bytes must be of that type. For the idea's author and staff
/// of its wijk. A previous photo is removed.
#[utoipa::path(
    tag = "projects",
    security(("bearer" = [])),
    params(
        ("id" = String, Path, description = "Idea id (UUID)"),
        ("Content-Type" = String, Header, description = "`image/jpeg`, `image/png` or `image/webp`"),
    ),
    request_body(
        description = "The image (JPEG, PNG or WebP), at most 5 MiB",
        content(
            (ImageBytes = "image/jpeg"),
            (ImageBytes = "image/png"),
            (ImageBytes = "image/webp"),
        ),
    ),
    responses(
        (status = 200, description = "The idea with its photo", body = Idea),
        (status = 400, description = "Empty body", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Neither its author nor staff of the wijk", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such idea", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "Larger than 5 MiB", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not a JPEG, PNG or WebP image, or not the declared type", body = Problem, content_type = "application/problem+json"),
    )
)]
#[put("/projects/ideas/{id}/image")]
pub async fn put_idea_image(
    caller: UserCaller,
    state: web::Data<AppState>,
    req: HttpRequest,
    id: web::Path<String>,
    payload: web::Payload,
) -> Result<web::Json<Idea>, AppError> {
    let id = parse_id(&id, "idea")?;
    let (declared, bytes) = read_image(&req, payload).await?;
    let sha256 = format!("{:x}", Sha256::digest(&bytes));
    let size = i32::try_from(bytes.len()).unwrap_or(i32::MAX);
    state
        .transaction(move |conn| {
            let (p, row) = idea_for_image(conn, caller, id)?;
            let file = Uuid::now_v7();
            fq::insert_file(
                conn,
                &NewFile {
                    id: file,
                    sha256: &sha256,
                    content_type: &declared,
                    size,
                    bytes: bytes.as_ref(),
                    created_by: p.user.id,
                },
            )?;
            fq::set_idea_image(conn, row.id, row.image_id, Some(file))?;
            audit::record(
                conn,
                NewAudit::by(Some(p.user.id), "idea.image_set")
                    .on("idea", id)
                    .details(serde_json::json!({"bytes": size, "type": declared})),
            )?;
            load_idea(conn, id, Some(&p))
        })
        .await
        .map(web::Json)
}

/// Remove an idea's photo
///
/// For the idea's author and staff of its wijk.
#[utoipa::path(
    tag = "projects",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Idea id (UUID)")),
    responses(
        (status = 200, description = "The idea without a photo", body = Idea),
        (status = 403, description = "Neither its author nor staff of the wijk", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such idea", body = Problem, content_type = "application/problem+json"),
    )
)]
#[delete("/projects/ideas/{id}/image")]
pub async fn delete_idea_image(
    caller: UserCaller,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<web::Json<Idea>, AppError> {
    let id = parse_id(&id, "idea")?;
    state
        .transaction(move |conn| {
            let (p, row) = idea_for_image(conn, caller, id)?;
            fq::set_idea_image(conn, row.id, row.image_id, None)?;
            audit::record(
                conn,
                NewAudit::by(Some(p.user.id), "idea.image_removed").on("idea", id),
            )?;
            load_idea(conn, id, Some(&p))
        })
        .await
        .map(web::Json)
}

/// Loads the venue (locked) for a change of its photo by one who may keep it.
fn venue_for_photo(
    conn: &mut samenstad_db::PgConnection,
    caller: UserCaller,
    id: Uuid,
) -> Result<(Principal, vq::VenueRow), AppError> {
    let p = Principal::load(conn, caller)?;
    let v = upkeep::venue_for_update(conn, id)?
        .ok_or_else(|| AppError::NotFound(format!("no venue with id `{id}`")))?;
    if !may_keep(&p, &v) {
        return Err(AppError::Forbidden(
            "only the venue's managers and staff of its wijk may change its photo".to_owned(),
        ));
    }
    Ok((p, v))
}

/// Records the change of a venue's photo and answers with the venue.
fn venue_photo_changed(
    conn: &mut samenstad_db::PgConnection,
    p: &Principal,
    v: &vq::VenueRow,
    file: Option<Uuid>,
    details: serde_json::Value,
) -> Result<VenueDetail, AppError> {
    upkeep::set_photo(conn, v.id, v.photo_id, file)?;
    let action = if file.is_some() {
        "venue.photo_set"
    } else {
        "venue.photo_removed"
    };
    let mut entry = NewAudit::by(Some(p.user.id), action)
        .on("venue", v.id)
        .details(details);
    entry.wijk_id = v.wijk_id;
    audit::record(conn, entry)?;
    venue_detail_now(conn, v.id)
}

/// Add or replace a venue's photo
///
/// The request body is the image itself with its `Content-Type` (`image/jpeg`, `image/png` or
/// `image/webp`), at most 5 MiB; the bytes must be of that type. EXIF and XMP metadata (such
/// as where the photo was taken) are removed before it is kept. For the venue's managers and
/// staff of its wijk. A previous photo is removed.
#[utoipa::path(
    tag = "venues",
    security(("bearer" = [])),
    params(
        ("id" = String, Path, description = "Venue id (UUID)"),
        ("Content-Type" = String, Header, description = "`image/jpeg`, `image/png` or `image/webp`"),
    ),
    request_body(
        description = "The image (JPEG, PNG or WebP), at most 5 MiB",
        content(
            (ImageBytes = "image/jpeg"),
            (ImageBytes = "image/png"),
            (ImageBytes = "image/webp"),
        ),
    ),
    responses(
        (status = 200, description = "The venue with its photo", body = VenueDetail,
            headers(("ETag" = String, description = "The venue's new version"))),
        (status = 400, description = "Empty body", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Neither a manager of the venue nor staff of its wijk", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such venue", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "Larger than 5 MiB", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not a JPEG, PNG or WebP image, not the declared type, or damaged", body = Problem, content_type = "application/problem+json"),
    )
)]
#[put("/venues/{id}/photo", wrap = "from_fn(gate::city_role)")]
pub async fn put_venue_photo(
    caller: UserCaller,
    state: web::Data<AppState>,
    req: HttpRequest,
    id: web::Path<String>,
    payload: web::Payload,
) -> Result<HttpResponse, AppError> {
    let id = parse_id(&id, "venue")?;
    let (declared, bytes) = read_image(&req, payload).await?;
    let sha256 = format!("{:x}", Sha256::digest(&bytes));
    let size = i32::try_from(bytes.len()).unwrap_or(i32::MAX);
    let detail = state
        .transaction(move |conn| {
            let (p, v) = venue_for_photo(conn, caller, id)?;
            let file = Uuid::now_v7();
            fq::insert_file(
                conn,
                &NewFile {
                    id: file,
                    sha256: &sha256,
                    content_type: &declared,
                    size,
                    bytes: &bytes,
                    created_by: p.user.id,
                },
            )?;
            venue_photo_changed(
                conn,
                &p,
                &v,
                Some(file),
                serde_json::json!({"bytes": size, "type": declared}),
            )
        })
        .await?;
    Ok(detail_response(HttpResponse::Ok(), &detail))
}

/// Remove a venue's photo
///
/// For the venue's managers and staff of its wijk.
#[utoipa::path(
    tag = "venues",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Venue id (UUID)")),
    responses(
        (status = 200, description = "The venue without a photo", body = VenueDetail,
            headers(("ETag" = String, description = "The venue's new version"))),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Neither a manager of the venue nor staff of its wijk", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such venue", body = Problem, content_type = "application/problem+json"),
    )
)]
#[delete("/venues/{id}/photo", wrap = "from_fn(gate::city_role)")]
pub async fn delete_venue_photo(
    caller: UserCaller,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let id = parse_id(&id, "venue")?;
    let detail = state
        .transaction(move |conn| {
            let (p, v) = venue_for_photo(conn, caller, id)?;
            venue_photo_changed(conn, &p, &v, None, serde_json::json!({}))
        })
        .await?;
    Ok(detail_response(HttpResponse::Ok(), &detail))
}

/// Get an uploaded file
///
/// An image (of an idea or a signal) or a document (a council's advice as PDF) with its type, an
/// ETag and a year's cache (files never change: a new photo gets a new id). Not served while its
/// idea or signal is hidden.
#[utoipa::path(
    tag = "projects",
    security(()),
    params(("id" = String, Path, description = "File id (UUID)")),
    responses(
        (status = 200, description = "The file", content(
            (ImageBytes = "image/jpeg"),
            (ImageBytes = "image/png"),
            (ImageBytes = "image/webp"),
            (crate::upload::FileBytes = "application/pdf"),
        )),
        (status = 404, description = "No such file, or its idea or signal is hidden", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/files/{id}")]
pub async fn get_file(
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let id = parse_id(&id, "file")?;
    let (content_type, sha256, bytes): (String, String, Vec<u8>) = state
        .with_conn(move |conn| {
            if fq::is_image_of_hidden_idea(conn, id)?
                || samenstad_db::queries::signals::is_photo_of_hidden_signal(conn, id)?
            {
                return Err(AppError::NotFound("no such file".to_owned()));
            }
            fq::file_by_id(conn, id)?.ok_or_else(|| AppError::NotFound("no such file".to_owned()))
        })
        .await?;
    Ok(HttpResponse::Ok()
        .content_type(content_type)
        .insert_header((header::ETAG, format!("\"{sha256}\"")))
        .insert_header((header::CACHE_CONTROL, "public, max-age=31536000, immutable"))
        .insert_header((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .insert_header((header::CONTENT_DISPOSITION, "inline"))
        .body(bytes))
}
