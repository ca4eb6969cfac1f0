//! Projects that realise selected proposals: status, budget spent, deadline, partners and
//! public progress updates.

use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use samenstad_types::projects::{Project, ProjectStatus, ProjectUpdate};
use serde_json::json;
use uuid::Uuid;

use crate::queries::audit::{self, NewAudit};
use crate::schema::{programme_round, project, project_update, proposal, wijk};

/// A project with the number of its wijk.
#[derive(Debug, Clone, PartialEq, Queryable)]
pub struct ProjectRow {
    pub id: Uuid,
    pub proposal_id: Uuid,
    pub wijknr: i16,
    pub title: String,
    pub status: ProjectStatus,
    pub budget_cents: i64,
    pub spent_cents: i64,
    pub deadline: NaiveDate,
    pub partners: Vec<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
}

impl From<ProjectRow> for Project {
    fn from(row: ProjectRow) -> Self {
        Project {
            id: row.id.to_string(),
            proposal_id: row.proposal_id.to_string(),
            wijknr: row.wijknr,
            title: row.title,
            status: row.status,
            budget_cents: row.budget_cents,
            spent_cents: row.spent_cents,
            deadline: row.deadline.to_string(),
            partners: row.partners,
            lat: row.lat,
            lon: row.lon,
            updates: None,
        }
    }
}

/// Which projects to list.
#[derive(Debug, Clone, Default)]
pub struct ProjectFilter {
    pub wijk_id: Option<Uuid>,
    /// The number of the round whose proposal it realises.
    pub round: Option<i16>,
    pub status: Option<ProjectStatus>,
    pub id: Option<Uuid>,
}

/// Projects matching the filter, by wijk number then age. One statement.
pub fn projects(conn: &mut PgConnection, f: &ProjectFilter) -> QueryResult<Vec<ProjectRow>> {
    let mut q = project::table
        .inner_join(wijk::table)
        .inner_join(proposal::table.inner_join(programme_round::table))
        .select((
            project::id,
            project::proposal_id,
            wijk::wijknr,
            project::title,
            project::status,
            project::budget_cents,
            project::spent_cents,
            project::deadline,
            project::partners,
            project::lat,
            project::lon,
        ))
        .order((wijk::wijknr.asc(), project::created_at.asc()))
        .into_boxed();
    if let Some(w) = f.wijk_id {
        q = q.filter(project::wijk_id.eq(w));
    }
    if let Some(r) = f.round {
        q = q.filter(programme_round::number.eq(r));
    }
    if let Some(s) = &f.status {
        q = q.filter(project::status.eq(*s));
    }
    if let Some(id) = f.id {
        q = q.filter(project::id.eq(id));
    }
    q.load(conn)
}

/// A project with its progress updates, oldest first.
pub fn project_with_updates(conn: &mut PgConnection, id: Uuid) -> QueryResult<Option<Project>> {
    let filter = ProjectFilter {
        id: Some(id),
        ..ProjectFilter::default()
    };
    let Some(row) = projects(conn, &filter)?.into_iter().next() else {
        return Ok(None);
    };
    let updates = project_update::table
        .filter(project_update::project_id.eq(id))
        .order((project_update::at.asc(), project_update::id.asc()))
        .select((
            project_update::at,
            project_update::body,
            project_update::status,
            project_update::spent_cents,
            project_update::photo_url,
        ))
        .load::<(
            DateTime<Utc>,
            String,
            Option<ProjectStatus>,
            Option<i64>,
            Option<String>,
        )>(conn)?
        .into_iter()
        .map(|(at, body, status, spent_cents, photo_url)| ProjectUpdate {
            at: at.to_rfc3339(),
            body,
            status,
            spent_cents,
            photo_url,
        })
        .collect();
    let mut view = Project::from(row);
    view.updates = Some(updates);
    Ok(Some(view))
}

/// The wijk and budget of a project, locked for an update.
pub fn project_for_update(conn: &mut PgConnection, id: Uuid) -> QueryResult<Option<(Uuid, i64)>> {
    project::table
        .find(id)
        .select((project::wijk_id, project::budget_cents))
        .for_update()
        .first(conn)
        .optional()
}

/// A progress update of a project.
#[derive(Debug, Clone)]
pub struct NewProjectUpdate<'a> {
    pub project_id: Uuid,
    pub author_id: Uuid,
    pub body: &'a str,
    pub status: Option<ProjectStatus>,
    pub spent_cents: Option<i64>,
    pub photo_url: Option<&'a str>,
    pub partners: Option<&'a [String]>,
}

/// Records a progress update, applies its status, spending and partners to the project, and
/// writes the audit row.
pub fn add_update(conn: &mut PgConnection, new: &NewProjectUpdate<'_>) -> QueryResult<()> {
    let id = new.project_id;
    diesel::insert_into(project_update::table)
        .values((
            project_update::id.eq(Uuid::now_v7()),
            project_update::project_id.eq(id),
            project_update::author_id.eq(new.author_id),
            project_update::body.eq(new.body),
            project_update::status.eq(new.status),
            project_update::spent_cents.eq(new.spent_cents),
            project_update::photo_url.eq(new.photo_url),
        ))
        .execute(conn)?;
    diesel::update(project::table.find(id))
        .set(project::updated_at.eq(Utc::now()))
        .execute(conn)?;
    if let Some(status) = new.status {
        diesel::update(project::table.find(id))
            .set(project::status.eq(status))
            .execute(conn)?;
    }
    if let Some(spent) = new.spent_cents {
        diesel::update(project::table.find(id))
            .set(project::spent_cents.eq(spent))
            .execute(conn)?;
    }
    if let Some(partners) = new.partners {
        diesel::update(project::table.find(id))
            .set(project::partners.eq(partners))
            .execute(conn)?;
    }
    audit::record(
        conn,
        NewAudit::by(Some(new.author_id), "project.updated")
            .on("project", id)
            .details(json!({"status": new.status})),
    )
}
