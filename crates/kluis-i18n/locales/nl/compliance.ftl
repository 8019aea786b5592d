### compliance: Nederlands

nav-compliance = Naleving

## Nalevingspagina en dashboard
compliance-title = AVG-check
compliance-intro = Kluis toetst uw verwerkingsregister aan de gegevens die het bewaart. Elke bevinding zegt wat er mis is, welk artikel van de AVG het vraagt en waar u het oplost.
compliance-score-heading = Nalevingsscore
compliance-score = { $score } van 100
compliance-score-explain = De score begint bij 100; elke open bevinding kost punten, een ernstige meer.
compliance-trend-heading = Score over de laatste 12 weken
compliance-trend-empty = Het verloop verschijnt zodra de score op meer dan één dag is berekend.
compliance-trend-point = { $day }: { $score }
compliance-top-heading = Wat u eerst doet
compliance-top-explain = In de volgorde van het stappenplan: inventarisatie, register, privacyverklaring, verwerkersovereenkomsten, datalekprocedure.
compliance-none = Geen bevindingen: alles wat Kluis kan controleren is in orde.
compliance-all-link = Alle bevindingen
compliance-inventory-link = Inventarisatie van persoonsgegevens
compliance-fix-link = Oplossen
compliance-article = Artikel
compliance-count = { $count ->
        [one] Eén bevinding
       *[other] { $count } bevindingen
    }
compliance-severity-critical = Kritiek
compliance-severity-high = Hoog
compliance-severity-medium = Middel
compliance-severity-low = Laag
compliance-step-inventory = Inventarisatie
compliance-step-register = Register
compliance-step-statement = Privacyverklaring
compliance-step-agreements = Verwerkersovereenkomsten
compliance-step-breach-procedure = Datalekprocedure

## Inventarisatiepagina
inventory-title = Inventarisatie van persoonsgegevens
inventory-intro = Welke persoonsgegevens uw organisatie heeft, waar, waarom, met wie ze worden gedeeld en hoe lang ze worden bewaard: berekend uit uw documenten en uw verwerkingsregister.
inventory-empty = Kluis heeft nog geen persoonsgegevens gevonden en het register noemt er geen.
inventory-col-category = Persoonsgegevens
inventory-col-nature = Soort
inventory-col-held = Waar
inventory-col-activities = Waarom (verwerkingen)
inventory-col-recipients = Gedeeld met
inventory-col-retention = Hoe lang
inventory-col-gaps = Hiaten
inventory-nature-ordinary = Gewoon
inventory-nature-special = Bijzonder (art. 9)
inventory-nature-criminal = Strafrechtelijk (art. 10)
inventory-nature-national-id = Nationaal identificatienummer
inventory-held-documents = { $count ->
        [one] Eén document
       *[other] { $count } documenten
    }
inventory-held-nowhere = Niet gevonden in Kluis
inventory-unclassified = niet ingedeeld
inventory-uploaded = los geüpload
inventory-in-folder = in { $folder }
inventory-inactive = (niet actief)
inventory-none = geen
inventory-retention-rule = { $amount } { $unit } ({ $activity })
inventory-unit-days = dagen
inventory-unit-weeks = weken
inventory-unit-months = maanden
inventory-unit-years = jaar
inventory-gap-not-covered = Aanwezig, maar geen actieve verwerking dekt het
inventory-gap-not-held = Door een verwerking genoemd, niet gevonden in Kluis
inventory-gap-no-retention = Geen bewaartermijn
inventory-gap-none = Geen hiaat

