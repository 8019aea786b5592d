//! Legal bases for processing: the six lawful bases of GDPR Art. 6(1), the grounds of Art. 9(2) that lift the
//! ban on special categories, and Art. 10 for criminal data. The register of processing activities names one
//! per activity; the string forms are stored.
//!
//! Labels are not here (UI text goes through the catalogues): each value names its catalogue key, and the
//! catalogues hold a short Dutch and English label under it.

use crate::SpecialCategory;

vocabulary! {
    /// A lawful basis of GDPR Art. 6(1).
    LawfulBasis {
        /// (a) The data subject consented.
        Consent => "consent",
        /// (b) Needed for a contract with the data subject, or steps before one.
        Contract => "contract",
        /// (c) Needed to comply with a legal obligation.
        LegalObligation => "legal_obligation",
        /// (d) Needed to protect someone's vital interests.
        VitalInterests => "vital_interests",
        /// (e) A task in the public interest or official authority.
        PublicTask => "public_task",
        /// (f) Legitimate interests, balanced against the data subject's.
        LegitimateInterests => "legitimate_interests",
    }
}

impl LawfulBasis {
    /// The point of Art. 6(1): `a` to `f`.
    pub const fn point(self) -> char {
        match self {
            LawfulBasis::Consent => 'a',
            LawfulBasis::Contract => 'b',
            LawfulBasis::LegalObligation => 'c',
            LawfulBasis::VitalInterests => 'd',
            LawfulBasis::PublicTask => 'e',
            LawfulBasis::LegitimateInterests => 'f',
        }
    }

    /// The citation, e.g. `Art. 6(1)(a)`.
    pub fn article(self) -> String {
        format!("Art. 6(1)({})", self.point())
    }

    /// The catalogue key of the short label, e.g. `legal-basis-consent` ("Toestemming" / "Consent").
    pub fn label_key(self) -> String {
        format!("legal-basis-{}", self.as_str().replace('_', "-"))
    }
}

vocabulary! {
    /// A ground of GDPR Art. 9(2) under which special categories may be processed.
    SpecialCategoryGround {
        /// (a) Explicit consent.
        ExplicitConsent => "explicit_consent",
        /// (b) Employment, social security and social protection law.
        Employment => "employment",
        /// (c) Vital interests of someone unable to consent.
        VitalInterests => "vital_interests",
        /// (d) A foundation, association or other not-for-profit body, for its members.
        NotForProfit => "not_for_profit",
        /// (e) Made manifestly public by the data subject.
        MadePublic => "made_public",
        /// (f) Legal claims or courts acting in their judicial capacity.
        LegalClaims => "legal_claims",
        /// (g) Substantial public interest, on the basis of law.
        SubstantialPublicInterest => "substantial_public_interest",
        /// (h) Preventive or occupational medicine, health or social care.
        HealthCare => "health_care",
        /// (i) Public health.
        PublicHealth => "public_health",
        /// (j) Archiving in the public interest, research or statistics.
        Research => "research",
    }
}

impl SpecialCategoryGround {
    /// The point of Art. 9(2): `a` to `j`.
    pub const fn point(self) -> char {
        match self {
            SpecialCategoryGround::ExplicitConsent => 'a',
            SpecialCategoryGround::Employment => 'b',
            SpecialCategoryGround::VitalInterests => 'c',
            SpecialCategoryGround::NotForProfit => 'd',
            SpecialCategoryGround::MadePublic => 'e',
            SpecialCategoryGround::LegalClaims => 'f',
            SpecialCategoryGround::SubstantialPublicInterest => 'g',
            SpecialCategoryGround::HealthCare => 'h',
            SpecialCategoryGround::PublicHealth => 'i',
            SpecialCategoryGround::Research => 'j',
        }
    }

    /// The citation, e.g. `Art. 9(2)(h)`.
    pub fn article(self) -> String {
        format!("Art. 9(2)({})", self.point())
    }

