//! `samenstad import addresses FILE`: an extract of the Flemish Adressenregister as CSV (the
//! register's `;`-separated export, or `,`). Columns are found by their header, in any order and
//! case: street `STRAATNM` (or `straatnaam`, `street`), number `HUISNR` (`huisnummer`,
//! `number`), box `BUSNR` (`busnummer`, `box`; optional), `POSTCODE`, municipality `GEMEENTE`
//! (`gemeentenaam`, `municipality`), the register's id `ADRESID` (`adres_id`, `id`; optional:
//! without one an address is known by its postcode, street and number), and the point either as
//! Lambert 72 `X` and `Y` (EPSG:31370, the register's own) or as WGS84 `LAT` and `LON`. Rows
//! whose `STATUS` is `gehistoreerd` or `afgekeurd` (retired, rejected) are skipped. Every line is
//! checked first: one wrong line imports nothing, and every wrong line is reported. Known ids
//! are updated, so importing a newer extract again is safe.

use proj4rs::proj::Proj;
use samenstad_db::PgConnection;
use samenstad_db::queries::addresses::{self as q, AddressRow};

use crate::import::ImportReport;

/// Lambert 72 (EPSG:31370) with the Belgian datum's 7-parameter shift to WGS84.
const LAMBERT_72: &str = "+proj=lcc +lat_0=90 +lon_0=4.36748666666667 +lat_1=51.1666672333333 \
+lat_2=49.8333339 +x_0=150000.013 +y_0=5400088.438 +ellps=intl \
+towgs84=-106.8686,52.2978,-103.7239,0.3366,-0.457,1.8422,-1.2747 +units=m +no_defs";
const WGS84: &str = "+proj=longlat +ellps=WGS84 +datum=WGS84 +no_defs";

/// The header names each column may have (lower case).
const STREET: &[&str] = &["straatnm", "straatnaam", "street"];
const NUMBER: &[&str] = &["huisnr", "huisnummer", "number"];
const BOX: &[&str] = &["busnr", "busnummer", "box"];
const POSTCODE: &[&str] = &["postcode", "postal_code", "zipcode"];
const MUNICIPALITY: &[&str] = &["gemeente", "gemeentenaam", "municipality"];
const ID: &[&str] = &["adresid", "adres_id", "id"];
const X: &[&str] = &["x"];
const Y: &[&str] = &["y"];
const LAT: &[&str] = &["lat", "latitude"];
const LON: &[&str] = &["lon", "long", "longitude"];
const STATUS: &[&str] = &["status"];

/// Statuses of addresses that no longer exist or never did.
const RETIRED: &[&str] = &["gehistoreerd", "afgekeurd"];

/// Where each column is.
struct Columns {
    street: usize,
    number: usize,
    box_number: Option<usize>,
    postcode: usize,
    municipality: usize,
    id: Option<usize>,
    point: Point,
    status: Option<usize>,
}

enum Point {
    Lambert { x: usize, y: usize },
    Wgs84 { lat: usize, lon: usize },
}

fn find(headers: &[String], names: &[&str]) -> Option<usize> {
    headers.iter().position(|h| names.contains(&h.as_str()))
}

fn columns(headers: &csv::StringRecord) -> Result<Columns, String> {
    let headers: Vec<String> = headers
        .iter()
        .map(|h| h.trim().trim_start_matches('\u{feff}').to_lowercase())
        .collect();
    let need = |names: &[&str]| {
        find(&headers, names)
            .ok_or_else(|| format!("the header has no {} column", names[0].to_uppercase()))
    };
    let point = match (
        find(&headers, X),
        find(&headers, Y),
        find(&headers, LAT),
        find(&headers, LON),
    ) {
        (Some(x), Some(y), _, _) => Point::Lambert { x, y },
        (_, _, Some(lat), Some(lon)) => Point::Wgs84 { lat, lon },
        _ => {
            return Err(
                "the header has neither X and Y (Lambert 72) nor LAT and LON (WGS84)".to_owned(),
            );
        }
    };
    Ok(Columns {
        street: need(STREET)?,
        number: need(NUMBER)?,
        box_number: find(&headers, BOX),
        postcode: need(POSTCODE)?,
        municipality: need(MUNICIPALITY)?,
        id: find(&headers, ID),
        point,
        status: find(&headers, STATUS),
    })
}

