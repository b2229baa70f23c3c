//! Photo and video of a profile: where the files live (outside the web root), and the only
//! code that stores, removes or reads them for a caller. `server::media` is the HTTP side.

use kernel::views::media::*;

use crate::access::audit::{self, Entry};
use crate::access::caller::{Employer, JobSeeker, typed};
use crate::access::principal::Principal;
use crate::access::scope::Scope;
use crate::model::viewing_limits;
use chrono::Utc;
use entity::job_seeker;
use kernel::error::AppError;
use kernel::policy::{self, FieldSet};
use sea_orm::{ConnectionTrait, TransactionSession, TransactionTrait};

use crate::foundation::media_store::{MediaReader, MediaStore, new_key};
use crate::foundation::spool::{SpoolError, Spooled};
use std::io;
use tokio::io::{AsyncRead, AsyncReadExt};

fn key_of(m: &job_seeker::Model, kind: MediaKind) -> Option<String> {
    match kind {
        MediaKind::Photo => m.photo_key.clone(),
        MediaKind::Video => m.video_key.clone(),
    }
}

fn io_error(what: &'static str) -> impl FnOnce(io::Error) -> AppError {
    move |e| {
        tracing::error!(error = %e, "{what}");
        AppError::Internal
    }
}

/// The caller as a job seeker with an own profile, if it may write `kind`. The policy speaks
/// first, so another role learns that the field is not its to write.
async fn writer<C: ConnectionTrait>(
    db: &C,
    p: &Principal,
    kind: MediaKind,
) -> Result<JobSeeker, AppError> {
    if !policy::writable(p.audience()).contains(kind.field()) {
        return Err(AppError::FieldNotWritable {
            field: kind.field().code().into(),
        });
    }
    let me = typed::<JobSeeker>(p.clone())?;
    me.own_profile(db).await?;
    Ok(me)
}

/// Sets (or with `None` clears) the profile's photo or video key and audits it, in one
/// transaction; returns the row and the key it replaced. The key is swapped only if it is still
/// the one just read, so of two uploads at once each learns exactly the file it replaced, and
/// none is left unreferenced.
async fn set_key<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    p: &JobSeeker,
    kind: MediaKind,
    key: Option<String>,
) -> Result<(job_seeker::Model, Option<String>), AppError> {
    use sea_orm::sea_query::Expr;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let column = match kind {
        MediaKind::Photo => job_seeker::Column::PhotoKey,
        MediaKind::Video => job_seeker::Column::VideoKey,
    };
    for _ in 0..5 {
        let txn = crate::foundation::db::begin_write(db).await?;
        let current = p.own_profile(&txn).await?;
        let old = key_of(&current, kind);
        let same = match &old {
            Some(k) => column.eq(k.clone()),
            None => column.is_null(),
        };
        let swapped = job_seeker::Entity::update_many()
            .col_expr(column, Expr::value(key.clone()))
            .col_expr(job_seeker::Column::UpdatedAt, Expr::value(Utc::now()))
            .filter(job_seeker::Column::Id.eq(current.id))
            .filter(same)
            .exec(&txn)
            .await?
            .rows_affected;
        if swapped == 0 {
            // Another upload changed it between the read and the write: read again.
            txn.rollback().await?;
            continue;
        }
        let updated = p.own_profile(&txn).await?;
        audit::record(
            &txn,
            Some(p),
            Entry::profile("update", &updated, FieldSet::EMPTY.with(kind.field())),
        )
        .await?;
        txn.commit().await?;
        return Ok((updated, old));
    }
    Err(AppError::Conflict {
        message: "Je profiel werd tegelijk op een andere plek gewijzigd. Probeer het opnieuw."
            .into(),
    })
}

/// Stores (or replaces) the caller's own photo or video from bytes in memory, through the same
/// spool as an HTTP upload; returns its URL. The type is checked by content before anything is
/// stored; a refused or failed upload leaves nothing behind.
pub async fn upload<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    store: &dyn MediaStore,
    p: &Principal,
    kind: MediaKind,
    body: Vec<u8>,
) -> Result<Option<String>, AppError> {
    let upload = may_upload(db, p, kind).await?;
    let body = upload.spool(store, body.as_slice()).await?;
    upload.store(db, store, body).await
}

