//! Typed callers: what the principal of each role stands for, read from its scope in this one
//! place instead of a "who is this caller" look-up in each feature. A function that serves one
//! role starts with, say, `let me = p.employer()?;` and then has the organisation and its
//! region by name; a principal of any other role gets `Forbidden`.

use crate::access::principal::Principal;
use crate::access::scope::Scope;
use entity::{job_seeker, vacancy};
use kernel::error::AppError;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

/// An employer's contact person: the organisation and its region.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Employer {
    pub employer_id: i32,
    pub region_id: i32,
}

/// A staff member of a gemeente: the gemeente and its region.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Staff {
    pub municipality_id: i32,
    pub region_id: i32,
}

/// A job seeker: the own profile and its gemeente.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct JobSeeker {
    pub job_seeker_id: i32,
    pub municipality_id: i32,
}

impl Principal {
    /// The caller as an employer's contact person.
    pub fn employer(&self) -> Result<Employer, AppError> {
        match self.scope {
            Scope::Organisation {
                employer_id,
                region_id,
            } => Ok(Employer {
                employer_id,
                region_id,
            }),
            _ => Err(AppError::Forbidden),
        }
    }

    /// The caller as a staff member of a gemeente.
    pub fn staff(&self) -> Result<Staff, AppError> {
        match self.scope {
            Scope::Municipality {
                municipality_id,
                region_id,
            } => Ok(Staff {
                municipality_id,
                region_id,
            }),
            _ => Err(AppError::Forbidden),
        }
    }

    /// The caller as a job seeker.
    pub fn job_seeker(&self) -> Result<JobSeeker, AppError> {
        match self.scope {
            Scope::OwnProfile {
                job_seeker_id,
                municipality_id,
            } => Ok(JobSeeker {
                job_seeker_id,
                municipality_id,
            }),
            _ => Err(AppError::Forbidden),
        }
    }

    /// The labour-market region of a caller who works in one (staff and employers).
    pub fn region(&self) -> Result<i32, AppError> {
        self.scope.region_id().ok_or(AppError::Forbidden)
    }

    /// The job seeker's own profile, through the scope like every other read.
    pub async fn own_profile<C: ConnectionTrait>(
        &self,
        db: &C,
    ) -> Result<job_seeker::Model, AppError> {
        self.scope
            .profile(db, self.job_seeker()?.job_seeker_id)
            .await?
            .ok_or(AppError::NotFound)
    }
}

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

#[cfg(test)]
mod tests {
    use super::*;
    use kernel::domain::Role;

    fn principal(role: Role, scope: Scope) -> Principal {
        Principal {
            user_id: 1,
            role,
            scope,
            name: String::new(),
            organisation: String::new(),
            origin: None,
        }
    }

    #[test]
    fn each_role_is_only_itself() {
        let employer = principal(
            Role::Employer,
            Scope::Organisation {
                employer_id: 3,
                region_id: 7,
            },
        );
        let staff = principal(
            Role::Staff,
            Scope::Municipality {
                municipality_id: 5,
                region_id: 7,
            },
        );
        let job_seeker = principal(
            Role::JobSeeker,
            Scope::OwnProfile {
                job_seeker_id: 11,
                municipality_id: 5,
            },
        );
        let admin = principal(Role::Admin, Scope::Platform);
        assert_eq!(
            employer.employer(),
            Ok(Employer {
                employer_id: 3,
                region_id: 7
            })
        );
        assert_eq!(
            staff.staff(),
            Ok(Staff {
                municipality_id: 5,
                region_id: 7
            })
        );
        assert_eq!(
            job_seeker.job_seeker(),
            Ok(JobSeeker {
                job_seeker_id: 11,
                municipality_id: 5
            })
        );
        for p in [&staff, &job_seeker, &admin] {
            assert_eq!(p.employer(), Err(AppError::Forbidden));
        }
        for p in [&employer, &job_seeker, &admin] {
            assert_eq!(p.staff(), Err(AppError::Forbidden));
        }
        for p in [&employer, &staff, &admin] {
            assert_eq!(p.job_seeker(), Err(AppError::Forbidden));
        }
        assert_eq!(employer.region(), Ok(7));
        assert_eq!(staff.region(), Ok(7));
        assert_eq!(job_seeker.region(), Err(AppError::Forbidden));
        assert_eq!(admin.region(), Err(AppError::Forbidden));
    }
}
