//! Person names: gazetteer plus structure (salutations, labels, titles, signatures, the line above an address).

use crate::{check, of};
use kluis_domain::EntityType::*;

#[test]
fn known_first_name_with_tussenvoegsels() {
    assert_eq!(
        of("Contract met Sanne van der Berg vandaag.", PersonName),
        vec!["Sanne van der Berg"]
    );
    assert_eq!(
        of("Contract met Jan de Vries.", PersonName),
        vec!["Jan de Vries"]
    );
    assert_eq!(
        of("Linda De Schutter tekent.", PersonName),
        vec!["Linda De Schutter"]
    );
    assert_eq!(
        of("Klant: Suze van 't Wel", PersonName),
        vec!["Suze van 't Wel"]
    );
}

#[test]
fn names_outside_the_list_from_structure() {
    assert_eq!(
        of("Geachte heer Oosterwijk-Bakels,", PersonName),
        vec!["Oosterwijk-Bakels"]
    );
    assert_eq!(
        of("t.a.v. mevrouw Y. Achterberg", PersonName),
        vec!["Y. Achterberg"]
    );
    assert_eq!(
        of("de heer J.P. de Vries", PersonName),
        vec!["J.P. de Vries"]
    );
    assert_eq!(
        of("Naam: Xandrijn Qoelwijk", PersonName),
        vec!["Xandrijn Qoelwijk"]
    );
    assert_eq!(
        of("Met vriendelijke groet,\nOrlanda Wijtvliet", PersonName),
        vec!["Orlanda Wijtvliet"]
    );
    assert_eq!(
        of("Naam / Surname: VAN ENSCHOT", PersonName),
        vec!["VAN ENSCHOT"]
    );
    assert_eq!(of("Madame Huysmans,", PersonName), vec!["Huysmans"]);
    // The line above an address.
    assert_eq!(
        of(
            "Quirijn Zandvoort\nSchelpenpad 4\n1234 AB Ergens",
            PersonName
        ),
        vec!["Quirijn Zandvoort"]
    );
}

#[test]
fn organisations_are_not_people() {
    assert!(of("Jan de Rijk BV\nMolenweg 4", PersonName).is_empty());
    assert!(
        of(
            "Aan:\nJan de Rijk\nAfdeling Inkoop\nSjoerdbaan 66",
            PersonName
        )
        .is_empty()
    );
    assert!(
        of(
            "Foot Locker Europe\nPleunstraat 70\n2047 PX Moerkapelle\nKvK 48124588",
            PersonName
        )
        .is_empty()
    );
    assert!(
        of(
            "From: Klantenservice <service@voorbeeldwinkel.nl>",
            PersonName
        )
        .is_empty()
    );
    assert!(of("Geachte heer/mevrouw,", PersonName).is_empty());
}

#[test]
fn letter_snapshot() {
    let letter = "Klacht over levering\nLoek Dennenberg\nSethsteeg 17\n8264 AX Bloemendaal\nTel. +31 (0)10 837 6096\n\n\
Geachte heer, mevrouw,\n\nOp 28 november heb ik een bestelling geplaatst (ordernummer 779548092). Ik verzoek u het bedrag \
terug te storten op NL44 KNAB 7687 4368 08.\nU kunt mij bereiken via loek.dennenberg@kpnmail.nl.\n\n\
Met vriendelijke groet,\nLoek Dennenberg\n";
    let a = kluis_pii::Detector::shared().analyze(letter, Some("klacht.txt"));
    let rows: Vec<String> = a
        .findings
        .iter()
        .map(|f| {
            format!(
                "{} {}..{} {:?} {}",
                f.entity,
                f.start,
                f.end,
                f.value,
                kluis_pii::mask(f.entity, &f.value)
            )
        })
        .collect();
    insta::assert_debug_snapshot!((rows, a.classification));
    check("Beste Daan,", &[(PersonName, "Daan")]);
}

#[test]
fn table_columns_give_cells_their_meaning() {
    let csv = "Naam;E-mail;Geboortedatum;BSN\nShanti Ramdin;shanti.ramdin@gmail.com;12-03-1985;111222333\nKwame Mensah;k.m@example.nl;01-07-1990;123456782\n";
    assert_eq!(of(csv, PersonName), vec!["Shanti Ramdin", "Kwame Mensah"]);
    assert_eq!(of(csv, DateOfBirth), vec!["12-03-1985", "01-07-1990"]);
    assert_eq!(of(csv, Bsn), vec!["111222333", "123456782"]);
}

