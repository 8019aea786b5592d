//! Special categories in Dutch, French and English, only where a person is concerned.

use kluis_domain::PersonalDataKind;
use kluis_domain::SpecialCategory::{self, *};
use kluis_pii::Detector;

fn cats(text: &str) -> Vec<SpecialCategory> {
    Detector::shared()
        .analyze(text, None)
        .classification
        .special_categories
}

#[test]
fn categories_in_three_languages() {
    assert_eq!(
        cats("Naam: Jan Jansen\nIk ben kaderlid van de vakbond FNV."),
        vec![TradeUnion]
    );
    assert_eq!(
        cats("Nom: Marie Dubois\nExtrait de casier judiciaire joint."),
        vec![Criminal]
    );
    assert_eq!(
        cats("Name: John Smith\nHe was diagnosed with diabetes."),
        vec![Health]
    );
    // A VOG states that nothing stands in the way (no criminal data); a refusal does say something.
    assert_eq!(
        cats("Naam: Jan Jansen\nJustis heeft het voornemen om de VOG te weigeren."),
        vec![Criminal]
    );
    assert_eq!(
        cats("Naam: Jan Jansen\nWerknemer levert een VOG (verklaring omtrent het gedrag) aan."),
        vec![]
    );
    assert_eq!(
        cats("Naam: Fatima Yilmaz\nZij is moslim en vraagt een gebedsruimte."),
        vec![Religion]
    );
    assert_eq!(
        cats("Naam: Jan Jansen\nLid van de PvdA sinds 2010."),
        vec![Political]
    );
    assert_eq!(
        cats("Naam: Jan Jansen\nToegang met vingerafdruk."),
        vec![Biometric]
    );
    assert_eq!(
        cats("Naam: Jan Jansen\nUitslag DNA-test volgt."),
        vec![Genetic]
    );
    assert_eq!(
        cats("Nom: Marie Dubois\nSon orientation sexuelle ne nous regarde pas."),
        vec![SexualOrientation]
    );
    assert_eq!(
        cats("Naam: Jan Jansen\nMarokkaanse afkomst."),
        vec![Ethnicity]
    );
}

#[test]
fn words_inside_other_words_or_without_a_person_do_not_count() {
    // "genetic" inside a domain name, a street with "kerk", a pillow that is orthopaedic.
    assert!(
        cats("Vragen: info@hendrixgenetic.nl\nKerkstraat 5\nOrthopedisch kussen EUR 160,00")
            .is_empty()
    );
    // A product sheet about diabetes without any person.
    let a = Detector::shared().analyze(
        "Productinformatie\nGeschikt voor mensen met diabetes.",
        None,
    );
    assert!(a.classification.special_categories.is_empty());
    assert_eq!(a.classification.personal_data, PersonalDataKind::None);
    // One weak term is not enough: a school name, a union as a customer.
    assert!(cats("Naam: Jan Jansen\nOpleiding: Katholieke Universiteit Leuven").is_empty());
    assert!(cats("Factuur aan: Jan Jansen, FNV Bondgenoten").is_empty());
    // "geen cao van toepassing" is not union membership.
    assert!(cats("Naam: Jan Jansen\nOp deze overeenkomst is geen cao van toepassing.").is_empty());
}

#[test]
fn birth_said_indirectly() {
    for text in [
        "Naam: Sanne de Wit\nSanne is op 3 maart bevallen van een dochter en komt in juni terug.",
        "Madame Lefèvre,\nSuite à votre accouchement par césarienne, votre absence est prolongée.",
        "Dear Mr Patel,\nYour wife gave birth last week; congratulations from the team.",
    ] {
        assert_eq!(cats(text), vec![Health], "{text}");
    }
    // "Het is goed bevallen" means it pleased: no birth, no health data.
    assert_eq!(
        cats("Naam: Sanne de Wit\nDe nieuwe werkplek is goed bevallen."),
        vec![]
    );
}

#[test]
fn a_police_report_against_a_person_is_criminal_data() {
    assert_eq!(
        cats("Naam: Joris Verbeek\nDe buurman heeft aangifte tegen hem gedaan."),
        vec![Criminal]
    );
    // A tax return is an "aangifte" too.
    assert_eq!(
        cats("Naam: Joris Verbeek\nUw aangifte inkomstenbelasting is ontvangen."),
        vec![]
    );
}

#[test]
fn a_stay_in_hospital_is_health_data() {
    assert_eq!(
        cats(
            "Hoi allemaal,\nPriya is thuis, haar zoontje ligt in het ziekenhuis. Bel me op 06-41234567."
        ),
        vec![Health]
    );
    // The hospital as a customer is no one's health.
    assert_eq!(
        cats("Naam: Jan Jansen\nWij leveren de bedden aan het ziekenhuis in Gent."),
        vec![]
    );
}

#[test]
fn pain_said_of_oneself_is_health_data() {
    assert_eq!(
        cats(
            "Van: Sandra Vermeer\n\nIk moet mijn afspraak afzeggen, mijn rug is nog steeds erg pijnlijk."
        ),
        vec![Health]
    );
    assert_eq!(
        cats("Naam: Jan Jansen\nDe prijsverhoging is pijnlijk voor onze klanten."),
        vec![]
    );
}

#[test]
fn a_weak_term_in_a_table_row_of_a_person_is_said_of_that_person() {
    let diet = "naam | dieet\nFenna Wiersma | koosjer\nBram Kok | vegetarisch\n";
    assert_eq!(cats(diet), vec![Religion]);
    let enrol = "UserID\tName\tFinger\n101\tIngrid Tjon A Fong\tL-thumb\n";
    assert_eq!(cats(enrol), vec![Biometric]);
    // The same word outside any row of a person says nothing about anyone.
    assert_eq!(
        cats("Naam: Bram Kok\nOp het buffet is ook een koosjere schotel."),
        vec![]
    );
}

#[test]
fn a_question_answered_with_no_is_no_health_data() {
    let form =
        "Naam: Sem de Wit\nBijzonderheden (allergieën, medicatie, gezondheid):\nniks bijzonders\n";
    assert_eq!(cats(form), vec![]);
    let boxes = "Naam: Sem de Wit\n[ ] diabetes\n[ ] epilepsie\n";
    assert_eq!(cats(boxes), vec![]);
    let ticked = "Naam: Sem de Wit\n[x] diabetes\n[ ] epilepsie\n";
    assert_eq!(cats(ticked), vec![Health]);
}

#[test]
fn a_gift_to_a_religious_body_tells_the_givers_religion() {
    let receipt = "Hindoe Mandir Shri Ram\nBewijs van gift\nHierbij bevestigen wij de gift van Jef Van Acker, Kerkstraat 4.\n";
    assert_eq!(cats(receipt), vec![Religion]);
    // A delivery to the same body is no one's religion.
    assert_eq!(
        cats("Factuur aan: Hindoe Mandir Shri Ram\nContactpersoon: Jef Van Acker\n20 stoelen"),
        vec![]
    );
}

#[test]
fn a_prescription_medicine_delivered_to_a_person_is_health_data() {
    let slip = "BEZORGBON\nAfleveren bij: Sander van Rijn\n   1    Furosemide 40 mg tabl. 90st\n";
    assert_eq!(cats(slip), vec![Health]);
}
