//! Addresses of the register as the API shows them (the address search and Open311).

use samenstad_db::queries::addresses::AddressRow;
use samenstad_types::address::Address;

/// The address on one line: "Driesstraat 99, 9050 Gent".
pub fn label(a: &AddressRow) -> String {
    samenstad_domain::address::label(
        &a.street,
        &a.number,
        a.box_.as_deref(),
        &a.postcode,
        &a.municipality,
    )
}

/// The address as the API shows it.
pub fn view(a: AddressRow) -> Address {
    Address {
        label: label(&a),
        id: a.id,
        street: a.street,
        number: a.number,
        box_number: a.box_,
        postcode: a.postcode,
        municipality: a.municipality,
        lat: a.lat,
        lon: a.lon,
    }
}
