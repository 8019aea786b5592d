//! Identifier rules: check digits, formats and context gating, with the checked values of pii-detection.md.

use crate::{check, of};
use kluis_domain::EntityType::*;

#[test]
fn bsn_needs_eleven_proof_and_a_keyword() {
    check("BSN: 111222333", &[(Bsn, "111222333")]);
    check("burgerservicenummer 123456782", &[(Bsn, "123456782")]);
    check("Sofinummer: 319072356.", &[(Bsn, "319072356")]);
    check("BSN 1112.22.333", &[(Bsn, "1112.22.333")]);
    check(
        "Persoonsnummer / Personal no: 211551557",
        &[(Bsn, "211551557")],
    );
    // Zero dropped: 011222335 written as 8 digits.
    check("BSN: 11222335", &[(Bsn, "11222335")]);
    // Fails the 11-proof.
    check("BSN: 123456789", &[]);
    // Valid 11-proof, but the keyword says it is an invoice or order number.
    check("Factuurnummer: 111222333", &[]);
    check("ordernummer 123456782", &[]);
    // No keyword at all: no BSN (Purview's rule).
    check("Het getal 111222333 staat hier zomaar.", &[]);
    check("000000000 BSN", &[]);
}

#[test]
fn iban_mod97_for_several_countries() {
    check("IBAN NL91ABNA0417164300", &[(Iban, "NL91ABNA0417164300")]);
    check(
        "op NL91 ABNA 0417 1643 00 t.n.v.",
        &[(Iban, "NL91 ABNA 0417 1643 00")],
    );
    check(
        "NL20INGB0001234567 en NL02ABNA0123456789",
        &[(Iban, "NL20INGB0001234567"), (Iban, "NL02ABNA0123456789")],
    );
    check(
        "rekening BE71 0961 2345 6769",
        &[(Iban, "BE71 0961 2345 6769")],
    );
    check(
        "Konto DE89370400440532013000",
        &[(Iban, "DE89370400440532013000")],
    );
    check("IBAN NL91ABNA0417164301", &[]);
}

/// Made-up accounts with computed check digits, of countries outside SEPA too: found without any keyword.
#[test]
fn iban_of_every_registry_country_in_its_written_forms() {
    for v in [
        "AL41 1234 5678 ABCD EFGH 1234 5678",
        "BR6112345678123451234567890K1",
        "SA93 12AA AA11 1111 1111 1111",
        "XK251234567890123456",
        "MU18ABCD0102123456789012000EUR",
        "QA32ABCD123456789ABCDEFGHIJKL",
        "LC81 ABCD 1234 5678 90AB CDEF GH12 3456",
        "UA701234560000012345678901234",
        "NL44RABO0123456789",
        "NL44 RABO 0123 4567 89",
        "nl44 rabo 0123 4567 89",
        "NL44-RABO-0123-4567-89",
        "NL44\u{a0}RABO\u{a0}0123\u{a0}4567\u{a0}89",
        "BE 71 0961 2345 6769",
    ] {
        assert_eq!(
            of(
                &format!("Het voorschot gaat naar {v} zodra het contract getekend is."),
                Iban
            ),
            vec![v],
            "{v}"
        );
    }
}

/// Strings that pass MOD 97 but break their country's length or BBAN structure are no IBANs.
#[test]
fn iban_mod97_alone_is_not_enough() {
    for v in [
        // A letter inside the Dutch account number; digits where the bank code has letters.
        "NL19RABO01234A6789",
        "NL6312AB3456789012",
        // One character short of the Netherlands' 18, 22 of Saudi Arabia's 24.
        "NL97RABO012345678",
        "SA1845ABCD123456789012",
        // A digit in the British bank code.
        "GB14NW3K60161331926819",
        // Belgian national check digits (the first ten digits mod 97) wrong.
        "BE98 0961 2345 6768",
    ] {
        assert!(
            of(&format!("IBAN: {v} (zie bijlage)"), Iban).is_empty(),
            "{v}"
        );
    }
    // The right length followed by one more group is a longer number, not an IBAN and a number after it.
    assert!(of("Rekening BE71 0961 2345 6769 1234", Iban).is_empty());
    assert_eq!(
        of("Rekening BE71 0961 2345 6769 EUR", Iban),
        vec!["BE71 0961 2345 6769"]
    );
}

