//! The inventory computed from the data: per category of personal data, what it is, where Kluis sees it held,
//! why (the activities that cover it), with whom it is shared and how long it is kept, plus the gaps between
//! what the register claims and what the organisation holds.
//!
//! The store counts documents with one grouped query ([`DocumentCount`]); this
//! module turns those counts and a [`Register`] snapshot into an [`Inventory`] without IO.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Serialize, Serializer};
use uuid::Uuid;

use super::model::{ActivityStatus, Register, RetentionRule};
use super::vocabulary::{CategoryNature, DataCategory};
use crate::{DocumentClass, EntityType, SpecialCategory};

/// The key of the category "copy of an identity document", which an ID copy holds once (as a document, apart
/// from the numbers found in it). Looked up by key so that the inventory works before the vocabulary has it.
pub const ID_COPY_CATEGORY: &str = "user.government_id.identity_document_copy";

/// Documents with one combination of entity types found in them, effective special categories, class and
/// folder: one row of the store's grouped count. `folder` is the container a document was found in (a ZIP, a
/// mailbox), `None` for uploads. The rows partition the documents, so counts add up exactly.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentCount {
    pub entity_types: Vec<EntityType>,
    pub special: Vec<SpecialCategory>,
    pub class: Option<DocumentClass>,
    pub folder: Option<String>,
    pub documents: u64,
}

/// Where documents holding one category are, by class and by folder.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CategoryDocuments {
    pub documents: u64,
    /// Document class (`None`: not classified yet) → documents.
    pub by_class: BTreeMap<Option<DocumentClass>, u64>,
    /// Folder (`None`: uploaded on its own) → documents.
    pub by_folder: BTreeMap<Option<String>, u64>,
}

/// How many documents hold each category of personal data, computed by the store from the findings' entity
/// types and the documents' effective special categories and class.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocumentHoldings {
    pub categories: BTreeMap<DataCategory, CategoryDocuments>,
}

impl DocumentHoldings {
    /// Adds up the store's grouped count: a row's documents hold every category its entity types, its special
    /// categories and its class (an ID copy) are evidence of, each once.
    pub fn build(rows: Vec<DocumentCount>) -> DocumentHoldings {
        let id_copy = ID_COPY_CATEGORY.parse::<DataCategory>().ok();
        let mut out = DocumentHoldings::default();
        for row in rows {
            if row.documents == 0 {
                continue;
            }
            let mut cats: BTreeSet<DataCategory> = row
                .entity_types
                .iter()
                .flat_map(|e| DataCategory::for_entity(*e))
                .collect();
            cats.extend(
                row.special
                    .iter()
                    .flat_map(|c| DataCategory::for_special(*c)),
            );
            if row.class == Some(crate::documents::IDENTITY_DOCUMENT_CLASS) {
                cats.extend(id_copy);
            }
            for c in cats {
                let d = out.categories.entry(c).or_default();
                d.documents += row.documents;
                *d.by_class.entry(row.class).or_default() += row.documents;
                *d.by_folder.entry(row.folder.clone()).or_default() += row.documents;
            }
        }
        out
    }

    /// Documents holding `category` (0 when none).
    pub fn documents(&self, category: DataCategory) -> u64 {
        self.categories.get(&category).map_or(0, |d| d.documents)
    }
}

/// How many relations hold each category: a relation counts once per category however many of its fields hold
/// it (`RelationField::of_category`), so a person with a given and a family name is one `user.name` holder.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RelationHoldings {
    pub categories: BTreeMap<DataCategory, u64>,
}

/// A place Kluis sees a category held. Later modules (relations' fields) add their own variants.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "source", rename_all = "snake_case")]
pub enum HeldIn {
    Documents {
        documents: u64,
        /// (class key, or `None` when not classified; documents), most first.
        by_class: Vec<(Option<DocumentClass>, u64)>,
        /// (folder, or `None` for documents uploaded on their own; documents), most first, at most
        /// [`TOP_FOLDERS`].
        by_folder: Vec<(Option<String>, u64)>,
    },
    /// Relations (persons and companies) with a value in a field of the category.
    Relations { relations: u64 },
}

impl HeldIn {
    /// How many records of this source hold the category.
    pub fn count(&self) -> u64 {
        match self {
            HeldIn::Documents { documents, .. } => *documents,
            HeldIn::Relations { relations } => *relations,
        }
    }
}

/// How many folders the inventory names per category.
pub const TOP_FOLDERS: usize = 5;

/// An activity, named.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ActivityRef {
    pub id: Uuid,
    pub name: String,
    pub active: bool,
}

/// A recipient, named.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RecipientRef {
    pub id: Uuid,
    pub name: String,
}

