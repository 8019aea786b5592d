### statement: Nederlands
nav-statement = Privacyverklaring
statement-page-title = Privacyverklaring
statement-page-intro = Kluis stelt de privacyverklaring samen uit het register en het organisatieprofiel (art. 13 en 14 AVG). Elke publicatie is een versie met een datum; oude versies blijven op te vragen, want toestemmingen verwijzen naar de versie die iemand zag.
statement-missing-heading = Nog niet te publiceren
statement-missing-intro = Deze onderdelen ontbreken nog in het register of het profiel. Vul ze aan; daarna kunt u publiceren.
statement-missing-line = { $item } ({ $article })
statement-missing-line-activity = { $item } ({ $article }) bij “{ $activity }”
statement-item-controller-identity = Naam van de verwerkingsverantwoordelijke
statement-item-controller-contact = Contactgegevens van de verwerkingsverantwoordelijke
statement-item-dpo-contact = Contactgegevens van de functionaris gegevensbescherming
statement-item-purposes = Doelen van de verwerking
statement-item-legal-basis = Grondslag
statement-item-legitimate-interests = Het gerechtvaardigd belang
statement-item-transfer-safeguard = Waarborg voor doorgifte buiten de EER
statement-item-retention = Bewaartermijn
statement-item-supervisory-authority = Toezichthouder (kies Nederland of België in het profiel)
statement-item-provision-requirement = Of het verstrekken van de gegevens verplicht is, en de gevolgen als iemand dat niet doet
statement-item-categories = Categorieën van persoonsgegevens
statement-item-source = Bron van de gegevens
statement-preview-heading = Voorbeeld van de volgende versie
statement-publish = Publiceer deze versie
statement-published-heading = Gepubliceerde versies
statement-none-published = Er is nog geen privacyverklaring gepubliceerd.
statement-version-col = Versie
statement-date-col = Gepubliceerd op
statement-by-col = Door
statement-langs-col = Talen
statement-public-link = Openbare pagina
statement-markdown-link = Markdown
statement-embed-heading = Op uw eigen website
statement-embed-text = Plaats deze code op uw website; hij toont altijd de nieuwste versie.
statement-read-only = U kunt de privacyverklaring lezen; publiceren doen de eigenaar en de privacyfunctionaris.
statement-version-title = Privacyverklaring, versie { $version }
statement-public-missing = Deze organisatie heeft (nog) geen privacyverklaring gepubliceerd in deze taal.
notice-statement-published = De nieuwe versie van de privacyverklaring is gepubliceerd.
error-statement-incomplete = De privacyverklaring kan nog niet worden gepubliceerd: er ontbreken onderdelen.
statement-title = Privacyverklaring van { $controller }
statement-intro = { $controller } is verantwoordelijk voor de verwerking van persoonsgegevens zoals beschreven in deze privacyverklaring.
statement-version-line = Versie { $version }, gepubliceerd op { $date }.
statement-contact-heading = Contactgegevens
statement-name = Naam
statement-address = Adres
statement-email = E-mail
statement-phone = Telefoon
statement-website = Website
statement-registration-nl = KvK-nummer
statement-registration-be = Ondernemingsnummer (KBO)
statement-representative = Vertegenwoordiger in de EU
statement-dpo = Onze functionaris gegevensbescherming is { $name }, bereikbaar via { $contact }.
statement-processing-heading = Welke persoonsgegevens wij verwerken en waarom
statement-processing-intro = Per verwerking leest u hieronder met welk doel en op welke grondslag wij persoonsgegevens verwerken, met wie wij ze delen en hoe lang wij ze bewaren.
statement-purpose = Doel
statement-basis = Grondslag
statement-gdpr = AVG
statement-legitimate-interest = Ons gerechtvaardigd belang
statement-categories = Gegevens
statement-source = Bron (wij krijgen deze gegevens niet van u zelf)
statement-recipients = Ontvangers
statement-recipients-none = wij delen deze gegevens met niemand
statement-transfer-line = Doorgifte naar { $country } (buiten de EER) op basis van { $safeguard }; een kopie van de waarborg kunt u bij ons opvragen.
statement-safeguard-adequacy = een adequaatheidsbesluit van de Europese Commissie (art. 45 AVG)
statement-safeguard-scc = de modelcontractbepalingen van de Europese Commissie (art. 46 AVG)
statement-safeguard-bcr = bindende bedrijfsvoorschriften (art. 47 AVG)
statement-safeguard-code = een gedragscode of certificering (art. 46 AVG)
statement-safeguard-derogation = een uitzondering van art. 49 AVG
statement-retention = Bewaartermijn
statement-retention-all = alle gegevens
statement-retention-line = { $what }: { $period } { $starts }
statement-period-days =
    { $amount ->
        [one] { $amount } dag
       *[other] { $amount } dagen
    }