## Bevindingen: per regel één melding en één uitleg in gewone taal
compliance-activity-no-legal-basis = Verwerking "{ $activity }" heeft geen grondslag.
compliance-activity-no-legal-basis-explain = Elke verwerking van persoonsgegevens heeft een van de zes grondslagen van art. 6 lid 1 nodig: toestemming, overeenkomst, wettelijke plicht, vitaal belang, algemeen belang of gerechtvaardigd belang. Kies de grondslag die van toepassing is.
compliance-activity-no-balancing-test = Verwerking "{ $activity }" steunt op gerechtvaardigd belang zonder belangenafweging.
compliance-activity-no-balancing-test-explain = Gerechtvaardigd belang (art. 6 lid 1 sub f) mag u alleen gebruiken als uw belang zwaarder weegt dan de belangen van de betrokkenen. Leg die afweging vast.
compliance-activity-special-no-ground = Verwerking "{ $activity }" verwerkt bijzondere persoonsgegevens zonder uitzonderingsgrond van art. 9 lid 2.
compliance-activity-special-no-ground-explain = Gegevens over gezondheid, godsdienst, etniciteit, politieke opvattingen, vakbondslidmaatschap, biometrie, genetica en seksleven mag u alleen verwerken met een uitzondering uit art. 9 lid 2, zoals uitdrukkelijke toestemming of het arbeidsrecht.
compliance-activity-special-no-uavg = Verwerking "{ $activity }" verwerkt bijzondere persoonsgegevens zonder het UAVG-artikel te noemen.
compliance-activity-special-no-uavg-explain = In Nederland vult de UAVG (artikel 22 tot en met 30) de uitzonderingen van art. 9 lid 2 in. Noem het artikel waarop uw verwerking steunt.
compliance-activity-criminal-no-basis = Verwerking "{ $activity }" verwerkt strafrechtelijke gegevens zonder grondslag uit art. 10.
compliance-activity-criminal-no-basis-explain = Gegevens over strafrechtelijke veroordelingen en strafbare feiten mag u alleen verwerken onder toezicht van de overheid of als een wet het toestaat (art. 10). Noem die wet.
compliance-activity-national-id-no-statute = Verwerking "{ $activity }" verwerkt een nationaal identificatienummer zonder wettelijke grondslag.
compliance-activity-national-id-no-statute-explain = Een burgerservicenummer (BSN) of rijksregisternummer mag u alleen gebruiken als een wet dat voorschrijft of toestaat (UAVG art. 46). Noem die wet, of stop met het verwerken van het nummer.
compliance-activity-retention-missing = Verwerking "{ $activity }" heeft geen bewaartermijn.
compliance-activity-retention-missing-explain = Het register moet zeggen hoe lang persoonsgegevens worden bewaard (art. 30 lid 1 sub f), en u mag ze niet langer bewaren dan nodig (art. 5 lid 1 sub e). Voeg een bewaarregel toe.
compliance-activity-transfer-no-safeguard = Verwerking "{ $activity }" geeft persoonsgegevens door naar { $country } zonder waarborg.
compliance-activity-transfer-no-safeguard-explain = Persoonsgegevens mogen de Europese Economische Ruimte alleen verlaten met een waarborg: een adequaatheidsbesluit, modelcontractbepalingen, bindende bedrijfsvoorschriften of een vastgelegde uitzondering (art. 44-49).
compliance-activity-dpia-not-screened = Voor verwerking "{ $activity }" is niet beoordeeld of een DPIA nodig is.
compliance-activity-dpia-not-screened-explain = Bepaal per verwerking of die waarschijnlijk een hoog risico oplevert en dus een gegevensbeschermingseffectbeoordeling (DPIA) nodig heeft (art. 35).
compliance-activity-dpia-due = Verwerking "{ $activity }" heeft een DPIA nodig die nog niet is uitgevoerd.
compliance-activity-dpia-due-explain = Deze verwerking is als hoog risico beoordeeld. Voer de gegevensbeschermingseffectbeoordeling uit vóór (of tijdens) de verwerking (art. 35 lid 1).
compliance-recipient-agreement-missing = Verwerker "{ $recipient }" heeft geen getekende verwerkersovereenkomst.
compliance-recipient-agreement-missing-explain = Een verwerker die voor u persoonsgegevens verwerkt, heeft een getekende verwerkersovereenkomst nodig met de punten van art. 28 lid 3. Upload de getekende overeenkomst.
compliance-recipient-agreement-incomplete = De verwerkersovereenkomst met "{ $recipient }" mist de punten { $points } van art. 28 lid 3.
compliance-recipient-agreement-incomplete-explain = Een verwerkersovereenkomst moet elk punt van art. 28 lid 3 sub a-h regelen: instructies, geheimhouding, beveiliging, subverwerkers, hulp bij rechten en datalekken, verwijdering aan het einde en audits.
compliance-agreement-expired = De verwerkersovereenkomst met "{ $recipient }" is verlopen op { $date }.
compliance-agreement-expired-explain = Zonder geldige overeenkomst werkt de verwerker voor u zonder de waarborgen van art. 28 lid 3. Verleng de overeenkomst of stop met deze verwerker.
compliance-recipient-transfer-no-safeguard = Ontvanger "{ $recipient }" is gevestigd in { $country }, buiten de EER, zonder waarborg.
compliance-recipient-transfer-no-safeguard-explain = Persoonsgegevens delen met een partij buiten de Europese Economische Ruimte vraagt een waarborg zoals een adequaatheidsbesluit of modelcontractbepalingen (art. 44-46).
compliance-recipient-subprocessor-transfer-no-safeguard = Subverwerker "{ $subprocessor }" van "{ $recipient }" zit in { $country }, buiten de EER, zonder waarborg.
compliance-recipient-subprocessor-transfer-no-safeguard-explain = Als een verwerker uw gegevens doorgeeft aan een subverwerker buiten de Europese Economische Ruimte, heeft ook die doorgifte een waarborg nodig (art. 28 lid 4, art. 44-46).
compliance-inventory-not-covered = { $count ->
        [one] { $category } is gevonden in één document, maar geen actieve verwerking dekt het.
       *[other] { $category } is gevonden in { $count } documenten, maar geen actieve verwerking dekt het.
    }
