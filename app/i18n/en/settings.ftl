# Settings: profile, Session ID, recovery phrase, appearance, keyboard, notifications, privacy,
# attachments, path, removing the account; the keyboard shortcuts dialog; conversation settings
# (mute, nickname) and the storage banner.

settings-title = Settings

## Profile

settings-display-name = Display name
settings-display-name-saved = Display name saved

## Session ID

settings-your-session-id = Your Session ID
settings-session-id-qr = QR code of your Session ID
settings-copy-session-id = Copy Session ID
settings-session-id-copied = Session ID copied

## Recovery phrase

settings-recovery-phrase = Recovery phrase
settings-recovery-phrase-about = Your recovery phrase is the master key to your account.
settings-recovery-phrase-show = Show recovery phrase
settings-recovery-phrase-show-question = Show recovery phrase?
settings-recovery-phrase-warning = Anyone who sees these words can read your messages and write as you. Make sure nobody is looking at your screen.
settings-show = Show
settings-hide = Hide
settings-recovery-phrase-copy = Copy phrase
settings-recovery-phrase-copied = Recovery phrase copied

## Appearance

settings-appearance = Appearance
settings-theme = Theme
settings-theme-system = System
settings-theme-light = Light
settings-theme-dark = Dark

## Keyboard

settings-keyboard = Keyboard
settings-keyboard-about = Everything works from the keyboard alone. Press Ctrl + / (or ?) anywhere to see the shortcuts.
settings-keyboard-shortcuts = Keyboard shortcuts

## Notifications

settings-notifications = Notifications
settings-notifications-granted = You are notified of new messages while Session is in the background.
settings-notifications-denied = Notifications are blocked for this site in the browser's settings.
settings-notifications-unsupported = This browser does not support notifications.
settings-notifications-ask = Get notified of new messages while Session is in the background.
settings-notifications-enable = Enable notifications

## Privacy

settings-privacy = Privacy
settings-read-receipts = Read receipts
settings-read-receipts-about = Let people you chat with see when you read their messages, and see when they read yours.
settings-typing-indicators = Typing indicators
settings-typing-indicators-about = Let people you chat with see when you are typing, and see when they are.
settings-community-requests = Community message requests
settings-community-requests-about = Let people in the communities you joined send you message requests. Your posts tell others whether you accept them.

## Attachments

settings-attachments = Attachments
settings-attachments-measuring = Measuring…
settings-attachments-none = No attachments are kept in this browser.
# $size is a size such as "2.4 MB"; $count the number of files (never 0).
settings-attachments-usage = { $count ->
    [one] { $size } kept in this browser ({ $count } file).
   *[other] { $size } kept in this browser ({ $count } files).
}
settings-attachments-clear = Clear attachments
settings-attachments-cleared = Downloaded attachments removed from this browser.
settings-attachments-clear-failed = The attachments could not be removed.

## Path

settings-path = Path
settings-path-about = Session hides your IP address by sending your messages through three service nodes, each of which knows only the one before and after it.

## Removing the account

settings-remove-account-title = Remove account from this browser
settings-remove-account = Remove account…
settings-remove-account-warning = This account's messages on this browser will be deleted (other accounts are kept). Without your recovery phrase the account cannot be restored.
settings-remove-account-question = Remove account?
# $reason says why (a storage error).
settings-remove-account-failed = Could not delete: { $reason }

## Keyboard shortcuts dialog: the keys (as the keyboard names them) and what they do

settings-shortcuts-caption = Keys and what they do
settings-shortcuts-keys = Keys
settings-shortcuts-action = Action
settings-shortcut-new-conversation-keys = Ctrl + Alt + N
settings-shortcut-new-conversation = New conversation
settings-shortcut-settings-keys = Ctrl + Alt + ,
settings-shortcut-settings = Settings
settings-shortcut-next-conversation-keys = Alt + ↓
settings-shortcut-next-conversation = Next conversation in the list
settings-shortcut-previous-conversation-keys = Alt + ↑
settings-shortcut-previous-conversation = Previous conversation in the list
settings-shortcut-help-keys = Ctrl + /  or  ?
settings-shortcut-help = This list of shortcuts
settings-shortcut-send-keys = Enter
settings-shortcut-send = Send the message
settings-shortcut-new-line-keys = Shift + Enter
settings-shortcut-new-line = New line in the message
settings-shortcut-tab-keys = Tab, Shift + Tab
settings-shortcut-tab = Move between controls
settings-shortcut-press-keys = Enter or Space
settings-shortcut-press = Use the focused button
settings-shortcut-menu-keys = ↑ ↓ in a menu
settings-shortcut-menu = Move between its entries
settings-shortcut-escape-keys = Escape
settings-shortcut-escape = Close the menu, dialog or picture that is open

## Conversation settings

settings-mute-hour = For 1 hour
settings-mute-eight-hours = For 8 hours
settings-mute-day = For 1 day
settings-mute-week = For 1 week
settings-mute-always = Always
settings-nickname-too-long = Please enter a shorter nickname

## Storage banner

settings-storage-full = This browser's storage is full: new messages cannot be saved. Free up space on this device; until then messages wait on the network (up to 14 days).
# $reason says why (a storage error).
settings-storage-failing = New messages cannot be saved in this browser ({ $reason }). Reload the app; until then messages wait on the network (up to 14 days).
