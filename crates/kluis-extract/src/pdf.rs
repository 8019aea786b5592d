//! PDF text layer via pdf-extract (on lopdf), page by page.
use crate::{Ctx, Extracted, Res};
pub(crate) fn pdf(_ctx: &mut Ctx<'_>, _bytes: &[u8], _out: &mut Extracted) -> Res {
    Err(crate::Status::Unsupported("pdf not yet".into()))
}
