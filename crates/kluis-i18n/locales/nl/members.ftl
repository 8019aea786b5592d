### members: Nederlands

# invite: an owner invites a colleague; the colleague accepts through a one-time link
users-invite-heading = Collega uitnodigen
users-invite-intro = Nodig een collega uit met e-mailadres, rol en de naam waaronder uw organisatie hem of haar kent. U krijgt een link die u zelf doorgeeft; de collega kiest daarmee zelf een wachtwoord, of logt in met een bestaand account.
users-invite-submit = Uitnodigen
users-invite-link-heading = Uitnodigingslink
users-invite-link-intro = Geef deze link persoonlijk of via een veilig kanaal aan uw collega. Hij werkt één keer, 7 dagen lang, en wordt alleen nu getoond.
users-invitations = Openstaande uitnodigingen
users-invitations-intro = Tot een uitnodiging is aangenomen, ziet u alleen de naam die u zelf hebt ingevuld.
users-invitation-expires = Geldig tot
users-invitation-expired = Verlopen
users-invitation-revoke = Intrekken
notice-invitation-made = De uitnodiging is gemaakt.
notice-invitation-revoked = De uitnodiging is ingetrokken; de link werkt niet meer.
error-invitation-exists = Dit adres is al lid van deze organisatie of heeft al een openstaande uitnodiging.
invite-title = Uitnodiging
invite-intro = U bent uitgenodigd voor { $org } met de rol { $role }. De uitnodiging is geldig tot { $expires }.
invite-new-account-heading = Nieuw account
invite-new-account-intro = Kies de naam waaronder u in Kluis wilt verschijnen en een wachtwoord. Daarna logt u in met het e-mailadres waarop u bent uitgenodigd.
invite-new-account-submit = Account maken en lid worden
invite-have-account-heading = Al een Kluis-account?
invite-have-account = Heeft u met dit e-mailadres al een account, log dan eerst in en open deze link daarna opnieuw.
invite-accept-submit = Uitnodiging aannemen
invite-invalid = Deze uitnodiging werkt niet (meer): hij is verlopen, ingetrokken of al gebruikt. Vraag wie u uitnodigde om een nieuwe.
invite-other-account = Deze uitnodiging is voor een ander e-mailadres dan dat van het account waarmee u bent ingelogd. Log uit om hem met het juiste account aan te nemen.
invite-account-exists = Met dit e-mailadres bestaat al een account. Log daarmee in en open deze link daarna opnieuw.
invite-already-member = U bent al lid van deze organisatie.
invite-back = Naar de startpagina
notice-invite-accepted = Uw account is klaar en u bent lid geworden. Log nu in.
notice-invite-joined = U bent lid geworden van deze organisatie.
audit-do-member-invite = Collega uitgenodigd
audit-do-member-invite-accept = Uitnodiging aangenomen
audit-do-member-invite-revoke = Uitnodiging ingetrokken
audit-subject-invitation = Uitnodiging
