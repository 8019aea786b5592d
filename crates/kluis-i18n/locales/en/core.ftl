# Kluis UI: English. Fluent messages: key = text, { $name } for placeholders, plurals with { $count -> [one] … *[other] … }.

skip-to-content = Skip to content
footer-text = Kluis keeps your data on your own server. Every change is recorded in the audit log.
nav-main-label = Main menu
nav-account-label = Your account
nav-account = Account
nav-dashboard = Overview
nav-users = Users and roles
nav-audit = Audit log
logout = Log out
switch-org-label = Organisation
switch-org-button = Switch

field-name = Name
field-email = Email address
field-password = Password
field-org-name = Organisation name
field-owner-name = Name
field-owner-email = Email address
field-owner-password = Password
field-role = Role
field-totp = Code from your authenticator app
field-language = Language
field-current = Current password
field-new = New password
field-code = Code
field-token-name = Key name
password-hint = At least 12 characters. A sentence of a few words is strong and easy to remember.
language-submit = Save language

setup-title = Set up Kluis
setup-intro = Welcome. First create your organisation and the owner's account. This page appears only once.
setup-org-heading = Your organisation
setup-org-name = Organisation name
setup-owner-heading = Your account (owner)
setup-submit = Create organisation

login-title = Log in
login-totp-title = Log in: second step
login-totp-intro = Enter the six-digit code from your authenticator app.
login-submit = Log in
login-failed = The email address or password is not correct. Please try again.
login-totp-wrong = This code is not correct or has expired. Try the newest code.
login-totp-expired = This login has expired or was already used. Please enter your email address and password again.
notice-logged-out = You have been logged out.
no-memberships = Your account does not belong to any organisation (yet). Ask your organisation's owner to add you.

dashboard-title = Overview
dashboard-role = Your role in this organisation:
dashboard-first-steps = First steps
dashboard-empty-colleagues = You are the only user so far.
dashboard-add-colleagues = Add your colleagues
dashboard-manage-users = Manage users and roles
dashboard-totp-hint = Protect your account with a second step when logging in.
dashboard-totp-link = Set up two-step verification
dashboard-audit-hint = Every change is recorded in an audit log that cannot be altered unnoticed.
dashboard-audit-link = View the audit log
dashboard-more-coming = The record of processing activities (verwerkingsregister), processing agreements (verwerkersovereenkomsten), retention periods (bewaartermijnen) and reporting a data breach (datalek) will appear here once those parts are available.
dashboard-docs-heading = Documents
dashboard-docs-summary = { $total } { $total ->
        [one] document
       *[other] documents
    }: { $special } with special categories of personal data or national ID numbers, { $generic } with ordinary personal data.
dashboard-docs-link = See which personal data your documents hold

role-owner = Owner
role-privacy-officer = Privacy lead / data protection officer
role-staff = Staff
role-auditor = Auditor (read only)
role-owner-text = Manages everything, including users, roles and settings.
role-privacy-officer-text = Does all privacy work and may see sensitive data of data subjects, but does not manage users.
role-staff-text = Works with the data every day, but does not see special categories of personal data.
role-auditor-text = Can read everything and check the audit log, but cannot change anything. For example an accountant.
roles-heading = What may each role do?

users-title = Users and roles
users-members = Members of this organisation
users-actions = Actions
users-this-is-you = This is you
users-change-role = Change role
users-remove = Remove
users-add-heading = Add a colleague
users-add-intro = Add a colleague by email address and role. If they have no account yet, give a first password and pass it on safely.
users-initial-password = First password (only for a new account)
users-initial-password-hint = Leave empty if this person already has a Kluis account.
users-add-submit = Add
notice-member-added = The colleague has been added.
notice-role-changed = The role has been changed.
notice-member-removed = The user has been removed from this organisation.
error-last-owner = Not possible: an organisation always keeps at least one owner.
error-invalid-role = Choose a role from the list.
error-member-exists = This person is already a member of this organisation.