/// Converts Lambert 72 metres to WGS84 degrees (lat, lon).
pub struct Lambert72 {
    from: Proj,
    to: Proj,
}

impl Lambert72 {
    /// The projection pair.
    pub fn new() -> Result<Self, String> {
        Ok(Lambert72 {
            from: Proj::from_proj_string(LAMBERT_72).map_err(|e| format!("Lambert 72: {e}"))?,
            to: Proj::from_proj_string(WGS84).map_err(|e| format!("WGS84: {e}"))?,
        })
    }

    /// (lat, lon) of the point `x`, `y`.
    pub fn to_wgs84(&self, x: f64, y: f64) -> Result<(f64, f64), String> {
        let mut p = (x, y, 0.0);
        proj4rs::transform::transform(&self.from, &self.to, &mut p).map_err(|e| e.to_string())?;
        Ok((p.1.to_degrees(), p.0.to_degrees()))
    }
}

/// Every wrong line of a file: (line number, reason).
pub type WrongLines = Vec<(usize, String)>;

/// Reads and checks every line: the addresses, or every wrong line with its reason (the outer
/// error: the file has no usable header).
pub fn parse(content: &str) -> Result<Result<Vec<AddressRow>, WrongLines>, String> {
    let first = content.lines().next().unwrap_or_default();
    let delimiter = if first.contains(';') { b';' } else { b',' };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .trim(csv::Trim::All)
        .flexible(false)
        .from_reader(content.as_bytes());
    let cols = columns(reader.headers().map_err(|e| format!("the header: {e}"))?)?;
    let lambert = Lambert72::new()?;
    let mut rows = Vec::new();
    let mut wrong = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let line = i + 2;
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                wrong.push((line, e.to_string()));
                continue;
            }
        };
        let get = |at: usize| record.get(at).unwrap_or_default().trim();
        if cols
            .status
            .is_some_and(|s| RETIRED.contains(&get(s).to_lowercase().as_str()))
        {
            continue;
        }
        match row(&cols, &lambert, get) {
            Ok(r) => rows.push(r),
            Err(reason) => wrong.push((line, reason)),
        }
    }
    Ok(if wrong.is_empty() {
        Ok(rows)
    } else {
        Err(wrong)
    })
}

