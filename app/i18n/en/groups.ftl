# Groups: making one, its panel (members, roles, leaving, deleting), invitations, the
# notices of what happened in it, and the profile's name and picture.

## Making a group and editing it

groups-new-title = New group
groups-name-label = Group name
groups-name-bytes = { $count } of { $max } bytes
groups-description-label = Description
groups-optional = (optional)
groups-members-heading = Members
groups-new-members-heading = New members
groups-create = Create
groups-creating = Creating…
groups-add = Add
groups-adding = Adding…
groups-saving = Saving…

## Picking members

groups-picker-no-contacts = No contacts to choose from yet: paste Session IDs below.
groups-picker-search = Search contacts
groups-picker-no-match = No contact matches.
groups-picker-ids-label = Session IDs
groups-picker-ids-help = Paste the Session IDs of others to invite, one per line.
groups-picker-own-id = Your own Session ID is left out: you are a member anyway.
# A group's size against its limit: "3 of 100 members".
groups-picker-count = { $count } of { $max } members

## What keeps a form from being sent

groups-error-no-name = Enter a group name.
groups-error-name-too-long = A group name has at most { $max } bytes; this one has { $count }.
groups-error-description-too-long = A description has at most { $max } bytes; this one has { $count }.
groups-error-invalid-ids = { $count ->
    [one] One entry is not a Session ID: correct or remove it.
   *[other] { $count } entries are not Session IDs: correct or remove them.
}
groups-error-no-member = Choose at least one member.
# $count: how many members must be left out.
groups-error-too-many-picked = A group has at most { $max } members: remove { $count }.

## Why a group action failed

groups-error-not-found = This group is no longer available.
groups-error-name-max = A group name has at most { $max } bytes.
groups-error-members-max = A group has at most { $max } members.
groups-error-bad-member = { $id } is not a Session ID.
groups-error-not-admin = Only the group's admins can do this.
groups-error-storage = Could not save the group: { $error }
groups-error-network = Saved here, but not sent yet ({ $error }); it goes out when the network works.
# The protocol's refusals ($what: a technical detail).
groups-error-malformed = malformed group data: { $what }
groups-error-invalid = invalid group input: { $what }
groups-error-bad-key = unusable or mismatched group key
groups-error-bad-signature = group signature does not verify
groups-error-decrypt = no group key held opens this
groups-error-decompress = group message does not decompress
groups-error-only-admin = only a group admin can do this
groups-error-no-keys = no group key is held yet
groups-error-too-large = group message of { $size } bytes is too large

## The group's panel

groups-panel-title = Group
groups-members = { $count ->
    [one] { $count } member
   *[other] { $count } members
}
groups-add-members = Add members
groups-make-admin = Make admin
groups-remove-member = Remove from the group
groups-leave-group = Leave group
groups-delete-group = Delete group
groups-remove-title = Remove { $name }?
groups-remove-body = { $name } will be removed from the group and will not see its new messages.
groups-leave-title = Leave group?
groups-leave = Leave
groups-leave-deletes = You are the group's only admin: leaving deletes it for every member.
groups-leave-body = You will no longer receive its messages, and its chat is deleted from this device. The group is told that you left.
groups-delete-title = Delete group?
groups-delete-body = The group is deleted for every member: nobody can send to it any more.

## Members' roles

groups-role-admin = Admin
groups-role-promotion-pending = Admin (pending)
groups-role-member = Member
groups-role-invited = Invited
groups-role-invite-failed = Invite failed
groups-role-removing = Removing

## A group we can no longer write to; the line under its title

groups-ended-no-longer-member = You are no longer a member of this group.
groups-ended-destroyed = This group was deleted by its admins. You can no longer send messages to it.
groups-ended-kicked = You were removed from this group. You can no longer send messages to it.
groups-delete-chat = Delete chat
groups-header-destroyed = Deleted by its admins
groups-header-kicked = You were removed
groups-header-invitation = Invitation

## An invitation

