//! Plain HTTP endpoints next to the server functions: media upload (with upload progress, which
//! server functions cannot report), the authorising media handler, and the data export download.
//! Every one checks session, row scope and the visibility policy itself.

use crate::web::ServerState;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Path, State};
use axum::response::{IntoResponse, Response};
use axum::routing::{MethodRouter, delete, get, put};
use chrono::Utc;
use entity::job_seeker;
use http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use sea_orm::{ActiveModelTrait, Set};
use service::audit::{self, Entry};
use service::auth::{Principal, principal_from_headers};
use service::error::AppError;
use service::media::{MediaKind, extension, new_key, sniff};
use service::policy::{self, Audience, FieldSet};
use service::scope::Scope;
use std::io::Write;

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

async fn signed_in(state: &ServerState, headers: &HeaderMap) -> Result<Principal, ApiError> {
    Ok(principal_from_headers(&state.app.db, headers)
        .await?
        .ok_or(AppError::Unauthenticated)?)
}

/// The job seeker's own profile, if the caller is one and may write `kind`.
async fn own_profile_for_write(
    state: &ServerState,
    headers: &HeaderMap,
    kind: MediaKind,
) -> Result<(Principal, job_seeker::Model), ApiError> {
    let p = signed_in(state, headers).await?;
    if !policy::writable(p.audience()).contains(kind.field()) {
        return Err(AppError::FieldNotWritable {
            field: kind.field().code().into(),
        }
        .into());
    }
    let profile = service::privacy::own_profile(&state.app.db, &p).await?;
    Ok((p, profile))
}

fn kind_of(path: &str) -> Result<MediaKind, ApiError> {
    MediaKind::from_path(path).ok_or(ApiError(AppError::NotFound))
}

fn key_of(m: &job_seeker::Model, kind: MediaKind) -> Option<String> {
    match kind {
        MediaKind::Photo => m.photo_key.clone(),
        MediaKind::Video => m.video_key.clone(),
    }
}

/// Stores (or replaces) the caller's photo or video. The type is checked by content before
/// anything is stored; a refused upload leaves nothing behind.
async fn upload(
    State(state): State<ServerState>,
    headers: HeaderMap,
    Path(kind): Path<String>,
    body: Bytes,
) -> Result<Response, ApiError> {
    let kind = kind_of(&kind)?;
    let (p, profile) = own_profile_for_write(&state, &headers, kind).await?;
    kind.check(&body)?;
    let key = new_key();
    state
        .app
        .media
        .put(&key, body.to_vec())
        .await
        .map_err(|e| {
            tracing::error!(error = %e, "storing media");
            AppError::Internal
        })?;
    let old = key_of(&profile, kind);
    let mut row: job_seeker::ActiveModel = profile.clone().into();
    match kind {
        MediaKind::Photo => row.photo_key = Set(Some(key.clone())),
        MediaKind::Video => row.video_key = Set(Some(key.clone())),
    }
    row.updated_at = Set(Utc::now());
    let updated = match row.update(&state.app.db).await {
        Ok(m) => m,
        Err(e) => {
            let _ = state.app.media.delete(&key).await;
            return Err(AppError::from(e).into());
        }
    };
    if let Some(old) = old {
        let _ = state.app.media.delete(&old).await;
    }
    audit::record(
        &state.app.db,
        Some(&p),
        Entry::profile("update", &updated, FieldSet::EMPTY.with(kind.field())),
    )
    .await?;
    let url = service::profile::media_url(updated.id, kind.path(), &Some(key));
    Ok(axum::Json(serde_json::json!({ "url": url })).into_response())
}

async fn remove(
    State(state): State<ServerState>,
    headers: HeaderMap,
    Path(kind): Path<String>,
) -> Result<Response, ApiError> {
    let kind = kind_of(&kind)?;
    let (p, profile) = own_profile_for_write(&state, &headers, kind).await?;
    let old = key_of(&profile, kind);
    let mut row: job_seeker::ActiveModel = profile.into();
    match kind {
        MediaKind::Photo => row.photo_key = Set(None),
        MediaKind::Video => row.video_key = Set(None),
    }
    row.updated_at = Set(Utc::now());
    let updated = row.update(&state.app.db).await.map_err(AppError::from)?;
    if let Some(old) = old {
        let _ = state.app.media.delete(&old).await;
    }
    audit::record(
        &state.app.db,
        Some(&p),
        Entry::profile("update", &updated, FieldSet::EMPTY.with(kind.field())),
    )
    .await?;
    Ok(axum::Json(serde_json::json!({ "url": null })).into_response())
}

