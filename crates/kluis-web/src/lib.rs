//! The only crate that knows HTTP: server-rendered pages, the REST API under /api/v1 and its OpenAPI document.

mod api;
mod assets;
mod backend;
mod context;
mod cookies;
mod download;
mod error;
pub use kluis_i18n as i18n;
pub use pages::compliance::{FindingView, finding_view};
mod multipart;
mod nav;
mod pages;
mod ratelimit;
mod security;
mod statement_text;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::handler::Handler;
use axum::http::Method;
use axum::routing::{MethodFilter, on};
use std::sync::Arc;

pub use api::openapi_json;
pub use ratelimit::ApiRateLimit;

/// How the web layer behaves in this deployment.
#[derive(Debug, Clone)]
pub struct WebOptions {
    /// Mark cookies `Secure`; true whenever Kluis is served over TLS (directly or behind a proxy).
    pub secure_cookies: bool,
    /// Largest request body accepted, in bytes.
    pub max_body_bytes: usize,
    /// Largest document upload accepted (all files of one request together), in bytes.
    pub max_upload_bytes: usize,
    /// Requests per API token (per IP without one) under `/api/`; `None` for no limit. Kept in this process:
    /// with several instances the limit holds per instance.
    pub api_rate_limit: Option<ApiRateLimit>,
}

impl Default for WebOptions {
    fn default() -> Self {
        WebOptions {
            secure_cookies: false,
            max_body_bytes: 1024 * 1024,
            max_upload_bytes: 50 * 1024 * 1024,
            api_rate_limit: Some(ApiRateLimit::default()),
        }
    }
}

/// Shared state of every handler.
#[derive(Clone)]
pub(crate) struct Web {
    pub app: backend::App,
    pub opts: Arc<WebOptions>,
    /// The API rate limit's buckets, shared by every clone of the router's state.
    pub limiter: Option<Arc<ratelimit::Limiter>>,
}

pub use kluis_app::modules::{Access, RouteSpec};

/// Every route of every module, as the modules declare them (`kluis_app::modules`). `router` registers routes
/// only on declared paths, and a test fails if a route is registered that no module declares (or the reverse),
/// so the tenant-isolation walk and the role matrix, which walk this table, cannot forget one.
pub fn route_table() -> Vec<&'static RouteSpec> {
    kluis_app::modules::routes().collect()
}

/// Registers routes and remembers them, so tests can compare the router with the declared routes.
struct Routes {
    router: Router<Web>,
    registered: Vec<(Method, &'static str)>,
}

impl Routes {
    fn new() -> Self {
        Routes {
            router: Router::new(),
            registered: Vec::new(),
        }
    }

    fn add<H, T>(mut self, method: Method, path: &'static str, handler: H) -> Self
    where
        H: Handler<T, Web>,
        T: 'static,
    {
        let filter = MethodFilter::try_from(method.clone()).unwrap_or(MethodFilter::GET);
        self.router = self.router.route(path, on(filter, handler));
        self.registered.push((method, path));
        self
    }

    fn get<H: Handler<T, Web>, T: 'static>(self, path: &'static str, h: H) -> Self {
        self.add(Method::GET, path, h)
    }

    fn post<H: Handler<T, Web>, T: 'static>(self, path: &'static str, h: H) -> Self {
        self.add(Method::POST, path, h)
    }

    fn merge(mut self, other: Routes) -> Self {
        self.router = self.router.merge(other.router);
        self.registered.extend(other.registered);
        self
    }
}

/// The whole HTTP interface of Kluis.
pub fn router(app: backend::App, opts: WebOptions) -> Router {
    router_with_table(app, opts).0
}

/// The router and the (method, path) pairs it registered. For tests that check the route table.
#[doc(hidden)]
pub fn router_with_table(app: backend::App, opts: WebOptions) -> (Router, Vec<(String, String)>) {
    let max_body = opts.max_body_bytes;
    let web = Web {
        app,
        limiter: opts
            .api_rate_limit
            .map(|l| Arc::new(ratelimit::Limiter::new(l))),
        opts: Arc::new(opts),
    };

    let with_context = |r: Routes| Routes {
        router: r.router.layer(axum::middleware::from_fn_with_state(
            web.clone(),
            context::page_context,
        )),
        registered: r.registered,
    };
    let pages = with_context(pages::routes());
    // Document uploads may be larger than other requests; `page_context` and the API handler read their bodies
    // with `max_upload_bytes` as the limit.
    let uploads = with_context(pages::documents::upload_routes())
        .merge(api::documents::upload_routes())
        .merge(with_context(pages::recipients::upload_routes()))
        .merge(api::recipients::upload_routes())
        .merge(with_context(pages::relations_import::upload_routes()))
        .merge(api::relations_import::upload_routes());

    let all = Routes::new()
        .get("/healthz", assets::healthz)
        .get("/readyz", assets::readyz)
        .get("/static/{file}", assets::static_file)
        .merge(pages)
        .merge(api::routes());

    let registered = all
        .registered
        .iter()
        .chain(uploads.registered.iter())
        .map(|(m, p)| (m.to_string(), (*p).to_owned()))
        .collect();
    let router = all
        .router
        .layer(DefaultBodyLimit::max(max_body))
        .layer(tower_http::limit::RequestBodyLimitLayer::new(max_body))
        .merge(uploads.router)
        .fallback(error::fallback)
        .layer(axum::middleware::from_fn_with_state(
            web.clone(),
            ratelimit::limit_api,
        ))
        .layer(axum::middleware::from_fn_with_state(
            web.clone(),
            api::translate_problems,
        ))
        .layer(axum::middleware::from_fn(security::headers))
        .with_state(web);
    (router, registered)
}
