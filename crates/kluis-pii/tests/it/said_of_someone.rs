//! The special-category rule: a term counts when its sentence says it of someone, not when a text speaks of
//! anyone (a policy, a flyer, a press release, a job ad) or names a care provider or a church as a customer.

use kluis_domain::{PersonalDataKind as K, SpecialCategory as S};
use kluis_pii::Detector;

fn verdict(text: &str) -> (K, Vec<S>) {
    let c = Detector::shared().analyze(text, None).classification;
    (c.personal_data, c.special_categories)
}

fn cats(text: &str) -> Vec<S> {
    verdict(text).1
}

#[test]
fn health_said_of_a_named_person_or_by_a_pronoun_counts_in_three_languages() {
    for t in [
        "Van: Ellen Vos <ellen.vos@example.nl>\n\nBeste Karim,\n\nMarloes is na haar heupoperatie nog twee weken thuis.",
        "Van: Ellen Vos <ellen.vos@example.nl>\n\nHoi allemaal, Joost is onder behandeling bij een psycholoog en werkt voorlopig halve dagen.",
        "De: Sophie Lambert <s.lambert@example.be>\n\nBonjour,\n\nJe serai absente lundi : je suis hospitalisée pour une intervention chirurgicale.",
        "From: Tom Baker <tom.baker@example.com>\n\nHi Priya,\n\nMark called in sick again; he is recovering from his knee surgery.",
        "[12-03-2025 08:14] Anouk de Vries: ik ben bij de huisarts geweest, ben vandaag niet op kantoor",
    ] {
        assert_eq!(cats(t), vec![S::Health], "{t}");
    }
}

#[test]
fn texts_that_speak_of_anyone_are_not_special() {
    for t in [
        // a sick-leave policy with a named contact
        "Verzuimprotocol\n\nWanneer een werknemer ziek is, meldt hij zich voor 9.00 uur bij de leidinggevende. Iedereen die langer dan twee weken ziek is, spreekt de bedrijfsarts.\nContact: Petra Smit, petra.smit@example.nl",
        // a flyer addressing the reader
        "Nieuw in onze winkel!\n\nHeeft u last van uw rug? Ons ergonomische kussen helpt. Vraag naar Ingrid van Dam in de winkel.\nBel 06-12345678",
        // a union's press release
        "Persbericht\n\nDe vakbonden roepen alle werknemers op om te staken. De vakbond eist hogere lonen.\nPersdienst: Jan Peeters, 0475 12 34 56",
        // a job ad for a nurse
        "Vacature verpleegkundige\n\nWij zoeken een collega voor onze afdeling oncologie. Je werkt met patiënten na een operatie.\nReageren: Hanna Bakker, h.bakker@example.nl",
    ] {
        assert_eq!(cats(t), vec![], "{t}");
    }
}

#[test]
fn a_care_provider_or_a_church_counts_as_a_visit_not_as_a_customer_or_a_workplace() {
    assert_eq!(
        cats(
            "Van: Kees Brouwer <kees@example.nl>\n\nBeste Mila,\n\nKees gaat morgen naar de fysiotherapeut voor zijn schouder."
        ),
        vec![S::Health]
    );
    assert_eq!(
        cats(
            "Van: Kees Brouwer <kees@example.nl>\n\nBeste Mila,\n\nHij werkt sinds maart in het ziekenhuis als schoonmaker."
        ),
        vec![]
    );
    assert_eq!(
        cats(
            "Offerte 2025-14\n\nGeachte heer De Wit,\n\nHierbij onze offerte voor het vervangen van de verwarming in de kerk aan de Markt."
        ),
        vec![]
    );
    assert_eq!(
        cats(
            "Van: Ruth Smits <ruth@example.nl>\n\nOp woensdagavond kan ik niet: dan zing ik in het koor bij de kerk."
        ),
        vec![S::Religion]
    );
    assert_eq!(
        cats(
            "Factuur F-2291\nKlant: Apotheek De Linde, t.a.v. Lisa Tjon, apotheker\nBetreft: onderhoud koelcel geneesmiddelen"
        ),
        vec![]
    );
}

#[test]
fn list_items_finish_the_sentence_that_introduces_them() {
    let t = "Van: Daniel Rosen <d.rosen@example.be>\n\nBonjour Ilse,\n\nVoici mes demandes de congé pour les fêtes juives :\n\n- Roch Hachana : 23 et 24 septembre ;\n- Yom Kippour : 2 octobre.\n";
    assert_eq!(cats(t), vec![S::Religion]);
}

