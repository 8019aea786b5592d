//! Entities as other writers put them down: rows of comma-separated exports, Belgian formats (mobiles, plates,
//! postcodes with boxes), French street names and registers, chat exports. Every value is made up.

use crate::of;
use kluis_domain::EntityType::*;

#[test]
fn phones_between_the_fields_of_a_comma_separated_row() {
    let csv = "nr,naam,gsm,laatste bezoek\n20411,Wellens,0478 11 22 33,03/04/2024\n20417,Dierickx,+32 471 90 12 34,05/04/2024\n";
    assert_eq!(of(csv, Phone), ["0478 11 22 33", "+32 471 90 12 34"]);
    // A comma in a line with fewer fields is a decimal comma: the digits after it are no phone number.
    assert!(of("Het bedrag was 3,0612345678 per eenheid.", Phone).is_empty());
}

#[test]
fn phones_with_a_spaced_dash_en_dash_service_or_foreign_prefix() {
    assert_eq!(
        of("Bel 053 \u{2013} 214 88 19 na tienen.", Phone),
        ["053 \u{2013} 214 88 19"]
    );
    assert_eq!(
        of("Tel. 0317 - 42 18 90 (receptie)", Phone),
        ["0317 - 42 18 90"]
    );
    assert_eq!(
        of("Storingen: 0900-4417 of 0800 0231.", Phone),
        ["0900-4417", "0800 0231"]
    );
    assert_eq!(of("Mobile: +44 7911 123456", Phone), ["+44 7911 123456"]);
    assert_eq!(
        of("Bureau : +33 1 42 68 53 07", Phone),
        ["+33 1 42 68 53 07"]
    );
}

#[test]
fn belgian_plates_and_plates_in_a_row() {
    assert_eq!(
        of("Wagen met plaat 1-TQX-418 stond fout.", LicensePlate),
        ["1-TQX-418"]
    );
    assert_eq!(of("nummerplaat 2-AKB-907", LicensePlate), ["2-AKB-907"]);
    assert_eq!(
        of(
            "rit,chauffeur,auto,bedrag\n4410,Ruud,TX-918-B,12.50\n",
            LicensePlate
        ),
        ["TX-918-B"]
    );
}

#[test]
fn birth_dates_under_their_header_and_after_a_birth_sign() {
    let csv =
        "licence;nom;prenom;date_naissance;ceinture\nX-1;Lambrechts;Odile;14/06/2012;blanche\n";
    assert_eq!(of(csv, DateOfBirth), ["14/06/2012"]);
    assert_eq!(
        of("Rombouts Eline\n\u{b0}22/10/1991\n", DateOfBirth),
        ["22/10/1991"]
    );
    assert_eq!(
        of(
            "Lieu et date de naissance : Namur, 7 AVRIL 1988",
            DateOfBirth
        ),
        ["7 AVRIL 1988"]
    );
}

#[test]
fn belgian_streets_before_a_postcode_and_french_street_names() {
    assert_eq!(
        of("Kerkwegel 14 bus 2, 3500 Hasselt", Address),
        ["Kerkwegel 14 bus 2"]
    );
    assert_eq!(
        of(
            "ouder,adres\nAn Wuyts,Wilgendries 8 9050 Gentbrugge\n",
            Address
        ),
        ["Wilgendries 8"]
    );
    assert_eq!(
        of("Kouterdreef-Oost 31\n9000 Gent", Address),
        ["Kouterdreef-Oost 31"]
    );
    assert_eq!(
        of("le local situé rue des Tilleuls 23 à Namur", Address),
        ["rue des Tilleuls 23"]
    );
    assert_eq!(
        of("Levering aan Vinkenstraat 9bis te Utrecht", Address),
        ["Vinkenstraat 9bis"]
    );
    // A time after a town is no house number; a year before a town is no postcode of a street.
    assert!(of("Alternatief Eindhoven 11:15 voorgesteld.", Address).is_empty());
    assert!(of("de rapporten van 2023 Antwerpen en Gent", Address).is_empty());
}

