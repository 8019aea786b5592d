//! Who and what an account is made of: e-mail addresses, organisation slugs and passwords, parsed once.
//!
//! Each type can only hold a value that passed its rule, so code that has one need not check again. The error
//! enums say what was wrong without any of the input in them; the web layer turns them into text in the user's
//! language, the CLI and the API use their English `Display`.

use std::fmt;

/// Longest e-mail address accepted (RFC 5321's path limit less the brackets).
pub const MAX_EMAIL_LEN: usize = 254;

/// A normalised e-mail address: trimmed, lower-cased, `local@domain.tld`, no whitespace.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct EmailAddress(String);

/// Why a text is not an e-mail address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EmailError {
    /// Nothing was entered.
    Empty,
    /// Longer than [`MAX_EMAIL_LEN`].
    TooLong,
    /// Not of the form `name@domain.tld`, or with spaces in it.
    Malformed,
}

impl fmt::Display for EmailError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            EmailError::Empty => "enter an e-mail address",
            EmailError::TooLong => "an e-mail address has at most 254 characters",
            EmailError::Malformed => "enter a valid e-mail address",
        })
    }
}

impl std::error::Error for EmailError {}

impl EmailAddress {
    /// The address in normal form, or why it is not one.
    pub fn parse(text: &str) -> Result<EmailAddress, EmailError> {
        let e = text.trim().to_lowercase();
        if e.is_empty() {
            return Err(EmailError::Empty);
        }
        if e.len() > MAX_EMAIL_LEN {
            return Err(EmailError::TooLong);
        }
        let well_formed = e.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty()
                && !domain.contains('@')
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
        }) && !e.chars().any(char::is_whitespace);
        if !well_formed {
            return Err(EmailError::Malformed);
        }
        Ok(EmailAddress(e))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

impl fmt::Debug for EmailAddress {
    // An address is personal data: debug output (logs, panics) shows only that there is one.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("EmailAddress(..)")
    }
}

/// Fewest and most characters of an organisation slug.
pub const SLUG_LEN: std::ops::RangeInclusive<usize> = 2..=50;

/// An organisation's name in web addresses (`/o/{slug}`): 2 to 50 lowercase ASCII letters, digits and dashes,
/// not starting or ending with a dash.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct OrgSlug(String);

/// Why a text is not an organisation slug.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SlugError {
    /// Fewer than 2 or more than 50 characters.
    Length,
    /// A character other than a lowercase letter, digit or dash.
    Characters,
    /// Starts or ends with a dash.
    EdgeDash,
}

impl fmt::Display for SlugError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            SlugError::Length => "use 2 to 50 characters",
            SlugError::Characters => "use only lowercase letters, digits and dashes",
            SlugError::EdgeDash => "do not start or end with a dash",
        })
    }
}

impl std::error::Error for SlugError {}

impl OrgSlug {
    /// The slug (trimmed, ASCII lower-cased), or why it is not one.
    pub fn parse(text: &str) -> Result<OrgSlug, SlugError> {
        let s = text.trim().to_ascii_lowercase();
        if !SLUG_LEN.contains(&s.chars().count()) {
            return Err(SlugError::Length);
        }
        if !s
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        {
            return Err(SlugError::Characters);
        }
        if s.starts_with('-') || s.ends_with('-') {
            return Err(SlugError::EdgeDash);
        }
        Ok(OrgSlug(s))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

impl fmt::Display for OrgSlug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Fewest characters of a password: long enough for a short sentence, which is strong and memorable.
pub const MIN_PASSWORD_CHARS: usize = 12;
/// Most bytes of a password, so hashing cannot be made arbitrarily slow.
pub const MAX_PASSWORD_BYTES: usize = 1024;

/// A password that meets the policy (at least [`MIN_PASSWORD_CHARS`] characters, at most
/// [`MAX_PASSWORD_BYTES`] bytes). Kept as entered: spaces are part of it.
#[derive(Clone)]
pub struct Password(String);

/// Why a text is not an acceptable password.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PasswordError {
    /// Fewer than `min` characters.
    TooShort { min: usize },
    /// More than `max_bytes` bytes.
    TooLong { max_bytes: usize },
}

impl fmt::Display for PasswordError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PasswordError::TooShort { min } => write!(f, "use at least {min} characters"),
            PasswordError::TooLong { max_bytes } => write!(f, "use at most {max_bytes} bytes"),
        }
    }
}

impl std::error::Error for PasswordError {}

impl Password {
    /// The password, or why the policy refuses it.
    pub fn parse(text: &str) -> Result<Password, PasswordError> {
        if text.chars().count() < MIN_PASSWORD_CHARS {
            return Err(PasswordError::TooShort {
                min: MIN_PASSWORD_CHARS,
            });
        }
        if text.len() > MAX_PASSWORD_BYTES {
            return Err(PasswordError::TooLong {
                max_bytes: MAX_PASSWORD_BYTES,
            });
        }
        Ok(Password(text.to_owned()))
    }

    /// The password itself, for hashing.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password(..)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn email_is_normalised_and_checked() {
        assert_eq!(
            EmailAddress::parse("  An@Example.NL ").map(|e| e.into_string()),
            Ok("an@example.nl".to_owned())
        );
        assert_eq!(EmailAddress::parse(" ").err(), Some(EmailError::Empty));
        for bad in [
            "an",
            "an@example",
            "@example.nl",
            "a n@example.nl",
            "a@b@c.nl",
            "a@.nl",
        ] {
            assert_eq!(
                EmailAddress::parse(bad).err(),
                Some(EmailError::Malformed),
                "{bad}"
            );
        }
        let long = format!("{}@example.nl", "a".repeat(250));
        assert_eq!(EmailAddress::parse(&long).err(), Some(EmailError::TooLong));
        assert!(!format!("{:?}", EmailAddress::parse("an@example.nl")).contains("an@"));
    }

    #[test]
    fn slug_rules() {
        assert_eq!(
            OrgSlug::parse(" Bakkerij-Jansen ").map(OrgSlug::into_string),
            Ok("bakkerij-jansen".to_owned())
        );
        assert_eq!(OrgSlug::parse("a").err(), Some(SlugError::Length));
        assert_eq!(
            OrgSlug::parse(&"a".repeat(51)).err(),
            Some(SlugError::Length)
        );
        assert_eq!(OrgSlug::parse("a_b").err(), Some(SlugError::Characters));
        assert_eq!(OrgSlug::parse("bäcker").err(), Some(SlugError::Characters));
        assert_eq!(OrgSlug::parse("-ab").err(), Some(SlugError::EdgeDash));
        assert_eq!(OrgSlug::parse("ab-").err(), Some(SlugError::EdgeDash));
        assert!(OrgSlug::parse("a1").is_ok());
    }

    #[test]
    fn password_policy() {
        assert_eq!(
            Password::parse("elf tekens!").err(),
            Some(PasswordError::TooShort { min: 12 })
        );
        assert!(Password::parse("twaalf tekens").is_ok());
        // Characters, not bytes: twelve accented letters pass.
        assert!(Password::parse(&"é".repeat(12)).is_ok());
        assert_eq!(
            Password::parse(&"x".repeat(1025)).err(),
            Some(PasswordError::TooLong { max_bytes: 1024 })
        );
        assert_eq!(
            format!("{:?}", Password::parse("geheim wachtwoord").ok()),
            "Some(Password(..))"
        );
    }
}
