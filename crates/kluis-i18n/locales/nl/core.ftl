# Kluis UI: Nederlands (standaardtaal). Fluent-berichten: sleutel = tekst, { $naam } voor invulwaarden, meervoud met { $count -> [one] … *[other] … }.

skip-to-content = Naar de inhoud
footer-text = Kluis bewaart uw gegevens op uw eigen server. Alle wijzigingen staan in het controlelogboek.
nav-main-label = Hoofdmenu
nav-account-label = Uw account
nav-account = Account
nav-dashboard = Overzicht
nav-users = Gebruikers en rollen
nav-audit = Controlelogboek
logout = Uitloggen
switch-org-label = Organisatie
switch-org-button = Wisselen

field-name = Naam
field-email = E-mailadres
field-password = Wachtwoord
field-org-name = Naam van de organisatie
field-owner-name = Naam
field-owner-email = E-mailadres
field-owner-password = Wachtwoord
field-role = Rol
field-totp = Code uit uw authenticator-app
field-language = Taal
field-current = Huidig wachtwoord
field-new = Nieuw wachtwoord
field-code = Code
field-token-name = Naam van de sleutel
password-hint = Minstens 12 tekens. Een zin van een paar woorden is sterk en goed te onthouden.
language-submit = Taal opslaan

setup-title = Kluis instellen
setup-intro = Welkom. Maak eerst uw organisatie aan en het account van de eigenaar. Dit scherm verschijnt maar één keer.
setup-org-heading = Uw organisatie
setup-org-name = Naam van de organisatie
setup-owner-heading = Uw account (eigenaar)
setup-submit = Organisatie aanmaken

login-title = Inloggen
login-totp-title = Inloggen: tweede stap
login-totp-intro = Vul de zescijferige code in uit uw authenticator-app.
login-submit = Inloggen
login-failed = Het e-mailadres of wachtwoord klopt niet. Probeer het opnieuw.
login-totp-wrong = Deze code klopt niet of is verlopen. Probeer de nieuwste code.
login-totp-expired = Deze inlogpoging is verlopen of al gebruikt. Vul uw e-mailadres en wachtwoord opnieuw in.
notice-logged-out = U bent uitgelogd.
no-memberships = Uw account hoort (nog) bij geen enkele organisatie. Vraag de eigenaar van uw organisatie om u toe te voegen.

dashboard-title = Overzicht
dashboard-role = Uw rol in deze organisatie:
dashboard-first-steps = Eerste stappen
dashboard-empty-colleagues = U bent nog de enige gebruiker.
dashboard-add-colleagues = Voeg uw collega's toe
dashboard-manage-users = Gebruikers en rollen beheren
dashboard-totp-hint = Beveilig uw account met een tweede stap bij het inloggen.
dashboard-totp-link = Tweestapsverificatie instellen
dashboard-audit-hint = Elke wijziging wordt vastgelegd in een controlelogboek dat niet ongemerkt te veranderen is.
dashboard-audit-link = Controlelogboek bekijken
dashboard-more-coming = Het verwerkingsregister, verwerkersovereenkomsten, bewaartermijnen en het melden van een datalek komen hier zodra die onderdelen beschikbaar zijn.
dashboard-docs-heading = Documenten
dashboard-docs-summary = { $total } { $total ->
        [one] document
       *[other] documenten
    }: { $special } met bijzondere persoonsgegevens of nationale identificatienummers, { $generic } met gewone persoonsgegevens.
dashboard-docs-link = Bekijk welke persoonsgegevens in uw documenten staan

role-owner = Eigenaar
role-privacy-officer = Privacyverantwoordelijke / functionaris gegevensbescherming
role-staff = Medewerker
role-auditor = Controleur (alleen lezen)
role-owner-text = Beheert alles, ook gebruikers, rollen en instellingen.
role-privacy-officer-text = Doet al het privacywerk en mag gevoelige gegevens van betrokkenen inzien, maar beheert geen gebruikers.
role-staff-text = Werkt dagelijks met de gegevens, maar ziet geen bijzondere persoonsgegevens.
role-auditor-text = Kan alles lezen en het controlelogboek controleren, maar niets wijzigen. Bijvoorbeeld een accountant.
roles-heading = Wat mag elke rol?

