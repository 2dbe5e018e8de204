# The open conversation: its header, messages, composer, files, voice messages, reactions,
# emoji picker and disappearing messages.

## Header and message list

chat-back = Back to conversations
chat-group-settings = Group settings
chat-blocked = Blocked
chat-typing = { $name } is typing
chat-messages = Messages
chat-load-earlier = Load earlier messages
chat-room-empty = No messages in this room yet. Posts here are public to everyone in it.
chat-empty = Messages are end-to-end encrypted. Say hello!
chat-today = Today
chat-yesterday = Yesterday
chat-unread-marker = { $count ->
    [one] { $count } unread message
   *[other] { $count } unread messages
}

## Composer

chat-tray = Files to send
chat-tray-remove = Remove { $name }
chat-replying-to = Replying to { $name }
chat-reply-cancel = Cancel the reply
chat-attach = Attach files
chat-emoji = Emoji
chat-composer = Message
chat-counter = { $count } / { $max }
chat-send = Send
chat-file-too-large = { $name } is larger than 10 MB, the most a file can be.
chat-file-empty = { $name } is empty.
chat-files-too-many = A message can carry at most { $count } files.

## A message

chat-status-sending = Sending
chat-status-sent = Sent
chat-status-read = Read
chat-status-failed = Failed to send
chat-status-received = Received
chat-uploading-file = Uploading { $file } of { $files }… { $percent }%
chat-uploading = Uploading… { $percent }%
chat-preparing = Preparing…
chat-upload-progress = Upload progress
chat-deleted-notice = This message was deleted
chat-moderator = Moderator
chat-moderator-badge = Mod
chat-not-sent = Not sent. Tap to retry
chat-quote-missing = Original message not found

## A message's menu

chat-action-reply = Reply
chat-action-copy = Copy text
chat-action-resend = Resend
chat-action-info = Message info
chat-action-delete-me = Delete for me
chat-action-delete-all = Delete for everyone
chat-action-message-author = Send a message
chat-message-options = Message options
chat-close-menu = Close the menu
chat-react = React
chat-react-with = React with { $emoji }
chat-more-reactions = More reactions
chat-copied = Copied to clipboard
chat-copy-refused = The browser did not allow copying; select the text instead.
chat-deleted-for-everyone = Deleted for everyone
chat-delete-me-title = Delete for me?
chat-delete-me-body = This message will be deleted from this device only.
chat-delete-all-title = Delete for everyone?
chat-delete-all-body = This message will be deleted for you and the recipient, on all their devices that run Session.

## Message info

chat-info-title = Message info
chat-info-time = { $date }, { $time }
chat-info-sent = Sent
chat-info-stored = Stored
chat-info-received = Received
chat-info-claimed = Sender's time (not believed)
chat-info-from = From
chat-info-hash = Message hash
chat-info-no-hash = Not stored in a swarm yet
chat-info-disappears = Disappears
chat-info-once-read = Once read
chat-info-status = Status

## Links

chat-link-title = Open URL?
chat-link-open = Open
chat-link-question = Are you sure you want to open { $url }?

## Reactions

# A reaction chip's label: the emoji, how many reacted, and who ("Alice and you").
chat-reaction = { $emoji } { $count }: { $people }
chat-reactors-you = you
chat-reactors-you-and-others = { $count ->
    [one] you and { $count } other
   *[other] you and { $count } others
}
chat-reactors-people = { $count ->
    [one] { $count } person
   *[other] { $count } people
}
chat-reactors-two = { $first } and { $second }
chat-reactors-three = { $first }, { $second } and { $third }
chat-reactors-many = { $count ->
    [one] { $first }, { $second } and { $count } other
   *[other] { $first }, { $second } and { $count } others
}

## Files

chat-att-open = Open { $name }
chat-att-save = Save { $name }
chat-att-download = Download
chat-att-download-named = Download { $name }
chat-downloading = Downloading…
chat-downloading-percent = Downloading… { $percent }%
chat-download-progress = Download progress
chat-download-cancel = Cancel the download
chat-att-expired = No longer available: files are kept on the file server for a limited time.
chat-try-again = Try again
chat-size-bytes = { $size } B
chat-size-kb = { $size } KB
chat-size-mb = { $size } MB
chat-fetch-pointer = This attachment cannot be opened: { $reason }
chat-fetch-no-file-server = The file server is not known yet.
chat-fetch-download = Download failed: { $reason }
chat-fetch-refused = This attachment was refused: { $reason }
chat-fetch-storage = The attachment could not be kept: { $reason }
chat-fetch-room = The attachment could not be fetched: { $reason }
chat-fetch-no-file = it has no file
chat-fetch-no-community = no community to ask
chat-refused-too-large = the file is { $size } bytes; attachments can be at most { $max } bytes
chat-refused-bad-key = the attachment's key has { $count } bytes, which fits no scheme
chat-refused-truncated = the attachment is cut short ({ $count } bytes arrived)
chat-refused-no-digest = the attachment came without the digest that proves it intact
chat-refused-digest = the attachment's digest does not match: it was changed on the way
chat-refused-mac = the attachment does not authenticate: it was changed or the key is wrong
chat-refused-malformed = the decrypted attachment is malformed
chat-refused-format = the attachment is in a format this version cannot read
chat-refused-size = the attachment should have { $expected } bytes but only { $got } were decrypted

