//! The broader special-category vocabulary added for held-out set E (`kluis-pii-eval heldout --set e`): conditions
//! are strong on their own; specialists, care roles, tests, medicine names and crime or faith words are weak and
//! need a second, different term; business texts with the same words stay clean. Values made up.

use kluis_domain::{
    DocumentClass as C, EntityType::*, PersonalDataKind as K, SpecialCategory as S,
};
use kluis_pii::Detector;

use crate::of;

fn cats(text: &str) -> Vec<S> {
    Detector::shared()
        .analyze(text, None)
        .classification
        .special_categories
}

fn kind(text: &str) -> K {
    Detector::shared()
        .analyze(text, None)
        .classification
        .personal_data
}

const WHO: &str = "Naam: Woutbert Kloosbeek\n";

#[test]
fn conditions_not_on_the_old_list_are_health() {
    for t in [
        "Er is dyslexie vastgesteld; extra tijd bij toetsen.",
        "Ik heb last van nierstenen.",
        "Hij heeft een flinke angina.",
        "Betrokkene is bekend met eczeem en psoriasis.",
        "Na de val: kneuzingen aan de ribben.",
        "Vanwege angststoornissen is behandeling gestart.",
        "Uw herhaalrecept ligt klaar.",
        "L'élève est dyslexique.",
        "Votre ordonnance renouvelée est prête.",
        "He suffered a concussion and a torn ligament.",
        "Mijn zoon heeft de ziekte van Crohn.",
        "Na de heupvervanging loopt hij met krukken.",
        "Ik zit in de ziektewet vanwege mijn rug.",
    ] {
        assert_eq!(cats(&format!("{WHO}{t}\n")), vec![S::Health], "{t}");
    }
}

#[test]
fn weak_health_words_need_a_second_term() {
    // One specialist or one medicine name alone is no statement about a person's health.
    assert_eq!(
        cats(&format!("{WHO}De uroloog houdt spreekuur op dinsdag.\n")),
        vec![S::Health]
    );
    assert_eq!(
        cats(&format!(
            "{WHO}Parkeren bij de uroloog kan achter het gebouw.\n"
        )),
        vec![]
    );
    assert_eq!(
        cats(&format!("{WHO}Levering paracetamol, 20 dozen.\n")),
        vec![]
    );
    assert_eq!(
        cats(&format!(
            "{WHO}Medicijnen: paracetamol en omeprazol dagelijks.\n"
        )),
        vec![S::Health]
    );
    // A dentist visit alone stays what it was before (set A): no special category.
    assert_eq!(
        cats(&format!("{WHO}Ik moet even langs de tandarts.\n")),
        vec![]
    );
}

#[test]
fn business_texts_with_medical_sounding_words_stay_clean() {
    for t in [
        "Hartelijk dank voor jullie inzet; de operatie in het magazijn is goed verlopen.",
        "Offerte restauratie Sint-Janskerk: vervangen leien dak, herstel glas-in-lood.",
        "Lesrooster: maandag spinning, woensdag yoga voor een gezonde rug.",
        "De data-extractie en de behandeling van uw aanvraag duren twee weken.",
        "Het vaderschapsverlof wordt doorbetaald volgens de cao.",
        "The product is coming out next month; we take pride in it.",
        "Diefstal van een laptop uit de bedrijfswagen, aangifte volgt.",
        "Onder overmacht vallen stakingen, epidemieën en ziekte van personeel.",
        "Kentekenherkenning bij de slagboom en tekstherkenning van facturen.",
        "Vervanging van de batterij en de prothesekast.",
    ] {
        assert_eq!(cats(&format!("{WHO}{t}\n")), vec![], "{t}");
    }
}

