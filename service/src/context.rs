//! The per-request context: built once by the router's middleware for every request, read by
//! every server function and handler. It holds the instance's state, the request's client
//! address and session token, and the principal of that session, looked up at most once.

use crate::audit::{self, Entry};
use crate::auth::{Principal, principal_for_token, session_token};
use crate::domain::Role;
use crate::error::AppError;
use crate::policy::FieldSet;
use crate::state::AppState;
use std::sync::Arc;
use tokio::sync::OnceCell;

#[derive(Clone, Debug)]
pub struct Context {
    pub state: AppState,
    client: Option<String>,
    token: Option<String>,
    principal: Arc<OnceCell<Option<Principal>>>,
}

impl Context {
    pub fn new(state: AppState, headers: &http::HeaderMap, client: Option<String>) -> Self {
        Context {
            token: session_token(headers, state.cookies_secure()),
            state,
            client,
            principal: Arc::default(),
        }
    }

    /// The database of this instance.
    pub fn db(&self) -> &crate::state::Db {
        &self.state.db
    }

    /// The session token the browser presented, if any.
    pub fn token(&self) -> Option<&str> {
        self.token.as_deref()
    }

    /// The signed-in user of this request, if any (looked up once per request).
    pub async fn principal(&self) -> Result<Option<Principal>, AppError> {
        self.principal
            .get_or_try_init(|| async {
                let Some(token) = &self.token else {
                    return Ok(None);
                };
                let mut p = principal_for_token(&self.state.db, token).await?;
                if let Some(p) = &mut p {
                    p.origin = self.client.clone();
                }
                Ok::<_, AppError>(p)
            })
            .await
            .cloned()
    }

    /// The guard at the top of every server function: signed in, with one of `roles`. A
    /// refusal of a signed-in user is audited.
    pub async fn require(&self, roles: &[Role]) -> Result<Principal, AppError> {
        let p = self.principal().await?.ok_or(AppError::Unauthenticated)?;
        if roles.contains(&p.role) {
            Ok(p)
        } else {
            let entry = Entry::new("access", "server_function", FieldSet::EMPTY).denied();
            audit::record(&self.state.db, Some(&p), entry).await?;
            Err(AppError::Forbidden)
        }
    }
}
