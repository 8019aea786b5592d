### dpia_documents: English
### The DPIA's documents: its PDF in the order of the CNIL method and the risk map, with the method's questions,
### levels, risks and evaluations as Kluis words them.

## The method's questions, keyed by the domain's Question::label_key()
dpia-question-processing-description = Description of the processing: its nature, scope, context and purposes
dpia-question-responsibilities = Who is responsible for the processing (controller, joint controllers, processors)
dpia-question-standards = Applicable standards: approved codes of conduct, certifications and other standards
dpia-question-data = The personal data processed, their recipients and how long they are kept
dpia-question-life-cycle = The life cycle of the data and the processes
dpia-question-supporting-assets = The supporting assets of the data (systems, paper, people, channels)
dpia-question-purposes = Are the purposes specified, explicit and legitimate (Art. 5(1)(b))?
dpia-question-legal-basis = What is the legal basis of the processing (Art. 6, 9, 10)?
dpia-question-minimisation = Are the data adequate, relevant and limited to what is necessary (Art. 5(1)(c))?
dpia-question-accuracy = Are the data accurate and kept up to date (Art. 5(1)(d))?
dpia-question-storage-duration = How long are the data kept, and why (Art. 5(1)(e))?
dpia-question-information = How are the people informed about the processing (Art. 12-14)?
dpia-question-consent = Where consent is the basis, how is it obtained and withdrawn (Art. 7, 8)?
dpia-question-access-portability = How can people exercise their rights of access and data portability (Art. 15, 20)?
dpia-question-rectification-erasure = How can people exercise their rights to rectification and erasure (Art. 16, 17)?
dpia-question-restriction-objection = How can people exercise their rights to restriction and to object (Art. 18, 21)?
dpia-question-processors = Are the processors bound by a contract that meets Art. 28?
dpia-question-transfers = Are data transferred outside the EEA, and with which safeguards (Chapter V)?

## Levels, risks, evaluations
dpia-level-1 = Negligible
dpia-level-2 = Limited
dpia-level-3 = Significant
dpia-level-4 = Maximum
dpia-risk-illegitimate-access = Illegitimate access to data
dpia-risk-unwanted-modification = Unwanted modification of data
dpia-risk-disappearance = Disappearance of data
dpia-evaluation-pending = Not evaluated yet
dpia-evaluation-to-correct = To be corrected
dpia-evaluation-improvable = Improvable
dpia-evaluation-acceptable = Acceptable
dpia-advice-favourable = Favourable
dpia-advice-unfavourable = Unfavourable
dpia-validation-in-progress = In progress
dpia-validation-refused = Refused
dpia-validation-validated = Validated
dpia-validation-signed-validated = Validated and signed
dpia-validation-archived = Archived

## The risk map
dpia-map-title = Risk map
dpia-map-description = Severity and likelihood of the three feared events, before the action plan (hollow) and after it (filled).
dpia-map-severity = Severity
dpia-map-likelihood = Likelihood
dpia-map-before = Before the action plan
dpia-map-after = After the action plan
dpia-map-not-estimated = { $risk }: not estimated yet

## The PDF
dpia-doc-title = Data protection impact assessment (DPIA)
dpia-doc-subtitle = Article 35 GDPR, following the CNIL's PIA method
dpia-doc-file-stem = dpia
dpia-doc-organisation = Controller
dpia-doc-activity = Processing activity
dpia-doc-version = Version
dpia-doc-generated-on = Date
dpia-doc-category = Category
dpia-doc-author = Author
dpia-doc-evaluator = Evaluator
dpia-doc-validator = Validator
dpia-doc-status = Status
dpia-doc-footer = DPIA — { $title } — version { $version }
dpia-doc-not-answered = Not answered
dpia-doc-none = None
dpia-doc-yes = Yes
dpia-doc-no = No
dpia-doc-context = 1. Context
dpia-doc-overview = 1.1 Overview
dpia-doc-data-processes = 1.2 Data, processes and supporting assets
dpia-doc-principles = 2. Fundamental principles
dpia-doc-proportionality = 2.1 Proportionality and necessity
dpia-doc-rights = 2.2 Controls to protect the rights of the people
dpia-doc-measures = 3.1 Planned or existing measures
dpia-doc-risks = 3. Risks
dpia-doc-risk-map = 3.5 Risk map
dpia-doc-action-plan = 4. Action plan
dpia-doc-opinions = 5. Opinions and validation
dpia-doc-versions = Version history
dpia-doc-evaluation = Evaluation
dpia-doc-comment = Evaluator's comment
dpia-doc-action = Action
dpia-doc-owner = Owner
dpia-doc-due = Due
dpia-doc-impacts = Potential impacts on the people
dpia-doc-threats = Threats
dpia-doc-sources = Risk sources
dpia-doc-risk-measures = Measures that address the risk
dpia-doc-severity = Severity
dpia-doc-likelihood = Likelihood
dpia-doc-severity-rationale = Why this severity
dpia-doc-likelihood-rationale = Why this likelihood
dpia-doc-residual = After the action plan
dpia-doc-level = { $level } ({ $name })
dpia-doc-no-measures = No measures recorded.
dpia-doc-no-actions = No actions planned.
dpia-doc-dpo = Advice of the data protection officer (Art. 35(2))
dpia-doc-people = Views of the people concerned (Art. 35(9))
dpia-doc-names = Names
dpia-doc-advice = Advice
dpia-doc-opinion = Opinion
dpia-doc-sought = Views sought
dpia-doc-not-sought-reason = Why the views were not sought
dpia-doc-validation = Validation by the controller
dpia-doc-rejection-reason = Reason for refusal
dpia-doc-applied-adjustments = Adjustments made
dpia-doc-validated-on = Validated on
dpia-doc-review-on = Next review
dpia-doc-prior-consultation = Prior consultation of the supervisory authority (Art. 36)
dpia-doc-prior-consultation-decided = The controller consults the authority before processing
dpia-doc-prior-consultation-indicated = A high risk remains after the measures
dpia-doc-version-line = Version { $number }, { $date }
dpia-doc-no-versions = No earlier versions saved.
