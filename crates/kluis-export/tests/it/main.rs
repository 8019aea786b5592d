//! The register exports through the crate's public API: every format renders a realistic register, the PDF and
//! the workbook read back, the CSV holds the GBA columns, the JSON round-trips, an empty register is refused, and
//! the DPV and fideslang exports pass their own projects' validators.
//! The breach documents (notification to the authority, letter, DPV) and the DPIA (PDF, risk map) render in
//! Dutch and English with every catalogue key present.

mod breach;
mod breach_dpv;
mod documents_sample;
mod dpia;
mod formats;
mod sample;
mod validators;