users-title = Gebruikers en rollen
users-members = Leden van deze organisatie
users-actions = Acties
users-this-is-you = Dit bent u
users-change-role = Rol wijzigen
users-remove = Verwijderen
users-add-heading = Collega toevoegen
users-add-intro = Voeg een collega toe met een e-mailadres en een rol. Heeft deze persoon nog geen account, geef dan een eerste wachtwoord op en geef het veilig door.
users-initial-password = Eerste wachtwoord (alleen voor een nieuw account)
users-initial-password-hint = Laat leeg als deze persoon al een Kluis-account heeft.
users-add-submit = Toevoegen
notice-member-added = De collega is toegevoegd.
notice-role-changed = De rol is gewijzigd.
notice-member-removed = De gebruiker is uit deze organisatie verwijderd.
error-last-owner = Dat kan niet: een organisatie houdt altijd minstens één eigenaar.
error-invalid-role = Kies een rol uit de lijst.
error-member-exists = Deze persoon is al lid van deze organisatie.

audit-title = Controlelogboek
audit-intro = Hier staat wie wat wanneer heeft gedaan. Het logboek bevat alleen namen van velden, nooit de waarden zelf.
audit-verify-heading = Keten controleren
audit-verify-button = Controleer de keten
audit-verify-ok = Het controlelogboek is onaangetast: { $count } gebeurtenissen gecontroleerd.
audit-verify-broken = Het controlelogboek is beschadigd vanaf gebeurtenis { $seq }: { $reason }
audit-filter = Filteren
audit-actor = Door
audit-action = Actie
audit-entity = Onderwerp
audit-from = Vanaf datum
audit-to = Tot en met datum
audit-when = Wanneer
audit-fields = Gewijzigde velden
audit-empty = Geen gebeurtenissen gevonden met deze filters.
error-invalid-from = De datum "vanaf" is niet geldig. Gebruik de vorm JJJJ-MM-DD.
error-invalid-to = De datum "tot en met" is niet geldig. Gebruik de vorm JJJJ-MM-DD.
pager-label = Pagina's
pager-prev = Vorige pagina
pager-next = Volgende pagina
pager-page = Pagina

account-title = Uw account
account-signed-in-as = Ingelogd als
account-password-heading = Wachtwoord wijzigen
account-current-password = Huidig wachtwoord
account-new-password = Nieuw wachtwoord
account-password-submit = Wachtwoord wijzigen
account-totp-heading = Tweestapsverificatie
account-totp-intro = Met tweestapsverificatie vraagt Kluis bij het inloggen ook om een code uit een app op uw telefoon.
account-totp-off = Tweestapsverificatie staat uit.
account-totp-on = Tweestapsverificatie staat aan.
account-totp-begin = Tweestapsverificatie instellen
account-totp-scan = Voeg dit adres toe aan uw authenticator-app (veel apps kunnen het plakken of als QR-code lezen):
account-totp-secret = Of typ deze geheime sleutel over:
account-totp-confirm = Code bevestigen en inschakelen
account-totp-disable = Tweestapsverificatie uitschakelen
account-tokens-heading = API-sleutels
account-tokens-intro = Met een API-sleutel kan een ander programma namens u bij de gegevens van deze organisatie. Geef elke sleutel een herkenbare naam.
account-token-once = Kopieer deze sleutel nu. Hij wordt maar één keer getoond.
account-tokens-empty = U heeft nog geen API-sleutels.
account-token-name = Naam van de sleutel
account-token-created = Aangemaakt
account-token-revoke = Intrekken
account-token-create = Sleutel aanmaken
notice-password-changed = Uw wachtwoord is gewijzigd.
notice-language-changed = De taal is opgeslagen.
notice-totp-enabled = Tweestapsverificatie staat nu aan.
notice-totp-disabled = Tweestapsverificatie staat nu uit.
notice-token-revoked = De API-sleutel is ingetrokken.
error-wrong-password = Het wachtwoord klopt niet.
error-invalid-language = Kies Nederlands of English.
error-totp-code = Deze code klopt niet. Controleer de tijd op uw telefoon en probeer de nieuwste code.

