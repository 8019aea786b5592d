//! Finds personal data in text and classifies documents: NL/BE identifiers, names, special categories. Pure, no IO.
