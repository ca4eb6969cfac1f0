//! `samenstad import wijken --municipality NAME FILE.geojson`: a municipality and its areas
//! (wijken, deelgemeenten) from a GeoJSON FeatureCollection in WGS84, all or nothing.

use samenstad_db::PgConnection;
use samenstad_db::queries::audit::{self, NewAudit};
use samenstad_db::queries::wijken as q;
use samenstad_db::seed::{MunicipalityData, SeedReport, store_areas, wijk_data};
use samenstad_domain::areas::{AreaInput, areas};
use samenstad_types::Geometry;
use serde_json::Value;

/// What the command line asked for.
#[derive(Debug, Clone, Default)]
pub struct AreaImport {
    /// The municipality's name (`Dendermonde`); its slug is derived from it.
    pub municipality: String,
    /// Its NIS code, when known.
    pub nis_code: Option<String>,
    /// The attribution shown with its areas.
    pub attribution: Option<String>,
    /// Host names it is served at.
    pub hosts: Vec<String>,
    /// The base URL of links in its mails and feeds.
    pub public_url: Option<String>,
}

/// The first of these properties that is set, as text.
fn text(properties: &Value, keys: &[&str]) -> Option<String> {
    keys.iter().find_map(|k| match properties.get(*k)? {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_owned()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    })
}

/// The first of these properties that is set, as a whole number.
fn number(properties: &Value, keys: &[&str]) -> Result<Option<i64>, String> {
    match text(properties, keys) {
        None => Ok(None),
        Some(t) => t
            .parse::<i64>()
            .map(Some)
            .map_err(|_| format!("{} `{t}` is not a whole number", keys[0])),
    }
}

/// Reads the areas of a FeatureCollection: each feature's `name` (or `naam`, `NAAM`,
/// `deelgemeente`), optional `nr` (or `wijknr`), `zone`, `population` (or `inwoners`), and a
/// Polygon or MultiPolygon geometry.
pub fn read_areas(content: &str) -> Result<Vec<AreaInput>, Vec<String>> {
    let doc: Value = serde_json::from_str(content).map_err(|e| vec![format!("not JSON: {e}")])?;
    if doc.get("type").and_then(Value::as_str) != Some("FeatureCollection") {
        return Err(vec!["not a GeoJSON FeatureCollection".to_owned()]);
    }
    let features = doc
        .get("features")
        .and_then(Value::as_array)
        .ok_or_else(|| vec!["the FeatureCollection has no `features`".to_owned()])?;
    let mut inputs = Vec::new();
    let mut problems = Vec::new();
    for (i, feature) in features.iter().enumerate() {
        let at = i + 1;
        let properties = feature.get("properties").cloned().unwrap_or(Value::Null);
        let geometry = feature
            .get("geometry")
            .cloned()
            .ok_or_else(|| "no geometry".to_owned())
            .and_then(|g| {
                serde_json::from_value::<Geometry>(g)
                    .map_err(|e| format!("the geometry is not a Polygon or MultiPolygon: {e}"))
            });
        let nr = number(&properties, &["nr", "wijknr"]);
        let population = number(&properties, &["population", "inwoners"]);
        match (geometry, nr, population) {
            (Ok(geometry), Ok(nr), Ok(population)) => inputs.push(AreaInput {
                name: text(&properties, &["name", "naam", "NAAM", "deelgemeente"])
                    .unwrap_or_default(),
                nr,
                zone: text(&properties, &["zone"]),
                population,
                geometry,
            }),
            (g, n, p) => {
                for e in [g.err(), n.err(), p.err()].into_iter().flatten() {
                    problems.push(format!("area {at}: {e}"));
                }
            }
        }
    }
    if problems.is_empty() {
        Ok(inputs)
    } else {
        Err(problems)
    }
}

