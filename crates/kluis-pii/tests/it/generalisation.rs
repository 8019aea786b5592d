//! Rules that find names and identifiers outside the gazetteer and the dev layouts (one test per rule; values
//! made up, names chosen outside the word lists).

use crate::of;
use kluis_domain::{DocumentClass as C, EntityType::*, PersonalDataKind as K, SpecialCategory};
use kluis_pii::Detector;

#[test]
fn label_without_colon_at_line_start() {
    assert_eq!(
        of(
            "Personeelsnr.  23548\nNaam werknemer  K. Oudenhaag\nIn dienst  2019",
            PersonName
        ),
        vec!["K. Oudenhaag"]
    );
    assert_eq!(
        of("Casemanager:\tWobbe Terpstrama\n", PersonName),
        vec!["Wobbe Terpstrama"]
    );
    // A label with a title before the value.
    assert_eq!(
        of("Betrokkene: mevrouw Zwaantje Hoekstrama\n", PersonName),
        vec!["Zwaantje Hoekstrama"]
    );
}

#[test]
fn label_alone_on_its_line_names_the_next_line() {
    assert_eq!(
        of(
            "Naam / Nom\nVERSCHAEVELDT\nVoornamen / Prénoms\nGhislaine\nGeslacht / Sexe\nV",
            PersonName
        ),
        vec!["VERSCHAEVELDT", "Ghislaine"]
    );
    // No value on the next line: nothing.
    assert!(of("Naam / Nom\n\n12 34 56\n", PersonName).is_empty());
}

#[test]
fn chat_speakers() {
    assert_eq!(
        of(
            "[12-03-24 08:14] Zorawar: ik ben later\n[12-03-24 08:15] Wiebrig: oké\n12-03-2024 09:01 - Zorawar: top",
            PersonName
        ),
        vec!["Zorawar", "Wiebrig", "Zorawar"]
    );
}

#[test]
fn greeting_at_line_start() {
    assert_eq!(
        of("Dag Yusraa,\n\nDank je wel.", PersonName),
        vec!["Yusraa"]
    );
    assert_eq!(of("Goedemorgen Tjitskje!\n", PersonName), vec!["Tjitskje"]);
    // A greeting followed by ordinary words is no name.
    assert!(of("Dag allemaal,\n", PersonName).is_empty());
}

#[test]
fn display_name_before_address_in_angle_brackets() {
    assert_eq!(
        of(
            "> Op 3 maart 2024 om 10:12 schreef Kerem Oztaskinoglu <k.oztaskinoglu@example.org>:",
            PersonName
        ),
        vec!["Kerem Oztaskinoglu"]
    );
}

#[test]
fn name_in_apposition() {
    assert_eq!(
        of(
            "1. Brechtje Vanoverbeke, hierna te noemen verhuurder, en\n2. Zbyszek Wroblakowicz, geboren op 3 maart 1987 te Gdańsk",
            PersonName
        ),
        vec!["Brechtje Vanoverbeke", "Zbyszek Wroblakowicz"]
    );
    // Ordinary words before the cue are no name.
    assert!(of("De woning, hierna te noemen het gehuurde", PersonName).is_empty());
}

#[test]
fn inverted_names_in_pipe_tables() {
    assert_eq!(
        of(
            "Lid | Woonadres | GSM\nWroblakowicz, Zbyszek | Lindelaan 4 | 06-12345678\nvan der Kroost, Aaltsje | Hoefslag 9 | 06-23456789",
            PersonName
        ),
        vec!["Wroblakowicz, Zbyszek", "van der Kroost, Aaltsje"]
    );
}

#[test]
fn signature_after_closing_and_blank_line() {
    assert_eq!(
        of("Best wishes,\n\nTjeerdina Holwerda-Posthumus\n", PersonName),
        vec!["Tjeerdina Holwerda-Posthumus"]
    );
}

#[test]
fn elided_particles_and_non_ascii_initials() {
    assert_eq!(
        of("Contactpersoon: Amaury d'Oultremontel", PersonName),
        vec!["Amaury d'Oultremontel"]
    );
    assert_eq!(
        of("Aanwezig: Ł. Brzęczykowa, W. Hoekingaard", PersonName),
        vec!["Ł. Brzęczykowa", "W. Hoekingaard"]
    );
}

#[test]
fn belgian_phone_with_slash_and_dots_and_dates_with_times() {
    assert_eq!(of("GSM: 0470/12.34.56", Phone), vec!["0470/12.34.56"]);
    assert!(of("Verzonden: 06-11-2023 14:22", Phone).is_empty());
}

#[test]
fn datum_van_geboorte() {
    assert_eq!(
        of("Datum van geboorte: 3 maart 1987", DateOfBirth),
        vec!["3 maart 1987"]
    );
}

