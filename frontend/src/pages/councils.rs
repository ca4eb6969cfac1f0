//! Advisory councils (adviesraden): the councils, the advice requests the city publishes before
//! they answer, a request's page with each council's advice and the city's response (and the
//! forms to publish and to respond), and the form to ask councils for advice.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};
use samenstad_types::councils::{
    Advice, AdviceRequest, AdviceRequestQuery, AdviceResponse, AdvisoryCouncil, NewAdviceRequest,
    PublishAdvice, RespondToAdvice,
};

use crate::api;
use crate::app::set_title;
use crate::components::follow::FollowControl;
use crate::format::date;
use crate::i18n::use_lang;
use crate::labels;
use crate::staff::{Done, Problem, act, pick, tx};
use crate::state::use_session;
use samenstad_types::follows::FollowKind;

fn councils() -> LocalResource<Vec<AdvisoryCouncil>> {
    LocalResource::new(|| async {
        match api::client() {
            Ok(c) => c.list_advisory_councils().await.unwrap_or_default(),
            Err(_) => Vec::new(),
        }
    })
}

/// Whether the signed-in person speaks for the city on advice (as the server checks it).
fn speaks_for_city(roles: &[samenstad_types::account::RoleAssignment]) -> bool {
    roles.iter().any(|r| {
        matches!(
            r.role.as_str(),
            "admin" | "programme_admin" | "service_staff"
        )
    })
}

/// A list of requests.
#[component]
fn RequestList(requests: Vec<AdviceRequest>) -> impl IntoView {
    let lang = use_lang();
    if requests.is_empty() {
        return view! { <p>{tx("Nog geen adviesvragen.", "No advice requests yet.")}</p> }
            .into_any();
    }
    view! {
        <ul class="advice-requests">{requests.into_iter().map(|r| {
            let status = r.status;
            let asked = r.advice.iter().map(|a| a.council_name.clone()).collect::<Vec<_>>().join(", ");
            let answered = r.advice.iter().filter(|a| a.published_at.is_some()).count();
            let total = r.advice.len();
            view! { <li>
                <A href=format!("/advice/{}", r.id)>{r.subject.clone()}</A>
                <p class="hint">{r.requested_by.clone()} " · " {move || pick(lang.get(), "deadline", "deadline")} " " {date(&r.deadline)}
                    " · " {move || labels::advice_request_status(lang.get(), status)}
                    " · " {format!("{answered}/{total}")} " " {move || pick(lang.get(), "adviezen", "advices")}</p>
                <p class="hint">{asked}</p>
            </li> }
        }).collect_view()}</ul>
    }
    .into_any()
}

/// `/councils`: the councils and the newest advice requests.
#[component]
pub fn CouncilsPage() -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    set_title("Adviesraden");
    let councils = councils();
    let requests = LocalResource::new(|| async {
        api::client()?
            .list_advice_requests(&AdviceRequestQuery {
                limit: Some(50),
                ..Default::default()
            })
            .await
            .map(|p| p.items)
            .map_err(|e| e.to_string())
    });
    view! {
        <h1>{tx("Adviesraden", "Advisory councils")}</h1>
        <p>{tx("De stad vraagt haar adviesraden om advies. Elke vraag staat hier vooraf, met de deadline; daarna het advies van elke raad en wat de stad ermee doet.",
               "The city asks its advisory councils for advice. Every request is here beforehand, with its deadline; then each council's advice and what the city does with it.")}</p>
        <Show when=move || session.me.get().is_some_and(|me| speaks_for_city(&me.roles))>
            <p><A href="/advice/new">{move || pick(lang.get(), "Advies vragen", "Ask for advice")}</A></p>
        </Show>
        <h2>{tx("Adviesvragen", "Advice requests")}</h2>
        <p><a href="/api/v1/advice-requests/deadlines.ics">{tx("Deadlines in je agenda (iCal)", "Deadlines in your calendar (iCal)")}</a></p>
        <Transition fallback=|| ()>
            {move || requests.get().map(|r| match r {
                Ok(list) => view! { <RequestList requests=list /> }.into_any(),
                Err(e) => view! { <p role="alert">{e}</p> }.into_any(),
            })}
        </Transition>
        <h2>{tx("De raden", "The councils")}</h2>
        <ul class="councils">{move || councils.get().map(|list| list.into_iter().map(|c| {
            let kind = c.kind;
            view! { <li>
                <A href=format!("/councils/{}", c.key)>{c.name.clone()}</A>
                <span class="hint">" · " {move || labels::council_kind(lang.get(), kind)} " · " {c.requests} " " {move || pick(lang.get(), "adviesvragen", "requests")}</span>
            </li> }
        }).collect_view())}</ul>
    }
}