#[test]
fn names_beside_their_email_address() {
    assert_eq!(
        of(
            "Contact: Oksana Kowalczyk (oksana.kowalczyk@outlook.com)",
            PersonName
        ),
        vec!["Oksana Kowalczyk"]
    );
    assert_eq!(
        of(
            "Ingediend door Lotte de Marduras, lotte.demarduras@ziggo.nl",
            PersonName
        ),
        vec!["Lotte de Marduras"]
    );
}

#[test]
fn street_above_a_postcode_without_known_suffix() {
    check(
        "Achterom 12\n3811 AB Amersfoort",
        &[(Address, "Achterom 12"), (Postcode, "3811 AB")],
    );
    check("Postbus 123\n1000 AB Amsterdam", &[(Postcode, "1000 AB")]);
    check(
        "Jan Peeters, ° 12/03/1985",
        &[(PersonName, "Jan Peeters"), (DateOfBirth, "12/03/1985")],
    );
}

#[test]
fn lists_of_attendees() {
    assert_eq!(
        of(
            "Aanwezig: Peter, Sandra, Mohammed en Lisa (notulist)\n",
            PersonName
        ),
        vec!["Peter", "Sandra", "Mohammed", "Lisa"]
    );
}

#[test]
fn signature_under_a_sign_off_by_role() {
    assert_eq!(
        of(
            "Advies: niet tillen.\n\nDe bedrijfsarts,\nXeluna Vandermaalen\n",
            PersonName
        ),
        vec!["Xeluna Vandermaalen"]
    );
    assert_eq!(
        of(
            "Repos de deux semaines.\n\nLe médecin du travail,\n\nDr. Ysaline Brouckmans",
            PersonName
        ),
        vec!["Ysaline Brouckmans"]
    );
    // A place or a firm under the role line is no signer, and a comma at the end of prose opens nothing.
    assert!(of("Met dank,\nDe directie,\nAmsterdam\n", PersonName).is_empty());
    assert!(of("De gemeente,\nBakkerij Zoetelief B.V.\n", PersonName).is_empty());
    assert!(
        of(
            "Wij leveren de bestelling volgende week, zoals afgesproken met de klant,\nRotterdam Centraal\n",
            PersonName
        )
        .is_empty()
    );
}

#[test]
fn lists_of_people_with_a_role_per_line() {
    // One known given name ("Fatoumata") makes the run a list of people; the unknown names come along.
    let list = "Kandidatenlijst\n\nFatoumata Quelbrand - ACV-delegee\nXeluna Vandermaalen - lid FNV\nOrtwijn Zeelkamp (penningmeester)\n";
    assert_eq!(
        of(list, PersonName),
        vec![
            "Fatoumata Quelbrand",
            "Xeluna Vandermaalen",
            "Ortwijn Zeelkamp"
        ]
    );
    // Products and places in the same layout are no people: no line opens with a known given name.
    let products = "Prijslijst\n\nBosch Accuboormachine - 89,95\nMakita Slijptol - 64,50\nDen Haag - Rotterdam (retour)\n";
    assert!(of(products, PersonName).is_empty());
    // A line between the items that is none (no separator, a separator past the line's head, a blank line)
    // breaks the run: each item stands alone again and the unknown names are not taken.
    for between in [
        "Geen streepje op deze regel",
        "Een heel lange regel die pas na meer dan vierenzestig bytes een streepje - heeft",
        "",
    ] {
        let broken = format!(
            "Fatoumata Quelbrand - ACV-delegee\n{between}\nXeluna Vandermaalen - lid FNV\n"
        );
        assert_eq!(
            of(&broken, PersonName),
            vec!["Fatoumata Quelbrand"],
            "{between:?}"
        );
    }
}

