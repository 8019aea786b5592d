//! E-mail: an EML is one document (headers, body, attachment texts as segments); an MBOX is a
//! container of such documents. Parsing by mail-parser 0.11.

use mail_parser::{Address, MessageParser, MimeHeaders, PartType};

use crate::{Child, Ctx, Extracted, Format, Location, Part, Res, Status, corrupt, html};

pub(crate) fn eml(ctx: &mut Ctx<'_>, bytes: &[u8], depth: u32, out: &mut Extracted) -> Res {
    let msg = MessageParser::default()
        .parse(bytes)
        .ok_or_else(|| corrupt("not a readable e-mail message"))?;
    let mut head = String::new();
    for (label, addr) in [
        ("From", msg.from()),
        ("To", msg.to()),
        ("Cc", msg.cc()),
        ("Bcc", msg.bcc()),
        ("Reply-To", msg.reply_to()),
    ] {
        if let Some(a) = addr {
            head.push_str(label);
            head.push_str(": ");
            addresses(a, &mut head);
            head.push('\n');
        }
    }
    head.truncate(head.trim_end().len());
    ctx.push(out, head, Some(Location::Part(Part::MailHeader)))?;
    if let Some(s) = msg.subject() {
        ctx.push(out, s.to_owned(), Some(Location::Part(Part::Subject)))?;
    }
    let mut any_body = false;
    for part in msg.text_bodies() {
        any_body = true;
        body_part(ctx, &part.body, out)?;
    }
    if !any_body {
        for part in msg.html_bodies() {
            body_part(ctx, &part.body, out)?;
        }
    }
    for (n, part) in msg.attachments().enumerate() {
        ctx.check_deadline()?;
        ctx.entry()?;
        let name = part
            .attachment_name()
            .map_or_else(|| format!("attachment {}", n + 1), str::to_owned);
        let data = part.contents();
        ctx.charge(data.len() as u64)?;
        let force = matches!(part.body, PartType::Message(_)).then_some(Format::Eml);
        let child = ctx.node_with(&name, data, depth + 1, force);
        merge_attachment(out, &name, child);
    }
    Ok(())
}

fn body_part(ctx: &mut Ctx<'_>, body: &PartType<'_>, out: &mut Extracted) -> Res {
    let t = match body {
        PartType::Text(t) => t.to_string(),
        PartType::Html(h) => html::to_text(h),
        _ => return Ok(()),
    };
    ctx.push(out, t, Some(Location::Part(Part::Body)))
}

fn addresses(a: &Address<'_>, s: &mut String) {
    for (i, ad) in a.iter().enumerate() {
        if i > 0 {
            s.push_str(", ");
        }
        match (ad.name(), ad.address()) {
            (Some(n), Some(e)) => {
                s.push_str(n);
                s.push_str(" <");
                s.push_str(e);
                s.push('>');
            }
            (Some(n), None) => s.push_str(n),
            (None, Some(e)) => s.push_str(e),
            (None, None) => {}
        }
    }
}

/// An attachment's text becomes part of the mail (located in attachment `name`); its own problems
/// (encrypted, corrupt, ...) are kept visible as a child with that status.
pub(crate) fn merge_attachment(out: &mut Extracted, name: &str, child: Extracted) {
    let Extracted {
        format,
        status,
        segments,
        children,
        partial,
    } = child;
    for mut seg in segments {
        seg.location = Some(Location::Attachment {
            name: name.to_owned(),
            within: seg.location.map(Box::new),
        });
        out.segments.push(seg);
    }
    for c in children {
        merge_attachment(out, &format!("{name}!/{}", c.name), c.extracted);
    }
    // What the attachment could not read, the mail could not either.
    for r in partial {
        out.mark_partial(r);
    }
    if status != Status::Ok {
        let mut failed = Extracted::new(format);
        failed.status = status;
        failed.settle();
        out.children.push(Child {
            name: format!("attachment: {name}"),
            extracted: failed,
        });
    }
}

pub(crate) fn mbox(ctx: &mut Ctx<'_>, bytes: &[u8], depth: u32, out: &mut Extracted) -> Res {
    let it = mail_parser::mailbox::mbox::MessageIterator::new(bytes);
    for (n, m) in it.enumerate() {
        ctx.check_deadline()?;
        ctx.entry()?;
        let name = format!("message-{}.eml", n + 1);
        let child = match m {
            Ok(m) => ctx.node_with(&name, m.contents(), depth + 1, Some(Format::Eml)),
            Err(e) => crate::zipc::failed(
                Format::Eml,
                corrupt(format!("unreadable mailbox entry: {e}")),
            ),
        };
        out.children.push(Child {
            name,
            extracted: child,
        });
        if ctx.text_full() {
            return Err(ctx.text_exceeded());
        }
    }
    Ok(())
}
