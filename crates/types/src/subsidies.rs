//! Subsidies: schemes (their rules are data), applications, jury reviews, decisions, payments,
//! final reports, the public list of awards and the programme dashboard.
//!
//! Amounts are whole euro cents; dates are ISO 8601 (`YYYY-MM-DD`).

use serde::{Deserialize, Serialize};
use validator::Validate;

use crate::vocabulary::vocabulary;

vocabulary! {
    /// A scheme's status: `test_phase` schemes take applications like `active` ones.
    pub enum SchemeStatus {
        /// Takes applications.
        Active = "active",
        /// Takes applications while the city tries the scheme out.
        TestPhase = "test_phase",
        /// Closed; kept for the record (and replaced by another scheme, if any).
        Archived = "archived",
    }
}

vocabulary! {
    /// Who can apply: the kinds of organisation, or `person` (an individual without
    /// organisation).
    pub enum ApplicantKind {
        /// A group of residents without legal form.
        Bewonersgroep = "bewonersgroep",
        /// A feitelijke vereniging (an association without legal personality).
        FeitelijkeVereniging = "feitelijke_vereniging",
        /// A vzw (non-profit association).
        Vzw = "vzw",
        /// A school.
        School = "school",
        /// Another kind of organisation.
        Other = "other",
        /// An individual, without organisation.
        Person = "person",
    }
}

impl From<crate::account::OrganisationKind> for ApplicantKind {
    fn from(kind: crate::account::OrganisationKind) -> Self {
        use crate::account::OrganisationKind as K;
        match kind {
            K::Bewonersgroep => Self::Bewonersgroep,
            K::FeitelijkeVereniging => Self::FeitelijkeVereniging,
            K::Vzw => Self::Vzw,
            K::School => Self::School,
            K::Other => Self::Other,
        }
    }
}

vocabulary! {
    /// Where an application is in its life (`samenstad_domain::subsidy::transition` says which
    /// step is allowed); the values in lifecycle order.
    pub enum ApplicationStatus {
        /// Being written by the applicant.
        Draft = "draft",
        /// Submitted; automatic categories await a decision, jury categories their deadline.
        Submitted = "submitted",
        /// Its deadline went to the jury.
        InReview = "in_review",
        /// Granted (holds part of the year's budget), not paid yet.
        Approved = "approved",
        /// Refused.
        Rejected = "rejected",
        /// Paid; the final report is due.
        Paid = "paid",
        /// The final report awaits review.
        ReportSubmitted = "report_submitted",
        /// Done.
        Closed = "closed",
        /// Withdrawn by the applicant.
        Withdrawn = "withdrawn",
    }
}

impl ApplicationStatus {
    /// The statuses in which an application holds part of the year's budget.
    pub const COMMITTED: [Self; 4] = [
        Self::Approved,
        Self::Paid,
        Self::ReportSubmitted,
        Self::Closed,
    ];

    /// Whether an application in this status holds part of the year's budget.
    pub fn is_committed(self) -> bool {
        Self::COMMITTED.contains(&self)
    }
}

vocabulary! {
    /// The doelgroepenmatrix of the city (target groups), used on applications and in reporting.
    pub enum TargetGroup {
        /// Children (0–11).
        Kinderen0To11 = "kinderen_0_11",
        /// Young people (12–17).
        Jongeren12To17 = "jongeren_12_17",
        /// Students.
        Studenten = "studenten",
        /// Seniors (60+).
        Senioren60 = "senioren_60",
        /// People with a migration background.
        Migratieachtergrond = "migratieachtergrond",
        /// People in poverty.
        Armoede = "armoede",
        /// People with a disability.
        Beperking = "beperking",
        /// Everyone.
        Iedereen = "iedereen",
    }
}

vocabulary! {
    /// Where an initiative takes place: one wijk, several, or the whole city.
    pub enum ApplicationScope {
        /// One wijk.
        Wijk = "wijk",
        /// Two or more wijken.
        Wijken = "wijken",
        /// The whole city.
        City = "city",
    }
}

