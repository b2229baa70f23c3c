//! The HTTP router: Leptos pages, server functions under `/api`, static files, and the
//! cross-cutting protections (same-origin check on mutations, security headers).

use crate::state::ServerState;
use app::{App, shell};
use axum::Router;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::post;
use http::{HeaderValue, Method, StatusCode, header};
use leptos::prelude::*;
use leptos_axum::{LeptosRoutes, generate_route_list, handle_server_fns_with_context};
use service::foundation::state::AppState;

/// The client's address: the peer's, or, when the peer is a trusted proxy, the nearest address
/// in `X-Forwarded-For` that is not itself a trusted proxy. Entries are read from the right:
/// everything left of the first untrusted hop is whatever the client chose to send.
pub fn client_address(
    peer: Option<std::net::IpAddr>,
    forwarded_for: Option<&str>,
    trusted: &[std::net::IpAddr],
) -> Option<std::net::IpAddr> {
    let mut client = peer?;
    if !trusted.contains(&client) {
        return Some(client);
    }
    for hop in forwarded_for.unwrap_or_default().rsplit(',') {
        match hop.trim().parse::<std::net::IpAddr>() {
            Ok(ip) => {
                client = ip;
                if !trusted.contains(&ip) {
                    break;
                }
            }
            // A garbled entry: believe nothing further left of it.
            Err(_) => break,
        }
    }
    Some(client)
}

async fn server_fn_handler(req: Request<Body>) -> impl IntoResponse {
    handle_server_fns_with_context(|| {}, req).await
}

/// CSRF protection for every mutation: a browser always sends `Origin` on a cross-site POST,
/// so a request whose origin is not this host is refused. (Cookies are also `SameSite=Lax`.)
async fn same_origin_only(req: Request, next: Next) -> Response {
    if !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        let headers = req.headers();
        let host = headers.get(header::HOST).and_then(|h| h.to_str().ok());
        let origin_ok = match headers.get(header::ORIGIN).and_then(|o| o.to_str().ok()) {
            Some(origin) => {
                let origin_host = origin.split_once("://").map(|(_, rest)| rest);
                origin_host.is_some() && origin_host == host
            }
            None => headers
                .get("sec-fetch-site")
                .and_then(|v| v.to_str().ok())
                .is_none_or(|v| v != "cross-site"),
        };
        if !origin_ok {
            return (StatusCode::FORBIDDEN, "cross-origin request refused").into_response();
        }
    }
    next.run(req).await
}

/// The largest request body a server function accepts. Every argument has a much smaller limit
/// of its own (names 100, texts 2,000 characters); this bound makes sure a huge body is refused
/// with a clear message before anything parses, queries or stores it.
pub const MAX_API_BODY: usize = 64 * 1024;

/// (Leptos registers each server function as a route of its own, so this is a layer on the
/// whole router that looks at the path.)
async fn bounded_api_body(req: Request, next: Next) -> Response {
    // No text we keep or search may hold a NUL character (PostgreSQL cannot store one; no
    // person types one): refused here, in the query string of any page or in any API body,
    // so no feature has to remember it.
    if req.uri().query().is_some_and(has_nul) {
        return refuse(NUL_MESSAGE);
    }
    if !req.uri().path().starts_with("/api/") {
        return next.run(req).await;
    }
    let (parts, body) = req.into_parts();
    match axum::body::to_bytes(body, MAX_API_BODY).await {
        Ok(bytes) if has_nul(&String::from_utf8_lossy(&bytes)) => refuse(NUL_MESSAGE),
        Ok(bytes) => {
            next.run(Request::from_parts(parts, Body::from(bytes)))
                .await
        }
        Err(_) => refuse("Dit verzoek is te groot. Maak de tekst korter en probeer het opnieuw."),
    }
}

const NUL_MESSAGE: &str = "Dit verzoek bevat een teken dat niet is toegestaan (NUL). Haal het weg en probeer het opnieuw.";

/// A NUL character, raw or as it is written in a form (`%00`) or in JSON (`\u0000`).
fn has_nul(text: &str) -> bool {
    text.contains('\0') || text.contains("%00") || text.contains("\\u0000")
}

