//! Application services shared by the web server and the CLI: every use case, authorised and audited.
