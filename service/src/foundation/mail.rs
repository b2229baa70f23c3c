//! Outgoing e-mail: Dutch templates (plain text plus a simple HTML part) and the outbox, the
//! single way mail leaves the system. The SMTP sender is a background job in `server`.

use chrono::Utc;
use entity::outbox;
use kernel::error::AppError;
use sea_orm::{ActiveModelTrait, ConnectionTrait, Set};

/// A mail the platform sends, with what it needs to say.
#[derive(Clone, Debug)]
pub enum Mail {
    /// A contact-form message routed to the region's department.
    ContactRouted {
        region: String,
        qualification: String,
        name: String,
        email: String,
        phone: Option<String>,
        message: String,
    },
    /// An employer passed a daily ceiling on viewing profiles: the region's desk is alerted.
    ViewingLimitReached {
        region: String,
        organisation: String,
        what: String,
        link: String,
    },
    /// A link to activate an account (or set a new password).
    Activation {
        name: String,
        link: String,
        days: i64,
    },
    /// The gemeente decided on a privacy request.
    RequestDecided {
        name: String,
        request: String,
        granted: bool,
        reason: String,
        /// The link to the answer (access, a copy) and how many days it works.
        answer: Option<(String, i64)>,
    },
    /// An employer's registration was approved: activate the account.
    EmployerApproved {
        name: String,
        organisation: String,
        link: String,
        days: i64,
    },
    EmployerRejected {
        name: String,
        organisation: String,
        reason: String,
    },
    /// Confirm a new e-mail address (sent to that address).
    EmailChangeConfirm {
        name: String,
        link: String,
        hours: i64,
    },
    /// Someone asked to use this address, which already has an account, for a job seeker's
    /// profile (sent to the address instead of a confirmation link).
    EmailChangeForKnownAddress,
    /// A privacy request was made through the contact form with this address: open the link to
    /// confirm it is yours, before anything is shown or changed.
    PrivacyRequestConfirm {
        name: String,
        request: String,
        link: String,
        hours: i64,
    },
    /// A change of address was asked (sent to the old address).
    EmailChangeRequested { name: String, new_email: String },
    /// A link to choose a new password, asked for on "Wachtwoord vergeten".
    PasswordReset {
        name: String,
        link: String,
        hours: i64,
    },
    /// A new password was asked for this address, with which no account signs in.
    PasswordResetForUnknownAddress { login_link: String },
    /// The account's password was changed (sent to its owner, who may not have done it).
    PasswordChanged { name: String },
    /// A colleague or an administrator reset the account's second factor (sent to its owner,
    /// who learns of it even if someone else did it to take the account over).
    SecondFactorReset { name: String, by: String },
    /// A platform administrator made an account with access to the gemeente's data: its staff
    /// approve it (four eyes).
    AccountAwaitsApproval {
        name: String,
        account: String,
        role: String,
        link: String,
    },
    /// Staff added a contact person to the organisation (told to its existing contacts).
    EmployerContactAdded {
        name: String,
        organisation: String,
        contact: String,
    },
    /// An employer invited the job seeker for a vacancy.
    Invited {
        name: String,
        vacancy: String,
        employer: String,
        link: String,
    },
    /// Someone registered an organisation with an address that already has an account or a
    /// registration under way: the owner of the address is told, the form answers as always.
    RegistrationForKnownAddress { pending: bool, login_link: String },
    /// An account was made for this address (by a gemeente, a region or an administrator),
    /// but another account already signs in with it: its owner gets this instead of an
    /// activation link, which could only fail.
    InvitationForKnownAddress { login_link: String },
    /// New candidates for an employer's saved search (employer-visible fields only).
    Digest {
        name: String,
        search: String,
        candidates: Vec<String>,
        link: String,
    },
}

pub struct Rendered {
    pub subject: String,
    pub text: String,
    pub html: String,
}

pub const SIGNATURE: &str = "Met vriendelijke groet,\nHalloWerk";

