//! The application factory: the same routes serve production, `samenstad openapi` and tests.

use std::path::PathBuf;

use actix_files::{Files, NamedFile};
use actix_web::body::MessageBody;
use actix_web::dev::{ResourceDef, ServiceFactory, ServiceRequest, ServiceResponse, fn_service};
use actix_web::middleware::{Compress, DefaultHeaders, ErrorHandlers, from_fn};
use actix_web::{App, HttpRequest, HttpResponse, web};
use utoipa::OpenApi;
use utoipa_actix_web::{AppExt, scope};
use utoipa_swagger_ui::SwaggerUi;

use crate::error::{ensure_problem_body, extractor_error, json_error};
use crate::openapi::ApiDoc;
use crate::routes;
use crate::state::AppState;
use crate::telemetry::log_request;

/// Content-Security-Policy: same-origin everything (images also from the configured tile server,
/// `tiles`); wasm may be compiled; inline styles allowed (Swagger UI sets some); nothing may
/// frame the app.
pub fn csp(tiles: Option<&str>) -> String {
    let tiles = tiles.map(|t| format!(" {t}")).unwrap_or_default();
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; \
img-src 'self' data:{tiles}; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; \
form-action 'self'; frame-ancestors 'none'"
    )
}

fn api_routes() -> (
    App<
        impl ServiceFactory<
            ServiceRequest,
            Config = (),
            Response = ServiceResponse,
            Error = actix_web::Error,
            InitError = (),
        >,
    >,
    utoipa::openapi::OpenApi,
) {
    let (app, mut api) = App::new()
        .into_utoipa_app()
        .openapi(ApiDoc::openapi())
        .service(scope("/api/v1").configure(routes::configure))
        .service(scope("/open311/v2").configure(routes::open311::configure))
        .split_for_parts();
    crate::openapi::add_body_errors(&mut api);
    crate::openapi::add_common_errors(&mut api);
    let api = crate::openapi::state_type_limits(api);
    (app, api)
}

/// The OpenAPI document, built from the same registration the server uses.
pub fn openapi() -> utoipa::openapi::OpenApi {
    api_routes().1
}

/// The OpenAPI document as pretty JSON with a trailing newline (the form of `openapi/openapi.json`).
pub fn openapi_json() -> String {
    let mut json = openapi().to_pretty_json().unwrap_or_default();
    json.push('\n');
    json
}

/// Settings of the app factory.
#[derive(Debug, Clone)]
pub struct AppSettings {
    /// Directory of the built web app.
    pub web_dir: PathBuf,
    /// Largest request body in bytes.
    pub body_limit_bytes: usize,
    /// Origins allowed to call the API from browsers (CORS); empty: same origin only.
    pub cors_origins: Vec<String>,
}

/// Builds the whole application: API, OpenAPI JSON, docs UI, web app.
pub fn build_app(
    state: web::Data<AppState>,
    settings: AppSettings,
) -> App<
    impl ServiceFactory<
        ServiceRequest,
        Config = (),
        Response = ServiceResponse<impl MessageBody>,
        Error = actix_web::Error,
        InitError = (),
    >,
> {
    let (app, api) = api_routes();
    let api_paths = api.paths.clone();
    let csp = csp(state.auth.config.tile_origin().as_deref());
    let mut headers = DefaultHeaders::new()
        .add(("X-Content-Type-Options", "nosniff"))
        .add(("Referrer-Policy", "no-referrer"))
        .add(("X-Frame-Options", "DENY"))
        .add(("Content-Security-Policy", csp));
    if state.auth.config.public_url.starts_with("https://") {
        // Served over https: browsers never use plain http for it again (a year).
        headers = headers.add((
            "Strict-Transport-Security",
            "max-age=31536000; includeSubDomains",
        ));
    }
    app.app_data(state)
        .app_data(web::PathConfig::default().error_handler(extractor_error))
        .app_data(
            web::JsonConfig::default()
                .limit(settings.body_limit_bytes)
                .error_handler(json_error),
        )
        .app_data(web::FormConfig::default().limit(16 * 1024))
        .app_data(web::PayloadConfig::new(settings.body_limit_bytes))
        .app_data(crate::json_numbers::BodyLimit(settings.body_limit_bytes))
        .route(
            "/api/docs",
            web::get().to(|| async {
                HttpResponse::PermanentRedirect()
                    .insert_header(("Location", "/api/docs/"))
                    .finish()
            }),
        )
        .service(SwaggerUi::new("/api/docs/{_:.*}").url("/api/openapi.json", api))
        .service(web::scope("/api").default_service(unmatched_api(&api_paths)))
        .service(spa(settings.web_dir))
        .default_service(unmatched_api(&api_paths))
        .wrap(from_fn(crate::json_numbers::integral_floats))
        .wrap(ErrorHandlers::new().default_handler(ensure_problem_body))
        .wrap(cors(&settings.cors_origins))
        .wrap(Compress::default())
        .wrap(headers)
        .wrap(from_fn(crate::public_cache::invalidate_on_change))
        .wrap(from_fn(crate::tenant::scope))
        .wrap(from_fn(crate::lang::scope))
        .wrap(from_fn(log_request))
}

