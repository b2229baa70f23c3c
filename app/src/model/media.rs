//! Photo and video of a job-seeker profile: the allowed types (checked by content, not by
//! name) and sizes, the storage behind them (outside the web root), and the upload control with a
//! progress bar. Files are only ever served by the authorising handler in `server::media`.

use crate::ui::button::{Appearance, Button};
use crate::ui::controls::FileInput;
use crate::ui::field::{Control, FormField};
use kernel::views::media::*;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
pub use service::model::media::*;

/// Upload control: choose a file, see the progress, replace or delete. Talks to
/// `PUT/DELETE /media/profile/{photo|video}` with XMLHttpRequest (fetch has no upload progress).
#[component]
pub fn MediaUpload(kind: MediaKind, url: Option<String>) -> impl IntoView {
    let url = RwSignal::new(url);
    let progress = RwSignal::new(None::<u32>);
    let error = RwSignal::new(None::<String>);
    let input_id = format!("upload-{}", kind.path());

    let on_change = move |ev: leptos::ev::Event| {
        #[cfg(feature = "hydrate")]
        {
            use wasm_bindgen::JsCast;
            let input: web_sys::HtmlInputElement = event_target(&ev);
            let Some(file) = input.files().and_then(|f| f.get(0)) else {
                return;
            };
            if file.size() as usize > kind.max_bytes() {
                error.set(Some(format!(
                    "Het bestand is te groot: hoogstens {} MB.",
                    kind.max_bytes() / (1024 * 1024)
                )));
                return;
            }
            error.set(None);
            progress.set(Some(0));
            let xhr = web_sys::XmlHttpRequest::new().expect("XMLHttpRequest");
            let _ = xhr.open("PUT", &format!("/media/profile/{}", kind.path()));
            let _ = xhr.set_request_header("Content-Type", &file.type_());
            if let Ok(upload) = xhr.upload() {
                let on_progress =
                    wasm_bindgen::closure::Closure::<dyn FnMut(web_sys::ProgressEvent)>::new(
                        move |e: web_sys::ProgressEvent| {
                            if e.length_computable() && e.total() > 0.0 {
                                progress.set(Some((e.loaded() / e.total() * 100.0) as u32));
                            }
                        },
                    );
                upload.set_onprogress(Some(on_progress.as_ref().unchecked_ref()));
                on_progress.forget();
            }
            let done_xhr = xhr.clone();
            let on_load = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(move || {
                progress.set(None);
                let body = done_xhr.response_text().ok().flatten().unwrap_or_default();
                if done_xhr.status().unwrap_or(0) == 200 {
                    url.set(
                        serde_json::from_str::<serde_json::Value>(&body)
                            .ok()
                            .and_then(|v| v["url"].as_str().map(String::from)),
                    );
                } else {
                    let e: Result<kernel::error::AppError, _> = serde_json::from_str(&body);
                    error.set(Some(
                        e.map(|e| e.to_string())
                            .unwrap_or_else(|_| "Uploaden is mislukt.".into()),
                    ));
                }
            });
            xhr.set_onload(Some(on_load.as_ref().unchecked_ref()));
            on_load.forget();
            let on_error = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(move || {
                progress.set(None);
                error.set(Some(
                    "Uploaden is mislukt. Controleer je verbinding en probeer het opnieuw.".into(),
                ));
            });
            xhr.set_onerror(Some(on_error.as_ref().unchecked_ref()));
            on_error.forget();
            let _ = xhr.send_with_opt_blob(Some(&file));
            input.set_value("");
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = ev;
    };

    let on_delete = move |_| {
        #[cfg(feature = "hydrate")]
        {
            use wasm_bindgen::JsCast;
            let xhr = web_sys::XmlHttpRequest::new().expect("XMLHttpRequest");
            let _ = xhr.open("DELETE", &format!("/media/profile/{}", kind.path()));
            let done = xhr.clone();
            let on_load = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(move || {
                if done.status().unwrap_or(0) == 200 {
                    url.set(None);
                } else {
                    error.set(Some("Verwijderen is mislukt.".into()));
                }
            });
            xhr.set_onload(Some(on_load.as_ref().unchecked_ref()));
            on_load.forget();
            let _ = xhr.send();
        }
    };

    view! {
        <div class="hw-media" data-testid=format!("media-{}", kind.path())>
            <h3 class="utrecht-heading-3">{kind.label()}</h3>
            {move || match (kind, url.get()) {
                (_, None) => view! { <p class="utrecht-paragraph">{format!("Nog geen {}.", kind.label().to_lowercase())}</p> }.into_any(),
                (MediaKind::Photo, Some(u)) => view! { <img class="hw-photo" src=u alt="Jouw profielfoto" width="160" /> }.into_any(),
                (MediaKind::Video, Some(u)) => view! { <video class="hw-video" src=u controls width="320" aria-label="Jouw profielvideo"></video> }.into_any(),
            }}
            <FormField id=input_id control=Control::File
                label=Signal::derive(move || if url.get().is_some() { format!("{} vervangen", kind.label()) } else { format!("{} uploaden", kind.label()) })
                description=match kind {
                    MediaKind::Photo => "JPEG, PNG of WebP, hoogstens 5 MB.",
                    MediaKind::Video => "MP4 of WebM, hoogstens 50 MB.",
                }
                error=error>
                <FileInput accept=kind.accept() on:change=on_change />
            </FormField>
            {move || progress.get().map(|p| view! {
                <label class="hw-progress">
                    {format!("Uploaden: {p}%")}
                    <progress max="100" value=p.to_string()></progress>
                </label>
            })}
            {move || url.get().is_some().then(|| view! {
                <Button appearance=Appearance::Secondary kind="button" on:click=on_delete>
                    {format!("{} verwijderen", kind.label())}
                </Button>
            })}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PNG: &[u8] = &[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13];

    #[test]
    fn types_are_recognised_by_content() {
        assert_eq!(sniff(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 0]), Some("image/jpeg"));
        assert_eq!(sniff(PNG), Some("image/png"));
        assert_eq!(sniff(b"RIFF\x10\0\0\0WEBPVP8 "), Some("image/webp"));
        assert_eq!(sniff(b"\0\0\0\x18ftypmp42\0\0\0\0"), Some("video/mp4"));
        assert_eq!(
            sniff(b"\0\0\0\x18ftypqt  \0\0\0\0"),
            None,
            "QuickTime is not MP4"
        );
        assert_eq!(
            sniff(b"\x1A\x45\xDF\xA3\x9F\x42\x86\x81\x01\x42\x82\x84webm"),
            Some("video/webm")
        );
        assert_eq!(sniff(b"GIF89a......"), None);
        assert_eq!(sniff(b"<svg xmlns=...>"), None);
    }

    #[test]
    fn kinds_check_size_and_type() {
        assert_eq!(MediaKind::Photo.check(PNG), Ok("image/png"));
        assert!(
            MediaKind::Video.check(PNG).is_err(),
            "a photo is not a video"
        );
        let big = [PNG.to_vec(), vec![0; 5 * 1024 * 1024]].concat();
        let err = MediaKind::Photo.check(&big).unwrap_err();
        assert!(err.to_string().contains("te groot"));
        assert!(MediaKind::Photo.check(&[]).is_err());
    }
}
