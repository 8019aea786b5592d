//! Roles a user holds in an organisation, and what each role may do.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// A user's role within one organisation. A user may hold a different role in each organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Runs the organisation in Kluis: everything, including users and keys.
    Owner,
    /// Functionaris gegevensbescherming or privacy lead: all data work, reveals sensitive values, no user admin.
    PrivacyOfficer,
    /// Office staff: day-to-day records, no sensitive values, no settings.
    Staff,
    /// Read-only access, e.g. an external auditor or accountant.
    Auditor,
}

/// Something a route or command needs to be allowed to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Permission {
    /// See the organisation's records and register.
    Read,
    /// Create and change records, upload documents.
    Write,
    /// See special-category values and national ID numbers in clear (always audited).
    RevealSensitive,
    /// Read the audit log and run its verification.
    ReadAudit,
    /// Add users, change roles, organisation settings.
    ManageUsers,
    /// Change the register of processing activities: profile, activities, recipients, agreements, statements.
    /// Staff read the register but do not decide what the organisation processes and why.
    ManageRegister,
    /// Handle data-subject requests: verify the requester, extend, answer, refuse. Staff register a request
    /// (`Write`: they take the call) and read the list, but the answer is the privacy lead's.
    HandleRequests,
    /// Handle personal-data breaches: assess the risk, decide on and record the notifications, correct the people
    /// affected. Staff report a breach (`Write`: everyone must be able to) and read the register of breaches.
    HandleBreaches,
}

impl Role {
    pub const ALL: &'static [Role] = &[
        Role::Owner,
        Role::PrivacyOfficer,
        Role::Staff,
        Role::Auditor,
    ];

    pub const fn as_str(self) -> &'static str {
        match self {
            Role::Owner => "owner",
            Role::PrivacyOfficer => "privacy_officer",
            Role::Staff => "staff",
            Role::Auditor => "auditor",
        }
    }

    /// Whether this role grants `permission`. The single source of truth for authorisation.
    pub const fn allows(self, permission: Permission) -> bool {
        use Permission::*;
        match self {
            Role::Owner => true,
            Role::PrivacyOfficer => {
                matches!(
                    permission,
                    Read | Write
                        | RevealSensitive
                        | ReadAudit
                        | ManageRegister
                        | HandleRequests
                        | HandleBreaches
                )
            }
            Role::Staff => matches!(permission, Read | Write),
            Role::Auditor => matches!(permission, Read | ReadAudit),
        }
    }
}

/// Work done without a member behind it. It still needs a `Permission`, so what the command line and the
/// background jobs may do is written down here like a role's, not implied by their having no session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SystemActor {
    /// The operator on the server's command line (`kluis org add`, `user add`, `import-docs`, …): holds the key
    /// file and the database already, so may administer and write, but reveals values only through the UI; it
    /// answers data-subject requests for automation (`kluis requests access|erase`), which hand a person's own
    /// data to that person.
    Cli,
    /// Background jobs: scanning documents, verifying chains, purging expired rows.
    Jobs,
}

impl SystemActor {
    /// The name recorded as the audit event's actor.
    pub const fn audit_name(self) -> &'static str {
        match self {
            SystemActor::Cli => "cli",
            SystemActor::Jobs => "system:jobs",
        }
    }

    /// Whether this system actor may do `permission`.
    pub const fn allows(self, permission: Permission) -> bool {
        use Permission::*;
        match self {
            SystemActor::Cli => {
                matches!(
                    permission,
                    Read | Write
                        | ManageUsers
                        | ReadAudit
                        | ManageRegister
                        | HandleRequests
                        | HandleBreaches
                )
            }
            SystemActor::Jobs => matches!(permission, Read | Write | ReadAudit),
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A role name that is not one of Kluis's roles.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownRole(pub String);

impl fmt::Display for UnknownRole {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown role '{}': expected owner, privacy_officer, staff or auditor",
            self.0
        )
    }
}

impl std::error::Error for UnknownRole {}

impl FromStr for Role {
    type Err = UnknownRole;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Role::ALL
            .iter()
            .copied()
            .find(|r| r.as_str() == s)
            .ok_or_else(|| UnknownRole(s.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auditor_is_read_only_and_staff_cannot_reveal() {
        assert!(Role::Auditor.allows(Permission::Read));
        assert!(!Role::Auditor.allows(Permission::Write));
        assert!(!Role::Staff.allows(Permission::RevealSensitive));
        assert!(!Role::PrivacyOfficer.allows(Permission::ManageUsers));
        assert!(Role::Owner.allows(Permission::ManageUsers));
        assert!(Role::PrivacyOfficer.allows(Permission::ManageRegister));
        assert!(!Role::Staff.allows(Permission::ManageRegister));
        assert!(!Role::Auditor.allows(Permission::ManageRegister));
        assert!(Role::PrivacyOfficer.allows(Permission::HandleRequests));
        assert!(!Role::Staff.allows(Permission::HandleRequests));
        assert!(!Role::Auditor.allows(Permission::HandleRequests));
        assert!(Role::PrivacyOfficer.allows(Permission::HandleBreaches));
        assert!(!Role::Staff.allows(Permission::HandleBreaches));
        assert!(!Role::Auditor.allows(Permission::HandleBreaches));
        assert_eq!("privacy_officer".parse::<Role>(), Ok(Role::PrivacyOfficer));
    }

    #[test]
    fn system_actors_never_reveal_and_jobs_never_manage_users() {
        for s in [SystemActor::Cli, SystemActor::Jobs] {
            assert!(!s.allows(Permission::RevealSensitive), "{s:?}");
            assert!(s.allows(Permission::Write), "{s:?}");
        }
        assert!(SystemActor::Cli.allows(Permission::ManageUsers));
        assert!(!SystemActor::Jobs.allows(Permission::ManageUsers));
        assert_eq!(SystemActor::Jobs.audit_name(), "system:jobs");
    }
}
