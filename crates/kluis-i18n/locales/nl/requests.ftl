# Verzoeken van betrokkenen (art. 12, 15-18, 20, 21 AVG).
nav-requests = Verzoeken
requests-title = Verzoeken van betrokkenen
requests-intro = Verzoeken van mensen om hun gegevens in te zien, te verbeteren, te wissen, te beperken, mee te nemen of bezwaar te maken. Antwoord binnen een maand na ontvangst; verlengen met twee maanden kan alleen met een bericht binnen die eerste maand (art. 12 lid 3).
requests-new-link = Verzoek registreren
requests-new-title = Verzoek registreren
requests-new-intro = Leg het verzoek vast zoals het binnenkwam. De termijn telt vanaf de dag van ontvangst.
requests-new-submit = Registreren
requests-back = Alle verzoeken
requests-detail-title = Verzoek
requests-empty = Nog geen verzoeken.
requests-filter-all = Alle
requests-filter-submit = Tonen
requests-field-kind = Recht
requests-field-channel = Ontvangen via
requests-field-requester = Verzoeker
requests-field-requester-name = Naam van de verzoeker
requests-field-requester-email = E-mailadres van de verzoeker
requests-field-received = Ontvangen
requests-field-received-on = Ontvangen op (leeg laten voor nu)
requests-field-received-time = Tijd (optioneel)
requests-received-hint = Datum en tijd volgens de kalender van uw organisatie.
requests-field-due = Uiterlijk
requests-field-status = Status
requests-field-verification = Identiteit vastgesteld
requests-field-extension = Verlenging
requests-field-refusal = Geweigerd
requests-field-method = Hoe is de identiteit vastgesteld?
requests-field-note = Wat heeft u gecontroleerd? (in woorden, nooit de nummers van een document)
requests-field-notice-sent-on = Bericht verstuurd op
requests-field-reason = Redenen
requests-field-ground = Grond
requests-steps-heading = Volgende stap
requests-verify-heading = Identiteit van de verzoeker vaststellen
requests-verify-hint = Vraag niet meer dan nodig: een verzoek vanaf het adres dat u al kent is meestal genoeg. Maak geen kopie van een identiteitsbewijs.
requests-verify-submit = Vaststelling vastleggen
requests-answer-heading = Beantwoorden
requests-answer-submit = Markeren als beantwoord
requests-extend-heading = Met twee maanden verlengen
requests-extend-hint = Alleen met een bericht aan de verzoeker, met de redenen, verstuurd uiterlijk { $date }.
requests-extend-not-possible = De termijn kan niet meer worden verlengd: verlengen vraagt een bericht binnen de eerste maand, en kan één keer.
requests-extend-submit = Verlengen
requests-refuse-heading = Weigeren
requests-refuse-submit = Verzoek weigeren
requests-withdraw-heading = De verzoeker heeft het verzoek ingetrokken
requests-withdraw-submit = Markeren als ingetrokken
requests-history-heading = Geschiedenis
requests-history-at = Wanneer
requests-history-from = Van
requests-history-to = Naar
requests-history-reason = Waarom
requests-error-kind = Kies welk recht de persoon uitoefent.
requests-error-channel = Kies hoe het verzoek binnenkwam.
requests-error-name = Vul de naam van de verzoeker in (1 tot 200 tekens).
requests-error-email = Vul een geldig e-mailadres van de verzoeker in.
requests-error-received = Vul de datum in als JJJJ-MM-DD en de tijd als UU:MM.
requests-error-future = Een verzoek kan niet in de toekomst binnenkomen.
request-kind-access = Inzage
request-kind-rectification = Rectificatie
request-kind-erasure = Gegevenswissing
request-kind-restriction = Beperking van de verwerking
request-kind-portability = Overdraagbaarheid
request-kind-objection = Bezwaar
request-status-received = Ontvangen
request-status-identity-verified = Identiteit vastgesteld
request-status-extended = Verlengd
request-status-answered = Beantwoord
request-status-refused = Geweigerd
request-status-withdrawn = Ingetrokken
request-channel-ui = Aan de balie of telefonisch
request-channel-api = API
request-channel-public-form = Openbaar verzoekformulier
request-channel-email = E-mail
request-channel-letter = Brief
request-method-known-channel = Kwam van het bekende adres of account
request-method-email-confirmation = Bevestigd via een link naar het bekende adres
request-method-control-questions = Controlevragen
request-method-in-person = Identiteitsbewijs getoond, niet gekopieerd
request-method-id-copy = Kopie van een identiteitsbewijs
request-ground-manifestly-unfounded = Kennelijk ongegrond
request-ground-excessive = Buitensporig
request-ground-identity-not-verified = Identiteit niet vast te stellen
request-ground-not-applicable = Het recht is niet van toepassing
request-ground-exemption = Wettelijke uitzondering
request-reason-extension-notice = Bericht van verlenging verstuurd
request-deadline-open = nog { $days } dagen
request-deadline-due-soon = { $days ->
        [0] vandaag uiterlijk
        [one] nog één dag
       *[other] nog { $days } dagen
    }
