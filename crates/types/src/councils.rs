//! Advisory councils (adviesraden): the councils the gemeenteraad recognises, the advice the city
//! asks of them (public from the start), their advice and the city's response to each advice.

use serde::{Deserialize, Serialize};
use validator::Validate;

use crate::vocabulary::vocabulary;

vocabulary! {
    /// How the city groups its councils.
    pub enum CouncilKind {
        /// A council with a specific expertise (culture, spatial planning, health …).
        Expertise = "expertise",
        /// A council that speaks for a group of Gentenaars (youth, seniors …).
        TargetGroup = "target_group",
    }
}

vocabulary! {
    /// What the city did with an advice.
    pub enum AdviceResponse {
        /// Followed.
        Followed = "followed",
        /// Partly followed; the reason says what not and why.
        PartlyFollowed = "partly_followed",
        /// Not followed; the reason says why.
        NotFollowed = "not_followed",
    }
}

vocabulary! {
    /// Where an advice request stands.
    pub enum AdviceRequestStatus {
        /// Before the deadline, not every council asked has answered.
        Open = "open",
        /// Every council asked has published its advice, or the deadline passed.
        Closed = "closed",
    }
}

/// An advisory council.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "id": "0193c1a0-0000-7000-8000-00000000c007", "key": "jeugdraad", "name": "Jeugdraad", "kind": "target_group",
    "description": "", "contact_name": "Sara Claes", "contact_email": "jeugdraad@stad.gent", "requests": 2})))]
pub struct AdvisoryCouncil {
    /// Id (the scope of a `council_staff` role).
    pub id: String,
    /// Its key.
    pub key: String,
    /// Its name.
    pub name: String,
    /// Expertise or target group.
    pub kind: CouncilKind,
    /// What it is about.
    pub description: String,
    /// Its support contact at the city.
    pub contact_name: Option<String>,
    /// How to reach that contact.
    pub contact_email: Option<String>,
    /// How many advice requests it was asked.
    pub requests: i64,
}

/// An administrator sets a council's description and support contact.
#[samenstad_macros::constraints]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"description": "Adviseert over jeugdbeleid.", "contact_name": "Sara Claes", "contact_email": "jeugdraad@stad.gent"})))]
#[serde(deny_unknown_fields)]
pub struct UpdateCouncil {
    /// What it is about, up to 2,000 characters.
    #[validate(length(max = 2000, message = "must be at most 2000 characters"))]
    pub description: String,
    /// The support contact's name.
    #[serde(default)]
    #[validate(length(min = 2, max = 200, message = "must be 2 to 200 characters"))]
    pub contact_name: Option<String>,
    /// The support contact's e-mail address.
    #[serde(default)]
    #[validate(
        email(message = "must be an e-mail address"),
        length(max = 254, message = "must be at most 254 characters")
    )]
    pub contact_email: Option<String>,
}

/// A service or the gemeenteraad asks councils for advice.
#[samenstad_macros::constraints]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "subject": "Ontwerp van het wijkbudget 2027", "question": "Hoe kan het wijkbudget meer jongeren bereiken?",
    "requested_by": "Dienst Beleidsparticipatie", "documents": ["https://stad.gent/ontwerpnota-wijkbudget.pdf"],
    "deadline": "2027-01-15", "councils": ["jeugdraad", "seniorenraad"]})))]
#[serde(deny_unknown_fields)]
pub struct NewAdviceRequest {
    /// The subject, 5 to 200 characters.
    #[validate(length(min = 5, max = 200, message = "must be 5 to 200 characters"))]
    pub subject: String,
    /// What is asked, 10 to 10,000 characters.
    #[validate(length(min = 10, max = 10000, message = "must be 10 to 10000 characters"))]
    pub question: String,
    /// Who asks: a city service, the college or the gemeenteraad.
    #[validate(length(min = 2, max = 200, message = "must be 2 to 200 characters"))]
    pub requested_by: String,
    /// Links to the documents (http or https), at most 10.
    #[serde(default)]
    #[validate(length(max = 10, message = "at most 10 documents"))]
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<DocumentLink>))]
    pub documents: Vec<String>,
    /// The day by which the councils answer (ISO 8601 date, at least a week from today).
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    pub deadline: String,
    /// The councils asked (their keys), at least one.
    #[validate(length(min = 1, max = 20, message = "ask 1 to 20 councils"))]
    pub councils: Vec<String>,
}