pub fn escape_html(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

/// The HTML part: the same text, escaped, paragraphs kept.
fn html_of(text: &str) -> String {
    let body: String = text
        .split("\n\n")
        .map(|p| format!("<p>{}</p>", escape_html(p).replace('\n', "<br>")))
        .collect();
    format!(
        "<!DOCTYPE html><html lang=\"nl\"><body style=\"font-family: sans-serif\">{body}</body></html>"
    )
}

/// "Beste Fatima", or without a name (mail to someone whose profile is erased).
fn greeting(name: &str) -> String {
    if name.trim().is_empty() {
        "Beste heer, mevrouw".to_string()
    } else {
        format!("Beste {name}")
    }
}

/// The outbox kind of a decision on a privacy request.
pub const REQUEST_DECIDED: &str = "request_decided";
/// A decision that carries the link to the answer: deleted as soon as it is sent, so the
/// outbox never holds a working link (`server::jobs::purge_mail_to_erased`).
pub const REQUEST_ANSWERED: &str = "request_answered";
pub const PRIVACY_REQUEST_CONFIRM: &str = "privacy_request_confirm";

impl Mail {
    pub fn kind(&self) -> &'static str {
        match self {
            Mail::ContactRouted { .. } => "contact_routed",
            Mail::ViewingLimitReached { .. } => "viewing_limit_reached",
            Mail::Activation { .. } => "activation",
            Mail::RequestDecided {
                answer: Some(_), ..
            } => REQUEST_ANSWERED,
            Mail::RequestDecided { .. } => REQUEST_DECIDED,
            Mail::EmployerApproved { .. } => "employer_approved",
            Mail::EmployerRejected { .. } => "employer_rejected",
            Mail::EmployerContactAdded { .. } => "employer_contact_added",
            Mail::Invited { .. } => "invitation",
            Mail::Digest { .. } => "saved_search_digest",
            Mail::RegistrationForKnownAddress { .. } => "registration_known_address",
            Mail::InvitationForKnownAddress { .. } => "invitation_known_address",
            Mail::AccountAwaitsApproval { .. } => "account_awaits_approval",
            Mail::EmailChangeConfirm { .. } => "email_change_confirm",
            Mail::EmailChangeForKnownAddress => "email_change_known_address",
            Mail::PrivacyRequestConfirm { .. } => PRIVACY_REQUEST_CONFIRM,
            Mail::EmailChangeRequested { .. } => "email_change_requested",
            Mail::SecondFactorReset { .. } => "second_factor_reset",
            Mail::PasswordReset { .. } => "password_reset",
            Mail::PasswordResetForUnknownAddress { .. } => "password_reset_unknown_address",
            Mail::PasswordChanged { .. } => "password_changed",
        }
    }

    pub fn render(&self) -> Rendered {
        let (subject, text) = match self {
            Mail::ContactRouted {
                region,
                qualification,
                name,
                email,
                phone,
                message,
            } => (
                format!("Nieuw contactformulier ({qualification}) voor regio {region}"),
                format!(
                    "Er is een bericht binnengekomen via het contactformulier van HalloWerk.\n\n\
                     Naam: {name}\nE-mailadres: {email}\nTelefoon: {}\nKwalificatie: {qualification}\n\
                     Regio: {region}\n\nBericht:\n{message}\n\n\
                     Het bericht staat ook in de contactinbox van de regio in HalloWerk. De \
                     persoonsgegevens worden een maand na ontvangst verwijderd.\n\n{SIGNATURE}",
                    phone.as_deref().unwrap_or("niet opgegeven"),
                ),
            ),
            Mail::Activation { name, link, days } => (
                "Activeer je account bij HalloWerk".to_string(),
                format!(
                    "Beste {name},\n\nEr staat een account voor je klaar bij HalloWerk. Kies via \
                     deze link een wachtwoord om het te activeren:\n\n{link}\n\nDe link werkt één \
                     keer en is {days} dagen geldig. Heb je deze mail niet verwacht? Dan kun je hem \
                     negeren.\n\n{SIGNATURE}"
                ),
            ),
            Mail::RequestDecided {
                name,
                request,
                granted,
                reason,
                answer,
            } => (
                format!("Besluit over je verzoek: {request}"),
                format!(
                    "{},\n\nJe gemeente heeft je verzoek \"{request}\" {}.\n\nToelichting:\n{reason}\n\n{}\
                     Ben je het niet eens met dit besluit? Neem dan contact op met je gemeente, of dien een \
                     klacht in bij de Autoriteit Persoonsgegevens.\n\n{SIGNATURE}",
                    greeting(name),
                    if *granted { "toegekend" } else { "afgewezen" },
                    answer
                        .as_ref()
                        .map_or(String::new(), |(link, days)| format!(
                            "Je gegevens staan klaar om te downloaden (een JSON-bestand) met deze \
                         link; hij werkt {days} dagen. Hij is alleen naar dit e-mailadres \
                         gestuurd: stuur hem niet door.\n\n{link}\n\n"
                        ))
                ),
            ),
            Mail::EmployerApproved {
                name,
                organisation,
                link,
                days,
            } => (
                "Je aanmelding bij HalloWerk is goedgekeurd".to_string(),
                format!(
                    "Beste {name},\n\nDe aanmelding van {organisation} bij HalloWerk is goedgekeurd. Kies via \
                     deze link een wachtwoord om je account te activeren:\n\n{link}\n\nDe link werkt één keer \
                     en is {days} dagen geldig.\n\n{SIGNATURE}"
                ),
            ),
            Mail::EmployerRejected {
                name,
                organisation,
                reason,
            } => (
                "Je aanmelding bij HalloWerk".to_string(),
                format!(
                    "Beste {name},\n\nDe aanmelding van {organisation} bij HalloWerk is niet goedgekeurd.\n\n\
                     Reden:\n{reason}\n\nHeb je vragen? Gebruik het contactformulier van HalloWerk.\n\n{SIGNATURE}"
                ),
            ),
            Mail::InvitationForKnownAddress { login_link } => (
                "Een nieuw account bij HalloWerk".to_string(),
                format!(
                    "Hallo,\n\nJe gemeente, je regio of de beheerder van HalloWerk maakte een \
                     account voor dit e-mailadres. Met dit adres bestaat al een HalloWerk-account, \
                     dus het nieuwe account kan niet met dit adres worden geactiveerd.\n\n\
                     Wil je je bestaande account blijven gebruiken? Log in op {login_link} (weet je \
                     je wachtwoord niet meer, kies dan Wachtwoord vergeten). Wil je het nieuwe \
                     account gebruiken? Geef degene die het maakte een ander e-mailadres.\n\n\
                     Verwacht je deze mail niet? Dan hoef je niets te doen.\n\n{SIGNATURE}"
                ),
            ),
            Mail::RegistrationForKnownAddress {
                pending,
                login_link,
            } => (
                "Aanmelding als werkgever bij HalloWerk".to_string(),
                format!(
                    "Hallo,\n\nMet dit e-mailadres is zojuist een organisatie aangemeld als werkgever bij \
                     HalloWerk. {}\n\nHeb jij dit niet gedaan? Dan hoef je niets te doen: er is \
                     niets veranderd.\n\n{SIGNATURE}",
                    if *pending {
                        "Er loopt al een aanmelding met dit adres; de gemeente behandelt die zo snel \
                         mogelijk, een tweede is niet nodig.".to_string()
                    } else {
                        format!(
                            "Met dit adres bestaat al een account. Log in op {login_link}; weet je \
                             je wachtwoord niet meer, vraag dan je contactpersoon bij de gemeente om \
                             een nieuwe activatielink."
                        )
                    }
                ),
            ),
            Mail::EmailChangeConfirm { name, link, hours } => (
                "Bevestig je nieuwe e-mailadres voor HalloWerk".to_string(),
                format!(
                    "{},\n\nEr is gevraagd dit e-mailadres te gebruiken voor je account bij \
                     HalloWerk (door jou, of door je gemeente als je werkzoekende bent). Bevestig dat met deze link (hij werkt {hours} uur):\n\n{link}\n\n\
                     Heb jij dit niet gevraagd? Dan hoef je niets te doen: er verandert niets.\n\n\
                     {SIGNATURE}",
                    greeting(name)
                ),
            ),
            Mail::PrivacyRequestConfirm {
                name,
                request,
                link,
                hours,
            } => (
                "Bevestig je privacyverzoek aan HalloWerk".to_string(),
                format!(
                    "{},\n\nMet dit e-mailadres is via het contactformulier van HalloWerk een \
                     privacyverzoek ingediend: {request}. Bevestig met deze link dat het van jou is \
                     (hij werkt {hours} uur):\n\n{link}\n\n\
                     Pas na je bevestiging behandelt de gemeente je verzoek, binnen een maand; het \
                     antwoord komt naar dit adres. Heb jij dit niet gevraagd? Dan hoef je niets te \
                     doen: zonder bevestiging wordt het verzoek na {hours} uur verwijderd.\n\n\
                     {SIGNATURE}",
                    greeting(name)
                ),
            ),
            Mail::EmailChangeForKnownAddress => (
                "Je e-mailadres en HalloWerk".to_string(),
                format!(
                    "Hallo,\n\nIemand vroeg zojuist dit e-mailadres te gebruiken voor een account \
                     bij HalloWerk. Met dit adres bestaat al een account, dus er is niets \
                     veranderd.\n\nWilde jij je account aan dit adres koppelen? Gebruik dan een \
                     ander adres, of vraag om hulp via het contactformulier van HalloWerk. Heb jij dit niet gedaan? Dan hoef \
                     je niets te doen.\n\n{SIGNATURE}"
                ),
            ),
            Mail::PasswordResetForUnknownAddress { login_link } => (
                "Nieuw wachtwoord voor HalloWerk".to_string(),
                format!(
                    "Hallo,\n\nIemand vroeg zojuist een nieuw wachtwoord voor HalloWerk voor dit \
                     e-mailadres. Met dit adres kun je niet inloggen, dus er is geen link \
                     meegestuurd.\n\nHeb je meer e-mailadressen? Probeer het dan met een ander \
                     adres op {login_link}. Maakte je gemeente of je regio een account voor je? \
                     Gebruik dan de activatielink uit hun mail, of vraag hen om een nieuwe.\n\n\
                     Vroeg jij dit niet? Dan hoef je niets te doen.\n\n{SIGNATURE}"
                ),
            ),
            Mail::PasswordReset { name, link, hours } => (
                "Nieuw wachtwoord kiezen voor HalloWerk".to_string(),
                format!(
                    "{name},\n\nJe vroeg om een nieuw wachtwoord voor HalloWerk. Kies het via deze \
                     link; hij werkt {hours} uur en één keer:\n\n{link}\n\nDaarna ben je op alle \
                     apparaten uitgelogd. Vroeg je dit niet? Dan hoef je niets te doen: je \
                     wachtwoord blijft zoals het is.\n\n{SIGNATURE}"
                ),
            ),
            Mail::PasswordChanged { name } => (
                "Je HalloWerk-wachtwoord is gewijzigd".to_string(),
                format!(
                    "{name},\n\nHet wachtwoord van je HalloWerk-account is zojuist gewijzigd; je \
                     andere sessies zijn beëindigd.\n\nDeed jij dit niet? Kies dan meteen een nieuw \
                     wachtwoord via Wachtwoord vergeten op de inlogpagina en neem contact op met \
                     je gemeente.\n\n{SIGNATURE}"
                ),
            ),
            Mail::SecondFactorReset { name, by } => (
                "De tweede stap van je HalloWerk-account is opnieuw ingesteld".to_string(),
                format!(
                    "{name},\n\n{by} heeft de tweede stap van je HalloWerk-account opnieuw \
                     ingesteld, bijvoorbeeld omdat je telefoon kwijt was. Je bent overal \
                     uitgelogd. Bij je volgende inlog koppel je opnieuw een authenticator-app.\n\n\
                     Wist je hier niets van? Neem dan direct contact op met je gemeente of met \
                     de beheerder van HalloWerk: misschien probeert iemand je account over te \
                     nemen.\n\n{SIGNATURE}"
                ),
            ),
            Mail::EmailChangeRequested { name, new_email } => (
                "Je e-mailadres bij HalloWerk wordt gewijzigd".to_string(),
                format!(
                    "{},\n\nEr is gevraagd je e-mailadres bij HalloWerk te wijzigen in {new_email}. \
                     Dat gebeurt pas als op de link in de mail aan dat adres wordt geklikt.\n\n\
                     Heb jij dit niet gevraagd? Log dan in op HalloWerk, kies Overal uitloggen, en \
                     neem contact op via het contactformulier van HalloWerk.\n\n{SIGNATURE}",
                    greeting(name)
                ),
            ),
            Mail::ViewingLimitReached {
                region,
                organisation,
                what,
                link,
            } => (
                format!("Kijklimiet bereikt: {organisation}"),
                format!(
                    "Beste medewerker van regio {region},\n\n{organisation} heeft vandaag de \
                     daggrens bereikt voor {what}. Verdere profielen zijn voor vandaag geblokkeerd. \
                     Zo'n aantal kan wijzen op misbruik van een account (zoals in 2024 bij werk.nl, \
                     waar één account zo'n 150.000 cv's bekeek).\n\nControleer met de werkgever of \
                     dit klopt. Is het in orde, hef de blokkade dan op via {link}.\n\n{SIGNATURE}"
                ),
            ),
            Mail::AccountAwaitsApproval {
                name,
                account,
                role,
                link,
            } => (
                "Nieuw account wacht op je goedkeuring".to_string(),
                format!(
                    "{},\n\nDe platformbeheerder van HalloWerk heeft een account aangemaakt met \
                     toegang tot gegevens van werkzoekenden van je gemeente: {account}, rol {role}. \
                     Het account werkt pas als een medewerker van je gemeente het goedkeurt.\n\n\
                     Ken je deze persoon, en hoort die toegang te krijgen? Keur het account dan goed \
                     op {link}. Zo niet, keur het dan niet goed en meld het bij je \
                     privacy-functionaris.\n\n{SIGNATURE}",
                    greeting(name)
                ),
            ),
            Mail::EmployerContactAdded {
                name,
                organisation,
                contact,
            } => (
                format!("Nieuwe contactpersoon voor {organisation} bij HalloWerk"),
                format!(
                    "{},\n\nDe gemeente heeft {contact} toegevoegd als contactpersoon van \
                     {organisation} bij HalloWerk. Deze persoon kan na activering vacatures van de \
                     organisatie beheren en kandidaten zoeken.\n\nKen je deze persoon niet, of \
                     hoort die niet bij jullie organisatie? Meld het dan via het contactformulier \
                     van HalloWerk.\n\n{SIGNATURE}",
                    greeting(name)
                ),
            ),
            Mail::Invited {
                name,
                vacancy,
                employer,
                link,
            } => (
                format!("Uitnodiging voor de vacature {vacancy}"),
                format!(
                    "Beste {name},\n\n{employer} nodigt je uit voor de vacature \"{vacancy}\". Bekijk de \
                     uitnodiging en laat weten of je interesse hebt:\n\n{link}\n\nJe gemeente ziet deze \
                     uitnodiging ook en kan je helpen.\n\n{SIGNATURE}"
                ),
            ),
            Mail::Digest {
                name,
                search,
                candidates,
                link,
            } => (
                format!("Nieuwe kandidaten voor \"{search}\""),
                format!(
                    "Beste {name},\n\nSinds gisteren passen {} nieuwe kandidaten bij je zoekopdracht \"{search}\":\n\n{}\n\n\
                     Bekijk ze in HalloWerk:\n{link}\n\n{SIGNATURE}",
                    candidates.len(),
                    candidates
                        .iter()
                        .map(|c| format!("- {c}"))
                        .collect::<Vec<_>>()
                        .join("\n")
                ),
            ),
        };
        Rendered {
            html: html_of(&text),
            subject,
            text,
        }
    }
}