#[test]
fn pipe_table_of_people_is_a_list_and_health_note_is_a_statement() {
    let rows: String = [
        "Wroblak",
        "Oudenhaag",
        "Terpstrama",
        "Hoekingaard",
        "Vanoverbeke",
    ]
    .iter()
    .enumerate()
    .map(|(i, s)| format!("{s}, Zbyszek | Lindelaan {i} | 06-1234567{i} | z.{s}@example.org\n"))
    .collect();
    let c = Detector::shared()
        .analyze(
            &format!("Export\n\nLid | Woonadres | GSM | Mail\n{rows}"),
            None,
        )
        .classification;
    assert_eq!(c.class, C::CustomerList);

    let c = Detector::shared()
        .analyze(
            "Verslag voortgangsgesprek\n\nBetrokkene: de heer Wobbe Terpstrama\nDe re-integratie na de burn-out loopt volgens plan.",
            None,
        )
        .classification;
    assert_eq!(c.class, C::HealthStatement);
    assert_eq!(c.personal_data, K::Special);
    assert_eq!(c.special_categories, vec![SpecialCategory::Health]);
}

#[test]
fn special_term_inside_a_name_is_no_evidence() {
    let c = Detector::shared()
        .analyze("Klant: Padmi Ramadan\nGSM: 06-12345678", None)
        .classification;
    assert!(c.special_categories.is_empty());
    assert_eq!(c.personal_data, K::Generic);
    // The same word outside a name still counts.
    let c = Detector::shared()
        .analyze("Klant: Padmi Soekarjo\nVrij tijdens de ramadan.", None)
        .classification;
    assert_eq!(c.special_categories, vec![SpecialCategory::Religion]);
}

#[test]
fn title_word_before_house_number_is_a_street_and_long_address_labels() {
    assert!(of("Straat en huisnummer: Dokter Esdoornhout 180", PersonName).is_empty());
    assert_eq!(
        of("Straat en huisnummer: Dokter Esdoornhout 180", Address),
        vec!["Dokter Esdoornhout 180"]
    );
}

#[test]
fn number_after_a_number_label_is_no_phone() {
    assert!(of("Ordernr.: 0543-091898", Phone).is_empty());
    assert_eq!(of("Tel.: 0543-091898", Phone), vec!["0543-091898"]);
}

#[test]
fn other_occurrences_of_a_found_name() {
    assert_eq!(
        of(
            "Van: Freke Vandenwaeldof <fv@example.org>\n\nOmdat Freke lid is van de OR, schuift Vandenwaeldof aan.",
            PersonName
        ),
        vec!["Freke Vandenwaeldof", "Freke", "Vandenwaeldof"]
    );
}

#[test]
fn family_title_above_an_address_and_no_street_from_a_postbus() {
    assert_eq!(
        of(
            "Fam. Ouahmoutiri\nVliersteeg 12\n1234 AB Zwolle",
            PersonName
        ),
        vec!["Ouahmoutiri"]
    );
    assert!(of("Postadres: Postbus 698, 3066 XW Schiedam", Address).is_empty());
}

#[test]
fn english_sick_leave_and_place_of_birth() {
    let c = Detector::shared()
        .analyze(
            "Hi Wobbe,\n\nThe doctor has signed me off sick for the rest of the week.\n\nThanks,\nTjitske\nMobile 06-12345678",
            None,
        )
        .classification;
    assert_eq!(c.special_categories, vec![SpecialCategory::Health]);
    assert_eq!(
        of("Geboorteplaats en -datum: Nador, 06-04-2004", DateOfBirth),
        vec!["06-04-2004"]
    );
}

#[test]
fn a_person_per_row_makes_a_list() {
    let rows: String = [
        "Wroblak",
        "Oudenhaag",
        "Terpstrama",
        "Hoekingaard",
        "Vanoverbeke",
    ]
    .iter()
    .map(|s| format!("Zbyszek {s};Kempenland BV;vegetarisch;010-1234567\n"))
    .collect();
    let c = Detector::shared()
        .analyze(
            &format!("Deelnemer;Organisatie;Dieetwens;Telefoon\n{rows}"),
            None,
        )
        .classification;
    assert_eq!(c.class, C::CustomerList);
}

#[test]
fn names_in_prose_after_a_person_intro_word() {
    assert_eq!(
        of(
            "Vandaag sprak ik met Kaatje Vandenwaeldof over de overstap. Zij begint in september.",
            PersonName
        ),
        vec!["Kaatje Vandenwaeldof"]
    );
    // Without a personal pronoun after it, two capitalised words may be places or a firm.
    assert!(of("Overleg met Gent Antwerpen over de planning.", PersonName).is_empty());
    // A single capitalised word or a sentence start is not enough.
    assert!(
        of(
            "Wij gaan met Noord verder. Kaatje Vandenwaeldof",
            PersonName
        )
        .is_empty()
    );
}

#[test]
fn french_label_with_space_before_colon() {
    assert_eq!(
        of("Client : M. Rajesh Harpersadsing\n", PersonName),
        vec!["Rajesh Harpersadsing"]
    );
}

#[test]
fn memo_and_address_label_titles() {
    let class = |t: &str| Detector::shared().analyze(t, None).classification.class;
    assert_eq!(
        class("Memo P&O\n\nVandaag sprak ik met Kaatje Vandenwaeldof over de overstap."),
        C::Other
    );
    assert_eq!(
        class("Etiketten mailing voorjaar\n\nFam. Ouahmoutiri\nVliersteeg 12\n1234 AB Zwolle"),
        C::CustomerList
    );
}
