//! Plain HTTP endpoints next to the server functions: media upload (with upload progress, which
//! server functions cannot report), the authorising media handler, the data export download,
//! the public Algoritmeregister export, and the readiness check a load balancer asks.
//! Each that concerns a person reads the caller from the request's `Context` and calls
//! `service::model::media` (or `service::model::privacy`), where session, row scope, policy and
//! audit are applied.

use crate::state::ServerState;
use axum::Router;
use axum::body::Body;
use axum::extract::{DefaultBodyLimit, Extension, Path, State};
use axum::response::{IntoResponse, Response};
use axum::routing::{MethodRouter, delete, get, put};
use http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use kernel::error::AppError;
use kernel::views::media::MediaKind;
use service::Context;
use service::access::caller::JobSeeker;
use service::access::principal::Principal;
use service::model::media::{self};
use std::io::Write;
use tokio_util::io::{ReaderStream, StreamReader, SyncIoBridge};

/// Every plain HTTP endpoint beside the pages and server functions, as data: the router is
/// built from this list only, so the authorisation matrix test (which enumerates it) cannot miss
/// one.
pub fn endpoints() -> Vec<(&'static str, Method, MethodRouter<ServerState>)> {
    vec![
        ("/media/profile/{kind}", Method::PUT, put(upload)),
        ("/media/profile/{kind}", Method::DELETE, delete(remove)),
        ("/media/profile/{id}/{kind}", Method::GET, get(serve)),
        ("/mijn-gegevens/export.json", Method::GET, get(export_json)),
        ("/mijn-gegevens/export.zip", Method::GET, get(export_zip)),
        (
            "/mijn-account/export.json",
            Method::GET,
            get(export_account_json),
        ),
        ("/algoritme.json", Method::GET, get(algorithm_register)),
        (READY_PATH, Method::GET, get(ready)),
        // Behind a link mailed to a confirmed address (kernel::views::privacy_desk::ANSWER_PATH).
        (
            "/verzoek-antwoord/{token}",
            Method::GET,
            get(request_answer),
        ),
    ]
}

/// The paths and methods of [`endpoints`].
pub fn endpoint_list() -> Vec<(&'static str, Method)> {
    endpoints().into_iter().map(|(p, m, _)| (p, m)).collect()
}

pub fn routes() -> Router<ServerState> {
    endpoints()
        .into_iter()
        .fold(Router::new(), |r, (path, _, handler)| {
            r.route(path, handler)
        })
        .layer(DefaultBodyLimit::max(
            MediaKind::Video.max_bytes() + 64 * 1024,
        ))
}

/// An error as the server functions send it: status and `{"code": …}` JSON.
struct ApiError(AppError);

