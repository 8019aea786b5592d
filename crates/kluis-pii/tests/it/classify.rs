//! Document classes and the kind floor: findings raise the kind, nothing lowers it.

use kluis_domain::{DocumentClass as C, PersonalDataKind as K};
use kluis_pii::Detector;

fn class(text: &str) -> (C, K) {
    let c = Detector::shared().analyze(text, None).classification;
    (c.class, c.personal_data)
}

#[test]
fn classes_from_titles_and_structure() {
    assert_eq!(
        class("Factuur\nMallien BV\nSilpad 69\n7181 HC Heesselt\nKvK 26596939\nTotaal EUR 12,00").0,
        C::Invoice
    );
    assert_eq!(
        class("Loonstrook september 2025\nWerknemer: Kate de Nijs\nBruto salaris 5029,00").0,
        C::Payslip
    );
    assert_eq!(
        class("Ziekmelding medewerker\nMedewerker: Daan Miner\nEerste ziektedag: 18-5-2025").0,
        C::HealthStatement
    );
    assert_eq!(
        class("Arbeidsovereenkomst\nDe ondergetekenden: ...").0,
        C::Contract
    );
    assert_eq!(
        class("Sollicitatie\nGeachte heer/mevrouw,\nMet veel interesse las ik uw vacature.").0,
        C::Application
    );
    assert_eq!(
        class("Klacht over levering\nGeachte heer, mevrouw,\nMet vriendelijke groet,\nJan Jansen")
            .0,
        C::Correspondence
    );
    assert_eq!(
        class("Productinformatie\nAfmetingen 41 x 79 cm. Garantie: 3 jaar.").0,
        C::Other
    );
    let rows: String = (0..8)
        .map(|i| format!("Jan Jansen{i};Kerkstraat {i};1234 AB;Utrecht;jan{i}@example.nl\n"))
        .collect();
    assert_eq!(
        class(&format!("Naam;Adres;Postcode;Plaats;E-mail\n{rows}")).0,
        C::CustomerList
    );
}

#[test]
fn file_names_are_a_cue_by_whole_tokens() {
    let d = Detector::shared();
    assert_eq!(
        d.analyze("Jan Jansen\nKerkstraat 1", Some("cv_jansen.pdf"))
            .classification
            .class,
        C::Application
    );
    assert_eq!(
        d.analyze("Dit is een korte notitie.", Some("recvd-2025.txt"))
            .classification
            .class,
        C::Other
    );
}

#[test]
fn kind_floor_and_raising() {
    // An ID copy is special by class, even when nothing else is recognised.
    assert_eq!(
        class("Kopie identiteitsbewijs\n(onleesbare scan)"),
        (C::IdCopy, K::Special)
    );
    // A sick note is special by class and carries the health category.
    let a = Detector::shared().analyze("Ziekmelding\nMedewerker: Daan Miner", None);
    assert_eq!(a.classification.personal_data, K::Special);
    assert_eq!(
        a.classification.special_categories,
        vec![kluis_domain::SpecialCategory::Health]
    );
    // A company invoice with only company data: no personal data.
    assert_eq!(
        class(
            "Factuur\nAdriaensdr Groep\nKvK 19237000\nBTW-id NL271200062B16\nBetaling op NL13RABO0928091068\nVragen: info@adriaensdrgroe.nl"
        ),
        (C::Invoice, K::None)
    );
    // A person on the invoice makes it generic; a national id makes any class special.
    assert_eq!(
        class("Factuur\nFactuur aan:\nEvi Cammel\nJuliaweg 38").1,
        K::Generic
    );
    assert_eq!(
        class("Factuur\nKlant: Evi Cammel, BSN 111222333").1,
        K::Special
    );
}
