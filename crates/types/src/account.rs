//! Accounts, sessions, organisations, roles, API clients and the audit log.

use serde::{Deserialize, Serialize};
use validator::Validate;

use crate::vocabulary::vocabulary;

/// Interface language of a person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Language {
    /// Nederlands.
    #[default]
    Nl,
    /// English.
    En,
}

impl Language {
    /// The wire code.
    pub fn as_str(self) -> &'static str {
        match self {
            Language::Nl => "nl",
            Language::En => "en",
        }
    }
    /// Parses the wire code.
    pub fn parse(code: &str) -> Option<Self> {
        match code {
            "nl" => Some(Language::Nl),
            "en" => Some(Language::En),
            _ => None,
        }
    }
}

/// A new account.
#[samenstad_macros::constraints]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"email": "an@example.org", "password": "lange zin als wachtwoord", "display_name": "An", "preferred_language": "nl"})))]
pub struct RegisterRequest {
    /// E-mail address; a verification link is sent to it.
    #[validate(
        email(message = "must be an e-mail address"),
        length(max = 254, message = "must be at most 254 characters")
    )]
    pub email: String,
    /// Password: 12 to 128 characters.
    #[validate(length(min = 12, max = 128, message = "must be 12 to 128 characters"))]
    pub password: String,
    /// Name shown to others.
    #[validate(length(min = 1, max = 100, message = "must be 1 to 100 characters"))]
    pub display_name: String,
    /// Interface and e-mail language.
    #[serde(default)]
    pub preferred_language: Language,
}

/// E-mail and password.
#[samenstad_macros::constraints]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"email": "an@example.org", "password": "lange zin als wachtwoord"})))]
pub struct LoginRequest {
    /// E-mail address of the account.
    #[validate(length(min = 3, max = 254, message = "must be an e-mail address"))]
    pub email: String,
    /// Password.
    #[validate(length(min = 1, max = 128, message = "must be 1 to 128 characters"))]
    pub password: String,
}

/// A one-time token from a link in an e-mail.
#[samenstad_macros::constraints]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"token": "q3v2k7X1p0..."})))]
pub struct TokenRequest {
    /// The token from the link.
    #[validate(length(min = 16, max = 200, message = "is not a valid token"))]
    pub token: String,
}

/// A refresh token, for clients that cannot use the cookie.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RefreshRequest {
    /// The refresh token; when absent the `samenstad_refresh` cookie is used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refresh_token: Option<String>,
}

/// Tokens after a login or refresh.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"access_token": "eyJhbGciOiJIUzI1NiJ9...", "token_type": "Bearer", "expires_in": 900, "refresh_token": "Zq...", "user": {"id": "0193c1a0-0000-7000-8000-000000000001", "email": "an@example.org", "email_verified": true, "display_name": "An", "preferred_language": "nl", "roles": [], "organisations": []}})))]
pub struct Session {
    /// JWT access token for `Authorization: Bearer`.
    pub access_token: String,
    /// Always `Bearer`.
    pub token_type: String,
    /// Seconds until the access token expires.
    pub expires_in: i64,
    /// The refresh token (also set as an HttpOnly cookie). Rotated on every use.
    pub refresh_token: String,
    /// Who is logged in.
    pub user: Me,
}

/// Client-credentials token request (OAuth 2.0, RFC 6749 §4.4).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"grant_type": "client_credentials", "client_id": "sc_1f2e3d", "client_secret": "s3cr3t..."})))]
pub struct ClientCredentialsRequest {
    /// Must be `client_credentials`.
    #[cfg_attr(feature = "openapi", schema(pattern = "^client_credentials$"))]
    pub grant_type: String,
    /// The client id.
    pub client_id: String,
    /// The client secret.
    pub client_secret: String,
}

/// Access token for an API client.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"access_token": "eyJhbGciOiJIUzI1NiJ9...", "token_type": "Bearer", "expires_in": 900, "scope": "read"})))]
pub struct ClientToken {
    /// JWT access token.
    pub access_token: String,
    /// Always `Bearer`.
    pub token_type: String,
    /// Seconds until it expires.
    pub expires_in: i64,
    /// Granted scopes, space-separated.
    pub scope: String,
}

