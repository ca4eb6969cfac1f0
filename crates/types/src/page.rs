//! One page of a list: `{items, next_cursor}`, the shape of every paged list of the API.
//!
//! The server cuts pages with one cursor codec (`samenstad_api::page`); clients pass
//! `next_cursor` back as `cursor` until it is `null`. Each concrete page is a type alias
//! declared with [`page!`], which also names its OpenAPI component (`VenuePage`, `IdeaPage` …)
//! and documents its items, so the document keeps one readable schema per list rather than
//! utoipa's generated `Page_Venue` names.

use serde::{Deserialize, Serialize};

/// A page of `T`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Page<T> {
    /// The items of this page, in the list's order.
    pub items: Vec<T>,
    /// Pass as `cursor` for the next page; `null` on the last page.
    pub next_cursor: Option<String>,
}

impl<T> Page<T> {
    /// A page of `items`, followed by the page at `next_cursor` (none: the last page).
    pub fn new(items: Vec<T>, next_cursor: Option<String>) -> Self {
        Self { items, next_cursor }
    }

    /// The same page with each item mapped (a row to its view).
    pub fn map<U>(self, f: impl FnMut(T) -> U) -> Page<U> {
        Page {
            items: self.items.into_iter().map(f).collect(),
            next_cursor: self.next_cursor,
        }
    }

    /// Whether more pages follow.
    pub fn has_more(&self) -> bool {
        self.next_cursor.is_some()
    }
}

/// Declares `pub type $name = Page<$item>` and, with the `openapi` feature, its schema under
/// the component name `$name`: `$doc` describes the page, `$items` its items (their order).
macro_rules! page {
    ($(#[$meta:meta])* $name:ident = Page<$item:ty>, $doc:literal, $items:literal) => {
        $(#[$meta])*
        pub type $name = $crate::page::Page<$item>;

        #[cfg(feature = "openapi")]
        impl utoipa::PartialSchema for $crate::page::Page<$item> {
            fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
                $crate::page::schema(<$item as utoipa::ToSchema>::name(), $doc, $items)
            }
        }

        #[cfg(feature = "openapi")]
        impl utoipa::ToSchema for $crate::page::Page<$item> {
            fn name() -> std::borrow::Cow<'static, str> {
                std::borrow::Cow::Borrowed(stringify!($name))
            }

            fn schemas(
                schemas: &mut Vec<(
                    String,
                    utoipa::openapi::RefOr<utoipa::openapi::schema::Schema>,
                )>,
            ) {
                schemas.push((
                    <$item as utoipa::ToSchema>::name().into_owned(),
                    <$item as utoipa::PartialSchema>::schema(),
                ));
                <$item as utoipa::ToSchema>::schemas(schemas);
            }
        }
    };
}
pub(crate) use page;

/// The schema of a page whose items are the component `item`.
#[cfg(feature = "openapi")]
pub fn schema(
    item: std::borrow::Cow<'static, str>,
    doc: &str,
    items_doc: &str,
) -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
    use utoipa::openapi::schema::{ArrayBuilder, ObjectBuilder, Ref, SchemaType, Type};
    ObjectBuilder::new()
        .description(Some(doc))
        .property(
            "items",
            ArrayBuilder::new()
                .items(Ref::from_schema_name(item))
                .description(Some(items_doc)),
        )
        .required("items")
        .property(
            "next_cursor",
            ObjectBuilder::new()
                .schema_type(SchemaType::from_iter([Type::String, Type::Null]))
                .description(Some(
                    "Pass as `cursor` for the next page; `null` on the last page.",
                )),
        )
        .into()
}
