//! Recognition (erkenning) of an organisation by the city: who may ask for it, and how staff of
//! the organisation's wijk decide.
//!
//! A recognised organisation books rooms at the reduced tariff and may apply for grants that
//! ask for it. Its owners ask once, with a short motivation; while that request is open they
//! cannot ask again. Staff of the organisation's wijk recognise it or refuse with a reason the
//! owners read (a refused organisation may ask again later). A decided request stays decided.

pub use samenstad_types::recognition::RecognitionStatus;

/// Why a recognition step is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// The organisation is recognised already.
    AlreadyRecognised,
    /// A request of the organisation is still open.
    AlreadyAsked,
    /// The request was decided already.
    AlreadyDecided,
    /// A refusal needs a reason the owners read.
    ReasonRequired,
}

impl Refusal {
    /// Whether this is a conflict with the current state (409) rather than a bad field (400).
    pub fn is_conflict(self) -> bool {
        !matches!(self, Self::ReasonRequired)
    }

    /// What the person reads.
    pub fn message(self) -> &'static str {
        match self {
            Self::AlreadyRecognised => "the organisation is recognised already",
            Self::AlreadyAsked => "the organisation asked already; staff of its wijk will decide",
            Self::AlreadyDecided => "this request was decided already",
            Self::ReasonRequired => "say why; the organisation reads it",
        }
    }
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.message())
    }
}

/// Whether an organisation may ask for recognition now.
pub fn may_ask(recognised: bool, open_request: bool) -> Result<(), Refusal> {
    if recognised {
        Err(Refusal::AlreadyRecognised)
    } else if open_request {
        Err(Refusal::AlreadyAsked)
    } else {
        Ok(())
    }
}

/// The status a request gets when staff decide it (`recognise` or refuse, with `reason`).
pub fn decide(
    current: RecognitionStatus,
    recognise: bool,
    reason: Option<&str>,
) -> Result<RecognitionStatus, Refusal> {
    if current != RecognitionStatus::Pending {
        return Err(Refusal::AlreadyDecided);
    }
    if recognise {
        return Ok(RecognitionStatus::Recognised);
    }
    match reason.map(str::trim) {
        Some(r) if !r.is_empty() => Ok(RecognitionStatus::Refused),
        _ => Err(Refusal::ReasonRequired),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_organisation_asks_once_and_not_when_it_is_recognised() {
        assert_eq!(may_ask(false, false), Ok(()));
        assert_eq!(may_ask(false, true), Err(Refusal::AlreadyAsked));
        assert_eq!(may_ask(true, false), Err(Refusal::AlreadyRecognised));
    }

    #[test]
    fn staff_recognise_or_refuse_with_a_reason_and_a_decided_request_stays_decided() {
        use RecognitionStatus::{Pending, Recognised, Refused};
        assert_eq!(decide(Pending, true, None), Ok(Recognised));
        assert_eq!(decide(Pending, false, Some("Geen vereniging")), Ok(Refused));
        assert_eq!(
            decide(Pending, false, Some("  ")),
            Err(Refusal::ReasonRequired)
        );
        assert_eq!(decide(Pending, false, None), Err(Refusal::ReasonRequired));
        for done in [Recognised, Refused] {
            for recognise in [true, false] {
                assert_eq!(
                    decide(done, recognise, Some("x")),
                    Err(Refusal::AlreadyDecided)
                );
            }
        }
        assert!(Refusal::AlreadyAsked.is_conflict() && !Refusal::ReasonRequired.is_conflict());
    }
}
