//! The data dir `kluis serve` creates, and every file in it, can be read only by the account running Kluis.

use crate::support::{Browser, Install};
use std::os::unix::fs::PermissionsExt;

#[test]
fn the_data_dir_and_its_files_are_private_to_the_owner() {
    let install = Install::new();
    let server = install.serve();
    // A request that writes, so SQLite has its -wal and -shm files.
    let login = Browser::new().get(&server.at("/login"));
    assert_eq!(login.status, 200);
    let mode = |p: &std::path::Path| {
        std::fs::metadata(p)
            .unwrap_or_else(|e| panic!("{}: {e}", p.display()))
            .permissions()
            .mode()
            & 0o777
    };
    assert_eq!(mode(&install.data_dir), 0o700, "data dir");
    let mut files = 0;
    for entry in std::fs::read_dir(&install.data_dir).expect("data dir") {
        let path = entry.expect("entry").path();
        let m = mode(&path);
        if path.is_dir() {
            assert_eq!(m, 0o700, "{} is {m:o}", path.display());
        } else {
            assert_eq!(m, 0o600, "{} is {m:o}", path.display());
            files += 1;
        }
    }
    assert!(files >= 1, "no files in the data dir");
    if install.database_url.is_none() {
        let db = install.sqlite_file();
        assert_eq!(mode(&db), 0o600, "database");
        for suffix in ["-wal", "-shm"] {
            let mut p = db.clone().into_os_string();
            p.push(suffix);
            let p = std::path::PathBuf::from(p);
            assert!(p.exists(), "{} missing", p.display());
            assert_eq!(mode(&p), 0o600, "{}", p.display());
        }
    }
    assert!(server.stop().success());
}