#[test]
fn criminal_religion_orientation_biometric_genetic_wording() {
    let cases: &[(&str, S)] = &[
        (
            "U wordt gedagvaard te verschijnen voor de politierechter.",
            S::Criminal,
        ),
        (
            "Vous êtes convoqué devant le tribunal correctionnel.",
            S::Criminal,
        ),
        (
            "He was sentenced to two years; his probation officer reports monthly.",
            S::Criminal,
        ),
        (
            "Als praktiserend hindoe eet ik geen rundvlees.",
            S::Religion,
        ),
        ("Ik eet alleen koosjer en halal is geen optie.", S::Religion),
        ("I identify as queer.", S::SexualOrientation),
        (
            "De handpalmscan voor het inklokken is geactiveerd.",
            S::Biometric,
        ),
        ("Votre empreinte digitale a été enregistrée.", S::Biometric),
        (
            "Toegang tot de serverruimte via irisherkenning.",
            S::Biometric,
        ),
        ("Hij zit een gevangenisstraf uit.", S::Criminal),
        ("De uitslag van de vaderschapstest is binnen.", S::Genetic),
        ("Le test de paternité confirme le lien.", S::Genetic),
        ("Wilke Molebeek - vakbondsafgevaardigde", S::TradeUnion),
    ];
    for (t, c) in cases {
        assert_eq!(cats(&format!("{WHO}{t}\n")), vec![*c], "{t}");
    }
    // One weak word of a category alone: nothing.
    for t in [
        "Halal catering is beschikbaar in de kantine.",
        "De meldplicht voor datalekken geldt ook voor ons.",
        "Handelsvoorwaarden: fraud prevention applies.",
    ] {
        assert_eq!(cats(&format!("{WHO}{t}\n")), vec![], "{t}");
    }
}

#[test]
fn new_name_cues() {
    assert_eq!(
        of(
            "Betreft: Łogniew Lewanowski\n\nU wordt gedagvaard.",
            PersonName
        ),
        vec!["Łogniew Lewanowski"]
    );
    assert!(of("Betreft: verwijzing\n", PersonName).is_empty());
    assert_eq!(
        of(
            "This is to certify that Luriana dos Semteiro attended the clinic.\n\nDr Tsjaren Hoeksma",
            PersonName
        ),
        vec!["Luriana dos Semteiro", "Tsjaren Hoeksma"]
    );
    assert_eq!(
        of("Aan de ouders van Achal El Amsiri\n", PersonName),
        vec!["Achal El Amsiri"]
    );
    let c = Detector::shared()
        .analyze(
            "Opdrachtgever: Fersa dos Tavaedo\nDe uitslag van de vaderschapstest.\n",
            None,
        )
        .classification;
    assert_eq!(
        (c.personal_data, c.special_categories),
        (K::Special, vec![S::Genetic])
    );
    assert_ne!(c.class, C::Invoice);
    assert_eq!(kind("Lesrooster\nMaandag 19:00 Spinning\n"), K::None);
}

#[test]
fn a_weak_term_said_of_a_person_counts() {
    for t in [
        "Hij is vorige maand aan zijn galblaas geopereerd.",
        "Zij herstelt van een gebroken enkel.",
        "Hij is katholiek en gaat elke zondag naar de mis.",
    ] {
        assert_ne!(cats(&format!("{WHO}{t}\n")), vec![], "{t}");
    }
    // A role, a place or a body with a pronoun is about work or a delivery, and "u"/"we" address a reader.
    for t in [
        "Zij werkt als verpleegkundige bij ons.",
        "Hij is chirurg van beroep.",
        "Hij heeft de dominee gebeld over de zaal.",
        "De klantklachten over de levering zijn afgehandeld.",
        "Hij is verantwoordelijk voor de operatie in Rotterdam.",
        "Mijn team levert de medicijnkasten aan apotheken.",
        "Zijn bedrijf renoveert de kerk aan de Markt.",
        "Wij zijn gebroken tegels aan het vervangen.",
        "I would like to move my delivery, postcode 3843 GP.",
    ] {
        assert_eq!(cats(&format!("{WHO}{t}\n")), vec![], "{t}");
    }
}
