//! "Vandaag": the start page of every role, with the work of the day
//! (issue 36, item 1). Each role's items and counts come from `service::{role}::today`, which
//! counts with the services of the pages the items link to.

use kernel::error::AppError;
use kernel::views::today::Today;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "today")]
pub async fn work_of_the_day() -> Result<Today, AppError> {
    use kernel::domain::Role;
    use service::access::caller::{Admin, Employer, JobSeeker, Partner, Staff, typed};
    let (cx, me) = crate::state::caller_any(&[
        Role::JobSeeker,
        Role::Employer,
        Role::Staff,
        Role::Partner,
        Role::Admin,
    ])
    .await?;
    let db = cx.db();
    match me.role {
        Role::JobSeeker => service::job_seeker::today::today(db, &typed::<JobSeeker>(me)?).await,
        Role::Employer => {
            service::employer::today::today(db, &typed::<Employer>(me)?, chrono::Utc::now()).await
        }
        Role::Staff => {
            service::staff::today::today(db, &typed::<Staff>(me)?, chrono::Utc::now()).await
        }
        Role::Partner => {
            service::partner::today::today(db, &typed::<Partner>(me)?, chrono::Utc::now()).await
        }
        Role::Admin => service::admin::today::today(db, &typed::<Admin>(me)?).await,
    }
}

#[component]
pub fn TodayPage() -> impl IntoView {
    let work = Resource::new(|| (), |_| work_of_the_day());
    view! {
        <h1 class="utrecht-heading-1">"Vandaag"</h1>
        <Suspense fallback=|| view! { <p class="utrecht-paragraph">"Laden…"</p> }>
            {move || Suspend::new(async move {
                match work.await {
                    Err(e) => view! { <crate::ui::notice::ErrorNotice error=e /> }.into_any(),
                    Ok(t) if t.is_empty() => view! {
                        <p class="utrecht-paragraph" data-testid="today-empty">
                            "Er wacht vandaag niets op je. Al je werk vind je via het menu."
                        </p>
                    }.into_any(),
                    Ok(t) => view! {
                        <p class="utrecht-paragraph">"Dit wacht op je. Kies een onderdeel om ermee aan de slag te gaan."</p>
                        <ul class="utrecht-link-list utrecht-link-list--html-ul hw-today" data-testid="today">
                            {t.items.into_iter().filter(|i| i.count > 0).map(|i| view! {
                                <li class="utrecht-link-list__item" class:hw-today__overdue=i.overdue>
                                    <a class="utrecht-link utrecht-link-list__link" href=i.href.clone()>
                                        <span class="utrecht-badge-counter">{format!("{}{}", i.count, if i.at_least { "+" } else { "" })}</span>
                                        <span>{i.label.clone()}</span>
                                        {i.overdue.then(|| view! { <strong class="hw-today__late">"te laat"</strong> })}
                                    </a>
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}
