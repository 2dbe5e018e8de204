# La conversation ouverte : en-tête, messages, zone de saisie, fichiers, messages vocaux,
# réactions, sélecteur d'émojis et messages éphémères.

## En-tête et liste des messages

chat-back = Retour aux conversations
chat-group-settings = Paramètres du groupe
chat-blocked = Bloqué
chat-typing = { $name } est en train d'écrire
chat-messages = Messages
chat-load-earlier = Charger les messages précédents
chat-room-empty = Aucun message dans ce salon pour l'instant. Les publications ici sont visibles par tous ses membres.
chat-empty = Les messages sont chiffrés de bout en bout. Dites bonjour !
chat-today = Aujourd'hui
chat-yesterday = Hier
chat-unread-marker = { $count ->
    [one] { $count } message non lu
   *[other] { $count } messages non lus
}

## Zone de saisie

chat-tray = Fichiers à envoyer
chat-tray-remove = Retirer { $name }
chat-replying-to = Réponse à { $name }
chat-reply-cancel = Annuler la réponse
chat-attach = Joindre des fichiers
chat-emoji = Émojis
chat-composer = Message
chat-counter = { $count } / { $max }
chat-send = Envoyer
chat-file-too-large = { $name } dépasse 10 Mo, la taille maximale d'un fichier.
chat-file-empty = { $name } est vide.
chat-files-too-many = { $count ->
    [one] Un message peut contenir au plus { $count } fichier.
   *[other] Un message peut contenir au plus { $count } fichiers.
}

## Un message

chat-status-sending = Envoi en cours
chat-status-sent = Envoyé
chat-status-read = Lu
chat-status-failed = Échec de l'envoi
chat-status-received = Reçu
chat-uploading-file = Envoi du fichier { $file } sur { $files }… { $percent } %
chat-uploading = Envoi… { $percent } %
chat-preparing = Préparation…
chat-upload-progress = Progression de l'envoi
chat-deleted-notice = Ce message a été supprimé
chat-moderator = Modérateur
chat-moderator-badge = Modo
chat-not-sent = Non envoyé. Touchez pour réessayer
chat-quote-missing = Message d'origine introuvable

## Le menu d'un message

chat-action-reply = Répondre
chat-action-copy = Copier le texte
chat-action-resend = Renvoyer
chat-action-info = Infos du message
chat-action-delete-me = Supprimer pour moi
chat-action-delete-all = Supprimer pour tout le monde
chat-action-message-author = Envoyer un message
chat-message-options = Options du message
chat-close-menu = Fermer le menu
chat-react = Réagir
chat-react-with = Réagir avec { $emoji }
chat-more-reactions = Plus de réactions
chat-copied = Copié dans le presse-papiers
chat-copy-refused = Le navigateur n'a pas autorisé la copie ; sélectionnez plutôt le texte.
chat-deleted-for-everyone = Supprimé pour tout le monde
chat-delete-me-title = Supprimer pour moi ?
chat-delete-me-body = Ce message sera supprimé de cet appareil uniquement.
chat-delete-all-title = Supprimer pour tout le monde ?
chat-delete-all-body = Ce message sera supprimé pour vous et pour le destinataire, sur tous ses appareils qui utilisent Session.

## Infos du message

chat-info-title = Infos du message
chat-info-time = { $date }, { $time }
chat-info-sent = Envoyé
chat-info-stored = Enregistré
chat-info-received = Reçu
chat-info-claimed = Heure indiquée par l'expéditeur (non retenue)
chat-info-from = De
chat-info-hash = Empreinte du message
chat-info-no-hash = Pas encore stocké dans un essaim
chat-info-disappears = Disparaît
chat-info-once-read = Une fois lu
chat-info-status = Statut

## Liens

chat-link-title = Ouvrir l'URL ?
chat-link-open = Ouvrir
chat-link-question = Voulez-vous vraiment ouvrir { $url } ?

## Réactions

