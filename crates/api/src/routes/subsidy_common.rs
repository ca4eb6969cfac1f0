//! What `subsidies` and `subsidy_review` share: who may see and change an application, the
//! views of schemes, deadlines and applications, and the record of a status change (timeline,
//! audit row and the applicant's mail). No handlers and no SQL: the queries are in
//! `samenstad_db::queries::{subsidies, applications, reviews}`, the rules in
//! `samenstad_domain::subsidy`.

use chrono::Utc;
use samenstad_db::PgConnection;
use samenstad_db::queries::applications::{self as apps, AppRow, StatusChange};
use samenstad_db::queries::outbox;
use samenstad_db::queries::subsidies::{self as schemes, DeadlineRow, SchemeRow};
use samenstad_domain::subsidy::{self as rules_check, Action, Refusal, Status};
use samenstad_types::FieldError;
use samenstad_types::account::Language;
use samenstad_types::account::Role;
use samenstad_types::subsidies::{
    Application, ApplicationDraft, ApplicationStatus, Deadline, Report, ReviewMode, Scheme,
    SchemeFit, SchemeRules,
};
use uuid::Uuid;

use crate::error::AppError;
use crate::mail;
use crate::principal::Principal;

/// The scheme with this key, or 404.
pub(crate) fn scheme_by_key(conn: &mut PgConnection, key: &str) -> Result<SchemeRow, AppError> {
    schemes::scheme_by_key(conn, key)?
        .ok_or_else(|| AppError::NotFound(format!("no scheme `{key}`")))
}

/// The parsed rules of a scheme.
pub(crate) fn rules_of(scheme: &SchemeRow) -> Result<SchemeRules, AppError> {
    scheme
        .rules()
        .map_err(|e| AppError::Internal(format!("scheme {} has bad rules: {e}", scheme.key)))
}

/// Loads an application (locked for the rest of the transaction when `lock`), or 404.
pub(crate) fn app_row(conn: &mut PgConnection, id: Uuid, lock: bool) -> Result<AppRow, AppError> {
    apps::app_row(conn, id, lock)?
        .ok_or_else(|| AppError::NotFound("no such application".to_owned()))
}

/// The status `action` moves the application to, or 409 saying that one cannot `what` now.
pub(crate) fn next_status(row: &AppRow, action: Action, what: &str) -> Result<Status, AppError> {
    rules_check::transition(row.status, action).map_err(|r| match r {
        Refusal::NotNow(s) => {
            AppError::Conflict(format!("the application is {s}; you cannot {what} now"))
        }
        Refusal::AwaitsJury => AppError::Conflict(r.to_string()),
    })
}

/// Whether the person runs subsidy programmes (programme administrators and administrators).
pub(crate) fn is_programme_staff(p: &Principal) -> bool {
    p.is_admin() || p.has_role(Role::ProgrammeAdmin)
}

/// Refuses who does not run subsidy programmes.
pub(crate) fn require_programme_staff(p: &Principal) -> Result<(), AppError> {
    if is_programme_staff(p) {
        Ok(())
    } else {
        Err(AppError::Forbidden(
            "only programme staff may do this".to_owned(),
        ))
    }
}

/// How the caller relates to an application.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Access {
    /// The applicant or a member of the applying organisation.
    Owner,
    /// Programme staff: everything.
    Programme,
    /// Staff of one of its wijken: read.
    WijkStaff,
    /// A jury member of its scheme, assigned (its deadline went to the jury) and not conflicted.
    Jury,
}

/// Whether the person is the applicant or a member of the applying organisation.
pub(crate) fn is_owner(
    conn: &mut PgConnection,
    p: &Principal,
    row: &AppRow,
) -> Result<bool, AppError> {
    if row.applicant_id == Some(p.user.id) {
        return Ok(true);
    }
    match row.organisation_id {
        Some(org) => Ok(apps::is_member(conn, org, p.user.id)?),
        None => Ok(false),
    }
}

