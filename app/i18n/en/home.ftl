# The signed-in home: the conversation list, its menus, new conversations, message requests,
# search, the network banner and the onion path.

## The main pane and the list's header

home-empty-main = Choose a conversation or start a new one.
home-settings = Settings
home-title = Messages
home-new-conversation = New conversation
home-message-requests = Message requests
home-no-conversations = No conversations yet.
home-start-a-conversation = Start a conversation

## A conversation in the list

home-note-to-self = Note to Self
home-note-to-self-subtitle = Messages to yourself
home-preview-failed = Failed: { $text }
home-preview-you = You: { $text }
home-muted = Muted
home-pinned = Pinned
# $badge is the number shown in the badge ("99+" past 99); $count the real number.
home-unread-label = { $count ->
   *[other] { $badge } unread
}
home-marked-unread = Marked unread
home-deleted-notice = This message was deleted
# A notification's title when several accounts share the browser.
home-notification-title = { $title } · { $account }

## The conversation menu

home-conversation-options = Conversation options
home-close-menu = Close the menu
home-menu-search = Search in conversation
home-menu-pin = Pin conversation
home-menu-unpin = Unpin conversation
home-menu-mark-read = Mark as read
home-menu-mark-unread = Mark as unread
home-menu-mute = Mute notifications…
home-menu-unmute = Unmute
home-mute-notifications = Mute notifications
home-menu-set-nickname = Set nickname…
home-menu-change-nickname = Change nickname…
home-menu-remove-nickname = Remove nickname
home-menu-disappearing = Disappearing messages…
home-menu-clear = Clear messages…
home-menu-leave = Leave community…
home-menu-delete = Delete conversation…
home-block = Block
home-unblock = Unblock
home-block-title = Block { $name }?
home-block-question = Are you sure you want to block { $name }?
home-block-detail = You will not see their messages or be notified of them until you unblock them.
home-leave = Leave
home-leave-title = Leave { $name }?
home-leave-detail = Its messages will be deleted from this device, and your other devices leave it too.
home-clear = Clear
home-clear-title = Clear all messages?
home-clear-detail = Every message of this conversation will be deleted from this device.
home-delete-title = Delete conversation?
home-delete-detail = The conversation and its messages will be deleted from this device, and it leaves the list on your other devices too.

## The nickname dialog

home-nickname-title = Set nickname
home-nickname-help = Only you see the nickname. It shows instead of their name, on your other devices too.
home-nickname-label = Nickname
home-nickname-error = { $error } (at most { $max } bytes).

## Blocked contacts

home-you-blocked = You blocked { $name }.
home-unblock-name = Unblock { $name }
home-blocked-contacts = Blocked contacts
home-blocked-empty = You have not blocked anyone.

## The new conversation screen

home-new-group = New group
home-new-group-detail = Write to up to 100 people at once, end-to-end encrypted.
home-join-community = Join community
home-join-community-detail = Public rooms on community servers, open to anyone with the link.
home-recipient-label = Session ID or ONS name
home-recipient-help = Paste the Session ID of the person you want to write to, or enter the ONS name they registered.
home-recipient-placeholder = 05… or a name
home-looking-up-name = Looking up “{ $name }”…
home-resolved-name = “{ $name }” is
home-looking-up = Looking up…
home-message-name = Message { $name }
home-start-conversation = Start conversation
home-your-session-id = Your Session ID
home-copy-session-id = Copy your Session ID
home-session-id-copied = Session ID copied

## What was entered is not a Session ID or an ONS name