vocabulary! {
    /// Kinds of budget line; schemes can cap some of them.
    pub enum LineKind {
        /// Food and drink.
        Catering = "catering",
        /// Volunteer fees.
        VolunteerFees = "volunteer_fees",
        /// Materials.
        Materials = "materials",
        /// Rent.
        Rent = "rent",
        /// Communication.
        Communication = "communication",
        /// Performers and speakers.
        Performers = "performers",
        /// Transport.
        Transport = "transport",
        /// Other costs.
        Other = "other",
    }
}

vocabulary! {
    /// How a category of a scheme is decided.
    pub enum ReviewMode {
        /// Checked by the rules, decided by programme staff.
        Automatic = "automatic",
        /// Advised by the jury of the next deadline.
        Jury = "jury",
    }
}

vocabulary! {
    /// The programme's decision on an application.
    pub enum DecisionOutcome {
        /// Grant it.
        Approve = "approve",
        /// Refuse it.
        Reject = "reject",
    }
}

/// A category of a scheme: either fixed (flat) amounts or a maximum.
#[samenstad_macros::constraints]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SchemeCategory {
    /// Key, unique within the scheme (`[a-z0-9_]`).
    #[validate(length(min = 1, max = 40))]
    #[cfg_attr(feature = "openapi", schema(pattern = "^[a-z0-9_]+$"))]
    pub key: String,
    /// Name shown to applicants.
    #[validate(length(min = 1, max = 120))]
    pub name: String,
    /// What it is for.
    #[serde(default)]
    #[validate(length(max = 2000))]
    pub description: String,
    /// Flat amounts one must choose from (cents, each at least 1); empty when the category has a
    /// maximum.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(schema_with = positive_cents))]
    pub flat_amounts_cents: Vec<i64>,
    /// Least amount (cents), for categories with a maximum.
    #[serde(default)]
    #[validate(range(min = 0))]
    pub min_cents: Option<i64>,
    /// Largest amount (cents), for categories without flat amounts.
    #[serde(default)]
    #[validate(range(min = 1))]
    pub max_cents: Option<i64>,
    /// `automatic` (checked by the rules, decided by programme staff) or `jury` (advised by the
    /// jury of the next deadline).
    #[cfg_attr(feature = "openapi", schema(value_type = ReviewMode))]
    pub review: String,
    /// Days between submission (for jury categories: the jury deadline) and the start.
    #[validate(range(min = 0, max = 365))]
    pub lead_days: i32,
}

/// A cap on a kind of spending, as a percentage of the total costs.
#[samenstad_macros::constraints]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SpendingCap {
    /// Budget-line kind.
    #[cfg_attr(feature = "openapi", schema(value_type = LineKind))]
    pub kind: String,
    /// At most this percentage of the total costs.
    #[validate(range(min = 0, max = 100))]
    pub max_percent: i32,
}

/// A jury criterion and its weight.
#[samenstad_macros::constraints]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Criterion {
    /// Key, unique within the scheme.
    #[validate(length(min = 1, max = 40))]
    pub key: String,
    /// Name shown to the jury and the applicant.
    #[validate(length(min = 1, max = 200))]
    pub name: String,
    /// Weight in the weighted average (1–10).
    #[validate(range(min = 1, max = 10))]
    pub weight: i32,
}

/// The rules of a scheme. Every check on an application reads these, in the server and in the
/// web app (`samenstad_domain::subsidy`).
#[samenstad_macros::constraints]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SchemeRules {
    /// Themes an application must choose from (at least one).
    #[validate(length(min = 1, max = 20))]
    pub themes: Vec<String>,
    /// Who may apply.
    #[validate(length(min = 1))]
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<ApplicantKind>))]
    pub applicant_kinds: Vec<String>,
    /// Categories (at least one).
    #[validate(length(min = 1, max = 20), nested)]
    pub categories: Vec<SchemeCategory>,
    /// Co-signatures of other residents required …
    #[validate(range(min = 0, max = 50))]
    pub cosignatures_required: i32,
    /// … from these applicant kinds (e.g. `bewonersgroep`).
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<ApplicantKind>))]
    pub cosignature_kinds: Vec<String>,
    /// Caps per kind of spending.
    #[serde(default)]
    #[validate(nested)]
    pub spending_caps: Vec<SpendingCap>,
    /// The initiative lasts at most this many months.
    #[validate(range(min = 1, max = 60))]
    pub max_duration_months: i32,
    /// Whether a final (financial) report is due after payment.
    pub report_required: bool,
    /// Jury criteria (for jury categories).
    #[serde(default)]
    #[validate(nested)]
    pub criteria: Vec<Criterion>,
}