/// `/councils/:key`: a council, its support contact and the requests it was asked.
#[component]
pub fn CouncilPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let key = move || params.read().get("key").unwrap_or_default();
    let councils = councils();
    let requests = LocalResource::new(move || {
        let key = key();
        async move {
            api::client()?
                .list_advice_requests(&AdviceRequestQuery {
                    council: Some(key),
                    limit: Some(50),
                    ..Default::default()
                })
                .await
                .map(|p| p.items)
                .map_err(|e| e.to_string())
        }
    });
    view! {
        {move || councils.get().map(|list| match list.into_iter().find(|c| c.key == key()) {
            None => view! { <h1>{tx("Adviesraad niet gevonden", "Advisory council not found")}</h1> }.into_any(),
            Some(c) => {
                set_title(&c.name);
                let kind = c.kind;
                view! {
                    <h1>{c.name.clone()}</h1>
                    <p class="hint">{move || labels::council_kind(lang.get(), kind)}</p>
                    {(!c.description.is_empty()).then(|| view! { <p>{c.description.clone()}</p> })}
                    {c.contact_name.clone().map(|n| view! { <p class="contact">{tx("Ondersteuning bij de stad:", "Support at the city:")} " " {n}
                        {c.contact_email.clone().map(|e| view! { " · " <a href=format!("mailto:{e}")>{e.clone()}</a> })}</p> })}
                    <FollowControl kind=FollowKind::Council target=c.key.clone() />
                }.into_any()
            }
        })}
        <h2>{tx("Adviesvragen aan deze raad", "Advice requests to this council")}</h2>
        <Transition fallback=|| ()>
            {move || requests.get().map(|r| match r {
                Ok(list) => view! { <RequestList requests=list /> }.into_any(),
                Err(e) => view! { <p role="alert">{e}</p> }.into_any(),
            })}
        </Transition>
        <p><A href="/councils">{move || pick(lang.get(), "Alle adviesraden", "All advisory councils")}</A></p>
    }
}

/// `/advice/:id`: a request, each council's advice and the city's response; the council's staff
/// publish their advice here, and the city's staff record the response.
#[component]
pub fn AdviceRequestPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let id = move || params.read().get("id").unwrap_or_default();
    let version = RwSignal::new(0u32);
    let done = RwSignal::new(None::<String>);
    // Loaded once for the page: each council's part needs the council's id for the role check.
    let councils = councils();
    let request = LocalResource::new(move || {
        let id = id();
        version.track();
        async move {
            api::client()?
                .get_advice_request(&id)
                .await
                .map_err(|e| e.to_string())
        }
    });
    view! {
        <Done message=done />
        {move || request.get().map(|r| match r {
            Err(e) => view! { <h1>{tx("Adviesvraag", "Advice request")}</h1><p role="alert">{e}</p> }.into_any(),
            Ok(r) => {
                set_title(&r.subject);
                let status = r.status;
                let request_id = r.id.clone();
                view! {
                    <h1>{r.subject.clone()}</h1>
                    <dl class="facts">
                        <dt>{tx("Gevraagd door", "Asked by")}</dt><dd>{r.requested_by.clone()}</dd>
                        <dt>{tx("Deadline", "Deadline")}</dt><dd class="deadline">{date(&r.deadline)}</dd>
                        <dt>{tx("Stand", "Status")}</dt><dd class="status">{move || labels::advice_request_status(lang.get(), status)}</dd>
                    </dl>
                    <p class="question">{r.question.clone()}</p>
                    {(!r.documents.is_empty()).then(|| view! {
                        <h2>{tx("Documenten", "Documents")}</h2>
                        <ul>{r.documents.iter().map(|d| view! { <li><a href=d.clone() rel="external">{d.clone()}</a></li> }).collect_view()}</ul>
                    })}
                    <h2>{tx("Adviezen", "Advice")}</h2>
                    <ul class="advice-list">{r.advice.into_iter().map(|a| view! {
                        <AdviceItem request=request_id.clone() advice=a councils=councils version=version done=done />
                    }).collect_view()}</ul>
                }.into_any()
            }
        })}
        <p><A href="/councils">{move || pick(lang.get(), "Alle adviesraden", "All advisory councils")}</A></p>
    }
}

