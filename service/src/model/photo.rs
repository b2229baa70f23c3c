//! Re-encoding of uploaded photos: the stored file is a new image made from the decoded pixels
//! only, so EXIF (GPS position, camera serial, time), XMP, comments, ICC profiles and any bytes
//! hidden after the image are gone. The EXIF orientation is applied first, so the photo still
//! stands upright. Large photos are scaled down; a profile photo needs no more.

use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::PngEncoder;
use image::imageops::FilterType;
use image::{DynamicImage, ImageDecoder, ImageReader, Limits};
use kernel::error::AppError;
use std::io::Cursor;

/// The longest side of a stored photo.
pub const MAX_SIDE: u32 = 1600;
/// The longest side we decode at all (a 48-megapixel phone photo is 8000 × 6000).
const MAX_DECODED_SIDE: u32 = 8000;
/// The memory one decode may take: 8000 × 8000 RGBA with room for the scaled copy.
const MAX_ALLOC: u64 = 320 * 1024 * 1024;
/// Decodes at once: a burst of uploads cannot take all memory or cores.
const MAX_CONCURRENT: usize = 2;
static DECODING: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(MAX_CONCURRENT);

/// A clean photo: its bytes and type.
#[derive(Debug)]
pub struct Clean {
    pub bytes: Vec<u8>,
    pub mime: &'static str,
}

fn refused() -> AppError {
    AppError::invalid(
        kernel::policy::Field::Photo.code(),
        "Deze foto kunnen we niet lezen. Kies een JPEG-, PNG- of WebP-foto van hoogstens 8000 bij 8000 beeldpunten.",
    )
}

/// Re-encodes `bytes` (already checked to be JPEG, PNG or WebP by [`kernel::views::media`])
/// off the async threads, a bounded number at a time.
pub async fn clean(bytes: Vec<u8>) -> Result<Clean, AppError> {
    let _permit = DECODING.acquire().await.map_err(|_| AppError::Internal)?;
    tokio::task::spawn_blocking(move || clean_now(&bytes))
        .await
        .map_err(|_| AppError::Internal)?
}

/// The work of [`clean`]: decode within limits, turn upright, scale, encode anew. A photo with
/// transparency stays PNG (JPEG has none); everything else becomes JPEG.
pub fn clean_now(bytes: &[u8]) -> Result<Clean, AppError> {
    let mut reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|_| refused())?;
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_DECODED_SIDE);
    limits.max_image_height = Some(MAX_DECODED_SIDE);
    limits.max_alloc = Some(MAX_ALLOC);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(|_| refused())?;
    let orientation = decoder.orientation().map_err(|_| refused())?;
    let mut img = DynamicImage::from_decoder(decoder).map_err(|_| refused())?;
    img.apply_orientation(orientation);
    if img.width().max(img.height()) > MAX_SIDE {
        img = img.resize(MAX_SIDE, MAX_SIDE, FilterType::Triangle);
    }
    let mut out = Vec::new();
    let mime = if img.color().has_alpha() {
        img.to_rgba8()
            .write_with_encoder(PngEncoder::new(&mut out))
            .map_err(|_| refused())?;
        "image/png"
    } else {
        img.to_rgb8()
            .write_with_encoder(JpegEncoder::new_with_quality(&mut out, 85))
            .map_err(|_| refused())?;
        "image/jpeg"
    };
    Ok(Clean { bytes: out, mime })
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{Rgb, RgbImage, Rgba, RgbaImage};

    fn jpeg(w: u32, h: u32) -> Vec<u8> {
        let img = RgbImage::from_fn(w, h, |x, y| Rgb([(x % 256) as u8, (y % 256) as u8, 90]));
        let mut out = Vec::new();
        img.write_with_encoder(JpegEncoder::new_with_quality(&mut out, 90))
            .unwrap();
        out
    }

    fn decoded(bytes: &[u8]) -> DynamicImage {
        image::load_from_memory(bytes).unwrap()
    }

    #[test]
    fn a_small_photo_keeps_its_size_and_loses_what_follows_it() {
        let secret = b"GPS 51.9225 4.4792 hidden after the image";
        let input = [jpeg(40, 30), secret.to_vec()].concat();
        let out = clean_now(&input).unwrap();
        assert_eq!(out.mime, "image/jpeg");
        let img = decoded(&out.bytes);
        assert_eq!((img.width(), img.height()), (40, 30));
        assert!(!out.bytes.windows(secret.len()).any(|w| w == secret));
        assert!(
            out.bytes.ends_with(&[0xFF, 0xD9]),
            "ends at the JPEG end marker"
        );
    }

    #[test]
    fn a_large_photo_is_scaled_to_the_longest_side() {
        let out = clean_now(&jpeg(3200, 1000)).unwrap();
        let img = decoded(&out.bytes);
        assert_eq!((img.width(), img.height()), (MAX_SIDE, 500));
    }

    #[test]
    fn transparency_stays_png_and_text_chunks_go() {
        let img = RgbaImage::from_fn(8, 8, |x, _| Rgba([200, 10, 10, (x * 30) as u8]));
        let mut png = Vec::new();
        img.write_with_encoder(PngEncoder::new(&mut png)).unwrap();
        // A tEXt chunk before IEND, as cameras and editors write them.
        let iend = png.len() - 12;
        let mut text = Vec::new();
        let data = b"Comment\0home address: Coolsingel 40";
        text.extend_from_slice(&(data.len() as u32).to_be_bytes());
        text.extend_from_slice(b"tEXt");
        text.extend_from_slice(data);
        text.extend_from_slice(&[0, 0, 0, 0]); // the crc is not checked by the decoder
        png.splice(iend..iend, text);
        let out = clean_now(&png).unwrap();
        assert_eq!(out.mime, "image/png");
        assert!(decoded(&out.bytes).color().has_alpha());
        assert!(
            !out.bytes
                .windows(9)
                .any(|w| w == b"Coolsingel"[..9].as_ref())
        );
    }

    #[test]
    fn broken_and_oversized_images_are_refused_with_a_reason() {
        let broken = jpeg(20, 20)[..60].to_vec();
        // A PNG header claiming 60000 × 60000 pixels: refused before any pixel is decoded.
        let mut bomb = Vec::new();
        RgbImage::new(1, 1)
            .write_with_encoder(PngEncoder::new(&mut bomb))
            .unwrap();
        bomb[16..20].copy_from_slice(&60000u32.to_be_bytes());
        bomb[20..24].copy_from_slice(&60000u32.to_be_bytes());
        for (bytes, what) in [(broken, "cut off"), (bomb, "decompression bomb")] {
            let err = clean_now(&bytes).unwrap_err();
            assert_eq!(err.code(), "invalid", "{what}");
            assert!(err.for_field("photo").is_some(), "{what}");
        }
    }
}