/// The budget of a scheme for one year, and how much of it is used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SchemeBudget {
    /// Year.
    pub year: i32,
    /// Budget (cents).
    pub budget_cents: i64,
    /// Approved, not yet paid (cents).
    pub committed_cents: i64,
    /// Paid out (cents).
    pub paid_cents: i64,
    /// Left to approve (cents).
    pub remaining_cents: i64,
}

/// A jury deadline: applications of jury categories submitted before it go to its jury.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Deadline {
    /// Id.
    pub id: String,
    /// The scheme's key.
    pub scheme: String,
    /// Last day to submit.
    pub closes_on: String,
    /// When programme staff sent its applications to the jury (RFC 3339), if they did.
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub closed_at: Option<String>,
    /// Applications assigned to it.
    pub applications: i64,
}

/// A subsidy scheme (subsidiereglement).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "id": "0193c1a0-0000-7000-8000-0000000000e1", "key": "samen-aan-zet", "name": "Samen aan Zet", "owner_service": "Dienst Ontmoeten en Verbinden",
    "purpose": "Initiatieven die ontmoeten, samenleven en emancipatie stimuleren.", "status": "active",
    "replaced_by": null, "rules": {"themes": ["ontmoeten"], "applicant_kinds": ["bewonersgroep"],
    "categories": [{"key": "forfait", "name": "Forfait", "description": "", "flat_amounts_cents": [15000, 30000, 50000],
    "min_cents": null, "max_cents": null, "review": "automatic", "lead_days": 42}], "cosignatures_required": 6,
    "cosignature_kinds": ["bewonersgroep"], "spending_caps": [{"kind": "catering", "max_percent": 20}],
    "max_duration_months": 12, "report_required": true, "criteria": []},
    "budgets": [{"year": 2026, "budget_cents": 53000000, "committed_cents": 0, "paid_cents": 0, "remaining_cents": 53000000}],
    "deadlines": []
})))]
pub struct Scheme {
    /// Id (the `scope_id` of the scheme's `jury_member` roles).
    pub id: String,
    /// Key (slug).
    pub key: String,
    /// Name.
    pub name: String,
    /// The city service that runs it.
    pub owner_service: String,
    /// What it supports.
    pub purpose: String,
    /// Whether it takes applications.
    pub status: SchemeStatus,
    /// The scheme that replaced this one (archived schemes).
    pub replaced_by: Option<String>,
    /// Rules.
    pub rules: SchemeRules,
    /// Budgets per year, with use.
    pub budgets: Vec<SchemeBudget>,
    /// Jury deadlines, by date.
    pub deadlines: Vec<Deadline>,
}

impl Scheme {
    /// The deadline still open on `today` (`YYYY-MM-DD`) that closes first.
    pub fn next_deadline(&self, today: &str) -> Option<&Deadline> {
        self.deadlines
            .iter()
            .filter(|d| d.closed_at.is_none() && d.closes_on.as_str() >= today)
            .min_by(|a, b| a.closes_on.cmp(&b.closes_on))
    }
}

/// Creates or replaces a scheme (`PUT /subsidies/schemes/{key}`).
#[samenstad_macros::constraints]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SchemeInput {
    /// Name.
    #[validate(length(min = 2, max = 120))]
    pub name: String,
    /// The city service that runs it.
    #[validate(length(min = 2, max = 200))]
    pub owner_service: String,
    /// What it supports.
    #[validate(length(min = 1, max = 4000))]
    pub purpose: String,
    /// Whether it takes applications.
    #[cfg_attr(feature = "openapi", schema(value_type = SchemeStatus))]
    pub status: String,
    /// Key of the scheme that replaced this one.
    #[serde(default)]
    pub replaced_by: Option<String>,
    /// Rules.
    #[validate(nested)]
    pub rules: SchemeRules,
}

