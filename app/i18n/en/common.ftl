# Words used all over the app. Areas keep their own messages in their own files
# (onboarding, home, chat, groups, settings); keys start with the area's name.

common-cancel = Cancel
common-close = Close
common-save = Save
common-delete = Delete
common-remove = Remove
common-copy = Copy
common-copied = Copied
common-back = Back
common-next = Next
common-done = Done
common-retry = Retry
common-continue = Continue
common-edit = Edit
common-ok = OK
common-loading = Loading…
common-you = You