/// One council's advice with the city's response, and the form that fits the person.
#[component]
fn AdviceItem(
    request: String,
    advice: Advice,
    councils: LocalResource<Vec<AdvisoryCouncil>>,
    version: RwSignal<u32>,
    done: RwSignal<Option<String>>,
) -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let council = advice.council.clone();
    let council_for_form = council.clone();
    let council_for_response = council.clone();
    let request_for_response = request.clone();
    let published = advice.published_at.is_some();
    let responded = advice.response.is_some();
    // The council's staff see the publish form; the server checks the same.
    let is_council_staff = move || {
        let Some(me) = session.me.get() else {
            return false;
        };
        let id = councils
            .get()
            .and_then(|l| l.into_iter().find(|c| c.key == council).map(|c| c.id));
        me.roles
            .iter()
            .any(|r| r.role == "admin" || (r.role == "council_staff" && r.scope_id == id))
    };
    let city = move || {
        session
            .me
            .get()
            .is_some_and(|me| speaks_for_city(&me.roles))
    };
    let response = advice.response;
    view! {
        <li class="advice" data-council=advice.council.clone()>
            <h3>{advice.council_name.clone()}</h3>
            {match advice.text.clone() {
                Some(text) => view! {
                    <p class="advice-text">{text}</p>
                    {advice.document_url.clone().map(|u| view! { <p><a href=u.clone() rel="external">{tx("Het advies als document", "The advice as a document")}</a></p> })}
                    <p class="hint">{tx("Gepubliceerd op", "Published on")} " " {advice.published_at.as_deref().map(date).unwrap_or_default()}</p>
                }.into_any(),
                None => view! { <p class="hint">{tx("Nog geen advies.", "No advice yet.")}</p> }.into_any(),
            }}
            {response.map(|resp| view! {
                <p class="response"><strong>{tx("Wat de stad ermee doet:", "What the city does with it:")}</strong> " "
                    {move || labels::advice_response(lang.get(), resp)}</p>
                <p class="response-reason">{advice.response_reason.clone().unwrap_or_default()}</p>
            })}
            {crate::app::signed_in(|| view! {
                <Show when=move || !published && is_council_staff()>
                    <PublishForm request=request.clone() council=council_for_form.clone() version=version done=done />
                </Show>
                <Show when=move || published && !responded && city()>
                    <ResponseForm request=request_for_response.clone() council=council_for_response.clone() version=version done=done />
                </Show>
            })}
        </li>
    }
}