audit-title = Audit log
audit-intro = Who did what, and when. The log holds only the names of fields, never the values themselves.
audit-verify-heading = Check the chain
audit-verify-button = Check the chain
audit-verify-ok = The audit log is intact: { $count } events checked.
audit-verify-broken = The audit log is damaged from event { $seq } on: { $reason }
audit-filter = Filter
audit-actor = By
audit-action = Action
audit-entity = Subject
audit-from = From date
audit-to = Up to and including
audit-when = When
audit-fields = Changed fields
audit-empty = No events found with these filters.
error-invalid-from = The "from" date is not valid. Use the form YYYY-MM-DD.
error-invalid-to = The "up to" date is not valid. Use the form YYYY-MM-DD.
pager-label = Pages
pager-prev = Previous page
pager-next = Next page
pager-page = Page

account-title = Your account
account-signed-in-as = Logged in as
account-password-heading = Change password
account-current-password = Current password
account-new-password = New password
account-password-submit = Change password
account-totp-heading = Two-step verification
account-totp-intro = With two-step verification Kluis also asks for a code from an app on your phone when you log in.
account-totp-off = Two-step verification is off.
account-totp-on = Two-step verification is on.
account-totp-begin = Set up two-step verification
account-totp-scan = Add this address to your authenticator app (many apps can paste it or read it as a QR code):
account-totp-secret = Or type this secret key:
account-totp-confirm = Confirm code and switch on
account-totp-disable = Switch off two-step verification
account-tokens-heading = API keys
account-tokens-intro = An API key lets another program reach this organisation's data on your behalf. Give each key a name you will recognise.
account-token-once = Copy this key now. It is shown only once.
account-tokens-empty = You have no API keys yet.
account-token-name = Key name
account-token-created = Created
account-token-revoke = Revoke
account-token-create = Create key
notice-password-changed = Your password has been changed.
notice-language-changed = The language has been saved.
notice-totp-enabled = Two-step verification is now on.
notice-totp-disabled = Two-step verification is now off.
notice-token-revoked = The API key has been revoked.
error-wrong-password = The password is not correct.
error-invalid-language = Choose Nederlands or English.
error-totp-code = This code is not correct. Check the time on your phone and try the newest code.

error-back = Go to the start page
error-400-title = Something is not right yet
error-400-text = One of the values you entered is not valid. Go back and check the form.
error-401-title = Please log in
error-401-text = You are not logged in (any more). Log in again to continue.
error-403-title = No access
error-403-text = Your role in this organisation does not give access to this page or action. Ask the owner if you need it.
error-csrf-title = Form expired
error-csrf-text = This form has expired or did not come from Kluis. Reload the page and try again.
error-404-title = Not found
error-404-text = This page does not exist, or you have no access to it.
error-409-title = That is not possible like this
error-409-text = This change conflicts with the current data.
error-413-title = Too large
error-413-text = What you sent is too large.
error-429-title = Please wait
error-429-text = Too many attempts. Please try again in { $seconds } seconds.
error-500-title = Something went wrong
error-500-text = Something went wrong on our side. Your data has not been changed. Please try again later.

setup-slug = Short name for the web address (optional)
setup-slug-hint = Lowercase letters, digits and dashes, for example bakery-jansen. Leave empty: Kluis makes one from the name.
field-slug = Short name for the web address
field-display-name = Name
field-current-password = Current password
field-new-password = New password
audit-break-content-altered = the content of this event was altered.
audit-break-link-broken = this event does not link to the one before it (an event was replaced).
audit-break-sequence-gap = events are missing or were inserted.

