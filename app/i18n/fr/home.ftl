# L'accueil une fois connecté : la liste des conversations, ses menus, les nouvelles
# conversations, les demandes de messages, la recherche, le bandeau réseau et le chemin onion.

## Le volet principal et l'en-tête de la liste

home-empty-main = Choisissez une conversation ou commencez-en une nouvelle.
home-settings = Paramètres
home-title = Messages
home-new-conversation = Nouvelle conversation
home-message-requests = Demandes de messages
home-no-conversations = Aucune conversation pour le moment.
home-start-a-conversation = Commencer une conversation

## Une conversation de la liste

home-note-to-self = Note pour soi-même
home-note-to-self-subtitle = Messages à vous-même
home-preview-failed = Échec : { $text }
home-preview-you = Vous : { $text }
home-muted = En sourdine
home-pinned = Épinglée
home-unread-label = { $count ->
    [one] { $badge } non lu
   *[other] { $badge } non lus
}
home-marked-unread = Marquée comme non lue
home-deleted-notice = Ce message a été supprimé
home-notification-title = { $title } · { $account }

## Le menu d'une conversation

home-conversation-options = Options de la conversation
home-close-menu = Fermer le menu
home-menu-search = Rechercher dans la conversation
home-menu-pin = Épingler la conversation
home-menu-unpin = Désépingler la conversation
home-menu-mark-read = Marquer comme lu
home-menu-mark-unread = Marquer comme non lu
home-menu-mute = Mettre les notifications en sourdine…
home-menu-unmute = Réactiver les notifications
home-mute-notifications = Mettre les notifications en sourdine
home-menu-set-nickname = Définir un surnom…
home-menu-change-nickname = Modifier le surnom…
home-menu-remove-nickname = Supprimer le surnom
home-menu-disappearing = Messages éphémères…
home-menu-clear = Effacer les messages…
home-menu-leave = Quitter la communauté…
home-menu-delete = Supprimer la conversation…
home-block = Bloquer
home-unblock = Débloquer
home-block-title = Bloquer { $name } ?
home-block-question = Voulez-vous vraiment bloquer { $name } ?
home-block-detail = Vous ne verrez plus ses messages et n'en serez pas notifié tant que vous ne l'aurez pas débloqué.
home-leave = Quitter
home-leave-title = Quitter { $name } ?
home-leave-detail = Ses messages seront supprimés de cet appareil, et vos autres appareils la quitteront aussi.
home-clear = Effacer
home-clear-title = Effacer tous les messages ?
home-clear-detail = Tous les messages de cette conversation seront supprimés de cet appareil.
home-delete-title = Supprimer la conversation ?
home-delete-detail = La conversation et ses messages seront supprimés de cet appareil, et elle disparaîtra aussi de la liste sur vos autres appareils.

## La fenêtre du surnom

home-nickname-title = Définir un surnom
home-nickname-help = Vous seul voyez ce surnom. Il s'affiche à la place de son nom, y compris sur vos autres appareils.
home-nickname-label = Surnom
home-nickname-error = { $error } ({ $max } octets au maximum).

## Contacts bloqués

home-you-blocked = Vous avez bloqué { $name }.
home-unblock-name = Débloquer { $name }
home-blocked-contacts = Contacts bloqués
home-blocked-empty = Vous n'avez bloqué personne.

## L'écran de nouvelle conversation

home-new-group = Nouveau groupe
home-new-group-detail = Écrivez à 100 personnes à la fois, avec un chiffrement de bout en bout.
home-join-community = Rejoindre une communauté
home-join-community-detail = Des salons publics sur des serveurs de communauté, ouverts à toute personne ayant le lien.
home-recipient-label = Session ID ou nom ONS
home-recipient-help = Collez le Session ID de la personne à qui vous voulez écrire, ou saisissez le nom ONS qu'elle a enregistré.
home-recipient-placeholder = 05… ou un nom
home-looking-up-name = Recherche de « { $name } »…
home-resolved-name = « { $name } » correspond à
home-looking-up = Recherche…
home-message-name = Écrire à { $name }
home-start-conversation = Commencer la conversation
home-your-session-id = Votre Session ID
home-copy-session-id = Copier votre Session ID
home-session-id-copied = Session ID copié

## Ce qui a été saisi n'est ni un Session ID ni un nom ONS

home-recipient-empty = Saisissez un Session ID.
home-recipient-neither = Ce n'est ni un Session ID (66 caractères : des chiffres et les lettres a à f) ni un nom ONS (lettres, chiffres, _ et -).
home-recipient-length = Un Session ID compte 66 caractères ; celui-ci en compte { $count }. Vérifiez que vous l'avez copié en entier.
home-recipient-not-hex = Un Session ID ne contient que les chiffres 0 à 9 et les lettres a à f ; le caractère { $position } n'en fait pas partie.
home-recipient-not-account = Ce n'est pas le Session ID d'un compte (il commence par { $prefix } ; ceux des comptes commencent par 05).
home-recipient-unknown-prefix = Ce n'est pas un Session ID (il commence par { $prefix } ; ceux des comptes commencent par 05).
home-recipient-invalid = Ce n'est pas un Session ID valide : { $error }.
home-lookup-not-found = Aucun Session ID n'est enregistré sous le nom « { $name } ».
home-lookup-not-found-hex = Aucun Session ID n'est enregistré sous le nom « { $name } ». Si vous pensiez à un Session ID, il compte 66 caractères.
home-lookup-disagreement = Le réseau a donné des réponses différentes pour « { $name } » : aucune n'a donc été retenue. Réessayez dans un instant.
home-lookup-garbled = La réponse pour « { $name } » est illisible ({ $error }).
home-lookup-network = Impossible de rechercher « { $name } » : { $error }. Vérifiez votre connexion et réessayez.

