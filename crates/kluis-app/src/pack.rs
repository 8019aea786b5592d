//! ZIP packs of evidence (the auditor pack): the files, plus a manifest of every file's SHA-256 so a recipient can
//! check that nothing was changed after Kluis made it.

use sha2::{Digest, Sha256};
use std::io::{Cursor, Write};
use zip::write::SimpleFileOptions;

/// Name of the manifest inside a pack, in the format `sha256sum --check` reads.
pub const MANIFEST_NAME: &str = "SHA256SUMS";

/// One file of a pack.
#[derive(Debug, Clone)]
pub struct PackFile {
    /// Path inside the ZIP (`/`-separated, no leading slash).
    pub name: String,
    pub bytes: Vec<u8>,
}

/// A ZIP of `files` followed by [`MANIFEST_NAME`]: one line `<sha256 hex>  <name>` per file, in order.
pub fn zip_with_manifest(files: &[PackFile]) -> std::io::Result<Vec<u8>> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let mut manifest = String::new();
    for f in files {
        zip.start_file(f.name.as_str(), opts)
            .map_err(std::io::Error::other)?;
        zip.write_all(&f.bytes)?;
        manifest.push_str(&format!(
            "{}  {}\n",
            hex::encode(Sha256::digest(&f.bytes)),
            f.name
        ));
    }
    zip.start_file(MANIFEST_NAME, opts)
        .map_err(std::io::Error::other)?;
    zip.write_all(manifest.as_bytes())?;
    Ok(zip.finish().map_err(std::io::Error::other)?.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn the_manifest_lists_every_file_with_its_hash() {
        let files = vec![
            PackFile {
                name: "register.pdf".into(),
                bytes: b"%PDF-1.7 test".to_vec(),
            },
            PackFile {
                name: "statements/v1-nl.md".into(),
                bytes: b"# Privacyverklaring".to_vec(),
            },
        ];
        let bytes = zip_with_manifest(&files).unwrap_or_default();
        let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip");
        assert_eq!(archive.len(), 3);
        let mut manifest = String::new();
        archive
            .by_name(MANIFEST_NAME)
            .expect("manifest")
            .read_to_string(&mut manifest)
            .expect("text");
        let lines: Vec<&str> = manifest.lines().collect();
        assert_eq!(lines.len(), 2);
        assert_eq!(
            lines[0],
            format!(
                "{}  register.pdf",
                hex::encode(Sha256::digest(b"%PDF-1.7 test"))
            )
        );
        assert!(lines[1].ends_with("  statements/v1-nl.md"));
    }
}
