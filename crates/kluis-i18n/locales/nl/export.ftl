### export: Nederlands

export-file-stem = verwerkingsregister
export-error-empty = Het verwerkingsregister bevat nog geen verwerkingen, dus er valt niets te exporteren. Voeg eerst een verwerking toe.
export-error-write = De export kon niet worden opgeslagen.
export-error-render = De export kon niet worden gemaakt.
export-yes = Ja
export-no = Nee
export-never = Nooit
export-field = Veld
export-value = Waarde

export-status-draft = Concept
export-status-active = Actief
export-status-ended = Beëindigd
export-dpia-not-screened = Niet beoordeeld
export-dpia-not-required = Niet vereist
export-dpia-required = Vereist
export-dpia-done = Uitgevoerd

export-period-days = { $count ->
    [one] 1 dag
   *[other] { $count } dagen
}
export-period-weeks = { $count ->
    [one] 1 week
   *[other] { $count } weken
}
export-period-months = { $count ->
    [one] 1 maand
   *[other] { $count } maanden
}
export-period-years = { $count ->
    [one] 1 jaar
   *[other] { $count } jaar
}
export-retention-all = Alle categorieën
export-retention-rule = { $what }: { $period } vanaf { $start }, daarna { $action }
export-start-collection = het verzamelen
export-start-end-of-financial-year = het einde van het boekjaar
export-start-end-of-contract = het einde van de overeenkomst
export-start-end-of-employment = het einde van het dienstverband
export-start-end-of-procedure = het einde van de procedure
export-start-withdrawal = het intrekken van de toestemming
export-start-last-contact = het laatste contact
export-action-delete = verwijderen
export-action-anonymise = anonimiseren
export-action-restrict = verwerking beperken

export-safeguard-adequacy = Adequaatheidsbesluit (art. 45)
export-safeguard-standard-contractual-clauses = Standaardcontractbepalingen (art. 46, lid 2, onder c)
export-safeguard-binding-corporate-rules = Bindende bedrijfsvoorschriften (art. 47)
export-safeguard-code-or-certification = Gedragscode of certificering (art. 46, lid 2, onder e-f)
export-safeguard-derogation = Afwijking (art. 49)
export-safeguard-none = Geen waarborg vastgelegd
export-role-processor = verwerker
export-role-third-party = derde
export-role-joint-controller = gezamenlijke verwerkingsverantwoordelijke
export-source-subject = De betrokkene zelf

export-col-reference = Referentie
export-col-name = Naam van de verwerking
export-col-description = Omschrijving
export-col-purposes = Doeleinden van de verwerking
export-col-purpose-description = Doeleinden in eigen woorden
export-col-legal-basis = Rechtsgrond (art. 6)
export-col-balancing-test = Belangenafweging (gerechtvaardigd belang)
export-col-subjects = Categorieën van betrokkenen
export-col-categories = Categorieën van persoonsgegevens
export-col-special = Bijzondere categorieën van persoonsgegevens (art. 9)
export-col-special-ground = Uitzonderingsgrond bijzondere gegevens (art. 9, lid 2, UAVG)
export-col-criminal = Strafrechtelijke gegevens (art. 10)
export-col-criminal-basis = Grondslag strafrechtelijke gegevens
export-col-national-id = Nationaal identificatienummer (wettelijke grondslag)
export-col-source = Herkomst van de gegevens
export-col-recipients = Ontvangers en verwerkers
export-col-other-recipients = Andere categorieën van ontvangers
export-col-transfers = Doorgifte aan derde landen en passende waarborgen
export-col-retention = Bewaartermijnen
export-col-measures = Technische en organisatorische beveiligingsmaatregelen
export-col-joint-controller = Gezamenlijke verwerkingsverantwoordelijke
export-col-automated-decisions = Geautomatiseerde besluitvorming
export-col-dpia = DPIA
export-col-status = Status
export-col-end-date = Einddatum verwerking
export-col-successor = Plaatsvervangende verwerking
export-col-notes = Opmerkingen

export-controller-name = Verwerkingsverantwoordelijke
export-controller-address = Adres
export-controller-email = E-mail
export-controller-phone = Telefoon
export-controller-website = Website
export-controller-registration = Inschrijvingsnummer (KvK / KBO)
export-controller-jurisdiction = Jurisdictie
export-controller-authority = Toezichthouder
export-controller-employees = Aantal werknemers
export-controller-representative = Vertegenwoordiger in de Unie
export-controller-joint = Gezamenlijke verwerkingsverantwoordelijken
export-dpo = Functionaris gegevensbescherming
export-dpo-appointed = Functionaris gegevensbescherming aangesteld
export-dpo-name = Naam functionaris gegevensbescherming
export-dpo-email = E-mail functionaris gegevensbescherming
export-dpo-phone = Telefoon functionaris gegevensbescherming
export-dpo-rationale = Waarom een functionaris gegevensbescherming (niet) verplicht is
export-dpo-none = Niet aangesteld
export-register-rationale = Waarom het register wordt bijgehouden (art. 30, lid 5)
export-last-review = Laatste herziening van het register
export-as-of = Register per
export-generated-at = Gemaakt op
export-activity-count = Aantal verwerkingen

export-rcol-name = Naam
export-rcol-role = Rol
export-rcol-country = Land
export-rcol-contact = Contact
export-rcol-services = Diensten
export-rcol-categories = Categorieën van persoonsgegevens
export-rcol-sub-processors = Subverwerkers
export-rcol-safeguard = Waarborg bij doorgifte
export-rcol-agreement-signed = Verwerkersovereenkomst getekend op
export-rcol-agreement-expires = Verwerkersovereenkomst loopt af op
export-rcol-agreement-review = Verwerkersovereenkomst herzien op
export-rcol-art28-missing = Ontbrekende punten art. 28, lid 3
export-rcol-authorisation = Toestemming voor subverwerkers
export-rcol-activities = Verwerkingen
export-art28-complete = Volledig
export-agreement-missing = Geen verwerkersovereenkomst vastgelegd
export-authorisation-specific = Specifiek
export-authorisation-general = Algemeen

export-sheet-activities = Register
export-sheet-controller = Verantwoordelijke en FG
export-sheet-recipients = Verwerkers en ontvangers

export-pdf-title = Verwerkingsregister
export-pdf-subtitle = Register van de verwerkingsactiviteiten volgens artikel 30, lid 1, van de Algemene verordening gegevensbescherming
export-pdf-overview = Verwerkingen
export-pdf-recipients = Ontvangers, verwerkers en verwerkersovereenkomsten
export-pdf-no-recipients = Er zijn geen ontvangers vastgelegd.
export-pdf-page = Pagina { $page } van { $total }
export-fideslang-comment = Verwerkingsregister, door Kluis geëxporteerd als fideslang-manifest
export-fideslang-dataset = Persoonsgegevens in Kluis
