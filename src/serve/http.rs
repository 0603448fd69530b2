//! The HTTP side of `stake serve`: the pages of the current build (with the reload
//! script and the problems' overlay written into each), and `/__stake/events`, a
//! server-sent event stream that tells open pages to reload after each rebuild.

use std::convert::Infallible;
use std::hash::{BuildHasher, Hasher};
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::{Query, State};
use axum::http::{HeaderValue, Method, StatusCode, Uri, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use futures_util::stream::{self, Stream};
use tower_http::set_header::SetResponseHeaderLayer;

use super::{EVENTS, Shared, site};

/// The router of the server.
pub fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .route(EVENTS, get(events))
        .fallback(file)
        .with_state(shared)
        // Every response is of this moment's build, and is what it says it is.
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        ))
}

/// A file of the current build; an HTML page with the reload script and the overlay.
async fn file(State(shared): State<Arc<Shared>>, method: Method, uri: Uri) -> Response {
    if method != Method::GET && method != Method::HEAD {
        return (StatusCode::METHOD_NOT_ALLOWED, "stake serve only reads\n").into_response();
    }
    let now = shared.now();
    let html = |page: &str| {
        let nonce = nonce();
        let script = super::reload_script(&now.version);
        let body = site::served_page(page, now.overlay.as_deref(), &script, &nonce);
        ([(header::CONTENT_TYPE, site::content_type("x.html"))], body).into_response()
    };
    let Some(site) = &now.site else {
        // Nothing built yet: every page is the overlay.
        return match &now.overlay {
            Some(_) => html(&super::overlay::empty_page()),
            None => (StatusCode::SERVICE_UNAVAILABLE, "building, try again\n").into_response(),
        };
    };
    match site.get(uri.path()) {
        Some((key, bytes)) if key.ends_with(".html") => html(&String::from_utf8_lossy(bytes)),
        Some((key, bytes)) => (
            [(header::CONTENT_TYPE, site::content_type(key))],
            bytes.to_vec(),
        )
            .into_response(),
        None => {
            let hint = if uri.path().ends_with(".pdf") {
                "; stake serve makes the HTML pages only, `stake build` writes the PDF files"
            } else {
                ""
            };
            (
                StatusCode::NOT_FOUND,
                format!("not found: the build has no such file{hint}\n"),
            )
                .into_response()
        }
    }
}

/// The query of `/__stake/events`: the build the page was served from.
#[derive(Debug, serde::Deserialize)]
struct Since {
    since: Option<String>,
}

/// Server-sent events: `reload` once the build differs from the page's (at once when it
/// already does, so a rebuild between serving a page and its connecting is not missed).
/// The stream holds no queue: a client that never reads costs one connection, and it
/// ends when the server stops.
async fn events(
    State(shared): State<Arc<Shared>>,
    Query(since): Query<Since>,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let changes = shared.changes.subscribe();
    let stopping = shared.stopping.subscribe();
    let stale = since.since.as_deref() != Some(shared.now().version.as_str());
    let stream = stream::unfold(
        (changes, stopping, stale),
        |(mut changes, mut stopping, stale)| async move {
            if *stopping.borrow() {
                return None;
            }
            if !stale {
                tokio::select! {
                    changed = changes.changed() => changed.ok()?,
                    _ = stopping.changed() => return None,
                }
            }
            let event = Event::default().event("reload").data("reload");
            Some((Ok(event), (changes, stopping, false)))
        },
    );
    Sse::new(stream).keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
}

/// A nonce for one response's script: 128 bits from the standard library's randomly
/// keyed hasher (seeded from the system's random source), so no page can guess it.
fn nonce() -> String {
    let half = || {
        std::collections::hash_map::RandomState::new()
            .build_hasher()
            .finish()
    };
    format!("{:016x}{:016x}", half(), half())
}