/// The schemes of which the person sits on the jury.
pub(crate) fn jury_schemes(p: &Principal) -> Vec<Uuid> {
    p.roles
        .iter()
        .filter(|(r, _)| r.role == Role::JuryMember)
        .filter_map(|(r, _)| r.scope_id)
        .collect()
}

/// Whether the person sits on the jury of this scheme.
pub(crate) fn is_jury_of(p: &Principal, scheme_id: Uuid) -> bool {
    jury_schemes(p).contains(&scheme_id)
}

/// Whether a jury member may see and score this application: its deadline went to the jury
/// and they declared no conflict.
pub(crate) fn jury_assigned(
    conn: &mut PgConnection,
    p: &Principal,
    row: &AppRow,
) -> Result<bool, AppError> {
    if !is_jury_of(p, row.scheme_id)
        || row.status == ApplicationStatus::Draft
        || row.status == ApplicationStatus::Withdrawn
    {
        return Ok(false);
    }
    let Some(deadline) = row.deadline_id else {
        return Ok(false);
    };
    let closed = schemes::deadline_closed_at(conn, deadline)?;
    let conflicted = apps::is_conflicted(conn, row.id, p.user.id)?;
    Ok(closed.is_some() && !conflicted)
}

/// The caller's access, or 404 (an application one may not see does not exist for them).
pub(crate) fn access(
    conn: &mut PgConnection,
    p: &Principal,
    row: &AppRow,
) -> Result<Access, AppError> {
    if is_owner(conn, p, row)? {
        return Ok(Access::Owner);
    }
    if is_programme_staff(p) {
        return Ok(Access::Programme);
    }
    let wijken = apps::wijk_ids_of(conn, row.id)?;
    if row.status != "draft" && wijken.iter().any(|w| p.is_staff_of(Some(*w))) {
        return Ok(Access::WijkStaff);
    }
    if jury_assigned(conn, p, row)? {
        return Ok(Access::Jury);
    }
    Err(AppError::NotFound("no such application".to_owned()))
}

/// Loads an application, locked, for `action` by its owner: 403 for others, 409 when its status
/// does not allow it (one cannot `what` now). Returns the row and the status it moves to.
pub(crate) fn owned_for_update(
    conn: &mut PgConnection,
    p: &Principal,
    id: Uuid,
    action: Action,
    what: &str,
) -> Result<(AppRow, Status), AppError> {
    let row = app_row(conn, id, true)?;
    if access(conn, p, &row)? != Access::Owner {
        return Err(AppError::Forbidden(format!(
            "only the applicant may {what}"
        )));
    }
    let next = next_status(&row, action, what)?;
    Ok((row, next))
}

/// Loads an application, locked, for `action` by programme staff: 403 for others, 409 when its
/// status does not allow it. Returns the row and the status it moves to.
pub(crate) fn for_programme(
    conn: &mut PgConnection,
    p: &Principal,
    id: Uuid,
    action: Action,
    what: &str,
) -> Result<(AppRow, Status), AppError> {
    require_programme_staff(p)?;
    let row = app_row(conn, id, true)?;
    let next = next_status(&row, action, what)?;
    Ok((row, next))
}

/// A deadline as the API shows it.
pub(crate) fn deadline_view(scheme_key: &str, d: DeadlineRow) -> Deadline {
    Deadline {
        id: d.id.to_string(),
        scheme: scheme_key.to_owned(),
        closes_on: d.closes_on.to_string(),
        closed_at: d.closed_at.map(|t| t.to_rfc3339()),
        applications: d.applications,
    }
}

/// A scheme with its budgets per year and its deadlines.
pub(crate) fn scheme_view(conn: &mut PgConnection, row: &SchemeRow) -> Result<Scheme, AppError> {
    let budgets = schemes::budget_years(conn, row.id)?
        .into_iter()
        .map(|y| schemes::budget_use(conn, row.id, y))
        .collect::<Result<Vec<_>, _>>()?;
    let replaced_by = match row.replaced_by {
        Some(id) => Some(schemes::scheme_by_id(conn, id)?.key),
        None => None,
    };
    let deadlines = schemes::deadlines_of(conn, row.id)?
        .into_iter()
        .map(|d| deadline_view(&row.key, d))
        .collect();
    Ok(Scheme {
        id: row.id.to_string(),
        key: row.key.clone(),
        name: row.name.clone(),
        owner_service: row.owner_service.clone(),
        purpose: row.purpose.clone(),
        status: row.status,
        replaced_by,
        rules: rules_of(row)?,
        budgets,
        deadlines,
    })
}

