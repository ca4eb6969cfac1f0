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
    value.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty())
}

/// Whether `phone` looks like a phone number: 6 to 30 characters of digits, spaces and
/// `+ . / ( ) -` (a `+` only first), with at least 6 digits.
pub fn is_phone(phone: &str) -> bool {
    let len = phone.chars().count();
    (6..=30).contains(&len)
        && phone
            .chars()
            .enumerate()
            .all(|(i, c)| c.is_ascii_digit() || " ./()-".contains(c) || (c == '+' && i == 0))
        && phone.chars().filter(char::is_ascii_digit).count() >= 6
}

/// The contact to keep (trimmed), or what is wrong with it besides the lengths and the e-mail's
/// form, which the request's validation checks on [`trimmed`]: a phone number that is none, and
/// neither an e-mail address nor a phone number (a resident must be able to reach someone).
pub fn check(input: &SetWijkContact) -> Result<Contact, Vec<FieldError>> {
    let contact = Contact {
        name: input.name.trim().to_owned(),
        email: kept(input.email.as_ref()),
        phone: kept(input.phone.as_ref()),
        office_hours: kept(input.office_hours.as_ref()),
    };
    let mut errors = Vec::new();
    if contact.phone.as_deref().is_some_and(|p| !is_phone(p)) {
        errors.push(FieldError::new(
            "phone",
            "invalid",
            "must be a phone number: digits, spaces and + . / ( ) -",
        ));
    }
    if contact.email.is_none() && contact.phone.is_none() {
        errors.push(FieldError::new(
            "email",
            "required",
            "give an e-mail address or a phone number",
        ));
    }
    if errors.is_empty() {
        Ok(contact)
    } else {
        Err(errors)
    }
}

/// The request with its texts trimmed and blank parts left out, to validate as it will be kept.
pub fn trimmed(input: &SetWijkContact) -> SetWijkContact {
    SetWijkContact {
        name: input.name.trim().to_owned(),
        email: kept(input.email.as_ref()),
        phone: kept(input.phone.as_ref()),
        office_hours: kept(input.office_hours.as_ref()),
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
        let errors = check(&input(Some("a@b.example"), Some("call me"))).expect_err("invalid");
        assert_eq!(errors[0].field, "phone");
    }
}