fn row<'a>(
    cols: &Columns,
    lambert: &Lambert72,
    get: impl Fn(usize) -> &'a str,
) -> Result<AddressRow, String> {
    let text = |at: usize, name: &str, max: usize| {
        let v = get(at);
        if v.is_empty() || v.chars().count() > max {
            Err(format!("{name} must be 1 to {max} characters"))
        } else {
            Ok(v.to_owned())
        }
    };
    let street = text(cols.street, "the street", 200)?;
    let number = text(cols.number, "the house number", 20)?;
    let box_number = match cols.box_number.map(&get) {
        Some(b) if !b.is_empty() => Some(text(cols.box_number.unwrap_or_default(), "the box", 20)?),
        _ => None,
    };
    let postcode = get(cols.postcode).to_owned();
    if postcode.len() != 4 || !postcode.chars().all(|c| c.is_ascii_digit()) {
        return Err(format!("the postcode {postcode:?} is not four digits"));
    }
    let municipality = text(cols.municipality, "the municipality", 100)?;
    let number_of = |at: usize, name: &str| {
        get(at)
            .replace(',', ".")
            .parse::<f64>()
            .ok()
            .filter(|v| v.is_finite())
            .ok_or_else(|| format!("{name} {:?} is not a number", get(at)))
    };
    let (lat, lon) = match cols.point {
        Point::Lambert { x, y } => {
            let (x, y) = (number_of(x, "X")?, number_of(y, "Y")?);
            // Lambert 72 covers Belgium: 0–300 km east, 0–300 km north of its origin.
            if !(0.0..=300_000.0).contains(&x) || !(0.0..=300_000.0).contains(&y) {
                return Err(format!(
                    "X {x} and Y {y} are not a point of Lambert 72 in Belgium"
                ));
            }
            lambert.to_wgs84(x, y)?
        }
        Point::Wgs84 { lat, lon } => {
            let (lat, lon) = (number_of(lat, "LAT")?, number_of(lon, "LON")?);
            if !(-90.0..=90.0).contains(&lat) || !(-180.0..=180.0).contains(&lon) {
                return Err(format!("LAT {lat} and LON {lon} are not a point"));
            }
            (lat, lon)
        }
    };
    let id = match cols.id.map(&get) {
        Some(id) if !id.is_empty() => text(cols.id.unwrap_or_default(), "the id", 200)?,
        _ => {
            let mut id = format!("{postcode}/{street}/{number}");
            if let Some(b) = &box_number {
                id.push_str(&format!("/{b}"));
            }
            id
        }
    };
    Ok(AddressRow {
        id,
        street,
        number,
        box_: box_number,
        postcode,
        municipality,
        lat,
        lon,
    })
}

/// Imports the file's addresses: all of them, or nothing and every wrong line.
pub fn import_addresses(
    conn: &mut PgConnection,
    content: &str,
    source: &str,
) -> Result<ImportReport, String> {
    let rows = match parse(content)? {
        Ok(rows) => rows,
        Err(wrong) => return Ok(ImportReport::Rejected(wrong)),
    };
    let written = q::import(conn, &rows, source).map_err(|e| format!("the database: {e}"))?;
    Ok(ImportReport::Imported(written))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lambert_72_points_of_the_register_land_on_their_wgs84_places() {
        // De Krook, Miriam Makebaplein 1: the library's published point, and its Lambert 72
        // coordinates as PROJ (pyproj 3.7, EPSG:4326 → EPSG:31370) gives them.
        let (lat, lon) = Lambert72::new()
            .expect("proj")
            .to_wgs84(105_119.95, 193_360.13)
            .expect("transform");
        let off =
            samenstad_domain::geometry::distance_m(lat, lon, 51.04866631414944, 3.728730562295029);
        assert!(off < 1.0, "{off} m off: {lat}, {lon}");
    }

    #[test]
    fn every_wrong_line_is_reported_and_retired_addresses_are_skipped() {
        let csv = "STRAATNM;HUISNR;BUSNR;GEMEENTE;POSTCODE;X;Y;STATUS\n\
                   Driesstraat;99;;Gent;9050;106216.55;192202.69;inGebruik\n\
                   Oudestraat;1;;Gent;9050;106216.55;192202.69;gehistoreerd\n\
                   ;5;;Gent;9000;105119.95;193360.13;inGebruik\n\
                   Kouter;5;;Gent;900;105119.95;193360.13;inGebruik\n\
                   Kouter;6;;Gent;9000;1e9;193360.13;inGebruik\n";
        let wrong = parse(csv).expect("header").expect_err("three wrong lines");
        assert_eq!(wrong.iter().map(|w| w.0).collect::<Vec<_>>(), vec![4, 5, 6]);
        assert!(wrong[1].1.contains("four digits"), "{wrong:?}");
        let good =
            parse("street,number,postcode,municipality,lat,lon\nKouter,5,9000,Gent,51.05,3.72\n")
                .expect("header")
                .expect("one line");
        assert_eq!(good[0].id, "9000/Kouter/5");
        assert!(parse("a;b\n1;2\n").is_err(), "a header without the columns");
    }
}
