# Consent, the public preferences page and the mail log (issue 15.4 and 15.8).
nav-mail = Mail log

## Consents of a relation
consents-title = Consents
consents-link = Consents and preferences
consents-back = Back to the relation
consents-state-heading = Consent per purpose
consents-none = No consent recorded yet.
consents-col-purpose = Purpose
consents-col-state = State
consents-col-since = Since
consent-state-none = Never given
consent-state-pending = Waiting for confirmation by e-mail
consent-state-given = Given
consent-state-withdrawn = Withdrawn
consents-history-heading = History (every record, never changed)
consents-col-at = When
consents-col-action = Record
consents-col-channel = Channel
consents-col-statement = Privacy statement version
consents-col-by = Recorded by
consents-col-proof = Proof
consents-parental = by a parent or guardian
consents-by-subject = the person (public page)
consent-action-given = Given
consent-action-confirmed = Confirmed
consent-action-withdrawn = Withdrawn
consent-channel-web-form = Web form
consent-channel-preferences-page = Preferences page
consent-channel-email = E-mail
consent-channel-paper = Paper
consent-channel-phone = Telephone
consent-channel-in-person = In person
consent-channel-import = Import
consent-channel-api = API
consents-record-heading = Record a consent
consents-field-purpose = Purpose
consents-field-channel = How it was given
consents-field-statement = Privacy statement version shown
consents-statement-hint = Empty: the newest published version ({ $version }).
consents-field-proof = Proof (where it is: a form, a call note)
consents-field-parental = Given by a parent or guardian
consents-field-double-opt-in = Ask for confirmation by e-mail first (double opt-in)
consents-give-submit = Record consent
consents-withdraw-submit = Withdraw
consents-age-below = This person is { $age } and below the age of consent here ({ $threshold }): only consent given by a parent or guardian counts.
consents-age-unknown = No date of birth known: make sure the person is { $threshold } or older, or record the consent as given by a parent.
consents-objection-heading = Objection to direct marketing
consents-objection-text = An objection to direct marketing is absolute and permanent: the person is never selected for direct marketing again, also not after a new import.
consents-objection-submit = Record the objection
consents-suppressed = Objected to direct marketing on { $date }: on the permanent suppression list.
consents-link-heading = Preferences link
consents-link-text = Send the person a link (valid 30 days) to a page where they give or withdraw their consents themselves.
consents-link-submit = Send preferences link
consents-no-email = The relation has no e-mail address: double opt-in and the preferences link need one.
notice-consent-recorded = The consent was recorded.
notice-consent-pending = The consent waits for confirmation: the letter with the link was sent.
notice-consent-withdrawn = The withdrawal was recorded.
notice-consent-objection = The objection was recorded: the person is on the suppression list.
notice-mail-sent = The letter was sent.
error-consent-invalid = Check the form: choose a purpose and say where the proof is.
error-consent-parental = This person is below the age of consent: only consent given by a parent or guardian counts.
error-consent-suppressed = This person objected to direct marketing: that objection is permanent.
error-consent-no-email = The relation has no e-mail address.
error-consent-objected = This person already objected to direct marketing.

## A letter to send by hand
letter-title = Letter to send by hand
letter-manual = No mail server is configured: print this letter or send it from your own mailbox. It is recorded in the mail log as sent by hand.
letter-failed = The mail server did not accept the letter: send it by hand. It is recorded in the mail log.
letter-to = To
letter-subject = Subject

## Mail log
mail-title = Mail log
mail-intro = Every letter Kluis sent or handed over to send by hand: to whom, which letter, when and how.
mail-empty = No letters yet.
mail-col-at = When
mail-col-to = To
mail-col-template = Letter
mail-col-delivery = Delivery
mail-col-about = About
mail-delivery-sent = Sent
mail-delivery-manual = By hand
mail-delivery-failed = Not accepted, by hand
mail-template-consent-confirm = Confirm consent (double opt-in)
mail-template-preferences-link = Preferences link
mail-template-request-acknowledgement = Request received
mail-template-request-extension = Extension notice
mail-template-request-answer = Answer to a request
mail-template-request-reminder = Reminder of requests due
mail-about-relation = relation
mail-about-request = request
mail-smtp-off = No mail server is configured: letters are shown to print or send by hand.