#[test]
fn names_in_name_part_columns_even_when_a_row_holds_a_header_word() {
    let csv = "member_id;first_name;last_name;role\n\
               A-1;Wiebke;Ter Velde;lid\n\
               A-2;Jozefien;Oude Hengel;lid\n";
    let names = of(csv, PersonName);
    assert!(names.contains(&"Ter Velde".to_owned()), "{names:?}");
    assert!(names.contains(&"Oude Hengel".to_owned()), "{names:?}");
    assert!(names.contains(&"Jozefien".to_owned()), "{names:?}");
    let quoted = "\"Klant\",\"GSM\"\n\"Baert Lieselot\",\"0472 10 20 30\"\n";
    assert_eq!(of(quoted, PersonName), ["Baert Lieselot"]);
}

#[test]
fn chat_senders_and_registers_with_the_surname_in_capitals() {
    let chat = "[02/05/2025, 09:14:55] Tibo VDB: ok voor mij\n[12-05-2025 10:01] Roel Hendrikx\nstart om 9u\n";
    let names = of(chat, PersonName);
    assert!(names.contains(&"Tibo VDB".to_owned()), "{names:?}");
    assert!(names.contains(&"Roel Hendrikx".to_owned()), "{names:?}");
    assert_eq!(
        of("Monsieur DELVAUX Olivier\nrue Haute 3", PersonName),
        ["DELVAUX Olivier"]
    );
    // A heading in capitals inside a sentence is no surname.
    assert!(
        of("Zie het OVERZICHT Peter stuurde gisteren.", PersonName)
            .iter()
            .all(|n| !n.contains("OVERZICHT"))
    );
}

#[test]
fn initials_before_a_surname_after_an_agent_word_or_label() {
    assert_eq!(
        of("Afgehandeld door T. van Oosterwijk op dinsdag.", PersonName),
        ["T. van Oosterwijk"]
    );
    assert_eq!(
        of(
            "Opmerking monteur (R. Baldewsingh): filter vervangen.",
            PersonName
        ),
        ["R. Baldewsingh"]
    );
    assert_eq!(
        of("Vérifié par : S. Lecomte-Haubrechts - conforme", PersonName),
        ["S. Lecomte-Haubrechts"]
    );
    // A letter of a list before a sentence, an organisation in initials, a club: no person.
    assert!(of("Zie bijlage B. Daarna volgt de planning.", PersonName).is_empty());
    assert!(
        of(
            "Partijen: K.L. Vermeer, gevestigd te Zwolle, hierna",
            PersonName
        )
        .is_empty()
    );
    assert!(of("Club : R. Tilleur-Ougrée FC", PersonName).is_empty());
}

#[test]
fn a_numbered_label_names_its_number_and_a_card_is_a_card() {
    assert_eq!(
        of(
            "  Licence no.: 7302914568    Categories: B, C",
            DrivingLicenceNumber
        ),
        ["7302914568"]
    );
    assert_eq!(
        of(
            "I wrote the card on the form: 4929173648201577 exp 11/28",
            CreditCard
        ),
        ["4929173648201577"]
    );
    // The same digits failing the Luhn check are no card.
    assert!(of("I wrote the card on the form: 4929173648201578", CreditCard).is_empty());
}

#[test]
fn document_numbers_printed_with_a_blank_after_the_letters() {
    assert_eq!(
        of("Documentnummer:      XR 501734", IdDocumentNumber),
        ["XR 501734"]
    );
    // Without a document label the same shape is a reference like any other.
    assert!(of("Zie dossier XR 501734 voor details.", IdDocumentNumber).is_empty());
}

#[test]
fn street_names_with_an_adjective_before_and_a_box_after() {
    assert_eq!(
        of(
            "Wij verhuizen naar Brugse Steenweg 212 in Oostende.",
            Address
        ),
        ["Brugse Steenweg 212"]
    );
    assert_eq!(
        of("Afspraak op de Grote Markt 7 om tien uur.", Address),
        ["Grote Markt 7"]
    );
    assert_eq!(
        of("Ze woont in de Lange Nieuwstraat 18 bus 3.", Address),
        ["Lange Nieuwstraat 18 bus 3"]
    );
    // A demonstrative is no part of the street's name.
    assert_eq!(
        of("Deze Kerkstraat 5 is afgesloten.", Address),
        ["Kerkstraat 5"]
    );
}