/// Sets a year's budget.
#[samenstad_macros::constraints]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BudgetInput {
    /// Budget (cents); cannot go below what is already approved that year.
    #[validate(range(min = 0, max = 100_000_000_000_i64))]
    pub budget_cents: i64,
}

/// Adds a jury deadline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DeadlineInput {
    /// Last day to submit (`YYYY-MM-DD`).
    #[cfg_attr(feature = "openapi", schema(format = Date))]
    pub closes_on: String,
}

/// A category that fits an idea, from the scheme finder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SchemeFit {
    /// Scheme key.
    pub scheme: String,
    /// Scheme name.
    pub scheme_name: String,
    /// Category key.
    pub category: String,
    /// Category name.
    pub category_name: String,
    /// What you can ask: the flat amount or the maximum (cents).
    pub amount_cents: i64,
    /// `automatic` or `jury`.
    pub review: ReviewMode,
    /// The earliest start if submitted today (`YYYY-MM-DD`).
    #[cfg_attr(feature = "openapi", schema(format = Date))]
    pub earliest_start: Option<String>,
    /// For jury categories: the next deadline.
    pub next_deadline: Option<String>,
}

/// A budget line of an application.
#[samenstad_macros::constraints]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BudgetLine {
    /// Kind (see `LineKind`; a draft may hold another value, which its problems then name).
    pub kind: String,
    /// What it is.
    #[validate(length(max = 300))]
    pub description: String,
    /// Planned cost (cents).
    #[validate(range(min = 0, max = 100_000_000))]
    pub amount_cents: i64,
    /// Actual cost (cents), from the final report.
    #[serde(default)]
    pub actual_cents: Option<i64>,
}

/// The editable part of an application, saved as a draft as the applicant types.
#[samenstad_macros::constraints]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "category": "forfait", "organisation_id": "0193c1a0-0000-7000-8000-0000000000a1",
    "title": "Buurtfeest Rabot", "description": "Een straatfeest met muziek en soep voor de hele straat.",
    "themes": ["ontmoeten"], "scope": "wijk", "wijken": [9], "target_groups": ["iedereen"],
    "starts_on": "2027-06-12", "ends_on": "2027-06-12", "venue_id": null, "location": "Rabotplein",
    "requested_cents": 30000, "coaching": false,
    "budget_lines": [{"kind": "materials", "description": "Tenten en tafels", "amount_cents": 25000, "actual_cents": null},
                     {"kind": "catering", "description": "Soep", "amount_cents": 5000, "actual_cents": null}]
})))]
pub struct ApplicationDraft {
    /// Category key.
    #[validate(length(max = 40))]
    pub category: String,
    /// The organisation applying (omit to apply as a person, where the scheme allows).
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(format = Uuid))]
    pub organisation_id: Option<String>,
    /// Title.
    #[validate(length(max = 200))]
    pub title: String,
    /// What, for whom, why.
    #[validate(length(max = 10000))]
    pub description: String,
    /// Themes of the scheme.
    #[validate(length(max = 20))]
    pub themes: Vec<String>,
    /// Where it takes place.
    #[cfg_attr(feature = "openapi", schema(value_type = ApplicationScope))]
    pub scope: String,
    /// Wijk numbers (one for `wijk`, two or more for `wijken`, none for `city`).
    #[validate(length(max = 25))]
    pub wijken: Vec<i16>,
    /// Target groups (see `TargetGroup`; a draft may hold another value, which its problems
    /// then name).
    #[validate(length(max = 8))]
    pub target_groups: Vec<String>,
    /// First day.
    #[cfg_attr(feature = "openapi", schema(format = Date))]
    pub starts_on: Option<String>,
    /// Last day.
    #[cfg_attr(feature = "openapi", schema(format = Date))]
    pub ends_on: Option<String>,
    /// A venue of the city's finder, if it takes place there.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(format = Uuid))]
    pub venue_id: Option<String>,
    /// Where (free text).
    #[validate(length(max = 300))]
    pub location: String,
    /// Requested amount (cents).
    #[validate(range(min = 0, max = 100_000_000))]
    pub requested_cents: i64,
    /// Whether the applicant wants coaching from the city.
    pub coaching: bool,
    /// Costs (at most 50 lines).
    #[validate(length(max = 50), nested)]
    pub budget_lines: Vec<BudgetLine>,
}

