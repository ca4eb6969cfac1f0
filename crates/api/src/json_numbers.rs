//! JSON numbers as JSON Schema reads them: `5.0` is an integer (JSON Schema 2020-12, §6.1.1
//! of the validation vocabulary counts any number with a zero fractional part). serde reads
//! such a number into `f64` only, so a client that writes every number as a float (JavaScript
//! does for large ones, generated clients may) would get 400 for a body its schema allows.
//! This middleware rewrites integral floats in JSON bodies to integers before any handler reads
//! them; a body without one is passed on untouched (the same bytes). A body that declares more
//! bytes than the limit ([`BodyLimit`]) is passed on unread: the handler's extractor refuses it
//! (413), after the route's gate has refused a caller without the role (403).

use actix_web::ResponseError;
use actix_web::body::MessageBody;
use actix_web::dev::{Payload, ServiceRequest, ServiceResponse};
use actix_web::error::PayloadError;
use actix_web::http::header;
use actix_web::middleware::Next;
use actix_web::web::Bytes;
use serde_json::{Number, Value};

use crate::error::AppError;

/// The largest request body the app reads (app data, set with the JSON limit).
#[derive(Debug, Clone, Copy)]
pub struct BodyLimit(pub usize);

/// Rewrites integral floats (`5.0`, `2e3`) in a JSON request body as integers.
pub async fn integral_floats(
    mut req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let json = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|m| {
            let m = m.trim().to_ascii_lowercase();
            m == "application/json" || m.ends_with("+json")
        });
    let too_large = match (
        req.app_data::<BodyLimit>(),
        req.headers()
            .get(header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<usize>().ok()),
    ) {
        (Some(limit), Some(length)) => length > limit.0,
        _ => false,
    };
    if json && !too_large {
        let bytes = match req.extract::<Bytes>().await {
            Ok(bytes) => bytes,
            Err(e) => {
                let error = match e.as_error::<PayloadError>() {
                    Some(PayloadError::Overflow) => AppError::PayloadTooLarge,
                    _ => AppError::BadRequest("the body cannot be read".to_owned()),
                };
                return Ok(req
                    .into_response(error.error_response())
                    .map_into_right_body());
            }
        };
        let body = rewrite(&bytes).map_or(bytes, Bytes::from);
        req.set_payload(Payload::from(body));
    }
    Ok(next.call(req).await?.map_into_left_body())
}

/// The body with its integral floats as integers, or `None` when it has none (or is no JSON).
pub fn rewrite(body: &[u8]) -> Option<Vec<u8>> {
    // Only a body that can hold such a number (a digit before `.`, `e` or `E`) is parsed a
    // second time; letters alone, as in every text field, do not count.
    if !body
        .windows(2)
        .any(|w| w[0].is_ascii_digit() && matches!(w[1], b'.' | b'e' | b'E'))
    {
        return None;
    }
    let mut value: Value = serde_json::from_slice(body).ok()?;
    if !integral(&mut value) {
        return None;
    }
    serde_json::to_vec(&value).ok()
}

/// Rewrites in place; whether anything changed.
fn integral(value: &mut Value) -> bool {
    match value {
        Value::Number(n) => {
            let Some(f) = n.as_f64().filter(|_| n.is_f64()) else {
                return false;
            };
            // Exactly representable integers only (|f| < 2^53): a larger float is not one
            // integer but a range of them.
            if f.fract() == 0.0 && f.abs() < 9_007_199_254_740_992.0 {
                *n = Number::from(f as i64);
                true
            } else {
                false
            }
        }
        Value::Array(items) => items.iter_mut().fold(false, |c, v| integral(v) | c),
        Value::Object(map) => map.values_mut().fold(false, |c, v| integral(v) | c),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::rewrite;

    #[test]
    fn integral_floats_become_integers_and_other_bodies_stay_as_sent() {
        let out =
            rewrite(br#"{"points": 5.0, "ids": [1, 2e3, -7.0], "share": 0.5, "name": "a.b"}"#)
                .expect("rewritten");
        let value: serde_json::Value = serde_json::from_slice(&out).expect("json");
        assert_eq!(value["points"], 5);
        assert_eq!(value["ids"], serde_json::json!([1, 2000, -7]));
        assert_eq!(value["share"], 0.5);
        assert_eq!(value["name"], "a.b");
        assert_eq!(rewrite(br#"{"points": 5, "name": "x"}"#), None);
        assert_eq!(rewrite(br#"{"share": 0.5}"#), None);
        assert_eq!(rewrite(b"{not json."), None);
        assert_eq!(rewrite(br#"{"big": 1e300}"#), None, "not one integer");
    }
}