#[component]
fn PublishForm(
    request: String,
    council: String,
    version: RwSignal<u32>,
    done: RwSignal<Option<String>>,
) -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let text = RwSignal::new(String::new());
    let url = RwSignal::new(String::new());
    let message = RwSignal::new(None::<String>);
    let field = format!("advice-{council}");
    let url_field = format!("advice-url-{council}");
    let file_field = format!("advice-file-{council}");
    let file: NodeRef<leptos::html::Input> = NodeRef::new();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (request, council) = (request.clone(), council.clone());
        let body = PublishAdvice {
            text: text.get_untracked().trim().to_owned(),
            document_url: Some(url.get_untracked().trim().to_owned()).filter(|u| !u.is_empty()),
        };
        let input = file.get_untracked();
        // The text first (it publishes the advice), then the PDF if one was chosen.
        act(
            session,
            message,
            move |c| async move {
                c.publish_advice(&request, &council, &body).await?;
                match crate::upload::chosen_file(input).await {
                    Some((_, _, pdf)) => c
                        .attach_advice_document(&request, &council, pdf)
                        .await
                        .map(Some),
                    None => Ok(None),
                }
            },
            move |_| {
                done.set(Some(
                    pick(
                        lang.get_untracked(),
                        "Het advies is gepubliceerd.",
                        "The advice is published.",
                    )
                    .to_owned(),
                ));
                version.update(|v| *v += 1);
            },
        );
    };
    view! {
        <form class="publish-advice" on:submit=submit>
            <p class="field"><label for=field.clone()>{tx("Het advies van de raad", "The council's advice")}</label>
                <textarea id=field required=true minlength="10" maxlength="20000" rows="6" prop:value=text on:input=move |ev| text.set(event_target_value(&ev))></textarea></p>
            <p class="field"><label for=url_field.clone()>{tx("Link naar het advies als document (niet verplicht)", "Link to the advice as a document (optional)")}</label>
                <input id=url_field type="url" maxlength="500" prop:value=url on:input=move |ev| url.set(event_target_value(&ev)) /></p>
            <p class="field"><label for=file_field.clone()>{tx("Of het advies als PDF (niet verplicht, tot 10 MB)", "Or the advice as a PDF (optional, up to 10 MB)")}</label>
                <input id=file_field type="file" accept="application/pdf" node_ref=file /></p>
            <Problem message=message />
            <button type="submit">{tx("Advies publiceren", "Publish the advice")}</button>
        </form>
    }
}

#[component]
fn ResponseForm(
    request: String,
    council: String,
    version: RwSignal<u32>,
    done: RwSignal<Option<String>>,
) -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let response = RwSignal::new(AdviceResponse::Followed);
    let reason = RwSignal::new(String::new());
    let message = RwSignal::new(None::<String>);
    let select = format!("response-{council}");
    let why = format!("response-reason-{council}");
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (request, council) = (request.clone(), council.clone());
        let body = RespondToAdvice {
            response: response.get_untracked(),
            reason: reason.get_untracked().trim().to_owned(),
        };
        act(
            session,
            message,
            move |c| async move { c.respond_to_advice(&request, &council, &body).await },
            move |_| {
                done.set(Some(
                    pick(
                        lang.get_untracked(),
                        "Het antwoord van de stad is bewaard.",
                        "The city's response is saved.",
                    )
                    .to_owned(),
                ));
                version.update(|v| *v += 1);
            },
        );
    };
    view! {
        <form class="respond-advice" on:submit=submit>
            <p class="field"><label for=select.clone()>{tx("Wat doet de stad met dit advies?", "What does the city do with this advice?")}</label>
                <select id=select on:change=move |ev| response.set(AdviceResponse::parse(&event_target_value(&ev)).unwrap_or(AdviceResponse::Followed))>
                    {AdviceResponse::ALL.iter().map(|r| {
                        let r = *r;
                        view! { <option value=r.as_str() selected=move || response.get() == r>{move || labels::advice_response(lang.get(), r)}</option> }
                    }).collect_view()}
                </select></p>
            <p class="field"><label for=why.clone()>{tx("Waarom (publiek)", "Why (public)")}</label>
                <textarea id=why required=true minlength="2" maxlength="4000" rows="4" prop:value=reason on:input=move |ev| reason.set(event_target_value(&ev))></textarea></p>
            <Problem message=message />
            <button type="submit">{tx("Antwoord bewaren", "Save the response")}</button>
        </form>
    }
}

