//! ZIP and MBOX: members are separate documents with their own status.

use kluis_extract::{Format, Status};

use crate::{all_text, ex, make};

#[test]
fn zip_members_are_children_and_a_bad_member_does_not_spoil_the_rest() {
    let z = make::zip_with(&[
        ("map/", b""),
        ("map/brief.docx", &make::docx()),
        ("notitie.txt", b"Bel Jan de Vries terug"),
        ("kapot.xlsx", b"PK\x03\x04 dit is geen xlsx"),
    ]);
    let e = ex("archief.zip", &z);
    assert_eq!(e.format, Format::Zip);
    assert_eq!(e.status, Status::Ok);
    let names: Vec<_> = e.children.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["map/brief.docx", "notitie.txt", "kapot.xlsx"]);
    assert_eq!(e.children[0].extracted.format, Format::Docx);
    assert!(e.children[0].extracted.text().contains("Jan de Vries"));
    assert_eq!(e.children[1].extracted.text(), "Bel Jan de Vries terug");
    assert!(
        matches!(e.children[2].extracted.status, Status::Corrupt(_)),
        "{:?}",
        e.children[2].extracted.status
    );
}

#[test]
fn encrypted_zip_entries_are_encrypted() {
    let z = make::mark_encrypted(make::zip_stored(&[("geheim.txt", b"BSN 111222333")]));
    let e = ex("geheim.zip", &z);
    assert_eq!(e.status, Status::Ok);
    assert_eq!(e.children.len(), 1);
    assert_eq!(e.children[0].extracted.status, Status::Encrypted);
    assert!(!all_text(&e).contains("111222333"));
}

#[test]
fn nested_zip_is_recursive() {
    let inner = make::zip_with(&[("diep.txt", b"Eva Smit")]);
    let outer = make::zip_with(&[("binnen.zip", &inner)]);
    let e = ex("buiten.zip", &outer);
    let c = &e.children[0];
    assert_eq!(c.extracted.format, Format::Zip);
    assert_eq!(c.extracted.children[0].name, "diep.txt");
    assert_eq!(c.extracted.children[0].extracted.text(), "Eva Smit");
}

#[test]
fn mbox_messages_are_children() {
    let m1 = String::from_utf8(make::eml_with_attachment("a.txt", b"Bijlage van Jan")).unwrap();
    let mbox = format!(
        "From jan@example.nl Mon Nov  3 10:00:00 2025\n{m1}\nFrom piet@example.nl Mon Nov  3 11:00:00 2025\n\
From: Piet <piet@example.nl>\nTo: Eva <eva@example.nl>\nSubject: Tweede\n\nHallo Eva Smit\n"
    );
    let e = ex("postvak.mbox", mbox.as_bytes());
    assert_eq!(e.format, Format::Mbox);
    assert_eq!(e.status, Status::Ok);
    assert_eq!(e.children.len(), 2);
    assert_eq!(e.children[0].extracted.format, Format::Eml);
    assert!(e.children[0].extracted.text().contains("Bijlage van Jan"));
    assert!(e.children[1].extracted.text().contains("Hallo Eva Smit"));
    assert!(
        e.children[1]
            .extracted
            .text()
            .contains("Piet <piet@example.nl>")
    );
}

#[test]
fn attached_zip_text_is_part_of_the_mail() {
    let z = make::zip_with(&[("cv.txt", b"Curriculum van Jan de Vries")]);
    let e = ex("m.eml", &make::eml_with_attachment("stukken.zip", &z));
    let seg = e
        .segments
        .iter()
        .find(|s| {
            s.location
                .as_ref()
                .is_some_and(|l| l.to_string() == "attachment: stukken.zip!/cv.txt")
        })
        .expect("zip member inside attachment");
    assert_eq!(seg.text, "Curriculum van Jan de Vries");
}