impl From<AppError> for ApiError {
    fn from(e: AppError) -> Self {
        ApiError(e)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status =
            StatusCode::from_u16(self.0.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        (
            status,
            [(header::CONTENT_TYPE, "application/json")],
            serde_json::to_string(&self.0).unwrap_or_default(),
        )
            .into_response()
    }
}

/// Whether this instance is ready for its share of the traffic, for a load balancer's
/// readiness check (a new instance gets none until it is): its candidate index is built.
/// Until then its searches go to the database, at 1,000,000 job seekers some ten times
/// slower, for the 10 to 15 s the index takes to build. Says nothing about anyone.
pub const READY_PATH: &str = "/health/ready";

async fn ready(State(state): State<ServerState>) -> Response {
    if state.app.candidate_index.ready() {
        (StatusCode::OK, "ready").into_response()
    } else {
        (
            StatusCode::SERVICE_UNAVAILABLE,
            "building the candidate index",
        )
            .into_response()
    }
}

/// HalloWerk in the fields of the Algoritmeregister publication standard, one registration per
/// gemeente (public, like the `/algoritme` page it is the data of).
async fn algorithm_register(Extension(cx): Extension<Context>) -> Result<Response, ApiError> {
    let entries = service::public::algorithm::register(&cx.state.db, &cx.state.public_url).await?;
    Ok(axum::Json(entries).into_response())
}

/// The signed-in caller of this request (from the request's `Context`).
async fn signed_in(cx: &Context) -> Result<Principal, ApiError> {
    Ok(cx.principal().await?.ok_or(AppError::Unauthenticated)?)
}

fn kind_of(path: &str) -> Result<MediaKind, ApiError> {
    MediaKind::from_path(path).ok_or(ApiError(AppError::NotFound))
}

/// Stores (or replaces) the caller's photo or video (`service::model::media::may_upload`).
/// Session, role and profile are settled before the body is read; then the body streams to a
/// temporary file, at most the kind's limit of it: anyone else is refused without the server
/// reading what they send, and nobody's upload is held in memory.
async fn upload(
    Extension(cx): Extension<Context>,
    Path(kind): Path<String>,
    body: Body,
) -> Result<Response, ApiError> {
    use http_body_util::BodyExt;
    let kind = kind_of(&kind)?;
    let p = signed_in(&cx).await?;
    let upload = media::may_upload(&cx.state.db, &p, kind).await?;
    let body = StreamReader::new(body.map_err(std::io::Error::other).into_data_stream());
    let spooled = upload.spool(cx.state.media.as_ref(), body).await?;
    let url = upload
        .store(&cx.state.db, cx.state.media.as_ref(), spooled)
        .await?;
    Ok(axum::Json(serde_json::json!({ "url": url })).into_response())
}

async fn remove(
    Extension(cx): Extension<Context>,
    Path(kind): Path<String>,
) -> Result<Response, ApiError> {
    let kind = kind_of(&kind)?;
    let p = signed_in(&cx).await?;
    media::remove(&cx.state.db, cx.state.media.as_ref(), &p, kind).await?;
    Ok(axum::Json(serde_json::json!({ "url": null })).into_response())
}

/// Serves a profile's photo or video to whoever may see it (`service::model::media::read`), streamed
/// from the store, in parts when the browser asks for a `Range` (video players seek so).
async fn serve(
    Extension(cx): Extension<Context>,
    Path((id, kind)): Path<(i32, String)>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let kind = kind_of(&kind)?;
    let p = signed_in(&cx).await?;
    let range = headers.get(header::RANGE).and_then(|v| v.to_str().ok());
    let served = match media::read(&cx.state.db, cx.state.media.as_ref(), &p, id, kind, range).await
    {
        Err(AppError::RangeNotSatisfiable { total }) => {
            let mut res = ApiError(AppError::RangeNotSatisfiable { total }).into_response();
            res.headers_mut().insert(
                header::CONTENT_RANGE,
                HeaderValue::from_str(&format!("bytes */{total}")).expect("ascii"),
            );
            return Ok(res);
        }
        other => other?,
    };
    let (status, len) = match served.range {
        Some((first, last)) => (StatusCode::PARTIAL_CONTENT, last - first + 1),
        None => (StatusCode::OK, served.total),
    };
    let mut res = Response::new(Body::from_stream(ReaderStream::new(served.body)));
    *res.status_mut() = status;
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(served.mime));
    h.insert(header::CONTENT_LENGTH, HeaderValue::from(len));
    h.insert(header::ACCEPT_RANGES, HeaderValue::from_static("bytes"));
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-store"),
    );
    h.insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_static("inline"),
    );
    if let Some((first, last)) = served.range {
        h.insert(
            header::CONTENT_RANGE,
            HeaderValue::from_str(&format!("bytes {first}-{last}/{}", served.total))
                .expect("ascii"),
        );
    }
    Ok(res)
}

fn attachment(name: &str, mime: &'static str, body: Vec<u8>) -> Response {
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(mime)),
            (
                header::CONTENT_DISPOSITION,
                HeaderValue::from_str(&format!("attachment; filename=\"{name}\""))
                    .expect("ascii file name"),
            ),
        ],
        body,
    )
        .into_response()
}