/// A council publishes its advice.
#[samenstad_macros::constraints]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"text": "De Jeugdraad vraagt een apart budget voor projecten van jongeren.", "document_url": "https://jeugdraad.be/advies-wijkbudget.pdf"})))]
#[serde(deny_unknown_fields)]
pub struct PublishAdvice {
    /// The advice, 10 to 20,000 characters.
    #[validate(length(min = 10, max = 20000, message = "must be 10 to 20000 characters"))]
    pub text: String,
    /// A link to the advice as a document (http or https).
    #[serde(default)]
    #[validate(
        url(message = "must be a link"),
        length(max = 500, message = "must be at most 500 characters")
    )]
    pub document_url: Option<String>,
}

/// The city records what it did with an advice, always with the reason.
#[samenstad_macros::constraints]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"response": "partly_followed", "reason": "Er komt een oproep voor jongeren; een apart budget kan pas vanaf 2028."})))]
#[serde(deny_unknown_fields)]
pub struct RespondToAdvice {
    /// Followed, partly followed or not followed.
    pub response: AdviceResponse,
    /// Why, 2 to 4,000 characters, public.
    #[validate(length(min = 2, max = 4000, message = "must be 2 to 4000 characters"))]
    pub reason: String,
}

/// A council's part of a request: its advice once published, and the city's response.
/// (`CouncilAdvice` in the OpenAPI document: the jury's advice on a grant is `Advice`.)
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(as = CouncilAdvice))]
pub struct Advice {
    /// The council's key.
    pub council: String,
    /// The council's name.
    pub council_name: String,
    /// The advice (null until published).
    pub text: Option<String>,
    /// A link to the advice as a document.
    pub document_url: Option<String>,
    /// When it was published (RFC 3339).
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub published_at: Option<String>,
    /// What the city did with it.
    pub response: Option<AdviceResponse>,
    /// Why.
    pub response_reason: Option<String>,
    /// When the city responded (RFC 3339).
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub responded_at: Option<String>,
}

/// An advice request with the councils asked and their advice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "id": "0193c1a0-0000-7000-8000-0000000000f1", "subject": "Ontwerp van het wijkbudget 2027",
    "question": "Hoe kan het wijkbudget meer jongeren bereiken?", "requested_by": "Dienst Beleidsparticipatie",
    "documents": ["https://stad.gent/ontwerpnota-wijkbudget.pdf"], "deadline": "2027-01-15", "status": "open",
    "created_at": "2026-12-04T10:00:00+00:00", "advice": [{"council": "jeugdraad", "council_name": "Jeugdraad", "text": null,
    "document_url": null, "published_at": null, "response": null, "response_reason": null, "responded_at": null}]})))]
pub struct AdviceRequest {
    /// Id.
    pub id: String,
    /// The subject.
    pub subject: String,
    /// What is asked.
    pub question: String,
    /// Who asks.
    pub requested_by: String,
    /// Links to the documents.
    pub documents: Vec<String>,
    /// The deadline (ISO 8601 date).
    #[cfg_attr(feature = "openapi", schema(format = Date))]
    pub deadline: String,
    /// Open until every council answered or the deadline passed.
    pub status: AdviceRequestStatus,
    /// When it was published (RFC 3339).
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub created_at: String,
    /// Each council asked, with its advice and the city's response.
    pub advice: Vec<Advice>,
}

crate::page::page!(
    /// A page of advice requests.
    AdviceRequestPage = Page<AdviceRequest>,
    "A page of advice requests.",
    "Advice requests, newest first."
);

/// Filters of the list of advice requests.
#[samenstad_macros::constraints]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct AdviceRequestQuery {
    /// Only requests to this council (its key).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(min = 1, message = "must not be empty"))]
    pub council: Option<String>,
    /// Page size, 1–100 (default 20).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(range(min = 1, max = 100, message = "must be 1 to 100"))]
    #[cfg_attr(feature = "openapi", param(example = 20))]
    pub limit: Option<i64>,
    /// The `next_cursor` of the previous page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(min = 1, message = "must not be empty"))]
    pub cursor: Option<String>,
}

/// A link to a document in the OpenAPI document: http or https, at most 500 characters (the
/// handler checks both; the pattern bounds the length, as a named schema cannot).
#[cfg(feature = "openapi")]
#[derive(utoipa::ToSchema)]
#[schema(value_type = String, pattern = r"^https?://[\s\S]{0,492}$")]
pub struct DocumentLink(#[allow(dead_code, reason = "only its schema is used")] String);
