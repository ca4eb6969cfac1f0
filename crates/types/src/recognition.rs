//! Recognition (erkenning) of organisations by the city: the owners' request and the decision
//! of staff of the organisation's wijk.

use serde::{Deserialize, Serialize};
use validator::Validate;

use crate::account::OrganisationKind;
use crate::vocabulary::vocabulary;

vocabulary! {
    /// Where a request for recognition stands.
    pub enum RecognitionStatus {
        /// Asked; staff of the organisation's wijk have not decided yet.
        Pending = "pending",
        /// Recognised: the organisation books rooms at the reduced tariff.
        Recognised = "recognised",
        /// Refused, with a reason the owners read.
        Refused = "refused",
    }
}

/// An owner asks the city to recognise the organisation.
#[samenstad_macros::constraints]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"motivation": "Wij organiseren sinds 2019 elke maand een buurtfeest en een repair café in de Brugse Poort."})))]
#[serde(deny_unknown_fields)]
pub struct RequestRecognition {
    /// What the organisation does and for whom: 10 to 2,000 characters.
    #[validate(length(min = 10, max = 2000, message = "must be 10 to 2000 characters"))]
    pub motivation: String,
}

/// Staff decide a request: recognise, or refuse with a reason.
#[samenstad_macros::constraints]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"recognised": false, "reason": "Een vzw buiten Gent: vraag erkenning aan bij je eigen gemeente."})))]
#[serde(deny_unknown_fields)]
pub struct DecideRecognition {
    /// Recognise (true) or refuse (false).
    pub recognised: bool,
    /// Why: required when refusing; the owners read it. At most 2,000 characters.
    #[serde(default)]
    #[validate(length(max = 2000, message = "must be at most 2000 characters"))]
    pub reason: Option<String>,
}

/// A request for recognition with the organisation it is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "id": "0193c1a0-0000-7000-8000-0000000000c1", "organisation_id": "0193c1a0-0000-7000-8000-0000000000aa",
    "organisation_name": "Buren van de Brugse Poort", "kind": "vzw", "wijknr": 4,
    "motivation": "Wij organiseren sinds 2019 elke maand een buurtfeest.", "requested_at": "2026-12-04T09:00:00+00:00",
    "status": "pending", "decided_at": null, "reason": null})))]
pub struct RecognitionRequest {
    /// Id of the request.
    pub id: String,
    /// The organisation.
    pub organisation_id: String,
    /// Its name.
    pub organisation_name: String,
    /// Its legal kind.
    pub kind: OrganisationKind,
    /// Its wijk (staff of that wijk decide).
    pub wijknr: Option<i16>,
    /// The owners' motivation.
    pub motivation: String,
    /// When it was asked (RFC 3339).
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub requested_at: String,
    /// Where it stands.
    pub status: RecognitionStatus,
    /// When staff decided (RFC 3339).
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub decided_at: Option<String>,
    /// Why (always given with a refusal).
    pub reason: Option<String>,
}

/// Filters of the recognition queue.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct RecognitionQueueQuery {
    /// Only requests with this status (default `pending`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(value_type = Option<RecognitionStatus>))]
    pub status: Option<String>,
}
