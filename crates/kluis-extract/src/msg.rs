//! Outlook MSG and other OLE compound files.
use crate::{Ctx, Extracted, Res};
pub(crate) fn ole(
    _ctx: &mut Ctx<'_>,
    _name: &str,
    _bytes: &[u8],
    _depth: u32,
    _out: &mut Extracted,
) -> Res {
    Err(crate::Status::Unsupported("msg not yet".into()))
}