## Voice messages

chat-voice-message = Voice message
chat-voice-play = Play voice message
chat-voice-pause = Pause voice message
chat-voice-play-file = Play { $name }
chat-voice-pause-file = Pause { $name }
chat-voice-position = Position
chat-voice-position-of = { $position } of { $duration }
chat-voice-speed = Playback speed
chat-voice-speed-is = Playback speed { $speed }
chat-voice-record = Record voice message
chat-voice-send = Send voice message
chat-voice-cancel = Cancel voice message
chat-voice-cancel-key = Cancel (Esc)
chat-voice-asking = Waiting for the microphone…
chat-voice-slide = Slide away to cancel
chat-voice-recording = Recording…
chat-voice-stopped = Stopped: send it or cancel
chat-voice-sending = Sending…
chat-record-unsupported = This browser cannot record voice messages.
chat-record-denied = Microphone access was denied. Allow it in the browser's site settings to record voice messages.
chat-record-no-microphone = No microphone was found.
chat-record-unavailable = The microphone is in use by another application.
chat-record-too-short = Voice message too short. Hold the microphone button to record, or click it to record hands-free.
chat-record-empty = Nothing was recorded.
chat-record-too-large = The voice message is larger than 10 MB.
chat-record-failed = Recording failed: { $reason }
chat-record-not-sent = The voice message was not sent: { $reason }
chat-record-stopped = the recorder stopped
chat-record-closed = the microphone was closed
chat-record-unreadable = the recording could not be read

## Emoji picker

chat-emoji-recent = Recently used
chat-emoji-none = No emoji found
chat-emoji-close = Close the emoji picker
chat-emoji-search = Search emoji
chat-emoji-categories = Categories
chat-emoji-smileys = Smileys
chat-emoji-people = People
chat-emoji-symbols = Hearts & symbols
chat-emoji-nature = Animals & nature
chat-emoji-food = Food & drink
chat-emoji-activities = Activities
chat-emoji-travel = Travel & places
chat-emoji-objects = Objects

## Disappearing messages

chat-disappearing-title = Disappearing messages
chat-disappearing-explained = Messages disappear for you and the people in this chat once the time is up.
chat-disappearing-off = Off
chat-disappear-after-read = Disappear after read
chat-disappear-after-send = Disappear after send
chat-disappearing-set = Set
chat-summary-after-read = Disappear after read · { $time }
chat-summary-after-send = Disappear after send · { $time }
# Said of someone whose name is not known.
chat-notice-they = They
chat-notice-off-you = You turned off disappearing messages.
chat-notice-off = { $name } turned off disappearing messages.
chat-notice-after-read-you = You set messages to disappear { $time } after they have been read.
chat-notice-after-read = { $name } set messages to disappear { $time } after they have been read.
chat-notice-after-send-you = You set messages to disappear { $time } after they have been sent.
chat-notice-after-send = { $name } set messages to disappear { $time } after they have been sent.
chat-timer-seconds = { $count ->
    [one] { $count } second
   *[other] { $count } seconds
}
chat-timer-minutes = { $count ->
    [one] { $count } minute
   *[other] { $count } minutes
}
chat-timer-hours = { $count ->
    [one] { $count } hour
   *[other] { $count } hours
}
chat-timer-days = { $count ->
    [one] { $count } day
   *[other] { $count } days
}
chat-timer-weeks = { $count ->
    [one] { $count } week
   *[other] { $count } weeks
}

## Sending and editing errors

chat-send-unsupported = Messages to this conversation cannot be sent yet.
chat-send-prepare-failed = could not prepare the message: { $reason }
chat-send-save-failed = could not save the message: { $reason }
chat-send-unreadable = { $name } could not be read.
chat-send-community-files = Files cannot be sent to people met in communities yet: send text, or post the file in the room.
chat-retry-gone = This message can no longer be retried.
chat-retry-storage = Could not read the outbox: { $reason }
chat-edit-not-emoji = Reactions are emoji.
chat-edit-not-deletable = Only your own sent messages can be deleted for everyone.
chat-edit-network = The message could not be deleted from the network ({ $reason }); nothing was changed.
chat-edit-storage = Could not save the change: { $reason }

# What the conversation list's preview says of a message that has only files.
chat-preview-photo = Photo
chat-preview-video = Video
chat-preview-audio = Audio
chat-preview-file = File
chat-preview-file-named = File: { $name }
# $first: what the first file is (one of the above); $count: how many more files.
chat-preview-and-more = { $first } and { $count } more