/// `/advice/new`: a service asks councils for advice.
#[component]
pub fn NewAdviceRequestPage() -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let navigate = use_navigate();
    set_title("Advies vragen");
    let councils = councils();
    let subject = RwSignal::new(String::new());
    let question = RwSignal::new(String::new());
    let requested_by = RwSignal::new(String::new());
    let documents = RwSignal::new(String::new());
    let deadline = RwSignal::new(String::new());
    let chosen = RwSignal::new(Vec::<String>::new());
    let message = RwSignal::new(None::<String>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = NewAdviceRequest {
            subject: subject.get_untracked().trim().to_owned(),
            question: question.get_untracked().trim().to_owned(),
            requested_by: requested_by.get_untracked().trim().to_owned(),
            documents: documents
                .get_untracked()
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(str::to_owned)
                .collect(),
            deadline: deadline.get_untracked(),
            councils: chosen.get_untracked(),
        };
        let navigate = navigate.clone();
        act(
            session,
            message,
            move |c| async move { c.create_advice_request(&body).await },
            move |r: AdviceRequest| {
                navigate(&format!("/advice/{}", r.id), Default::default());
            },
        );
    };
    view! {
        <h1>{tx("Advies vragen", "Ask for advice")}</h1>
        <Show when=move || session.me.get().is_some_and(|me| speaks_for_city(&me.roles)) fallback=move || view! {
            <p role="alert">{tx("Deze pagina is voor medewerkers van de stad.", "This page is for city staff.")}</p>
        }>
            <form class="advice-request-form" on:submit=submit.clone()>
                <p class="field"><label for="advice-subject">{tx("Onderwerp", "Subject")}</label>
                    <input id="advice-subject" required=true minlength="5" maxlength="200" prop:value=subject on:input=move |ev| subject.set(event_target_value(&ev)) /></p>
                <p class="field"><label for="advice-question">{tx("Wat vraagt de stad?", "What does the city ask?")}</label>
                    <textarea id="advice-question" required=true minlength="10" maxlength="10000" rows="6" prop:value=question on:input=move |ev| question.set(event_target_value(&ev))></textarea></p>
                <p class="field"><label for="advice-requested-by">{tx("Wie vraagt het (dienst, college, gemeenteraad)?", "Who asks (service, college, city council)?")}</label>
                    <input id="advice-requested-by" required=true minlength="2" maxlength="200" prop:value=requested_by on:input=move |ev| requested_by.set(event_target_value(&ev)) /></p>
                <p class="field"><label for="advice-documents">{tx("Links naar de documenten (één per regel)", "Links to the documents (one per line)")}</label>
                    <textarea id="advice-documents" rows="3" prop:value=documents on:input=move |ev| documents.set(event_target_value(&ev))></textarea></p>
                <p class="field"><label for="advice-deadline">{tx("Deadline (minstens een week)", "Deadline (at least a week)")}</label>
                    <input id="advice-deadline" type="date" required=true prop:value=deadline on:input=move |ev| deadline.set(event_target_value(&ev)) /></p>
                <fieldset class="councils-asked">
                    <legend>{tx("Welke raden?", "Which councils?")}</legend>
                    {move || councils.get().map(|list| list.into_iter().map(|c| {
                        let id = format!("ask-{}", c.key);
                        let key = c.key.clone();
                        view! { <p class="field checkbox"><input id=id.clone() type="checkbox" on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            chosen.update(|l| { l.retain(|k| *k != key); if on { l.push(key.clone()); } });
                        } /><label for=id>{c.name.clone()}</label></p> }
                    }).collect_view())}
                </fieldset>
                <Problem message=message />
                <button type="submit">{move || pick(lang.get(), "Adviesvraag publiceren", "Publish the request")}</button>
            </form>
        </Show>
    }
}
