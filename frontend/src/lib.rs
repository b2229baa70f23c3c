//! The browser entry: hydrates the server-rendered page once the part of the bundle with its
//! page has loaded (the pages are lazy routes, one part per audience, `app::pages`).

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_lazy(app::App);
}