vocabulary! {
    /// A staff role of an account (residents have none).
    pub enum Role {
        /// Everything, everywhere.
        Admin = "admin",
        /// Runs the wijkbudget programmes and the subsidy schemes city-wide.
        ProgrammeAdmin = "programme_admin",
        /// Staff of one wijk (the assignment names it).
        WijkStaff = "wijk_staff",
        /// Manages one venue (the assignment names it).
        VenueManager = "venue_manager",
        /// Scores the applications of one subsidy scheme.
        JuryMember = "jury_member",
        /// Sits on one lottery panel.
        PanelMember = "panel_member",
        /// Staff of one city service: answers the signals routed to it.
        ServiceStaff = "service_staff",
        /// The secretary or chair of one advisory council: publishes its advice.
        CouncilStaff = "council_staff",
    }
}

/// A role with its scope.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"id": "0193c1a0-0000-7000-8000-000000000009", "role": "wijk_staff", "wijknr": 2, "scope_id": null})))]
pub struct RoleAssignment {
    /// Id of the assignment.
    pub id: String,
    /// The role.
    pub role: Role,
    /// For `wijk_staff`: the wijk it is scoped to.
    pub wijknr: Option<i16>,
    /// For `venue_manager`, `jury_member`, `panel_member`: the venue, jury or panel.
    pub scope_id: Option<String>,
}

/// A role to grant.
#[samenstad_macros::constraints]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"role": "wijk_staff", "wijknr": 2})))]
pub struct GrantRole {
    /// `admin`, `programme_admin`, `wijk_staff`, `venue_manager`, `jury_member` or `panel_member`.
    #[cfg_attr(feature = "openapi", schema(value_type = Role))]
    pub role: String,
    /// Required for `wijk_staff`.
    #[serde(default)]
    pub wijknr: Option<i16>,
    /// Required for `venue_manager`, `jury_member`, `panel_member` (a UUID).
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(format = Uuid))]
    pub scope_id: Option<String>,
}

vocabulary! {
    /// The role of an account in an organisation.
    pub enum MemberRole {
        /// Manages the organisation: invites and removes members.
        Owner = "owner",
        /// A member.
        Member = "member",
    }
}

/// An organisation the person belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Membership {
    /// Organisation id.
    pub organisation_id: String,
    /// Organisation name.
    pub name: String,
    /// `owner` or `member`.
    pub role: MemberRole,
    /// Whether the city recognised the organisation (reduced venue tariffs).
    #[serde(default)]
    pub recognised: bool,
}

/// The logged-in person.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"id": "0193c1a0-0000-7000-8000-000000000001", "email": "an@example.org", "email_verified": true, "display_name": "An", "preferred_language": "nl", "roles": [], "organisations": []})))]
pub struct Me {
    /// Account id.
    pub id: String,
    /// E-mail address.
    pub email: String,
    /// Whether the address was verified through the mailed link.
    pub email_verified: bool,
    /// Name shown to others.
    pub display_name: String,
    /// Interface and e-mail language.
    pub preferred_language: Language,
    /// Roles beyond resident.
    pub roles: Vec<RoleAssignment>,
    /// Organisations the person belongs to.
    pub organisations: Vec<Membership>,
}

/// A session in which the account is logged in (a browser or an app), from its login on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"id": "0193c1a0-0000-7000-8000-00000000000a", "started_at": "2026-12-01T08:00:00+00:00", "renewed_at": "2026-12-04T09:10:00+00:00", "expires_at": "2027-01-03T09:10:00+00:00", "current": true})))]
pub struct SessionInfo {
    /// Id of the session.
    pub id: String,
    /// When it began: the login.
    pub started_at: String,
    /// When it was last renewed (the app renews it while in use).
    pub renewed_at: String,
    /// When it ends unless renewed.
    pub expires_at: String,
    /// Whether this is the session of the request.
    pub current: bool,
}

/// How many sessions were ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"ended": 2})))]
pub struct SessionsEnded {
    /// Sessions ended.
    pub ended: usize,
}

/// Changes to one's own account.
#[samenstad_macros::constraints]
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"display_name": "An V.", "preferred_language": "en"})))]
pub struct UpdateMe {
    /// New display name.
    #[validate(length(min = 1, max = 100, message = "must be 1 to 100 characters"))]
    #[serde(default)]
    pub display_name: Option<String>,
    /// New language.
    #[serde(default)]
    pub preferred_language: Option<Language>,
}

/// Password change.
#[samenstad_macros::constraints]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"current_password": "oude lange zin", "new_password": "nieuwe lange zin als wachtwoord"})))]
pub struct ChangePassword {
    /// The current password.
    #[validate(length(min = 1, max = 128, message = "must be 1 to 128 characters"))]
    pub current_password: String,
    /// The new password: 12 to 128 characters.
    #[validate(length(min = 12, max = 128, message = "must be 12 to 128 characters"))]
    pub new_password: String,
}

