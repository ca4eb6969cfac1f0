//! Closed vocabularies (statuses, kinds, channels, roles …) as enums.
//!
//! [`vocabulary!`] declares one: every value is written once, as the string the API sends and
//! the database stores, and that one literal feeds serde (so JSON stays exactly the string),
//! the OpenAPI schema (an `enum`), `as_str` / `parse` / `Display` / `FromStr`,
//! and, with the `diesel` feature, the `text` column mapping: a row reads the enum directly, and
//! a value the enum does not know is a deserialisation error, never a silent fallback.
//!
//! Adding a value is a change of the API contract (see the versioning rules in the README), and
//! every exhaustive `match` on the enum — the web app's labels, the domain's state machines —
//! fails to compile until it handles the new value.

/// The error of `FromStr` on a vocabulary: the value is not one of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownValue {
    /// The vocabulary's name (`IdeaStatus` …).
    pub vocabulary: &'static str,
    /// What was given.
    pub value: String,
}

impl std::fmt::Display for UnknownValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?} is not a value of {}", self.value, self.vocabulary)
    }
}

impl std::error::Error for UnknownValue {}

/// Declares a vocabulary enum: `Variant = "wire value"` for each value, with its doc comment.
/// (The value is a `tt`, not a `literal`: derive macros then see a plain string literal.)
macro_rules! vocabulary {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $value:tt ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        #[cfg_attr(feature = "diesel", derive(diesel::expression::AsExpression, diesel::deserialize::FromSqlRow))]
        #[cfg_attr(feature = "diesel", diesel(sql_type = diesel::sql_types::Text))]
        pub enum $name {
            $( $(#[$vmeta])* #[serde(rename = $value)] $variant, )+
        }

        impl $name {
            /// Every value, in the order of the declaration.
            pub const ALL: &'static [Self] = &[$(Self::$variant),+];

            /// The value as the API sends it and the database stores it.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(Self::$variant => $value,)+
                }
            }

            /// The value named `name`, if the vocabulary has it.
            pub fn parse(name: &str) -> Option<Self> {
                match name {
                    $($value => Some(Self::$variant),)+
                    _ => None,
                }
            }

            /// Every value, as sent, joined by `separator` (for messages: "must be one of: …").
            pub fn joined(separator: &str) -> String {
                [$($value),+].join(separator)
            }
        }

        /// Compares with the value as sent in the API (`status == "approved"`).
        impl PartialEq<&str> for $name {
            fn eq(&self, name: &&str) -> bool {
                self.as_str() == *name
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for $name {
            type Err = $crate::vocabulary::UnknownValue;

            fn from_str(name: &str) -> Result<Self, Self::Err> {
                Self::parse(name).ok_or_else(|| $crate::vocabulary::UnknownValue {
                    vocabulary: stringify!($name),
                    value: name.to_owned(),
                })
            }
        }

        #[cfg(feature = "diesel")]
        impl diesel::serialize::ToSql<diesel::sql_types::Text, diesel::pg::Pg> for $name {
            fn to_sql<'b>(
                &'b self,
                out: &mut diesel::serialize::Output<'b, '_, diesel::pg::Pg>,
            ) -> diesel::serialize::Result {
                <str as diesel::serialize::ToSql<diesel::sql_types::Text, diesel::pg::Pg>>::to_sql(
                    self.as_str(),
                    out,
                )
            }
        }

        #[cfg(feature = "diesel")]
        impl diesel::deserialize::FromSql<diesel::sql_types::Text, diesel::pg::Pg> for $name {
            fn from_sql(value: diesel::pg::PgValue<'_>) -> diesel::deserialize::Result<Self> {
                let name = std::str::from_utf8(value.as_bytes())?;
                Ok(name.parse::<Self>()?)
            }
        }
    };
}

pub(crate) use vocabulary;

#[cfg(test)]
mod tests {
    use crate::projects::IdeaStatus;

    #[test]
    fn a_value_is_the_same_string_in_json_in_as_str_and_in_parse() {
        for &status in IdeaStatus::ALL {
            let json = serde_json::to_string(&status).unwrap();
            assert_eq!(json, format!("\"{}\"", status.as_str()));
            assert_eq!(serde_json::from_str::<IdeaStatus>(&json).unwrap(), status);
            assert_eq!(IdeaStatus::parse(status.as_str()), Some(status));
            assert_eq!(status.as_str().parse::<IdeaStatus>(), Ok(status));
        }
        assert_eq!(IdeaStatus::InDialogue, "in_dialogue");
        assert!(serde_json::from_str::<IdeaStatus>("\"approved\"").is_err());
        let unknown = "approved".parse::<IdeaStatus>().unwrap_err();
        assert_eq!(
            unknown.to_string(),
            "\"approved\" is not a value of IdeaStatus"
        );
    }
}
