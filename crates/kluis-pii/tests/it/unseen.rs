//! Rules added for held-out set C (`kluis-pii-eval heldout --set c`): membership context for unions and religious
//! bodies, more special-category wording, content class cues, comma-separated lists, letters without a person.

use kluis_domain::{DocumentClass as C, PersonalDataKind as K, SpecialCategory as S};
use kluis_pii::Detector;

fn classify(text: &str) -> (C, K, Vec<S>) {
    let c = Detector::shared().analyze(text, None).classification;
    (c.class, c.personal_data, c.special_categories)
}

#[test]
fn union_and_religious_bodies_count_beside_a_membership_word() {
    let (_, k, cats) =
        classify("LIDMAATSCHAPSKAART FNV\n\nNaam\nWoutbert Kloosbeek\nLid sinds\n3 maart 2023\n");
    assert_eq!((k, cats), (K::Special, vec![S::TradeUnion]));
    let (_, _, cats) = classify(
        "Ledenlijst Moskee Al Fath\nNaam;Adres;Telefoon\nOmar Dahri;Lindenhout 4;06-12345678\n",
    );
    assert_eq!(cats, vec![S::Religion]);
    // The name of a body alone (a supplier, a street, a meeting place) is no evidence about a person.
    let (_, _, cats) = classify(
        "Factuur\nKlant: Woutbert Kloosbeek\nLevering koffieautomaat FNV-gebouw, zaal bij de kerk\n",
    );
    assert_eq!(cats, vec![]);
}

#[test]
fn orientation_ethnicity_and_church_wording() {
    let (_, _, cats) = classify(
        "Van: Docile Gilbert <dgilbert@gmail.com>\n\nSinds ik heb verteld dat ik homo ben, maakt een collega grappen.",
    );
    assert_eq!(cats, vec![S::SexualOrientation]);
    let (_, _, cats) = classify("Name: Seba Tesfay\nShe says her manager mocks her for being gay.");
    assert_eq!(cats, vec![S::SexualOrientation]);
    let (_, _, cats) = classify("Naam  Joris Clelemans\nEtnische achtergrond: Moluks\n");
    assert_eq!(cats, vec![S::Ethnicity]);
    let (_, _, cats) = classify("Kerkelijke bijdrage 2025\nNaam: Joris Clelemans\nBedrag: € 120\n");
    assert_eq!(cats, vec![S::Religion]);
}

#[test]
fn health_documents_without_a_sick_note_title() {
    let (c, k, cats) = classify(
        "Apotheek Centrum\nMEDICATIEOVERZICHT\n\nNaam:\tWoutbert Kloosbeek\nGeneesmiddel | Dosering\nOmeprazol 20 mg | 1x per dag\n",
    );
    assert_eq!(
        (c, k, cats),
        (C::HealthStatement, K::Special, vec![S::Health])
    );
    let (c, _, _) = classify(
        "Huisartsenpraktijk De Linde\nVERWIJSBRIEF\n\nPatiënt: Woutbert Kloosbeek\nGraag verwijs ik de heer Kloosbeek naar u.",
    );
    assert_eq!(c, C::HealthStatement);
}

#[test]
fn forms_cards_and_comma_separated_lists() {
    let (c, _, _) =
        classify("Aanmeldformulier vrijwilliger\n\nNaam: Joris Clelemans\nTelefoon: 06-12345678\n");
    assert_eq!(c, C::Application);
    let (c, _, _) = classify(
        "Toestemmingsverklaring toegangscontrole\nNaam medewerker: Joris Clelemans\nDatum: 3-3-2025\n",
    );
    assert_eq!(c, C::Other);
    let csv = "klantnr,naam,adres,postcode,plaats\n\
               120449,Wyble Siebema,Beukenlei 80,7800 RQ,Purmerend\n\
               417679,Seba Tesfay,Oude Markt 17,2847 AJ,Purmerend\n\
               417680,Joris Clelemans,Kerkstraat 1,2847 AK,Purmerend\n";
    assert_eq!(classify(csv).0, C::CustomerList);
    // Prose with commas is no table.
    let prose = "Beste Joris,\n\nWe hebben koffie, thee, melk, suiker en koekjes besteld, zoals gevraagd.\n";
    assert_ne!(classify(prose).0, C::CustomerList);
}

#[test]
fn a_text_about_nobody_is_no_letter_and_health_words_alone_are_not_special() {
    let (c, k, cats) = classify(
        "Nieuwsbrief voorjaar\n\nHartelijk welkom aan alle nieuwe collega's! Tijdens de gezondheidsweek geeft een \
         fysiotherapeut tips om rugklachten te voorkomen. Het ziekteverzuim daalde naar 3,1 procent.\n",
    );
    assert_eq!((c, k, cats), (C::Other, K::None, vec![]));
    let (_, k, cats) = classify(
        "Factuur 2025-114\nKlant: Joris Clelemans\nParkeerabonnement ziekenhuisparkeerplaats 1 st.\nKniebeschermers werkbroek\nHartelijk dank voor uw bestelling.\n",
    );
    assert_eq!((k, cats), (K::Generic, vec![]));
}