/// Leave to store one photo or video for a caller, given before its body is read: the HTTP
/// side reads at most [`MediaKind::max_bytes`] of the body, and only after this.
pub struct Upload {
    me: JobSeeker,
    kind: MediaKind,
}

/// Settles whether `p` may upload `kind` (signed in, the policy lets the audience write the
/// field, an own profile) before a byte of the body is read; anyone else is refused without
/// the server reading what they send.
pub async fn may_upload<C: ConnectionTrait>(
    db: &C,
    p: &Principal,
    kind: MediaKind,
) -> Result<Upload, AppError> {
    Ok(Upload {
        me: writer(db, p, kind).await?,
        kind,
    })
}

impl Upload {
    pub fn kind(&self) -> MediaKind {
        self.kind
    }

    /// Streams the body to a temporary file (in the store's spool), reading at most the kind's
    /// limit (and one byte more, to know it was too large).
    pub async fn spool(
        &self,
        store: &dyn MediaStore,
        body: impl AsyncRead + Unpin,
    ) -> Result<Spooled, AppError> {
        Spooled::from_reader(body, self.kind.max_bytes(), store.spool_dir())
            .await
            .map_err(|e| match e {
                SpoolError::TooLarge => self.kind.too_large(),
                SpoolError::Io(e) if e.kind() == std::io::ErrorKind::StorageFull => {
                    tracing::error!(error = %e, "no room to spool an upload");
                    AppError::Internal
                }
                // The client stopped sending (or sent something that is not a body).
                SpoolError::Io(_) => AppError::BadRequest,
            })
    }

    /// Stores the spooled body; returns the file's URL.
    pub async fn store<C: ConnectionTrait + TransactionTrait>(
        self,
        db: &C,
        store: &dyn MediaStore,
        body: Spooled,
    ) -> Result<Option<String>, AppError> {
        let Upload { me, kind } = self;
        store_upload(db, store, me, kind, body).await
    }
}

async fn store_upload<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    store: &dyn MediaStore,
    me: JobSeeker,
    kind: MediaKind,
    body: Spooled,
) -> Result<Option<String>, AppError> {
    let p: &Principal = &me;
    // Counted before the file is looked at: checking and cleaning are the work this limits.
    crate::foundation::ratelimit::take_for_account(
        db,
        crate::foundation::ratelimit::MEDIA_UPLOADS_PER_ACCOUNT,
        p.user_id,
    )
    .await?;
    // A photo (at most 5 MB) is decoded whole below anyway; a video is only ever touched in
    // its file.
    let (body, photo) = match kind {
        MediaKind::Photo => {
            let bytes = body
                .read_all()
                .await
                .map_err(io_error("reading a spooled upload"))?;
            kind.check(&bytes)?;
            (body, Some(bytes))
        }
        // A video keeps its picture and sound, not the place, device and times the phone
        // wrote into it (walks the file's structure only: no decoding).
        MediaKind::Video => {
            let (body, checked) = body
                .edit_in_place(move |bytes| {
                    let mime = kind.check(bytes)?;
                    crate::model::video::clean(mime, bytes)
                })
                .await
                .map_err(io_error("cleaning a spooled video"))?;
            checked?;
            (body, None)
        }
    };
    let key = new_key();
    let stored = match photo {
        // A photo is stored as a new image made from its pixels only (no EXIF, GPS or trailer).
        Some(bytes) => {
            let clean = crate::model::photo::clean(bytes).await?.bytes;
            store.put(&key, clean).await
        }
        None => store.put_file(&key, body.path()).await,
    };
    stored.map_err(io_error("storing media"))?;
    let (updated, old) = match set_key(db, &me, kind, Some(key.clone())).await {
        Ok(done) => done,
        Err(e) => {
            let _ = store.delete(&key).await;
            return Err(e);
        }
    };
    if let Some(old) = old {
        let _ = store.delete(&old).await;
    }
    Ok(crate::model::profile::media_url(
        updated.id,
        kind.path(),
        &Some(key),
    ))
}