compliance-inventory-not-covered-explain = U heeft deze persoonsgegevens, dus het verwerkingsregister moet zeggen waarom (art. 30 lid 1). Voeg ze toe aan de verwerking waar ze bij horen, of verwijder de documenten als u ze niet nodig heeft.
compliance-inventory-not-held = { $category } wordt genoemd door { $activities }, maar Kluis vond het nergens.
compliance-inventory-not-held-explain = Misschien bewaart u deze gegevens buiten Kluis (een ander systeem, papier). Verwerkt u ze helemaal niet, haal ze dan uit de verwerking: verzamel niet meer dan nodig (art. 5 lid 1 sub c).
compliance-inventory-no-retention = { $category } heeft geen bewaartermijn bij { $activities }.
compliance-inventory-no-retention-explain = De verwerking heeft bewaarregels, maar geen daarvan geldt voor deze categorie. Voeg er een toe, of een regel voor alle categorieën van de verwerking.
compliance-statement-missing = Er is geen privacyverklaring gepubliceerd.
compliance-statement-missing-explain = Betrokkenen moeten weten wie u bent, wat u met hun gegevens doet, waarom, hoe lang en welke rechten zij hebben (art. 12-14). Publiceer een privacyverklaring.
compliance-statement-outdated = De privacyverklaring van { $date } is ouder dan het verwerkingsregister.
compliance-statement-outdated-explain = Het register is gewijzigd nadat de privacyverklaring is gepubliceerd; de verklaring klopt dus misschien niet meer. Publiceer haar opnieuw.
compliance-register-never-reviewed = Het verwerkingsregister is nog nooit beoordeeld.
compliance-register-never-reviewed-explain = Controleer het register minstens eens per jaar en teken het af, zodat het klopt en u het kunt laten zien (art. 24 lid 1, art. 30).
compliance-register-not-reviewed = Het verwerkingsregister is voor het laatst beoordeeld op { $date }, meer dan 12 maanden geleden.
compliance-register-not-reviewed-explain = Controleer het register minstens eens per jaar en teken het af, zodat het klopt en u het kunt laten zien (art. 24 lid 1, art. 30).
compliance-profile-register-assessment-missing = U heeft niet beoordeeld of het verwerkingsregister voor u verplicht is.
compliance-profile-register-assessment-missing-explain = Organisaties met minder dan 250 mensen zijn soms vrijgesteld (art. 30 lid 5), maar in de praktijk bijna nooit: salarisadministratie en klantenadministratie zijn niet incidenteel. Beantwoord de vragen en bewaar de uitkomst.
compliance-profile-dpo-assessment-missing = U heeft niet beoordeeld of u een functionaris gegevensbescherming nodig heeft.
compliance-profile-dpo-assessment-missing-explain = Sommige organisaties moeten een functionaris gegevensbescherming aanstellen (art. 37 lid 1). Beantwoord de drie vragen en bewaar uw motivering.
compliance-documents-unreadable = { $count ->
        [one] Eén document kon niet volledig worden gelezen: de persoonsgegevens erin zijn nog niet bekend.
       *[other] { $count } documenten konden niet volledig worden gelezen: de persoonsgegevens erin zijn nog niet bekend.
    }
compliance-documents-unreadable-explain = De inventarisatie kent alleen wat Kluis kan lezen. Bekijk deze documenten (versleuteld, beschadigd of afbeeldingen zonder tekst) en corrigeer hun indeling met de hand.
portfolio-title = Alle organisaties
portfolio-link = Alle organisaties
portfolio-intro = Waar elke organisatie staat waar u lid van bent: de nalevingsscore, de openstaande bevindingen, verwerkersovereenkomsten die binnen 60 dagen aflopen en de volgende beoordeling van het register.
portfolio-col-org = Organisatie
portfolio-col-role = Uw rol
portfolio-col-score = Score
portfolio-col-high = Kritiek en hoog
portfolio-col-low = Middel en laag
portfolio-col-expiring = Overeenkomsten die aflopen
portfolio-col-review = Volgende beoordeling
portfolio-review-none = nog niet gepland
portfolio-overdue = achterstallig