error-back = Naar de startpagina
error-400-title = Dit klopt nog niet
error-400-text = Een van de ingevulde gegevens is niet goed. Ga terug en controleer het formulier.
error-401-title = Log eerst in
error-401-text = U bent niet (meer) ingelogd. Log opnieuw in om verder te gaan.
error-403-title = Geen toegang
error-403-text = Uw rol in deze organisatie geeft geen toegang tot deze pagina of actie. Vraag de eigenaar als u dit nodig heeft.
error-csrf-title = Formulier verlopen
error-csrf-text = Dit formulier is verlopen of komt niet van Kluis. Laad de pagina opnieuw en probeer het nog eens.
error-404-title = Niet gevonden
error-404-text = Deze pagina bestaat niet, of u heeft er geen toegang toe.
error-409-title = Dat kan zo niet
error-409-text = Deze wijziging botst met de huidige gegevens.
error-413-title = Te groot
error-413-text = Wat u verstuurde is te groot.
error-429-title = Even wachten
error-429-text = Te veel pogingen. Probeer het over { $seconds } seconden opnieuw.
error-500-title = Er ging iets mis
error-500-text = Er ging iets mis aan onze kant. Uw gegevens zijn niet gewijzigd. Probeer het later opnieuw.

setup-slug = Korte naam voor het webadres (mag leeg)
setup-slug-hint = Kleine letters, cijfers en streepjes, bijvoorbeeld bakkerij-jansen. Leeg laten: Kluis maakt er een van de naam.
field-slug = Korte naam voor het webadres
field-display-name = Naam
field-current-password = Huidig wachtwoord
field-new-password = Nieuw wachtwoord
audit-break-content-altered = de inhoud van deze gebeurtenis is veranderd.
audit-break-link-broken = deze gebeurtenis sluit niet aan op de vorige (er is een gebeurtenis vervangen).
audit-break-sequence-gap = er ontbreken gebeurtenissen of er zijn gebeurtenissen tussengevoegd.

# --- Documenten (module documents: pages, upload, detail, overview) ---
nav-documents = Documenten
documents-title = Documenten
documents-intro = Hier ziet u welke persoonsgegevens in uw documenten staan. Kluis leest elk document dat u uploadt en zoekt naar gegevens van betrokkenen, zoals namen, e-mailadressen, BSN's en IBAN's.
documents-empty-heading = Nog geen documenten
documents-empty-text = Begin met het uploaden van documenten waar persoonsgegevens in kunnen staan: personeelsdossiers, klantenlijsten, sollicitaties, gescande identiteitsbewijzen. Kluis bewaart ze versleuteld en laat daarna zien welke persoonsgegevens erin staan.
documents-empty-cta = Eerste documenten uploaden
documents-empty-read-only = Er zijn nog geen documenten. Een collega met schrijfrechten kan ze uploaden.
documents-upload-link = Documenten uploaden
documents-list-link = Alle documenten
documents-back-overview = Terug naar het overzicht van documenten
documents-back-list = Terug naar alle documenten
documents-by-kind = Welke persoonsgegevens?
documents-by-class = Wat voor documenten?
documents-count = Aantal
documents-id-copies = Documenten met een kopie van een identiteitsbewijs
documents-id-copies-text = Een kopie van een paspoort, identiteitskaart of rijbewijs met BSN mag u alleen bewaren als de wet dat vraagt. Controleer of u deze kopieën nog nodig heeft.
documents-health = Documenten met gezondheidsgegevens
documents-health-text = Gezondheidsgegevens zijn bijzondere persoonsgegevens. U mag ze alleen verwerken met een wettelijke uitzondering, zoals voor verzuimbegeleiding door de bedrijfsarts.
documents-unscanned = Documenten die niet gelezen konden worden
documents-unscanned-text = Kluis kon deze documenten niet (helemaal) lezen. Er kunnen dus persoonsgegevens in staan die hier niet zijn meegeteld.
documents-newest-findings = Nieuwste vondsten
documents-none-in-list = Geen.
documents-col-name = Document
documents-col-reason = Reden
documents-col-type = Soort gegeven
documents-col-value = Waarde (gemaskeerd)
documents-col-location = Plaats in het document
documents-col-findings = Vondsten
documents-col-uploaded = Geüpload
documents-search-label = Waar komt dit e-mailadres, BSN of IBAN voor?
documents-search-hint = Typ het volledige gegeven, bijvoorbeeld een e-mailadres, BSN, IBAN of telefoonnummer. Kluis zoekt op het exacte gegeven; hoofdletters, spaties en puntjes maken niet uit.
documents-search-submit = Zoeken
documents-search-title = Zoeken naar een gegeven van een betrokkene
documents-search-results = Resultaat
documents-search-none = Dit gegeven komt in geen enkel document voor.
documents-search-count = Gevonden op { $count } { $count ->
        [one] plaats
       *[other] plaatsen
    }.