/// BIS numbers (month + 20 when the sex was unknown, + 40 when known), unknown birth dates and days, births from
/// 2000, and the numbers that fail.
#[test]
fn belgian_bis_numbers_and_unknown_birth_dates() {
    for v in [
        // BIS, sex unknown and known; BIS of a birth in 2005.
        "90221512316",
        "85473003317",
        "05420345676",
        // Birth date unknown (2000-00-01 written 00 40 01 in a BIS), only the year known, day past the month's end.
        "00400012389",
        "20000000160",
        "85403500144",
        "08201200173",
    ] {
        assert_eq!(
            of(&format!("Rijksregisternummer: {v}"), BeNationalNumber),
            vec![v],
            "{v}"
        );
    }
    for v in [
        // Month 33 and 13 (neither 0-12, 20-32 nor 40-52) and 61, with correct check digits; check digits off.
        "85333003316",
        "85133003370",
        "85613003318",
        "90221512317",
    ] {
        assert!(
            of(&format!("Rijksregisternummer: {v}"), BeNationalNumber).is_empty(),
            "{v}"
        );
    }
}

/// Every common written form of the national number. With the date apart from the counter the form speaks for
/// itself; the plain digits and forms with a single separator need the keyword.
#[test]
fn belgian_national_number_written_forms() {
    for v in [
        "72.03.14-123.20",
        "72.03.14-123 20",
        "72.03.14.123.20",
        "72 03 14 123 20",
        "72-03-14-123-20",
        "720314-123-20",
        "720314 123 20",
        "720314-123.20",
        "90.22.15-123.16",
    ] {
        assert_eq!(
            of(&format!("Rijksregisternummer: {v}"), BeNationalNumber),
            vec![v],
            "{v}"
        );
        assert_eq!(
            of(
                &format!("De betrokkene ({v}) werd gehoord."),
                BeNationalNumber
            ),
            vec![v],
            "{v}"
        );
    }
    for v in ["72031412320", "720314123-20", "720314-12320"] {
        assert_eq!(of(&format!("INSZ {v}"), BeNationalNumber), vec![v], "{v}");
        assert!(
            of(
                &format!("Referentie {v} van de bestelling"),
                BeNationalNumber
            )
            .is_empty(),
            "{v}"
        );
    }
    // Check digits off by one in each form.
    for v in ["72.03.14-123.19", "72 03 14 123 19", "720314-123-19"] {
        assert!(
            of(&format!("Rijksregisternummer: {v}"), BeNationalNumber).is_empty(),
            "{v}"
        );
    }
}

#[test]
fn belgian_national_number_mod97_both_centuries_and_bis() {
    check(
        "Rijksregisternummer: 85073003328",
        &[(BeNationalNumber, "85073003328")],
    );
    check(
        "numéro de registre national 85.07.30-033.28",
        &[(BeNationalNumber, "85.07.30-033.28")],
    );
    check("INSZ 17073003384", &[(BeNationalNumber, "17073003384")]);
    check(
        "Rijksregisternummer 93051822361",
        &[(BeNationalNumber, "93051822361")],
    );
    check(
        "BIS-nummer 98472899765",
        &[(BeNationalNumber, "98472899765")],
    );
    check("Rijksregisternummer: 85073003327", &[]);
}

#[test]
fn vat_numbers() {
    check("BTW NL004495445B01", &[(VatNumber, "NL004495445B01")]);
    check("btw-id NL002455799B11", &[(VatNumber, "NL002455799B11")]);
    check("TVA BE0403.019.261", &[(VatNumber, "BE0403.019.261")]);
    check("BE 0428.759.497", &[(VatNumber, "BE 0428.759.497")]);
    check(
        "ondernemingsnummer 0203.201.340",
        &[(VatNumber, "0203.201.340")],
    );
    // Bad check digits and no VAT keyword.
    check("code NL123456789B01", &[]);
    check("BE0403.019.262", &[]);
}

#[test]
fn kvk_needs_context() {
    check("KvK 26596939", &[(KvkNumber, "26596939")]);
    check(
        "ingeschreven bij de Kamer van Koophandel onder nummer 58793800",
        &[(KvkNumber, "58793800")],
    );
    check("artikel 26596939", &[]);
}

