//! Every action the audit log records: one closed vocabulary, so an event cannot be appended under a misspelt or
//! made-up name. The string forms are stored in the audit chain (and hashed), so they never change.
//!
//! Stored events keep their action as text: verification must be able to name an event whose action was altered
//! in the database, which a parse that refuses unknown strings would hide behind an error.

vocabulary! {
    /// What an audit event records.
    AuditAction {
        /// A document was uploaded (web, API or `kluis import-docs`).
        DocumentUpload => "document.upload",
        /// The scanner stored its verdict on a document.
        DocumentScan => "document.scan",
        DocumentDownload => "document.download",
        /// Class, kind or special categories corrected without lowering a special document.
        DocumentCorrect => "document.correct",
        /// A correction that takes a special document below special (needs the reveal permission).
        DocumentDeclassify => "document.declassify",
        DocumentRescan => "document.rescan",
        DocumentDelete => "document.delete",
        /// A finding's value was shown in full.
        FindingReveal => "finding.reveal",
        /// An identifier was looked up through the blind index (the query is never recorded).
        IdentifierSearch => "identifier.search",
        ApiTokenCreate => "api_token.create",
        ApiTokenRevoke => "api_token.revoke",
        KeysRotate => "keys.rotate",
        LoginSuccess => "login.success",
        LoginFailure => "login.failure",
        Logout => "logout",
        MemberAdd => "member.add",
        /// The member list (with names and addresses) was read.
        MemberList => "member.list",
        /// A colleague's name was read.
        MemberRead => "member.read",
        MemberRemove => "member.remove",
        MemberRole => "member.role",
        OrgCreate => "org.create",
        UserCreate => "user.create",
        UserLocale => "user.locale",
        UserPassword => "user.password",
        /// An owner made a one-time link for a colleague to set a new password.
        UserPasswordResetLink => "user.password_reset_link",
        UserTotpEnable => "user.totp.enable",
        UserTotpDisable => "user.totp.disable",
        /// The audit chain was verified and found intact.
        AuditVerifyOk => "audit.verify.ok",
        /// The audit chain was verified and found broken.
        AuditVerifyBroken => "audit.verify.broken",
        /// A signed checkpoint of the chain's head was taken.
        AuditCheckpoint => "audit.checkpoint",
        /// A chain from before the chain was keyed was re-hashed with the key, once, at the upgrade.
        AuditRekey => "audit.rekey",
        // activities
        /// A processing activity was added to the register (blank or from a starter template).
        RegisterActivityCreate => "register.activity.create",
        /// Fields of a processing activity changed (the event names them, never their values).
        RegisterActivityUpdate => "register.activity.update",
        /// A processing activity was activated or ended.
        RegisterActivityStatus => "register.activity.status",
        /// A draft processing activity was deleted.
        RegisterActivityDelete => "register.activity.delete",
        // statement
        /// A version of the privacy statement was published.
        StatementPublish => "register.statement.publish",
        // profile
        /// The organisation profile (or a wizard's answers in it) was saved as a new version.
        RegisterProfileUpdate => "register.profile.update",
        /// The next review of the register was scheduled.
        RegisterReviewSchedule => "register.review.schedule",
        /// A review of the register was completed and signed off by a member.
        RegisterReviewSignOff => "register.review.sign_off",
        // recipients
        RegisterRecipientCreate => "register.recipient.create",
        RegisterRecipientUpdate => "register.recipient.update",
        RegisterRecipientDelete => "register.recipient.delete",
        RegisterAgreementAdd => "register.agreement.add",
        RegisterAgreementUpdate => "register.agreement.update",
        RegisterAgreementRemove => "register.agreement.remove",
        RegisterStaffMeasureAdd => "register.staff_measure.add",
        RegisterStaffMeasureRemove => "register.staff_measure.remove",
        // invite
        /// An owner invited an address to join with a role (the link is shown to the owner once).
        MemberInvite => "member.invite",
        /// An invitee accepted an invitation and became a member (a new account is made in the same step).
        MemberInviteAccept => "member.invite_accept",
        /// An owner withdrew a pending invitation.
        MemberInviteRevoke => "member.invite_revoke",
        // exports
        /// The register was exported (the event names the format, never the contents).
        RegisterExport => "register.export",
        // auditor pack
        /// The auditor pack (register, statements, recipients, compliance report, audit verification) was made.
        RegisterAuditorPack => "register.auditor_pack",
        // relations
        /// A relation (person or company) was recorded; the event names the fields it holds, never their values.
        RelationCreate => "relation.create",
        /// A relation's kind, company link or fields changed (the event names the fields).
        RelationUpdate => "relation.update",
        RelationDelete => "relation.delete",
        /// A special-category or national-ID value of a relation was shown in clear (the event names the field).
        RelationReveal => "relation.reveal",
        /// Relations were looked up by name, e-mail, phone or postcode (never the search term).
        RelationSearch => "relation.search",
        /// A note was added to a relation (the event never holds its text).
        RelationNoteAdd => "relation.note.add",
        // requests
        /// A data-subject request was registered (the event names no requester).
        RequestCreate => "request.create",
        /// The requester's identity was recorded as verified (the event names the method's field, not values).
        RequestVerifyIdentity => "request.verify_identity",
        /// The deadline of a request was extended by two months (Art. 12(3)).
        RequestExtend => "request.extend",
        /// A request was answered.
        RequestAnswer => "request.answer",
        /// A request was refused with a ground and reasons (Art. 12(4)).
        RequestRefuse => "request.refuse",
        /// A request was withdrawn by the data subject.
        RequestWithdraw => "request.withdraw",
        /// Requesters' names or contact details were decrypted to be shown (a read of personal data).
        RequestRead => "request.read",
        // breaches
        /// A personal-data breach was registered (by a member, or by a processor through its link).
        BreachCreate => "breach.create",
        /// The facts of a breach were changed (the event names the fields).
        BreachUpdate => "breach.update",
        /// People or documents were linked to a breach, or removed from it by hand.
        BreachAffected => "breach.affected",
        /// The risk was assessed and the decision on notifying the authority and the people taken.
        BreachDecide => "breach.decide",
        /// A notification to the authority (initial, follow-up, withdrawal) was recorded.
        BreachNotify => "breach.notify",
        /// The people affected were recorded as told (Art. 34).
        BreachTellPeople => "breach.tell_people",
        /// An entry was added to a breach's timeline.
        BreachEvent => "breach.event",
        /// A breach was closed.
        BreachClose => "breach.close",
        /// A breach's notification, letter or list of recipients was exported (a read of personal data).
        BreachExport => "breach.export",
        /// A link for a processor to report breaches was made.
        BreachProcessorLink => "breach.processor_link",
        // consent
        /// A consent was given for a purpose (for a double opt-in: requested, with the confirmation mail named).
        ConsentGive => "consent.give",
        /// A double opt-in was confirmed through the link in its mail.
        ConsentConfirm => "consent.confirm",
        /// A consent was withdrawn (Art. 7(3)).
        ConsentWithdraw => "consent.withdraw",
        /// An objection to direct marketing put the relation on the permanent suppression list (Art. 21(3)).
        ConsentObject => "consent.object",
        /// Consent records' proofs were decrypted to be shown (a read of personal data).
        ConsentRead => "consent.read",
        /// A letter was sent through SMTP or handed over to send by hand (the event names the template).
        MailSend => "mail.send",
        /// Recipients in the mail log were decrypted to be shown (a read of personal data).
        MailRead => "mail.read",
        // import
        /// A customer file was uploaded for import (kept encrypted until the import ends; nothing imported yet).
        RelationImportUpload => "relation.import.upload",
        /// An import was started with its mapping (the event names no value).
        RelationImportStart => "relation.import.start",
        /// An import ended: the event carries its status and counts (imported, skipped, duplicates), no values.
        RelationImport => "relation.import",
        /// Relations were exported to CSV or XLSX (format, purpose and count; a read of personal data).
        RelationExport => "relation.export",
        // retention
        /// A legal hold was placed on a relation or a document (blocks every deletion until lifted).
        RetentionHoldPlace => "retention.hold.place",
        /// A legal hold was lifted, with a reason.
        RetentionHoldLift => "retention.hold.lift",
        /// A relation's retention start events were recorded.
        RetentionEventsSet => "retention.events.set",
        /// The retention settings (four-eyes approval) changed.
        RetentionSettings => "retention.settings",
        /// A deletion run was proposed from the review list.
        RetentionPropose => "retention.propose",
        /// A deletion run was approved (four eyes).
        RetentionApprove => "retention.approve",
        /// A deletion run was carried out: records deleted, anonymised or restricted; its certificate made.
        RetentionCarryOut => "retention.carry_out",
        // links
        /// A person confirmed that a document concerns a relation (a matcher's suggestion, or one they had removed).
        RelationLinkConfirm => "relation.link.confirm",
        /// A person linked a document to a relation by hand (no link existed).
        RelationLinkAdd => "relation.link.add",
        /// A person said a document does not concern a relation: the matcher never links them again.
        RelationLinkRemove => "relation.link.remove",
        // rights
        /// A request was linked to the relation it concerns (by hand or by the requester's address).
        RequestLink => "request.link",
        /// The access bundle (Art. 15) of a request's relation was made: its data, documents and audit trail.
        RequestAccess => "request.access",
        /// The portability export (Art. 20) of the data the person provided was made.
        RequestPortability => "request.portability",
        /// A relation was rectified for a request (Art. 16); the event names the fields.
        RequestRectify => "request.rectify",
        /// A relation was erased for a request (Art. 17): deleted, anonymised or kept per record and document.
        RequestErase => "request.erase",
        /// The erasure report of a request was read.
        RequestReport => "request.report",
        // dpia
        /// A processing activity was screened for a DPIA (Art. 35); its DPIA status follows the outcome.
        DpiaScreen => "dpia.screen",
        /// A DPIA was started, blank or pre-filled from the register.
        DpiaCreate => "dpia.create",
        /// A part of a DPIA was changed (the event names the part); each save is a new version.
        DpiaUpdate => "dpia.update",
        /// A DPIA was validated; its processing activity's DPIA is then done.
        DpiaValidate => "dpia.validate",
        /// A DPIA was imported from a file of the CNIL's PIA tool.
        DpiaImport => "dpia.import",
        /// A DPIA was exported as a file for the CNIL's PIA tool.
        DpiaExport => "dpia.export",
    }
}

#[cfg(test)]
mod tests {
    use super::AuditAction;

    #[test]
    fn strings_round_trip_and_are_distinct() {
        let mut seen = std::collections::BTreeSet::new();
        for a in AuditAction::ALL {
            assert_eq!(a.as_str().parse::<AuditAction>(), Ok(*a));
            assert_eq!(
                serde_json::to_string(a).unwrap(),
                format!("\"{}\"", a.as_str())
            );
            assert!(seen.insert(a.as_str()), "{a} twice");
        }
    }

    #[test]
    fn existing_strings_are_kept() {
        // Stored in audit chains already: renaming one would make old events unreadable as actions.
        assert_eq!(AuditAction::DocumentCorrect.as_str(), "document.correct");
        assert_eq!(AuditAction::UserTotpEnable.as_str(), "user.totp.enable");
        assert_eq!(AuditAction::AuditVerifyOk.as_str(), "audit.verify.ok");
        assert_eq!(AuditAction::ApiTokenCreate.as_str(), "api_token.create");
        assert!("document.tampered".parse::<AuditAction>().is_err());
    }
}
