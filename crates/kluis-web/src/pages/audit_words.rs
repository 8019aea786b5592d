//! Audit actions and subjects in words: the message key of each stored action and entity code.

/// Message key of each audit action (the stored code stays what the chain hashed; only its words vary).
const ACTIONS: &[(&str, &str)] = &[
    ("org.create", "audit-do-org-create"),
    ("user.create", "audit-do-user-create"),
    ("user.password", "audit-do-user-password"),
    ("user.locale", "audit-do-user-locale"),
    ("user.totp.enable", "audit-do-user-totp-enable"),
    ("user.totp.disable", "audit-do-user-totp-disable"),
    ("login.success", "audit-do-login-success"),
    ("login.failure", "audit-do-login-failure"),
    ("logout", "audit-do-logout"),
    ("member.add", "audit-do-member-add"),
    ("member.role", "audit-do-member-role"),
    ("member.remove", "audit-do-member-remove"),
    ("member.list", "audit-do-member-list"),
    ("member.read", "audit-do-member-read"),
    ("api_token.create", "audit-do-api-token-create"),
    ("api_token.revoke", "audit-do-api-token-revoke"),
    ("audit.verify.ok", "audit-do-audit-verify-ok"),
    ("audit.verify.broken", "audit-do-audit-verify-broken"),
    ("audit.checkpoint", "audit-do-audit-checkpoint"),
    ("audit.rekey", "audit-do-audit-rekey"),
    ("keys.rotate", "audit-do-keys-rotate"),
    ("document.upload", "audit-do-document-upload"),
    ("document.scan", "audit-do-document-scan"),
    ("document.rescan", "audit-do-document-rescan"),
    ("document.download", "audit-do-document-download"),
    ("document.correct", "audit-do-document-correct"),
    ("document.delete", "audit-do-document-delete"),
    ("finding.reveal", "audit-do-finding-reveal"),
    ("identifier.search", "audit-do-identifier-search"),
    ("member.invite", "audit-do-member-invite"),
    ("member.invite_accept", "audit-do-member-invite-accept"),
    ("member.invite_revoke", "audit-do-member-invite-revoke"),
    ("relation.create", "audit-do-relation-create"),
    ("relation.update", "audit-do-relation-update"),
    ("relation.delete", "audit-do-relation-delete"),
    ("relation.reveal", "audit-do-relation-reveal"),
    ("relation.search", "audit-do-relation-search"),
    ("relation.note.add", "audit-do-relation-note-add"),
    ("relation.link.confirm", "audit-do-relation-link-confirm"),
    ("relation.link.add", "audit-do-relation-link-add"),
    ("relation.link.remove", "audit-do-relation-link-remove"),
    // requests
    ("request.create", "audit-do-request-create"),
    (
        "request.verify_identity",
        "audit-do-request-verify-identity",
    ),
    ("request.extend", "audit-do-request-extend"),
    ("request.answer", "audit-do-request-answer"),
    ("request.refuse", "audit-do-request-refuse"),
    ("request.withdraw", "audit-do-request-withdraw"),
    ("request.read", "audit-do-request-read"),
    // consent
    ("consent.give", "audit-do-consent-give"),
    ("consent.confirm", "audit-do-consent-confirm"),
    ("consent.withdraw", "audit-do-consent-withdraw"),
    ("consent.object", "audit-do-consent-object"),
    ("consent.read", "audit-do-consent-read"),
    ("mail.send", "audit-do-mail-send"),
    ("mail.read", "audit-do-mail-read"),
    // retention
    ("retention.hold.place", "audit-do-retention-hold-place"),
    ("retention.hold.lift", "audit-do-retention-hold-lift"),
    ("retention.events.set", "audit-do-retention-events-set"),
    ("retention.settings", "audit-do-retention-settings"),
    ("retention.propose", "audit-do-retention-propose"),
    ("retention.approve", "audit-do-retention-approve"),
    ("retention.carry_out", "audit-do-retention-carry-out"),
    // rights
    ("request.link", "audit-do-request-link"),
    ("request.access", "audit-do-request-access"),
    ("request.portability", "audit-do-request-portability"),
    ("request.rectify", "audit-do-request-rectify"),
    ("request.erase", "audit-do-request-erase"),
    ("request.report", "audit-do-request-report"),
];

/// Message key of each kind of subject.
const ENTITIES: &[(&str, &str)] = &[
    ("org", "audit-subject-org"),
    ("user", "audit-subject-user"),
    ("membership", "audit-subject-membership"),
    ("session", "audit-subject-session"),
    ("api_token", "audit-subject-api-token"),
    ("document", "audit-subject-document"),
    ("document_finding", "audit-subject-document-finding"),
    ("audit_chain", "audit-subject-audit-chain"),
    ("key", "audit-subject-key"),
    ("invitation", "audit-subject-invitation"),
    ("relation", "audit-subject-relation"),
    ("document_link", "audit-subject-document-link"),
    // requests
    ("request", "audit-subject-request"),
    // consent
    ("mail", "audit-subject-mail"),
    // retention
    ("retention_run", "audit-subject-retention-run"),
];

/// The message key for an action code; `None` for a code this version does not know (shown as the code).
pub(crate) fn action_key(action: &str) -> Option<&'static str> {
    ACTIONS.iter().find(|(a, _)| *a == action).map(|(_, k)| *k)
}

/// The message key for an entity code; `None` for an unknown one.
pub(crate) fn entity_key(entity: &str) -> Option<&'static str> {
    ENTITIES.iter().find(|(e, _)| *e == entity).map(|(_, k)| *k)
}

/// Action codes whose words in `tr`'s language contain `text` (lower-case), for the free-text filter.
pub(crate) fn actions_matching(tr: &crate::i18n::Tr, text: &str) -> Vec<String> {
    let text = text.trim().to_lowercase();
    if text.is_empty() {
        return Vec::new();
    }
    ACTIONS
        .iter()
        .filter(|(_, key)| tr.t(key).to_lowercase().contains(&text))
        .map(|(action, _)| (*action).to_owned())
        .collect()
}

/// Every message key used here, for the completeness test of the catalogues.
#[cfg(test)]
pub(crate) fn all_keys() -> impl Iterator<Item = &'static str> {
    ACTIONS.iter().chain(ENTITIES).map(|(_, k)| *k)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Lang, catalogue};

    #[test]
    fn every_action_and_subject_has_words_in_every_language() {
        for lang in [Lang::Nl, Lang::En] {
            for key in all_keys() {
                assert!(
                    catalogue(lang).contains_key(key),
                    "{key} missing in {lang:?}"
                );
            }
        }
    }
}