statement-period-weeks =
    { $amount ->
        [one] { $amount } week
       *[other] { $amount } weken
    }
statement-period-months =
    { $amount ->
        [one] { $amount } maand
       *[other] { $amount } maanden
    }
statement-period-years =
    { $amount ->
        [one] { $amount } jaar
       *[other] { $amount } jaar
    }
statement-start-collection = na het vastleggen
statement-start-end-of-financial-year = na het einde van het boekjaar
statement-start-end-of-contract = na het einde van de overeenkomst
statement-start-end-of-employment = na het einde van het dienstverband
statement-start-end-of-procedure = na het einde van de procedure
statement-start-withdrawal = na het intrekken van de toestemming of het afmelden
statement-start-last-contact = na het laatste contact
statement-provision = Verplicht?
statement-automated = Geautomatiseerde besluitvorming
statement-automated-none = Wij nemen geen besluiten die uitsluitend op geautomatiseerde verwerking berusten.
statement-withdraw-consent = U kunt uw toestemming altijd intrekken, even gemakkelijk als u die gaf; dat doet niets af aan de verwerking vóór het intrekken.
statement-rights-heading = Uw rechten
statement-rights-intro = U hebt de volgende rechten over uw persoonsgegevens:
statement-right-access = inzage in de gegevens die wij van u hebben (art. 15 AVG);
statement-right-rectification = correctie van onjuiste gegevens (art. 16 AVG);
statement-right-erasure = verwijdering van uw gegevens (art. 17 AVG);
statement-right-restriction = beperking van de verwerking (art. 18 AVG);
statement-right-portability = uw gegevens in een gangbaar bestandsformaat ontvangen of laten doorsturen (art. 20 AVG);
statement-right-objection = bezwaar maken tegen de verwerking (art. 21 AVG).
statement-rights-how = Stuur uw verzoek naar { $contact }. Wij antwoorden binnen een maand; bij ingewikkelde verzoeken kan dat met twee maanden worden verlengd, en dan laten wij u dat binnen de eerste maand weten.
statement-objection-heading = Uw recht van bezwaar
statement-objection-general = Voor { $activities } kunt u op elk moment bezwaar maken vanwege uw specifieke situatie (art. 21 lid 1 AVG). Wij stoppen dan, tenzij wij dwingende gerechtvaardigde gronden hebben die zwaarder wegen.
statement-objection-marketing = Tegen het gebruik van uw gegevens voor direct marketing ({ $activities }) kunt u altijd bezwaar maken; wij stoppen dan direct en gebruiken uw gegevens daar nooit meer voor (art. 21 lid 2 en 3 AVG).
statement-complaint-heading = Een klacht indienen
statement-complaint = Bent u het niet eens met hoe wij met uw gegevens omgaan? Laat het ons weten. U hebt ook het recht een klacht in te dienen bij de toezichthouder: { $authority }.
statement-former-member = een oud-lid
problem-statement-incomplete-title = Privacyverklaring onvolledig
problem-statement-incomplete-detail = Het register beantwoordt deze onderdelen nog niet: { $items }
statement-provision-consent = nee, u geeft deze gegevens vrijwillig; zonder uw toestemming verwerken wij ze niet.
statement-provision-contract = ja, wij hebben deze gegevens nodig voor de overeenkomst met u; zonder deze gegevens kunnen wij de overeenkomst niet sluiten of uitvoeren.
statement-provision-legal-obligation = ja, de wet verplicht ons deze gegevens te verwerken; zonder deze gegevens kunnen wij niet aan die plicht voldoen.
statement-provision-vital-interests = nee; wij verwerken deze gegevens alleen om iemands leven of gezondheid te beschermen.
statement-provision-public-task = ja, voor zover de wettelijke taak dat vraagt.
statement-provision-legitimate-interests = nee, u bent niet verplicht deze gegevens te geven; zonder deze gegevens kunnen wij u soms minder goed helpen.
# stmtpdf
statement-pdf-link = PDF
statement-pdf-meta = { $organisation } · versie { $version } · { $date }
