### export: English

export-file-stem = register-of-processing-activities
export-error-empty = The register has no processing activities yet, so there is nothing to export. Add an activity first.
export-error-write = The export could not be saved.
export-error-render = The export could not be made.
export-yes = Yes
export-no = No
export-never = Never
export-field = Field
export-value = Value

export-status-draft = Draft
export-status-active = Active
export-status-ended = Ended
export-dpia-not-screened = Not screened
export-dpia-not-required = Not required
export-dpia-required = Required
export-dpia-done = Carried out

export-period-days = { $count ->
    [one] 1 day
   *[other] { $count } days
}
export-period-weeks = { $count ->
    [one] 1 week
   *[other] { $count } weeks
}
export-period-months = { $count ->
    [one] 1 month
   *[other] { $count } months
}
export-period-years = { $count ->
    [one] 1 year
   *[other] { $count } years
}
export-retention-all = All categories
export-retention-rule = { $what }: { $period } from { $start }, then { $action }
export-start-collection = collection
export-start-end-of-financial-year = the end of the financial year
export-start-end-of-contract = the end of the contract
export-start-end-of-employment = the end of employment
export-start-end-of-procedure = the end of the procedure
export-start-withdrawal = withdrawal of consent
export-start-last-contact = the last contact
export-action-delete = delete
export-action-anonymise = anonymise
export-action-restrict = restrict processing

export-safeguard-adequacy = Adequacy decision (Art. 45)
export-safeguard-standard-contractual-clauses = Standard contractual clauses (Art. 46(2)(c))
export-safeguard-binding-corporate-rules = Binding corporate rules (Art. 47)
export-safeguard-code-or-certification = Code of conduct or certification (Art. 46(2)(e)-(f))
export-safeguard-derogation = Derogation (Art. 49)
export-safeguard-none = No safeguard recorded
export-role-processor = processor
export-role-third-party = third party
export-role-joint-controller = joint controller
export-source-subject = The data subject

export-col-reference = Reference
export-col-name = Name of the processing activity
export-col-description = Description
export-col-purposes = Purposes of the processing
export-col-purpose-description = Purposes in our own words
export-col-legal-basis = Legal basis (Art. 6)
export-col-balancing-test = Balancing test (legitimate interests)
export-col-subjects = Categories of data subjects
export-col-categories = Categories of personal data
export-col-special = Special categories of personal data (Art. 9)
export-col-special-ground = Ground for special categories (Art. 9(2), UAVG)
export-col-criminal = Criminal data (Art. 10)
export-col-criminal-basis = Basis for criminal data
export-col-national-id = National identification number (statutory basis)
export-col-source = Source of the data
export-col-recipients = Recipients and processors
export-col-other-recipients = Other categories of recipients
export-col-transfers = Transfers to third countries and safeguards
export-col-retention = Retention periods
export-col-measures = Technical and organisational security measures
export-col-joint-controller = Joint controller
export-col-automated-decisions = Automated decision-making
export-col-dpia = DPIA
export-col-status = Status
export-col-end-date = End date of the processing
export-col-successor = Replacing processing activity
export-col-notes = Remarks

export-controller-name = Controller
export-controller-address = Address
export-controller-email = E-mail
export-controller-phone = Telephone
export-controller-website = Website
export-controller-registration = Registration number (KvK / KBO)
export-controller-jurisdiction = Jurisdiction
export-controller-authority = Supervisory authority
export-controller-employees = Number of employees
export-controller-representative = Representative in the Union
export-controller-joint = Joint controllers
export-dpo = Data protection officer
export-dpo-appointed = Data protection officer appointed
export-dpo-name = Name of the data protection officer
export-dpo-email = E-mail of the data protection officer
export-dpo-phone = Telephone of the data protection officer
export-dpo-rationale = Why a data protection officer is (not) required
export-dpo-none = None appointed
export-register-rationale = Why the register is kept (Art. 30(5))
export-last-review = Last review of the register
export-as-of = Register as of
export-generated-at = Generated on
export-activity-count = Number of processing activities

export-rcol-name = Name
export-rcol-role = Role
export-rcol-country = Country
export-rcol-contact = Contact
export-rcol-services = Services
export-rcol-categories = Categories of personal data
export-rcol-sub-processors = Sub-processors
export-rcol-safeguard = Transfer safeguard
export-rcol-agreement-signed = Agreement signed on
export-rcol-agreement-expires = Agreement expires on
export-rcol-agreement-review = Agreement review on
export-rcol-art28-missing = Art. 28(3) points missing
export-rcol-authorisation = Sub-processor authorisation
export-rcol-activities = Processing activities
export-art28-complete = Complete
export-agreement-missing = No processing agreement recorded
export-authorisation-specific = Specific
export-authorisation-general = General

export-sheet-activities = Register
export-sheet-controller = Controller and DPO
export-sheet-recipients = Processors and recipients

export-pdf-title = Register of processing activities
export-pdf-subtitle = Record of processing activities under Article 30(1) of the General Data Protection Regulation
export-pdf-overview = Processing activities
export-pdf-recipients = Recipients, processors and processing agreements
export-pdf-no-recipients = No recipients have been recorded.
export-pdf-page = Page { $page } of { $total }
export-fideslang-comment = Register of processing activities exported by Kluis as a fideslang manifest
export-fideslang-dataset = Personal data held in Kluis