/// Imports the areas of `content` as the municipality's, all or nothing; every problem is
/// reported. Returns what changed.
pub fn import_wijken(
    conn: &mut PgConnection,
    request: &AreaImport,
    content: &str,
    source: &str,
) -> Result<SeedReport, Vec<String>> {
    let name = request.municipality.trim();
    let slug = samenstad_domain::text::fold(name).replace(' ', "-");
    if name.is_empty() || slug.is_empty() {
        return Err(vec!["--municipality needs a name with letters".to_owned()]);
    }
    let mut problems = Vec::new();
    for host in &request.hosts {
        if !is_host_name(host) {
            problems.push(format!(
                "--host `{host}` is not a host name (no scheme, no port)"
            ));
        }
    }
    if let Some(url) = &request.public_url
        && !(url.starts_with("https://") || url.starts_with("http://"))
    {
        problems.push(format!("--public-url `{url}` is not an http(s) URL"));
    }
    let found = read_areas(content).and_then(areas);
    let found = match found {
        Ok(found) if problems.is_empty() => found,
        Ok(_) => return Err(problems),
        Err(more) => {
            problems.extend(more);
            return Err(problems);
        }
    };
    let data = MunicipalityData {
        slug,
        name: name.to_owned(),
        nis_code: request.nis_code.clone(),
        data_attribution: request
            .attribution
            .clone()
            .unwrap_or_else(|| format!("Bron: {name} ({source})")),
    };
    let wijken = wijk_data(found).map_err(|e| vec![e.to_string()])?;
    use diesel::Connection;
    conn.transaction::<_, samenstad_db::DbError, _>(|conn| {
        let (report, id) = store_areas(conn, &data, wijken)?;
        for host in &request.hosts {
            q::add_host(conn, id, &host.to_ascii_lowercase(), None)?;
        }
        if let Some(url) = &request.public_url {
            q::add_host(conn, id, &host_of_url(url), Some(url.trim_end_matches('/')))?;
        }
        // The entry belongs to the municipality whose areas these are.
        samenstad_db::tenancy::set_municipality(conn, id)?;
        audit::record(
            conn,
            NewAudit::by(None, "wijken.imported")
                .on("municipality", id)
                .details(serde_json::json!({
                    "source": source,
                    "inserted": report.wijken_inserted,
                    "updated": report.wijken_updated,
                    "unchanged": report.wijken_unchanged,
                    "hosts": request.hosts.len() + usize::from(request.public_url.is_some()),
                    "via": "cli",
                })),
        )?;
        Ok(report)
    })
    .map_err(|e| vec![e.to_string()])
}

fn is_host_name(host: &str) -> bool {
    !host.is_empty()
        && host.len() <= 253
        && host.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
}

/// The host name of an http(s) URL, lower-cased, without port.
fn host_of_url(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    crate::tenant::strip_port(rest.split('/').next().unwrap_or_default()).to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn properties_are_read_by_their_usual_names_and_problems_are_all_listed() {
        let file = r#"{"type":"FeatureCollection","features":[
          {"type":"Feature","properties":{"NAAM":"Baasrode","inwoners":"10500"},
           "geometry":{"type":"Polygon","coordinates":[[[4.15,51.03],[4.17,51.03],[4.17,51.05],[4.15,51.03]]]}},
          {"type":"Feature","properties":{"name":"Oud","nr":"x"},"geometry":{"type":"Point","coordinates":[4,51]}}
        ]}"#;
        let problems = read_areas(file).expect_err("the second is wrong");
        assert_eq!(problems.len(), 2, "{problems:#?}");
        assert!(problems[0].starts_with("area 2: the geometry"));
        assert!(problems[1].contains("nr `x`"));
        let one = file.replace(r#""nr":"x""#, r#""nr":2"#).replace(
            r#"{"type":"Point","coordinates":[4,51]}"#,
            r#"{"type":"Polygon","coordinates":[[[4.1,51.0],[4.12,51.0],[4.12,51.02],[4.1,51.0]]]}"#,
        );
        let inputs = read_areas(&one).expect("valid");
        assert_eq!(inputs[0].name, "Baasrode");
        assert_eq!(inputs[0].population, Some(10_500));
        assert_eq!(inputs[1].nr, Some(2));
    }

    #[test]
    fn hosts_are_names_without_scheme_or_port() {
        assert!(is_host_name("dendermonde.samenstad.be"));
        assert!(!is_host_name("https://x.be"));
        assert!(!is_host_name("x.be:8080"));
        assert_eq!(
            host_of_url("https://Dendermonde.Samenstad.be:443/x"),
            "dendermonde.samenstad.be"
        );
    }
}
