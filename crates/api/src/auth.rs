//! Authentication: Argon2id password hashing on a bounded pool, JWT access tokens with a
//! pinned algorithm, opaque refresh and one-time tokens (stored as SHA-256; a mailed one is made
//! from the mail's id when the mail is sent, see [`LinkKey`]), and the request extractors that
//! turn `Authorization: Bearer` into a caller.

use std::future::{Ready, ready};
use std::sync::Arc;

use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{FromRequest, HttpRequest, web};
use argon2::password_hash::rand_core::{OsRng, RngCore};
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::Utc;
use hmac::{Hmac, Mac};
use jsonwebtoken::{DecodingKey, EncodingKey, Header, Validation, decode, encode};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use tokio::sync::Semaphore;
use uuid::Uuid;

use crate::config::AuthConfig;
use crate::error::AppError;
use crate::state::AppState;

/// Signing algorithm of access tokens; tokens with any other `alg` are refused.
const ALGORITHM: jsonwebtoken::Algorithm = jsonwebtoken::Algorithm::HS256;

/// Claims of an access token.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Claims {
    /// Issuer.
    pub iss: String,
    /// Audience.
    pub aud: String,
    /// Subject: the account id, or `client:<id>` for API clients.
    pub sub: String,
    /// Expiry (seconds since the epoch).
    pub exp: i64,
    /// Issued at.
    pub iat: i64,
    /// Not before.
    pub nbf: i64,
    /// Token id.
    pub jti: String,
    /// The session (refresh-token family) a person's token belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sid: Option<String>,
    /// Token kind: always `access`.
    pub typ: String,
    /// Space-separated scopes (API clients).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub scope: String,
}

/// Who is calling.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Caller {
    /// A person, with the issue time of the token (tokens older than a password change die).
    User {
        id: Uuid,
        issued_at: i64,
        /// The session (refresh-token family) the token was issued for.
        session: Option<Uuid>,
    },
    /// An API client with its scopes.
    Client { id: Uuid, scopes: Vec<String> },
}

/// Keys, lifetimes and the hashing pool.
pub struct Auth {
    encoding: EncodingKey,
    decoding: DecodingKey,
    validation: Validation,
    /// Settings.
    pub config: AuthConfig,
    argon: Argon2<'static>,
    permits: Semaphore,
    dummy_hash: String,
    /// Makes the tokens of mailed one-time links.
    pub links: LinkKey,
}

/// Makes the token of a mailed one-time link (e-mail verification, password reset, invitation)
/// from the id of the outbox row that carries it: HMAC-SHA-256 under the server's secret. The
/// outbox keeps the mail with a placeholder and the link's table keeps the token's SHA-256, so
/// neither the database nor an administrator can read a live link; the mail worker puts the
/// token in when it hands the mail over.
#[derive(Clone)]
pub struct LinkKey(Hmac<Sha256>);

impl LinkKey {
    /// A key from the server's secret.
    #[expect(clippy::expect_used, reason = "HMAC takes keys of any length")]
    pub fn new(secret: &[u8]) -> Self {
        Self(Hmac::new_from_slice(secret).expect("HMAC takes keys of any length"))
    }

    /// The token of the one-time link in mail `mail_id`.
    pub fn token(&self, mail_id: Uuid) -> String {
        let mut mac = self.0.clone();
        mac.update(b"samenstad one-time link\0");
        mac.update(mail_id.as_bytes());
        URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes())
    }
}

impl std::fmt::Debug for LinkKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("LinkKey(<redacted>)")
    }
}

impl std::fmt::Debug for Auth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Auth")
            .field("issuer", &self.config.issuer)
            .finish_non_exhaustive()
    }
}

/// Random bytes as URL-safe base64 (256 bits by default).
pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

