//! The page chrome: navigation built from the list of modules, organisation switcher, notices.
//!
//! The entries come from the modules' declarations (`kluis_app::modules::MODULES`); the navigation only ever
//! shows modules that exist and that the member's role may use.

use crate::backend::SessionInfo;
use crate::context::{Ctx, OrgCtx};
use crate::i18n::{Lang, Tr};
use kluis_app::modules::MODULES;
use kluis_domain::Role;

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
    /// Whether the header offers "New organisation" (the user owns at least one).
    pub can_create_org: bool,
}

/// One choice of the header's language switch.
pub struct LangChoice {
    pub code: &'static str,
    pub name: &'static str,
    pub current: bool,
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
            can_create_org: false,
        }
    }

    /// Chrome for a logged-in user's page outside an organisation's path (errors, new organisation): the
    /// navigation of `org_slug` when they are a member there, else of the organisation they work in.
    pub fn session(
        tr: Tr,
        csrf: &str,
        session: &SessionInfo,
        org_slug: Option<&str>,
        title_key: &str,
    ) -> Chrome {
        let member = org_slug
            .and_then(|slug| session.memberships.iter().find(|(o, _)| o.slug == slug))
            .or_else(|| {
                session
                    .current_org
                    .as_ref()
                    .and_then(|c| session.memberships.iter().find(|(o, _)| o.id == c.id))
            })
            .or_else(|| session.memberships.first());
        match member {
            Some((org, role)) => Chrome::member(tr, csrf, session, &org.slug, *role, title_key, ""),
            None => {
                let mut c = Chrome::public(tr, csrf, title_key);
                c.user_name = Some(session.user.display_name.clone());
                c
            }
        }
    }

    fn member(
        tr: Tr,
        csrf: &str,
        session: &SessionInfo,
        org_slug: &str,
        role: Role,
        title_key: &str,
        current: &str,
    ) -> Chrome {
        let nav = MODULES
            .iter()
            .filter_map(|m| Some((m.id, m.nav?)))
            .filter(|(_, entry)| role.allows(entry.needs))
            .map(|(id, entry)| NavItem {
                label: tr.t(entry.label).to_owned(),
                href: format!("/o/{org_slug}{}", entry.path),
                current: id == current,
            })
            .collect();
        let orgs: Vec<OrgChoice> = session
            .memberships
            .iter()
            .map(|(org, _)| OrgChoice {
                slug: org.slug.clone(),
                name: org.name.clone(),
                current: org.slug == org_slug,
            })
            .collect();
        let org_name = orgs.iter().find(|c| c.current).map(|c| c.name.clone());
        Chrome {
            tr,
            title: tr.t(title_key).to_owned(),
            csrf: csrf.to_owned(),
            user_name: Some(session.user.display_name.clone()),
            org_slug: Some(org_slug.to_owned()),
            org_name,
            orgs,
            nav,
            notice: None,
            error: None,
            can_create_org: session.memberships.iter().any(|(_, r)| *r == Role::Owner),
        }
    }

    /// Chrome for a page of one organisation, `current` naming the module the page belongs to.
    pub fn org(o: &OrgCtx, title_key: &str, current: &str, flash: &Flash) -> Chrome {
        let tr = o.ctx.tr();
        let mut c = Chrome::member(
            tr,
            &o.ctx.csrf,
            &o.session,
            &o.org_slug,
            o.actor.role,
            title_key,
            current,
        );
        c.notice = flash
            .notice
            .as_deref()
            .and_then(|k| known(tr, "notice-", k));
        c.error = flash.error.as_deref().and_then(|k| known(tr, "error-", k));
        c
    }

    pub fn with_ctx_public(ctx: &Ctx, title_key: &str) -> Chrome {
        Chrome::public(ctx.tr(), &ctx.csrf, title_key)
    }

    pub fn has_switcher(&self) -> bool {
        self.orgs.len() > 1
    }

    /// The header's language switch: every language, in its own name.
    pub fn languages(&self) -> Vec<LangChoice> {
        Lang::ALL
            .iter()
            .map(|l| LangChoice {
                code: l.code(),
                name: l.native_name(),
                current: *l == self.tr.lang,
            })
            .collect()
    }
}

/// Flash messages travel as catalogue keys in the query string (`?notice=statement-published`), never as free text.
#[derive(Debug, Default, serde::Deserialize)]
pub struct Flash {
    pub notice: Option<String>,
    pub error: Option<String>,
}

fn known(tr: Tr, prefix: &str, key: &str) -> Option<String> {
    let full = format!("{prefix}{key}");
    crate::i18n::catalogue(tr.lang).get(&full).cloned()
}