#[test]
fn common_dutch_given_names_and_short_closings() {
    assert_eq!(
        of("Aanwezig: Kees, Joop en Ineke", PersonName),
        vec!["Kees", "Joop", "Ineke"]
    );
    assert_eq!(
        of("Laat maar weten.\n\nBest,\nKaren Oudeweg", PersonName),
        vec!["Karen Oudeweg"]
    );
    // An organisation that signs is no person.
    assert!(
        of(
            "Met vriendelijke groet,\nWoningstichting De Linde",
            PersonName
        )
        .is_empty()
    );
}

#[test]
fn form_labels_with_dot_leaders_and_an_owner_word() {
    let form = "Voornaam kind ............ Liam\nAchternaam ............... Quelbrand\nNaam ouder: Xeluna Quelbrand-Zeelkamp\n";
    assert_eq!(
        of(form, PersonName),
        vec!["Liam", "Quelbrand", "Xeluna Quelbrand-Zeelkamp"]
    );
}

#[test]
fn a_given_name_after_a_family_word() {
    assert_eq!(
        of(
            "Ik ben getrouwd met mijn vrouw Elif en vader van twee kinderen.",
            PersonName
        ),
        vec!["Elif"]
    );
    assert_eq!(
        of("Ma fille Inès commence lundi.", PersonName),
        vec!["Inès"]
    );
    // A given name after any other word stays unmarked on its own.
    assert!(of("Het model Elif in het rood, maat 38.", PersonName).is_empty());
}

#[test]
fn a_lone_given_name_as_the_subject_of_a_verb() {
    assert_eq!(
        of(
            "Even een update: Priya is deze week thuis. Jeroen neemt haar klanten over.",
            PersonName
        ),
        vec!["Priya", "Jeroen"]
    );
    // Not before other words, and not a given name that also names a city.
    assert!(
        of(
            "Ben je er morgen? Sofia is de hoofdstad van Bulgarije.",
            PersonName
        )
        .is_empty()
    );
}

#[test]
fn a_signature_typed_in_lowercase() {
    assert_eq!(
        of("Tot morgen!\n\ngroetjes,\nmarloes\n", PersonName),
        vec!["marloes"]
    );
    assert!(of("Met vriendelijke groet,\nteam verkoop\n", PersonName).is_empty());
}

#[test]
fn a_legal_form_written_as_initials_ends_an_organisation() {
    assert_eq!(
        of(
            "Werkgever: Bakkerij Van Os B.V.\nWerknemer: R. Haddou\n",
            PersonName
        ),
        vec!["R. Haddou"]
    );
}

#[test]
fn a_known_given_name_found_alone_marks_its_other_occurrences() {
    let chat =
        "[12-03-25 09:20] Bilal: Ik kan wel\n[12-03-25 09:21] Hanneke: Top, dank je Bilal!\n";
    assert_eq!(of(chat, PersonName), vec!["Bilal", "Hanneke", "Bilal"]);
}

#[test]
fn a_headerless_column_of_names_and_a_ruled_header() {
    let roster = "| za 4 okt | Dries Lambrechts | 16:00 |\n| za 11 okt | Niels | 09:00 |\n| za 18 okt | Petra Meijer | 09:00 |\n| za 25 okt | Xandrijn | 10:00 |\n";
    assert_eq!(
        of(roster, PersonName),
        vec!["Dries Lambrechts", "Niels", "Petra Meijer", "Xandrijn"]
    );
    let ruled = "naam            | dieet\n----------------+--------\nO. Leclercq     | -\nDoekhie, Ravi   | vegetarisch\n";
    assert_eq!(of(ruled, PersonName), vec!["O. Leclercq", "Doekhie, Ravi"]);
}

#[test]
fn labels_with_a_qualifier_before_the_colon_and_a_remark_after_the_name() {
    assert_eq!(
        of("Naam + voorletters : Xelburg, Wim\n", PersonName),
        vec!["Xelburg, Wim"]
    );
    assert_eq!(
        of("Naam en voornaam lid   : Sultani Mirwais\n", PersonName),
        vec!["Sultani Mirwais"]
    );
    assert_eq!(
        of("Medewerker: Haddad, Firas (pers.nr. 99710)\n", PersonName),
        vec!["Haddad, Firas"]
    );
    assert_eq!(
        of("Afleveren bij:  Janssens, Katrien\n", PersonName),
        vec!["Janssens, Katrien"]
    );
}