/// Starts an application (a draft).
#[samenstad_macros::constraints]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewApplication {
    /// Scheme key.
    pub scheme: String,
    /// The draft.
    #[serde(flatten)]
    #[validate(nested)]
    pub draft: ApplicationDraft,
}

/// A step on an application's timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApplicationEvent {
    /// When (RFC 3339).
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub at: String,
    /// The status it moved to.
    pub status: ApplicationStatus,
    /// Who: `applicant`, `staff`, `jury` or `system`, and a display name for staff.
    pub by: String,
    /// Why.
    pub reason: Option<String>,
}

/// A file attached to an application.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Attachment {
    /// Id.
    pub id: String,
    /// File name given by the uploader.
    pub name: String,
    /// `application/pdf`, `image/jpeg`, `image/png` or `image/webp`.
    pub content_type: String,
    /// Bytes.
    pub size: i32,
    /// Where to download it (needs the same access as the application).
    pub url: String,
}

/// The final report of a paid grant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Report {
    /// How it went.
    pub narrative: String,
    /// Total actual costs (cents).
    pub actual_total_cents: i64,
    /// Submitted (RFC 3339).
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub submitted_at: String,
    /// Staff's review, once reviewed.
    pub review: Option<String>,
}

/// A subsidy application.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Application {
    /// Id.
    pub id: String,
    /// Scheme key.
    pub scheme: String,
    /// Scheme name.
    pub scheme_name: String,
    /// The applicant's kind (organisation kind or `person`).
    pub applicant_kind: ApplicantKind,
    /// The organisation's name, if an organisation applies.
    pub organisation_name: Option<String>,
    /// Where it is in its life.
    pub status: ApplicationStatus,
    /// The editable content.
    pub draft: ApplicationDraft,
    /// For jury categories: the deadline it goes to.
    pub deadline: Option<String>,
    /// Confirmed co-signatures.
    pub cosignatures: i32,
    /// Co-signatures this applicant needs.
    pub cosignatures_required: i32,
    /// What the scheme's rules say of it now (empty when it can be submitted).
    pub problems: Vec<crate::FieldError>,
    /// Granted amount (cents), once approved.
    pub decided_cents: Option<i64>,
    /// Whether less than requested was granted.
    pub partial: bool,
    /// The decision's reason.
    pub decision_reason: Option<String>,
    /// Budget year the grant counts against.
    pub budget_year: Option<i32>,
    /// Paid amount (cents).
    pub paid_cents: Option<i64>,
    /// Attachments.
    pub attachments: Vec<Attachment>,
    /// Final report.
    pub report: Option<Report>,
    /// Whether the caller may edit it.
    pub editable: bool,
    /// Status history.
    pub timeline: Vec<ApplicationEvent>,
    /// Created (RFC 3339).
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub created_at: String,
    /// Submitted (RFC 3339).
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub submitted_at: Option<String>,
}

/// One line of a list of applications.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApplicationSummary {
    /// Id.
    pub id: String,
    /// Scheme key.
    pub scheme: String,
    /// Category key.
    pub category: String,
    /// Title.
    pub title: String,
    /// Organisation name, if any.
    pub organisation_name: Option<String>,
    /// Where it is in its life.
    pub status: ApplicationStatus,
    /// Requested (cents).
    pub requested_cents: i64,
    /// Granted (cents).
    pub decided_cents: Option<i64>,
    /// Jury deadline, if any.
    pub deadline: Option<String>,
    /// Wijk numbers.
    pub wijken: Vec<i16>,
    /// Weighted jury average (0–10), for staff and only when scored.
    pub jury_average: Option<f64>,
    /// Last change (RFC 3339).
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub updated_at: String,
}

/// Link for co-signing, to be shared with residents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CosignatureLink {
    /// The secret token (shown once).
    pub token: String,
    /// The page residents open to sign.
    pub url: String,
    /// Valid until (RFC 3339).
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub expires_at: String,
}

/// What a co-signer sees before signing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CosignatureRequest {
    /// Application title.
    pub title: String,
    /// Organisation.
    pub organisation_name: Option<String>,
    /// Description.
    pub description: String,
    /// Confirmed co-signatures.
    pub cosignatures: i32,
    /// Valid until (RFC 3339).
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub expires_at: String,
}