#[test]
fn health_written_as_a_dutch_compound() {
    for t in [
        "Betrokkene: Woutbert Kloosbeek\nNa de knieoperatie werkt hij halve dagen.",
        "Naam: Woutbert Kloosbeek\nHij is in behandeling bij de fysiotherapeut.",
        "Naam: Woutbert Kloosbeek\nSinds maart heeft hij nekklachten.",
        "Naam: Woutbert Kloosbeek\nZij heeft last van een blaasontsteking.",
        "Naam: Woutbert Kloosbeek\nIn 2021 werd borstkanker vastgesteld.",
        "Naam: Woutbert Kloosbeek\nHij heeft sinds maandag rugpijn.",
    ] {
        assert_eq!(classify(t).2, vec![S::Health], "{t}");
    }
}

#[test]
fn compound_heads_in_business_words_are_not_health() {
    for t in [
        "Naam: Woutbert Kloosbeek\nDe klantklachten over de levering zijn afgehandeld.",
        "Naam: Woutbert Kloosbeek\nNa de cyberaanval is het wachtwoord gewijzigd.",
        "Naam: Woutbert Kloosbeek\nIk moet even langs de tandarts, ben er om 11 uur.",
        "Naam: Woutbert Kloosbeek\nDe reddingsoperatie van het project slaagde.",
        "Naam: Woutbert Kloosbeek\nDe groeipijn van het bedrijf is voorbij.",
    ] {
        assert_eq!(classify(t).2, vec![], "{t}");
    }
    // A head needs a modifier of three bytes: "arts" alone or "parts" is no compound.
    assert_eq!(
        classify("Naam: Woutbert Kloosbeek\nSpare parts and flowcharts attached.").2,
        vec![]
    );
}

#[test]
fn compound_class_cues_and_chat_exports() {
    assert_eq!(
        classify(
            "LEVERINGSOVEREENKOMST\n\nPartijen: Veldhoven Bouw NV en Noordkaap Logistiek B.V."
        )
        .0,
        C::Contract
    );
    let chat = "09/05/2025, 07:49 - Hesle Rinema: Goeiemorgen, ik red het niet\n\
                09/05/2025, 07:50 - Kofi Ofoteng: Wat is er?\n\
                09/05/2025, 08:56 - Hesle Rinema: Mijn rugklachten zijn terug, huisarts zegt rust\n";
    let (c, _, cats) = classify(chat);
    assert_eq!((c, cats), (C::Correspondence, vec![S::Health]));
}

mod entities {
    use crate::{check, of};
    use kluis_domain::EntityType as E;

    #[test]
    fn phone_with_a_spaced_dash() {
        assert_eq!(
            of("Mobiel: 06 - 1234 5678", E::Phone),
            vec!["06 - 1234 5678"]
        );
    }

    #[test]
    fn streets_with_less_usual_heads_and_belgian_slash_numbers() {
        for (t, v) in [
            ("Adres: Heidedonk 22, 5611 AB Eindhoven", "Heidedonk 22"),
            (
                "Zij woont aan de Wilgenwende 14 in Emmen.",
                "Wilgenwende 14",
            ),
            ("Hij woont op Roggerade 55 te Gouda.", "Roggerade 55"),
            (
                "Stuur het naar Meidoornhorst 61 in Zwolle.",
                "Meidoornhorst 61",
            ),
            (
                "Verhuisd naar Beemdsteenweg 135/8 in Gent.",
                "Beemdsteenweg 135/8",
            ),
        ] {
            assert_eq!(of(t, E::Address), vec![v], "{t}");
        }
        // A date after a street number is no box number.
        assert_eq!(
            of("Levering Kerkstraat 12/3/2025 gepland", E::Address),
            vec!["Kerkstraat 12"]
        );
    }

    #[test]
    fn csv_address_before_the_next_field_and_not_a_decimal() {
        assert_eq!(
            of(
                "120449,Wyble Siebema,Beukenlei 80,7800 RQ,Purmerend",
                E::Address
            ),
            vec!["Beukenlei 80"]
        );
        assert_eq!(
            of("Prijs Kerkstraat 12,50 euro", E::Address),
            Vec::<String>::new()
        );
    }

    #[test]
    fn word_dates_in_a_birth_date_column() {
        let t = "Naam;Adres;Geboren;Telefoon\nRajl Sewsahai;Hazelkamp 192;14 maart 2001;010-4078612\n\
                 Thi Lan Tran;Wolfsveld 38;22 dec. 1975;010-4078613\n";
        assert_eq!(of(t, E::DateOfBirth), vec!["14 maart 2001", "22 dec. 1975"]);
    }

