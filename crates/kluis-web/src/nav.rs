//! The page chrome: navigation built from the list of modules, organisation switcher, notices.
//!
//! The entries come from the modules' declarations (`kluis_app::modules::MODULES`); the navigation only ever
//! shows modules that exist and that the member's role may use.

use crate::context::{Ctx, OrgCtx};
use crate::i18n::Tr;
use kluis_app::modules::MODULES;

pub struct NavItem {
    pub label: String,
    pub href: String,
    pub current: bool,
}

pub struct OrgChoice {
    pub slug: String,
    pub name: String,
    pub current: bool,
}

/// Everything the layout (`base.html`) needs besides the page's own content.
pub struct Chrome {
    pub tr: Tr,
    pub title: String,
    pub csrf: String,
    pub user_name: Option<String>,
    pub org_slug: Option<String>,
    pub org_name: Option<String>,
    pub orgs: Vec<OrgChoice>,
    pub nav: Vec<NavItem>,
    pub notice: Option<String>,
    pub error: Option<String>,
}

impl Chrome {
    /// Chrome for pages outside an organisation (setup, login, errors).
    pub fn public(tr: Tr, csrf: &str, title_key: &str) -> Chrome {
        Chrome {
            tr,
            title: tr.t(title_key).to_owned(),
            csrf: csrf.to_owned(),
            user_name: None,
            org_slug: None,
            org_name: None,
            orgs: Vec::new(),
            nav: Vec::new(),
            notice: None,
            error: None,
        }
    }

    /// Chrome for a page of one organisation, `current` naming the module the page belongs to.
    pub fn org(o: &OrgCtx, title_key: &str, current: &str, flash: &Flash) -> Chrome {
        let tr = o.ctx.tr();
        let role = o.actor.role;
        let nav = MODULES
            .iter()
            .filter_map(|m| Some((m.id, m.nav?)))
            .filter(|(_, entry)| role.allows(entry.needs))
            .map(|(id, entry)| NavItem {
                label: tr.t(entry.label).to_owned(),
                href: format!("/o/{}{}", o.org_slug, entry.path),
                current: id == current,
            })
            .collect();
        let orgs: Vec<OrgChoice> = o
            .session
            .memberships
            .iter()
            .map(|(org, _)| OrgChoice {
                slug: org.slug.clone(),
                name: org.name.clone(),
                current: org.slug == o.org_slug,
            })
            .collect();
        let org_name = orgs.iter().find(|c| c.current).map(|c| c.name.clone());
        Chrome {
            tr,
            title: tr.t(title_key).to_owned(),
            csrf: o.ctx.csrf.clone(),
            user_name: Some(o.session.user.display_name.clone()),
            org_slug: Some(o.org_slug.clone()),
            org_name,
            orgs,
            nav,
            notice: flash
                .notice
                .as_deref()
                .and_then(|k| known(tr, "notice-", k)),
            error: flash.error.as_deref().and_then(|k| known(tr, "error-", k)),
        }
    }

    pub fn with_ctx_public(ctx: &Ctx, title_key: &str) -> Chrome {
        Chrome::public(ctx.tr(), &ctx.csrf, title_key)
    }

    pub fn has_switcher(&self) -> bool {
        self.orgs.len() > 1
    }
}

/// Flash messages travel as catalogue keys in the query string (`?notice=member-added`), never as free text.
#[derive(Debug, Default, serde::Deserialize)]
pub struct Flash {
    pub notice: Option<String>,
    pub error: Option<String>,
}

fn known(tr: Tr, prefix: &str, key: &str) -> Option<String> {
    let full = format!("{prefix}{key}");
    crate::i18n::catalogue(tr.lang).get(&full).cloned()
}