fn refuse(message: &str) -> Response {
    let error = kernel::error::AppError::invalid("request", message);
    (
        StatusCode::BAD_REQUEST,
        [(header::CONTENT_TYPE, "application/json")],
        serde_json::to_string(&error).unwrap_or_default(),
    )
        .into_response()
}

/// Builds the request's `service::Context` (state, session token, client address, trace) once,
/// for every server function, page and handler of the request, and makes the client address
/// and the trace known to the audit and processing logs for the whole request
/// (`service::foundation::{client::CLIENT, trace::TRACE}`). When the response is ready, the
/// processing log writes what it held for the request (its refusals, and the operations of a
/// failed request that rolled back); if that write fails, so does the request.
async fn request_context(
    State(state): State<ServerState>,
    mut req: Request,
    next: Next,
) -> Response {
    let peer = req
        .extensions()
        .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .map(|c| c.0.ip());
    let forwarded = req
        .headers()
        .get("x-forwarded-for")
        .and_then(|v| v.to_str().ok());
    let ip = client_address(peer, forwarded, &state.trusted_proxies).map(|ip| ip.to_string());
    // Two `traceparent` headers make neither valid (W3C Trace Context, 3.2).
    let mut given = req.headers().get_all("traceparent").iter();
    let traceparent = match (given.next(), given.next()) {
        (Some(one), None) => one.to_str().ok(),
        _ => None,
    };
    let trace =
        service::foundation::trace::Trace::from_traceparent(traceparent, chrono::Utc::now());
    let cx = service::Context::new(state.app.clone(), req.headers(), ip.clone(), trace.clone());
    req.extensions_mut().insert(cx);
    let res = service::foundation::client::CLIENT
        .scope(
            ip,
            service::foundation::trace::TRACE.scope(trace.clone(), next.run(req)),
        )
        .await;
    let failed = res.status().is_client_error() || res.status().is_server_error();
    match service::access::processing_log::settle(&state.app.db, &trace, failed).await {
        Ok(()) => res,
        Err(e) => {
            tracing::error!(error = ?e, "the processing log could not be written");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

/// A signed-out visitor who opens a page only signed-in people can use (`app::SIGNED_IN_PAGES`,
/// e.g. a bookmark) is sent to log in, and the log-in ends on that page: better than the page
/// telling them to log in, and it spares their browser that audience's part of the bundle. A
/// session waiting for its second step is left to the page, which points to that step.
async fn sign_in_first(req: Request, next: Next) -> Response {
    if matches!(*req.method(), Method::GET | Method::HEAD)
        && app::signed_in_only(req.uri().path())
        && let Some(cx) = req.extensions().get::<service::Context>()
        && cx.signed_out().await.unwrap_or(false)
    {
        let asked = req
            .uri()
            .path_and_query()
            .map_or(req.uri().path(), |p| p.as_str());
        return Redirect::to(&kernel::views::auth::login_for(asked)).into_response();
    }
    next.run(req).await
}

/// Security headers on every response; personal data is never cached.
async fn security_headers(State(state): State<ServerState>, req: Request, next: Next) -> Response {
    let bundle = req.uri().path().starts_with("/pkg/");
    let mut res = next.run(req).await;
    add_security_headers(res.headers_mut(), state.app.cookies_secure(), bundle);
    res
}

/// The headers of [`security_headers`]. `https`: the site is served over https (its public
/// URL), so browsers are told to use nothing else (HSTS); on plain http the header would be
/// ignored anyway. The page's Content-Security-Policy, which needs the nonce of the rendered
/// page, is set where the page is rendered (`app::content_security_policy`). `bundle`: a file
/// of the bundle (`/pkg`: WASM, JavaScript, stylesheet), which is no document: the headers that
/// only a document obeys (framing, referrer, permissions, opener) are left off it, since a first
/// page loads some 50 of these files and each copy cost ~180 bytes (scripts/bundle-size).
pub fn add_security_headers(h: &mut http::HeaderMap, https: bool, bundle: bool) {
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    if !bundle {
        h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
        // No address of ours (which can name a person's profile id) ever leaves in a Referer.
        h.insert(
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        );
        h.insert(
            "permissions-policy",
            HeaderValue::from_static(
                "camera=(), microphone=(), geolocation=(), interest-cohort=()",
            ),
        );
        h.insert(
            "cross-origin-opener-policy",
            HeaderValue::from_static("same-origin"),
        );
    }
    if https {
        h.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        );
    }
    if !h.contains_key(header::CACHE_CONTROL) {
        // The bundle's files keep their names from build to build, and its parts only work
        // with the main module of the same build: a browser may keep them but asks each time
        // whether they changed (a 304 sends no body, but each file costs a round trip).
        let policy = if bundle { "no-cache" } else { "no-store" };
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static(policy));
    }
    if bundle {
        // The same address answers Brotli, gzip or the plain file (`bundle_files`): a cache
        // between us and the browser must keep them apart.
        h.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    }
}

/// The bundle (`/pkg`: the WASM, its JavaScript and the stylesheet): the copy compressed at build
/// time (`scripts/build-site --release` writes `.br` and `.gz` beside each file) when the browser
/// accepts it, Brotli first, else the file itself. What the first page costs to load is mostly
/// this (scripts/bundle-size measures it).
fn bundle_files(dir: std::path::PathBuf) -> tower_http::services::ServeDir {
    tower_http::services::ServeDir::new(dir)
        .precompressed_br()
        .precompressed_gzip()
}

pub fn router(leptos_options: LeptosOptions, app_state: AppState) -> Router {
    router_behind(leptos_options, app_state, Vec::new())
}

/// The router of a server behind these reverse proxies (see [`client_address`]).
pub fn router_behind(
    leptos_options: LeptosOptions,
    app_state: AppState,
    trusted_proxies: Vec<std::net::IpAddr>,
) -> Router {
    app::error::set_status_from_errors();
    let routes = generate_route_list(App);
    let pkg_dir = format!("/{}", leptos_options.site_pkg_dir);
    let pkg = bundle_files(
        std::path::Path::new(leptos_options.site_root.as_ref())
            .join(leptos_options.site_pkg_dir.as_ref()),
    );
    let state = ServerState {
        leptos_options: leptos_options.clone(),
        app: app_state.clone(),
        trusted_proxies: std::sync::Arc::new(trusted_proxies),
    };
    Router::new()
        .route(
            "/api/{*fn_name}",
            post(server_fn_handler).get(server_fn_handler),
        )
        .merge(crate::media::routes())
        .nest_service(&pkg_dir, pkg)
        .leptos_routes_with_context(&state, routes, || {}, move || shell(leptos_options.clone()))
        .fallback(leptos_axum::file_and_error_handler::<ServerState, _>(shell))
        .layer(middleware::from_fn(sign_in_first))
        .layer(middleware::from_fn(bounded_api_body))
        .layer(middleware::from_fn(same_origin_only))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            security_headers,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            request_context,
        ))
        .with_state(state)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn the_bundle_goes_out_compressed_when_the_browser_accepts_it() {
        use http_body_util::BodyExt;
        use tower::ServiceExt;
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("app.wasm"), b"raw").unwrap();
        std::fs::write(dir.path().join("app.wasm.br"), b"brotli").unwrap();
        std::fs::write(dir.path().join("app.wasm.gz"), b"gzip").unwrap();
        std::fs::write(dir.path().join("plain.js"), b"js").unwrap();
        let get = |path: &str, accept: Option<&str>| {
            let mut req = Request::builder().uri(path);
            if let Some(a) = accept {
                req = req.header(header::ACCEPT_ENCODING, a);
            }
            let svc = bundle_files(dir.path().to_path_buf());
            let req = req.body(Body::empty()).unwrap();
            async move {
                let res = svc.oneshot(req).await.unwrap();
                let encoding = res
                    .headers()
                    .get(header::CONTENT_ENCODING)
                    .map(|v| v.to_str().unwrap().to_string());
                let kind = res.headers().get(header::CONTENT_TYPE).cloned();
                let body = res.into_body().collect().await.unwrap().to_bytes();
                (encoding, kind, body)
            }
        };
        let (enc, kind, body) = get("/app.wasm", Some("gzip, deflate, br, zstd")).await;
        assert_eq!((enc.as_deref(), &body[..]), (Some("br"), &b"brotli"[..]));
        // The type is the file's, not the compressed copy's: browsers compile WASM only when it
        // says application/wasm.
        assert_eq!(kind.unwrap(), "application/wasm");
        let (enc, _, body) = get("/app.wasm", Some("gzip")).await;
        assert_eq!((enc.as_deref(), &body[..]), (Some("gzip"), &b"gzip"[..]));
        let (enc, _, body) = get("/app.wasm", None).await;
        assert_eq!((enc, &body[..]), (None, &b"raw"[..]));
        // A file without a compressed copy (a debug build has none) goes out as it is.
        let (enc, _, body) = get("/plain.js", Some("br")).await;
        assert_eq!((enc, &body[..]), (None, &b"js"[..]));
    }

    #[test]
    fn a_nul_character_is_found_in_every_spelling() {
        use super::has_nul;
        for nul in ["a\0b", "q=%00", "{\"q\":\"x\\u0000\"}"] {
            assert!(has_nul(nul), "{nul:?}");
        }
        // A literal "%00" typed by a person is sent as %2500.
        for fine in ["q=%2500", "{\"q\":\"100%\"}", "page=0&q=bakker"] {
            assert!(!has_nul(fine), "{fine:?}");
        }
    }

    #[test]
    fn forwarded_addresses_count_only_behind_a_trusted_proxy() {
        let ip = |s: &str| s.parse::<std::net::IpAddr>().unwrap();
        let proxy = ip("10.0.0.5");
        let trusted = [proxy];
        // Straight from the internet: the header is the client's own invention.
        assert_eq!(
            client_address(Some(ip("203.0.113.9")), Some("198.51.100.1"), &trusted),
            Some(ip("203.0.113.9"))
        );
        // Through the proxy: the hop the proxy saw, not what the client prepended.
        assert_eq!(
            client_address(Some(proxy), Some("1.2.3.4, 203.0.113.9"), &trusted),
            Some(ip("203.0.113.9"))
        );
        // Two proxies of ours in a row.
        assert_eq!(
            client_address(Some(proxy), Some("203.0.113.9, 10.0.0.5"), &trusted),
            Some(ip("203.0.113.9"))
        );
        // Garbage stops the walk; no header leaves the proxy as the client.
        assert_eq!(
            client_address(Some(proxy), Some("203.0.113.9, zzz"), &trusted),
            Some(proxy)
        );
        assert_eq!(client_address(Some(proxy), None, &trusted), Some(proxy));
        // Without a configured proxy nothing is believed.
        assert_eq!(
            client_address(Some(proxy), Some("203.0.113.9"), &[]),
            Some(proxy)
        );
    }

    #[test]
    fn hsts_only_behind_https_and_nothing_personal_is_cached() {
        let mut plain = http::HeaderMap::new();
        add_security_headers(&mut plain, false, false);
        assert!(!plain.contains_key(header::STRICT_TRANSPORT_SECURITY));
        assert_eq!(plain[header::REFERRER_POLICY], "no-referrer");
        assert_eq!(plain[header::CACHE_CONTROL], "no-store");

        let mut secure = http::HeaderMap::new();
        add_security_headers(&mut secure, true, true);
        assert_eq!(
            secure[header::STRICT_TRANSPORT_SECURITY],
            "max-age=31536000; includeSubDomains"
        );
        // The bundle may be kept, but is checked again before each use, per encoding.
        assert_eq!(secure[header::CACHE_CONTROL], "no-cache");
        assert_eq!(secure[header::VARY], "accept-encoding");
        assert!(!plain.contains_key(header::VARY));
        // A document gets the headers only a document obeys; a bundle file is spared them, but
        // not the type check.
        for name in [
            header::X_FRAME_OPTIONS.as_str(),
            header::REFERRER_POLICY.as_str(),
            "permissions-policy",
            "cross-origin-opener-policy",
        ] {
            assert!(plain.contains_key(name), "{name} on a document");
            assert!(!secure.contains_key(name), "{name} on a bundle file");
        }
        assert_eq!(secure[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    }

    #[test]
    fn the_page_policy_allows_the_reload_socket_only_while_watching() {
        let release = app::content_security_policy("abc", false);
        for part in [
            "script-src 'self' 'nonce-abc' 'wasm-unsafe-eval'",
            "object-src 'none'",
            "base-uri 'none'",
            "frame-ancestors 'none'",
            "connect-src 'self';",
        ] {
            assert!(release.contains(part), "{part} in {release}");
        }
        assert!(!release.contains("ws:"), "{release}");
        assert!(app::content_security_policy("abc", true).contains("ws://localhost:*"));
    }
}
