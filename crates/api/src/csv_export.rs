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
        w.write_record(row).map_err(csv_error)?;
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

/// Cents as euro with two decimals and a point: `1500.00`.
pub fn euro(cents: i64) -> String {
    format!("{}.{:02}", cents / 100, cents % 100)
}
