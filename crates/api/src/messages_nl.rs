//! Dutch for the API's messages (problem `title`, `detail` and field messages), keyed by the
//! English text as the code writes it; `{…}` placeholders stand for the parts filled in at run
//! time and appear in the Dutch text too (possibly in another order). A test
//! (`source_style::every_message_of_the_code_has_its_dutch`) fails on a message without its Dutch.

/// (English, Dutch) pairs.
pub(crate) const NL: &[(&str, &str)] = &[
    (
        "1–200 characters, no control characters",
        "1 tot 200 tekens, zonder stuurtekens",
    ),
    ("META gives `{0}` twice", "META geeft `{0}` twee keer"),
    ("META lacks `{0}`", "in META ontbreekt `{0}`"),
    (
        "`api` is the channel of signals posted through Open311 (/open311/v2/requests.json)",
        "`api` is het kanaal van meldingen die via Open311 binnenkomen (/open311/v2/requests.json)",
    ),
    (
        "`score` is not a decimal number: `{0}`",
        "`score` is geen decimaal getal: `{0}`",
    ),
    (
        "`selected` must be 0 or 1, found `{0}`",
        "`selected` moet 0 of 1 zijn, maar is `{0}`",
    ),
    ("`{0}` is empty", "`{0}` is leeg"),
    (
        "`{field}` is not a whole non-negative number: `{value}`",
        "`{field}` is geen geheel getal van 0 of meer: `{value}`",
    ),
    (
        "`{field}` is not an amount with at most two decimals: `{value}`",
        "`{field}` is geen bedrag met hoogstens twee decimalen: `{value}`",
    ),
    (
        "a booking lasts at most 24 hours",
        "een reservering duurt hoogstens 24 uur",
    ),
    (
        "a booking with this Idempotency-Key is being created; retry",
        "een reservering met deze Idempotency-Key wordt net aangemaakt; probeer opnieuw",
    ),
    (
        "a contact is kept only for ideas staff enter for someone else",
        "een contact wordt alleen bewaard bij ideeën die medewerkers voor iemand anders ingeven",
    ),
    (
        "a date and reference go with a college decision only",
        "een datum en referentie horen alleen bij een collegebeslissing",
    ),
    (
        "a hidden idea cannot be supported",
        "een verborgen idee kun je niet steunen",
    ),
    (
        "a new venue has no id yet",
        "een nieuwe locatie heeft nog geen id",
    ),
    (
        "a pseudonym or an account is in the pool already",
        "dit pseudoniem of dit account zit al in de pool",
    ),
    (
        "a request to be verified is pending already",
        "er loopt al een aanvraag om geverifieerd te worden",
    ),
    (
        "a scheme cannot replace itself",
        "een reglement kan zichzelf niet vervangen",
    ),
    (
        "a second staff member must confirm what you entered",
        "een tweede medewerker moet bevestigen wat je ingaf",
    ),
    (
        "a series has at most {MAX_OCCURRENCES} occurrences",
        "een reeks heeft hoogstens {MAX_OCCURRENCES} keren",
    ),
    ("a user_id is not an account", "een user_id is geen account"),
    (
        "a {0} booking cannot be cancelled",
        "een reservering met status {0} kan niet geannuleerd worden",
    ),
    (
        "a {0} booking cannot be completed",
        "een reservering met status {0} kan niet afgerond worden",
    ),
    ("add 1 to 2000 candidates", "voeg 1 tot 2000 kandidaten toe"),
    (
        "an idea is not one of this wijk",
        "een idee hoort niet bij deze wijk",
    ),
    (
        "an occurrence overlaps a booking approved at the same moment",
        "een keer overlapt met een reservering die op hetzelfde moment werd goedgekeurd",
    ),
    ("ask 1 to 20 councils", "vraag 1 tot 20 adviesraden"),
    ("at most 10 documents", "hoogstens 10 documenten"),
    ("at most 100 ideas", "hoogstens 100 ideeën"),
    ("at most 20", "hoogstens 20"),
    ("at most 20 quotas", "hoogstens 20 quota"),
    ("at most 30", "hoogstens 30"),
    (
        "at most 30 partners of at most 200 characters",
        "hoogstens 30 partners van hoogstens 200 tekens",
    ),
    (
        "available_from and available_to go together",
        "available_from en available_to horen samen",
    ),
    (
        "book at least {} days ahead",
        "reserveer minstens {} dagen op voorhand",
    ),
    (
        "book at most {} days ahead",
        "reserveer hoogstens {} dagen op voorhand",
    ),
    (
        "candidate {id} appears more than once",
        "kandidaat {id} komt meer dan eens voor",
    ),
    (
        "cannot grant more than was requested",
        "je kunt niet meer toekennen dan gevraagd",
    ),
    (
        "cannot read the file: {e}",
        "het bestand kan niet gelezen worden: {e}",
    ),
    (
        "change the description, remove the photo, or hide or show the signal",
        "wijzig de beschrijving, verwijder de foto, of verberg of toon de melding",
    ),
    ("choose each proposal once", "kies elk voorstel één keer"),
    (
        "co-signatures come from other residents, not from the applicants",
        "medeondertekeningen komen van andere bewoners, niet van de aanvragers",
    ),
    (
        "each cost is 0 to 4294967295 cents",
        "elke kost is 0 tot 4294967295 cent",
    ),
    (
        "duplicate project id `{0}`",
        "project-id `{0}` komt twee keer voor",
    ),
    (
        "each quota needs an attribute, a value and min ≤ max",
        "elk quotum heeft een kenmerk, een waarde en min ≤ max nodig",
    ),
    (
        "every proposal must be of this wijk and round",
        "elk voorstel moet van deze wijk en ronde zijn",
    ),
    (
        "expected the section title META",
        "de sectietitel META werd verwacht",
    ),
    (
        "expected {expected} fields, found {found}",
        "{expected} velden verwacht, {found} gevonden",
    ),
    (
        "give points for a cumulative ballot, and only then",
        "geef punten bij een cumulatieve stembrief, en alleen dan",
    ),
    (
        "give the actual cost of each of the {lines} budget lines",
        "geef de werkelijke kost van elk van de {lines} begrotingslijnen",
    ),
    (
        "give the number on the paper (1–60 characters)",
        "geef het nummer op het papier (1 tot 60 tekens)",
    ),
    (
        "give the submitter's name for an idea that came in another way",
        "geef de naam van de indiener bij een idee dat op een andere manier binnenkwam",
    ),
    (
        "give the wijk or a point on the map",
        "geef de wijk of een punt op de kaart",
    ),
    ("gone", "verdwenen"),
    ("internal error", "interne fout"),
    ("invalid JSON body: {e}", "ongeldige JSON-inhoud: {e}"),
    (
        "invalid JSON body: {other}",
        "ongeldige JSON-inhoud: {other}",
    ),
    ("invalid request", "ongeldige aanvraag"),
    ("invalid request: {err}", "ongeldige aanvraag: {err}"),
    ("is not a category", "is geen categorie"),
    ("is not a city service", "is geen stadsdienst"),
    (
        "is not a cursor of this list",
        "is geen cursor van deze lijst",
    ),
    ("is not a status of an idea", "is geen status van een idee"),
    ("is not a valid token", "is geen geldig token"),
    ("is not a wijk", "is geen wijk"),
    (
        "is not an address of the register",
        "is geen adres uit het adressenregister",
    ),
    (
        "is not an unsubscribe token",
        "is geen token om je af te melden",
    ),
    ("lat and lon go together", "lat en lon horen samen"),
    ("line {line}: {kind}", "regel {line}: {kind}"),
    ("log in first", "meld je eerst aan"),
    (
        "log in to list your own ideas",
        "meld je aan om je eigen ideeën te zien",
    ),
    (
        "malformed Authorization header",
        "ongeldige Authorization-header",
    ),
    ("malformed line: {0}", "ongeldige regel: {0}"),
    ("missing the {0} section", "de sectie {0} ontbreekt"),
    (
        "more than the project's budget",
        "meer dan het budget van het project",
    ),
    ("must be 0 or more", "moet 0 of meer zijn"),
    (
        "must be 0 to 1 billion euro",
        "moet 0 tot 1 miljard euro zijn",
    ),
    ("must be 0 to 10", "moet 0 tot 10 zijn"),
    ("must be 0 to 120", "moet 0 tot 120 zijn"),
    ("must be 0 to 365", "moet 0 tot 365 zijn"),
    ("must be 0 to 500", "moet 0 tot 500 zijn"),
    (
        "must be 1 cent to 1 billion euro",
        "moet 1 cent tot 1 miljard euro zijn",
    ),
    ("must be 1 or 2", "moet 1 of 2 zijn"),
    ("must be 1 to 100", "moet 1 tot 100 zijn"),
    (
        "must be 1 to 100 characters",
        "moet 1 tot 100 tekens lang zijn",
    ),
    ("must be 1 to 10000", "moet 1 tot 10000 zijn"),
    ("must be 1 to 100000", "moet 1 tot 100000 zijn"),
    (
        "must be 1 to 128 characters",
        "moet 1 tot 128 tekens lang zijn",
    ),
    ("must be 1 to 20", "moet 1 tot 20 zijn"),
    (
        "must be 1 to 200 characters",
        "moet 1 tot 200 tekens lang zijn",
    ),
    (
        "must be 1 to 200 visible characters",
        "moet 1 tot 200 zichtbare tekens lang zijn",
    ),
    ("must be 1 to 500", "moet 1 tot 500 zijn"),
    ("must be 1 to 5000", "moet 1 tot 5000 zijn"),
    ("must be 1 to 730", "moet 1 tot 730 zijn"),
    ("must be 1 to 99", "moet 1 tot 99 zijn"),
    (
        "must be 1 to the panel's size",
        "moet tussen 1 en de grootte van het panel liggen",
    ),
    (
        "must be 10 to 10000 characters",
        "moet 10 tot 10000 tekens lang zijn",
    ),
    (
        "must be 10 to 2000 characters",
        "moet 10 tot 2000 tekens lang zijn",
    ),
    (
        "must be 10 to 20000 characters",
        "moet 10 tot 20000 tekens lang zijn",
    ),
    (
        "must be 10 to 4000 characters",
        "moet 10 tot 4000 tekens lang zijn",
    ),
    (
        "must be 10 to 5000 characters",
        "moet 10 tot 5000 tekens lang zijn",
    ),
    (
        "must be 12 to 128 characters",
        "moet 12 tot 128 tekens lang zijn",
    ),
    (
        "must be 2 to 100 characters",
        "moet 2 tot 100 tekens lang zijn",
    ),
    (
        "must be 2 to 200 characters",
        "moet 2 tot 200 tekens lang zijn",
    ),
    (
        "must be 2 to 2000 characters",
        "moet 2 tot 2000 tekens lang zijn",
    ),
    (
        "must be 2 to 300 characters",
        "moet 2 tot 300 tekens lang zijn",
    ),
    (
        "must be 2 to 4000 characters",
        "moet 2 tot 4000 tekens lang zijn",
    ),
    (
        "must be 2 to 500 characters",
        "moet 2 tot 500 tekens lang zijn",
    ),
    (
        "must be 3 to 1000 characters",
        "moet 3 tot 1000 tekens lang zijn",
    ),
    (
        "must be 3 to 120 characters",
        "moet 3 tot 120 tekens lang zijn",
    ),
    (
        "must be 3 to 160 characters",
        "moet 3 tot 160 tekens lang zijn",
    ),
    (
        "must be 3 to 200 characters",
        "moet 3 tot 200 tekens lang zijn",
    ),
    (
        "must be 3 to 2000 characters",
        "moet 3 tot 2000 tekens lang zijn",
    ),
    (
        "must be 3 to 500 characters",
        "moet 3 tot 500 tekens lang zijn",
    ),
    (
        "must be 3 to 5000 characters",
        "moet 3 tot 5000 tekens lang zijn",
    ),
    (
        "must be 4 to 200 characters",
        "moet 4 tot 200 tekens lang zijn",
    ),
    (
        "must be 5 to 200 characters",
        "moet 5 tot 200 tekens lang zijn",
    ),
    (
        "must be 6 to 40 characters",
        "moet 6 tot 40 tekens lang zijn",
    ),
    (
        "must be `lat,lon` in WGS84 degrees",
        "moet `lat,lon` in WGS84-graden zijn",
    ),
    ("must be a URL", "moet een URL zijn"),
    ("must be a UUID", "moet een UUID zijn"),
    (
        "must be a day from 1900 to 2200",
        "moet een dag van 1900 tot 2200 zijn",
    ),
    (
        "must be a date (YYYY-MM-DD)",
        "moet een datum zijn (JJJJ-MM-DD)",
    ),
    (
        "must be a date YYYY-MM-DD",
        "moet een datum JJJJ-MM-DD zijn",
    ),
    (
        "must be a date, YYYY-MM-DD",
        "moet een datum zijn, JJJJ-MM-DD",
    ),
    ("must be a finite number", "moet een eindig getal zijn"),
    ("must be a latitude", "moet een breedtegraad zijn"),
    ("must be a link", "moet een link zijn"),
    ("must be a longitude", "moet een lengtegraad zijn"),
    (
        "must be a past date after 1900",
        "moet een datum in het verleden na 1900 zijn",
    ),
    ("must be a signal's id", "moet het id van een melding zijn"),
    ("must be a web address", "moet een webadres zijn"),
    (
        "must be add, change or remove",
        "moet add, change of remove zijn",
    ),
    (
        "must be admin, programme_admin, wijk_staff, venue_manager, jury_member, panel_member, service_staff or council_staff",
        "moet admin, programme_admin, wijk_staff, venue_manager, jury_member, panel_member, service_staff of council_staff zijn",
    ),
    (
        "must be after available_from",
        "moet na available_from liggen",
    ),
    ("must be after from", "moet na from liggen"),
    ("must be after opens_at", "moet na opens_at liggen"),
    ("must be after start", "moet na het begin liggen"),
    (
        "must be after start, at most 24 hours later",
        "moet na het begin liggen, hoogstens 24 uur later",
    ),
    ("must be an e-mail address", "moet een e-mailadres zijn"),
    ("must be an https URL", "moet een https-URL zijn"),
    (
        "must be approval, knapsack or cumulative",
        "moet approval, knapsack of cumulative zijn",
    ),
    ("must be approve or reject", "moet approve of reject zijn"),
    ("must be at least 1", "moet minstens 1 zijn"),
    (
        "must be at most 100 characters",
        "mag hoogstens 100 tekens lang zijn",
    ),
    (
        "must be at most 2000 characters",
        "mag hoogstens 2000 tekens lang zijn",
    ),
    (
        "must be at most 254 characters",
        "mag hoogstens 254 tekens lang zijn",
    ),
    (
        "must be at most 4000 characters",
        "mag hoogstens 4000 tekens lang zijn",
    ),
    (
        "must be at most 500 characters",
        "mag hoogstens 500 tekens lang zijn",
    ),
    (
        "must be between -180 and 180",
        "moet tussen -180 en 180 liggen",
    ),
    ("must be between -90 and 90", "moet tussen -90 en 90 liggen"),
    ("must be between 1 and 1000", "moet tussen 1 en 1000 liggen"),
    (
        "must be between 2000 and 2100",
        "moet tussen 2000 en 2100 liggen",
    ),
    (
        "must be bewonersgroep, feitelijke_vereniging, vzw, school or other",
        "moet bewonersgroep, feitelijke_vereniging, vzw, school of other zijn",
    ),
    (
        "must be dialogue, college or panel",
        "moet dialogue, college of panel zijn",
    ),
    (
        "must be dialogue, lottery_panel, public_vote or college_decision",
        "moet dialogue, lottery_panel, public_vote of college_decision zijn",
    ),
    ("must be mes or greedy", "moet mes of greedy zijn"),
    ("must be mine or managed", "moet mine of managed zijn"),
    ("must be more than 0", "moet meer dan 0 zijn"),
    ("must be owner or member", "moet owner of member zijn"),
    (
        "must be planned, in_realisation, realised or stopped",
        "moet planned, in_realisation, realised of stopped zijn",
    ),
    (
        "must be the published seed",
        "moet het gepubliceerde zaad zijn",
    ),
    ("must be today or later", "moet vandaag of later zijn"),
    (
        "must be weekly, biweekly or monthly",
        "moet weekly, biweekly of monthly zijn",
    ),
    (
        "must be wijk, wijken or city",
        "moet wijk, wijken of city zijn",
    ),
    ("must have 1 to 50 lines", "moet 1 tot 50 lijnen hebben"),
    (
        "must not be before the first occurrence",
        "mag niet voor de eerste keer liggen",
    ),
    ("must not be empty", "mag niet leeg zijn"),
    (
        "must start with http:// or https://",
        "moet met http:// of https:// beginnen",
    ),
    ("needs `near`", "vraagt ook `near`"),
    (
        "no account has this address",
        "geen account heeft dit adres",
    ),
    (
        "no account has this address; ask them to register first",
        "geen account heeft dit adres; vraag de persoon eerst te registreren",
    ),
    ("no advisory council {0}", "geen adviesraad {0}"),
    ("no city service {0}", "geen stadsdienst {0}"),
    (
        "no municipality is served at `{host}`",
        "op `{host}` wordt geen gemeente bediend",
    ),
    (
        "no open session has this id",
        "geen open sessie heeft dit id",
    ),
    (
        "no organisation with id `{id}`",
        "geen organisatie met id `{id}`",
    ),
    ("no refresh token", "geen vernieuwingstoken"),
    ("no reserves left", "geen reserves meer"),
    ("no role {0}", "geen rol {0}"),
    (
        "no room with id `{room_id}`",
        "geen zaal met id `{room_id}`",
    ),
    ("no scheme `{key}`", "geen reglement `{key}`"),
    (
        "no service answers this category yet",
        "nog geen dienst behandelt deze categorie",
    ),
    (
        "no sitting member has this pseudonym",
        "geen zetelend lid heeft dit pseudoniem",
    ),
    ("no subsidy scheme {0}", "geen subsidiereglement {0}"),
    ("no such API client", "API-client niet gevonden"),
    ("no such account", "account niet gevonden"),
    ("no such advice request", "adviesvraag niet gevonden"),
    ("no such advisory council", "adviesraad niet gevonden"),
    ("no such application", "aanvraag niet gevonden"),
    ("no such attachment", "bijlage niet gevonden"),
    ("no such booking", "reservering niet gevonden"),
    (
        "no such booking series",
        "reeks reserveringen niet gevonden",
    ),
    ("no such change request", "wijzigingsvoorstel niet gevonden"),
    (
        "no such closure of this venue",
        "sluiting van deze locatie niet gevonden",
    ),
    (
        "no such co-signing link",
        "link om mee te ondertekenen niet gevonden",
    ),
    ("no such deadline", "deadline niet gevonden"),
    ("no such file", "bestand niet gevonden"),
    ("no such follow", "opvolging niet gevonden"),
    ("no such idea", "idee niet gevonden"),
    ("no such member", "lid niet gevonden"),
    ("no such organisation", "organisatie niet gevonden"),
    ("no such panel", "panel niet gevonden"),
    ("no such paper ballot", "papieren stembrief niet gevonden"),
    ("no such programme", "programma niet gevonden"),
    ("no such project", "project niet gevonden"),
    ("no such proposal", "voorstel niet gevonden"),
    ("no such request", "aanvraag niet gevonden"),
    (
        "no such request for recognition",
        "aanvraag tot erkenning niet gevonden",
    ),
    ("no such role assignment", "rol niet gevonden"),
    ("no such room", "zaal niet gevonden"),
    ("no such signal", "melding niet gevonden"),
    ("no such venue", "locatie niet gevonden"),
    ("no such vote", "stemming niet gevonden"),
    ("no such wijk", "wijk niet gevonden"),
    ("no venue `{key}`", "geen locatie `{key}`"),
    ("no venue with id `{id}`", "geen locatie met id `{id}`"),
    ("no venue {0}", "geen locatie {0}"),
    ("no wijk has this number", "geen wijk heeft dit nummer"),
    (
        "no wijk has this number or slug",
        "geen wijk heeft dit nummer of deze slug",
    ),
    (
        "no wijk with number or slug `{key}`",
        "geen wijk met nummer of slug `{key}`",
    ),
    ("no wijk {0}", "geen wijk {0}"),
    (
        "no {what} with id `{value}`",
        "geen {what} met id `{value}`",
    ),
    ("no {} `{}`", "geen {} `{}`"),
    ("not found", "niet gevonden"),
    (
        "nothing in this series is left to decide",
        "in deze reeks valt niets meer te beslissen",
    ),
    (
        "only `client_credentials` is supported",
        "alleen `client_credentials` wordt ondersteund",
    ),
    (
        "only administrators describe a council",
        "alleen beheerders beschrijven een adviesraad",
    ),
    (
        "only administrators edit the routing table",
        "alleen beheerders wijzigen de doorverwijstabel",
    ),
    (
        "only administrators may do this",
        "alleen beheerders mogen dit",
    ),
    (
        "only its author or staff of the wijk may change an idea's photo",
        "alleen de indiener of medewerkers van de wijk mogen de foto van een idee wijzigen",
    ),
    (
        "only its reporter and staff of its service add a photo",
        "alleen de melder en medewerkers van de dienst voegen een foto toe",
    ),
    (
        "only jury members of this scheme may do this",
        "alleen juryleden van dit reglement mogen dit",
    ),
    (
        "only managers of this venue may decide",
        "alleen beheerders van deze locatie mogen beslissen",
    ),
    (
        "only members of the organisation and staff of its wijk see its requests",
        "alleen leden van de organisatie en medewerkers van haar wijk zien haar aanvragen",
    ),
    (
        "only members see the member list",
        "alleen leden zien de ledenlijst",
    ),
    (
        "only owners of this organisation may ask for its recognition",
        "alleen eigenaars van deze organisatie mogen haar erkenning vragen",
    ),
    (
        "only owners of this organisation may do this",
        "alleen eigenaars van deze organisatie mogen dit",
    ),
    (
        "only programme administrators may do this",
        "alleen programmabeheerders mogen dit",
    ),
    (
        "only programme and wijk staff may list all applications",
        "alleen programma- en wijkmedewerkers mogen alle aanvragen oplijsten",
    ),
    (
        "only programme staff may do this",
        "alleen programmamedewerkers mogen dit",
    ),
    (
        "only residents of this wijk may vote here",
        "alleen bewoners van deze wijk mogen hier stemmen",
    ),
    (
        "only residents whose address was verified may vote; ask the wijk's staff",
        "alleen bewoners van wie het adres geverifieerd is mogen stemmen; vraag het aan de medewerkers van de wijk",
    ),
    (
        "only sitting members of the panel score",
        "alleen zetelende leden van het panel geven scores",
    ),
    (
        "only sitting members of the wijk's panel vote on its proposals",
        "alleen zetelende leden van het panel van de wijk stemmen over haar voorstellen",
    ),
    (
        "only staff enter signals received by phone, at a buurtpunt, a buurtsalon or the contact centre",
        "alleen medewerkers geven meldingen in die binnenkwamen via telefoon, een buurtpunt, een buurtsalon of het contactcenter",
    ),
    (
        "only staff entering a signal give the reporter's name and contact",
        "alleen medewerkers die een melding ingeven, geven de naam en het contact van de melder",
    ),
    (
        "only staff of the idea's wijk may do this",
        "alleen medewerkers van de wijk van het idee mogen dit",
    ),
    (
        "only staff of the organisation's wijk decide its recognition",
        "alleen medewerkers van de wijk van de organisatie beslissen over haar erkenning",
    ),
    (
        "only staff of the signal's service answer it",
        "alleen medewerkers van de dienst van de melding beantwoorden ze",
    ),
    (
        "only staff of the signal's service or wijk moderate it",
        "alleen medewerkers van de dienst of de wijk van de melding modereren ze",
    ),
    (
        "only staff of the wijk enter ideas that came in another way",
        "alleen medewerkers van de wijk geven ideeën in die op een andere manier binnenkwamen",
    ),
    (
        "only staff of the wijk list its hidden ideas (give `wijk`)",
        "alleen medewerkers van de wijk zien haar verborgen ideeën (geef `wijk`)",
    ),
    (
        "only staff of this organisation's wijk may recognise it",
        "alleen medewerkers van de wijk van deze organisatie mogen ze erkennen",
    ),
    (
        "only staff of this venue's wijk may decide",
        "alleen medewerkers van de wijk van deze locatie mogen beslissen",
    ),
    (
        "only staff of this wijk and programme staff see its overview",
        "alleen medewerkers van deze wijk en programmamedewerkers zien het overzicht",
    ),
    (
        "only staff of this wijk may do this",
        "alleen medewerkers van deze wijk mogen dit",
    ),
    (
        "only staff of this wijk may post updates",
        "alleen medewerkers van deze wijk mogen updates plaatsen",
    ),
    (
        "only staff of this wijk or members of its panel may decide",
        "alleen medewerkers van deze wijk of leden van haar panel mogen beslissen",
    ),
    (
        "only staff who speak for the city ask councils for advice",
        "alleen medewerkers die namens de stad spreken vragen adviesraden om advies",
    ),
    (
        "only staff who speak for the city respond to advice",
        "alleen medewerkers die namens de stad spreken antwoorden op een advies",
    ),
    (
        "only the council's staff publish or attach its advice",
        "alleen medewerkers van de adviesraad publiceren haar advies of voegen het toe",
    ),
    (
        "only the reporter reopens a signal",
        "alleen de melder heropent een melding",
    ),
    (
        "only the requester or a manager of this venue",
        "alleen de aanvrager of een beheerder van deze locatie",
    ),
    (
        "only the requester or a manager of this venue may cancel",
        "alleen de aanvrager of een beheerder van deze locatie mag annuleren",
    ),
    (
        "only the venue's managers and staff of its wijk may change it",
        "alleen beheerders van de locatie en medewerkers van haar wijk mogen ze wijzigen",
    ),
    (
        "only the venue's managers and staff of its wijk may change its photo",
        "alleen beheerders van de locatie en medewerkers van haar wijk mogen haar foto wijzigen",
    ),
    (
        "only wijk staff keep the recognition queue",
        "alleen wijkmedewerkers beheren de wachtrij voor erkenningen",
    ),
    (
        "paper ballot {paper_ref} was entered already",
        "papieren stembrief {paper_ref} werd al ingegeven",
    ),
    (
        "points are for cumulative ballots only",
        "punten horen alleen bij cumulatieve stembrieven",
    ),
    ("points must be positive", "punten moeten positief zijn"),
    (
        "project `{0}` appears twice in one vote",
        "project `{0}` komt twee keer voor in één stem",
    ),
    (
        "project id `{0}` contains a comma",
        "project-id `{0}` bevat een komma",
    ),
    (
        "publish the seed first (POST /projects/panels/{id}/seed): it must be public before the draw",
        "publiceer eerst het zaad (POST /projects/panels/{id}/seed): het moet openbaar zijn voor de loting",
    ),
    (
        "put at least one proposal to the vote",
        "leg minstens één voorstel ter stemming voor",
    ),
    ("say which venue", "zeg welke locatie"),
    (
        "score every criterion once: {}",
        "geef elk criterium één score: {}",
    ),
    (
        "section {found} cannot come here: expected {expected}",
        "sectie {found} hoort hier niet: {expected} verwacht",
    ),
    (
        "send the body as application/json",
        "stuur de inhoud als application/json",
    ),
    (
        "send the version you changed as If-Match (the ETag of the GET)",
        "stuur de versie die je wijzigde als If-Match (de ETag van de GET)",
    ),
    ("send {expected}", "stuur {expected}"),
    (
        "text may not contain the NUL character (U+0000)",
        "tekst mag het NUL-teken (U+0000) niet bevatten",
    ),
    (
        "the access token is invalid or expired",
        "het toegangstoken is ongeldig of verlopen",
    ),
    (
        "the account already has this role",
        "het account heeft deze rol al",
    ),
    (
        "the account no longer exists",
        "het account bestaat niet meer",
    ),
    (
        "the application does not meet the scheme's rules yet",
        "de aanvraag voldoet nog niet aan de regels van het reglement",
    ),
    ("the application is {0}", "de aanvraag is {0}"),
    (
        "the application is {s}; you cannot {what} now",
        "de aanvraag is {s}; je kunt nu niet {what}",
    ),
    (
        "the application was submitted already",
        "de aanvraag werd al ingediend",
    ),
    ("the ballot is confirmed already", "de stem is al bevestigd"),
    (
        "the body cannot be read",
        "de inhoud kan niet gelezen worden",
    ),
    (
        "the body must be a JSON object",
        "de inhoud moet een JSON-object zijn",
    ),
    ("the booking is already {0}", "de reservering is al {0}"),
    (
        "the column `{0}` appears twice in the header",
        "de kolom `{0}` komt twee keer voor in de kop",
    ),
    (
        "the current password is wrong",
        "het huidige wachtwoord klopt niet",
    ),
    (
        "the database is unavailable; try again shortly",
        "de databank is even niet bereikbaar; probeer het zo meteen opnieuw",
    ),
    (
        "the e-mail address or the password is wrong",
        "het e-mailadres of het wachtwoord klopt niet",
    ),
    ("the file is empty", "het bestand is leeg"),
    (
        "the last day comes before the first",
        "de laatste dag ligt voor de eerste",
    ),
    (
        "the last owner cannot leave; make someone else owner first",
        "de laatste eigenaar kan niet vertrekken; maak eerst iemand anders eigenaar",
    ),
    ("the panel is drawn already", "het panel is al geloot"),
    ("the panel is not drawn yet", "het panel is nog niet geloot"),
    (
        "the password changed; log in again",
        "het wachtwoord is gewijzigd; meld je opnieuw aan",
    ),
    ("the password is wrong", "het wachtwoord klopt niet"),
    (
        "the resident is verified in another wijk: they ask to move (a residence request for this wijk), or staff of that wijk record it",
        "de bewoner is in een andere wijk geverifieerd: de bewoner vraagt zelf om te verhuizen (een aanvraag voor deze wijk), of medewerkers van die wijk leggen het vast",
    ),
    (
        "the point is in none of the wijken",
        "het punt ligt in geen van de wijken",
    ),
    (
        "the proposal is not one of this panel's",
        "het voorstel hoort niet bij dit panel",
    ),
    (
        "the quota for {attribute} = {value} {reason}",
        "het quotum voor {attribute} = {value} {reason}",
    ),
    (
        "the quotas cannot be met: {detail}",
        "aan de quota kan niet voldaan worden: {detail}",
    ),
    (
        "the request body is too large",
        "de inhoud van de aanvraag is te groot",
    ),
    (
        "the room holds at most {} people",
        "de zaal biedt plaats aan hoogstens {} personen",
    ),
    (
        "the room is already booked in this period",
        "de zaal is in deze periode al gereserveerd",
    ),
    (
        "the scheme has no budget for {year}",
        "het reglement heeft geen budget voor {year}",
    ),
    (
        "the seed is public (or the panel drawn): the pool is closed",
        "het zaad is openbaar (of het panel geloot): de pool is gesloten",
    ),
    (
        "the seed of this panel is published already",
        "het zaad van dit panel is al gepubliceerd",
    ),
    ("the signal is closed", "de melding is afgesloten"),
    (
        "the venue of this request no longer exists",
        "de locatie van deze aanvraag bestaat niet meer",
    ),
    (
        "the venue still has bookings; cancel or complete them first",
        "de locatie heeft nog reserveringen; annuleer of rond ze eerst af",
    ),
    (
        "the vote lists {projects} projects but {points} points",
        "de stem noemt {projects} projecten maar {points} punten",
    ),
    (
        "the wijk already has a vote in this round",
        "de wijk heeft al een stemming in deze ronde",
    ),
    (
        "the wijk has a panel in this round already",
        "de wijk heeft al een panel in deze ronde",
    ),
    (
        "the wijk has no drawn lottery panel",
        "de wijk heeft geen geloot panel",
    ),
    (
        "the wijk takes part in no active programme round",
        "de wijk neemt aan geen lopende programmaronde deel",
    ),
    (
        "the window is at most 366 days",
        "de periode is hoogstens 366 dagen",
    ),
    (
        "the {0} section has no header row",
        "de sectie {0} heeft geen kopregel",
    ),
    (
        "the {declared} image is damaged",
        "de {declared}-afbeelding is beschadigd",
    ),
    (
        "the {section} header lacks the column `{column}`",
        "in de kop van {section} ontbreekt de kolom `{column}`",
    ),
    (
        "the {year} budget has {remaining_cents} cents left; this needs {amount_cents}",
        "het budget van {year} heeft nog {remaining_cents} cent; dit vraagt {amount_cents}",
    ),
    ("there are no reserves left", "er zijn geen reserves meer"),
    (
        "this account does not manage the venue",
        "dit account beheert de locatie niet",
    ),
    ("this already exists", "dit bestaat al"),
    (
        "this application waits for its jury deadline",
        "deze aanvraag wacht op haar jurydeadline",
    ),
    (
        "this client lacks the residence:write scope",
        "deze client heeft de scope residence:write niet",
    ),
    (
        "this council was not asked for advice on this request",
        "deze adviesraad werd niet om advies gevraagd over deze vraag",
    ),
    (
        "this deadline went to the jury already",
        "deze deadline ging al naar de jury",
    ),
    (
        "this endpoint is for people, not API clients",
        "dit endpoint is voor mensen, niet voor API-clients",
    ),
    (
        "this invitation is invalid, used, expired or meant for another address",
        "deze uitnodiging is ongeldig, gebruikt, verlopen of bedoeld voor een ander adres",
    ),
    (
        "this link has expired; ask the applicant for a new one",
        "deze link is verlopen; vraag de aanvrager om een nieuwe",
    ),
    (
        "this link is invalid, already used or expired",
        "deze link is ongeldig, al gebruikt of verlopen",
    ),
    ("this room allows: {}", "deze zaal laat toe: {}"),
    (
        "this unsubscribe link is not valid (was it cut off?)",
        "deze afmeldlink is niet geldig (werd ze afgebroken?)",
    ),
    (
        "this wijk takes part in no round of the programme",
        "deze wijk neemt aan geen ronde van het programma deel",
    ),
    (
        "too many attempts; try again in {0} seconds",
        "te veel pogingen; probeer opnieuw over {0} seconden",
    ),
    (
        "unknown client or wrong secret",
        "onbekende client of verkeerd geheim",
    ),
    (
        "unsupported vote_type `{0}` (expected approval, cumulative, ordinal or scoring)",
        "vote_type `{0}` wordt niet ondersteund (verwacht: approval, cumulative, ordinal of scoring)",
    ),
    (
        "use `Authorization: Bearer <token>`",
        "gebruik `Authorization: Bearer <token>`",
    ),
    (
        "use a-z, 0-9 and single dashes",
        "gebruik a-z, 0-9 en enkele streepjes",
    ),
    ("user_id must be a UUID", "user_id moet een UUID zijn"),
    (
        "verify your e-mail address first",
        "bevestig eerst je e-mailadres",
    ),
    (
        "vote for unknown project `{0}`",
        "stem voor onbekend project `{0}`",
    ),
    (
        "wijk numbers run from 1 to 25",
        "wijknummers lopen van 1 tot 25",
    ),
    (
        "you can only apply for an organisation you are a member of",
        "je kunt alleen aanvragen voor een organisatie waarvan je lid bent",
    ),
    (
        "you can only book for organisations you belong to",
        "je kunt alleen reserveren voor organisaties waartoe je behoort",
    ),
    (
        "you can only submit for organisations you belong to",
        "je kunt alleen indienen voor organisaties waartoe je behoort",
    ),
    ("you have not voted yet", "je hebt nog niet gestemd"),
    ("you signed this already", "je ondertekende dit al"),
    ("{0}", "{0}"),
    (
        "{id} is not a member of the panel",
        "{id} is geen lid van het panel",
    ),
    (
        "{id} is not among the candidates",
        "{id} is geen van de kandidaten",
    ),
    (
        "{} manages this venue already",
        "{} beheert deze locatie al",
    ),
    (
        "{} occurrence(s) overlap approved bookings",
        "{} keer/keren overlappen met goedgekeurde reserveringen",
    ),
    (
        "{needed} candidates are needed for the panel and the reserves, the pool has {available}",
        "voor het panel en de reserves zijn {needed} kandidaten nodig, de pool heeft er {available}",
    ),
    (
        "no municipality is served here",
        "hier wordt geen gemeente bediend",
    ),
    ("Bad Request", "Ongeldige aanvraag"),
    ("Unauthorized", "Niet aangemeld"),
    ("Forbidden", "Niet toegestaan"),
    ("Not Found", "Niet gevonden"),
    ("Method Not Allowed", "Methode niet toegestaan"),
    ("Not Acceptable", "Niet aanvaardbaar"),
    ("Conflict", "Conflict"),
    ("Gone", "Verdwenen"),
    ("Precondition Failed", "Voorwaarde niet voldaan"),
    ("Payload Too Large", "Te groot"),
    ("Unsupported Media Type", "Mediatype niet ondersteund"),
    ("Unprocessable Entity", "Niet te verwerken"),
    ("Precondition Required", "Voorwaarde vereist"),
    ("Too Many Requests", "Te veel pogingen"),
    ("Internal Server Error", "Interne fout"),
    ("Service Unavailable", "Dienst niet beschikbaar"),
    ("Error", "Fout"),
    (
        "An unexpected error occurred.",
        "Er ging iets onverwachts mis.",
    ),
    ("No resource at this path.", "Niets op dit pad."),
    (
        "This method is not allowed on this path.",
        "Deze methode is op dit pad niet toegestaan.",
    ),
    (
        "The request body is too large.",
        "De inhoud van de aanvraag is te groot.",
    ),
    (
        "give an e-mail address or a phone number",
        "geef een e-mailadres of een telefoonnummer",
    ),
    (
        "must be 1 to 120 characters",
        "moet 1 tot 120 tekens lang zijn",
    ),
    (
        "must be 300 characters at most",
        "mag hoogstens 300 tekens lang zijn",
    ),
    (
        "must not be only spaces",
        "mag niet enkel uit spaties bestaan",
    ),
    (
        "must be a phone number: digits, spaces and + . / ( ) -",
        "moet een telefoonnummer zijn: cijfers, spaties en + . / ( ) -",
    ),
    (
        "wijk {wijknr} has no contact",
        "wijk {wijknr} heeft geen contact",
    ),
    ("must be a whole number", "moet een geheel getal zijn"),
    ("must be a number", "moet een getal zijn"),
    ("is too large", "is te groot"),
    ("is too small", "is te klein"),
    ("must be true or false", "moet true of false zijn"),
    (
        "unknown variant `{0}`, expected one of {1}",
        "onbekende waarde `{0}`, verwacht een van {1}",
    ),
    (
        "unknown variant `{0}`, expected {1}",
        "onbekende waarde `{0}`, verwacht {1}",
    ),
];