/// Start of a password reset.
#[samenstad_macros::constraints]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"email": "an@example.org"})))]
pub struct PasswordResetRequest {
    /// E-mail address of the account.
    #[validate(length(min = 3, max = 254, message = "must be an e-mail address"))]
    pub email: String,
}

/// End of a password reset.
#[samenstad_macros::constraints]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"token": "q3v2k7X1p0...", "new_password": "nieuwe lange zin als wachtwoord"})))]
pub struct PasswordResetConfirm {
    /// The token from the mailed link.
    #[validate(length(min = 16, max = 200, message = "is not a valid token"))]
    pub token: String,
    /// The new password: 12 to 128 characters.
    #[validate(length(min = 12, max = 128, message = "must be 12 to 128 characters"))]
    pub new_password: String,
}

/// Confirmation for erasing one's account.
#[samenstad_macros::constraints]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"password": "lange zin als wachtwoord"})))]
pub struct DeleteMe {
    /// The current password.
    #[validate(length(min = 1, max = 128, message = "must be 1 to 128 characters"))]
    pub password: String,
}

vocabulary! {
    /// The legal kind of an organisation.
    pub enum OrganisationKind {
        /// A group of residents without legal form.
        Bewonersgroep = "bewonersgroep",
        /// A feitelijke vereniging (an association without legal personality).
        FeitelijkeVereniging = "feitelijke_vereniging",
        /// A vzw (non-profit association).
        Vzw = "vzw",
        /// A school.
        School = "school",
        /// Another kind.
        Other = "other",
    }
}

/// An organisation (bewonersgroep, vereniging …).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"id": "0193c1a0-0000-7000-8000-0000000000aa", "name": "Bewonersgroep Rabot", "kind": "bewonersgroep", "wijknr": 7, "description": "", "website": null, "recognised": false, "recognised_at": null})))]
pub struct Organisation {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Its legal kind.
    pub kind: OrganisationKind,
    /// Home wijk, if any.
    pub wijknr: Option<i16>,
    /// What the organisation does.
    pub description: String,
    /// Website.
    pub website: Option<String>,
    /// Recognised (erkend) by the city: gives reduced venue tariffs.
    pub recognised: bool,
    /// When it was recognised (RFC 3339).
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub recognised_at: Option<String>,
}

/// A new organisation; the creator becomes its owner.
#[samenstad_macros::constraints]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"name": "Bewonersgroep Rabot", "kind": "bewonersgroep", "wijknr": 7})))]
pub struct CreateOrganisation {
    /// Name: 2 to 200 characters.
    #[validate(length(min = 2, max = 200, message = "must be 2 to 200 characters"))]
    pub name: String,
    /// Its legal kind.
    #[cfg_attr(feature = "openapi", schema(value_type = OrganisationKind))]
    pub kind: String,
    /// Home wijk.
    #[serde(default)]
    pub wijknr: Option<i16>,
    /// What the organisation does.
    #[serde(default)]
    #[validate(length(max = 4000, message = "must be at most 4000 characters"))]
    pub description: Option<String>,
    /// Website (http or https).
    #[serde(default)]
    #[validate(url(message = "must be a URL"))]
    pub website: Option<String>,
}

/// An invitation to join an organisation.
#[samenstad_macros::constraints]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"email": "jo@example.org", "role": "member"})))]
pub struct InviteMember {
    /// Address the invitation is mailed to.
    #[validate(email(message = "must be an e-mail address"))]
    pub email: String,
    /// `owner` or `member` (the default).
    #[serde(default = "member_role")]
    #[cfg_attr(feature = "openapi", schema(value_type = MemberRole))]
    pub role: String,
}

fn member_role() -> String {
    "member".to_owned()
}

/// A sent invitation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Invitation {
    /// Id.
    pub id: String,
    /// Organisation id.
    pub organisation_id: String,
    /// Role on acceptance.
    pub role: MemberRole,
    /// Expiry (RFC 3339).
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub expires_at: String,
}

/// A member of an organisation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"user_id": "0193c1a0-0000-7000-8000-000000000001", "display_name": "An", "role": "owner"})))]
pub struct Member {
    /// Account id.
    pub user_id: String,
    /// Display name.
    pub display_name: String,
    /// `owner` or `member`.
    pub role: MemberRole,
}

