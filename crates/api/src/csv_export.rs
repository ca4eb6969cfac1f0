//! CSV downloads: one writer for every `.csv` endpoint (UTF-8, a header row, amounts in euro).

use actix_web::HttpResponse;
use actix_web::http::header;

use crate::error::AppError;

fn csv_error(e: impl std::fmt::Display) -> AppError {
    AppError::Internal(format!("csv: {e}"))
}

/// Rows as CSV (header first) in a `text/csv` download called `name`.
pub fn download(
    name: &str,
    header_row: &[&str],
    rows: impl IntoIterator<Item = Vec<String>>,
) -> Result<HttpResponse, AppError> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(header_row).map_err(csv_error)?;
    for row in rows {
        w.write_record(row.into_iter().map(inert))
            .map_err(csv_error)?;
    }
    let data = w.into_inner().map_err(csv_error)?;
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{name}\""),
        ))
        .body(data))
}

/// A cell a spreadsheet would run as a formula — text that starts with `=`, `+`, `-`, `@`, a
/// tab or a carriage return (OWASP: CSV injection), such as a resident's title
/// `=HYPERLINK(…)` in a table staff open in Excel — starts with `'` instead, which spreadsheets
/// show as text; numbers (`-12.50`) stay as they are.
pub fn inert(cell: String) -> String {
    let formula = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if formula && cell.parse::<f64>().is_err() {
        format!("'{cell}")
    } else {
        cell
    }
}

/// Cents as euro with two decimals and a point: `1500.00`.
pub fn euro(cents: i64) -> String {
    format!("{}.{:02}", cents / 100, cents % 100)
}

#[cfg(test)]
mod tests {
    use super::inert;

    #[test]
    fn a_cell_a_spreadsheet_would_run_is_made_text_and_numbers_stay_numbers() {
        for (cell, sent) in [
            (
                "=HYPERLINK(\"https://example.org\")",
                "'=HYPERLINK(\"https://example.org\")",
            ),
            ("+31 9 123", "'+31 9 123"),
            ("-A1", "'-A1"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\t=1", "'\t=1"),
            ("-12.50", "-12.50"),
            ("+5", "+5"),
            ("Buurtfeest = plezier", "Buurtfeest = plezier"),
            ("", ""),
        ] {
            assert_eq!(inert(cell.to_owned()), sent, "{cell}");
        }
    }
}
