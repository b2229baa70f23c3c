//! The employer's candidate search: the one filter model every search is built from
//! (`filter`) and the paged, counted, audited candidate list (`candidates`). The in-process
//! index it reads lives in `foundation::candidate_index`.

pub mod candidates;
pub mod filter;