/// The draft as the API shows it.
pub(crate) fn draft_of(
    conn: &mut PgConnection,
    row: &AppRow,
) -> Result<ApplicationDraft, AppError> {
    Ok(ApplicationDraft {
        category: row.category.clone(),
        organisation_id: row.organisation_id.map(|o| o.to_string()),
        title: row.title.clone(),
        description: row.description.clone(),
        themes: row.themes.clone(),
        scope: row.scope.to_string(),
        wijken: apps::wijknrs_of(conn, row.id)?,
        target_groups: row.target_groups.clone(),
        starts_on: row.starts_on.map(|d| d.to_string()),
        ends_on: row.ends_on.map(|d| d.to_string()),
        venue_id: row.venue_id.map(|v| v.to_string()),
        location: row.location.clone(),
        requested_cents: row.requested_cents,
        coaching: row.coaching,
        budget_lines: apps::budget_lines_of(conn, row.id)?,
    })
}

/// What the scheme's rules say of the application today.
pub(crate) fn problems_of(
    conn: &mut PgConnection,
    scheme: &SchemeRow,
    rules: &SchemeRules,
    row: &AppRow,
    draft: &ApplicationDraft,
) -> Result<Vec<FieldError>, AppError> {
    let today = Utc::now().date_naive();
    let next = schemes::next_deadline(conn, scheme.id, today)?;
    let ctx = rules_check::Context {
        scheme_status: scheme.status.as_str(),
        applicant_kind: row.applicant_kind.as_str(),
        cosignatures: apps::cosignature_count(conn, row.id)?,
        today,
        next_deadline: next.map(|(_, d)| d),
    };
    Ok(rules_check::check(rules, draft, &ctx))
}

/// The name of the applying organisation, if any.
pub(crate) fn organisation_name(
    conn: &mut PgConnection,
    id: Option<Uuid>,
) -> Result<Option<String>, AppError> {
    match id {
        Some(o) => Ok(apps::organisation_name(conn, o)?),
        None => Ok(None),
    }
}

/// The full view of an application for someone with `access` to it.
pub(crate) fn application_view(
    conn: &mut PgConnection,
    id: Uuid,
    access: Access,
) -> Result<Application, AppError> {
    let row = app_row(conn, id, false)?;
    let scheme = schemes::scheme_by_id(conn, row.scheme_id)?;
    let rules = rules_of(&scheme)?;
    let draft = draft_of(conn, &row)?;
    let problems = if row.status == ApplicationStatus::Draft {
        problems_of(conn, &scheme, &rules, &row, &draft)?
    } else {
        Vec::new()
    };
    let organisation_name = organisation_name(conn, row.organisation_id)?;
    let deadline = match row.deadline_id {
        Some(d) => Some(schemes::deadline_closes_on(conn, d)?.to_string()),
        None => None,
    };
    let report = apps::report_of(conn, id)?.map(|r| Report {
        actual_total_cents: draft
            .budget_lines
            .iter()
            .filter_map(|l| l.actual_cents)
            .sum(),
        narrative: r.narrative,
        submitted_at: r.submitted_at.to_rfc3339(),
        review: r.review,
    });
    Ok(Application {
        id: row.id.to_string(),
        scheme: scheme.key.clone(),
        scheme_name: scheme.name.clone(),
        applicant_kind: row.applicant_kind,
        organisation_name,
        status: row.status,
        deadline,
        cosignatures: apps::cosignature_count(conn, id)?,
        cosignatures_required: rules_check::cosignatures_required(
            &rules,
            row.applicant_kind.as_str(),
        ),
        problems,
        decided_cents: row.decided_cents,
        partial: row.decided_cents.is_some_and(|d| d < row.requested_cents),
        decision_reason: row.decision_reason.clone(),
        budget_year: row.budget_year,
        paid_cents: row.paid_cents,
        attachments: apps::attachments_of(conn, id)?,
        report,
        editable: access == Access::Owner && row.status == ApplicationStatus::Draft,
        timeline: apps::timeline_of(conn, id)?,
        created_at: row.created_at.to_rfc3339(),
        submitted_at: row.submitted_at.map(|t| t.to_rfc3339()),
        draft,
    })
}

