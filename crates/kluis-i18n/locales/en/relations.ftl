### relations: English

nav-relations = Relations
relations-title = Relations
relations-intro = The people and companies your organisation deals with. Only the fields an active processing activity in the register needs are offered (privacy by default); every value is stored encrypted.
relations-search-heading = Find a relation
relations-search-label = Name, e-mail address, phone number or postcode
relations-search-hint = Finds exact matches only (capitals and spaces do not matter); nothing is decrypted to search. The search is recorded in the audit log, without what you searched for.
relations-search-submit = Search
relations-search-clear = Show all relations
relations-search-found = { $count ->
    [one] One relation found.
   *[other] { $count } relations found.
}
relations-new-person = New person
relations-new-company = New company
relations-empty = No relations yet.
relations-total = { $count ->
    [one] One relation in total.
   *[other] { $count } relations in total.
}
relations-pages = Pages
relations-prev = Previous page
relations-next = Next page
relations-col-name = Name
relations-col-party = Person or company
relations-col-kind = Kind
relations-col-company = Company
relations-no-name = (no name)
relations-no-company = No company
relations-back = Back to the relations
relations-new-title = New relation
relations-edit-title = Relation
relations-choose-submit = Show the fields
relations-offered-hint = The fields shown are those an active processing activity in the register needs for this kind of relation. Sensitive values (special categories, national identification numbers) stay hidden until someone allowed to reveals them; each reveal is recorded in the audit log.
relations-nothing-offered = No active processing activity in the register concerns this kind of relation, so no field can be recorded.
relations-to-register = Complete the register
relations-reveal = Reveal
relations-sensitive = sensitive
relations-unneeded = no longer needed: clear it
relations-sensitive-keep = kept as it is unless you type a new value
relations-sensitive-clear = Clear this value
relations-save = Save
relations-contacts = Contacts at this company
relations-delete-title = Delete relation
relations-delete-confirm = Delete this relation and every value recorded for it? This cannot be undone.
relations-delete-submit = Delete
relations-delete-cancel = Cancel
relations-error-not-offered = { $field } is not needed by any active processing activity for this relation, so it may not be recorded (privacy by default). Add it to an activity in the register first, or leave it empty.
relations-error-not-for-party = { $field } does not apply to this kind of relation.
relations-error-too-long = { $field } is too long (at most 1000 characters).
relations-error-date-of-birth = The date of birth must be a real date, not in the future.
relations-error-name = A person needs a given or family name, a company its name.
relations-error-company = Choose one of your company relations.
relations-error-search-empty = Enter a name, e-mail address, phone number or postcode.
relations-error-has-contacts = This company still has contacts: link them elsewhere or delete them first.
error-relations-has-contacts = This company still has contacts: link them elsewhere or delete them first.
notice-relation-saved = The relation has been saved.
notice-relation-deleted = The relation has been deleted.
relation-party-person = Person
relation-party-company = Company
relation-kind-customer = Customer
relation-kind-prospect = Prospect
relation-kind-employee = Employee
relation-kind-job-applicant = Job applicant
relation-kind-supplier-contact = Supplier contact
relation-kind-other = Other
relation-field-given-name = Given name
relation-field-family-name = Family name
relation-field-company-name = Company name
relation-field-email = E-mail address
relation-field-phone = Phone number
relation-field-street = Street and number
relation-field-postcode = Postcode
relation-field-city = City
relation-field-country = Country
relation-field-date-of-birth = Date of birth
relation-field-gender = Gender
relation-field-nationality = Nationality
relation-field-language = Language
relation-field-job-title = Job title
relation-field-registration-number = Chamber of Commerce (KvK/KBO) number
relation-field-vat-number = VAT number
relation-field-iban = IBAN
relation-field-bsn = Citizen service number (BSN)
relation-field-be-national-number = Belgian national register number
relation-field-sick-leave = Sick leave (never the diagnosis)
relation-field-health = Health information
inventory-held-relations = { $count ->
        [one] One relation
       *[other] { $count } relations
    }
audit-do-relation-create = Relation recorded
audit-do-relation-update = Relation changed
audit-do-relation-delete = Relation deleted
audit-do-relation-reveal = Sensitive value of a relation revealed
audit-do-relation-search = Relations searched
audit-subject-relation = Relation
audit-do-relation-note-add = Note added to a relation
relations-tags = Tags
relations-tags-hint = Separate tags with commas, e.g. newsletter, vip. At most 20 tags of at most 50 characters.
relations-error-tags = At most 20 tags of at most 50 characters each.
relations-notes = Notes
relations-notes-none = No notes yet.
relations-note-label = New note
relations-note-submit = Add note
relations-error-note = Write a note of at most 5000 characters.
notice-relation-note-added = The note has been added.

# Compliance check
compliance-relations-unneeded-data = { $count ->
        [one] One relation holds { $category }, but no active processing activity needs it for that kind of relation.
       *[other] { $count } relations hold { $category }, but no active processing activity needs it for that kind of relation.
    }
compliance-relations-unneeded-data-explain = Data without a purpose may not be kept (Art. 5(1)(c) and (e)): remove the field from these relations, or record the activity that needs it in the register.

# List filter
relations-filter-heading = Filter relations
relations-filter-all-kinds = All kinds
relations-filter-all-tags = All tags
relations-filter-tag = Tag
relations-filter-submit = Filter
relations-filter-none = No relations match this filter.
