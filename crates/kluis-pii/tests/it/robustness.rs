//! No panic on odd input; offsets are char boundaries and values are the text at those offsets.

use kluis_pii::{Detector, mask, normalize};

fn assert_sound(text: &str) {
    let a = Detector::shared().analyze(text, Some("x"));
    for f in &a.findings {
        assert!(
            text.is_char_boundary(f.start) && text.is_char_boundary(f.end),
            "{f:?}"
        );
        assert_eq!(&text[f.start..f.end], f.value);
        let _ = (normalize(f.entity, &f.value), mask(f.entity, &f.value));
    }
}

#[test]
fn odd_unicode_and_edges() {
    let samples = [
        "",
        "@",
        "@@.nl",
        "a@b.c",
        "BSN:",
        "É",
        "Ééé Àèë 123 ÄB",
        "Naam: ",
        "Beste ",
        "Met vriendelijke groet,",
        "Kerkstraat 1",
        "NL91",
        "\u{0301}Jan\u{0301} de Vries\u{200B}",
        "Geachte heer 😀 Jansen,\n06 12345678😀",
        "ﾟ･✿ヾ╲(｡◕‿◕｡)╱✿･ﾟ BSN ١٢٣٤٥٦٧٨٢ 𝟏𝟐𝟑",
        "Straße 5 ß Noëlle Goedhart\tEliaslaan 9",
        "t.a.v. Ĳsbrand Œuvre\r\nDorpsweg 3\r\n",
        "\u{feff}Factuur\u{0}\u{7f}KvK\u{a0}12345678",
        "Rijksregisternummer: 85.07.30-033.2",
        "BE",
        "0",
        "+31",
        "Geboren op 31 février 2000",
    ];
    for s in samples {
        assert_sound(s);
    }
}

#[test]
fn pseudo_random_input() {
    let alphabet: Vec<char> = "aZé ë\n\t:;,.-/@+()0123456789NLBEBSNKvK'’Ĳ😀\u{a0}\u{301}"
        .chars()
        .collect();
    let mut x: u64 = 0x1234_5678;
    for _ in 0..400 {
        let len = (x % 300) as usize;
        let mut s = String::new();
        for _ in 0..len {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            s.push(alphabet[(x % alphabet.len() as u64) as usize]);
        }
        assert_sound(&s);
    }
}

#[test]
fn normalize_and_mask() {
    use kluis_domain::EntityType::*;
    assert_eq!(
        normalize(Email, "J.Jansen@Example.NL"),
        "j.jansen@example.nl"
    );
    assert_eq!(normalize(Bsn, "1112.22.333"), "111222333");
    assert_eq!(normalize(Bsn, "11222335"), "011222335");
    assert_eq!(
        normalize(Iban, "nl91 abna 0417 1643 00"),
        "NL91ABNA0417164300"
    );
    assert_eq!(normalize(Phone, "+31 (0)10 021 9306"), "+31100219306");
    assert_eq!(normalize(Phone, "010-0219306"), "+31100219306");
    assert_eq!(normalize(Phone, "0031 10 021 9306"), "+31100219306");
    assert_eq!(normalize(DateOfBirth, "24 oktober 1948"), "1948-10-24");
    assert_eq!(normalize(DateOfBirth, "09/10/1963"), "1963-10-09");
    assert_eq!(normalize(LicensePlate, "12-abc-3"), "12ABC3");
    assert_eq!(mask(Email, "jan@example.nl"), "j***@example.nl");
    assert_eq!(
        mask(Iban, "NL91 ABNA 0417 1643 00"),
        "NL** **** **** **43 00"
    );
    // The same IBAN written without spaces, in lower case or with dashes masks the same; masking is idempotent.
    for written in [
        "NL91ABNA0417164300",
        "nl91 abna 0417 1643 00",
        "NL91-ABNA-0417-1643-00",
    ] {
        assert_eq!(mask(Iban, written), "NL** **** **** **43 00", "{written}");
    }
    assert_eq!(mask(Iban, "NL************4300"), "NL** **** **** **43 00");
    assert_eq!(mask(Bsn, "123456782"), "*****6782");
}