request-deadline-overdue = { $days ->
        [one] één dag te laat
       *[other] { $days } dagen te laat
    }
request-deadline-closed = afgesloten
request-extension-text = bericht verstuurd op { $date }: { $reason }
notice-request-registered = Het verzoek is geregistreerd.
notice-request-step-done = De stap is vastgelegd.
error-request-extension-too-late = Te laat om te verlengen: het bericht moet binnen de eerste maand na ontvangst worden verstuurd (art. 12 lid 3).
error-request-notice-before-receipt = Het bericht kan niet gedateerd zijn vóór de ontvangst van het verzoek.
error-request-notice-date = Vul de datum in waarop het bericht is verstuurd.
error-request-reason-missing = Geef de redenen in een paar woorden.
error-request-method-id-copy = Een kopie van een identiteitsbewijs kan hier niet worden vastgelegd; kies een andere manier.
error-request-method-missing = Kies hoe de identiteit is vastgesteld.
error-request-ground-missing = Kies de grond van de weigering.
error-request-invalid = Die stap is niet mogelijk.
error-request-closed = Dit verzoek is afgesloten: er kan niets meer mee gebeuren.
error-request-already-verified = De identiteit van de verzoeker is al vastgesteld.
error-request-already-extended = De termijn is al eens verlengd.
error-request-not-verified = Stel eerst de identiteit van de verzoeker vast, of weiger het verzoek.
error-request-changed = Iemand heeft dit verzoek intussen gewijzigd. Bekijk het opnieuw en probeer het nog eens.
compliance-requests-overdue = { $days ->
        [one] Een verzoek ({ $article }) is één dag te laat: het moest uiterlijk { $due } beantwoord zijn.
       *[other] Een verzoek ({ $article }) is { $days } dagen te laat: het moest uiterlijk { $due } beantwoord zijn.
    }
compliance-requests-overdue-explain = Beantwoord het nu, of weiger het met redenen: een verzoek moet binnen een maand na ontvangst beantwoord zijn (art. 12 lid 3), en de persoon kan een klacht indienen bij de toezichthouder.
compliance-requests-due-soon = { $days ->
        [0] Een verzoek ({ $article }) moet vandaag beantwoord zijn.
        [one] Een verzoek ({ $article }) moet morgen, { $due }, beantwoord zijn.
       *[other] Een verzoek ({ $article }) moet over { $days } dagen, op { $due }, beantwoord zijn.
    }
compliance-requests-due-soon-explain = Beantwoord het op tijd, of stuur vóór het einde van de eerste maand het bericht van verlenging met de redenen (art. 12 lid 3).
audit-do-request-create = Verzoek van betrokkene geregistreerd
audit-do-request-verify-identity = Identiteit van verzoeker vastgesteld
audit-do-request-extend = Termijn van verzoek verlengd
audit-do-request-answer = Verzoek beantwoord
audit-do-request-refuse = Verzoek geweigerd
audit-do-request-withdraw = Verzoek ingetrokken
audit-do-request-read = Gegevens van verzoeker bekeken
audit-subject-request = Verzoek van betrokkene
dashboard-requests-heading = Te beantwoorden verzoeken
dashboard-requests-link = Alle verzoeken