# --- Documents (module documents: pages, upload, detail, overview) ---
nav-documents = Documents
documents-title = Documents
documents-intro = See which personal data your documents hold. Kluis reads every document you upload and looks for data about data subjects, such as names, email addresses, BSNs and IBANs.
documents-empty-heading = No documents yet
documents-empty-text = Start by uploading documents that may hold personal data: staff files, customer lists, job applications, scanned identity documents. Kluis stores them encrypted and then shows which personal data they contain.
documents-empty-cta = Upload your first documents
documents-empty-read-only = There are no documents yet. A colleague who may make changes can upload them.
documents-upload-link = Upload documents
documents-list-link = All documents
documents-back-overview = Back to the documents overview
documents-back-list = Back to all documents
documents-by-kind = Which personal data?
documents-by-class = What kind of documents?
documents-count = Number
documents-id-copies = Documents with a copy of an identity document
documents-id-copies-text = You may keep a copy of a passport, identity card or driving licence with a BSN only where the law requires it. Check whether you still need these copies.
documents-health = Documents with health data
documents-health-text = Health data are special categories of personal data. You may process them only under a legal exception, for example for absence management by the company doctor.
documents-unscanned = Documents that could not be read
documents-unscanned-text = Kluis could not read these documents (completely). They may hold personal data that is not counted here.
documents-newest-findings = Newest findings
documents-none-in-list = None.
documents-col-name = Document
documents-col-reason = Reason
documents-col-type = Kind of data
documents-col-value = Value (masked)
documents-col-location = Where in the document
documents-col-findings = Findings
documents-col-uploaded = Uploaded
documents-search-label = Where does this email address, BSN or IBAN appear?
documents-search-hint = Type the complete value, for example an email address, BSN, IBAN or phone number. Kluis looks for the exact value; capitals, spaces and dots do not matter.
documents-search-submit = Search
documents-search-title = Search for a data subject's identifier
documents-search-results = Result
documents-search-none = This value does not appear in any document.
documents-search-count = Found in { $count } { $count ->
        [one] place
       *[other] places
    }.
documents-search-range = Places { $from } to { $to }.
documents-search-next = Next page
documents-list-title = All documents
documents-filter = Filter
documents-filter-all = All
documents-list-total = { $count } { $count ->
        [one] document
       *[other] documents
    } found.