    #[test]
    fn organisation_compounds_are_no_names() {
        check(
            "Huisartsenpraktijk De Linde\nTel. 020-1234567",
            &[(E::Phone, "020-1234567")],
        );
        assert!(
            of(
                "Met vriendelijke groet,\n\nLedenservice CNV Vakmensen\n",
                E::PersonName
            )
            .is_empty()
        );
    }
}

#[test]
fn postcode_letters_are_no_class_cue() {
    let t = "Brederode Bouw NV\nBeukenrade 82 | 3804 CV Sneek\n\nFactuur aan\nLiling Chen\nFactuurnr. 3051518\n\
             Totaal € 12,00\nGraag betalen binnen 14 dagen.";
    assert_eq!(classify(t).0, C::Invoice);
}

#[test]
fn representatives_in_a_contract_and_compound_only_street_heads() {
    use kluis_domain::EntityType as E;
    let t = "1. Zuidwind Logistiek B.V., vertegenwoordigd door Rumando Semedo (leverancier);";
    assert_eq!(crate::of(t, E::PersonName), vec!["Rumando Semedo"]);
    assert_eq!(
        crate::of("Adres: Koppelwei 7a", E::Address),
        vec!["Koppelwei 7a"]
    );
    // A name that ends like a head is no street.
    assert!(crate::of("Contact: Zhang Wei 3 dagen per week", E::Address).is_empty());
}

#[test]
fn a_record_without_letter_form_is_no_letter_but_a_letter_in_english_is() {
    let record = "KLANTGEGEVENS (intern)\n\nDhr. W. (Woutbert) Kloosbeek\nGeboorteplaats en -datum: Dokkum, 03-03-1987\n\
                  Rekening: NL91 ABNA 0417 1643 00\n";
    assert_eq!(classify(record).0, C::Other);
    let letter = "Zuidwind Drukwerk BV\n\nTo whom it may concern,\n\nThis is to confirm that Xiaoling Huang has been \
                  employed with us since 2024.\n\nSincerely,\n\nBerdina Rozeenaar\nHR Manager\n";
    assert_eq!(classify(letter).0, C::Correspondence);
    let mail = "Van: woutbert@gmail.com\nAan: verhuurder@gmail.com\nOnderwerp: lekkage\n\nHet dak lekt sinds maart.\n";
    assert_eq!(classify(mail).0, C::Correspondence);
}

#[test]
fn sick_note_wording_in_three_languages() {
    for t in [
        "Beste Woutbert,\n\nIk lig met koorts in bed en kom vandaag niet.\n\nGroet, Kees Kloosbeek",
        "Objet : absence\n\nNom : Marie Dubois\nJe suis en arrêt maladie jusqu'à vendredi.",
        "Hersteldmelding\nMedewerker: Woutbert Kloosbeek\nHersteld per 3 maart 2025.",
    ] {
        assert_eq!(classify(t).2, vec![S::Health], "{t}");
    }
    assert_eq!(
        classify("Hersteldmelding\nMedewerker: Woutbert Kloosbeek\nHersteld per 3 maart 2025.").0,
        C::HealthStatement
    );
    // "Spreekuur" alone is an opening hour, not a person's health.
    assert_eq!(
        classify("Naam: Woutbert Kloosbeek\nHet spreekuur van de gemeente is op dinsdag.").2,
        vec![]
    );
}

#[test]
fn a_bare_number_label_is_no_phone_unless_it_follows_a_phone_word() {
    use kluis_domain::EntityType as E;
    assert!(crate::of("Gewicht: 3 kg\nCertificaat nr. 0127937291", E::Phone).is_empty());
    assert_eq!(
        crate::of("Tel. nr. 0612345678", E::Phone),
        vec!["0612345678"]
    );
    assert_eq!(
        crate::of("GSM n° 0470 12 34 56", E::Phone),
        vec!["0470 12 34 56"]
    );
}

#[test]
fn injuries_english_notes_and_contract_compounds() {
    for t in [
        "Hoi Kees,\n\nIk heb een enkelblessure opgelopen en moet twee weken rust houden.\n\nGroetjes,\nWoutbert Kloosbeek",
        "Naam: Woutbert Kloosbeek\nNa een val heeft hij een hersenschudding.",
        "Name: Woutbert Kloosbeek\nHe is unfit for work for five days due to a sprained ankle.",
    ] {
        assert_eq!(classify(t).2, vec![S::Health], "{t}");
    }
    // A broken contract is no broken bone.
    assert_eq!(
        classify("Naam: Woutbert Kloosbeek\nBij contractbreuk volgt een boete.").2,
        vec![]
    );
    assert_eq!(
        classify("ARBEIDSCONTRACT VOOR BEPAALDE TIJD\n\nTussen Zuidwind BV en Woutbert Kloosbeek.")
            .0,
        C::Contract
    );
    let (_, _, cats) = classify(
        "Motivatiebrief\nNaam: Woutbert Kloosbeek\n\nAls vrijwilliger in de moskee geef ik huiswerkbegeleiding.",
    );
    assert_eq!(cats, vec![S::Religion]);
}
