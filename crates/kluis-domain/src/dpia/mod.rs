//! The data protection impact assessment (Art. 35): whether an activity needs one (the screening), and later
//! the assessment itself in the structure of the CNIL's PIA method.

pub mod assessment;
pub mod screening;