documents-list-empty = No documents found with these filters.
field-document-name = Name contains
field-kind = Kind of personal data
field-class = Kind of document
field-status = Status
documents-upload-title = Upload documents
documents-upload-heading = Choose files
documents-upload-intro = Choose one or more files. Kluis stores them encrypted and then reads them for personal data; this usually takes a few seconds per document.
documents-upload-field = Files
documents-upload-limit = You can choose several files at once, up to { $mb } MB together.
documents-upload-drop = You can also drag the files onto this form.
documents-upload-submit = Upload
documents-upload-selected = Files chosen: { $count }.
documents-upload-results = Result per file
documents-upload-ok = received, being scanned.
documents-upload-failed = not stored: { $reason }
documents-upload-none = Choose one or more files first.
documents-upload-not-form = This form could not be read. Reload the page and try again.
documents-upload-empty-file = the file is empty
documents-upload-next = Kluis is scanning the documents now. See the result under
documents-too-large = Together the files are too large. You can upload up to { $mb } MB at once; upload them in smaller parts.
documents-detail-pending = This document is queued or being scanned. This page refreshes by itself; you can also come back later.
documents-detail-special = Special categories of personal data
documents-detail-special-none = None found.
documents-detail-scan = Reading result
documents-detail-size = Size
documents-parent = Part of
documents-parent-link = The file this document is in
documents-corrected = Corrected by hand by { $who } on { $when }. This correction takes precedence over the scan result.
documents-findings = Personal data found
documents-findings-intro = Values are masked. "Reveal" shows one value in full; this is recorded in the audit log.
documents-findings-none = No personal data found.
documents-findings-pending = Not scanned yet.
documents-reveal = Reveal
documents-reveal-label = Reveal the full value ({ $type }); this is recorded
documents-revealed-note = (viewing recorded)
documents-revealed-status = The value is shown. This viewing has been recorded in the audit log.
documents-reveal-forbidden = Your role may not see this value. Only the owner and the privacy lead can see sensitive data, such as a BSN, in full.
documents-reveal-sensitive-only = visible only to the owner and the privacy lead
documents-children = Documents inside this file
documents-actions = What would you like to do?
documents-download = Download
documents-download-note = Every download is recorded in the audit log.
documents-rescan = Scan again
documents-delete = Delete…
documents-delete-title = Delete document
documents-delete-confirm = Are you sure you want to delete this document? The file and all data found in it will be erased. This cannot be undone.
documents-delete-submit = Yes, delete permanently
documents-delete-cancel = No, back to the document
documents-correct-heading = Correct the classification
documents-correct-intro = Is the classification wrong? Correct it here. Your correction takes precedence over the scan result, also when the document is scanned again.
documents-correct-submit = Save correction
documents-automatic = Automatic (scan result)
notice-document-corrected = The correction has been saved.
notice-document-rescan = The document will be scanned again.
notice-document-deleted = The document has been deleted.
error-document-invalid = Choose a value from the list.
doc-kind-none = No personal data
doc-kind-generic = Ordinary personal data
doc-kind-special = Special categories of personal data
doc-kind-unknown = Not known yet
doc-kind-none-text = No data about people was found.
doc-kind-generic-text = For example name, address, email address, phone number or IBAN.
doc-kind-special-text = For example health, religion or criminal data, or a BSN or a copy of an identity document. Stricter rules apply.
doc-class-invoice = Invoice
doc-class-correspondence = Correspondence
doc-class-id-copy = Copy of an identity document
doc-class-health-statement = Health statement or medical document
doc-class-contract = Contract or agreement
doc-class-payslip = Payslip
doc-class-application = Job application or CV
doc-class-customer-list = Customer or member list
doc-class-other = Other
doc-class-unknown = Not known yet
doc-special-health = Health
doc-special-religion = Religion or belief
doc-special-ethnicity = Racial or ethnic origin
doc-special-political = Political opinions
doc-special-trade-union = Trade union membership
doc-special-sexual-orientation = Sex life or sexual orientation
doc-special-biometric = Biometric data
doc-special-genetic = Genetic data
doc-special-criminal = Criminal convictions and offences
doc-entity-email = Email address
doc-entity-phone = Phone number
doc-entity-iban = IBAN (bank account number)
doc-entity-bsn = BSN (Dutch citizen service number)
doc-entity-be-national-number = Belgian national register number
doc-entity-person-name = Name
doc-entity-address = Address
doc-entity-postcode = Postcode
doc-entity-date-of-birth = Date of birth
doc-entity-credit-card = Credit card number
doc-entity-id-document-number = Identity document number
doc-entity-driving-licence-number = Driving licence number
doc-entity-license-plate = Licence plate
doc-entity-ip-address = IP address
doc-entity-kvk-number = Chamber of Commerce (KvK) number
doc-entity-vat-number = VAT number
doc-entity-other = Other data
doc-status-queued = Queued
doc-status-scanning = Being scanned
doc-status-scanned = Scanned
doc-status-failed = Scan failed
doc-status-other = Unknown
doc-scan-ok = Read completely
doc-scan-encrypted = Protected with a password; Kluis cannot read it
doc-scan-corrupt = Damaged, or not the kind of file its name suggests
doc-scan-image-without-text = Image or scan without text; text recognition is not available
doc-scan-unsupported = Kluis cannot read this kind of file (yet)
doc-scan-limit-exceeded = Too large or too complex to read completely; part of it was read
doc-scan-failed = Scanning failed
doc-scan-pending = Not scanned yet
doc-scan-other = Not (completely) read
documents-a-colleague = a colleague
doc-scan-timeout = Reading took too long and was stopped
doc-scan-crashed = The reader stopped working on this file
doc-scan-unreadable = The file could not be opened

# API problem documents (RFC 9457): title and detail in the caller's language.
problem-not-found-title = Not found
problem-not-found-detail = There is nothing here, or you have no access to it.
problem-unauthenticated-title = Authentication required
problem-unauthenticated-detail = Send a valid API token as 'Authorization: Bearer <token>'.
problem-forbidden-title = Forbidden
problem-forbidden-detail = Your role in this organisation does not allow this.
problem-invalid-title = Invalid input
problem-invalid-detail = { $field }: { $message }
problem-invalid-date-detail = { $field }: expected a date as YYYY-MM-DD.
problem-invalid-value-detail = { $field }: '{ $value }' is not a known value.
problem-conflict-title = Conflict
problem-conflict-detail = { $message }
problem-throttled-title = Too many attempts
problem-throttled-detail = Too many attempts. Try again in { $seconds } seconds.
problem-setup-title = Setup
problem-setup-detail = { $message }
problem-internal-title = Something went wrong
problem-internal-detail = Something went wrong on our side. Please try again later.
problem-bad-body-title = Unreadable request body
problem-bad-body-detail = The request body could not be read: { $message }
problem-multipart-detail = Send the files as multipart/form-data.
problem-too-large-title = Too large
problem-too-large-detail = Upload at most { $mib } MiB per request.
problem-no-files-title = No files
problem-no-files-detail = The request holds no file parts.
problem-rate-limited-title = Too many requests
problem-rate-limited-detail = Too many requests. Try again in { $seconds } seconds.