/// What `/api` answers when no route matched: 405 with `Allow` when the path exists with other
/// methods (from the OpenAPI paths, the same registration the routes come from), else 404.
fn unmatched_api(paths: &utoipa::openapi::Paths) -> actix_web::Route {
    let routes: Vec<(ResourceDef, String)> = paths
        .paths
        .iter()
        .map(|(path, item)| {
            let methods = [
                ("GET", item.get.is_some()),
                ("PUT", item.put.is_some()),
                ("POST", item.post.is_some()),
                ("DELETE", item.delete.is_some()),
                ("PATCH", item.patch.is_some()),
            ];
            let allow: Vec<&str> = methods.iter().filter(|m| m.1).map(|m| m.0).collect();
            (ResourceDef::new(path.as_str()), allow.join(", "))
        })
        .collect();
    let routes = std::sync::Arc::new(routes);
    web::to(move |req: HttpRequest| {
        let routes = routes.clone();
        async move {
            if req.path().starts_with("/open311/") {
                return routes::open311::unmatched(&req);
            }
            match routes.iter().find(|(def, _)| def.is_match(req.path())) {
                Some((_, allow)) => HttpResponse::MethodNotAllowed()
                    .insert_header((actix_web::http::header::ALLOW, allow.as_str()))
                    .finish(),
                None => HttpResponse::NotFound().finish(),
            }
        }
    })
}

/// CORS: only the configured origins; bearer tokens, no cookies, across origins.
fn cors(origins: &[String]) -> actix_cors::Cors {
    let mut cors = actix_cors::Cors::default()
        .allowed_methods(["GET", "POST", "PUT", "PATCH", "DELETE"])
        .allowed_headers([
            actix_web::http::header::AUTHORIZATION,
            actix_web::http::header::CONTENT_TYPE,
            actix_web::http::header::IF_NONE_MATCH,
            actix_web::http::header::IF_MATCH,
        ])
        .expose_headers([
            actix_web::http::header::ETAG,
            actix_web::http::header::LOCATION,
            actix_web::http::header::RETRY_AFTER,
        ])
        .max_age(3600);
    for origin in origins {
        cors = cors.allowed_origin(origin);
    }
    cors
}

/// The web app. Hashed build outputs under `/assets/` are immutable: cached for a year and sent
/// precompressed (`.br`, `.gz` made by `scripts/build-web.sh`) when the browser accepts it.
/// Other files are served as they are; every other path gets the page of the web app's build
/// that serves it (`samenstad_types::web`: public, resident or full; client-side routing), which
/// browsers must revalidate so a new release is picked up at once. A path that is no page of
/// the web app gets the public build's page (which says so) with status 404.
fn spa(web_dir: PathBuf) -> actix_web::Scope {
    let assets = web_dir.join("assets");
    let dir_for_root = web_dir.clone();
    let dir_for_pages = web_dir.clone();
    web::scope("")
        .service(web::resource("/assets/{file}").route(get_or_head().to(
            move |req: HttpRequest, file: web::Path<String>| {
                let assets = assets.clone();
                async move { asset(&req, &assets, &file).await }
            },
        )))
        .service(
            web::resource("/").route(get_or_head().to(move |req: HttpRequest| {
                let dir = dir_for_root.clone();
                async move { index_page(&req, &dir).await }
            })),
        )
        .service(Files::new("/", web_dir).default_handler(fn_service(
            move |req: ServiceRequest| {
                let dir = dir_for_pages.clone();
                async move {
                    let (req, _) = req.into_parts();
                    let response = index_page(&req, &dir).await;
                    Ok(ServiceResponse::new(req, response))
                }
            },
        )))
}

/// A route for GET and HEAD (actix sends no body for HEAD).
fn get_or_head() -> actix_web::Route {
    use actix_web::guard;
    web::route().guard(guard::Any(guard::Get()).or(guard::Head()))
}

