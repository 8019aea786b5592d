# Toestemming, de openbare voorkeurenpagina en het maillogboek (issue 15.4 en 15.8).
nav-mail = Maillogboek

## Toestemmingen van een relatie
consents-title = Toestemmingen
consents-link = Toestemmingen en voorkeuren
consents-back = Terug naar de relatie
consents-state-heading = Toestemming per doel
consents-none = Nog geen toestemming vastgelegd.
consents-col-purpose = Doel
consents-col-state = Stand
consents-col-since = Sinds
consent-state-none = Nooit gegeven
consent-state-pending = Wacht op bevestiging per e-mail
consent-state-given = Gegeven
consent-state-withdrawn = Ingetrokken
consents-history-heading = Geschiedenis (elk record, nooit gewijzigd)
consents-col-at = Wanneer
consents-col-action = Record
consents-col-channel = Kanaal
consents-col-statement = Versie privacyverklaring
consents-col-by = Vastgelegd door
consents-col-proof = Bewijs
consents-parental = door een ouder of voogd
consents-by-subject = de persoon zelf (openbare pagina)
consent-action-given = Gegeven
consent-action-confirmed = Bevestigd
consent-action-withdrawn = Ingetrokken
consent-channel-web-form = Webformulier
consent-channel-preferences-page = Voorkeurenpagina
consent-channel-email = E-mail
consent-channel-paper = Papier
consent-channel-phone = Telefoon
consent-channel-in-person = Persoonlijk
consent-channel-import = Import
consent-channel-api = API
consents-record-heading = Toestemming vastleggen
consents-field-purpose = Doel
consents-field-channel = Hoe gegeven
consents-field-statement = Getoonde versie van de privacyverklaring
consents-statement-hint = Leeg: de nieuwste gepubliceerde versie ({ $version }).
consents-field-proof = Bewijs (waar het is: een formulier, een gespreksnotitie)
consents-field-parental = Gegeven door een ouder of voogd
consents-field-double-opt-in = Eerst per e-mail laten bevestigen (double opt-in)
consents-give-submit = Toestemming vastleggen
consents-withdraw-submit = Intrekken
consents-age-below = Deze persoon is { $age } en jonger dan de leeftijd voor toestemming hier ({ $threshold }): alleen toestemming van een ouder of voogd telt.
consents-age-unknown = Geen geboortedatum bekend: ga na dat de persoon { $threshold } of ouder is, of leg de toestemming vast als gegeven door een ouder.
consents-objection-heading = Bezwaar tegen direct marketing
consents-objection-text = Bezwaar tegen direct marketing is absoluut en blijvend: de persoon wordt nooit meer geselecteerd voor direct marketing, ook niet na een nieuwe import.
consents-objection-submit = Bezwaar vastleggen
consents-suppressed = Bezwaar gemaakt tegen direct marketing op { $date }: staat op de blijvende uitsluitingslijst.
consents-link-heading = Voorkeurenlink
consents-link-text = Stuur de persoon een link (30 dagen geldig) naar een pagina waar hij of zij zelf toestemmingen geeft of intrekt.
consents-link-submit = Voorkeurenlink versturen
consents-no-email = De relatie heeft geen e-mailadres: double opt-in en de voorkeurenlink hebben er een nodig.
notice-consent-recorded = De toestemming is vastgelegd.
notice-consent-pending = De toestemming wacht op bevestiging: de brief met de link is verstuurd.
notice-consent-withdrawn = De intrekking is vastgelegd.
notice-consent-objection = Het bezwaar is vastgelegd: de persoon staat op de uitsluitingslijst.
notice-mail-sent = De brief is verstuurd.
error-consent-invalid = Controleer het formulier: kies een doel en geef aan waar het bewijs is.
error-consent-parental = Deze persoon is jonger dan de leeftijd voor toestemming: alleen toestemming van een ouder of voogd telt.
error-consent-suppressed = Deze persoon heeft bezwaar gemaakt tegen direct marketing: dat bezwaar is blijvend.
error-consent-no-email = De relatie heeft geen e-mailadres.
error-consent-objected = Deze persoon heeft al bezwaar gemaakt tegen direct marketing.

## Een brief om zelf te versturen
letter-title = Brief om zelf te versturen
letter-manual = Er is geen mailserver ingesteld: print deze brief of verstuur hem vanuit uw eigen mailbox. Hij staat in het maillogboek als met de hand verstuurd.
letter-failed = De mailserver nam de brief niet aan: verstuur hem zelf. Hij staat in het maillogboek.
letter-to = Aan
letter-subject = Onderwerp

## Maillogboek
mail-title = Maillogboek
mail-intro = Elke brief die Kluis verstuurde of aanreikte om zelf te versturen: aan wie, welke brief, wanneer en hoe.
mail-empty = Nog geen brieven.
mail-col-at = Wanneer
mail-col-to = Aan
mail-col-template = Brief
mail-col-delivery = Verzending
mail-col-about = Over
mail-delivery-sent = Verstuurd
mail-delivery-manual = Met de hand
mail-delivery-failed = Niet aangenomen, met de hand
mail-template-consent-confirm = Toestemming bevestigen (double opt-in)
mail-template-preferences-link = Voorkeurenlink
mail-template-request-acknowledgement = Verzoek ontvangen
mail-template-request-extension = Verlengingsbericht
mail-template-request-answer = Antwoord op een verzoek
mail-template-request-reminder = Herinnering aan verzoeken
mail-about-relation = relatie
mail-about-request = verzoek
mail-smtp-off = Er is geen mailserver ingesteld: brieven worden getoond om te printen of zelf te versturen.