documents-search-range = Plaatsen { $from } tot en met { $to }.
documents-search-next = Volgende pagina
documents-list-title = Alle documenten
documents-filter = Filteren
documents-filter-all = Alle
documents-list-total = { $count } { $count ->
        [one] document
       *[other] documenten
    } gevonden.
documents-list-empty = Geen documenten gevonden met deze filters.
field-document-name = Naam bevat
field-kind = Soort persoonsgegevens
field-class = Soort document
field-status = Status
documents-upload-title = Documenten uploaden
documents-upload-heading = Bestanden kiezen
documents-upload-intro = Kies een of meer bestanden. Kluis bewaart ze versleuteld en leest ze daarna op persoonsgegevens; dat duurt meestal enkele seconden per document.
documents-upload-field = Bestanden
documents-upload-limit = U kunt meerdere bestanden tegelijk kiezen, samen maximaal { $mb } MB.
documents-upload-drop = U kunt de bestanden ook op dit formulier slepen.
documents-upload-submit = Uploaden
documents-upload-selected = Gekozen bestanden: { $count }.
documents-upload-results = Resultaat per bestand
documents-upload-ok = ontvangen, wordt gescand.
documents-upload-failed = niet opgeslagen: { $reason }
documents-upload-none = Kies eerst een of meer bestanden.
documents-upload-not-form = Dit formulier kon niet worden gelezen. Laad de pagina opnieuw en probeer het nog eens.
documents-upload-empty-file = het bestand is leeg
documents-upload-next = Kluis scant de documenten nu. Bekijk het resultaat bij
documents-too-large = Samen zijn de bestanden te groot. U kunt maximaal { $mb } MB tegelijk uploaden; upload ze in kleinere delen.
documents-detail-pending = Dit document staat in de wachtrij of wordt nu gescand. Deze pagina ververst vanzelf; u kunt ook later terugkomen.
documents-detail-special = Bijzondere persoonsgegevens
documents-detail-special-none = Geen gevonden.
documents-detail-scan = Resultaat van het lezen
documents-detail-size = Grootte
documents-parent = Onderdeel van
documents-parent-link = Het bestand waar dit document in zit
documents-corrected = Handmatig gecorrigeerd door { $who } op { $when }. Deze correctie gaat voor de uitkomst van de scan.
documents-findings = Gevonden persoonsgegevens
documents-findings-intro = De waarden zijn gemaskeerd. Met "Toon" ziet u één waarde voluit; dat wordt vastgelegd in het controlelogboek.
documents-findings-none = Geen persoonsgegevens gevonden.
documents-findings-pending = Nog niet gescand.
documents-reveal = Toon
documents-reveal-label = Toon de volledige waarde ({ $type }); dit wordt vastgelegd
documents-revealed-note = (inzage vastgelegd)
documents-revealed-status = De waarde wordt getoond. Deze inzage is vastgelegd in het controlelogboek.
documents-reveal-forbidden = Uw rol mag deze waarde niet inzien. Alleen de eigenaar en de privacyverantwoordelijke kunnen gevoelige gegevens, zoals een BSN, voluit zien.
documents-reveal-sensitive-only = alleen zichtbaar voor eigenaar en privacyverantwoordelijke
documents-children = Documenten in dit bestand
documents-actions = Wat wilt u doen?
documents-download = Downloaden
documents-download-note = Elke download wordt vastgelegd in het controlelogboek.
documents-rescan = Opnieuw scannen
documents-delete = Verwijderen…
documents-delete-title = Document verwijderen
documents-delete-confirm = Weet u zeker dat u dit document wilt verwijderen? Het bestand en alle gevonden gegevens worden gewist. Dit kan niet ongedaan worden gemaakt.
documents-delete-submit = Ja, definitief verwijderen
documents-delete-cancel = Nee, terug naar het document
documents-correct-heading = Indeling corrigeren
documents-correct-intro = Klopt de indeling niet? Corrigeer hem hier. Uw correctie gaat voor de uitkomst van de scan, ook als het document opnieuw wordt gescand.
documents-correct-submit = Correctie opslaan
documents-automatic = Automatisch (uitkomst van de scan)
notice-document-corrected = De correctie is opgeslagen.
notice-document-rescan = Het document wordt opnieuw gescand.
notice-document-deleted = Het document is verwijderd.
error-document-invalid = Kies een waarde uit de lijst.
doc-kind-none = Geen persoonsgegevens
doc-kind-generic = Gewone persoonsgegevens
doc-kind-special = Bijzondere persoonsgegevens
doc-kind-unknown = Nog niet bekend
doc-kind-none-text = Er zijn geen gegevens over personen gevonden.
doc-kind-generic-text = Bijvoorbeeld naam, adres, e-mailadres, telefoonnummer of IBAN.
doc-kind-special-text = Bijvoorbeeld gezondheid, godsdienst of strafrechtelijke gegevens, of een BSN of kopie van een identiteitsbewijs. Hiervoor gelden strengere regels.
doc-class-invoice = Factuur
doc-class-correspondence = Correspondentie
doc-class-id-copy = Kopie identiteitsbewijs
doc-class-health-statement = Gezondheidsverklaring of medisch document
doc-class-contract = Contract of overeenkomst
doc-class-payslip = Loonstrook
doc-class-application = Sollicitatie of cv
doc-class-customer-list = Klanten- of ledenlijst
doc-class-other = Overig
doc-class-unknown = Nog niet bekend
doc-special-health = Gezondheid
doc-special-religion = Godsdienst of levensovertuiging
doc-special-ethnicity = Ras of etnische afkomst
doc-special-political = Politieke opvattingen
doc-special-trade-union = Lidmaatschap van een vakbond
doc-special-sexual-orientation = Seksueel gedrag of seksuele gerichtheid
doc-special-biometric = Biometrische gegevens
doc-special-genetic = Genetische gegevens
doc-special-criminal = Strafrechtelijke gegevens
doc-entity-email = E-mailadres
doc-entity-phone = Telefoonnummer
doc-entity-iban = IBAN (bankrekeningnummer)
doc-entity-bsn = BSN (burgerservicenummer)
doc-entity-be-national-number = Rijksregisternummer
doc-entity-person-name = Naam
doc-entity-address = Adres
doc-entity-postcode = Postcode
doc-entity-date-of-birth = Geboortedatum
doc-entity-credit-card = Creditcardnummer
doc-entity-id-document-number = Nummer van een identiteitsbewijs
doc-entity-driving-licence-number = Rijbewijsnummer
doc-entity-license-plate = Kenteken
doc-entity-ip-address = IP-adres
doc-entity-kvk-number = KvK-nummer
doc-entity-vat-number = Btw-nummer
doc-entity-other = Ander gegeven
doc-status-queued = In de wachtrij
doc-status-scanning = Wordt gescand
doc-status-scanned = Gescand
doc-status-failed = Scannen mislukt
doc-status-other = Onbekend
doc-scan-ok = Volledig gelezen
doc-scan-encrypted = Beveiligd met een wachtwoord; Kluis kan het niet lezen
doc-scan-corrupt = Beschadigd, of niet het soort bestand dat de naam doet denken
doc-scan-image-without-text = Afbeelding of scan zonder tekst; tekstherkenning is niet beschikbaar
doc-scan-unsupported = Dit soort bestand kan Kluis (nog) niet lezen
doc-scan-limit-exceeded = Te groot of te ingewikkeld om helemaal te lezen; een deel is wel gelezen
doc-scan-failed = Het scannen is mislukt
doc-scan-pending = Nog niet gescand
doc-scan-other = Niet (helemaal) gelezen
documents-a-colleague = een collega
doc-scan-timeout = Het lezen duurde te lang en is afgebroken
doc-scan-crashed = Het leesprogramma liep vast op dit bestand
doc-scan-unreadable = Het bestand kon niet worden geopend

