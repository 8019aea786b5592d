use super::*;

#[test]
fn string_forms_round_trip_and_match_serde() {
    for t in EntityType::ALL {
        assert_eq!(t.as_str().parse::<EntityType>(), Ok(*t));
        assert_eq!(
            serde_json::to_string(t).unwrap(),
            format!("\"{}\"", t.as_str())
        );
    }
    for c in DocumentClass::ALL {
        assert_eq!(c.as_str().parse::<DocumentClass>(), Ok(*c));
    }
    for c in SpecialCategory::ALL {
        assert_eq!(
            serde_json::to_string(c).unwrap(),
            format!("\"{}\"", c.as_str())
        );
    }
    assert!("bogus".parse::<PersonalDataKind>().is_err());
}

#[test]
fn kinds_are_ordered_and_classes_set_a_floor() {
    assert!(PersonalDataKind::None < PersonalDataKind::Generic);
    assert!(PersonalDataKind::Generic < PersonalDataKind::Special);
    assert_eq!(
        DocumentClass::IdCopy.kind_floor(),
        PersonalDataKind::Special
    );
    assert_eq!(DocumentClass::Invoice.kind_floor(), PersonalDataKind::None);
}
