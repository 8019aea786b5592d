//! A small reader for `multipart/form-data` bodies that are already in memory (uploads, and their CSRF field).
//!
//! Bodies reach handlers fully buffered and size-limited (`page_context` buffers every state-changing request to
//! check its CSRF token), so a streaming parser would buy nothing; this one never panics on malformed input.

/// One part of a multipart body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    /// The form field name (`name="…"`).
    pub name: String,
    /// The file name the browser sent (`filename="…"`), only the last path component.
    pub filename: Option<String>,
    pub content_type: Option<String>,
    pub data: Vec<u8>,
}

/// Why a body could not be read as multipart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MultipartError {
    /// The body does not follow the format (missing boundary, unterminated headers).
    Malformed,
}

/// The boundary of a `multipart/form-data` content type, if it is one.
pub fn boundary(content_type: &str) -> Option<String> {
    let mut pieces = content_type.split(';');
    let mime = pieces.next()?.trim();
    if !mime.eq_ignore_ascii_case("multipart/form-data") {
        return None;
    }
    pieces.find_map(|p| {
        let (k, v) = p.trim().split_once('=')?;
        if !k.trim().eq_ignore_ascii_case("boundary") {
            return None;
        }
        let v = v.trim().trim_matches('"');
        (!v.is_empty() && v.len() <= 200).then(|| v.to_owned())
    })
}

fn find(haystack: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    if needle.is_empty() || from > haystack.len() {
        return None;
    }
    haystack
        .get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|i| i + from)
}

/// The value of `key="…"` (or `key=…`) in a `Content-Disposition` header.
fn disposition_param(header: &str, key: &str) -> Option<String> {
    // Split on ';' outside quotes, so a file name containing ';' survives. Browsers do not escape backslashes
    // (old ones send Windows paths), they percent-encode quotes; so a backslash is an ordinary character.
    let mut params = Vec::new();
    let mut current = String::new();
    let mut quoted = false;
    for ch in header.chars() {
        match ch {
            '"' => quoted = !quoted,
            ';' if !quoted => {
                params.push(std::mem::take(&mut current));
                continue;
            }
            _ => {}
        }
        current.push(ch);
    }
    params.push(current);
    params.into_iter().skip(1).find_map(|p| {
        let (k, v) = p.trim().split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case(key)
            .then(|| v.trim().trim_matches('"').to_owned())
    })
}

/// Keeps only the last path component: old browsers send `C:\Users\…\file.pdf`.
fn base_name(name: &str) -> String {
    name.rsplit(['/', '\\'])
        .next()
        .unwrap_or(name)
        .trim()
        .to_owned()
}

/// Every part of `body`, split on `boundary`.
pub fn parse(body: &[u8], boundary: &str) -> Result<Vec<Part>, MultipartError> {
    let delimiter = format!("--{boundary}");
    let delim = delimiter.as_bytes();
    let next_delim = format!("\r\n--{boundary}");
    let next = next_delim.as_bytes();

    let mut pos = find(body, delim, 0).ok_or(MultipartError::Malformed)? + delim.len();
    let mut parts = Vec::new();
    loop {
        let rest = body.get(pos..).ok_or(MultipartError::Malformed)?;
        if rest.starts_with(b"--") {
            return Ok(parts);
        }
        // Skip transport padding and the line break after the delimiter.
        let line_end = find(body, b"\r\n", pos).ok_or(MultipartError::Malformed)?;
        let headers_start = line_end + 2;
        let (header_text, data_start) = if body
            .get(headers_start..)
            .is_some_and(|r| r.starts_with(b"\r\n"))
        {
            (String::new(), headers_start + 2)
        } else {
            let end = find(body, b"\r\n\r\n", headers_start).ok_or(MultipartError::Malformed)?;
            (
                String::from_utf8_lossy(body.get(headers_start..end).unwrap_or_default())
                    .into_owned(),
                end + 4,
            )
        };
        let data_end =
            find(body, next, data_start.min(body.len())).ok_or(MultipartError::Malformed)?;

        let mut name = None;
        let mut filename = None;
        let mut content_type = None;
        for line in header_text.split("\r\n") {
            let Some((k, v)) = line.split_once(':') else {
                continue;
            };
            let k = k.trim();
            if k.eq_ignore_ascii_case("content-disposition") {
                name = disposition_param(v, "name");
                filename = disposition_param(v, "filename").map(|f| base_name(&f));
            } else if k.eq_ignore_ascii_case("content-type") {
                content_type = Some(v.trim().to_owned());
            }
        }
        if let Some(name) = name {
            let data = body.get(data_start..data_end).unwrap_or_default().to_vec();
            parts.push(Part {
                name,
                filename,
                content_type,
                data,
            });
        }
        pos = data_end + next.len();
    }
}