/// The page of the build that serves the request's path (`index.html` — every page — when that
/// build's page is missing), revalidated on every visit (`no-cache`; the ETag makes that a 304).
async fn index_page(req: &HttpRequest, web_dir: &std::path::Path) -> HttpResponse {
    use samenstad_types::web::{WebApp, web_app_for};
    let app = web_app_for(req.path());
    let build = app.map_or(WebApp::NOT_FOUND, |app| {
        app.for_signed_in(req.cookie(WebApp::COOKIE).as_ref().map(|c| c.value()))
    });
    let page = web_dir.join(build.index_file());
    let page = if page.is_file() {
        page
    } else {
        web_dir.join(WebApp::Full.index_file())
    };
    let mut response = match page_for_host(req, &page).await {
        Some(response) => response,
        None => match NamedFile::open_async(page).await {
            Ok(file) => {
                let mut response = file.into_response(req);
                response.headers_mut().insert(
                    actix_web::http::header::CACHE_CONTROL,
                    actix_web::http::header::HeaderValue::from_static("no-cache"),
                );
                response
            }
            Err(_) => return web_app_missing(req),
        },
    };
    if app.is_none() && response.status().is_success() {
        *response.status_mut() = actix_web::http::StatusCode::NOT_FOUND;
    }
    // The build depends on the signed-in cookie: a cache keeps one answer per cookie.
    response.headers_mut().insert(
        actix_web::http::header::VARY,
        actix_web::http::header::HeaderValue::from_static("Cookie"),
    );
    response
}

/// A page of the web app with the header's line naming the host's municipality and, on a page
/// that has it, its main content in the first HTML (`first_html`: the public pages and a vote);
/// `None` without a municipality (the file is then served as it is).
async fn page_for_host(req: &HttpRequest, page: &std::path::Path) -> Option<HttpResponse> {
    use actix_web::http::header;
    let state = req.app_data::<web::Data<AppState>>()?;
    let tenant = crate::tenant::current()?;
    let wijken = crate::cache::wijken(state).await.ok()?;
    let html = tokio::fs::read_to_string(page).await.ok()?;
    // Dutch, as the app starts (a reader's English choice is kept in the browser).
    let count = u32::try_from(wijken.wijken.len()).unwrap_or(u32::MAX);
    let tagline = samenstad_types::web::tagline(false, &tenant.name, count);
    let html = html.replacen(
        TAGLINE_SLOT,
        &quick_xml::escape::escape(tagline.as_str()),
        1,
    );
    let content = first_html(state, req.path(), &tenant, &wijken).await;
    let html = with_head(html, &tenant.name, count, content.as_deref()).replacen(
        ATTRIBUTION_SLOT,
        &format!(
            "<footer class=\"site-footer\"><p>{}</p>",
            quick_xml::escape::escape(wijken.attribution.as_str())
        ),
        1,
    );
    let html = match content {
        // The page paints its content first; the boot script fetches the app after that paint,
        // so the head does not preload it (it would compete with the content for the line).
        Some(content) => html
            .lines()
            .filter(|line| {
                !line.contains("rel=\"modulepreload\"") && !line.contains("rel=\"preload\"")
            })
            .collect::<Vec<_>>()
            .join("\n")
            .replacen(LOADING_SLOT, &content, 1),
        None => html,
    };
    let mut response =
        crate::etag::CachedBody::of_bytes(html.into(), "text/html; charset=utf-8").respond(req);
    response.headers_mut().insert(
        header::CACHE_CONTROL,
        header::HeaderValue::from_static("no-cache"),
    );
    Some(response)
}

/// The first HTML of the page at `path` (`first_html::main_content`), kept in the public cache
/// as the busiest API answers are: it is the same for every visitor, and some pages cost
/// queries (the venue finder's list, the subsidy finder's schemes and their budgets, a vote and
/// once closed its tally). A change through this instance makes it stale at once; another
/// instance's shows within the cache's lifetime (`SAMENSTAD_PUBLIC_CACHE_MS`).
async fn first_html(
    state: &AppState,
    path: &str,
    tenant: &crate::tenant::Tenant,
    wijken: &crate::cache::WijkenSnapshot,
) -> Option<String> {
    let cache = &state.public_cache;
    let key = format!("{}{path}#first-html", tenant.id);
    if let Some(hit) = cache.get(&key, "") {
        let body = hit.body_bytes();
        return (!body.is_empty()).then(|| String::from_utf8_lossy(&body).into_owned());
    }
    let generation = cache.generation();
    let content = crate::first_html::main_content(state, path, &tenant.name, wijken).await;
    let kept = actix_web::web::Bytes::from(content.clone().unwrap_or_default());
    cache.put(&key, "", generation, crate::respond::Encoded::uncoded(kept));
    content
}