## Brieven over een verzoek
requests-mail-heading = Brief aan de verzoeker
requests-mail-submit = Brief versturen

## Brieven
mail-consent-confirm-subject = Graag bevestigen: { $purpose } ({ $org })
mail-consent-confirm-body = Beste { $name },

    U gaf { $org } toestemming voor: { $purpose }.
    Bevestig dit door binnen { $days } dagen deze link te openen:

    { $link }

    Heeft u hier niet om gevraagd? Negeer dan deze e-mail: er wordt niets vastgelegd.

    Met vriendelijke groet,
    { $org }
mail-preferences-link-subject = Uw privacyvoorkeuren bij { $org }
mail-preferences-link-body = Beste { $name },

    Op deze pagina geeft of trekt u per doel uw toestemming aan { $org } in, en kunt u bezwaar maken tegen direct marketing.
    De link is { $days } dagen geldig en persoonlijk: stuur hem niet door.

    { $link }

    Met vriendelijke groet,
    { $org }
mail-request-acknowledgement-subject = Wij hebben uw verzoek ontvangen ({ $org })
mail-request-acknowledgement-body = Beste { $name },

    Wij hebben uw verzoek ontvangen ({ $kind }, { $article } AVG). Wij antwoorden uiterlijk op { $due }.

    Met vriendelijke groet,
    { $org }
mail-request-extension-subject = Uw verzoek duurt langer ({ $org })
mail-request-extension-body = Beste { $name },

    Uw verzoek ({ $kind }, { $article } AVG) vraagt meer tijd vanwege de complexiteit of het aantal verzoeken. Op grond van artikel 12, derde lid, AVG verlengen wij de termijn tot { $due }.

    Met vriendelijke groet,
    { $org }
mail-request-answer-subject = Antwoord op uw verzoek ({ $org })
mail-request-answer-body = Beste { $name },

    Wij hebben uw verzoek afgehandeld ({ $kind }, { $article } AVG). U ontvangt ons antwoord met deze brief of apart.
    Bent u het er niet mee eens, dan kunt u een klacht indienen bij de toezichthouder.

    Met vriendelijke groet,
    { $org }

mail-request-reminder-subject = { $count } verzoeken van betrokkenen vragen aandacht ({ $org })
mail-request-reminder-body = Beste { $name },

    { $org } heeft { $count } open verzoeken van betrokkenen die te laat zijn ({ $overdue }) of binnen { $soon } dagen moeten worden beantwoord. De AVG geeft een maand om te antwoorden (artikel 12 lid 3).

    { $list }

    Open de verzoeken in Kluis: { $link }

    Deze herinnering komt elke dag zolang er verzoeken bijna of te laat zijn.
mail-request-reminder-overdue = { $days } dagen te laat
mail-request-reminder-days-left = nog { $days } dagen

## Openbare pagina's
public-consent-title = Bevestig uw toestemming
public-consent-text = { $org } vraagt u uw toestemming te bevestigen voor: { $purpose }.
public-consent-submit = Bevestigen
public-consent-done = Dank u: uw toestemming voor { $purpose } is bevestigd. U kunt haar altijd intrekken.
public-consent-not-waiting = Deze toestemming wacht niet meer op bevestiging: er is niets gewijzigd.
public-preferences-title = Uw privacyvoorkeuren
public-preferences-intro = Uw keuzes voor { $org }. Geven en intrekken kost elk één klik; intrekken verandert niets aan wat eerder gebeurde.
public-preferences-statement = Privacyverklaring (versie { $version })
public-preferences-give = Toestemming geven
public-preferences-withdraw = Toestemming intrekken
public-preferences-object-heading = Geen direct marketing
public-preferences-object-text = Maak bezwaar tegen alle direct marketing. Dit is blijvend.
public-preferences-object-submit = Bezwaar maken tegen direct marketing
public-preferences-objected = U heeft bezwaar gemaakt tegen direct marketing: u ontvangt die niet.
public-preferences-saved = Uw keuze is opgeslagen.
public-preferences-refused = Die keuze kan hier niet worden vastgelegd (bijvoorbeeld: u maakte bezwaar tegen direct marketing, of u bent jonger dan de leeftijd voor toestemming). Er is niets gewijzigd.
public-honeypot = Laat dit veld leeg
public-link-forged = Deze link is niet geldig. Er is niets gewijzigd. Vraag de organisatie om een nieuwe link.
public-link-expired = Deze link is verlopen. Er is niets gewijzigd. Vraag de organisatie om een nieuwe link.
public-link-title = Link niet geldig

## Auditlog
audit-do-consent-give = Toestemming gegeven
audit-do-consent-confirm = Toestemming bevestigd (double opt-in)
audit-do-consent-withdraw = Toestemming ingetrokken
audit-do-consent-object = Bezwaar tegen direct marketing vastgelegd
audit-do-consent-read = Toestemmingsrecords bekeken
audit-do-mail-send = Brief verstuurd
audit-do-mail-read = Maillogboek bekeken
audit-subject-mail = Brief