#[test]
fn text_without_line_breaks_stays_linear() {
    // Quadratic look-backs to the line start would take minutes here.
    let rec = "Jan Jansen Kerkstraat 5, 1234 AB Utrecht BSN 111222333 aanwezig: Peter, Lisa | ";
    let text = rec.repeat(3000);
    let t0 = std::time::Instant::now();
    let n = Detector::shared().detect(&text).len();
    assert!(n >= 3000 * 4, "{n}");
    assert!(t0.elapsed().as_secs() < 20, "{:?}", t0.elapsed());
}

/// Keyword hits can overlap ("geachte heer/mevrouw" holds "heer"); looking back for an identifier's context over
/// such hits once sliced backwards and panicked on any letter opening that way with a number close below.
#[test]
fn overlapping_keyword_hits_before_a_number() {
    for text in [
        "geachte heer/mevrouw\n123456789",
        "Geachte heer/mevrouw,\n\nUw klantnummer 123456789 en BSN 111222333.",
        "Geachte heer/mevrouw\nBSN\n111222333",
        "Madame, Monsieur,\nN° 85.07.30-033.28",
    ] {
        assert_sound(text);
    }
}

/// The keyword pass's gate reads bytes before and after each word: keywords at the very start and end of a
/// text, texts shorter than a load, and multibyte characters at block edges must neither panic nor be missed.
#[test]
fn keyword_gate_edges() {
    let d = Detector::shared();
    for t in [
        "",
        "a",
        "é",
        "BSN",
        "bsn:",
        "de heer",
        "Geachte heer",
        "knieoperatie",
        "ziekmelding",
    ] {
        assert_sound(t);
    }
    // A keyword as the text's last bytes, with and without a following byte.
    assert_eq!(d.debug_keyword_pass("bsn"), d.debug_keyword_pass("bsn "));
    assert!(d.debug_keyword_pass("de heer") > 0);
    // Multibyte characters straddling the 64-byte blocks, and a word longer than 16 bytes across them.
    let mut t = "é".repeat(40);
    t.push_str(" knieoperatie ");
    t.push_str(&"arbeidsongeschiktheidsverzekering".repeat(3));
    for cut in 0..t.len() {
        if t.is_char_boundary(cut) {
            assert_sound(&t[..cut]);
        }
    }
}

/// The digit search works 64 bytes at a time and the line walk takes its line ends from one pass: identifiers on
/// either side of a block edge, multibyte text before them, the last line without a break, and findings whose
/// values are filled only after the overlap resolution must all come out as before.
#[test]
fn block_edges_and_last_line() {
    let d = Detector::shared();
    for pad in 55..75 {
        let text = format!(
            "{}\nBSN: 111222333\nIBAN NL91ABNA0417164300",
            "é".repeat(pad / 2) + &"x".repeat(pad % 2)
        );
        let f = d.detect(&text);
        assert!(f.iter().any(|f| f.value == "111222333"), "{pad}");
        assert!(f.iter().any(|f| f.value == "NL91ABNA0417164300"), "{pad}");
        for f in &f {
            assert_eq!(f.value, text[f.start..f.end]);
        }
    }
    for text in [
        "",
        "\n",
        "1",
        "Met vriendelijke groet,\nJan",
        "Naam:\r\n",
        "é\n1\n\n2é",
    ] {
        for f in d.detect(text) {
            assert_eq!(f.value, text[f.start..f.end]);
        }
    }
}

/// The keyword pass reads 64-byte blocks, each with the 16 bytes after it, and the last ones from a padded copy:
/// the same words at every offset from a block edge, and texts that end anywhere around the edges, give the same
/// findings (shifted) and the same classification.
#[test]
fn keyword_pass_independent_of_block_offsets() {
    let d = Detector::shared();
    let body = "Geachte heer Jansen,\nUw burgerservicenummer: 111222333. Klantnummer 4411.\n\
                Patiënt Sanne de Vries (diabetes) kwam met Pieter-Jan van der Berg.\n\
                Met vriendelijke groet,\nAnnelies Bakker";
    let shifted = |pad: usize| {
        let text = format!("{}{body}", " ".repeat(pad));
        let a = d.analyze(&text, None);
        let findings: Vec<_> = a
            .findings
            .iter()
            .map(|f| (f.entity, f.start - pad, f.end - pad, f.value.clone()))
            .collect();
        (findings, a.classification)
    };
    let expected = shifted(1);
    assert!(expected.0.len() >= 4, "{:?}", expected.0);
    for pad in 1..=100 {
        assert_eq!(shifted(pad), expected, "pad {pad}");
    }
    // Every length around the edges of the last blocks, cut at character boundaries.
    for end in (0..=body.len()).filter(|&e| body.is_char_boundary(e)) {
        let text = &body[..end];
        for f in d.detect(text) {
            assert_eq!(f.value, text[f.start..f.end]);
        }
    }
}