/// Recognition (erkenning) of an organisation by the city.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"recognised": true})))]
pub struct SetRecognition {
    /// Recognised or not.
    pub recognised: bool,
}

/// A new API client.
#[samenstad_macros::constraints]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"name": "Wijkwebsite Rabot", "scopes": ["read"]})))]
pub struct CreateApiClient {
    /// Who uses it.
    #[validate(length(min = 1, max = 200, message = "must be 1 to 200 characters"))]
    pub name: String,
    /// Scopes besides `read` (which every client has): `residence:write` lets a city register
    /// record where residents live (the right to vote in a wijk).
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<ApiScope>))]
    pub scopes: Vec<String>,
}

vocabulary! {
    /// A scope an API client can be given.
    pub enum ApiScope {
        /// Read the open data (every client has it).
        Read = "read",
        /// Record where residents live (the right to vote in a wijk): for a city register.
        ResidenceWrite = "residence:write",
        /// Post signals through Open311 GeoReport v2 (`POST /open311/v2/requests.json`, with the
        /// client secret as `api_key`): for another city system or app.
        SignalsWrite = "signals:write",
    }
}

/// An API client; `client_secret` only in the response that created it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"id": "0193c1a0-0000-7000-8000-0000000000cc", "client_id": "sc_5b1d2e0f9a", "name": "Wijkwebsite Rabot", "scopes": ["read"], "client_secret": "only-shown-once", "revoked": false})))]
pub struct ApiClient {
    /// Id.
    pub id: String,
    /// Public client id.
    pub client_id: String,
    /// Name.
    pub name: String,
    /// Scopes.
    pub scopes: Vec<ApiScope>,
    /// The secret: shown once, when the client is created; store it safely.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_secret: Option<String>,
    /// Whether it was revoked.
    pub revoked: bool,
}

/// An audit log entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"id": 42, "occurred_at": "2026-11-23T10:00:00Z", "actor_user_id": "0193c1a0-0000-7000-8000-000000000001", "actor_client_id": null, "action": "role.granted", "object_type": "user", "object_id": "0193c1a0-0000-7000-8000-000000000002", "details": {"role": "wijk_staff", "wijknr": 2}})))]
pub struct AuditEntry {
    /// Sequence number.
    pub id: i64,
    /// When (RFC 3339).
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub occurred_at: String,
    /// Acting account.
    pub actor_user_id: Option<String>,
    /// Acting API client.
    pub actor_client_id: Option<String>,
    /// What happened, e.g. `auth.login_failed`, `role.granted`.
    pub action: String,
    /// Kind of object acted on.
    pub object_type: Option<String>,
    /// Id of that object.
    pub object_id: Option<String>,
    /// Details (never passwords, tokens or e-mail addresses).
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub details: serde_json::Value,
}

crate::page::page!(
    /// A page of organisations.
    OrganisationPage = Page<Organisation>,
    "A page of organisations.",
    "Organisations ordered by name."
);

/// Paging of the organisation list.
#[samenstad_macros::constraints]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct ListOrganisationsQuery {
    /// Page size, 1–100 (default 20).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(range(min = 1, max = 100, message = "must be 1 to 100"))]
    #[cfg_attr(feature = "openapi", param(example = 20))]
    pub limit: Option<i64>,
    /// `next_cursor` of the previous page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(min = 1, message = "must not be empty"))]
    pub cursor: Option<String>,
}

crate::page::page!(
    /// A page of audit entries, newest first.
    AuditPage = Page<AuditEntry>,
    "A page of audit entries, newest first.",
    "Entries."
);

/// Filters of the audit log.
#[samenstad_macros::constraints]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct ListAuditQuery {
    /// Only this action (e.g. `auth.login_failed`).
    #[serde(default)]
    #[validate(length(max = 100, message = "must be at most 100 characters"))]
    pub action: Option<String>,
    /// Only entries by this account (UUID).
    #[serde(default)]
    pub actor: Option<String>,
    /// Only entries about this object id.
    #[serde(default)]
    #[validate(length(max = 100, message = "must be at most 100 characters"))]
    pub object_id: Option<String>,
    /// Page size, 1–100 (default 20).
    #[serde(default)]
    #[validate(range(min = 1, max = 100, message = "must be 1 to 100"))]
    #[cfg_attr(feature = "openapi", param(example = 20))]
    pub limit: Option<i64>,
    /// `next_cursor` of the previous page.
    #[serde(default)]
    #[validate(length(min = 1, message = "must not be empty"))]
    pub cursor: Option<String>,
}

