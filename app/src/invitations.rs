//! Pages and server functions of `invitations`; the rules and queries are in `service::invitations`.

pub use kernel::views::invitations::*;
