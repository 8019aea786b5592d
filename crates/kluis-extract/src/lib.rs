//! Turns document bytes (PDF, Office, ODF, mail, archives, HTML, text) into text, within limits.