groups-invitation-label = Group invitation
groups-invitation-from = { $name } invited you to join { $group }.
groups-invitation = You were invited to join { $group }.
groups-invitation-detail = Accepting joins the group: its members see that you joined, and your display name.
groups-accept = Accept
groups-decline = Decline
groups-decline-title = Decline invitation?
groups-decline-body = The invitation and its messages will be deleted from this device.

## Notices in a group's chat. $name: who did it; $names: the people it was done to
## ("Bea", "Bea and Cy", "Bea, Cy and Di"); $count: how many they are.

groups-notice-created-you = You created the group.
groups-notice-created = { $name } created the group.
groups-notice-invited = { $name } invited you to the group.
groups-notice-added-you = { $count ->
    [one] You added { $names }.
   *[other] You added { $names }.
}
groups-notice-added = { $count ->
    [one] { $name } added { $names }.
   *[other] { $name } added { $names }.
}
# Someone added us, and only us.
groups-notice-added-me = { $name } added you.
groups-notice-removed-you = { $count ->
    [one] You removed { $names }.
   *[other] You removed { $names }.
}
groups-notice-removed = { $count ->
    [one] { $name } removed { $names }.
   *[other] { $name } removed { $names }.
}
groups-notice-removed-me = { $name } removed you.
groups-notice-promoted-you = { $count ->
    [one] You made { $names } admin.
   *[other] You made { $names } admin.
}
groups-notice-promoted = { $count ->
    [one] { $name } made { $names } admin.
   *[other] { $name } made { $names } admin.
}
groups-notice-promoted-me = { $name } made you admin.
groups-notice-left-you = You left the group.
groups-notice-left = { $name } left the group.
groups-notice-joined-you = You joined the group.
groups-notice-joined = { $name } joined the group.
groups-notice-renamed-you = You renamed the group to { $group }.
groups-notice-renamed = { $name } renamed the group to { $group }.
groups-notice-picture-you = You changed the group picture.
groups-notice-picture = { $name } changed the group picture.
groups-notice-timer-off-you = You turned off disappearing messages.
groups-notice-timer-off = { $name } turned off disappearing messages.
# $time: "1 day", "5 minutes".
groups-notice-timer-you = You set messages to disappear { $time } after sending.
groups-notice-timer = { $name } set messages to disappear { $time } after sending.
groups-notice-kicked = You were removed from the group.
groups-notice-destroyed = This group was deleted by its admins.
# Us, inside a list of names ("Bea added you and Cy.").
groups-notice-you-inside = you
groups-notice-nobody = nobody
groups-names-two = { $first } and { $last }
# $rest: the other names, themselves listed ("Cy and Di").
groups-names-more = { $first }, { $rest }

## Our profile: display name (onboarding) and picture

groups-profile-name-title = Pick your display name
groups-profile-name-intro = It is sent with your messages so people know who is writing. You can change it later in Settings.
groups-profile-name-label = Display name
groups-profile-password-open = Protect this browser with a password (optional)
groups-profile-password-intro = Your messages and keys stored here are then encrypted, and Session asks for the password when it opens. A forgotten password cannot be recovered.
groups-profile-password = Password
groups-profile-password-confirm = Confirm the password
groups-profile-name-empty = Enter a display name.
groups-profile-name-too-long = A display name has at most { $max } characters.
groups-picture-saved = Profile picture saved
groups-picture-removed = Profile picture removed
groups-picture-change = Change picture
groups-picture-add = Add picture
groups-picture-not-a-picture = That is not a picture (use a JPEG, PNG, GIF or WebP file).
groups-picture-too-large = The picture is { $size } MB; choose one of at most { $max } MB.
groups-picture-unreadable = The browser could not read this picture.
groups-picture-resize = The browser could not scale this picture.
groups-picture-busy = A picture is already being set.
groups-picture-encrypt = The picture could not be encrypted: { $error }
groups-picture-upload = The picture could not be uploaded: { $error }
groups-picture-profile = The profile could not be saved: { $error }
groups-picture-url = The avatar cannot be fetched: { $error }
groups-picture-download = The avatar could not be downloaded: { $error }
groups-picture-refused = The avatar was refused: { $error }