/// Removes the caller's own photo or video.
pub async fn remove<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    store: &dyn MediaStore,
    p: &Principal,
    kind: MediaKind,
) -> Result<(), AppError> {
    let me = writer(db, p, kind).await?;
    let (_, old) = set_key(db, &me, kind, None).await?;
    if let Some(old) = old {
        let _ = store.delete(&old).await;
    }
    Ok(())
}

/// What [`read`] serves: the type, the file's length, and either the requested part (`range`
/// is first and last byte) or, with `range` absent, the whole file.
pub struct Served {
    pub mime: &'static str,
    pub total: u64,
    pub range: Option<(u64, u64)>,
    pub body: MediaReader,
}

/// A range that lies wholly beyond the end of the file.
#[derive(Debug, PartialEq, Eq)]
pub struct Unsatisfiable;

/// A request's `Range` header against a file of `total` bytes (RFC 9110 §14): `Ok(None)` is
/// the whole file (no header, or one we do not serve in parts, such as several ranges);
/// `Err(Unsatisfiable)` is a range that lies wholly beyond the end (416).
pub fn byte_range(header: Option<&str>, total: u64) -> Result<Option<(u64, u64)>, Unsatisfiable> {
    let Some(spec) = header.and_then(|h| h.trim().strip_prefix("bytes=")) else {
        return Ok(None);
    };
    if spec.contains(',') {
        return Ok(None);
    }
    let Some((first, last)) = spec.trim().split_once('-') else {
        return Ok(None);
    };
    let number = |s: &str| -> Option<u64> {
        (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    match (first.trim(), last.trim()) {
        ("", suffix) => match number(suffix) {
            Some(0) => Err(Unsatisfiable),
            Some(n) if total > 0 => Ok(Some((total.saturating_sub(n), total - 1))),
            Some(_) => Err(Unsatisfiable),
            None => Ok(None),
        },
        (first, last) => {
            let Some(start) = number(first) else {
                return Ok(None);
            };
            let end = match last {
                "" => total.saturating_sub(1),
                l => match number(l) {
                    Some(e) if e >= start => e.min(total.saturating_sub(1)),
                    _ => return Ok(None),
                },
            };
            if start >= total {
                Err(Unsatisfiable)
            } else {
                Ok(Some((start, end)))
            }
        }
    }
}

/// A profile's photo or video for whoever may see it, with its type: the profile must be in
/// the caller's scope and the field readable for the caller under the policy. Every read by
/// someone other than the owner is audited on that person (the owner sees it in "wie heeft
/// mijn profiel bekeken"); a refused one too, as denied. `range` is the request's `Range`
/// header; a range beyond the end is [`AppError::RangeNotSatisfiable`] with the length.
pub async fn read<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    store: &dyn MediaStore,
    p: &Principal,
    id: i32,
    kind: MediaKind,
    range: Option<&str>,
) -> Result<Served, AppError> {
    let entry =
        |m: &job_seeker::Model| Entry::profile("media", m, FieldSet::EMPTY.with(kind.field()));
    // Out of scope looks the same as absent: no hint that the profile exists.
    let Some(profile) = p.scope.profile(db, id).await? else {
        return Err(crate::model::profile::deny_with(db, p, id, &entry).await?);
    };
    let ctx = crate::model::profile::read_context(db, &p.scope, &profile).await?;
    if !policy::readable(p.audience(), &ctx).contains(kind.field()) {
        audit::record(db, Some(p), entry(&profile).denied()).await?;
        return Err(AppError::NotFound);
    }
    let key = key_of(&profile, kind).ok_or(AppError::NotFound)?;
    // A part beyond the end serves nothing, so it is answered before anything is charged.
    let total = store.len(&key).await.map_err(|_| AppError::NotFound)?;
    let range = byte_range(range, total)
        .map_err(|Unsatisfiable| AppError::RangeNotSatisfiable { total })?;
    let own =
        matches!(p.scope, Scope::OwnProfile { job_seeker_id, .. } if job_seeker_id == profile.id);
    if let Ok(me) = typed::<Employer>(p.clone()) {
        // An employer's look at a photo or video opens the person: charged against the daily
        // budget (once a day per account and person; refused past it or while blocked) and
        // audited, in one transaction, before a byte is read.
        let charged = viewing_limits::open(db, &me, profile.id, Utc::now()).await?;
        audit::record(&charged.txn, Some(p), entry(&profile)).await?;
        charged.txn.commit().await?;
    } else if !own {
        // Recorded before the bytes leave: no read without its entry.
        audit::record(db, Some(p), entry(&profile)).await?;
    }
    let mut head = Vec::with_capacity(64);
    {
        use tokio::io::AsyncReadExt;
        store
            .read_range(&key, 0, 64)
            .await
            .map_err(|_| AppError::NotFound)?
            .read_to_end(&mut head)
            .await
            .map_err(io_error("reading media"))?;
    }
    let mime = sniff(&head).unwrap_or("application/octet-stream");
    let (start, len) = match range {
        Some((first, last)) => (first, last - first + 1),
        None => (0, total),
    };
    let body = store
        .read_range(&key, start, len)
        .await
        .map_err(|_| AppError::NotFound)?;
    Ok(Served {
        mime,
        total,
        range,
        body,
    })
}

/// The job seeker's own export with its media files: the document (naming each file) and
/// the files as (name, bytes).
pub async fn export<C: ConnectionTrait>(
    db: &C,
    store: &dyn MediaStore,
    p: &JobSeeker,
) -> Result<(serde_json::Value, Vec<ExportFile>), AppError> {
    let (mut doc, profile) = crate::model::privacy::export(db, p).await?;
    let mut files = Vec::new();
    for kind in [MediaKind::Photo, MediaKind::Video] {
        if let Some(key) = key_of(&profile, kind) {
            let read = io_error("reading media for an export");
            let len = store.len(&key).await.map_err(read)?;
            // The first bytes name the type; the rest is streamed into the zip as it is sent.
            let mut head = Vec::new();
            store
                .read_range(&key, 0, len.min(64))
                .await
                .map_err(io_error("reading media for an export"))?
                .read_to_end(&mut head)
                .await
                .map_err(io_error("reading media for an export"))?;
            let name = format!(
                "{}.{}",
                crate::model::privacy::export_name(&profile, kind.path()),
                extension(sniff(&head).unwrap_or(""))
            );
            doc["profile"][kind.path()] = serde_json::Value::String(name.clone());
            let body = store
                .read_range(&key, 0, len)
                .await
                .map_err(io_error("reading media for an export"))?;
            files.push(ExportFile { name, body });
        }
    }
    Ok((doc, files))
}

/// A photo or video of an export: its name in the zip, and its bytes as they are read from
/// the store (opened before the answer starts, so a missing file is an error, not a cut-off
/// download).
pub struct ExportFile {
    pub name: String,
    pub body: MediaReader,
}

#[cfg(test)]
mod tests {
    use super::{Unsatisfiable, byte_range};

    #[test]
    fn ranges_as_browsers_send_them() {
        let r = |h: &str| byte_range(Some(h), 1000);
        assert_eq!(byte_range(None, 1000), Ok(None));
        assert_eq!(r("bytes=0-"), Ok(Some((0, 999))));
        assert_eq!(r("bytes=0-99"), Ok(Some((0, 99))));
        assert_eq!(
            r("bytes=500-2000"),
            Ok(Some((500, 999))),
            "end beyond the file"
        );
        assert_eq!(r("bytes=-100"), Ok(Some((900, 999))), "the last 100 bytes");
        assert_eq!(r("bytes=-5000"), Ok(Some((0, 999))));
        assert_eq!(r("bytes=999-999"), Ok(Some((999, 999))));
        assert_eq!(
            r("bytes=1000-"),
            Err(Unsatisfiable),
            "starts beyond the end"
        );
        assert_eq!(r("bytes=-0"), Err(Unsatisfiable));
        assert_eq!(
            byte_range(Some("bytes=0-"), 0),
            Err(Unsatisfiable),
            "an empty file has no bytes"
        );
        // Not served in parts: the whole file, as RFC 9110 allows.
        for h in [
            "bytes=0-1,5-6",
            "items=0-1",
            "bytes=5-1",
            "bytes=a-b",
            "bytes=1",
            "bytes=+1-2",
        ] {
            assert_eq!(r(h), Ok(None), "{h}");
        }
    }
}