#[test]
fn phones_nl_and_be() {
    for p in [
        "06 12345678",
        "06-12345678",
        "+31 6 12345678",
        "+31 (0)10 021 9306",
        "010-1234567",
        "076-221 7520",
        "0031 6 12345678",
        "+32 478 16 89 42",
        "0478 16 89 42",
        "+32 2 123 45 67",
    ] {
        assert_eq!(
            of(&format!("Bel {p} vandaag"), Phone),
            vec![p.to_owned()],
            "{p}"
        );
    }
    // A date is not a phone number.
    assert!(of("op 01-06-1954 ontvangen", Phone).is_empty());
}

#[test]
fn postcodes() {
    check("2601 DC Delft", &[(Postcode, "2601 DC")]);
    check("1012AB Amsterdam", &[(Postcode, "1012AB")]);
    check("1234 SS", &[]);
    check("1234 SA en 1234 SD", &[]);
    check("0123 AB", &[]);
}

#[test]
fn dates_of_birth_only_with_context() {
    check("Geboortedatum: 27-08-2000", &[(DateOfBirth, "27-08-2000")]);
    check(
        "geboren op 24 oktober 1948",
        &[(DateOfBirth, "24 oktober 1948")],
    );
    check(
        "Date de naissance : 3 mars 1975",
        &[(DateOfBirth, "3 mars 1975")],
    );
    check("Date of birth: 1985-07-30", &[(DateOfBirth, "1985-07-30")]);
    check("geb. 09/10/1963", &[(DateOfBirth, "09/10/1963")]);
    check("Factuurdatum: 17-10-2025", &[]);
    check("Geboortedatum: 31-02-1980", &[]);
    // The next line's date is not the birth date.
    assert_eq!(
        of(
            "Geboortedatum: 27-08-2000\nEerste ziektedag: 18-5-2025",
            DateOfBirth
        ),
        vec!["27-08-2000"]
    );
}

#[test]
fn credit_cards_luhn() {
    check(
        "Creditcard: 4111 1111 1111 1111",
        &[(CreditCard, "4111 1111 1111 1111")],
    );
    check(
        "Mastercard 5555555555554444",
        &[(CreditCard, "5555555555554444")],
    );
    check(
        "Amex 3782 822463 10005",
        &[(CreditCard, "3782 822463 10005")],
    );
    check("Creditcard: 4111 1111 1111 1112", &[]);
}

#[test]
fn id_documents_and_licences() {
    check(
        "Documentnummer: XR1001R58",
        &[(IdDocumentNumber, "XR1001R58")],
    );
    check(
        "Paspoortnummer NPFK12345",
        &[(IdDocumentNumber, "NPFK12345")],
    );
    check(
        "kaartnummer eID 591-1917064-58",
        &[(IdDocumentNumber, "591-1917064-58")],
    );
    check(
        "Rijbewijsnummer: 5123456789",
        &[(DrivingLicenceNumber, "5123456789")],
    );
    check("Artikel XR1001R58", &[]);
}

#[test]
fn plates_ip_email() {
    check("kenteken 12-ABC-3", &[(LicensePlate, "12-ABC-3")]);
    check("auto GF-123-H", &[(LicensePlate, "GF-123-H")]);
    check("IP-adres: 204.67.163.37", &[(IpAddress, "204.67.163.37")]);
    check("versie 999.1.1.1", &[]);
    check(
        "Mail j.de.vries@example.nl.",
        &[(Email, "j.de.vries@example.nl")],
    );
}

#[test]
fn addresses_with_additions() {
    check("Silpad 69", &[(Address, "Silpad 69")]);
    check(
        "wonende te Juliaweg 38, Utrecht",
        &[(Address, "Juliaweg 38")],
    );
    check("Kerkstraat 12a", &[(Address, "Kerkstraat 12a")]);
    check("Dorpsweg 12-2", &[(Address, "Dorpsweg 12-2")]);
    check(
        "Rue de la Loi 16, 1040 Bruxelles",
        &[(Address, "Rue de la Loi 16")],
    );
    check("Amsterdam 2025", &[]);
}