async fn export_json(Extension(cx): Extension<Context>) -> Result<Response, ApiError> {
    let p = cx.require::<JobSeeker>().await?;
    let (doc, _) = service::model::privacy::export(&cx.state.db, &p).await?;
    let body = serde_json::to_vec_pretty(&doc).map_err(|_| AppError::Internal)?;
    Ok(attachment(
        "hallowerk-gegevens.json",
        "application/json",
        body,
    ))
}

/// An employer's contact person's own data (`service::employer::my_account::export`).
async fn export_account_json(Extension(cx): Extension<Context>) -> Result<Response, ApiError> {
    let p = cx.require::<service::access::caller::Employer>().await?;
    let doc = service::employer::my_account::export(&cx.state.db, &p).await?;
    let body = serde_json::to_vec_pretty(&doc).map_err(|_| AppError::Internal)?;
    Ok(attachment(
        "hallowerk-account.json",
        "application/json",
        body,
    ))
}

/// The answer to a granted access or portability request, from the link in the decision mail
/// (`service::public::request_answer`): no session, the link's token is the key.
async fn request_answer(
    Extension(cx): Extension<Context>,
    Path(token): Path<String>,
) -> Result<Response, ApiError> {
    let doc =
        service::public::request_answer::answer(&cx.state.db, &token, chrono::Utc::now()).await?;
    let body = serde_json::to_vec_pretty(&doc).map_err(|_| AppError::Internal)?;
    Ok(attachment(
        "hallowerk-gegevens.json",
        "application/json",
        body,
    ))
}

pub const EXPORT_README: &str = "Dit zip-bestand bevat alle gegevens die HalloWerk over jou bewaart.\n\n\
gegevens.json  - je profiel, account, verzoeken, uitnodigingen en wie je profiel bekeek (JSON).\n\
                 Het onderdeel documentation.fields legt elk veld uit.\n\
photo-*, video-* - je foto en video, als je die hebt geüpload.\n";

/// The export as a zip that is written while it is sent: a 50 MB video goes from the store to
/// the browser in small parts, never whole in memory. The zip writer is synchronous, so it
/// runs on the blocking pool and writes into a pipe the response reads from; a failure half-way
/// (the status was sent already) cuts the connection (`crate::pipe`), so the browser reports a
/// failed download rather than a short file.
async fn export_zip(Extension(cx): Extension<Context>) -> Result<Response, ApiError> {
    let p = cx.require::<JobSeeker>().await?;
    let (doc, files) = media::export(&cx.state.db, cx.state.media.as_ref(), &p).await?;
    let json = serde_json::to_vec_pretty(&doc).map_err(|_| AppError::Internal)?;
    let (pipe, body) = crate::pipe::pipe(64 * 1024);
    tokio::task::spawn_blocking(move || {
        let written = (|| -> zip::result::ZipResult<()> {
            let mut zip = zip::ZipWriter::new_stream(pipe);
            let opts = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Stored);
            zip.start_file("gegevens.json", opts)?;
            zip.write_all(&json)?;
            zip.start_file("LEESMIJ.txt", opts)?;
            zip.write_all(EXPORT_README.as_bytes())?;
            for file in files {
                zip.start_file(file.name.as_str(), opts)?;
                std::io::copy(&mut SyncIoBridge::new(file.body), &mut zip)?;
            }
            zip.finish()?.into_inner().finish()?;
            Ok(())
        })();
        if let Err(e) = written {
            tracing::error!(error = %e, "streaming an export zip");
        }
    });
    Ok((
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/zip"),
            ),
            (
                header::CONTENT_DISPOSITION,
                HeaderValue::from_static("attachment; filename=\"hallowerk-gegevens.zip\""),
            ),
        ],
        Body::from_stream(ReaderStream::new(body)),
    )
        .into_response())
}