/// Filters of the audit log's CSV download (the newest 10,000 matching entries).
#[samenstad_macros::constraints]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct AuditExportQuery {
    /// Only this action (e.g. `auth.login_failed`).
    #[serde(default)]
    #[validate(length(max = 100, message = "must be at most 100 characters"))]
    pub action: Option<String>,
    /// Only entries by this account (UUID).
    #[serde(default)]
    pub actor: Option<String>,
    /// Only entries about this object id.
    #[serde(default)]
    #[validate(length(max = 100, message = "must be at most 100 characters"))]
    pub object_id: Option<String>,
}

vocabulary! {
    /// Where a mail in the outbox stands.
    pub enum MailStatus {
        /// Queued.
        Pending = "pending",
        /// Claimed by the worker (a crash leaves it here: sent at most once).
        Sending = "sending",
        /// Handed to the SMTP server.
        Sent = "sent",
        /// Not sent: no SMTP server is configured (admins can pass its link on).
        NotSent = "not_sent",
        /// The SMTP server refused it.
        Failed = "failed",
    }
}

/// A mail in the outbox (admins only).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"id": "0193c1a0-0000-7000-8000-0000000000dd", "to": "an@example.org", "template": "verify_email", "subject": "Bevestig je e-mailadres", "body": "…", "status": "not_sent", "created_at": "2026-11-23T10:00:00Z"})))]
pub struct OutboxMail {
    /// Id.
    pub id: String,
    /// Recipient.
    pub to: String,
    /// Template, e.g. `verify_email`, `reset_password`, `organisation_invitation`.
    pub template: String,
    /// Subject.
    pub subject: String,
    /// Plain-text body (contains the link).
    pub body: String,
    /// `pending`, `sending`, `sent`, `not_sent` (no SMTP configured) or `failed`.
    pub status: MailStatus,
    /// When it was queued (RFC 3339).
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub created_at: String,
}

/// Filters of the outbox.
#[samenstad_macros::constraints]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct ListOutboxQuery {
    /// Only mails to this address.
    #[serde(default)]
    #[validate(length(min = 1, message = "must not be empty"))]
    pub to: Option<String>,
}

/// Everything stored about the caller (GDPR art. 15 and 20).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MeExport {
    /// The account.
    pub account: Me,
    /// When the account was created (RFC 3339).
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub created_at: String,
    /// When the e-mail address was verified.
    pub email_verified_at: Option<String>,
    /// When the password was last changed.
    pub password_changed_at: String,
    /// Active and past sessions (no token values).
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<Object>))]
    pub sessions: Vec<serde_json::Value>,
    /// Mails sent to the person.
    pub mails: Vec<OutboxMail>,
    /// Invitations addressed to the person's e-mail.
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<Object>))]
    pub invitations: Vec<serde_json::Value>,
    /// Audit entries where the person acted or was acted upon.
    pub audit: Vec<AuditEntry>,
    /// Signals the person reported (with the text and point as they gave them).
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<Object>))]
    #[serde(default)]
    pub signals: Vec<serde_json::Value>,
    /// What the person follows, and how they hear of it.
    #[serde(default)]
    pub follows: Vec<crate::follows::Follow>,
    /// Lines waiting for the person's next weekly digest.
    #[serde(default)]
    pub digest_lines_waiting: i64,
    /// Every other record that refers to the person, table by table: organisations, bookings
    /// and series, ideas and supports, ballots, the residence record, subsidy applications,
    /// co-signatures, files, … (found through the database's foreign keys, so none is left
    /// out; hashes and tokens are not shown).
    #[serde(default)]
    pub records: Vec<PersonalRecords>,
}

/// The rows of one table that refer to the person through one column.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"table": "booking", "column": "requester_id", "rows": [{"id": "0193…", "purpose": "Buurtvergadering", "status": "approved"}]})))]
pub struct PersonalRecords {
    /// The table.
    pub table: String,
    /// The column that names the person.
    pub column: String,
    /// The rows, as stored (without secrets). Where the person only acted on someone else's row
    /// (`column` is `…_by` or `actor_id`: a booking they decided, a ballot they entered), only
    /// the row's `id`, that column and its times (`…_at`).
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<Object>))]
    pub rows: Vec<serde_json::Value>,
}
