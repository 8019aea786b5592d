//! Reading request cookies and writing the few cookies Kluis sets (session, pending TOTP login, pre-login CSRF,
//! language).

use axum::http::HeaderMap;
use axum::http::header::COOKIE;

pub const SESSION: &str = "kluis_session";
/// A login waiting for its TOTP code (the password was right); the server keeps only the token's digest.
pub const PENDING_LOGIN: &str = "kluis_pending_login";
pub const PRE_CSRF: &str = "kluis_csrf";
pub const LANG: &str = "kluis_lang";

/// The value of cookie `name`, if the request carries it (first occurrence wins).
pub fn get(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.trim().trim_matches('"').to_owned())
        .filter(|v| !v.is_empty())
}

/// A `Set-Cookie` value: HttpOnly, SameSite=Lax, Path=/, and Secure when served over TLS.
/// `max_age` None makes a browser-session cookie.
pub fn set(name: &str, value: &str, secure: bool, max_age: Option<u64>) -> String {
    let mut c = format!("{name}={value}; Path=/; HttpOnly; SameSite=Lax");
    if let Some(age) = max_age {
        c.push_str(&format!("; Max-Age={age}"));
    }
    if secure {
        c.push_str("; Secure");
    }
    c
}

/// A `Set-Cookie` value that removes cookie `name`.
pub fn clear(name: &str, secure: bool) -> String {
    set(name, "", secure, Some(0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn finds_cookie_among_several() {
        let mut h = HeaderMap::new();
        h.append(
            COOKIE,
            HeaderValue::from_static("a=1; kluis_session=abc; b=2"),
        );
        assert_eq!(get(&h, SESSION).as_deref(), Some("abc"));
        assert_eq!(get(&h, LANG), None);
        assert_eq!(
            set(SESSION, "x", true, None),
            "kluis_session=x; Path=/; HttpOnly; SameSite=Lax; Secure"
        );
    }
}