/// Serves a profile's photo or video to whoever may see it: the profile must be in the
/// caller's scope and the field readable for the caller under the policy. Every read by
/// someone other than the owner is audited on that person (the owner sees it in "wie heeft
/// mijn profiel bekeken"); a refused one too, as denied.
async fn serve(
    State(state): State<ServerState>,
    headers: HeaderMap,
    Path((id, kind)): Path<(i32, String)>,
) -> Result<Response, ApiError> {
    let kind = kind_of(&kind)?;
    let p = signed_in(&state, &headers).await?;
    let db = &state.app.db;
    let entry =
        |m: &job_seeker::Model| Entry::profile("media", m, FieldSet::EMPTY.with(kind.field()));
    // Out of scope looks the same as absent: no hint that the profile exists.
    let Some(profile) = p.scope.profile(db, id).await? else {
        return Err(service::profile::deny_with(db, &p, id, &entry)
            .await?
            .into());
    };
    let ctx = service::profile::read_context(db, &p.scope, &profile).await?;
    if !policy::readable(p.audience(), &ctx).contains(kind.field()) {
        audit::record(db, Some(&p), entry(&profile).denied()).await?;
        return Err(AppError::NotFound.into());
    }
    let key = key_of(&profile, kind).ok_or(AppError::NotFound)?;
    let bytes = state
        .app
        .media
        .get(&key)
        .await
        .map_err(|_| AppError::NotFound)?;
    let own =
        matches!(p.scope, Scope::OwnProfile { job_seeker_id, .. } if job_seeker_id == profile.id);
    if !own {
        // Recorded before the bytes leave: no read without its entry.
        audit::record(db, Some(&p), entry(&profile)).await?;
    }
    let mime = sniff(&bytes).unwrap_or("application/octet-stream");
    Ok((
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(mime)),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("private, no-store"),
            ),
            (
                header::CONTENT_DISPOSITION,
                HeaderValue::from_static("inline"),
            ),
        ],
        bytes,
    )
        .into_response())
}

async fn export_for(
    state: &ServerState,
    headers: &HeaderMap,
) -> Result<(serde_json::Value, job_seeker::Model), ApiError> {
    let p = signed_in(state, headers).await?;
    if p.audience() != Audience::JobSeeker {
        return Err(AppError::Forbidden.into());
    }
    Ok(service::privacy::export(&state.app.db, &p).await?)
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

async fn export_json(
    State(state): State<ServerState>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let (doc, _) = export_for(&state, &headers).await?;
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

async fn export_zip(
    State(state): State<ServerState>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let (mut doc, profile) = export_for(&state, &headers).await?;
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    for kind in [MediaKind::Photo, MediaKind::Video] {
        if let Some(key) = key_of(&profile, kind) {
            let bytes = state
                .app
                .media
                .get(&key)
                .await
                .map_err(|_| AppError::Internal)?;
            let name = format!(
                "{}.{}",
                service::media::export_name(&profile, kind.path()),
                extension(sniff(&bytes).unwrap_or(""))
            );
            doc["profile"][kind.path()] = serde_json::Value::String(name.clone());
            files.push((name, bytes));
        }
    }
    let json = serde_json::to_vec_pretty(&doc).map_err(|_| AppError::Internal)?;
    let zipped = (|| -> zip::result::ZipResult<Vec<u8>> {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        zip.start_file("gegevens.json", opts)?;
        zip.write_all(&json)?;
        zip.start_file("LEESMIJ.txt", opts)?;
        zip.write_all(EXPORT_README.as_bytes())?;
        for (name, bytes) in &files {
            zip.start_file(name.as_str(), opts)?;
            zip.write_all(bytes)?;
        }
        Ok(zip.finish()?.into_inner())
    })()
    .map_err(|e| {
        tracing::error!(error = %e, "building export zip");
        AppError::Internal
    })?;
    Ok(attachment(
        "hallowerk-gegevens.zip",
        "application/zip",
        zipped,
    ))
}
