//! A wijk's contact: what staff type becomes what residents read.

use samenstad_types::FieldError;
use samenstad_types::wijk::SetWijkContact;

/// A contact as it is kept: trimmed, blank parts left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contact {
    /// Who to contact.
    pub name: String,
    /// E-mail address.
    pub email: Option<String>,
    /// Phone number.
    pub phone: Option<String>,
    /// When and where to find them.
    pub office_hours: Option<String>,
}

fn kept(value: Option<&String>) -> Option<String> {
    value
        .map(|v| v.trim_matches(' ').to_owned())
        .filter(|v| !v.is_empty())
}

/// Whether `phone` is a phone number: an optional `+`, then 6 to 30 characters of digits,
/// spaces and `. / ( ) -`, neither first nor last a space (the API's documented pattern).
pub fn is_phone(phone: &str) -> bool {
    let digits = phone.strip_prefix('+').unwrap_or(phone);
    let len = digits.chars().count();
    (6..=30).contains(&len)
        && !digits.starts_with(' ')
        && !digits.ends_with(' ')
        && digits
            .chars()
            .all(|c| c.is_ascii_digit() || " ./()-".contains(c))
}

/// Whether `email` is an e-mail address as the API documents it: a local part of letters,
/// digits and `. _ % + ' -`, an `@`, and a domain of labels (letters, digits, `-`) with at least
/// one dot.
pub fn is_email(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    let labels: Vec<&str> = domain.split('.').collect();
    !local.is_empty()
        && local
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "._%+'-".contains(c))
        && labels.len() >= 2
        && labels
            .iter()
            .all(|l| !l.is_empty() && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
}

/// The contact to keep (spaces around each part dropped), or what is wrong with it besides the
/// lengths, which the request's validation checks: a name of only spaces, an e-mail address or
/// phone number that is none, and (between fields) neither of the two.
pub fn check(input: &SetWijkContact) -> Result<Contact, Vec<FieldError>> {
    let contact = Contact {
        name: input.name.trim_matches(' ').to_owned(),
        email: kept(input.email.as_ref()),
        phone: kept(input.phone.as_ref()),
        office_hours: kept(input.office_hours.as_ref()),
    };
    let mut errors = Vec::new();
    if contact.name.is_empty() {
        errors.push(FieldError::new(
            "name",
            "required",
            "must not be only spaces",
        ));
    }
    if contact.email.as_deref().is_some_and(|e| !is_email(e)) {
        errors.push(FieldError::new(
            "email",
            "invalid",
            "must be an e-mail address",
        ));
    }
    if contact.phone.as_deref().is_some_and(|p| !is_phone(p)) {
        errors.push(FieldError::new(
            "phone",
            "invalid",
            "must be a phone number: digits, spaces and + . / ( ) -",
        ));
    }
    // Between fields (a 422): each alone is optional.
    if errors.is_empty() && contact.email.is_none() && contact.phone.is_none() {
        errors.push(FieldError::new(
            "email",
            "requires",
            "give an e-mail address or a phone number",
        ));
    }
    if errors.is_empty() {
        Ok(contact)
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(email: Option<&str>, phone: Option<&str>) -> SetWijkContact {
        SetWijkContact {
            name: "  Wijkregie Rabot ".to_owned(),
            email: email.map(str::to_owned),
            phone: phone.map(str::to_owned),
            office_hours: Some("   ".to_owned()),
        }
    }

    #[test]
    fn a_contact_is_trimmed_and_blank_parts_are_left_out() {
        let contact = check(&input(Some(" rabot@stad.example "), None)).expect("valid");
        assert_eq!(contact.name, "Wijkregie Rabot");
        assert_eq!(contact.email.as_deref(), Some("rabot@stad.example"));
        assert_eq!(contact.office_hours, None);
    }

    #[test]
    fn a_contact_needs_an_e_mail_address_or_a_phone_number() {
        let errors = check(&input(Some(" "), Some(""))).expect_err("unreachable");
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].field, "email");
        assert!(check(&input(None, Some("+32 9 210 10 10"))).is_ok());
    }

    #[test]
    fn phone_numbers_are_digits_with_separators() {
        assert!(is_phone("+32 (0)9 210.10.10"));
        assert!(is_phone("09/210-10-10"));
        assert!(!is_phone("bel ons"));
        assert!(!is_phone("12+345678"));
        assert!(!is_phone("12 34"));
        assert!(is_email("wijkregie.sth@stad.example"));
        assert!(!is_email("geen adres") && !is_email("a@b") && !is_email("a@.example"));
        let errors = check(&input(Some("a@b.example"), Some("call me"))).expect_err("invalid");
        assert_eq!(errors[0].field, "phone");
    }
}