# API problem documents (RFC 9457): title and detail in the caller's language.
problem-not-found-title = Niet gevonden
problem-not-found-detail = Hier is niets, of u heeft er geen toegang toe.
problem-unauthenticated-title = Authenticatie vereist
problem-unauthenticated-detail = Stuur een geldig API-token mee als 'Authorization: Bearer <token>'.
problem-forbidden-title = Geen toegang
problem-forbidden-detail = Uw rol in deze organisatie staat dit niet toe.
problem-invalid-title = Ongeldige invoer
problem-invalid-detail = { $field }: { $message }
problem-invalid-date-detail = { $field }: verwacht een datum als JJJJ-MM-DD.
problem-invalid-value-detail = { $field }: '{ $value }' is geen bekende waarde.
problem-conflict-title = Conflict
problem-conflict-detail = { $message }
problem-throttled-title = Te veel pogingen
problem-throttled-detail = Te veel pogingen. Probeer het over { $seconds } seconden opnieuw.
problem-setup-title = Installatie
problem-setup-detail = { $message }
problem-internal-title = Er ging iets mis
problem-internal-detail = Er ging bij ons iets mis. Probeer het later opnieuw.
problem-bad-body-title = Onleesbare aanvraag
problem-bad-body-detail = De inhoud van de aanvraag kon niet worden gelezen: { $message }
problem-multipart-detail = Stuur de bestanden als multipart/form-data.
problem-too-large-title = Te groot
problem-too-large-detail = Upload maximaal { $mib } MiB per aanvraag.
problem-no-files-title = Geen bestanden
problem-no-files-detail = De aanvraag bevat geen bestanden.
problem-rate-limited-title = Te veel verzoeken
problem-rate-limited-detail = Te veel verzoeken. Probeer het over { $seconds } seconden opnieuw.

