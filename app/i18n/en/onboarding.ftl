# Onboarding: the welcome screen, creating and restoring an account, an unreadable account,
# the unlock screen, the password lock, the account menu, and the errors of storage and of
# the password lock that reach the screen.

## Welcome

onboarding-app-name = Session
onboarding-welcome-lead = Private messages, end-to-end encrypted and routed through the onion network. No phone number, no email.
onboarding-welcome-create = Create account
onboarding-welcome-restore = I have an account
# Gives up the account being added; $name is the account the tab was on.
onboarding-welcome-back = Back to { $name }
# The page's title when there are several accounts; $name is this tab's account.
onboarding-tab-title = { $name } · Session

## Creating an account

onboarding-create-title = Your account
onboarding-create-session-id = Session ID
onboarding-create-share = Share it with people so they can message you.
onboarding-create-qr-label = QR code of your Session ID
onboarding-create-copy-id = Copy Session ID
onboarding-create-id-copied = Session ID copied
onboarding-recovery-phrase = Recovery phrase
onboarding-create-phrase-warning = These 13 words are the only way to get your account back. Write them down and keep them private: anyone who has them can read your messages.
onboarding-create-copy-phrase = Copy phrase
onboarding-create-phrase-copied = Recovery phrase copied
onboarding-create-saved = I have saved my recovery phrase somewhere safe.

## Restoring an account

onboarding-restore-title = Restore your account
onboarding-phrase-hint = Enter the 13 words, separated by spaces.
onboarding-phrase-unknown-word = “{ $word }” is not a word of the recovery phrase list. Check its spelling.
# $expected: the words a phrase has (13); $count: the words entered.
onboarding-phrase-word-count = A recovery phrase has { $expected } words; you entered { $count }.
onboarding-phrase-checksum = The words do not check out: one of them is wrong or they are in the wrong order.
onboarding-phrase-invalid-words = This is not a valid recovery phrase: these words are not a valid recovery phrase.
# $reason: a technical explanation (in English).
onboarding-phrase-invalid = This is not a valid recovery phrase: { $reason }.

## The stored account cannot be read

onboarding-recover-title = Your account could not be read
onboarding-recover-restore = Restore
onboarding-recover-other = Use another account
onboarding-recover-delete-open = Delete the stored data…
onboarding-recover-delete-warning = Everything stored in this browser is deleted, messages waiting to be sent included. Without its recovery phrase that account cannot be restored.
onboarding-recover-delete-question = Delete the stored data?
# What is kept in this browser. $account: the short Session ID of the account the data
# belongs to; $conversations, $waiting: how many conversations and messages waiting to be sent.
onboarding-recover-summary-empty = No conversations are stored in this browser.
onboarding-recover-summary-conversations = { $conversations ->
    [one] { $conversations } conversation is kept in this browser for the account { $account }. Enter that account's recovery phrase to open them again.
   *[other] { $conversations } conversations are kept in this browser for the account { $account }. Enter that account's recovery phrase to open them again.
}
onboarding-recover-summary-conversations-unknown = { $conversations ->
    [one] { $conversations } conversation is kept in this browser; the account they belong to cannot be told. The account you restore will show them.
   *[other] { $conversations } conversations are kept in this browser; the account they belong to cannot be told. The account you restore will show them.
}
onboarding-recover-summary-waiting = { $waiting ->
    [one] { $waiting } message waiting to be sent is kept in this browser for the account { $account }. Enter that account's recovery phrase to open them again.
   *[other] { $waiting } messages waiting to be sent are kept in this browser for the account { $account }. Enter that account's recovery phrase to open them again.
}
onboarding-recover-summary-waiting-unknown = { $waiting ->
    [one] { $waiting } message waiting to be sent is kept in this browser; the account they belong to cannot be told. The account you restore will show them.
   *[other] { $waiting } messages waiting to be sent are kept in this browser; the account they belong to cannot be told. The account you restore will show them.
}
onboarding-recover-summary-both = { $conversations ->
    [one] { $conversations } conversation
   *[other] { $conversations } conversations
} and { $waiting ->
    [one] { $waiting } message
   *[other] { $waiting } messages
} waiting to be sent are kept in this browser for the account { $account }. Enter that account's recovery phrase to open them again.
onboarding-recover-summary-both-unknown = { $conversations ->
    [one] { $conversations } conversation
   *[other] { $conversations } conversations
} and { $waiting ->
    [one] { $waiting } message
   *[other] { $waiting } messages
} waiting to be sent are kept in this browser; the account they belong to cannot be told. The account you restore will show them.

## Errors of onboarding

onboarding-error-storage-closed = storage is not open
onboarding-error-nothing-to-save = no account to save
onboarding-error-nothing-to-finish = no account to finish
# $reason: the storage error.
onboarding-error-save-account = Could not save the account: { $reason }
onboarding-error-save-name = Could not save the display name: { $reason }
onboarding-error-delete = Could not delete the stored data: { $reason }
# $entered, $stored: short Session IDs.
onboarding-error-other-account = This recovery phrase is for { $entered }, but the data stored here belongs to { $stored }. Enter the phrase of { $stored }, or delete the stored data to use this account.
# $name: how the account menu names the account.
onboarding-error-already-here = This account is already in this browser, as { $name }. Switch to it from the account menu.

