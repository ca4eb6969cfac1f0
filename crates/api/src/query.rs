//! The query string read into a type like `actix_web::web::Query` (the same parsers:
//! `form_urlencoded` and `serde_urlencoded`), but a value that cannot be read is a 400 naming its
//! parameter, as a rule broken by a value is: `simplify: must be a whole number` with
//! `errors: [{"field": "simplify", …}]`, where actix-web says only "invalid digit found in
//! string".

use std::future::{Ready, ready};
use std::ops::Deref;

use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest};
use serde::de::DeserializeOwned;

use crate::error::AppError;

/// A request's query string as `T`.
#[derive(Debug, Clone, PartialEq)]
pub struct Query<T>(pub T);

impl<T> Query<T> {
    /// The value read.
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T> Deref for Query<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T: DeserializeOwned> FromRequest for Query<T> {
    type Error = AppError;
    type Future = Ready<Result<Self, AppError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(read(req.query_string()).map(Query))
    }
}

/// Reads `query` into `T`; the parameter whose value cannot be read is named in the error.
pub fn read<T: DeserializeOwned>(query: &str) -> Result<T, AppError> {
    let parser = serde_urlencoded::Deserializer::new(form_urlencoded::parse(query.as_bytes()));
    serde_path_to_error::deserialize(parser).map_err(|e| {
        let field = e.path().to_string();
        let err = plain(&e.into_inner().to_string());
        if field == "." {
            AppError::BadRequest(format!("invalid request: {err}"))
        } else {
            AppError::field(&field, "invalid", &err)
        }
    })
}

/// The parsers' words for a value that is not what the parameter takes, in the words of the
/// other rules (`must be …`); others as they are (they name what was expected).
fn plain(message: &str) -> String {
    match message {
        "invalid digit found in string" | "cannot parse integer from empty string" => {
            "must be a whole number".to_owned()
        }
        "invalid float literal" => "must be a number".to_owned(),
        "number too large to fit in target type" => "is too large".to_owned(),
        "number too small to fit in target type" => "is too small".to_owned(),
        "provided string was not `true` or `false`" => "must be true or false".to_owned(),
        other => other.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    use super::read;
    use crate::error::AppError;

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(rename_all = "snake_case")]
    enum Zone {
        Binnenstad,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    struct Q {
        limit: Option<u16>,
        near: Option<f64>,
        open: Option<bool>,
        zone: Option<Zone>,
    }

    fn field_error(query: &str) -> (String, String) {
        match read::<Q>(query) {
            Err(AppError::Validation(errors)) => {
                (errors[0].field.clone(), errors[0].message.clone())
            }
            other => panic!("{query}: {other:?}"),
        }
    }

    #[test]
    fn a_value_that_cannot_be_read_names_its_parameter() {
        assert_eq!(
            read::<Q>("limit=5&zone=binnenstad&open=true").expect("good"),
            Q {
                limit: Some(5),
                near: None,
                open: Some(true),
                zone: Some(Zone::Binnenstad)
            }
        );
        assert_eq!(
            read::<Q>("").expect("empty"),
            Q {
                limit: None,
                near: None,
                open: None,
                zone: None
            }
        );
        let cases = [
            ("limit=ten", "limit", "must be a whole number"),
            ("limit=-1", "limit", "must be a whole number"),
            ("limit=", "limit", "must be a whole number"),
            ("limit=70000", "limit", "is too large"),
            ("near=here", "near", "must be a number"),
            ("open=yes", "open", "must be true or false"),
        ];
        for (query, field, message) in cases {
            assert_eq!(
                field_error(query),
                (field.to_owned(), message.to_owned()),
                "{query}"
            );
        }
        let (field, message) = field_error("limit=5&zone=moon");
        assert_eq!(field, "zone");
        assert!(
            message.contains("moon") && message.contains("binnenstad"),
            "{message}"
        );
    }
}
