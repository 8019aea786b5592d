### dpia_documents: Nederlands
### De documenten van een DPIA: de pdf in de volgorde van de CNIL-methode en de risicokaart, met de vragen,
### niveaus, risico's en beoordelingen van de methode in de woorden van Kluis.

## De vragen van de methode, op Question::label_key() van het domein
dpia-question-processing-description = Beschrijving van de verwerking: aard, omvang, context en doeleinden
dpia-question-responsibilities = Wie is verantwoordelijk voor de verwerking (verwerkingsverantwoordelijke, gezamenlijke verwerkingsverantwoordelijken, verwerkers)
dpia-question-standards = Toepasselijke normen: goedgekeurde gedragscodes, certificeringen en andere standaarden
dpia-question-data = De verwerkte persoonsgegevens, hun ontvangers en hoe lang zij worden bewaard
dpia-question-life-cycle = De levenscyclus van de gegevens en de processen
dpia-question-supporting-assets = De middelen waarop de gegevens rusten (systemen, papier, mensen, kanalen)
dpia-question-purposes = Zijn de doeleinden welbepaald, uitdrukkelijk omschreven en gerechtvaardigd (art. 5 lid 1 sub b)?
dpia-question-legal-basis = Wat is de grondslag van de verwerking (art. 6, 9, 10)?
dpia-question-minimisation = Zijn de gegevens toereikend, ter zake dienend en beperkt tot wat noodzakelijk is (art. 5 lid 1 sub c)?
dpia-question-accuracy = Zijn de gegevens juist en worden zij bijgewerkt (art. 5 lid 1 sub d)?
dpia-question-storage-duration = Hoe lang worden de gegevens bewaard, en waarom (art. 5 lid 1 sub e)?
dpia-question-information = Hoe worden de betrokkenen over de verwerking geïnformeerd (art. 12-14)?
dpia-question-consent = Als toestemming de grondslag is: hoe wordt die verkregen en ingetrokken (art. 7, 8)?
dpia-question-access-portability = Hoe kunnen betrokkenen hun recht op inzage en op overdraagbaarheid uitoefenen (art. 15, 20)?
dpia-question-rectification-erasure = Hoe kunnen betrokkenen hun recht op rectificatie en op gegevenswissing uitoefenen (art. 16, 17)?
dpia-question-restriction-objection = Hoe kunnen betrokkenen hun recht op beperking en op bezwaar uitoefenen (art. 18, 21)?
dpia-question-processors = Zijn de verwerkers gebonden aan een verwerkersovereenkomst die voldoet aan art. 28?
dpia-question-transfers = Worden gegevens buiten de EER doorgegeven, en met welke waarborgen (hoofdstuk V)?

## Niveaus, risico's, beoordelingen
dpia-level-1 = Verwaarloosbaar
dpia-level-2 = Beperkt
dpia-level-3 = Aanzienlijk
dpia-level-4 = Maximaal
dpia-risk-illegitimate-access = Onrechtmatige toegang tot gegevens
dpia-risk-unwanted-modification = Ongewenste wijziging van gegevens
dpia-risk-disappearance = Verdwijnen van gegevens
dpia-evaluation-pending = Nog niet beoordeeld
dpia-evaluation-to-correct = Te corrigeren
dpia-evaluation-improvable = Voor verbetering vatbaar
dpia-evaluation-acceptable = Aanvaardbaar
dpia-advice-favourable = Positief
dpia-advice-unfavourable = Negatief
dpia-validation-in-progress = In behandeling
dpia-validation-refused = Afgewezen
dpia-validation-validated = Vastgesteld
dpia-validation-signed-validated = Vastgesteld en ondertekend
dpia-validation-archived = Gearchiveerd

## De risicokaart
dpia-map-title = Risicokaart
dpia-map-description = Ernst en waarschijnlijkheid van de drie gevreesde gebeurtenissen, vóór het actieplan (open) en erna (gevuld).
dpia-map-severity = Ernst
dpia-map-likelihood = Waarschijnlijkheid
dpia-map-before = Vóór het actieplan
dpia-map-after = Na het actieplan
dpia-map-not-estimated = { $risk }: nog niet ingeschat