# L'étiquette d'une réaction : l'émoji, le nombre de réactions et qui a réagi (« Alice et vous »).
chat-reaction = { $emoji } { $count } : { $people }
chat-reactors-you = vous
chat-reactors-you-and-others = { $count ->
    [one] vous et { $count } autre personne
   *[other] vous et { $count } autres personnes
}
chat-reactors-people = { $count ->
    [one] { $count } personne
   *[other] { $count } personnes
}
chat-reactors-two = { $first } et { $second }
chat-reactors-three = { $first }, { $second } et { $third }
chat-reactors-many = { $count ->
    [one] { $first }, { $second } et { $count } autre personne
   *[other] { $first }, { $second } et { $count } autres personnes
}

## Fichiers

chat-att-open = Ouvrir { $name }
chat-att-save = Enregistrer { $name }
chat-att-download = Télécharger
chat-att-download-named = Télécharger { $name }
chat-downloading = Téléchargement…
chat-downloading-percent = Téléchargement… { $percent } %
chat-download-progress = Progression du téléchargement
chat-download-cancel = Annuler le téléchargement
chat-att-expired = N'est plus disponible : les fichiers ne sont conservés sur le serveur de fichiers que pendant une durée limitée.
chat-try-again = Réessayer
chat-size-bytes = { $size } o
chat-size-kb = { $size } Ko
chat-size-mb = { $size } Mo
chat-fetch-pointer = Impossible d'ouvrir cette pièce jointe : { $reason }
chat-fetch-no-file-server = Le serveur de fichiers n'est pas encore connu.
chat-fetch-download = Échec du téléchargement : { $reason }
chat-fetch-refused = Cette pièce jointe a été refusée : { $reason }
chat-fetch-storage = Impossible de conserver la pièce jointe : { $reason }
chat-fetch-room = Impossible de récupérer la pièce jointe : { $reason }
chat-fetch-no-file = elle ne contient aucun fichier
chat-fetch-no-community = aucune communauté à interroger
chat-refused-too-large = le fichier fait { $size } octets ; une pièce jointe ne peut pas dépasser { $max } octets
chat-refused-bad-key = la clé de la pièce jointe fait { $count } octets, ce qui ne correspond à aucun schéma
chat-refused-truncated = la pièce jointe est incomplète ({ $count } octets reçus)
chat-refused-no-digest = la pièce jointe est arrivée sans l'empreinte qui prouve son intégrité
chat-refused-digest = l'empreinte de la pièce jointe ne correspond pas : elle a été modifiée en chemin
chat-refused-mac = la pièce jointe ne s'authentifie pas : elle a été modifiée ou la clé est incorrecte
chat-refused-malformed = la pièce jointe déchiffrée est mal formée
chat-refused-format = la pièce jointe est dans un format que cette version ne sait pas lire
chat-refused-size = la pièce jointe devrait faire { $expected } octets, mais seuls { $got } ont été déchiffrés

## Messages vocaux

chat-voice-message = Message vocal
chat-voice-play = Lire le message vocal
chat-voice-pause = Mettre en pause le message vocal
chat-voice-play-file = Lire { $name }
chat-voice-pause-file = Mettre en pause { $name }
chat-voice-position = Position
chat-voice-position-of = { $position } sur { $duration }
chat-voice-speed = Vitesse de lecture
chat-voice-speed-is = Vitesse de lecture { $speed }
chat-voice-record = Enregistrer un message vocal
chat-voice-send = Envoyer le message vocal
chat-voice-cancel = Annuler le message vocal
chat-voice-cancel-key = Annuler (Échap)
chat-voice-asking = En attente du microphone…
chat-voice-slide = Glissez pour annuler
chat-voice-recording = Enregistrement…
chat-voice-stopped = Arrêté : envoyez-le ou annulez
chat-voice-sending = Envoi…
chat-record-unsupported = Ce navigateur ne peut pas enregistrer de messages vocaux.
chat-record-denied = L'accès au microphone a été refusé. Autorisez-le dans les paramètres du site de votre navigateur pour enregistrer des messages vocaux.
chat-record-no-microphone = Aucun microphone n'a été trouvé.
chat-record-unavailable = Le microphone est utilisé par une autre application.
chat-record-too-short = Message vocal trop court. Maintenez le bouton du microphone pour enregistrer, ou cliquez dessus pour enregistrer sans les mains.
chat-record-empty = Rien n'a été enregistré.
chat-record-too-large = Le message vocal dépasse 10 Mo.
chat-record-failed = Échec de l'enregistrement : { $reason }
chat-record-not-sent = Le message vocal n'a pas été envoyé : { $reason }
chat-record-stopped = l'enregistreur s'est arrêté
chat-record-closed = le microphone a été fermé
chat-record-unreadable = l'enregistrement n'a pas pu être lu