/// Puts a mail in the outbox; the sender job delivers it.
pub async fn enqueue<C: ConnectionTrait>(db: &C, to: &str, mail: &Mail) -> Result<i32, AppError> {
    let r = mail.render();
    let now = Utc::now();
    let row = outbox::ActiveModel {
        kind: Set(mail.kind().into()),
        to_address: Set(to.into()),
        subject: Set(r.subject),
        body_text: Set(r.text),
        body_html: Set(r.html),
        status: Set("pending".into()),
        attempts: Set(0),
        next_attempt_at: Set(now),
        last_error: Set(None),
        created_at: Set(now),
        sent_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(row.id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_part_is_escaped() {
        let m = Mail::ContactRouted {
            region: "Rijnmond".into(),
            qualification: "werkgever".into(),
            name: "A <b>B</b>".into(),
            email: "a@b.nl".into(),
            phone: None,
            message: "Hallo & tot ziens".into(),
        };
        let r = m.render();
        assert!(r.html.contains("A &lt;b&gt;B&lt;/b&gt;"));
        assert!(r.html.contains("Hallo &amp; tot ziens"));
        assert!(r.text.contains("Telefoon: niet opgegeven"));
        assert!(r.subject.contains("Rijnmond"));
    }

    #[test]
    fn a_decision_can_be_sent_without_a_name() {
        let m = |name: &str| Mail::RequestDecided {
            name: name.into(),
            request: "Verwijdering".into(),
            granted: true,
            reason: "Geen bewaarplicht.".into(),
            answer: None,
        };
        assert!(m("Fatima").render().text.starts_with("Beste Fatima,\n"));
        let anonymous = m("").render();
        assert!(anonymous.text.starts_with("Beste heer, mevrouw,\n"));
        assert!(anonymous.text.contains("toegekend"));
        assert!(!anonymous.text.contains("downloaden"));
    }

    #[test]
    fn an_answer_with_data_is_a_link_with_its_lifetime() {
        let m = Mail::RequestDecided {
            name: "Kees".into(),
            request: "Inzage".into(),
            granted: true,
            reason: "Hierbij je gegevens.".into(),
            answer: Some(("https://hw.example/verzoek-antwoord/abc".into(), 14)),
        };
        let text = m.render().text;
        assert!(text.contains("https://hw.example/verzoek-antwoord/abc"));
        assert!(text.contains("14 dagen"));
    }
}
