//! Reading a password for the CLI: from stdin with --password-stdin, else a no-echo prompt. Never from argv.

use crate::commands::Failure;
use std::io::{BufRead, IsTerminal};

pub fn read(from_stdin: bool, confirm: bool) -> Result<String, Failure> {
    if from_stdin {
        let mut line = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .map_err(|e| Failure(format!("could not read the password from stdin: {e}")))?;
        let password = line.trim_end_matches(['\r', '\n']).to_owned();
        if password.is_empty() {
            return Err(Failure(
                "no password on stdin (expected it on the first line)".into(),
            ));
        }
        return Ok(password);
    }
    if !std::io::stdin().is_terminal() {
        return Err(Failure(
            "no terminal to ask for the password on; pipe it in and pass --password-stdin".into(),
        ));
    }
    let password = rpassword::prompt_password("New password: ")
        .map_err(|e| Failure(format!("could not read the password: {e}")))?;
    if password.is_empty() {
        return Err(Failure("the password must not be empty".into()));
    }
    if confirm {
        let again = rpassword::prompt_password("Repeat password: ")
            .map_err(|e| Failure(format!("could not read the password: {e}")))?;
        if again != password {
            return Err(Failure("the passwords do not match".into()));
        }
    }
    Ok(password)
}
