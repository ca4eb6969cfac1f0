//! Ideas as the API shows them, shared by the idea board (`projects`) and the idea's photo
//! (`files`).

use samenstad_db::PgConnection;
use samenstad_db::queries::projects::{self as q, IdeaFilter, IdeaListed};
use samenstad_types::projects::{Idea, IdeaEvent};
use uuid::Uuid;

use crate::error::AppError;
use crate::principal::Principal;

/// An idea as `viewer` sees it: the title, text and photo of a hidden idea only for its author
/// and staff of its wijk.
pub(crate) fn idea_view(row: &IdeaListed, viewer: Option<&Principal>) -> Idea {
    let (i, wijknr, slug, round, organisation, supporters, supported) = row;
    let mine = viewer.is_some_and(|v| i.author_id == Some(v.user.id));
    let staff = viewer.is_some_and(|v| v.is_staff_of(Some(i.wijk_id)));
    let may_read = i.hidden_reason.is_none() || mine || staff;
    Idea {
        id: i.id.to_string(),
        wijknr: *wijknr,
        wijk: slug.clone(),
        round: *round,
        title: if may_read {
            i.title.clone()
        } else {
            String::new()
        },
        body: if may_read {
            i.body.clone()
        } else {
            String::new()
        },
        estimated_cost_cents: i.estimated_cost_cents,
        lat: i.lat,
        lon: i.lon,
        channel: i.channel,
        organisation: organisation.clone(),
        status: i.status,
        status_reason: i.status_reason.clone(),
        merged_into: i.merged_into.map(|m| m.to_string()),
        referred_to: i.referred_to.clone(),
        hidden_reason: i.hidden_reason.clone(),
        image_url: i
            .image_id
            .filter(|_| may_read)
            .map(|f| format!("/api/v1/files/{f}")),
        supporters: *supporters,
        supported: *supported,
        mine,
        submitter_name: i.submitter_name.clone().filter(|_| staff),
        contact: i.contact.clone().filter(|_| staff),
        created_at: i.created_at.to_rfc3339(),
        events: None,
    }
}

/// One idea as `viewer` sees it, with its history.
pub(crate) fn load_idea(
    conn: &mut PgConnection,
    id: Uuid,
    viewer: Option<&Principal>,
) -> Result<Idea, AppError> {
    let filter = IdeaFilter {
        id: Some(id),
        limit: 1,
        ..IdeaFilter::default()
    };
    let row = q::list_ideas(conn, &filter, viewer.map(|v| v.user.id))?
        .into_iter()
        .next()
        .ok_or_else(|| AppError::NotFound("no such idea".to_owned()))?;
    let mut view = idea_view(&row, viewer);
    view.events = Some(
        q::events_of(conn, id)?
            .into_iter()
            .map(|e| IdeaEvent {
                at: e.at.to_rfc3339(),
                kind: e.kind,
                status: e.status,
                reason: e.reason,
            })
            .collect(),
    );
    Ok(view)
}
