//! The browser entry: hydrates the server-rendered page once the part of the bundle with its
//! page has loaded (each page is a lazy route, `app::pages`).

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_lazy(app::App);
}