/// SHA-256 of a token, hex; what the database stores instead of the token.
pub fn token_hash(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

impl Auth {
    /// Builds the keys and the hashing pool from the settings.
    pub fn new(config: AuthConfig) -> Arc<Self> {
        let secret = config.jwt_secret();
        let mut validation = Validation::new(ALGORITHM);
        validation.algorithms = vec![ALGORITHM];
        validation.set_issuer(&[config.issuer.as_str()]);
        validation.set_audience(&[config.audience.as_str()]);
        validation.set_required_spec_claims(&["exp", "nbf", "iss", "aud", "sub"]);
        validation.validate_nbf = true;
        validation.leeway = 5;
        // OWASP: Argon2id, m = 19 MiB, t = 2, p = 1.
        let params = Params::new(config.argon2_memory_kib, config.argon2_iterations, 1, None)
            .unwrap_or_else(|_| Params::default());
        let argon = Argon2::new(Algorithm::Argon2id, Version::V0x13, params);
        let dummy_hash = argon
            .hash_password(b"timing equaliser", &SaltString::generate(&mut OsRng))
            .map(|h| h.to_string())
            .unwrap_or_default();
        Arc::new(Self {
            encoding: EncodingKey::from_secret(&secret),
            decoding: DecodingKey::from_secret(&secret),
            validation,
            permits: Semaphore::new(config.hash_concurrency.max(1)),
            links: LinkKey::new(&secret),
            config,
            argon,
            dummy_hash,
        })
    }

    /// Hashes a password (Argon2id) on the blocking pool, at most `hash_concurrency` at a time.
    pub async fn hash_password(self: &Arc<Self>, password: String) -> Result<String, AppError> {
        let _permit = self
            .permits
            .acquire()
            .await
            .map_err(|e| AppError::Internal(e.to_string()))?;
        let this = self.clone();
        web::block(move || {
            this.argon
                .hash_password(password.as_bytes(), &SaltString::generate(&mut OsRng))
                .map(|h| h.to_string())
                .map_err(|e| AppError::Internal(e.to_string()))
        })
        .await?
    }

    /// Verifies a password; with no stored hash a dummy hash is checked so timing does not
    /// reveal whether an account exists.
    pub async fn verify_password(
        self: &Arc<Self>,
        password: String,
        stored: Option<String>,
    ) -> Result<bool, AppError> {
        let _permit = self
            .permits
            .acquire()
            .await
            .map_err(|e| AppError::Internal(e.to_string()))?;
        let this = self.clone();
        web::block(move || {
            let exists = stored.is_some();
            let hash = stored.unwrap_or_else(|| this.dummy_hash.clone());
            let parsed = PasswordHash::new(&hash).map_err(|e| AppError::Internal(e.to_string()))?;
            let ok = this
                .argon
                .verify_password(password.as_bytes(), &parsed)
                .is_ok();
            Ok(exists && ok)
        })
        .await?
    }

    /// Issues an access token for a subject.
    pub fn issue_access(
        &self,
        sub: String,
        scope: String,
        session: Option<Uuid>,
    ) -> Result<(String, i64), AppError> {
        let now = Utc::now().timestamp();
        let ttl = self.config.access_ttl_s;
        let claims = Claims {
            iss: self.config.issuer.clone(),
            aud: self.config.audience.clone(),
            sub,
            exp: now + ttl,
            iat: now,
            nbf: now,
            jti: Uuid::new_v4().to_string(),
            sid: session.map(|s| s.to_string()),
            typ: "access".to_owned(),
            scope,
        };
        let token = encode(&Header::new(ALGORITHM), &claims, &self.encoding)
            .map_err(|e| AppError::Internal(e.to_string()))?;
        Ok((token, ttl))
    }

    /// Verifies an access token and returns its caller.
    pub fn verify_access(&self, token: &str) -> Result<Caller, AppError> {
        let invalid =
            || AppError::Unauthorized("the access token is invalid or expired".to_owned());
        let data =
            decode::<Claims>(token, &self.decoding, &self.validation).map_err(|_| invalid())?;
        let claims = data.claims;
        if claims.typ != "access"
            || claims.jti.is_empty()
            || claims.iat > Utc::now().timestamp() + 5
        {
            return Err(invalid());
        }
        match claims.sub.strip_prefix("client:") {
            Some(id) => Ok(Caller::Client {
                id: id.parse().map_err(|_| invalid())?,
                scopes: claims.scope.split_whitespace().map(str::to_owned).collect(),
            }),
            None => Ok(Caller::User {
                id: claims.sub.parse().map_err(|_| invalid())?,
                issued_at: claims.iat,
                session: claims.sid.and_then(|s| s.parse().ok()),
            }),
        }
    }
}

fn bearer(req: &HttpRequest) -> Result<Option<Caller>, AppError> {
    let Some(value) = req.headers().get(header::AUTHORIZATION) else {
        return Ok(None);
    };
    let value = value
        .to_str()
        .map_err(|_| AppError::Unauthorized("malformed Authorization header".to_owned()))?;
    let token = value
        .strip_prefix("Bearer ")
        .or_else(|| value.strip_prefix("bearer "))
        .ok_or_else(|| AppError::Unauthorized("use `Authorization: Bearer <token>`".to_owned()))?;
    let state = req
        .app_data::<web::Data<AppState>>()
        .ok_or_else(|| AppError::Internal("state missing".to_owned()))?;
    state.auth.verify_access(token.trim()).map(Some)
}

/// A caller that must be authenticated (person or API client).
#[derive(Debug, Clone)]
pub struct Authenticated(pub Caller);

impl FromRequest for Authenticated {
    type Error = AppError;
    type Future = Ready<Result<Self, AppError>>;
    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(bearer(req).and_then(|c| {
            c.map(Authenticated)
                .ok_or_else(|| AppError::Unauthorized("log in first".to_owned()))
        }))
    }
}

/// A caller that must be a person (not an API client).
#[derive(Debug, Clone, Copy)]
pub struct UserCaller {
    /// Account id.
    pub id: Uuid,
    /// When the token was issued.
    pub issued_at: i64,
    /// The session the token belongs to (none for tokens made before sessions were named).
    pub session: Option<Uuid>,
}

impl FromRequest for UserCaller {
    type Error = AppError;
    type Future = Ready<Result<Self, AppError>>;
    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(match bearer(req) {
            Ok(Some(Caller::User {
                id,
                issued_at,
                session,
            })) => Ok(UserCaller {
                id,
                issued_at,
                session,
            }),
            Ok(Some(Caller::Client { .. })) => Err(AppError::Forbidden(
                "this endpoint is for people, not API clients".to_owned(),
            )),
            Ok(None) => Err(AppError::Unauthorized("log in first".to_owned())),
            Err(e) => Err(e),
        })
    }
}

/// An optional caller; a presented but invalid token is still refused.
#[derive(Debug, Clone)]
pub struct MaybeCaller(pub Option<Caller>);

impl FromRequest for MaybeCaller {
    type Error = AppError;
    type Future = Ready<Result<Self, AppError>>;
    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(bearer(req).map(MaybeCaller))
    }
}