# lead: module seam
dashboard-checks-heading = Vraagt uw aandacht
check-documents-unreadable = { $count ->
        [one] Eén document kon niet volledig worden gelezen: welke persoonsgegevens erin staan is nog niet bekend.
       *[other] { $count } documenten konden niet volledig worden gelezen: welke persoonsgegevens erin staan is nog niet bekend.
    }

# h4-accounts
date-month = { $month ->
        [1] januari
        [2] februari
        [3] maart
        [4] april
        [5] mei
        [6] juni
        [7] juli
        [8] augustus
        [9] september
        [10] oktober
        [11] november
       *[12] december
    }
date-time = { $date }, { $time } UTC
error-email-empty = Vul een e-mailadres in.
error-email-too-long = Een e-mailadres heeft hoogstens 254 tekens.
error-email-malformed = Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl.
error-slug-length = Gebruik 2 tot 50 tekens.
error-slug-characters = Gebruik alleen kleine letters, cijfers en streepjes (geen spaties of accenten).
error-slug-edge-dash = Begin en eindig niet met een streepje.
error-password-too-short = Gebruik minstens { $min } tekens.
error-password-too-long = Gebruik hoogstens { $max } bytes.
error-name-length = Vul tussen 1 en 200 tekens in.
error-invalid-value = Deze waarde is niet geldig.
error-slug-taken = Deze korte naam is al in gebruik. Kies een andere.
login-attempts-left = { $count ->
        [one] Nog één mislukte poging en inloggen met dit adres wordt een tijdje geblokkeerd.
       *[other] Nog { $count } pogingen voordat inloggen met dit adres een tijdje wordt geblokkeerd.
    }
login-locked = Te veel pogingen. U kunt het weer proberen vanaf { $time } (over { $minutes ->
        [one] één minuut
       *[other] { $minutes } minuten
    }).
