use super::*;

fn doc(
    class: Option<DocumentClass>,
    kind: Option<PersonalDataKind>,
    cats: &[SpecialCategory],
) -> Classification {
    Classification {
        class,
        personal_data: kind,
        special_categories: cats.to_vec(),
    }
}

fn id_copy() -> Classification {
    doc(
        Some(DocumentClass::IdCopy),
        Some(PersonalDataKind::Special),
        &[],
    )
}

fn invoice() -> Classification {
    doc(
        Some(DocumentClass::Invoice),
        Some(PersonalDataKind::Generic),
        &[],
    )
}

#[test]
fn special_follows_kind_class_floor_and_categories() {
    assert!(id_copy().is_special());
    assert!(!invoice().is_special());
    // A class with a special floor is special even if a kind says otherwise.
    assert!(
        doc(
            Some(DocumentClass::IdCopy),
            Some(PersonalDataKind::Generic),
            &[]
        )
        .is_special()
    );
    assert_eq!(
        doc(Some(DocumentClass::HealthStatement), None, &[]).kind(),
        Some(PersonalDataKind::Special)
    );
    assert!(doc(None, None, &[SpecialCategory::Health]).is_special());
    assert_eq!(Classification::default().kind(), None);
    assert_eq!(
        doc(Some(DocumentClass::Other), None, &[]).kind(),
        None,
        "a floor of none says nothing about the kind"
    );
}

#[test]
fn reveal_rule() {
    use EntityType::*;
    assert_eq!(reveal_permission(&invoice(), Email), Permission::Read);
    assert_eq!(reveal_permission(&invoice(), Iban), Permission::Read);
    for e in [
        Bsn,
        BeNationalNumber,
        IdDocumentNumber,
        CreditCard,
        DrivingLicenceNumber,
    ] {
        assert_eq!(
            reveal_permission(&invoice(), e),
            Permission::RevealSensitive,
            "{e}"
        );
    }
    assert_eq!(
        reveal_permission(&id_copy(), Email),
        Permission::RevealSensitive
    );
    assert_eq!(content_permission(&invoice()), Permission::Read);
    assert_eq!(content_permission(&id_copy()), Permission::RevealSensitive);
    assert_eq!(search_permission(Bsn), Permission::RevealSensitive);
    assert_eq!(
        search_permission(BeNationalNumber),
        Permission::RevealSensitive
    );
    assert_eq!(search_permission(Iban), Permission::Read);
}

#[test]
fn lowering_a_special_document_is_a_declassification() {
    let declassify = CorrectionRule {
        permission: Permission::RevealSensitive,
        action: AuditAction::DocumentDeclassify,
    };
    let ordinary = CorrectionRule {
        permission: Permission::Write,
        action: AuditAction::DocumentCorrect,
    };
    // ID copy to "other / generic": the newcomer's finding.
    let other = doc(
        Some(DocumentClass::Other),
        Some(PersonalDataKind::Generic),
        &[],
    );
    assert_eq!(correction_rule(&id_copy(), &other), declassify);
    // Only the class lowered, the kind still special: still lowers the protection the class gave.
    let other_special = doc(
        Some(DocumentClass::Other),
        Some(PersonalDataKind::Special),
        &[],
    );
    assert_eq!(correction_rule(&id_copy(), &other_special), declassify);
    // Only the kind lowered, the class still an ID copy (whose floor keeps it special in effect).
    let generic_id = doc(
        Some(DocumentClass::IdCopy),
        Some(PersonalDataKind::Generic),
        &[],
    );
    assert_eq!(correction_rule(&id_copy(), &generic_id), declassify);
    // Only the kind lowered on a document special by its categories.
    let health = doc(
        Some(DocumentClass::Correspondence),
        Some(PersonalDataKind::Special),
        &[SpecialCategory::Health],
    );
    let fewer = doc(
        Some(DocumentClass::Correspondence),
        Some(PersonalDataKind::Special),
        &[],
    );
    assert_eq!(correction_rule(&health, &fewer), declassify);
    // Raising, or changing within special, is an ordinary correction.
    assert_eq!(correction_rule(&invoice(), &id_copy()), ordinary);
    let more = doc(
        Some(DocumentClass::Correspondence),
        Some(PersonalDataKind::Special),
        &[SpecialCategory::Health, SpecialCategory::Religion],
    );
    assert_eq!(correction_rule(&health, &more), ordinary);
    assert_eq!(
        correction_rule(
            &id_copy(),
            &doc(
                Some(DocumentClass::HealthStatement),
                Some(PersonalDataKind::Special),
                &[]
            )
        ),
        ordinary
    );
    assert_eq!(correction_rule(&invoice(), &other), ordinary);
}