## Pourquoi un ID ou un nom de salon n'en est pas un (en minuscules : ils s'insèrent dans d'autres phrases)

home-id-length = un Session ID compte 66 caractères hexadécimaux, celui-ci en compte { $count }
home-id-not-hex = un Session ID ne contient que des chiffres hexadécimaux (le caractère { $position } n'en est pas un)
home-id-unknown-prefix = un Session ID ne peut pas commencer par { $prefix }
home-id-not-account = un Session ID de compte commençant par 05 était attendu, celui-ci commence par { $prefix }
home-id-no-conversation = un ID commençant par { $prefix } ne désigne pas une conversation
home-id-server-url = un serveur de communauté se désigne par une adresse http ou https sans chemin
home-id-room-token = un salon de communauté se désigne par 1 à 64 lettres, chiffres, « - » ou « _ »
home-id-community = un salon de communauté s'écrit community:<salon>@<adresse du serveur>
home-link-no-server-key = un lien de communauté se termine par ?public_key= suivi de la clé du serveur ; celui-ci n'en a pas
home-link-server-key = la clé du serveur dans le lien n'est pas de 32 octets en hexadécimal, base64 ou base32z
home-link-no-room = le lien désigne un serveur mais aucun salon

## Demandes de messages

home-requests-intro = Les personnes à qui vous n'avez pas encore écrit, et les invitations à des groupes. Elles ne sauront pas que vous avez vu leur message tant que vous n'aurez pas répondu ou accepté.
home-no-requests = Aucune demande en attente.
home-request-region = Demande de message
home-request-text = { $name } souhaite vous écrire. Répondre ou accepter lui permet de voir que vous avez lu ses messages et lui communique votre nom d'affichage.
home-accept = Accepter
home-delete-request-title = Supprimer la demande ?
home-delete-request-detail = Les messages de { $name } seront supprimés.
home-block-request-title = Bloquer et supprimer ?
home-block-request-detail = { $name } ne pourra plus vous écrire, et ses messages seront supprimés.

## Recherche

home-search-messages = Rechercher des messages
home-search-in-conversation = Rechercher dans cette conversation
home-search-scope = Dans { $name }
home-search-all = Rechercher dans toutes les conversations
home-indexing = Indexation de vos messages…
home-search-count = { $count ->
    [0] Aucun message trouvé
    [one] { $count } message trouvé
   *[other] { $count } messages trouvés
}
home-search-empty = Aucun message ne correspond à « { $query } ».
home-search-results = Résultats de la recherche

## Communautés

home-community-link = Lien de la communauté
home-community-link-help = Collez le lien d'un salon, tel que ses membres le partagent : il indique le serveur, le salon et la clé du serveur.
home-community-link-placeholder = https://serveur/salon?public_key=…
home-join = Rejoindre
home-joining = Connexion au salon…
home-offered-rooms = Salons de ce réseau
home-joined = Rejoint
home-room-line = { $count ->
    [one] { $count } membre actif · { $server }
   *[other] { $count } membres actifs · { $server }
}
home-community-not-link = Ce n'est pas un lien de communauté : { $error }.
home-community-not-joined = Vous ne faites pas partie de cette communauté.
home-community-no-room = Cette communauté n'a pas ce salon.
home-community-forbidden = Le serveur de la communauté ne le permet pas.
home-community-refused = Le serveur de la communauté a refusé ({ $code }).
home-community-refused-text = Le serveur de la communauté a refusé ({ $code }) : { $text }
home-community-answer = Le serveur de la communauté a donné une réponse inattendue : { $error }
home-community-unreachable = Impossible de joindre la communauté ({ $error }). Réessayez.
home-community-storage = Impossible d'enregistrer : { $error }
home-community-files = Un fichier de ce message n'est pas encore envoyé.
home-community-refuses-requests = Cette personne n'accepte pas les demandes de messages des membres de communautés.
home-community-encrypt = Le message n'a pas pu être chiffré : { $error }

## Le réseau

home-banner-offline = Vous êtes hors ligne. Les messages seront envoyés au retour de la connexion.
home-banner-relay = Impossible de joindre le relais. Reconnexion… Vos messages sont conservés et seront envoyés.
home-banner-network = Impossible de joindre le réseau Session. Reconnexion… Vos messages sont conservés et seront envoyés.
home-banner-clock = Le réseau Session refuse l'horloge de cet appareil. Vérifiez les réglages de date et d'heure.
home-onion-building = Création d'un chemin…
home-onion-entry = Nœud d'entrée
home-onion-service = Nœud de service
home-onion-destination = Destination
home-onion-unknown-address = adresse inconnue