## Letters about a request
requests-mail-heading = Letter to the requester
requests-mail-submit = Send letter

## Letters
mail-consent-confirm-subject = Please confirm: { $purpose } ({ $org })
mail-consent-confirm-body = Dear { $name },

    You gave { $org } consent for: { $purpose }.
    Please confirm it by opening this link within { $days } days:

    { $link }

    If you did not ask for this, ignore this e-mail: nothing will be recorded.

    Kind regards,
    { $org }
mail-preferences-link-subject = Your privacy preferences at { $org }
mail-preferences-link-body = Dear { $name },

    On this page you give or withdraw your consent to { $org } for each purpose, and you can object to direct marketing.
    The link is valid for { $days } days and is personal: do not forward it.

    { $link }

    Kind regards,
    { $org }
mail-request-acknowledgement-subject = We received your request ({ $org })
mail-request-acknowledgement-body = Dear { $name },

    We received your request ({ $kind }, { $article } GDPR). We will answer by { $due } at the latest.

    Kind regards,
    { $org }
mail-request-extension-subject = Your request takes longer ({ $org })
mail-request-extension-body = Dear { $name },

    Your request ({ $kind }, { $article } GDPR) needs more time because of its complexity or the number of requests. Under Article 12(3) GDPR we extend the deadline to { $due }.

    Kind regards,
    { $org }
mail-request-answer-subject = Answer to your request ({ $org })
mail-request-answer-body = Dear { $name },

    We have handled your request ({ $kind }, { $article } GDPR). You receive our answer with this letter or separately.
    If you disagree, you may complain to the data protection authority.

    Kind regards,
    { $org }

mail-request-reminder-subject = { $count } data-subject requests need attention ({ $org })
mail-request-reminder-body = Dear { $name },

    { $org } has { $count } open requests from data subjects that are overdue ({ $overdue }) or due within { $soon } days. The GDPR gives one month to answer (Article 12(3)).

    { $list }

    Open the requests in Kluis: { $link }

    This reminder is sent every day while requests are due.
mail-request-reminder-overdue = overdue by { $days } days
mail-request-reminder-days-left = { $days } days left

## Public pages
public-consent-title = Confirm your consent
public-consent-text = { $org } asks you to confirm your consent for: { $purpose }.
public-consent-submit = Confirm
public-consent-done = Thank you: your consent for { $purpose } is confirmed. You can withdraw it at any time.
public-consent-not-waiting = This consent is no longer waiting for confirmation: nothing was changed.
public-preferences-title = Your privacy preferences
public-preferences-intro = Your choices for { $org }. Giving and withdrawing each take one click; withdrawing does not affect what happened before.
public-preferences-statement = Privacy statement (version { $version })
public-preferences-give = Give consent
public-preferences-withdraw = Withdraw consent
public-preferences-object-heading = No direct marketing
public-preferences-object-text = Object to all direct marketing. This is permanent.
public-preferences-object-submit = Object to direct marketing
public-preferences-objected = You objected to direct marketing: you will not receive it.
public-preferences-saved = Your choice was saved.
public-preferences-refused = That choice cannot be recorded here (for instance: you objected to direct marketing, or you are below the age of consent). Nothing was changed.
public-honeypot = Leave this field empty
public-link-forged = This link is not valid. Nothing was changed. Ask the organisation for a new link.
public-link-expired = This link has expired. Nothing was changed. Ask the organisation for a new link.
public-link-title = Link not valid

## Audit log
audit-do-consent-give = Consent given
audit-do-consent-confirm = Consent confirmed (double opt-in)
audit-do-consent-withdraw = Consent withdrawn
audit-do-consent-object = Objection to direct marketing recorded
audit-do-consent-read = Consent records viewed
audit-do-mail-send = Letter sent
audit-do-mail-read = Mail log viewed
audit-subject-mail = Letter
