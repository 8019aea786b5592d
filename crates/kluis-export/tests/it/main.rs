//! The register exports through the crate's public API: every format renders a realistic register, the PDF and
//! the workbook read back, the CSV holds the GBA columns, the JSON round-trips, an empty register is refused, and
//! the DPV and fideslang exports pass their own projects' validators.

mod formats;
mod sample;
mod validators;
