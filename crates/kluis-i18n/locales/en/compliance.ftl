### compliance: English

nav-compliance = Compliance

## Compliance page and dashboard
compliance-title = Compliance check
compliance-intro = Kluis checks your register of processing activities against the data it holds. Each finding says what is wrong, which article of the GDPR asks for it, and where to fix it.
compliance-score-heading = Compliance score
compliance-score = { $score } out of 100
compliance-score-explain = The score starts at 100; every open finding takes points off, more for a serious one.
compliance-trend-heading = Score over the last 12 weeks
compliance-trend-empty = The trend appears once the score has been computed on more than one day.
compliance-trend-point = { $day }: { $score }
compliance-top-heading = What to do first
compliance-top-explain = In the order of the step plan: inventory, register, privacy statement, processing agreements, breach procedure.
compliance-none = No findings: everything Kluis can check is in order.
compliance-all-link = All findings
compliance-inventory-link = Inventory of personal data
compliance-fix-link = Fix this
compliance-article = Article
compliance-count = { $count ->
        [one] One finding
       *[other] { $count } findings
    }
compliance-severity-critical = Critical
compliance-severity-high = High
compliance-severity-medium = Medium
compliance-severity-low = Low
compliance-step-inventory = Inventory
compliance-step-register = Register
compliance-step-statement = Privacy statement
compliance-step-agreements = Processing agreements
compliance-step-breach-procedure = Breach procedure

## Inventory page
inventory-title = Inventory of personal data
inventory-intro = Which personal data your organisation holds, where, why, with whom it is shared and how long it is kept: computed from your documents and your register.
inventory-empty = Kluis has found no personal data yet and the register names none.
inventory-col-category = Personal data
inventory-col-nature = Kind
inventory-col-held = Where held
inventory-col-activities = Why (processing activities)
inventory-col-recipients = Shared with
inventory-col-retention = How long
inventory-col-gaps = Gaps
inventory-nature-ordinary = Ordinary
inventory-nature-special = Special (Art. 9)
inventory-nature-criminal = Criminal (Art. 10)
inventory-nature-national-id = National identification number
inventory-held-documents = { $count ->
        [one] One document
       *[other] { $count } documents
    }
inventory-held-nowhere = Not found in Kluis
inventory-unclassified = not classified
inventory-uploaded = uploaded directly
inventory-in-folder = in { $folder }
inventory-inactive = (not active)
inventory-none = none
inventory-retention-rule = { $amount } { $unit } ({ $activity })
inventory-unit-days = days
inventory-unit-weeks = weeks
inventory-unit-months = months
inventory-unit-years = years
inventory-gap-not-covered = Held, but no active processing activity covers it
inventory-gap-not-held = Claimed by an activity, not found in Kluis
inventory-gap-no-retention = No retention period
inventory-gap-none = No gap

## Findings: one message and one plain explanation per rule
compliance-activity-no-legal-basis = Processing activity "{ $activity }" has no legal basis.
compliance-activity-no-legal-basis-explain = Every processing of personal data needs one of the six legal bases of Art. 6(1): consent, contract, legal obligation, vital interests, public task or legitimate interests. Choose the one that applies.
compliance-activity-no-balancing-test = Processing activity "{ $activity }" relies on legitimate interests without a balancing test.
compliance-activity-no-balancing-test-explain = Legitimate interests (Art. 6(1)(f)) may only be used when your interest outweighs the interests of the people concerned. Write down that weighing.
compliance-activity-special-no-ground = Processing activity "{ $activity }" processes special categories of personal data without an Art. 9(2) ground.
compliance-activity-special-no-ground-explain = Health, religion, ethnicity, political opinions, trade-union membership, biometric or genetic data and sex life may only be processed under one of the exceptions of Art. 9(2), such as explicit consent or employment law.
compliance-activity-special-no-uavg = Processing activity "{ $activity }" processes special categories of personal data without naming the UAVG article.
compliance-activity-special-no-uavg-explain = In the Netherlands the UAVG (articles 22 to 30) fills in the exceptions of Art. 9(2). Name the article your processing rests on.
compliance-activity-criminal-no-basis = Processing activity "{ $activity }" processes criminal data without an Art. 10 basis.
compliance-activity-criminal-no-basis-explain = Data about criminal convictions and offences may only be processed under official authority or when a law allows it (Art. 10). Name that law.
compliance-activity-national-id-no-statute = Processing activity "{ $activity }" processes a national identification number without a statutory basis.
compliance-activity-national-id-no-statute-explain = A citizen service number (BSN) or national register number may only be used when a law requires or allows it (Dutch UAVG art. 46). Name that law, or stop processing the number.
compliance-activity-retention-missing = Processing activity "{ $activity }" has no retention period.
compliance-activity-retention-missing-explain = The register must say how long personal data is kept (Art. 30(1)(f)), and data may not be kept longer than needed (Art. 5(1)(e)). Add a retention rule.
compliance-activity-transfer-no-safeguard = Processing activity "{ $activity }" transfers personal data to { $country } without a safeguard.
compliance-activity-transfer-no-safeguard-explain = Personal data may only leave the European Economic Area with a safeguard: an adequacy decision, standard contractual clauses, binding corporate rules or a documented exception (Art. 44-49).
compliance-activity-dpia-not-screened = Processing activity "{ $activity }" has not been screened for a DPIA.
compliance-activity-dpia-not-screened-explain = For each processing activity, decide whether it is likely to result in a high risk and therefore needs a data protection impact assessment (Art. 35).
compliance-activity-dpia-due = Processing activity "{ $activity }" needs a DPIA that has not been carried out.
compliance-activity-dpia-due-explain = This activity was screened as high risk. Carry out the data protection impact assessment before (or while) processing (Art. 35(1)).
compliance-recipient-agreement-missing = Processor "{ $recipient }" has no signed processing agreement.
compliance-recipient-agreement-missing-explain = A processor that handles personal data for you needs a signed processing agreement with the points of Art. 28(3). Upload the signed agreement.
compliance-recipient-agreement-incomplete = The processing agreement with "{ $recipient }" misses points { $points } of Art. 28(3).
compliance-recipient-agreement-incomplete-explain = A processing agreement must cover every point of Art. 28(3)(a)-(h): instructions, confidentiality, security, sub-processors, help with rights and breaches, deletion at the end and audits.
compliance-agreement-expired = The processing agreement with "{ $recipient }" expired on { $date }.
compliance-agreement-expired-explain = Without a current agreement the processor works for you without the guarantees of Art. 28(3). Renew the agreement or stop using the processor.
compliance-recipient-transfer-no-safeguard = Recipient "{ $recipient }" is established in { $country }, outside the EEA, without a safeguard.
compliance-recipient-transfer-no-safeguard-explain = Sharing personal data with a party outside the European Economic Area needs a safeguard such as an adequacy decision or standard contractual clauses (Art. 44-46).
compliance-recipient-subprocessor-transfer-no-safeguard = Sub-processor "{ $subprocessor }" of "{ $recipient }" is in { $country }, outside the EEA, without a safeguard.
compliance-recipient-subprocessor-transfer-no-safeguard-explain = When a processor hands your data on to a sub-processor outside the European Economic Area, that transfer needs a safeguard too (Art. 28(4), Art. 44-46).
compliance-inventory-not-covered = { $count ->
        [one] { $category } was found in one document, but no active processing activity covers it.
       *[other] { $category } was found in { $count } documents, but no active processing activity covers it.
    }