## The unlock screen

onboarding-lock-title = Session is locked
onboarding-lock-hint = Enter your password to open your messages.
onboarding-lock-password = Password
onboarding-lock-unlocking = Unlocking…
onboarding-lock-unlock = Unlock
onboarding-lock-forgot = Forgot your password?
onboarding-lock-forgot-text = Without it, what this account stored in this browser cannot be opened. You can delete it and restore the account from its recovery phrase; messages from the last two weeks come back from the network.
onboarding-lock-forget-open = Delete data in this browser
onboarding-lock-forget-warning = Every message, file and setting this account stored in this browser is deleted (other accounts are kept). Only your recovery phrase brings it back.
onboarding-lock-forget-confirm = Delete everything
onboarding-lock-forget-question = Delete this account's data in this browser?

## Settings → Password lock

onboarding-password-title = Password lock
onboarding-password-on = Your account and messages in this browser are encrypted with your password. Session asks for it when it opens.
onboarding-password-off = Anyone who can open this browser's profile can read your messages. A password encrypts them, and your keys, on this device.
onboarding-password-auto-lock = Lock automatically
onboarding-password-lock-now = Lock now
onboarding-password-change = Change password
onboarding-password-remove = Remove password
onboarding-password-set-open = Set a password
onboarding-password-set = Set password
onboarding-password-current = Current password
onboarding-password-new = New password
onboarding-password-confirm = Confirm the new password
onboarding-password-no-recovery = There is no way to recover a forgotten password: only your recovery phrase brings the account back, without the messages kept here.
onboarding-password-working = Working…
onboarding-password-set-done = Password set
onboarding-password-changed = Password changed
onboarding-password-removed = Password removed
# The idle time before the app locks itself.
onboarding-auto-lock-never = Never
onboarding-auto-lock-minutes = { $count ->
    [one] After { $count } minute
   *[other] After { $count } minutes
}
onboarding-auto-lock-hours = { $count ->
    [one] After { $count } hour
   *[other] After { $count } hours
}
onboarding-password-too-short = { $count ->
    [one] A password needs at least { $count } character
   *[other] A password needs at least { $count } characters
}
onboarding-password-too-long = { $count ->
    [one] A password has at most { $count } character
   *[other] A password has at most { $count } characters
}
onboarding-password-mismatch = The passwords do not match
onboarding-password-unavailable = This browser's storage cannot be locked
onboarding-password-none = No password is set
onboarding-password-already-set = A password is set already
onboarding-password-wrong = Wrong password
onboarding-password-too-soon = { $count ->
    [one] Too many wrong passwords: try again in { $count } second
   *[other] Too many wrong passwords: try again in { $count } seconds
}
onboarding-password-empty = Enter a password
onboarding-password-kdf-damaged = The password lock's settings are damaged
# $reason: which part (technical, in English).
onboarding-password-record-damaged = The password lock's record is damaged: { $reason }
onboarding-password-crypto-failed = Encryption failed: { $reason }

## The display name prompt (home screen)

onboarding-name-prompt-title = No display name yet
onboarding-name-prompt-text = If your account has one on your other devices, it appears here in a moment. Otherwise, choose one:
onboarding-name-prompt-placeholder = Display name

## The app cannot start

onboarding-fatal-title = Session cannot start
onboarding-fatal-hint = Session keeps your account and messages in this browser's storage. Private windows and some privacy settings block it.
onboarding-fatal-lock = the password lock: { $reason }

## The account menu

onboarding-account-menu = Accounts
onboarding-account-menu-unread = Accounts (unread messages in another account)
onboarding-account-add = Add account
onboarding-account-new = New account
# Read by screen readers after the number of unread messages (shown on its own).
onboarding-account-unread = { $count ->
    [one] unread
   *[other] unread
}
onboarding-account-locked = Locked with a password
onboarding-account-this-tab = This tab
onboarding-account-this-tab-hidden = This tab's account

## Storage errors ($reason: a technical detail, in English)

onboarding-storage-unavailable = this browser does not let the app store data ({ $reason })
onboarding-storage-db = storage error: { $reason }
onboarding-storage-encode = could not encode a record: { $reason }
onboarding-storage-migration = could not update the stored data to version { $version } ({ $reason }); it is unchanged, reload to try again
onboarding-storage-interrupted = the storage operation was interrupted
onboarding-storage-full = this browser's storage for the app is full
onboarding-storage-unreadable-account = the account stored in this browser cannot be read
onboarding-storage-account-stored = another account is stored in this browser
onboarding-storage-too-new = the stored data comes from a newer version of the app (data version { $found }, this app knows up to { $supported }); reload to get the new version
# A room's attachment asked for after the session ended.
onboarding-session-signed-out = signed out