/// A reason, for withdrawals and decisions.
#[samenstad_macros::constraints]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Reason {
    /// Why.
    #[validate(length(min = 1, max = 2000))]
    pub reason: String,
}

/// A jury member's score on one criterion.
#[samenstad_macros::constraints]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CriterionScore {
    /// Criterion key.
    pub criterion: String,
    /// 0–10.
    #[validate(range(min = 0, max = 10))]
    pub score: i32,
    /// Why.
    #[serde(default)]
    #[validate(length(max = 2000))]
    pub comment: String,
}

/// A jury member's scores (one per criterion).
#[samenstad_macros::constraints]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ScoresInput {
    /// Every criterion of the scheme, once.
    #[validate(length(min = 1, max = 20), nested)]
    pub scores: Vec<CriterionScore>,
}

/// The jury's advice on an application, for programme staff.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Advice {
    /// Jury members who scored.
    pub reviewers: i64,
    /// Jury members who declared a conflict of interest.
    pub conflicts: i64,
    /// Average per criterion (0–10).
    pub criteria: Vec<CriterionAdvice>,
    /// Weighted average of the criterion averages (0–10), if anyone scored.
    pub weighted_average: Option<f64>,
    /// Every score with its comment (reviewers are numbered, not named).
    pub scores: Vec<ReviewerScores>,
}

/// The average of one criterion.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CriterionAdvice {
    /// Criterion key.
    pub criterion: String,
    /// Name.
    pub name: String,
    /// Weight.
    pub weight: i32,
    /// Average (0–10).
    pub average: f64,
}

/// One jury member's scores.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReviewerScores {
    /// 1, 2, …
    pub reviewer: i64,
    /// Scores.
    pub scores: Vec<CriterionScore>,
}

/// The programme's decision.
#[samenstad_macros::constraints]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DecisionInput {
    /// `approve` or `reject`.
    #[cfg_attr(feature = "openapi", schema(value_type = DecisionOutcome))]
    pub outcome: String,
    /// Granted amount (cents); at most the requested amount; default the requested amount.
    #[serde(default)]
    #[validate(range(min = 1, max = 100_000_000))]
    pub amount_cents: Option<i64>,
    /// The reason the applicant reads.
    #[validate(length(min = 1, max = 4000))]
    pub reason: String,
}

/// A payment.
#[samenstad_macros::constraints]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PaymentInput {
    /// The bank transfer's reference.
    #[validate(length(min = 1, max = 100))]
    pub reference: String,
}

/// The final report.
#[samenstad_macros::constraints]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReportInput {
    /// How it went.
    #[validate(length(min = 1, max = 10000))]
    pub narrative: String,
    /// Actual cost of each budget line, in the order of the application's lines (cents, 0 to
    /// 4294967295).
    #[validate(length(max = 50))]
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<u32>))]
    pub actual_cents: Vec<i64>,
}

/// Staff's review of a final report.
#[samenstad_macros::constraints]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReportReview {
    /// Accept (the grant is closed) or send back (the applicant fixes it).
    pub accepted: bool,
    /// Why.
    #[validate(length(min = 1, max = 4000))]
    pub reason: String,
}

/// An awarded grant on the public list (no personal data: people who apply alone are not named).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Award {
    /// Application id.
    pub id: String,
    /// Scheme key.
    pub scheme: String,
    /// Organisation, or `null` for a person.
    pub organisation: Option<String>,
    /// Title.
    pub title: String,
    /// Wijk numbers (empty: city-wide).
    pub wijken: Vec<i16>,
    /// Granted (cents).
    pub amount_cents: i64,
    /// Budget year.
    pub year: i32,
    /// Decided (RFC 3339).
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub decided_at: String,
}

/// A count and an amount in one group of the dashboard.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DashboardRow {
    /// The group (a status, a wijk number, a target group, a scope, an applicant kind, a deadline).
    pub key: String,
    /// Applications (not drafts).
    pub applications: i64,
    /// Of which granted.
    pub awarded: i64,
    /// Granted amount (cents).
    pub awarded_cents: i64,
}

