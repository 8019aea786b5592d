//! Optional OCR through the tesseract command.
use crate::{Ctx, Extracted, Res};
pub(crate) fn image(_ctx: &mut Ctx<'_>, _bytes: &[u8], _out: &mut Extracted) -> Res {
    Err(crate::Status::ImageWithoutText)
}
