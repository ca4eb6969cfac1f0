//! `/staff/contacts`: who residents contact in each of my wijken (the wijkregisseur), as the
//! wijk page shows it.

use leptos::prelude::*;
use samenstad_types::wijk::SetWijkContact;

use super::{
    Access, Closed, Problem, StaffNav, WijkPicker, access, act, chosen_wijk, is_staff, my_wijken,
    notice, pick, provide_notice, tx,
};
use crate::api;
use crate::app::set_title;
use crate::i18n::use_lang;
use crate::state::use_session;

/// Pick a wijk, then set or remove its contact.
#[component]
pub fn WijkContactsPage() -> impl IntoView {
    provide_notice();
    let lang = use_lang();
    Effect::new(move |_| {
        set_title(pick(
            lang.get(),
            "Contact in de wijk",
            "Contact in the wijk",
        ))
    });
    let allowed = access(is_staff);
    let wijken = my_wijken();
    let wijk = chosen_wijk(wijken);
    view! {
        <h1>{tx("Contact in de wijk", "Contact in the wijk")}</h1>
        <StaffNav />
        {move || match allowed() {
            Access::Open => view! {
                <p>{tx(
                    "Wie bewoners contacteren in de wijk: de wijkregisseur of het wijkteam. De wijkpagina toont het aan iedereen.",
                    "Who residents contact in the wijk: the wijkregisseur or the wijk team. The wijk page shows it to everyone.",
                )}</p>
                <WijkPicker path="/staff/contacts" wijken=wijken wijk=wijk />
                {move || {
                    let nr = wijk.get();
                    (!nr.is_empty()).then(|| view! { <ContactForm wijk=nr /> })
                }}
            }.into_any(),
            other => view! { <Closed access=other /> }.into_any(),
        }}
    }
}

/// The contact form of wijk `wijk` (its number), filled with the contact it has.
#[component]
fn ContactForm(wijk: String) -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let notice = notice();
    let message = RwSignal::new(None::<String>);
    let name = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let phone = RwSignal::new(String::new());
    let hours = RwSignal::new(String::new());
    let has = RwSignal::new(false);
    let current = {
        let wijk = wijk.clone();
        LocalResource::new(move || {
            let wijk = wijk.clone();
            async move { api::client().ok()?.wijk_contact(&wijk).await.ok().flatten() }
        })
    };
    Effect::new(move |_| {
        if let Some(found) = current.get() {
            has.set(found.is_some());
            name.set(found.as_ref().map(|c| c.name.clone()).unwrap_or_default());
            email.set(
                found
                    .as_ref()
                    .and_then(|c| c.email.clone())
                    .unwrap_or_default(),
            );
            phone.set(
                found
                    .as_ref()
                    .and_then(|c| c.phone.clone())
                    .unwrap_or_default(),
            );
            hours.set(found.and_then(|c| c.office_hours).unwrap_or_default());
        }
    });
    let save = {
        let wijk = wijk.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let body = SetWijkContact {
                name: name.get_untracked(),
                email: Some(email.get_untracked()),
                phone: Some(phone.get_untracked()),
                office_hours: Some(hours.get_untracked()),
            };
            let wijk = wijk.clone();
            act(
                session,
                message,
                move |c| async move { c.set_wijk_contact(&wijk, &body).await },
                move |saved| {
                    has.set(true);
                    name.set(saved.name);
                    notice.set(Some(
                        pick(
                            lang.get_untracked(),
                            "Het contact is bewaard.",
                            "The contact was saved.",
                        )
                        .to_owned(),
                    ));
                },
            );
        }
    };
    let remove = move |_| {
        let wijk = wijk.clone();
        act(
            session,
            message,
            move |c| async move { c.delete_wijk_contact(&wijk).await },
            move |()| {
                has.set(false);
                for field in [name, email, phone, hours] {
                    field.set(String::new());
                }
                notice.set(Some(
                    pick(
                        lang.get_untracked(),
                        "Het contact is verwijderd.",
                        "The contact was removed.",
                    )
                    .to_owned(),
                ));
            },
        );
    };
    let field = move |id: &'static str,
                      label: (&'static str, &'static str),
                      value: RwSignal<String>,
                      kind: &'static str,
                      max: &'static str| {
        view! {
            <p class="field">
                <label for=id>{tx(label.0, label.1)}</label>
                <input id=id type=kind maxlength=max prop:value=value on:input=move |ev| value.set(event_target_value(&ev)) />
            </p>
        }
    };
    view! {
        <form class="wijk-contact-form" on:submit=save>
            {field("contact-name", ("Naam (persoon of team)", "Name (person or team)"), name, "text", "120")}
            {field("contact-email", ("E-mailadres", "E-mail address"), email, "email", "254")}
            {field("contact-phone", ("Telefoonnummer", "Phone number"), phone, "tel", "30")}
            {field("contact-hours", ("Wanneer en waar (bv. dinsdag 14–16 uur in het buurtcentrum)", "When and where (e.g. Tuesday 2–4 pm at the community centre)"), hours, "text", "300")}
            <Problem message=message />
            <button type="submit">{tx("Bewaren", "Save")}</button>
            <Show when=move || has.get()>
                " " <button type="button" class="refuse" on:click=remove.clone()>{tx("Verwijderen", "Remove")}</button>
            </Show>
        </form>
    }
}
