### members: English

# invite: an owner invites a colleague; the colleague accepts through a one-time link
users-invite-heading = Invite a colleague
users-invite-intro = Invite a colleague by email address, role and the name your organisation knows them by. You get a link to pass on yourself; with it the colleague chooses their own password, or logs in with an existing account.
users-invite-submit = Invite
users-invite-link-heading = Invitation link
users-invite-link-intro = Give this link to your colleague in person or through a safe channel. It works once, for 7 days, and is shown only now.
users-invitations = Pending invitations
users-invitations-intro = Until an invitation is accepted you see only the name you typed yourself.
users-invitation-expires = Valid until
users-invitation-expired = Expired
users-invitation-revoke = Revoke
notice-invitation-made = The invitation has been made.
notice-invitation-revoked = The invitation has been revoked; its link no longer works.
error-invitation-exists = This address is already a member of this organisation or has a pending invitation.
invite-title = Invitation
invite-intro = You have been invited to join { $org } with the role { $role }. The invitation is valid until { $expires }.
invite-new-account-heading = New account
invite-new-account-intro = Choose the name you want to appear under in Kluis and a password. Then log in with the email address you were invited at.
invite-new-account-submit = Create account and join
invite-have-account-heading = Already have a Kluis account?
invite-have-account = If you already have an account with this email address, log in first and then open this link again.
invite-accept-submit = Accept invitation
invite-invalid = This invitation no longer works: it has expired, been revoked or been used. Ask whoever invited you for a new one.
invite-other-account = This invitation is for a different email address than that of the account you are logged in with. Log out to accept it with the right account.
invite-account-exists = An account with this email address already exists. Log in with it and then open this link again.
invite-already-member = You are already a member of this organisation.
invite-back = To the start page
notice-invite-accepted = Your account is ready and you have joined. Log in now.
notice-invite-joined = You have joined this organisation.
audit-do-member-invite = Colleague invited
audit-do-member-invite-accept = Invitation accepted
audit-do-member-invite-revoke = Invitation revoked
audit-subject-invitation = Invitation