/// A retention rule that applies to a category under one activity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RetentionRef {
    pub activity: Uuid,
    pub activity_name: String,
    pub rule: RetentionRule,
}

/// What is wrong with one row of the inventory.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "gap", rename_all = "snake_case")]
pub enum Gap {
    /// Held (Kluis sees it) but no active activity covers it.
    NotCovered { held: u64 },
    /// Claimed by active activities but held nowhere Kluis can see (it may be held outside Kluis).
    NotHeld { activities: Vec<ActivityRef> },
    /// Covered by these active activities, which keep retention rules but none for this category.
    NoRetention { activities: Vec<ActivityRef> },
}

/// The five questions answered for one category.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InventoryRow {
    pub category: DataCategory,
    #[serde(serialize_with = "nature_key")]
    pub nature: CategoryNature,
    pub held_in: Vec<HeldIn>,
    /// Activities naming the category (drafts and ended ones too, marked by `active`).
    pub activities: Vec<ActivityRef>,
    /// Recipients of the category's active activities, and recipients declaring the category.
    pub recipients: Vec<RecipientRef>,
    pub retention: Vec<RetentionRef>,
    pub gaps: Vec<Gap>,
}

impl InventoryRow {
    /// Records holding the category, over every source.
    pub fn held(&self) -> u64 {
        self.held_in.iter().map(HeldIn::count).sum()
    }
}

/// The stable text of a category's nature (`ordinary`, `special`, `criminal`, `national_id`).
pub fn nature_str(n: CategoryNature) -> &'static str {
    match n {
        CategoryNature::Ordinary => "ordinary",
        CategoryNature::Special(_) => "special",
        CategoryNature::Criminal => "criminal",
        CategoryNature::NationalId => "national_id",
    }
}

fn nature_key<S: Serializer>(n: &CategoryNature, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(nature_str(*n))
}

/// The organisation's inventory: one row per category held or named by the register, in vocabulary order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Inventory {
    pub rows: Vec<InventoryRow>,
}

impl Inventory {
    /// Answers the five questions for every category the documents hold or the register names.
    pub fn compute(register: &Register, holdings: &DocumentHoldings) -> Inventory {
        Inventory::compute_with(register, holdings, &RelationHoldings::default())
    }

    /// [`Inventory::compute`] over the documents and the relations' fields.
    pub fn compute_with(
        register: &Register,
        holdings: &DocumentHoldings,
        relations: &RelationHoldings,
    ) -> Inventory {
        let mut wanted: BTreeSet<DataCategory> = holdings.categories.keys().copied().collect();
        wanted.extend(
            relations
                .categories
                .iter()
                .filter(|(_, n)| **n > 0)
                .map(|(c, _)| *c),
        );
        for a in &register.activities {
            wanted.extend(a.categories.iter().copied());
        }
        for r in &register.recipients {
            wanted.extend(r.categories.iter().copied());
        }
        let rows = DataCategory::all()
            .filter(|c| wanted.contains(c))
            .map(|c| row(register, holdings, relations, c))
            .collect();
        Inventory { rows }
    }

    pub fn row(&self, category: DataCategory) -> Option<&InventoryRow> {
        self.rows.iter().find(|r| r.category == category)
    }
}

fn most_first<K: Clone>(m: &BTreeMap<K, u64>, limit: usize) -> Vec<(K, u64)> {
    let mut v: Vec<(K, u64)> = m.iter().map(|(k, n)| (k.clone(), *n)).collect();
    // Stable sort keeps the key order among equal counts, so the output is deterministic.
    v.sort_by_key(|e| std::cmp::Reverse(e.1));
    v.truncate(limit);
    v
}