    /// The catalogue key of the short label, e.g. `legal-ground-health-care`.
    pub fn label_key(self) -> String {
        format!("legal-ground-{}", self.as_str().replace('_', "-"))
    }
}

/// The basis on which personal data of one processing activity is processed: an Art. 6(1) basis always, plus an
/// Art. 9(2) ground for special categories and Art. 10 (official authority or authorisation by law) for
/// criminal data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LegalBasis {
    pub lawful_basis: LawfulBasis,
    /// Needed when the activity processes an Art. 9 category.
    pub special_ground: Option<SpecialCategoryGround>,
    /// Art. 10: criminal data is processed under official authority or as authorised by law.
    pub criminal_data_authorised: bool,
}

/// What a legal basis lacks for the categories an activity processes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BasisGap {
    /// Art. 9 categories without an Art. 9(2) ground.
    NoSpecialCategoryGround,
    /// Criminal data without Art. 10 authorisation.
    NoCriminalDataAuthorisation,
}

impl LegalBasis {
    /// What is missing for processing `categories`; empty when the basis covers them.
    pub fn gaps(&self, categories: &[SpecialCategory]) -> Vec<BasisGap> {
        let mut out = Vec::new();
        let art9 = categories.iter().any(|c| *c != SpecialCategory::Criminal);
        let art10 = categories.contains(&SpecialCategory::Criminal);
        if art9 && self.special_ground.is_none() {
            out.push(BasisGap::NoSpecialCategoryGround);
        }
        if art10 && !self.criminal_data_authorised {
            out.push(BasisGap::NoCriminalDataAuthorisation);
        }
        out
    }
}

/// The citation of Art. 10 (criminal convictions and offences).
pub const CRIMINAL_DATA_ARTICLE: &str = "Art. 10";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn articles_and_keys() {
        let points: String = LawfulBasis::ALL.iter().map(|b| b.point()).collect();
        assert_eq!(points, "abcdef");
        assert_eq!(LawfulBasis::Consent.article(), "Art. 6(1)(a)");
        assert_eq!(LawfulBasis::LegitimateInterests.article(), "Art. 6(1)(f)");
        assert_eq!(
            LawfulBasis::LegalObligation.label_key(),
            "legal-basis-legal-obligation"
        );
        let grounds: String = SpecialCategoryGround::ALL
            .iter()
            .map(|g| g.point())
            .collect();
        assert_eq!(grounds, "abcdefghij");
        assert_eq!(SpecialCategoryGround::HealthCare.article(), "Art. 9(2)(h)");
        assert_eq!(
            SpecialCategoryGround::SubstantialPublicInterest.label_key(),
            "legal-ground-substantial-public-interest"
        );
        for b in LawfulBasis::ALL {
            assert_eq!(b.as_str().parse::<LawfulBasis>(), Ok(*b));
        }
        for g in SpecialCategoryGround::ALL {
            assert_eq!(g.as_str().parse::<SpecialCategoryGround>(), Ok(*g));
        }
    }

    #[test]
    fn special_categories_need_a_ground_and_criminal_data_art_10() {
        let plain = LegalBasis {
            lawful_basis: LawfulBasis::Contract,
            special_ground: None,
            criminal_data_authorised: false,
        };
        assert!(plain.gaps(&[]).is_empty());
        assert_eq!(
            plain.gaps(&[SpecialCategory::Health]),
            vec![BasisGap::NoSpecialCategoryGround]
        );
        assert_eq!(
            plain.gaps(&[SpecialCategory::Criminal]),
            vec![BasisGap::NoCriminalDataAuthorisation]
        );
        let covered = LegalBasis {
            lawful_basis: LawfulBasis::LegalObligation,
            special_ground: Some(SpecialCategoryGround::Employment),
            criminal_data_authorised: true,
        };
        assert!(
            covered
                .gaps(&[SpecialCategory::Health, SpecialCategory::Criminal])
                .is_empty()
        );
        assert_eq!(
            SpecialCategory::Criminal.gdpr_article(),
            CRIMINAL_DATA_ARTICLE
        );
    }
}