compliance-inventory-not-covered-explain = You hold this personal data, so the register must say why (Art. 30(1)). Add it to the processing activity it belongs to, or delete the documents if you do not need them.
compliance-inventory-not-held = { $category } is claimed by { $activities }, but Kluis found it nowhere.
compliance-inventory-not-held-explain = Perhaps the data is kept outside Kluis (another system, paper). If it is not processed at all, remove it from the activity: collect no more than you need (Art. 5(1)(c)).
compliance-inventory-no-retention = { $category } has no retention period under { $activities }.
compliance-inventory-no-retention-explain = The activity keeps retention rules, but none covers this category. Add a rule for it, or a rule for all categories of the activity.
compliance-statement-missing = No privacy statement has been published.
compliance-statement-missing-explain = People must be told who you are, what you do with their data, why, how long and what their rights are (Art. 12-14). Publish a privacy statement.
compliance-statement-outdated = The privacy statement of { $date } is older than the register.
compliance-statement-outdated-explain = The register changed after the privacy statement was published, so the statement may no longer tell people the truth. Publish it again.
compliance-register-never-reviewed = The register of processing activities has never been reviewed.
compliance-register-never-reviewed-explain = Check the register at least once a year and sign it off, so it stays true and you can show it (Art. 24(1), Art. 30).
compliance-register-not-reviewed = The register of processing activities was last reviewed on { $date }, more than 12 months ago.
compliance-register-not-reviewed-explain = Check the register at least once a year and sign it off, so it stays true and you can show it (Art. 24(1), Art. 30).
compliance-profile-register-assessment-missing = You have not assessed whether the register is mandatory for you.
compliance-profile-register-assessment-missing-explain = Organisations under 250 people are sometimes exempt (Art. 30(5)), but almost never in practice: payroll and customer administration are not occasional. Answer the questions and keep the outcome.
compliance-profile-dpo-assessment-missing = You have not assessed whether you need a data protection officer.
compliance-profile-dpo-assessment-missing-explain = Some organisations must appoint a data protection officer (Art. 37(1)). Answer the three questions and keep your reasoning.
compliance-documents-unreadable = { $count ->
        [one] One document could not be read in full: its personal data is not known yet.
       *[other] { $count } documents could not be read in full: their personal data is not known yet.
    }
compliance-documents-unreadable-explain = The inventory only knows what Kluis can read. Check these documents (encrypted, damaged or images without text) and correct their classification by hand.
portfolio-title = All organisations
portfolio-link = All organisations
portfolio-intro = Where each organisation you belong to stands: the compliance score, the open findings, processing agreements ending within 60 days and the next review of the register.
portfolio-col-org = Organisation
portfolio-col-role = Your role
portfolio-col-score = Score
portfolio-col-high = Critical and high
portfolio-col-low = Medium and low
portfolio-col-expiring = Agreements ending
portfolio-col-review = Next review
portfolio-review-none = not scheduled yet
portfolio-overdue = overdue