fn row(
    register: &Register,
    holdings: &DocumentHoldings,
    relations: &RelationHoldings,
    c: DataCategory,
) -> InventoryRow {
    let mut held_in = Vec::new();
    if let Some(d) = holdings.categories.get(&c).filter(|d| d.documents > 0) {
        held_in.push(HeldIn::Documents {
            documents: d.documents,
            by_class: most_first(&d.by_class, usize::MAX),
            by_folder: most_first(&d.by_folder, TOP_FOLDERS),
        });
    }
    if let Some(n) = relations.categories.get(&c).filter(|n| **n > 0) {
        held_in.push(HeldIn::Relations { relations: *n });
    }
    let naming: Vec<_> = register
        .activities
        .iter()
        .filter(|a| a.categories.contains(&c))
        .collect();
    let activities: Vec<ActivityRef> = naming
        .iter()
        .map(|a| ActivityRef {
            id: a.id,
            name: a.name.clone(),
            active: a.status == ActivityStatus::Active,
        })
        .collect();
    let active: Vec<_> = naming
        .iter()
        .filter(|a| a.status == ActivityStatus::Active)
        .collect();

    let mut recipient_ids: Vec<Uuid> = Vec::new();
    for a in &active {
        for r in &a.recipients {
            if !recipient_ids.contains(r) {
                recipient_ids.push(*r);
            }
        }
    }
    for r in &register.recipients {
        if r.categories.contains(&c) && !recipient_ids.contains(&r.id) {
            recipient_ids.push(r.id);
        }
    }
    let recipients = recipient_ids
        .iter()
        .filter_map(|id| register.recipient(*id))
        .map(|r| RecipientRef {
            id: r.id,
            name: r.name.clone(),
        })
        .collect();

    let mut retention = Vec::new();
    let mut without_rule = Vec::new();
    for a in &active {
        // A category's own rule wins over the activity's catch-all rule.
        let own = a.retention.iter().find(|r| r.category == Some(c));
        let rule = own.or_else(|| a.retention.iter().find(|r| r.category.is_none()));
        match rule {
            Some(rule) => retention.push(RetentionRef {
                activity: a.id,
                activity_name: a.name.clone(),
                rule: rule.clone(),
            }),
            // An activity without any rule is the check's "retention missing"; here only the partial ones.
            None if !a.retention.is_empty() => without_rule.push(ActivityRef {
                id: a.id,
                name: a.name.clone(),
                active: true,
            }),
            None => {}
        }
    }

    let held: u64 = held_in.iter().map(HeldIn::count).sum();
    let mut gaps = Vec::new();
    if held > 0 && active.is_empty() {
        gaps.push(Gap::NotCovered { held });
    }
    if held == 0 && !active.is_empty() {
        gaps.push(Gap::NotHeld {
            activities: activities.iter().filter(|a| a.active).cloned().collect(),
        });
    }
    if !without_rule.is_empty() {
        gaps.push(Gap::NoRetention {
            activities: without_rule,
        });
    }
    InventoryRow {
        category: c,
        nature: c.nature,
        held_in,
        activities,
        recipients,
        retention,
        gaps,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::register::model::{
        Period, PeriodUnit, ProcessingActivity, Recipient, RetentionAction, RetentionStart,
    };

    fn cat(key: &str) -> DataCategory {
        key.parse()
            .unwrap_or_else(|_| panic!("{key} in the vocabulary"))
    }

    fn bsn() -> DataCategory {
        DataCategory::for_entity(crate::EntityType::Bsn)
            .next()
            .unwrap_or_else(|| cat("user.name"))
    }

    pub(crate) fn rule(category: Option<DataCategory>) -> RetentionRule {
        RetentionRule {
            category,
            period: Period {
                amount: 7,
                unit: PeriodUnit::Years,
            },
            starts: RetentionStart::EndOfFinancialYear,
            action: RetentionAction::Delete,
            legal_reference: "art. 52 AWR".into(),
        }
    }

    fn held(category: DataCategory, n: u64, folder: Option<&str>) -> DocumentCount {
        let entity = *category
            .entity_types
            .first()
            .expect("a category found by entity type");
        found(vec![entity], Vec::new(), n, folder)
    }

    fn found(
        entity_types: Vec<crate::EntityType>,
        special: Vec<SpecialCategory>,
        n: u64,
        folder: Option<&str>,
    ) -> DocumentCount {
        DocumentCount {
            entity_types,
            special,
            class: Some(DocumentClass::Correspondence),
            folder: folder.map(str::to_owned),
            documents: n,
        }
    }

    #[test]
    fn holdings_count_documents_by_class_and_folder_exactly() {
        let email = cat("user.contact.email");
        let health = DataCategory::for_special(SpecialCategory::Health)
            .next()
            .unwrap_or_else(|| cat("user.name"));
        let h = DocumentHoldings::build(vec![
            held(bsn(), 3, None),
            held(bsn(), 2, Some("archief.zip")),
            // Documents with a BSN and an e-mail address hold both, each once.
            found(
                vec![crate::EntityType::Bsn, crate::EntityType::Email],
                Vec::new(),
                4,
                None,
            ),
            found(Vec::new(), vec![SpecialCategory::Health], 2, None),
            DocumentCount {
                class: Some(DocumentClass::HealthStatement),
                ..found(
                    Vec::new(),
                    vec![SpecialCategory::Health, SpecialCategory::Religion],
                    4,
                    None,
                )
            },
        ]);
        assert_eq!(h.documents(bsn()), 9);
        assert_eq!(h.documents(email), 4);
        let b = &h.categories[&bsn()];
        assert_eq!(b.by_folder[&Some("archief.zip".to_owned())], 2);
        assert_eq!(b.by_folder[&None], 7);
        assert_eq!(b.by_class[&Some(DocumentClass::Correspondence)], 9);
        assert_eq!(h.documents(health), 6);
        assert_eq!(
            h.categories[&health].by_class[&Some(DocumentClass::HealthStatement)],
            4
        );
    }

    #[test]
    fn an_id_copy_holds_the_id_copy_category_once_the_vocabulary_has_it() {
        let h = DocumentHoldings::build(vec![DocumentCount {
            class: Some(DocumentClass::IdCopy),
            ..found(Vec::new(), Vec::new(), 3, None)
        }]);
        match ID_COPY_CATEGORY.parse::<DataCategory>() {
            Ok(c) => assert_eq!(h.documents(c), 3),
            Err(_) => assert!(h.categories.is_empty()),
        }
    }

    fn activity(name: &str, status: ActivityStatus, cats: Vec<DataCategory>) -> ProcessingActivity {
        ProcessingActivity {
            id: Uuid::new_v4(),
            name: name.into(),
            status,
            categories: cats,
            ..Default::default()
        }
    }

    #[test]
    fn held_but_not_covered_is_a_gap_until_an_active_activity_covers_it() {
        let holdings = DocumentHoldings::build(vec![held(bsn(), 12, None)]);
        let mut reg = Register::default();
        reg.activities
            .push(activity("Concept", ActivityStatus::Draft, vec![bsn()]));
        let inv = Inventory::compute(&reg, &holdings);
        let row = inv.row(bsn()).expect("row");
        assert_eq!(row.held(), 12);
        assert_eq!(row.gaps, vec![Gap::NotCovered { held: 12 }]);
        assert_eq!(row.activities.len(), 1);
        assert!(!row.activities[0].active);

        reg.activities[0].status = ActivityStatus::Active;
        let inv = Inventory::compute(&reg, &holdings);
        assert!(inv.row(bsn()).expect("row").gaps.is_empty());
    }

    #[test]
    fn claimed_but_not_held_is_a_gap() {
        let mut reg = Register::default();
        reg.activities
            .push(activity("Salaris", ActivityStatus::Active, vec![bsn()]));
        let inv = Inventory::compute(&reg, &DocumentHoldings::default());
        let row = inv.row(bsn()).expect("row");
        assert!(matches!(&row.gaps[..], [Gap::NotHeld { activities }] if activities.len() == 1));
    }

    #[test]
    fn recipients_retention_and_the_retention_gap() {
        let name = cat("user.name");
        let mut reg = Register::default();
        let mut a = activity("Facturatie", ActivityStatus::Active, vec![name, bsn()]);
        let host = Recipient {
            id: Uuid::new_v4(),
            name: "Hoster".into(),
            ..Default::default()
        };
        let declares = Recipient {
            id: Uuid::new_v4(),
            name: "Boekhouder".into(),
            categories: vec![name],
            ..Default::default()
        };
        a.recipients.push(host.id);
        a.retention.push(rule(Some(name)));
        reg.recipients = vec![host, declares];
        reg.activities.push(a);
        let holdings = DocumentHoldings::build(vec![held(name, 1, None), held(bsn(), 1, None)]);
        let inv = Inventory::compute(&reg, &holdings);
        let n = inv.row(name).expect("name row");
        assert_eq!(n.recipients.len(), 2);
        assert_eq!(n.retention.len(), 1);
        assert!(n.gaps.is_empty());
        let b = inv.row(bsn()).expect("bsn row");
        assert_eq!(b.recipients.len(), 1);
        assert!(matches!(&b.gaps[..], [Gap::NoRetention { .. }]));

        // A catch-all rule covers every category of the activity.
        reg.activities[0].retention.push(rule(None));
        let inv = Inventory::compute(&reg, &holdings);
        assert!(inv.row(bsn()).expect("bsn row").gaps.is_empty());
    }

    #[test]
    fn relations_are_a_place_a_category_is_held_next_to_documents() {
        let holdings = DocumentHoldings::build(vec![held(bsn(), 2, None)]);
        let relations = RelationHoldings {
            categories: [(bsn(), 3), (cat("user.contact.email"), 0)]
                .into_iter()
                .collect(),
        };
        let reg = Register::default();
        let inv = Inventory::compute_with(&reg, &holdings, &relations);
        let row = inv.row(bsn()).expect("row");
        assert_eq!(row.held(), 5);
        assert!(row.held_in.contains(&HeldIn::Relations { relations: 3 }));
        assert_eq!(row.gaps, vec![Gap::NotCovered { held: 5 }]);
        // A category no relation holds is no row of its own.
        assert!(inv.row(cat("user.contact.email")).is_none());
        // Relations alone make a row too.
        let inv = Inventory::compute_with(&reg, &DocumentHoldings::default(), &relations);
        assert_eq!(inv.row(bsn()).expect("row").held(), 3);
    }
}