/// The keyword pass keeps the gate's verdict per word (by its exact bytes, per thread, from one document to the
/// next), and what the exact lookups found in a word when that depends on its own bytes only: a word met before,
/// in another case, before or after other bytes, or under another detector must give what a first sight on a
/// fresh thread gives.
#[test]
fn word_verdicts_kept_between_documents_change_nothing() {
    let texts = [
        "Met vriendelijke groet,\nJan Jansen",
        "Met de fiets. met vriendelijke groet,\nSanne de Vries",
        "de heer Bakker belde. De heer Visser ook. de fiets",
        "Klant: Noor Smit\nklant Noor Smit, klantnummer 12",
        "BSN 111222333 en burgerservicenummer 111222333; bsn: 111222333",
        "Na een knieoperatie en rugklachten: arbeidsongeschiktheidsverzekering, arbeidsongeschiktheid.",
        "Diagnose: diabetes. DIAGNOSE diabetes. Diagnosecode 12. Geloof: katholiek, Katholieke school",
        "Geboortedatum: 01-02-1980\ngeboortedatum 01-02-1980\nGeboorteplaats Gent",
        "Aanwezig: Peter, Sandra en Lisa (notulist)\naanwezig peter",
        "abcdefghijklmnop abcdefghijklmnopq abcdefghijklmnopqr Abcdefghijklmnop",
        "abcdefghijklmno Abcdefghijklmno abcdefghijklmn klantnummervel klantnummerveld",
        "Sanne de Vries komt morgen. Ze heeft alvleesklierkanker.",
        // A party or a membership needs a member word before it; a word that opens a longer keyword finds it only
        // where the keyword goes on: what a word held once is no answer for the next occurrence.
        "Zij is lid van de PvdA en van de kerk. Offerte: diagnose. Met vriendelijke groet,\nNoor",
        "De PvdA won. De kerk staat er. offerte diagnose Met de auto. Met vriendelijke groet,\nLars",
        "Date de naissance : 3 mars 1975",
        "Date : 3 mars 1975. Date of birth: 1985-07-30",
        // Read before the line above (the loop runs backwards): the same name in lowercase, and a word with the
        // same first 16 bytes that ends otherwise.
        "sanne komt morgen, het alvleesklierkankeronderzoek ook",
    ];
    let cold = |t: &'static str| {
        std::thread::spawn(move || Detector::new().analyze(t, None))
            .join()
            .expect("a thread of its own")
    };
    let expected: Vec<_> = texts.iter().map(|&t| cold(t)).collect();
    let own = Detector::new();
    for round in 0..3 {
        // Backwards, so that the last texts warm the cache for the ones above them.
        for (i, &t) in texts.iter().enumerate().rev() {
            // One detector for a whole round (a detector of its own starts from an empty cache), then both in turn.
            let d = match round {
                0 => Detector::shared(),
                1 => &own,
                _ if i % 2 == 0 => Detector::shared(),
                _ => &own,
            };
            assert_eq!(d.analyze(t, None), expected[i], "{t}");
        }
    }
}

/// A long export whose notes column repeats weak terms in general wording, with one row that says something
/// of its person at the end: each term's sentence is judged once, so the work grows with the text, and the last
/// row still counts.
#[test]
fn many_special_terms_are_judged_once_each() {
    let mut text = String::from("Nr;Naam;Telefoon;Opmerking\n");
    for i in 0..10_000 {
        text.push_str(&format!(
            "{i};;;bij ziekte of allergie of griep: melden aan alle klanten\n"
        ));
    }
    text.push_str("10001;Mira de Groot;0612345678;zwanger, geen zware lasten\n");
    let c = kluis_pii::Detector::shared()
        .analyze(&text, None)
        .classification;
    assert_eq!(
        c.special_categories,
        vec![kluis_domain::SpecialCategory::Health]
    );
}
