package webhooks

import "github.com/go-clerk/clerk/organizations"

// OrganizationDomain is the data of the organizationDomain.created and
// .updated events: a domain whose users can join the organization. It is
// the same type as organizations.OrganizationDomain, which the Backend API
// answers.
type OrganizationDomain = organizations.OrganizationDomain

// OrganizationDomainVerification is the state of one verification of an
// organization domain: the same type as organizations.DomainVerification.
type OrganizationDomainVerification = organizations.DomainVerification

// Role is the data of the role.created and role.updated events: an
// organization role and the permissions it grants. It is the same type as
// organizations.Role, which the Backend API answers.
type Role = organizations.Role

// Permission is the data of the permission.created and permission.updated
// events, and an entry of Role.Permissions. It is the same type as
// organizations.Permission.
type Permission = organizations.Permission