/// Mails the applicant (when they have an address) that their application is now `status`;
/// queued in the caller's transaction.
pub(crate) fn notify_applicant(
    conn: &mut PgConnection,
    state_url: &str,
    row: &AppRow,
    status: &str,
    reason: Option<&str>,
) -> Result<(), AppError> {
    let Some(applicant) = row.applicant_id else {
        return Ok(());
    };
    if let Some((Some(email), name, lang)) = apps::applicant_contact(conn, applicant)? {
        let lang = Language::parse(&lang).unwrap_or_default();
        let link = format!("{state_url}/subsidies/applications/{}", row.id);
        let m = mail::application_status(lang, &name, &row.title, status, reason, &link);
        outbox::queue(
            conn,
            Some(applicant),
            &email,
            m.template,
            &m.subject,
            &m.body,
        )?;
    }
    Ok(())
}

/// Records a status change: the timeline, the audit row and the applicant's mail, all in the
/// caller's transaction.
pub(crate) fn record_status(
    conn: &mut PgConnection,
    state_url: &str,
    row: &AppRow,
    actor: Option<Uuid>,
    role: &str,
    status: Status,
    reason: Option<&str>,
) -> Result<(), AppError> {
    apps::record_status(
        conn,
        &StatusChange {
            application_id: row.id,
            actor,
            actor_role: role,
            from: row.status,
            to: status,
            reason,
        },
    )?;
    notify_applicant(conn, state_url, row, status.as_str(), reason)
}

/// The categories of the open schemes that fit `amount_cents` and `theme` (the subsidy finder),
/// cheapest first, with their amount, review, earliest start and next jury deadline.
pub(crate) fn scheme_fits(
    conn: &mut PgConnection,
    amount_cents: Option<i64>,
    theme: Option<&str>,
) -> Result<Vec<SchemeFit>, AppError> {
    let today = Utc::now().date_naive();
    let mut out = Vec::new();
    for row in schemes::open_schemes(conn)? {
        let rules = rules_of(&row)?;
        let next = schemes::next_deadline(conn, row.id, today)?.map(|(_, d)| d);
        for c in rules_check::fits(&rules, amount_cents, theme) {
            let amount = if c.flat_amounts_cents.is_empty() {
                c.max_cents.unwrap_or(0)
            } else {
                amount_cents
                    .and_then(|a| {
                        c.flat_amounts_cents
                            .iter()
                            .copied()
                            .filter(|f| *f >= a)
                            .min()
                    })
                    .unwrap_or_else(|| c.flat_amounts_cents.iter().copied().max().unwrap_or(0))
            };
            let review = ReviewMode::parse(&c.review).ok_or_else(|| {
                AppError::Internal(format!(
                    "scheme {} has a category with review `{}`",
                    row.key, c.review
                ))
            })?;
            out.push(SchemeFit {
                scheme: row.key.clone(),
                scheme_name: row.name.clone(),
                category: c.key.clone(),
                category_name: c.name.clone(),
                amount_cents: amount,
                review,
                earliest_start: rules_check::earliest_start(c, today, next).map(|d| d.to_string()),
                next_deadline: (review == ReviewMode::Jury)
                    .then(|| next.map(|d| d.to_string()))
                    .flatten(),
            });
        }
    }
    out.sort_by_key(|f| (f.amount_cents, f.scheme.clone()));
    Ok(out)
}