home-recipient-empty = Enter a Session ID.
home-recipient-neither = This is neither a Session ID (66 characters: digits and letters a–f) nor an ONS name (letters, digits, _ and -).
home-recipient-length = A Session ID has 66 characters; this one has { $count }. Check that you copied all of it.
home-recipient-not-hex = A Session ID contains only the digits 0–9 and letters a–f; character { $position } is not one.
home-recipient-not-account = This is not an account's Session ID (it starts with { $prefix }; account IDs start with 05).
home-recipient-unknown-prefix = This is not a Session ID (it starts with { $prefix }; account IDs start with 05).
home-recipient-invalid = This is not a valid Session ID: { $error }.
home-lookup-not-found = No Session ID is registered under the name “{ $name }”.
home-lookup-not-found-hex = No Session ID is registered under the name “{ $name }”. If you meant a Session ID, it has 66 characters.
home-lookup-disagreement = The network gave different answers for “{ $name }”, so none was trusted. Try again in a moment.
home-lookup-garbled = The answer for “{ $name }” could not be read ({ $error }).
home-lookup-network = Could not look up “{ $name }”: { $error }. Check your connection and try again.

## Why an ID or a room name is not one (lowercase: they go inside other sentences)

home-id-length = a Session ID is 66 hexadecimal characters, this one has { $count }
home-id-not-hex = a Session ID contains only hexadecimal digits (character { $position } is not one)
home-id-unknown-prefix = a Session ID cannot start with { $prefix }
home-id-not-account = expected an account Session ID starting with 05, got one starting with { $prefix }
home-id-no-conversation = an ID starting with { $prefix } does not name a conversation
home-id-server-url = a community server is named by an http or https address without a path
home-id-room-token = a community room is named by 1 to 64 letters, digits, '-' or '_'
home-id-community = a community room is written community:<room>@<server address>
home-link-no-server-key = a community link ends with ?public_key= and the server's key; this one has none
home-link-server-key = the server key in the link is not 32 bytes of hex, base64 or base32z
home-link-no-room = the link names a server but no room

## Message requests

home-requests-intro = People you have not written to yet, and invitations to groups. They will not know you saw their message until you reply or accept.
home-no-requests = No pending requests.
home-request-region = Message request
home-request-text = { $name } wants to message you. Replying or accepting lets them see that you read their messages and shares your display name.
home-accept = Accept
home-delete-request-title = Delete request?
home-delete-request-detail = The messages from { $name } will be deleted.
home-block-request-title = Block and delete?
home-block-request-detail = { $name } will not be able to message you, and their messages will be deleted.

## Search

home-search-messages = Search messages
home-search-in-conversation = Search in this conversation
home-search-scope = In { $name }
home-search-all = Search all conversations
home-indexing = Indexing your messages…
home-search-count = { $count ->
    [0] No messages found
    [one] 1 message found
   *[other] { $count } messages found
}
home-search-empty = No messages match “{ $query }”.
home-search-results = Search results

## Communities

home-community-link = Community link
home-community-link-help = Paste a room's link, as shared by its members: it names the server, the room and the server's key.
home-community-link-placeholder = https://server/room?public_key=…
home-join = Join
home-joining = Joining…
home-offered-rooms = Rooms of this network
home-joined = Joined
home-room-line = { $count ->
    [one] 1 active member · { $server }
   *[other] { $count } active members · { $server }
}
home-community-not-link = This is not a community link: { $error }.
home-community-not-joined = You are not in this community.
home-community-no-room = This community has no such room.
home-community-forbidden = The community's server does not allow this.
home-community-refused = The community's server refused ({ $code }).
home-community-refused-text = The community's server refused ({ $code }): { $text }
home-community-answer = The community's server answered oddly: { $error }
home-community-unreachable = The community could not be reached ({ $error }). Try again.
home-community-storage = Could not save: { $error }
home-community-files = A file of this post is not uploaded yet.
home-community-refuses-requests = They do not accept message requests from community members.
home-community-encrypt = The message could not be encrypted: { $error }

## The network

home-banner-offline = You are offline. Messages will be sent when the connection is back.
home-banner-relay = Cannot reach the relay. Reconnecting… Your messages are kept and will be sent.
home-banner-network = Cannot reach the Session network. Reconnecting… Your messages are kept and will be sent.
home-banner-clock = The Session network rejects this device's clock. Check the date and time settings.
home-onion-building = Building a path…
home-onion-entry = Entry node
home-onion-service = Service node
home-onion-destination = Destination
home-onion-unknown-address = unknown address