## Sélecteur d'émojis

chat-emoji-recent = Utilisés récemment
chat-emoji-none = Aucun émoji trouvé
chat-emoji-close = Fermer le sélecteur d'émojis
chat-emoji-search = Rechercher un émoji
chat-emoji-categories = Catégories
chat-emoji-smileys = Smileys
chat-emoji-people = Personnes
chat-emoji-symbols = Cœurs et symboles
chat-emoji-nature = Animaux et nature
chat-emoji-food = Nourriture et boissons
chat-emoji-activities = Activités
chat-emoji-travel = Voyages et lieux
chat-emoji-objects = Objets

## Messages éphémères

chat-disappearing-title = Messages éphémères
chat-disappearing-explained = Les messages disparaissent pour vous et pour les participants de cette discussion une fois le délai écoulé.
chat-disappearing-off = Désactivé
chat-disappear-after-read = Disparaître après lecture
chat-disappear-after-send = Disparaître après envoi
chat-disappearing-set = Définir
chat-summary-after-read = Disparaître après lecture · { $time }
chat-summary-after-send = Disparaître après envoi · { $time }
# Se dit de quelqu'un dont le nom n'est pas connu.
chat-notice-they = Votre contact
chat-notice-off-you = Vous avez désactivé les messages éphémères.
chat-notice-off = { $name } a désactivé les messages éphémères.
chat-notice-after-read-you = Vous avez paramétré les messages pour qu'ils disparaissent { $time } après avoir été lus.
chat-notice-after-read = { $name } a paramétré les messages pour qu'ils disparaissent { $time } après avoir été lus.
chat-notice-after-send-you = Vous avez paramétré les messages pour qu'ils disparaissent { $time } après avoir été envoyés.
chat-notice-after-send = { $name } a paramétré les messages pour qu'ils disparaissent { $time } après avoir été envoyés.
chat-timer-seconds = { $count ->
    [one] { $count } seconde
   *[other] { $count } secondes
}
chat-timer-minutes = { $count ->
    [one] { $count } minute
   *[other] { $count } minutes
}
chat-timer-hours = { $count ->
    [one] { $count } heure
   *[other] { $count } heures
}
chat-timer-days = { $count ->
    [one] { $count } jour
   *[other] { $count } jours
}
chat-timer-weeks = { $count ->
    [one] { $count } semaine
   *[other] { $count } semaines
}

## Erreurs d'envoi et de modification

chat-send-unsupported = Les messages ne peuvent pas encore être envoyés dans cette conversation.
chat-send-prepare-failed = impossible de préparer le message : { $reason }
chat-send-save-failed = impossible d'enregistrer le message : { $reason }
chat-send-unreadable = { $name } n'a pas pu être lu.
chat-send-community-files = Les fichiers ne peuvent pas encore être envoyés aux personnes rencontrées dans les communautés : envoyez du texte, ou publiez le fichier dans le salon.
chat-retry-gone = Ce message ne peut plus être renvoyé.
chat-retry-storage = Impossible de lire la boîte d'envoi : { $reason }
chat-edit-not-emoji = Les réactions sont des émojis.
chat-edit-not-deletable = Seuls vos propres messages envoyés peuvent être supprimés pour tout le monde.
chat-edit-network = Le message n'a pas pu être supprimé du réseau ({ $reason }) ; rien n'a été modifié.
chat-edit-storage = Impossible d'enregistrer la modification : { $reason }

chat-preview-photo = Photo
chat-preview-video = Vidéo
chat-preview-audio = Audio
chat-preview-file = Fichier
chat-preview-file-named = Fichier : { $name }
chat-preview-and-more = { $first } et { $count ->
    [one] { $count } autre
   *[other] { $count } autres
}
