### statement: English
nav-statement = Privacy statement
statement-page-title = Privacy statement
statement-page-intro = Kluis composes the privacy statement from the register and the organisation profile (Arts. 13 and 14 GDPR). Each publication is a version with a date; old versions remain available, because consent records point to the version a person was shown.
statement-missing-heading = Not ready to publish
statement-missing-intro = These items are still missing from the register or the profile. Fill them in; then you can publish.
statement-missing-line = { $item } ({ $article })
statement-missing-line-activity = { $item } ({ $article }) for “{ $activity }”
statement-item-controller-identity = Name of the controller
statement-item-controller-contact = Contact details of the controller
statement-item-dpo-contact = Contact details of the data protection officer
statement-item-purposes = Purposes of the processing
statement-item-legal-basis = Legal basis
statement-item-legitimate-interests = The legitimate interest
statement-item-transfer-safeguard = Safeguard for a transfer outside the EEA
statement-item-retention = Retention period
statement-item-supervisory-authority = Supervisory authority (choose the Netherlands or Belgium in the profile)
statement-item-provision-requirement = Whether providing the data is required, and the consequences of not doing so
statement-item-categories = Categories of personal data
statement-item-source = Source of the data
statement-preview-heading = Preview of the next version
statement-publish = Publish this version
statement-published-heading = Published versions
statement-none-published = No privacy statement has been published yet.
statement-version-col = Version
statement-date-col = Published on
statement-by-col = By
statement-langs-col = Languages
statement-public-link = Public page
statement-markdown-link = Markdown
statement-embed-heading = On your own website
statement-embed-text = Place this code on your website; it always shows the newest version.
statement-read-only = You can read the privacy statement; the owner and the privacy officer publish it.
statement-version-title = Privacy statement, version { $version }
statement-public-missing = This organisation has not published a privacy statement in this language (yet).
notice-statement-published = The new version of the privacy statement has been published.
error-statement-incomplete = The privacy statement cannot be published yet: items are missing.
statement-title = Privacy statement of { $controller }
statement-intro = { $controller } is the controller responsible for the processing of personal data described in this privacy statement.
statement-version-line = Version { $version }, published on { $date }.
statement-contact-heading = Contact details
statement-name = Name
statement-address = Address
statement-email = E-mail
statement-phone = Phone
statement-website = Website
statement-registration-nl = Chamber of Commerce (KvK) number
statement-registration-be = Enterprise number (KBO/BCE)
statement-representative = Representative in the EU
statement-dpo = Our data protection officer is { $name }, who can be reached at { $contact }.
statement-processing-heading = Which personal data we process and why
statement-processing-intro = For each processing activity below you can read for which purpose and on which legal basis we process personal data, with whom we share it and how long we keep it.
statement-purpose = Purpose
statement-basis = Legal basis
statement-gdpr = GDPR
statement-legitimate-interest = Our legitimate interest
statement-categories = Data
statement-source = Source (we do not receive this data from you)
statement-recipients = Recipients
statement-recipients-none = we do not share this data with anyone
statement-transfer-line = Transfer to { $country } (outside the EEA) on the basis of { $safeguard }; you can ask us for a copy of the safeguard.
statement-safeguard-adequacy = an adequacy decision of the European Commission (Art. 45 GDPR)
statement-safeguard-scc = the European Commission's standard contractual clauses (Art. 46 GDPR)
statement-safeguard-bcr = binding corporate rules (Art. 47 GDPR)
statement-safeguard-code = a code of conduct or certification (Art. 46 GDPR)
statement-safeguard-derogation = a derogation of Art. 49 GDPR
statement-retention = Retention period
statement-retention-all = all data
statement-retention-line = { $what }: { $period } { $starts }
statement-period-days =
    { $amount ->
        [one] { $amount } day
       *[other] { $amount } days
    }
statement-period-weeks =
    { $amount ->
        [one] { $amount } week
       *[other] { $amount } weeks
    }
statement-period-months =
    { $amount ->
        [one] { $amount } month
       *[other] { $amount } months
    }
statement-period-years =
    { $amount ->
        [one] { $amount } year
       *[other] { $amount } years
    }
statement-start-collection = after recording
statement-start-end-of-financial-year = after the end of the financial year
statement-start-end-of-contract = after the end of the contract
statement-start-end-of-employment = after the end of employment
statement-start-end-of-procedure = after the end of the procedure
statement-start-withdrawal = after consent is withdrawn or you unsubscribe
statement-start-last-contact = after the last contact
statement-provision = Required?
statement-automated = Automated decision-making
statement-automated-none = We take no decisions based solely on automated processing.
statement-withdraw-consent = You can withdraw your consent at any time, as easily as you gave it; this does not affect the processing before the withdrawal.
statement-rights-heading = Your rights
statement-rights-intro = You have the following rights over your personal data:
statement-right-access = access to the data we hold about you (Art. 15 GDPR);
statement-right-rectification = rectification of inaccurate data (Art. 16 GDPR);
statement-right-erasure = erasure of your data (Art. 17 GDPR);
statement-right-restriction = restriction of processing (Art. 18 GDPR);
statement-right-portability = receiving your data in a common file format or having it sent on (Art. 20 GDPR);
statement-right-objection = objecting to the processing (Art. 21 GDPR).
statement-rights-how = Send your request to { $contact }. We answer within one month; for complex requests this can be extended by two months, and we will tell you so within the first month.
statement-objection-heading = Your right to object
statement-objection-general = For { $activities } you can object at any time on grounds relating to your particular situation (Art. 21(1) GDPR). We then stop, unless we have compelling legitimate grounds that override your interests.
statement-objection-marketing = You can always object to the use of your data for direct marketing ({ $activities }); we then stop at once and never use your data for it again (Art. 21(2) and (3) GDPR).
statement-complaint-heading = Making a complaint
statement-complaint = Do you disagree with how we handle your data? Let us know. You also have the right to lodge a complaint with the supervisory authority: { $authority }.
statement-former-member = a former member
problem-statement-incomplete-title = Privacy statement incomplete
problem-statement-incomplete-detail = The register does not answer these items yet: { $items }
statement-provision-consent = no, you provide this data voluntarily; without your consent we do not process it.
statement-provision-contract = yes, we need this data for the contract with you; without it we cannot conclude or perform the contract.
statement-provision-legal-obligation = yes, the law requires us to process this data; without it we cannot meet that obligation.
statement-provision-vital-interests = no; we process this data only to protect someone's life or health.
statement-provision-public-task = yes, as far as the statutory task requires.
statement-provision-legitimate-interests = no, you are not required to provide this data; without it we may be less able to help you.
# stmtpdf
statement-pdf-link = PDF
statement-pdf-meta = { $organisation } · version { $version } · { $date }