# lead: module seam
dashboard-checks-heading = Needs your attention
check-documents-unreadable = { $count ->
        [one] One document could not be read in full: its personal data is not known yet.
       *[other] { $count } documents could not be read in full: their personal data is not known yet.
    }

# h4-accounts
date-month = { $month ->
        [1] January
        [2] February
        [3] March
        [4] April
        [5] May
        [6] June
        [7] July
        [8] August
        [9] September
        [10] October
        [11] November
       *[12] December
    }
date-time = { $date }, { $time } UTC
error-email-empty = Enter an email address.
error-email-too-long = An email address has at most 254 characters.
error-email-malformed = Enter a valid email address, for example name@example.com.
error-slug-length = Use 2 to 50 characters.
error-slug-characters = Use only lowercase letters, digits and dashes (no spaces or accents).
error-slug-edge-dash = Do not start or end with a dash.
error-password-too-short = Use at least { $min } characters.
error-password-too-long = Use at most { $max } bytes.
error-name-length = Enter between 1 and 200 characters.
error-invalid-value = This value is not valid.
error-slug-taken = This short name is already in use. Choose another.
login-attempts-left = { $count ->
        [one] One more failed attempt and logging in with this address is blocked for a while.
       *[other] { $count } attempts left before logging in with this address is blocked for a while.
    }
login-locked = Too many attempts. You can try again from { $time } (in { $minutes ->
        [one] one minute
       *[other] { $minutes } minutes
    }).
