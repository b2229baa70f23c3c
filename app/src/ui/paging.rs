//! Paged and searchable lists: the page and search term in the address, the links between
//! pages, the pager and the search box.

use super::controls::TextBox;
use super::field::{FormField, Need};
use leptos::prelude::*;

/// The zero-based page of a list, from the one-based `pagina` query parameter.
pub fn use_page() -> Memo<u32> {
    use_page_named("pagina")
}

/// The zero-based page in the query parameter `name` (shown one-based, absent on page one).
pub fn use_page_named(name: &'static str) -> Memo<u32> {
    let query = leptos_router::hooks::use_query_map();
    Memo::new(move |_| {
        query
            .read()
            .get(name)
            .and_then(|p| p.parse::<u32>().ok())
            .map_or(0, |p| p.saturating_sub(1))
    })
}

/// `path` with the query parameters `parts` (`name=value`), or plain `path` without any.
fn with_query(path: &str, parts: impl IntoIterator<Item = String>) -> String {
    let query: Vec<String> = parts.into_iter().collect();
    if query.is_empty() {
        path.to_string()
    } else {
        format!("{path}?{}", query.join("&"))
    }
}

/// The parameter of a zero-based page (shown one-based), absent on the first page.
fn page_param(name: &str, page: u32) -> Option<String> {
    (page > 0).then(|| format!("{name}={}", page + 1))
}

/// The address of `path` with each (parameter, zero-based page) that is not the first page.
pub fn paged_href(path: &str, params: &[(&str, u32)]) -> String {
    with_query(
        path,
        params.iter().filter_map(|(name, p)| page_param(name, *p)),
    )
}

/// The address of a searchable list at `path`: search text `q` (parameter `q`) on zero-based
/// `page` (parameter `pagina`), each left out at its default.
pub fn search_href(path: &str, q: &str, page: u32) -> String {
    let q = (!q.is_empty()).then(|| format!("q={}", kernel::candidates::urlencode(q)));
    with_query(path, q.into_iter().chain(page_param("pagina", page)))
}

/// The search text of a list, from the query parameter `q`.
pub fn use_search() -> Memo<String> {
    let query = leptos_router::hooks::use_query_map();
    Memo::new(move |_| query.read().get("q").unwrap_or_default())
}

/// The search box of a list at `path`: each keystroke shows the first page of what matches
/// (the address keeps the search, so a reload or a shared link shows the same list).
#[component]
pub fn SearchBox(path: &'static str, id: &'static str, label: &'static str) -> impl IntoView {
    let q = use_search();
    let navigate = leptos_router::hooks::use_navigate();
    let on_input = move |ev: leptos::ev::Event| {
        navigate(
            &search_href(path, &event_target_value(&ev), 0),
            leptos_router::NavigateOptions {
                replace: true,
                scroll: false,
                ..Default::default()
            },
        );
    };
    view! {
        <form class="hw-filter" role="search" on:submit=|ev| ev.prevent_default()>
            <FormField id=id label=label need=Need::Unmarked>
                <TextBox kind="search" autocomplete="off" attr:maxlength="100"
                    prop:value=move || q.get() on:input=on_input />
            </FormField>
        </form>
    }
}

/// The links to the previous and next page, `href` making the address of a page.
pub fn neighbours(
    page: u32,
    pages: u32,
    href: impl Fn(u32) -> String,
) -> (Option<String>, Option<String>) {
    (
        (page > 0).then(|| href(page - 1)),
        (page + 1 < pages).then(|| href(page + 1)),
    )
}

/// The links to the previous and next page of a list at `path` without other parameters.
pub fn page_links(path: &str, page: u32, pages: u32) -> (Option<String>, Option<String>) {
    neighbours(page, pages, |p| paged_href(path, &[("pagina", p)]))
}

#[component]
pub fn Pager(
    page: u32,
    pages: u32,
    prev: Option<String>,
    next: Option<String>,
    /// Names the list when a page has more than one pager.
    #[prop(default = "Paginering")]
    label: &'static str,
) -> impl IntoView {
    (pages > 1).then(|| {
        view! {
            <nav class="utrecht-pagination" aria-label=label>
                {prev.map(|href| view! { <a class="utrecht-pagination__relative-link" rel="prev" href=href>"Vorige"</a> })}
                <span class="utrecht-pagination__page-link">{format!("Pagina {} van {}", page + 1, pages)}</span>
                {next.map(|href| view! { <a class="utrecht-pagination__relative-link" rel="next" href=href>"Volgende"</a> })}
            </nav>
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_leave_first_pages_and_empty_searches_out() {
        assert_eq!(paged_href("/w", &[("a", 0)]), "/w");
        assert_eq!(paged_href("/w", &[("a", 1), ("b", 2)]), "/w?a=2&b=3");
        assert_eq!(paged_href("/w", &[("a", 0), ("b", 2)]), "/w?b=3");
        assert_eq!(search_href("/w", "", 0), "/w");
        assert_eq!(search_href("/w", "", 1), "/w?pagina=2");
        assert_eq!(search_href("/w", "de boer", 0), "/w?q=de+boer");
        assert_eq!(search_href("/w", "de boer", 1), "/w?q=de+boer&pagina=2");
    }
}
