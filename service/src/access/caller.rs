//! Typed callers: a principal of one role with what its scope stands for spelled out, made once
//! at the door (`Context::require::<Staff>()`) instead of a "who is this caller" look-up in each
//! feature. A service function that serves one role takes that role's type, so it cannot be
//! called for anyone else: the compiler holds the rule a role check in each function used to.
//! Each type dereferences to its `Principal`, which the audit log and the row scope read.

use crate::access::principal::Principal;
use crate::access::scope::{AgreementInForce, Scope, agreement_in_force, current_agreement};
use entity::{job_seeker, vacancy};
use kernel::domain::Role;
use kernel::error::AppError;
use kernel::policy::{self, Audience, FieldSet, ReadContext};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use std::ops::Deref;

/// A principal of one role, as a type.
pub trait Caller: Sized + Deref<Target = Principal> {
    const ROLE: Role;
    /// The principal as this role; `None` when it is another.
    fn from_principal(p: Principal) -> Option<Self>;
}

/// Turns a principal into the typed caller of its role; any other role is `Forbidden`.
pub fn typed<T: Caller>(p: Principal) -> Result<T, AppError> {
    T::from_principal(p).ok_or(AppError::Forbidden)
}

macro_rules! caller {
    ($(#[$doc:meta])* $name:ident, $role:expr, $scope:ident { $($field:ident),* }) => {
        $(#[$doc])*
        #[derive(Clone, Debug)]
        pub struct $name {
            $(pub $field: i32,)*
            principal: Principal,
        }

        impl Deref for $name {
            type Target = Principal;
            fn deref(&self) -> &Principal {
                &self.principal
            }
        }

        impl Caller for $name {
            const ROLE: Role = $role;
            fn from_principal(principal: Principal) -> Option<Self> {
                if principal.role != $role {
                    return None;
                }
                match principal.scope {
                    Scope::$scope { $($field),* } => Some($name { $($field,)* principal }),
                    _ => None,
                }
            }
        }
    };
}

caller!(
    /// An employer's contact person: the organisation and its region.
    Employer, Role::Employer, Organisation { employer_id, region_id }
);
caller!(
    /// A staff member of a gemeente: the gemeente and its region.
    Staff, Role::Staff, Municipality { municipality_id, region_id }
);
caller!(
    /// A job seeker: the own profile and its gemeente.
    JobSeeker, Role::JobSeeker, OwnProfile { job_seeker_id, municipality_id }
);
caller!(
    /// A partner organisation's account: the partner and the one gemeente it has an agreement with.
    Partner, Role::Partner, Partner { partner_id, municipality_id }
);
caller!(
    /// The platform administrator: regions, gemeenten and accounts, no job-seeker data.
    Admin, Role::Admin, Platform {}
);

impl Employer {
    /// A vacancy of this organisation (for changes); another's is `NotFound`.
    pub async fn vacancy<C: ConnectionTrait>(
        &self,
        db: &C,
        id: i32,
    ) -> Result<vacancy::Model, AppError> {
        vacancy::Entity::find_by_id(id)
            .filter(vacancy::Column::EmployerId.eq(self.employer_id))
            .one(db)
            .await?
            .ok_or(AppError::NotFound)
    }
}

impl JobSeeker {
    /// The own profile, through the scope like every other read.
    pub async fn own_profile<C: ConnectionTrait>(
        &self,
        db: &C,
    ) -> Result<job_seeker::Model, AppError> {
        self.scope
            .profile(db, self.job_seeker_id)
            .await?
            .ok_or(AppError::NotFound)
    }
}

impl Partner {
    /// The fields of the agreement in force today. Without one a partner has no access at all
    /// (`Forbidden`, not an empty answer).
    pub async fn agreement<C: ConnectionTrait>(&self, db: &C) -> Result<FieldSet, AppError> {
        current_agreement(db, self.partner_id)
            .await?
            .ok_or(AppError::Forbidden)
    }

    /// The agreement in force today with the moment it took effect (`Forbidden` without one).
    pub async fn agreement_in_force<C: ConnectionTrait>(
        &self,
        db: &C,
    ) -> Result<AgreementInForce, AppError> {
        agreement_in_force(db, self.partner_id)
            .await?
            .ok_or(AppError::Forbidden)
    }

    /// The fields this partner may read now: the policy's partner column under the agreement in
    /// force (work capacity never reaches a partner, so no consent applies). Its list and its
    /// start page's count of changes read the same set.
    pub async fn readable<C: ConnectionTrait>(&self, db: &C) -> Result<FieldSet, AppError> {
        Ok(Self::readable_under(self.agreement(db).await?))
    }

    /// The fields a partner may read under an agreement naming `agreed` (for a caller that has
    /// the agreement already).
    pub fn readable_under(agreed: FieldSet) -> FieldSet {
        let ctx = ReadContext {
            work_capacity_consent: false,
            agreement: agreed,
        };
        policy::readable(Audience::Partner, &ctx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn principal(role: Role, scope: Scope) -> Principal {
        Principal {
            user_id: 1,
            role,
            scope,
            name: String::new(),
            organisation: String::new(),
            origin: None,
            trace: None,
            reach: None,
            feed_head: None,
        }
    }

    fn all() -> Vec<Principal> {
        vec![
            principal(
                Role::Employer,
                Scope::Organisation {
                    employer_id: 3,
                    region_id: 7,
                },
            ),
            principal(
                Role::Staff,
                Scope::Municipality {
                    municipality_id: 5,
                    region_id: 7,
                },
            ),
            principal(
                Role::JobSeeker,
                Scope::OwnProfile {
                    job_seeker_id: 11,
                    municipality_id: 5,
                },
            ),
            principal(
                Role::Partner,
                Scope::Partner {
                    partner_id: 13,
                    municipality_id: 5,
                },
            ),
            principal(Role::Admin, Scope::Platform),
        ]
    }

    /// How many of the principals each typed caller accepts, and with which role.
    fn accepted<T: Caller>() -> Vec<Role> {
        all()
            .into_iter()
            .filter_map(|p| typed::<T>(p).ok())
            .map(|t| t.role)
            .collect()
    }

    #[test]
    fn each_role_is_only_itself() {
        assert_eq!(accepted::<Employer>(), [Role::Employer]);
        assert_eq!(accepted::<Staff>(), [Role::Staff]);
        assert_eq!(accepted::<JobSeeker>(), [Role::JobSeeker]);
        assert_eq!(accepted::<Partner>(), [Role::Partner]);
        assert_eq!(accepted::<Admin>(), [Role::Admin]);
    }

    #[test]
    fn the_scope_is_spelled_out() {
        let [employer, staff, job_seeker, partner, _admin] = all().try_into().unwrap();
        let e = typed::<Employer>(employer).unwrap();
        assert_eq!((e.employer_id, e.region_id), (3, 7));
        let s = typed::<Staff>(staff).unwrap();
        assert_eq!((s.municipality_id, s.region_id), (5, 7));
        let j = typed::<JobSeeker>(job_seeker).unwrap();
        assert_eq!((j.job_seeker_id, j.municipality_id), (11, 5));
        let p = typed::<Partner>(partner).unwrap();
        assert_eq!((p.partner_id, p.municipality_id), (13, 5));
    }

    #[test]
    fn a_role_with_a_foreign_scope_is_refused() {
        // A staff role whose scope is an organisation's cannot pass as either.
        let odd = principal(
            Role::Staff,
            Scope::Organisation {
                employer_id: 3,
                region_id: 7,
            },
        );
        assert!(typed::<Staff>(odd.clone()).is_err());
        assert!(typed::<Employer>(odd).is_err());
    }
}