nav-menu = Menu
nav-new-org = New organisation
language-switch-label = Language
users-reset-password = Reset password…
users-reset-link-heading = Password reset link
users-reset-link-intro = Give this link to your colleague in person or through a safe channel. It works once, for 24 hours, and is shown only now.
error-reset-elsewhere = Not possible for this account: it also belongs to an organisation you are not an owner of. The server's administrator can set a new password with "kluis user passwd".
users-remove-title = Remove member
users-remove-confirm = Are you sure you want to remove { $name } from this organisation? The account itself stays; its API keys for this organisation stop working.
users-remove-submit = Yes, remove
users-remove-cancel = No, back to users and roles
reset-title = Set a new password
reset-intro = Choose a new password for your Kluis account. After saving, log in with it.
reset-submit = Save new password
reset-invalid = This link is not valid (any more): it was already used or is older than 24 hours. Ask your organisation's owner for a new one.
notice-password-reset = Your new password has been saved. You can log in with it now.
org-new-title = Create an organisation
org-new-intro = As an owner you can create another organisation, for example for a client. You become its owner; you can switch between your organisations at the top of the page.
org-new-submit = Create organisation
notice-org-created = The organisation has been created. You are its owner.
account-totp-qr = QR code for your authenticator app
# h3-audit
audit-break-checkpoint-mismatch = the chain no longer holds the checkpoint's event (events were removed or rewritten).
audit-search = Search
audit-search-hint = Name of a person or document, or an action
audit-actor-cli = Administrator (command line)
audit-actor-jobs = Kluis (background job)
audit-actor-unknown = Unknown user
audit-checkpoint-heading = Checkpoint
audit-checkpoint-intro = A checkpoint records where the log stands now, signed with this installation's key. Keep it outside Kluis; later it shows whether events were removed or rewritten since.
audit-checkpoint-download = Download checkpoint
audit-checkpoint-file = Checkpoint file
audit-checkpoint-verify = Check against checkpoint
audit-checkpoint-invalid = This file is not a valid checkpoint of this organisation (or it was altered).
audit-checkpoint-broken = No checkpoint can be made now: the audit log is damaged.
audit-do-org-create = Organisation created
audit-do-user-create = Account created
audit-do-user-password = Password changed
audit-do-user-locale = Language changed
audit-do-user-totp-enable = Two-step verification turned on
audit-do-user-totp-disable = Two-step verification turned off
audit-do-login-success = Logged in
audit-do-login-failure = Failed login attempt
audit-do-logout = Logged out
audit-do-member-add = Member added
audit-do-member-role = Member's role changed
audit-do-member-remove = Member removed
audit-do-member-list = Member list viewed
audit-do-member-read = Member's details viewed
audit-do-api-token-create = API token created
audit-do-api-token-revoke = API token revoked
audit-do-audit-verify-ok = Audit log checked: intact
audit-do-audit-verify-broken = Audit log checked: damaged
audit-do-audit-checkpoint = Checkpoint downloaded
audit-do-audit-rekey = Audit log moved to the key
audit-do-keys-rotate = Key replaced
audit-do-document-upload = Document uploaded
audit-do-document-scan = Document scanned
audit-do-document-rescan = Document scanned again
audit-do-document-download = Document downloaded
audit-do-document-correct = Document classification corrected
audit-do-document-delete = Document deleted
audit-do-finding-reveal = Finding revealed
audit-do-identifier-search = Searched by identification number
audit-subject-org = Organisation
audit-subject-user = Person
audit-subject-membership = Membership
audit-subject-session = Session
audit-subject-api-token = API token
audit-subject-document = Document
audit-subject-document-finding = Finding
audit-subject-audit-chain = Audit log
audit-subject-key = Key
# h1-documents
doc-special-reason-national-id = national identification number
doc-special-reason-identity-document = identity document
doc-special-reason-marked = marked as special
documents-detail-special-why = Special because of
documents-search-forbidden = Searching for national identification numbers (BSN, Belgian national number) needs the right to see sensitive data.
documents-upload-bad-name = the file needs a name of 1 to 255 characters
documents-upload-file-too-large = the file is larger than the limit of { $mb } MB
documents-upload-too-many = Upload at most { $max } files at once; choose fewer files and upload the rest afterwards.
problem-too-many-files-title = Too many files
problem-too-many-files-detail = Upload at most { $max } files per request.
legal-basis-consent = Consent
legal-basis-contract = Contract
legal-basis-legal-obligation = Legal obligation
legal-basis-vital-interests = Vital interests
legal-basis-public-task = Public task
legal-basis-legitimate-interests = Legitimate interests
legal-ground-explicit-consent = Explicit consent
legal-ground-employment = Employment and social security
legal-ground-vital-interests = Vital interests
legal-ground-not-for-profit = Not-for-profit body
legal-ground-made-public = Made public by the data subject
legal-ground-legal-claims = Legal claims
legal-ground-substantial-public-interest = Substantial public interest
legal-ground-health-care = Health or social care
legal-ground-public-health = Public health
legal-ground-research = Archiving, research or statistics
# h2-hardening
problem-bad-request-title = Bad request
problem-bad-request-detail = The request could not be read: { $message }
problem-method-not-allowed-title = Method not allowed
problem-method-not-allowed-detail = This path does not support this HTTP method.
problem-body-too-large-title = Request too large
problem-body-too-large-detail = The request body is larger than this server accepts.
problem-unsupported-media-type-title = Unsupported media type
problem-unsupported-media-type-detail = { $message }
problem-invalid-range-detail = { $field }: must be a whole number from { $min } to { $max }.

# lead: finding locations
location-page = page { $n }
location-slide = slide { $n }
location-notes = notes of slide { $n }
location-paragraph = paragraph { $n }
location-table-cell = paragraph { $paragraph } (table { $table }, row { $row }, cell { $col })
location-sheet = sheet { $sheet }
location-cell = sheet { $sheet }, cell { $cell }
location-field = row { $row }, column { $col }
location-attachment = attachment { $name }
location-attachment-within = attachment { $name }, { $within }
location-part-header = header
location-part-footer = footer
location-part-header_footer = header or footer
location-part-footnotes = footnotes
location-part-endnotes = endnotes
location-part-comments = comments
location-part-text_boxes = text boxes
location-part-header_text_boxes = text boxes in the header
location-part-notes = speaker notes
location-part-master = slide master
location-part-properties = document properties
location-part-document = document text
location-part-ocr = text read from the image
location-part-mail_header = e-mail header (sender and recipients)
location-part-subject = e-mail subject
location-part-body = e-mail text
