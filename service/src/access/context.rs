//! The per-request context: built once by the router's middleware for every request, read by
//! every server function and handler. It holds the instance's state, the request's client
//! address and session token, and the principal of that session, looked up at most once.

use crate::access::audit::{self, Entry};
use crate::access::caller::{Caller, typed};
use crate::access::principal::Principal;
use crate::access::session::{Signed, session_token, signed_for_token};
use crate::foundation::state::AppState;
use crate::foundation::trace::Trace;
use kernel::domain::Role;
use kernel::error::AppError;
use kernel::policy::FieldSet;
use std::sync::Arc;
use tokio::sync::OnceCell;

#[derive(Clone, Debug)]
pub struct Context {
    pub state: AppState,
    client: Option<String>,
    trace: Trace,
    token: Option<String>,
    signed: Arc<OnceCell<Option<Signed>>>,
}

impl Context {
    pub fn new(
        state: AppState,
        headers: &http::HeaderMap,
        client: Option<String>,
        trace: Trace,
    ) -> Self {
        Context {
            token: session_token(headers, state.cookies_secure()),
            state,
            client,
            trace,
            signed: Arc::default(),
        }
    }

    /// The database of this instance.
    pub fn db(&self) -> &crate::foundation::db::Db {
        &self.state.db
    }

    /// The W3C trace of this request (the processing log's trace id).
    pub fn trace(&self) -> &Trace {
        &self.trace
    }

    /// The session token the browser presented, if any.
    pub fn token(&self) -> Option<&str> {
        self.token.as_deref()
    }

    /// Who the session of this request stands for, if anyone (looked up once per request).
    async fn signed(&self) -> Result<Option<Signed>, AppError> {
        self.signed
            .get_or_try_init(|| async {
                let Some(token) = &self.token else {
                    return Ok(None);
                };
                let mut signed = signed_for_token(&self.state.db, token).await?;
                if let Some(Signed::In(p)) = &mut signed {
                    p.origin = self.client.clone();
                    p.trace = Some(self.trace.clone());
                }
                Ok::<_, AppError>(signed)
            })
            .await
            .cloned()
    }

    /// This request carries no session at all: not a complete one, nor one waiting for the code
    /// of its second factor.
    pub async fn signed_out(&self) -> Result<bool, AppError> {
        Ok(self.signed().await?.is_none())
    }

    /// The signed-in user of this request, if any. A session still waiting for the code of its
    /// second factor has no principal.
    pub async fn principal(&self) -> Result<Option<Principal>, AppError> {
        Ok(match self.signed().await? {
            Some(Signed::In(p)) => Some(*p),
            Some(Signed::AwaitingCode { .. }) | None => None,
        })
    }

    /// The account of a session that gave its password and waits for the code of the second
    /// factor: the only thing such a session reaches is the second step.
    pub async fn awaiting_code(&self) -> Result<i32, AppError> {
        match self.signed().await? {
            Some(Signed::AwaitingCode { user_id }) => Ok(user_id),
            // Signed in already, or not at all: there is no second step to take.
            Some(Signed::In(_)) => Err(AppError::BadRequest),
            None => Err(AppError::Unauthenticated),
        }
    }

    /// The guard at the top of every server function of one role: signed in (every step of the
    /// log-in done) as that role, given as its typed caller. A refusal is audited.
    pub async fn require<T: Caller>(&self) -> Result<T, AppError> {
        typed(self.require_any(&[T::ROLE]).await?)
    }

    /// The guard of a server function that serves several roles: signed in, with one of
    /// `roles`. A refusal of a signed-in user is audited.
    pub async fn require_any(&self, roles: &[Role]) -> Result<Principal, AppError> {
        let p = match self.signed().await? {
            Some(Signed::In(p)) => *p,
            Some(Signed::AwaitingCode { .. }) => return Err(AppError::SecondFactorRequired),
            None => return Err(AppError::Unauthenticated),
        };
        if roles.contains(&p.role) {
            Ok(p)
        } else {
            let entry = Entry::new("access", "server_function", FieldSet::EMPTY).denied();
            audit::record(&self.state.db, Some(&p), entry).await?;
            Err(AppError::Forbidden)
        }
    }
}