/// The programme dashboard for a year: the city's four test-year questions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Dashboard {
    /// Year.
    pub year: i32,
    /// Budget per scheme.
    pub budgets: Vec<SchemeBudgetRow>,
    /// Pipeline per status.
    pub by_status: Vec<DashboardRow>,
    /// Pipeline per jury deadline.
    pub by_deadline: Vec<DashboardRow>,
    /// Who applies: per applicant kind.
    pub by_applicant_kind: Vec<DashboardRow>,
    /// Where the money goes: per wijk (city-wide applications count as `stad`).
    pub by_wijk: Vec<DashboardRow>,
    /// Per target group (do ECM groups and people in poverty find the scheme?).
    pub by_target_group: Vec<DashboardRow>,
    /// Wijk-focused versus city-wide: per scope.
    pub by_scope: Vec<DashboardRow>,
}

/// A scheme's budget use in the dashboard's year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SchemeBudgetRow {
    /// Scheme key.
    pub scheme: String,
    /// Use.
    #[serde(flatten)]
    pub budget: SchemeBudget,
}

vocabulary! {
    /// Whose applications a list shows.
    pub enum ApplicationView {
        /// The caller's and their organisations' (the default).
        Mine = "mine",
        /// Those assigned to the caller as jury member.
        Jury = "jury",
        /// Every application (programme staff; wijk staff see their wijken).
        All = "all",
    }
}

/// Filters of the application list, and its paging. Without `limit` and `cursor` the list is
/// one answer of at most 1,000 applications; with either, it is paged by `limit` (1–100,
/// default 20) and the `Link` header (`rel="next"`) names the next page.
#[samenstad_macros::constraints]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct ApplicationsQuery {
    /// `mine` (default: the caller's and their organisations'), `jury` (assigned to the caller as
    /// jury member), or `all` (programme staff; wijk staff see their wijken).
    #[cfg_attr(feature = "openapi", param(value_type = Option<ApplicationView>))]
    pub view: Option<String>,
    /// Only this scheme.
    #[validate(length(min = 1, message = "must not be empty"))]
    pub scheme: Option<String>,
    /// Only this status.
    #[cfg_attr(feature = "openapi", param(value_type = Option<ApplicationStatus>))]
    pub status: Option<String>,
    /// Page size, 1–100 (default 20 once paging is asked for).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(range(min = 1, max = 100, message = "must be 1 to 100"))]
    #[cfg_attr(feature = "openapi", param(example = 20))]
    pub limit: Option<i64>,
    /// The cursor of the `Link: <…>; rel="next"` header of the previous page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(min = 1, message = "must not be empty"))]
    pub cursor: Option<String>,
}

/// Filters of the public award list and the dashboard.
#[samenstad_macros::constraints]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct YearQuery {
    /// Budget year (default: the current year).
    #[validate(range(min = 2000, max = 2100, message = "must be between 2000 and 2100"))]
    pub year: Option<i32>,
    /// Only this scheme.
    #[validate(length(min = 1, message = "must not be empty"))]
    pub scheme: Option<String>,
}

/// Scheme finder: which subsidy fits my idea?
#[samenstad_macros::constraints]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct FinderQuery {
    /// What you need (cents).
    #[validate(range(min = 0, message = "must be 0 or more"))]
    pub amount_cents: Option<i64>,
    /// A theme, e.g. `ontmoeten`.
    #[validate(length(min = 1, message = "must not be empty"))]
    pub theme: Option<String>,
}

/// The schema of a list of amounts in cents, each at least 1 (utoipa states no bound on the items
/// of a `Vec<i64>` by itself).
#[cfg(feature = "openapi")]
fn positive_cents() -> utoipa::openapi::schema::Array {
    use utoipa::openapi::schema::{ArrayBuilder, KnownFormat, ObjectBuilder, SchemaFormat, Type};
    ArrayBuilder::new()
        .items(
            ObjectBuilder::new()
                .schema_type(Type::Integer)
                .format(Some(SchemaFormat::KnownFormat(KnownFormat::Int64)))
                .minimum(Some(1)),
        )
        .description(Some(
            "Flat amounts one must choose from (cents, each at least 1); empty when the category has a maximum.",
        ))
        .build()
}