#[test]
fn special_reasons_say_why() {
    use SpecialReason::*;
    assert_eq!(special_reasons(&invoice(), &[EntityType::Email]), vec![]);
    assert_eq!(special_reasons(&id_copy(), &[]), vec![IdentityDocument]);
    assert_eq!(
        special_reasons(
            &doc(
                Some(DocumentClass::Payslip),
                Some(PersonalDataKind::Special),
                &[]
            ),
            &[EntityType::Bsn, EntityType::Iban]
        ),
        vec![NationalId]
    );
    assert_eq!(
        special_reasons(&id_copy(), &[EntityType::IdDocumentNumber, EntityType::Bsn]),
        vec![NationalId, IdentityDocument]
    );
    assert_eq!(
        special_reasons(&doc(Some(DocumentClass::HealthStatement), None, &[]), &[]),
        vec![Category(SpecialCategory::Health)]
    );
    assert_eq!(
        special_reasons(
            &doc(
                Some(DocumentClass::Other),
                Some(PersonalDataKind::Special),
                &[]
            ),
            &[]
        ),
        vec![Marked]
    );
    assert_eq!(
        Category(SpecialCategory::TradeUnion).label_key(),
        "doc-special-trade-union"
    );
}

#[test]
fn upload_acceptance() {
    assert_eq!(accept_upload("a.pdf", 1, 10), Ok("a.pdf".to_owned()));
    assert_eq!(
        accept_upload("C:\\x\\y/ z.txt ", 5, 10),
        Ok("z.txt".to_owned())
    );
    assert_eq!(accept_upload("a\u{7}b", 5, 10), Ok("ab".to_owned()));
    assert_eq!(accept_upload("a.pdf", 0, 10), Err(UploadRefusal::Empty));
    assert_eq!(
        accept_upload("a.pdf", 11, 10),
        Err(UploadRefusal::TooLarge { max_bytes: 10 })
    );
    assert_eq!(accept_upload("a.pdf", 10, 10), Ok("a.pdf".to_owned()));
    assert_eq!(accept_upload("dir/", 1, 10), Err(UploadRefusal::NoName));
    assert_eq!(accept_upload("  ", 1, 10), Err(UploadRefusal::NoName));
    let long = "x".repeat(MAX_NAME_CHARS + 1);
    assert_eq!(accept_upload(&long, 1, 10), Err(UploadRefusal::NameTooLong));
    assert!(accept_upload(&"é".repeat(MAX_NAME_CHARS), 1, 10).is_ok());
    assert_eq!(UploadRefusal::Empty.field(), "file");
    assert_eq!(UploadRefusal::NoName.field(), "name");
    assert_eq!(
        UploadRefusal::TooLarge { max_bytes: 3 << 20 }.to_string(),
        "the file is larger than the limit of 3 MiB"
    );
    assert!(accept_file_count(MAX_FILES_PER_UPLOAD).is_ok());
    assert_eq!(
        accept_file_count(MAX_FILES_PER_UPLOAD + 1),
        Err(UploadRefusal::TooManyFiles {
            max: MAX_FILES_PER_UPLOAD
        })
    );
}
