# Data-subject requests (Arts. 12, 15-18, 20, 21).
nav-requests = Requests
requests-title = Data-subject requests
requests-intro = Requests from people to see, correct, erase, restrict, take along or object to the use of their data. Answer within one month of receipt; an extension by two months needs a notice within that first month (Art. 12(3)).
requests-new-link = Register a request
requests-new-title = Register a request
requests-new-intro = Record the request as it came in. The deadline counts from the day it arrived.
requests-new-submit = Register
requests-back = All requests
requests-detail-title = Request
requests-empty = No requests yet.
requests-filter-all = All
requests-filter-submit = Show
requests-field-kind = Right
requests-field-channel = Received by
requests-field-requester = Requester
requests-field-requester-name = Requester's name
requests-field-requester-email = Requester's e-mail address
requests-field-received = Received
requests-field-received-on = Received on (leave empty for now)
requests-field-received-time = Time (optional)
requests-received-hint = Date and time on your organisation's calendar.
requests-field-due = Due
requests-field-status = Status
requests-field-verification = Identity verified
requests-field-extension = Extension
requests-field-refusal = Refused
requests-field-method = How was the identity verified?
requests-field-note = What did you check? (in words, never the numbers of a document)
requests-field-notice-sent-on = Notice sent on
requests-field-reason = Reasons
requests-field-ground = Ground
requests-steps-heading = Next step
requests-verify-heading = Verify the requester's identity
requests-verify-hint = Ask no more than needed: a request from the address you already know is usually enough. Do not copy an identity document.
requests-verify-submit = Record verification
requests-answer-heading = Answer
requests-answer-submit = Mark as answered
requests-extend-heading = Extend by two months
requests-extend-hint = Only with a notice to the requester, with the reasons, sent by { $date }.
requests-extend-not-possible = The deadline can no longer be extended: an extension needs a notice within the first month, and can be made once.
requests-extend-submit = Extend
requests-refuse-heading = Refuse
requests-refuse-submit = Refuse the request
requests-withdraw-heading = The requester withdrew the request
requests-withdraw-submit = Mark as withdrawn
requests-history-heading = History
requests-history-at = When
requests-history-from = From
requests-history-to = To
requests-history-reason = Why
requests-error-kind = Choose which right the person exercises.
requests-error-channel = Choose how the request came in.
requests-error-name = Enter the requester's name (1 to 200 characters).
requests-error-email = Enter a valid e-mail address for the requester.
requests-error-received = Enter the date as YYYY-MM-DD and the time as HH:MM.
requests-error-future = A request cannot arrive in the future.
request-kind-access = Access
request-kind-rectification = Rectification
request-kind-erasure = Erasure
request-kind-restriction = Restriction of processing
request-kind-portability = Data portability
request-kind-objection = Objection
request-status-received = Received
request-status-identity-verified = Identity verified
request-status-extended = Extended
request-status-answered = Answered
request-status-refused = Refused
request-status-withdrawn = Withdrawn
request-channel-ui = In person or by phone
request-channel-api = API
request-channel-public-form = Public request form
request-channel-email = E-mail
request-channel-letter = Letter
request-method-known-channel = Came from the address or account on file
request-method-email-confirmation = Confirmed through a link to the address on file
request-method-control-questions = Control questions
request-method-in-person = Identity document shown in person, not copied
request-method-id-copy = Copy of an identity document
request-ground-manifestly-unfounded = Manifestly unfounded
request-ground-excessive = Excessive
request-ground-identity-not-verified = Identity could not be established
request-ground-not-applicable = The right does not apply
request-ground-exemption = Legal exception
request-reason-extension-notice = Extension notice sent
request-deadline-open = { $days } days left
request-deadline-due-soon = { $days ->
        [0] due today
        [one] one day left
       *[other] { $days } days left
    }
request-deadline-overdue = { $days ->
        [one] one day overdue
       *[other] { $days } days overdue
    }
request-deadline-closed = closed
request-extension-text = notice sent on { $date }: { $reason }
notice-request-registered = The request has been registered.
notice-request-step-done = The step has been recorded.
error-request-extension-too-late = Too late to extend: the notice must be sent within the first month after receipt (Art. 12(3)).
error-request-notice-before-receipt = The notice cannot be dated before the request arrived.
error-request-notice-date = Enter the date the notice was sent.
error-request-reason-missing = Give the reasons in a few words.
error-request-method-id-copy = A copy of an identity document cannot be recorded here; choose another method.
error-request-method-missing = Choose how the identity was verified.
error-request-ground-missing = Choose the ground of the refusal.
error-request-invalid = That step is not possible.
error-request-closed = This request is closed: nothing more can be done with it.
error-request-already-verified = The requester's identity was already verified.
error-request-already-extended = The deadline was already extended once.
error-request-not-verified = Verify the requester's identity before answering, or refuse the request.
error-request-changed = Someone changed this request meanwhile. Look at it again and retry.
compliance-requests-overdue = { $days ->
        [one] A request ({ $article }) is one day overdue: it was due on { $due }.
       *[other] A request ({ $article }) is { $days } days overdue: it was due on { $due }.
    }
compliance-requests-overdue-explain = Answer it now, or refuse it with reasons: a request must be answered within one month of receipt (Art. 12(3)), and the person may complain to the supervisory authority.
compliance-requests-due-soon = { $days ->
        [0] A request ({ $article }) is due today.
        [one] A request ({ $article }) is due tomorrow, { $due }.
       *[other] A request ({ $article }) is due in { $days } days, on { $due }.
    }
compliance-requests-due-soon-explain = Answer it in time, or send the notice of an extension with the reasons before the first month ends (Art. 12(3)).
audit-do-request-create = Data-subject request registered
audit-do-request-verify-identity = Requester's identity verified
audit-do-request-extend = Request deadline extended
audit-do-request-answer = Request answered
audit-do-request-refuse = Request refused
audit-do-request-withdraw = Request withdrawn
audit-do-request-read = Requester's details viewed
audit-subject-request = Data-subject request
dashboard-requests-heading = Requests to answer
dashboard-requests-link = All requests
