//! Photo and video of a profile: the allowed types (checked by content, not by name) and sizes.

use crate::error::AppError;
use crate::policy::Field;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MediaKind {
    Photo,
    Video,
}

impl MediaKind {
    pub fn from_path(s: &str) -> Option<Self> {
        match s {
            "photo" => Some(MediaKind::Photo),
            "video" => Some(MediaKind::Video),
            _ => None,
        }
    }
    pub const fn path(self) -> &'static str {
        match self {
            MediaKind::Photo => "photo",
            MediaKind::Video => "video",
        }
    }
    /// The policy field the file is.
    pub const fn field(self) -> Field {
        match self {
            MediaKind::Photo => Field::Photo,
            MediaKind::Video => Field::Video,
        }
    }
    pub const fn max_bytes(self) -> usize {
        match self {
            MediaKind::Photo => 5 * 1024 * 1024,
            MediaKind::Video => 50 * 1024 * 1024,
        }
    }
    pub const fn accept(self) -> &'static str {
        match self {
            MediaKind::Photo => "image/jpeg,image/png,image/webp",
            MediaKind::Video => "video/mp4,video/webm",
        }
    }
    pub const fn label(self) -> &'static str {
        match self {
            MediaKind::Photo => "Foto",
            MediaKind::Video => "Video",
        }
    }
    fn types(self) -> &'static [&'static str] {
        match self {
            MediaKind::Photo => &["image/jpeg", "image/png", "image/webp"],
            MediaKind::Video => &["video/mp4", "video/webm"],
        }
    }
    /// The answer to a file over [`Self::max_bytes`].
    pub fn too_large(self) -> AppError {
        AppError::invalid(
            self.field().code(),
            format!(
                "Het bestand is te groot: hoogstens {} MB.",
                self.max_bytes() / (1024 * 1024)
            ),
        )
    }
    /// Checks size and content; returns the MIME type or a Dutch explanation.
    pub fn check(self, bytes: &[u8]) -> Result<&'static str, AppError> {
        let field = self.field().code();
        if bytes.is_empty() {
            return Err(AppError::invalid(field, "Het bestand is leeg."));
        }
        if bytes.len() > self.max_bytes() {
            return Err(self.too_large());
        }
        match sniff(bytes) {
            Some(mime) if self.types().contains(&mime) => Ok(mime),
            _ => Err(AppError::invalid(
                field,
                match self {
                    MediaKind::Photo => "Dit bestand is geen JPEG-, PNG- of WebP-foto.",
                    MediaKind::Video => "Dit bestand is geen MP4- of WebM-video.",
                },
            )),
        }
    }
}

/// The type of a file by its first bytes ("magic numbers").
pub fn sniff(b: &[u8]) -> Option<&'static str> {
    if b.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if b.starts_with(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]) {
        Some("image/png")
    } else if b.len() >= 12 && &b[0..4] == b"RIFF" && &b[8..12] == b"WEBP" {
        Some("image/webp")
    } else if b.len() >= 12 && &b[4..8] == b"ftyp" {
        // ISO base media: accept the MP4 family of major brands.
        let brand = &b[8..12];
        [
            b"isom", b"iso2", b"iso5", b"iso6", b"mp41", b"mp42", b"avc1", b"M4V ", b"dash",
        ]
        .iter()
        .any(|ok| brand == *ok)
        .then_some("video/mp4")
    } else if b.starts_with(&[0x1A, 0x45, 0xDF, 0xA3]) {
        // EBML: WebM declares the doctype "webm" in its header.
        b[..b.len().min(64)]
            .windows(4)
            .any(|w| w == b"webm")
            .then_some("video/webm")
    } else {
        None
    }
}

pub fn extension(mime: &str) -> &'static str {
    match mime {
        "image/jpeg" => "jpg",
        "image/png" => "png",
        "image/webp" => "webp",
        "video/mp4" => "mp4",
        "video/webm" => "webm",
        _ => "bin",
    }
}