nav-menu = Menu
nav-new-org = Nieuwe organisatie
language-switch-label = Taal
users-reset-password = Wachtwoord opnieuw instellen…
users-reset-link-heading = Link om het wachtwoord opnieuw in te stellen
users-reset-link-intro = Geef deze link persoonlijk of via een veilig kanaal aan uw collega. Hij werkt één keer, 24 uur lang, en wordt alleen nu getoond.
error-reset-elsewhere = Dat kan niet voor dit account: het hoort ook bij een organisatie waarvan u geen eigenaar bent. De beheerder van de server kan een nieuw wachtwoord instellen met "kluis user passwd".
users-remove-title = Lid verwijderen
users-remove-confirm = Weet u zeker dat u { $name } uit deze organisatie wilt verwijderen? Het account zelf blijft bestaan; de API-sleutels voor deze organisatie werken niet meer.
users-remove-submit = Ja, verwijderen
users-remove-cancel = Nee, terug naar gebruikers en rollen
reset-title = Nieuw wachtwoord instellen
reset-intro = Kies een nieuw wachtwoord voor uw Kluis-account. Log daarna ermee in.
reset-submit = Nieuw wachtwoord opslaan
reset-invalid = Deze link is niet (meer) geldig: hij is al gebruikt of ouder dan 24 uur. Vraag de eigenaar van uw organisatie om een nieuwe.
notice-password-reset = Uw nieuwe wachtwoord is opgeslagen. U kunt er nu mee inloggen.
org-new-title = Organisatie aanmaken
org-new-intro = Als eigenaar kunt u nog een organisatie aanmaken, bijvoorbeeld voor een klant. U wordt er eigenaar van; bovenaan de pagina wisselt u tussen uw organisaties.
org-new-submit = Organisatie aanmaken
notice-org-created = De organisatie is aangemaakt. U bent de eigenaar.
account-totp-qr = QR-code voor uw authenticator-app
# h3-audit
audit-break-checkpoint-mismatch = de keten bevat de gebeurtenis van het controlepunt niet meer (er zijn gebeurtenissen weggehaald of herschreven).
audit-search = Zoeken
audit-search-hint = Naam van een persoon of document, of een actie
audit-actor-cli = Beheer (opdrachtregel)
audit-actor-jobs = Kluis (automatische taak)
audit-actor-unknown = Onbekende gebruiker
audit-checkpoint-heading = Controlepunt
audit-checkpoint-intro = Een controlepunt legt de huidige stand van het logboek vast, ondertekend met de sleutel van deze installatie. Bewaar het buiten Kluis; later toont het of er sindsdien gebeurtenissen zijn weggehaald of herschreven.
audit-checkpoint-download = Controlepunt downloaden
audit-checkpoint-file = Controlepuntbestand
audit-checkpoint-verify = Controleer tegen controlepunt
audit-checkpoint-invalid = Dit bestand is geen geldig controlepunt van deze organisatie (of het is veranderd).
audit-checkpoint-broken = Er is nu geen controlepunt te maken: het controlelogboek is beschadigd.
audit-do-org-create = Organisatie aangemaakt
audit-do-user-create = Account aangemaakt
audit-do-user-password = Wachtwoord gewijzigd
audit-do-user-locale = Taal gewijzigd
audit-do-user-totp-enable = Tweestapsverificatie aangezet
audit-do-user-totp-disable = Tweestapsverificatie uitgezet
audit-do-login-success = Ingelogd
audit-do-login-failure = Mislukte inlogpoging
audit-do-logout = Uitgelogd
audit-do-member-add = Lid toegevoegd
audit-do-member-role = Rol van lid gewijzigd
audit-do-member-remove = Lid verwijderd
audit-do-member-list = Ledenlijst bekeken
audit-do-member-read = Gegevens van lid bekeken
audit-do-api-token-create = API-sleutel gemaakt
audit-do-api-token-revoke = API-sleutel ingetrokken
audit-do-audit-verify-ok = Logboek gecontroleerd: onaangetast
audit-do-audit-verify-broken = Logboek gecontroleerd: beschadigd
audit-do-audit-checkpoint = Controlepunt gedownload
audit-do-audit-rekey = Logboek overgezet op de sleutel
audit-do-keys-rotate = Sleutel vervangen
audit-do-document-upload = Document geüpload
audit-do-document-scan = Document gescand
audit-do-document-rescan = Document opnieuw gescand
audit-do-document-download = Document gedownload
audit-do-document-correct = Classificatie van document gecorrigeerd
audit-do-document-delete = Document verwijderd
audit-do-finding-reveal = Gevonden gegeven getoond
audit-do-identifier-search = Gezocht op identificatienummer
audit-subject-org = Organisatie
audit-subject-user = Persoon
audit-subject-membership = Lidmaatschap
audit-subject-session = Sessie
audit-subject-api-token = API-sleutel
audit-subject-document = Document
audit-subject-document-finding = Gevonden gegeven
audit-subject-audit-chain = Controlelogboek
audit-subject-key = Sleutel
# h1-documents
doc-special-reason-national-id = nationaal identificatienummer
doc-special-reason-identity-document = identiteitsbewijs
doc-special-reason-marked = als bijzonder aangemerkt
documents-detail-special-why = Bijzonder vanwege
documents-search-forbidden = Zoeken naar nationale identificatienummers (BSN, Belgisch rijksregisternummer) vraagt het recht om gevoelige gegevens in te zien.
documents-upload-bad-name = het bestand heeft een naam van 1 tot 255 tekens nodig
documents-upload-file-too-large = het bestand is groter dan de grens van { $mb } MB
documents-upload-too-many = Upload hoogstens { $max } bestanden tegelijk; kies minder bestanden en upload de rest daarna.
problem-too-many-files-title = Te veel bestanden
problem-too-many-files-detail = Upload hoogstens { $max } bestanden per verzoek.
legal-basis-consent = Toestemming
legal-basis-contract = Overeenkomst
legal-basis-legal-obligation = Wettelijke verplichting
legal-basis-vital-interests = Vitaal belang
legal-basis-public-task = Taak van algemeen belang
legal-basis-legitimate-interests = Gerechtvaardigd belang
legal-ground-explicit-consent = Uitdrukkelijke toestemming
legal-ground-employment = Arbeid en sociale zekerheid
legal-ground-vital-interests = Vitaal belang
legal-ground-not-for-profit = Organisatie zonder winstoogmerk
legal-ground-made-public = Door de betrokkene openbaar gemaakt
legal-ground-legal-claims = Rechtsvorderingen
legal-ground-substantial-public-interest = Zwaarwegend algemeen belang
legal-ground-health-care = Gezondheidszorg of sociale zorg
legal-ground-public-health = Volksgezondheid
legal-ground-research = Archivering, onderzoek of statistiek
# h2-hardening
problem-bad-request-title = Ongeldige aanvraag
problem-bad-request-detail = De aanvraag kon niet worden gelezen: { $message }
problem-method-not-allowed-title = Methode niet toegestaan
problem-method-not-allowed-detail = Dit pad ondersteunt deze HTTP-methode niet.
problem-body-too-large-title = Aanvraag te groot
problem-body-too-large-detail = De inhoud van de aanvraag is groter dan deze server aanneemt.
problem-unsupported-media-type-title = Niet-ondersteund mediatype
problem-unsupported-media-type-detail = { $message }
problem-invalid-range-detail = { $field }: moet een geheel getal van { $min } tot en met { $max } zijn.

# lead: finding locations
location-page = pagina { $n }
location-slide = dia { $n }
location-notes = notities bij dia { $n }
location-paragraph = alinea { $n }
location-table-cell = alinea { $paragraph } (tabel { $table }, rij { $row }, cel { $col })
location-sheet = werkblad { $sheet }
location-cell = werkblad { $sheet }, cel { $cell }
location-field = rij { $row }, kolom { $col }
location-attachment = bijlage { $name }
location-attachment-within = bijlage { $name }, { $within }
location-part-header = koptekst
location-part-footer = voettekst
location-part-header_footer = kop- of voettekst
location-part-footnotes = voetnoten
location-part-endnotes = eindnoten
location-part-comments = opmerkingen
location-part-text_boxes = tekstvakken
location-part-header_text_boxes = tekstvakken in de koptekst
location-part-notes = notities van de spreker
location-part-master = diamodel
location-part-properties = documenteigenschappen
location-part-document = documenttekst
location-part-ocr = tekst gelezen uit de afbeelding
location-part-mail_header = kop van de e-mail (afzender en ontvangers)
location-part-subject = onderwerp van de e-mail
location-part-body = tekst van de e-mail