## De pdf
dpia-doc-title = Gegevensbeschermingseffectbeoordeling (DPIA)
dpia-doc-subtitle = Artikel 35 AVG, volgens de PIA-methode van de CNIL
dpia-doc-file-stem = dpia
dpia-doc-organisation = Verwerkingsverantwoordelijke
dpia-doc-activity = Verwerking
dpia-doc-version = Versie
dpia-doc-generated-on = Datum
dpia-doc-category = Categorie
dpia-doc-author = Opgesteld door
dpia-doc-evaluator = Beoordeeld door
dpia-doc-validator = Vastgesteld door
dpia-doc-status = Status
dpia-doc-footer = DPIA — { $title } — versie { $version }
dpia-doc-not-answered = Niet beantwoord
dpia-doc-none = Geen
dpia-doc-yes = Ja
dpia-doc-no = Nee
dpia-doc-context = 1. Context
dpia-doc-overview = 1.1 Overzicht
dpia-doc-data-processes = 1.2 Gegevens, processen en middelen
dpia-doc-principles = 2. Fundamentele beginselen
dpia-doc-proportionality = 2.1 Evenredigheid en noodzaak
dpia-doc-rights = 2.2 Waarborgen voor de rechten van betrokkenen
dpia-doc-measures = 3.1 Geplande of bestaande maatregelen
dpia-doc-risks = 3. Risico's
dpia-doc-risk-map = 3.5 Risicokaart
dpia-doc-action-plan = 4. Actieplan
dpia-doc-opinions = 5. Adviezen en vaststelling
dpia-doc-versions = Versiegeschiedenis
dpia-doc-evaluation = Beoordeling
dpia-doc-comment = Toelichting van de beoordelaar
dpia-doc-action = Actie
dpia-doc-owner = Eigenaar
dpia-doc-due = Uiterlijk
dpia-doc-impacts = Mogelijke gevolgen voor de betrokkenen
dpia-doc-threats = Dreigingen
dpia-doc-sources = Risicobronnen
dpia-doc-risk-measures = Maatregelen tegen dit risico
dpia-doc-severity = Ernst
dpia-doc-likelihood = Waarschijnlijkheid
dpia-doc-severity-rationale = Onderbouwing van de ernst
dpia-doc-likelihood-rationale = Onderbouwing van de waarschijnlijkheid
dpia-doc-residual = Na het actieplan
dpia-doc-level = { $level } ({ $name })
dpia-doc-no-measures = Geen maatregelen vastgelegd.
dpia-doc-no-actions = Geen acties gepland.
dpia-doc-dpo = Advies van de functionaris gegevensbescherming (art. 35 lid 2)
dpia-doc-people = Standpunten van de betrokkenen (art. 35 lid 9)
dpia-doc-names = Namen
dpia-doc-advice = Advies
dpia-doc-opinion = Toelichting
dpia-doc-sought = Standpunten gevraagd
dpia-doc-not-sought-reason = Waarom de standpunten niet zijn gevraagd
dpia-doc-validation = Vaststelling door de verwerkingsverantwoordelijke
dpia-doc-rejection-reason = Reden van afwijzing
dpia-doc-applied-adjustments = Doorgevoerde aanpassingen
dpia-doc-validated-on = Vastgesteld op
dpia-doc-review-on = Volgende herbeoordeling
dpia-doc-prior-consultation = Voorafgaande raadpleging van de toezichthouder (art. 36)
dpia-doc-prior-consultation-decided = De verwerkingsverantwoordelijke raadpleegt de toezichthouder vóór de verwerking
dpia-doc-prior-consultation-indicated = Na de maatregelen blijft een hoog risico over
dpia-doc-version-line = Versie { $number }, { $date }
dpia-doc-no-versions = Geen eerdere versies opgeslagen.