#[test]
fn a_row_of_a_customer_export_is_about_that_customer() {
    let t = "klant,telefoon,email,opmerking\nEls Maes,0471 23 45 67,els.maes@example.be,zwanger - geen ontkleuring\nTom Claes,0472 98 76 54,tom@example.be,balayage\n";
    assert_eq!(cats(t), vec![S::Health]);
    // The school a member works at is no statement about the member ("Basisschool De Regenboog").
    let t = "Naam;Telefoon;Werkplek\nRuth Doelwijt;0617729045;Basisschool De Regenboog\nAnna Berg;0612345678;Kantoor\n";
    assert_eq!(cats(t), vec![]);
}

#[test]
fn records_about_a_person_count_their_notes_and_items() {
    let t = "Zorgplan\nCliënt: Maria Janssens\n\n- Diagnose dementie, kortetermijngeheugen sterk achteruit.\n- Katholiek opgevoed, bidt elke avond de rozenkrans.\n";
    assert_eq!(cats(t), vec![S::Health, S::Religion]);
}

#[test]
fn religious_offices_holidays_and_political_roles_said_of_someone() {
    assert_eq!(
        cats(
            "Van: Jan Koster <jan@example.nl>\n\nDaarnaast ben ik ouderling in onze gemeente en werk ik niet op zondag."
        ),
        vec![S::Religion]
    );
    assert_eq!(
        cats("[25-03-2025 11:02] Hamza El Idrissi: I'm out Monday for Eid, back Tuesday."),
        vec![S::Religion]
    );
    assert_eq!(
        cats(
            "Gespreksnotitie\nKandidaat: Wesley Peeters\nWesley staat op de lijst van Groen voor de gemeenteraadsverkiezingen."
        ),
        vec![S::Political]
    );
    // A printer's quote for a party names no member.
    assert_eq!(
        cats(
            "Offerte drukwerk\nKlant: Groen afdeling Gent, t.a.v. Lies Maes\n5.000 folders voor de verkiezingen."
        ),
        vec![]
    );
    // "eID" is the Belgian identity card, not a holiday.
    assert_eq!(
        verdict("Kopie identiteitskaart\nNaam: Ruth Peeters\nType document: Belgische elektronische identiteitskaart (eID)\n").1,
        vec![]
    );
}

#[test]
fn names_of_bodies_insurers_and_texts_for_anyone_are_no_statement() {
    // An organisation's name: a capital beside capitals, or a particle and a capital.
    assert_eq!(
        cats(
            "Van: Noor Dekker <noor@example.nl>\n\nBeste Tim,\n\nIk heb de huur opgezegd en het Syndicat des Locataires ingelicht."
        ),
        vec![]
    );
    assert_eq!(
        cats(
            "Contract schoonmaak\nNaam: Sara Boukhari\nOpdrachtgever: Stichting Thuiszorg Veluwezoom, Hoofdstraat 1"
        ),
        vec![]
    );
    // Everyone has a health insurer.
    assert_eq!(
        cats("Inschrijving\nNaam: Lotte Vermeulen\nZiekenfonds: CM (Christelijke Mutualiteit)"),
        vec![]
    );
    // A press release's title speaks of no one, whoever signs it.
    assert_eq!(
        cats(
            "FRONT COMMUN SYNDICAL - COMMUNIQUÉ\n\nLes syndicats appellent à la grève le 13 février.\nContact presse : Marc Dubois, 0475 12 34 56"
        ),
        vec![]
    );
    // "Aangifte" is also the tax return: "tegen dinsdag" is a deadline, not a complaint against someone.
    assert_eq!(
        cats(
            "Van: Pieter Claes <pieter@example.be>\n\nDag Ann,\n\nIk heb je aangifte tegen volgende dinsdag klaar."
        ),
        vec![]
    );
}

#[test]
fn a_subject_line_and_a_letter_to_someone_are_about_that_person() {
    assert_eq!(
        cats(
            "Cateringofferte 2025-31\n\nBeste mevrouw Peeters,\n\nBetreft: feest eerste communie van Lore - zondag 25 mei"
        ),
        vec![S::Religion]
    );
    assert_eq!(
        cats(
            "Geachte heer Visser,\n\nHierbij bevestigen wij uw ontslag op staande voet. Wij hebben aangifte gedaan van diefstal bij de politie."
        ),
        vec![S::Criminal]
    );
}
