### processors: Nederlands

nav-recipients = Verwerkers
recipients-title = Verwerkers en andere ontvangers
recipients-detail-title = Ontvanger
recipients-intro = Wie persoonsgegevens van u ontvangt: verwerkers die in uw opdracht werken (zij hebben een verwerkersovereenkomst nodig) en andere partijen. Bewustzijn bij medewerkers legt u vast onder
recipients-empty = Nog geen ontvangers. Voeg uw webhoster, boekhouder, salarisverwerker en andere partijen toe met wie u persoonsgegevens deelt.
recipients-back = Terug naar verwerkers en ontvangers
recipients-field-name = Naam
recipients-field-role = Rol
recipients-field-country = Land
recipients-field-country-hint = Landcode van twee letters van de vestiging, bijvoorbeeld NL, BE, DE of US.
recipients-field-contact = Contact
recipients-field-services = Diensten
recipients-field-service = Dienst
recipients-field-categories = Soorten persoonsgegevens
recipients-field-safeguard = Waarborg voor doorgifte
recipients-field-safeguard-hint = Nodig als de ontvanger of een subverwerker buiten de EER zit (de EU, IJsland, Liechtenstein en Noorwegen).
recipients-field-signed-on = Getekend op
recipients-field-expires-on = Loopt af op
recipients-field-review-on = Herzien op
recipients-field-authorisation = Toestemming voor subverwerkers
recipients-field-notes = Notities
recipients-sub-processors = Subverwerkers
recipients-outside-eea = buiten de EER
recipients-agreement = Verwerkersovereenkomst
recipients-transfer-no-safeguard = doorgifte zonder waarborg
recipients-add-heading = Ontvanger toevoegen
recipients-add-submit = Ontvanger toevoegen
recipients-edit-heading = Deze ontvanger wijzigen
recipients-save = Opslaan
recipients-delete = Ontvanger verwijderen
recipients-delete-hint = Verwijderen haalt de ontvanger en zijn overeenkomsten uit het register; de getekende documenten blijven onder Documenten.
recipients-agreements = Verwerkersovereenkomsten
recipients-agreements-none = Geen overeenkomst vastgelegd.
recipients-document = Getekende overeenkomst
recipients-document-open = Het opgeslagen document openen
recipients-document-none = Geen document opgeslagen
recipients-document-limit = Eén bestand van maximaal { $mb } MB; het wordt opgeslagen en gescand zoals elk document.
recipients-document-types = Toegestane bestandstypen:
recipients-missing-points = Ontbrekende punten (art. 28 lid 3)
recipients-checklist = Wat de overeenkomst regelt (art. 28 lid 3)
recipients-agreement-save = Overeenkomst opslaan
recipients-agreement-remove = Overeenkomst verwijderen
recipients-agreement-add = Verwerkersovereenkomst toevoegen
recipients-agreement-add-submit = Overeenkomst toevoegen
recipients-role-processor = Verwerker
recipients-role-third-party = Derde (eigen verwerkingsverantwoordelijke)
recipients-role-joint-controller = Gezamenlijke verwerkingsverantwoordelijke
recipients-safeguard-none = Geen
recipients-safeguard-adequacy = Adequaatheidsbesluit (art. 45)
recipients-safeguard-standard-contractual-clauses = Standaardcontractbepalingen (art. 46)
recipients-safeguard-binding-corporate-rules = Bindende bedrijfsvoorschriften (art. 47)
recipients-safeguard-code-or-certification = Gedragscode of certificering (art. 46)
recipients-safeguard-derogation = Uitzondering voor een specifieke situatie (art. 49)
recipients-state-not-needed = Niet nodig
recipients-state-missing = Ontbreekt
recipients-state-expired = Verlopen op { $date }
recipients-state-incomplete = Onvolledig: punten { $points } ontbreken
recipients-state-expiring = Loopt af of moet worden herzien op { $date }
recipients-state-valid = Geldig
recipients-art28-a = (a) De verwerker werkt alleen op uw schriftelijke instructies, ook bij doorgifte naar het buitenland.
recipients-art28-b = (b) Iedereen die met de gegevens werkt, heeft geheimhoudingsplicht.
recipients-art28-c = (c) De verwerker neemt passende beveiligingsmaatregelen (art. 32).
recipients-art28-d = (d) De verwerker schakelt alleen met uw toestemming subverwerkers in en legt hun dezelfde plichten op.
recipients-art28-e = (e) De verwerker helpt u mensen te antwoorden die hun privacyrechten gebruiken.
recipients-art28-f = (f) De verwerker helpt bij beveiliging, datalekken en DPIA's (art. 32-36).
recipients-art28-g = (g) Aan het eind wist de verwerker de gegevens of geeft ze terug, naar uw keuze.
recipients-art28-h = (h) De verwerker geeft u de informatie om naleving aan te tonen en staat audits toe.
recipients-authorisation-specific = Specifiek: elke subverwerker bij naam goedgekeurd
recipients-authorisation-general = Algemeen: wijzigingen worden gemeld, u kunt bezwaar maken
recipients-transfer-unsafe-sub = Subverwerker { $name } zit in { $country }, buiten de EER, en er is geen waarborg voor doorgifte vastgelegd.
recipients-transfer-unsafe-self = Deze ontvanger zit in { $country }, buiten de EER, en er is geen waarborg voor doorgifte vastgelegd.
recipients-error-name = Geef de ontvanger een naam.
recipients-error-country = Geef het land als landcode van twee letters, bijvoorbeeld NL, BE, DE of US.
recipients-error-sub-processor = Geef elke subverwerker een naam.
recipients-error-dates = De overeenkomst kan niet aflopen voordat ze is getekend.
recipients-error-date = Geef datums als dag, maand en jaar.
recipients-error-too-long = Een tekst is te lang.
recipients-error-subject = Zeg wat er is verklaard of getraind, bijvoorbeeld "Privacybewustzijn 2026".
recipients-error-member = Kies een lid van deze organisatie.
recipients-error-file-too-large = Het bestand is groter dan de limiet van { $mb } MB; er is niets opgeslagen.
recipients-error-file-type = Sla de overeenkomst op als PDF, Word, OpenDocument, RTF, tekst of afbeelding.
notice-recipient-saved = De ontvanger is opgeslagen.
notice-recipient-deleted = De ontvanger is verwijderd.
notice-agreement-saved = De verwerkersovereenkomst is opgeslagen.
notice-agreement-removed = De verwerkersovereenkomst is verwijderd.
notice-staff-measure-saved = De maatregel is vastgelegd.
notice-staff-measure-removed = De maatregel is verwijderd.
staff-title = Maatregelen voor medewerkers
staff-intro = Geheimhoudingsverklaringen en privacytrainingen per lid, zodat het bewustzijn van medewerkers is vastgelegd.
staff-member = Lid
staff-measures = Vastgelegd
staff-kind = Soort
staff-kind-confidentiality-declaration = Geheimhoudingsverklaring
staff-kind-privacy-training = Privacytraining
staff-yes = Ja
staff-no = Niet vastgelegd
staff-remove = Verwijderen
staff-add-heading = Verklaring of training vastleggen
staff-date = Datum
staff-subject = Onderwerp
staff-add-submit = Vastleggen
check-recipients-agreement-wanting = { $count ->
        [one] Eén verwerker heeft geen geldige verwerkersovereenkomst (ontbreekt, verlopen of onvolledig).
       *[other] { $count } verwerkers hebben geen geldige verwerkersovereenkomst (ontbreekt, verlopen of onvolledig).
    }
check-recipients-agreement-expiring = { $count ->
        [one] Eén verwerkersovereenkomst loopt binnen 60 dagen af of moet dan worden herzien.
       *[other] { $count } verwerkersovereenkomsten lopen binnen 60 dagen af of moeten dan worden herzien.
    }
check-recipients-transfer-unsafe = { $count ->
        [one] Eén ontvanger krijgt persoonsgegevens buiten de EER zonder waarborg voor doorgifte.
       *[other] { $count } ontvangers krijgen persoonsgegevens buiten de EER zonder waarborg voor doorgifte.
    }
