//! `#[samenstad_macros::constraints]`: the OpenAPI document states the rules `validator`
//! checks, from the same attributes.
//!
//! On a struct that derives `validator::Validate` and (behind the `openapi` feature) utoipa's
//! `ToSchema` or `IntoParams`, every field's `#[validate(...)]` becomes the matching
//! `#[cfg_attr(feature = "openapi", schema(...))]` (or `param(...)`):
//!
//! | validator | OpenAPI |
//! |---|---|
//! | `length(min, max, equal)` on text | `minLength`, `maxLength` |
//! | `length(min, max, equal)` on a list | `minItems`, `maxItems` |
//! | `range(min, max, exclusive_min, exclusive_max)` | `minimum`, `maximum`, `exclusiveMinimum`, `exclusiveMaximum` |
//! | `email` | `format: email` |
//! | `url` | `format: uri` |
//!
//! A field that also states one of these by hand is refused at compile time, so a rule is never
//! written twice. Rules in code (`custom`, `nested`) stay with their handlers and their
//! documented 400 and 422 answers.

use proc_macro::TokenStream;
use proc_macro2::TokenStream as Tokens;
use quote::{ToTokens, format_ident, quote};
use syn::spanned::Spanned;
use syn::{Attribute, Data, DeriveInput, Expr, Fields, Type, parse_macro_input, parse_quote};

/// See the crate documentation.
#[proc_macro_attribute]
pub fn constraints(args: TokenStream, input: TokenStream) -> TokenStream {
    if !args.is_empty() {
        return syn::Error::new(Tokens::from(args).span(), "takes no arguments")
            .to_compile_error()
            .into();
    }
    let mut item = parse_macro_input!(input as DeriveInput);
    match expand(&mut item) {
        Ok(()) => item.into_token_stream().into(),
        Err(e) => e.to_compile_error().into(),
    }
}

fn expand(item: &mut DeriveInput) -> syn::Result<()> {
    let derives = item
        .attrs
        .iter()
        .map(|a| a.to_token_stream().to_string())
        .collect::<String>();
    // A type can be both a body (ToSchema) and query parameters (IntoParams): both get them.
    let mut keys = Vec::new();
    if derives.contains("IntoParams") {
        keys.push(format_ident!("param"));
    }
    if derives.contains("ToSchema") {
        keys.push(format_ident!("schema"));
    }
    if keys.is_empty() {
        // Built without the `openapi` feature (the web app): `cfg_attr` already removed the
        // derives, and there is no document to write to.
        return Ok(());
    }
    let Data::Struct(data) = &mut item.data else {
        return Err(syn::Error::new(
            item.ident.span(),
            "`constraints` goes on a struct",
        ));
    };
    let Fields::Named(fields) = &mut data.fields else {
        return Ok(());
    };
    for field in &mut fields.named {
        let list = is_list(&field.ty);
        let mut parts: Vec<Tokens> = Vec::new();
        for attr in field.attrs.iter().filter(|a| a.path().is_ident("validate")) {
            rules(attr, list, &mut parts)?;
        }
        if parts.is_empty() {
            continue;
        }
        for attr in &field.attrs {
            let text = attr.to_token_stream().to_string();
            let documents = ["schema", "param", "cfg_attr"]
                .iter()
                .any(|name| attr.path().is_ident(name));
            let written = parts.iter().filter_map(|p| p.clone().into_iter().next());
            if documents
                && let Some(k) = written.map(|k| k.to_string()).find(|k| mentions(&text, k))
            {
                return Err(syn::Error::new(
                    attr.span(),
                    format!("`{k}` comes from #[validate(...)]: do not state it again"),
                ));
            }
        }
        for key in &keys {
            field
                .attrs
                .push(parse_quote!(#[cfg_attr(feature = "openapi", #key(#(#parts),*))]));
        }
    }
    Ok(())
}

/// Whether `text` (an attribute's tokens) names `key` as an argument.
fn mentions(text: &str, key: &str) -> bool {
    text.match_indices(key).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + key.len()..].trim_start();
        !before.is_some_and(|c| c.is_alphanumeric() || c == '_') && after.starts_with('=')
    })
}

/// A `Vec` or an `Option<Vec<_>>`: `length` counts items, not characters.
fn is_list(ty: &Type) -> bool {
    let Type::Path(path) = ty else { return false };
    let Some(last) = path.path.segments.last() else {
        return false;
    };
    if last.ident == "Vec" {
        return true;
    }
    if last.ident == "Option"
        && let syn::PathArguments::AngleBracketed(args) = &last.arguments
        && let Some(syn::GenericArgument::Type(inner)) = args.args.first()
    {
        return is_list(inner);
    }
    false
}

/// The OpenAPI arguments for one `#[validate(...)]`.
fn rules(attr: &Attribute, list: bool, parts: &mut Vec<Tokens>) -> syn::Result<()> {
    attr.parse_nested_meta(|rule| {
        let name = rule
            .path
            .get_ident()
            .map(|i| i.to_string())
            .unwrap_or_default();
        let mut values: Vec<(String, Expr)> = Vec::new();
        if rule.input.peek(syn::token::Paren) {
            rule.parse_nested_meta(|arg| {
                let arg_name = arg
                    .path
                    .get_ident()
                    .map(|i| i.to_string())
                    .unwrap_or_default();
                if arg.input.peek(syn::Token![=]) {
                    let value: Expr = arg.value()?.parse()?;
                    values.push((arg_name, value));
                } else if arg.input.peek(syn::token::Paren) {
                    let content;
                    syn::parenthesized!(content in arg.input);
                    let _: Tokens = content.parse()?;
                }
                Ok(())
            })?;
        }
        let value = |k: &str| values.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
        match name.as_str() {
            "length" => {
                let (min_key, max_key) = if list {
                    (quote!(min_items), quote!(max_items))
                } else {
                    (quote!(min_length), quote!(max_length))
                };
                let (min, max) = match value("equal") {
                    Some(n) => (Some(n.clone()), Some(n)),
                    None => (value("min"), value("max")),
                };
                if let Some(min) = min {
                    parts.push(quote!(#min_key = #min));
                }
                if let Some(max) = max {
                    parts.push(quote!(#max_key = #max));
                }
            }
            "range" => {
                for (from, to) in [
                    ("min", quote!(minimum)),
                    ("max", quote!(maximum)),
                    ("exclusive_min", quote!(exclusive_minimum)),
                    ("exclusive_max", quote!(exclusive_maximum)),
                ] {
                    if let Some(v) = value(from) {
                        parts.push(quote!(#to = #v));
                    }
                }
            }
            "email" => parts.push(quote!(format = "email")),
            "url" => parts.push(quote!(format = "uri")),
            _ => {}
        }
        Ok(())
    })
}
