### processors: English

nav-recipients = Processors
recipients-title = Processors and other recipients
recipients-detail-title = Recipient
recipients-intro = Who receives personal data from you: processors who work on your behalf (they need a processing agreement) and other parties. Staff awareness is kept on record under
recipients-empty = No recipients yet. Add your web host, bookkeeper, payroll provider and other parties you share personal data with.
recipients-back = Back to processors and recipients
recipients-field-name = Name
recipients-field-role = Role
recipients-field-country = Country
recipients-field-country-hint = Two-letter country code of the establishment, e.g. NL, BE, DE or US.
recipients-field-contact = Contact
recipients-field-services = Services
recipients-field-service = Service
recipients-field-categories = Categories of personal data
recipients-field-safeguard = Transfer safeguard
recipients-field-safeguard-hint = Needed when the recipient or a sub-processor is outside the EEA (the EU, Iceland, Liechtenstein and Norway).
recipients-field-signed-on = Signed on
recipients-field-expires-on = Ends on
recipients-field-review-on = Review on
recipients-field-authorisation = Sub-processor authorisation
recipients-field-notes = Notes
recipients-sub-processors = Sub-processors
recipients-outside-eea = outside the EEA
recipients-agreement = Processing agreement
recipients-transfer-no-safeguard = transfer without safeguard
recipients-add-heading = Add a recipient
recipients-add-submit = Add recipient
recipients-edit-heading = Change this recipient
recipients-save = Save
recipients-delete = Delete recipient
recipients-delete-hint = Deleting removes the recipient and its agreements from the register; the signed documents stay under Documents.
recipients-agreements = Processing agreements
recipients-agreements-none = No agreement on record.
recipients-document = Signed agreement
recipients-document-open = Open the stored document
recipients-document-none = No document stored
recipients-document-limit = One file of at most { $mb } MB; it is stored and scanned like every document.
recipients-document-types = Accepted file types:
recipients-missing-points = Points missing (Art. 28(3))
recipients-checklist = What the agreement covers (Art. 28(3))
recipients-agreement-save = Save agreement
recipients-agreement-remove = Remove agreement
recipients-agreement-add = Add a processing agreement
recipients-agreement-add-submit = Add agreement
recipients-role-processor = Processor
recipients-role-third-party = Third party (own controller)
recipients-role-joint-controller = Joint controller
recipients-safeguard-none = None
recipients-safeguard-adequacy = Adequacy decision (Art. 45)
recipients-safeguard-standard-contractual-clauses = Standard contractual clauses (Art. 46)
recipients-safeguard-binding-corporate-rules = Binding corporate rules (Art. 47)
recipients-safeguard-code-or-certification = Code of conduct or certification (Art. 46)
recipients-safeguard-derogation = Derogation for a specific situation (Art. 49)
recipients-state-not-needed = Not needed
recipients-state-missing = Missing
recipients-state-expired = Expired on { $date }
recipients-state-incomplete = Incomplete: points { $points } missing
recipients-state-expiring = Ends or due for review on { $date }
recipients-state-valid = Valid
recipients-art28-a = (a) The processor acts only on your documented instructions, also for transfers abroad.
recipients-art28-b = (b) Everyone who handles the data is bound to confidentiality.
recipients-art28-c = (c) The processor takes appropriate security measures (Art. 32).
recipients-art28-d = (d) The processor engages sub-processors only with your permission and passes on the same obligations.
recipients-art28-e = (e) The processor helps you answer people who use their privacy rights.
recipients-art28-f = (f) The processor helps with security, data breaches and DPIAs (Art. 32-36).
recipients-art28-g = (g) At the end the processor deletes or returns the data, as you choose.
recipients-art28-h = (h) The processor gives you the information to show compliance and allows audits.
recipients-authorisation-specific = Specific: each sub-processor approved by name
recipients-authorisation-general = General: changes announced, you may object
recipients-transfer-unsafe-sub = Sub-processor { $name } is in { $country }, outside the EEA, and no transfer safeguard is recorded.
recipients-transfer-unsafe-self = This recipient is in { $country }, outside the EEA, and no transfer safeguard is recorded.
recipients-error-name = Give the recipient a name.
recipients-error-country = Give the country as its two-letter code, e.g. NL, BE, DE or US.
recipients-error-sub-processor = Give every sub-processor a name.
recipients-error-dates = The agreement cannot end before it was signed.
recipients-error-date = Give dates as day, month and year.
recipients-error-too-long = A text is too long.
recipients-error-subject = Say what was declared or trained, e.g. "Privacy awareness 2026".
recipients-error-member = Choose a member of this organisation.
recipients-error-file-too-large = The file is larger than the limit of { $mb } MB; nothing was stored.
recipients-error-file-type = Store the agreement as a PDF, Word, OpenDocument, RTF, text or image file.
notice-recipient-saved = The recipient has been saved.
notice-recipient-deleted = The recipient has been deleted.
notice-agreement-saved = The processing agreement has been saved.
notice-agreement-removed = The processing agreement has been removed.
notice-staff-measure-saved = The staff measure has been recorded.
notice-staff-measure-removed = The staff measure has been removed.
staff-title = Staff measures
staff-intro = Confidentiality declarations and privacy training per member, so staff awareness is on record.
staff-member = Member
staff-measures = On record
staff-kind = Kind
staff-kind-confidentiality-declaration = Confidentiality declaration
staff-kind-privacy-training = Privacy training
staff-yes = Yes
staff-no = Not on record
staff-remove = Remove
staff-add-heading = Record a declaration or training
staff-date = Date
staff-subject = Subject
staff-add-submit = Record
check-recipients-agreement-wanting = { $count ->
        [one] One processor has no valid processing agreement (missing, expired or incomplete).
       *[other] { $count } processors have no valid processing agreement (missing, expired or incomplete).
    }
check-recipients-agreement-expiring = { $count ->
        [one] One processing agreement ends or is due for review within 60 days.
       *[other] { $count } processing agreements end or are due for review within 60 days.
    }
check-recipients-transfer-unsafe = { $count ->
        [one] One recipient sends personal data outside the EEA without a transfer safeguard.
       *[other] { $count } recipients send personal data outside the EEA without a transfer safeguard.
    }