/// What `frontend/static/index.html` shows in `<main>` until the app has started; a public page
/// sends its content there instead.
const LOADING_SLOT: &str = "<p class=\"loading\">Laden…</p>";
/// The header's line in `frontend/static/index.html` (Gent's), replaced by the host's.
const TAGLINE_SLOT: &str = "Samen stad maken: de 25 wijken van Gent";

/// The footer's source of the data in `frontend/static/index.html` (Gent's), replaced by the
/// host municipality's.
const ATTRIBUTION_SLOT: &str =
    "<footer class=\"site-footer\"><p>Bron: Stad Gent – data.stad.gent</p>";
/// The template's title (Gent's) and description, replaced by the host municipality's.
const TITLE_SLOT: &str = "<title>Samenstad – de wijken van Gent</title>";
const DESCRIPTION_SLOT: &str =
    "content=\"Samenstad: de 25 wijken van Gent, wijkbudget, subsidies en buurtlokalen.\"";

/// The page's `<title>` and description for the host's municipality: a page with first HTML is
/// titled by its heading, as the app titles it ("Toreke – Samenstad"), so a search engine or a
/// link preview that runs no script names the page; others by the municipality.
fn with_head(html: String, municipality: &str, wijken: u32, content: Option<&str>) -> String {
    use quick_xml::escape::{escape, unescape};
    let heading = content
        .and_then(|c| c.split_once("<h1>"))
        .and_then(|(_, rest)| rest.split_once("</h1>"))
        .and_then(|(h1, _)| unescape(h1).ok().map(|h| h.into_owned()));
    let title = match heading {
        Some(h) => format!("{h} – Samenstad"),
        None => format!("Samenstad – de wijken van {municipality}"),
    };
    let described = match wijken {
        0 => format!("Samenstad: samen stad maken in {municipality}"),
        n => format!("Samenstad: de {n} wijken van {municipality}"),
    };
    html.replacen(
        TITLE_SLOT,
        &format!("<title>{}</title>", escape(title.as_str())),
        1,
    )
    .replacen(
        DESCRIPTION_SLOT,
        &format!(
            "content=\"{}, wijkbudget, subsidies en buurtlokalen.\"",
            escape(described.as_str())
        ),
        1,
    )
}

/// A hashed asset, precompressed when a `.br` or `.gz` twin exists and the browser accepts it.
async fn asset(req: &HttpRequest, dir: &std::path::Path, file: &str) -> HttpResponse {
    use actix_web::http::header::{self, ContentEncoding, HeaderValue};
    if file.starts_with('.') || file.contains(['/', '\\']) {
        return HttpResponse::NotFound().finish();
    }
    let path = dir.join(file);
    let mime = actix_files::file_extension_to_mime(
        path.extension().and_then(|e| e.to_str()).unwrap_or(""),
    );
    let accepts = |coding: &str| crate::etag::accepts_encoding(req, coding);
    let mut candidates = Vec::with_capacity(3);
    if accepts("br") {
        candidates.push((
            path.with_file_name(format!("{file}.br")),
            Some(ContentEncoding::Brotli),
        ));
    }
    if accepts("gzip") {
        candidates.push((
            path.with_file_name(format!("{file}.gz")),
            Some(ContentEncoding::Gzip),
        ));
    }
    candidates.push((path.clone(), None));
    for (candidate, encoding) in candidates {
        let Ok(file) = NamedFile::open_async(&candidate).await else {
            continue;
        };
        let file = file.set_content_type(mime.clone()).use_last_modified(false);
        let file = match encoding {
            Some(encoding) => file.set_content_encoding(encoding),
            None => file,
        };
        let mut response = file.into_response(req);
        let headers = response.headers_mut();
        headers.insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static("public, max-age=31536000, immutable"),
        );
        headers.insert(header::VARY, HeaderValue::from_static("Accept-Encoding"));
        return response;
    }
    HttpResponse::NotFound().finish()
}

fn web_app_missing(_req: &HttpRequest) -> HttpResponse {
    HttpResponse::ServiceUnavailable().content_type("text/plain; charset=utf-8").body(
        "Samenstad: the web app is not built. Run `just web` (or `./x run`). The API works at /api/v1 and its docs at /api/docs.",
    )
}
