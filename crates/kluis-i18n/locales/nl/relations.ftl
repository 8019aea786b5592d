### relations: Nederlands

nav-relations = Relaties
relations-title = Relaties
relations-intro = De mensen en bedrijven waarmee uw organisatie te maken heeft. Alleen de velden die een actieve verwerkingsactiviteit in het verwerkingsregister nodig heeft, worden aangeboden (privacy by default); elke waarde wordt versleuteld opgeslagen.
relations-search-heading = Relatie zoeken
relations-search-label = Naam, e-mailadres, telefoonnummer of postcode
relations-search-hint = Vindt alleen exacte overeenkomsten (hoofdletters en spaties tellen niet); om te zoeken wordt niets ontsleuteld. De zoekopdracht wordt vastgelegd in het auditlog, zonder wat u zocht.
relations-search-submit = Zoeken
relations-search-clear = Alle relaties tonen
relations-search-found = { $count ->
    [one] Eén relatie gevonden.
   *[other] { $count } relaties gevonden.
}
relations-new-person = Nieuwe persoon
relations-new-company = Nieuw bedrijf
relations-empty = Nog geen relaties.
relations-total = { $count ->
    [one] Eén relatie in totaal.
   *[other] { $count } relaties in totaal.
}
relations-pages = Pagina's
relations-prev = Vorige pagina
relations-next = Volgende pagina
relations-col-name = Naam
relations-col-party = Persoon of bedrijf
relations-col-kind = Soort
relations-col-company = Bedrijf
relations-no-name = (geen naam)
relations-no-company = Geen bedrijf
relations-back = Terug naar de relaties
relations-new-title = Nieuwe relatie
relations-edit-title = Relatie
relations-choose-submit = Velden tonen
relations-offered-hint = U ziet de velden die een actieve verwerkingsactiviteit in het verwerkingsregister nodig heeft voor dit soort relatie. Gevoelige waarden (bijzondere persoonsgegevens, nationale identificatienummers) blijven verborgen tot iemand die dat mag ze toont; elke keer wordt vastgelegd in het auditlog.
relations-nothing-offered = Geen actieve verwerkingsactiviteit in het verwerkingsregister betreft dit soort relatie, dus er kan geen veld worden vastgelegd.
relations-to-register = Vul het verwerkingsregister aan
relations-reveal = Tonen
relations-sensitive = gevoelig
relations-unneeded = niet meer nodig: maak leeg
relations-sensitive-keep = blijft zoals het is, tenzij u een nieuwe waarde typt
relations-sensitive-clear = Deze waarde wissen
relations-save = Opslaan
relations-contacts = Contactpersonen bij dit bedrijf
relations-delete-title = Relatie verwijderen
relations-delete-confirm = Deze relatie en alle vastgelegde waarden verwijderen? Dit kan niet ongedaan worden gemaakt.
relations-delete-submit = Verwijderen
relations-delete-cancel = Annuleren
relations-error-not-offered = { $field } is voor deze relatie niet nodig voor een actieve verwerkingsactiviteit en mag dus niet worden vastgelegd (privacy by default). Neem het eerst op in een activiteit in het verwerkingsregister, of laat het leeg.
relations-error-not-for-party = { $field } hoort niet bij dit soort relatie.
relations-error-too-long = { $field } is te lang (hoogstens 1000 tekens).
relations-error-date-of-birth = De geboortedatum moet een bestaande datum zijn, niet in de toekomst.
relations-error-name = Een persoon heeft een voornaam of achternaam nodig, een bedrijf zijn naam.
relations-error-company = Kies een van uw bedrijfsrelaties.
relations-error-search-empty = Vul een naam, e-mailadres, telefoonnummer of postcode in.
relations-error-has-contacts = Dit bedrijf heeft nog contactpersonen: koppel ze elders of verwijder ze eerst.
error-relations-has-contacts = Dit bedrijf heeft nog contactpersonen: koppel ze elders of verwijder ze eerst.
notice-relation-saved = De relatie is opgeslagen.
notice-relation-deleted = De relatie is verwijderd.
relation-party-person = Persoon
relation-party-company = Bedrijf
relation-kind-customer = Klant
relation-kind-prospect = Prospect
relation-kind-employee = Medewerker
relation-kind-job-applicant = Sollicitant
relation-kind-supplier-contact = Contactpersoon leverancier
relation-kind-other = Overig
relation-field-given-name = Voornaam
relation-field-family-name = Achternaam
relation-field-company-name = Bedrijfsnaam
relation-field-email = E-mailadres
relation-field-phone = Telefoonnummer
relation-field-street = Straat en huisnummer
relation-field-postcode = Postcode
relation-field-city = Plaats
relation-field-country = Land
relation-field-date-of-birth = Geboortedatum
relation-field-gender = Geslacht
relation-field-nationality = Nationaliteit
relation-field-language = Taal
relation-field-job-title = Functie
relation-field-registration-number = KvK- of KBO-nummer
relation-field-vat-number = Btw-nummer
relation-field-iban = IBAN
relation-field-bsn = Burgerservicenummer (BSN)
relation-field-be-national-number = Rijksregisternummer
relation-field-sick-leave = Ziekmelding (nooit de diagnose)
relation-field-health = Gezondheidsgegevens
inventory-held-relations = { $count ->
        [one] Eén relatie
       *[other] { $count } relaties
    }
audit-do-relation-create = Relatie vastgelegd
audit-do-relation-update = Relatie gewijzigd
audit-do-relation-delete = Relatie verwijderd
audit-do-relation-reveal = Gevoelige waarde van een relatie getoond
audit-do-relation-search = In de relaties gezocht
audit-subject-relation = Relatie
audit-do-relation-note-add = Notitie bij een relatie toegevoegd
relations-tags = Labels
relations-tags-hint = Scheid labels met komma's, bijvoorbeeld nieuwsbrief, vip. Hoogstens 20 labels van hoogstens 50 tekens.
relations-error-tags = Hoogstens 20 labels van elk hoogstens 50 tekens.
relations-notes = Notities
relations-notes-none = Nog geen notities.
relations-note-label = Nieuwe notitie
relations-note-submit = Notitie toevoegen
relations-error-note = Schrijf een notitie van hoogstens 5000 tekens.
notice-relation-note-added = De notitie is toegevoegd.

# Compliance check
compliance-relations-unneeded-data = { $count ->
        [one] Eén relatie bevat { $category }, maar geen actieve verwerking heeft dat voor dat soort relatie nodig.
       *[other] { $count } relaties bevatten { $category }, maar geen actieve verwerking heeft dat voor dat soort relatie nodig.
    }
compliance-relations-unneeded-data-explain = Gegevens zonder doel mag u niet bewaren (art. 5 lid 1 onder c en e AVG): verwijder het veld bij deze relaties, of leg in het register de verwerking vast die het nodig heeft.

# List filter
relations-filter-heading = Relaties filteren
relations-filter-all-kinds = Alle soorten
relations-filter-all-tags = Alle labels
relations-filter-tag = Label
relations-filter-submit = Filteren
relations-filter-none = Geen relaties passen bij dit filter.