/// The text value of the first field called `name`, if the body is multipart and has one.
pub fn text_field(body: &[u8], content_type: &str, name: &str) -> Option<String> {
    let b = boundary(content_type)?;
    let parts = parse(body, &b).ok()?;
    parts
        .into_iter()
        .find(|p| p.name == name && p.filename.is_none())
        .map(|p| String::from_utf8_lossy(&p.data).into_owned())
}

/// A multipart body for tests and tools: `(field, file name, content type, bytes)`.
/// A file of a multipart upload.
pub struct UploadFile {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// The files of a `multipart/form-data` body (parts with a file name; an empty file input sends one without a
/// name, which is left out). `None` when the body is not multipart.
pub fn upload_files(headers: &axum::http::HeaderMap, body: &[u8]) -> Option<Vec<UploadFile>> {
    let ct = headers
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())?;
    let boundary = boundary(ct)?;
    let parts = parse(body, &boundary).ok()?;
    Some(
        parts
            .into_iter()
            .filter_map(|p| {
                let name = p.filename?;
                (!(name.is_empty() && p.data.is_empty())).then_some(UploadFile {
                    name,
                    bytes: p.data,
                })
            })
            .collect(),
    )
}

#[cfg(test)]
fn build(boundary: &str, parts: &[(&str, Option<&str>, &[u8])]) -> Vec<u8> {
    let mut out = Vec::new();
    for (name, file, data) in parts {
        out.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
        match file {
            Some(f) => out.extend_from_slice(
                format!("Content-Disposition: form-data; name=\"{name}\"; filename=\"{f}\"\r\nContent-Type: application/octet-stream\r\n\r\n").as_bytes(),
            ),
            None => out.extend_from_slice(format!("Content-Disposition: form-data; name=\"{name}\"\r\n\r\n").as_bytes()),
        }
        out.extend_from_slice(data);
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_fields_and_files() {
        let body = build(
            "XyZ",
            &[
                ("csrf", None, b"tok"),
                ("files", Some("C:\\tmp\\a;b.txt"), b"one\r\ntwo"),
                ("files", Some("b.csv"), b""),
            ],
        );
        assert_eq!(
            boundary("multipart/form-data; boundary=XyZ").as_deref(),
            Some("XyZ")
        );
        assert_eq!(
            boundary("Multipart/Form-Data; charset=utf-8; boundary=\"XyZ\"").as_deref(),
            Some("XyZ")
        );
        assert_eq!(boundary("application/x-www-form-urlencoded"), None);
        let parts = parse(&body, "XyZ").expect("parts");
        assert_eq!(parts.len(), 3);
        assert_eq!(parts[1].filename.as_deref(), Some("a;b.txt"));
        assert_eq!(parts[1].data, b"one\r\ntwo");
        assert_eq!(parts[2].data, b"");
        assert_eq!(
            text_field(&body, "multipart/form-data; boundary=XyZ", "csrf").as_deref(),
            Some("tok")
        );
    }

    #[test]
    fn malformed_bodies_are_errors_not_panics() {
        for body in [
            &b""[..],
            b"--XyZ",
            b"--XyZ\r\n",
            b"--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nno end",
            b"garbage",
            b"--XyZ\r\n\r\n\r\n--XyZ--",
        ] {
            let _ = parse(body, "XyZ");
        }
        assert_eq!(parse(b"garbage", "XyZ"), Err(MultipartError::Malformed));
        // Every prefix of a valid body: never a panic.
        let body = build(
            "b",
            &[("csrf", None, b"t"), ("files", Some("x.txt"), b"data")],
        );
        for i in 0..body.len() {
            let _ = parse(&body[..i], "b");
        }
    }
}
