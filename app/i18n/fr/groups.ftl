# Groupes : création, panneau du groupe (membres, rôles, quitter, supprimer), invitations,
# notifications de ce qui s'y passe, et le nom et la photo du profil.

## Créer un groupe et le modifier

groups-new-title = Nouveau groupe
groups-name-label = Nom du groupe
groups-name-bytes = { $count } octets sur { $max }
groups-description-label = Description
groups-optional = (facultatif)
groups-members-heading = Membres
groups-new-members-heading = Nouveaux membres
groups-create = Créer
groups-creating = Création…
groups-add = Ajouter
groups-adding = Ajout…
groups-saving = Enregistrement…

## Choisir les membres

groups-picker-no-contacts = Aucun contact à choisir pour l'instant : collez des Session ID ci-dessous.
groups-picker-search = Rechercher des contacts
groups-picker-no-match = Aucun contact ne correspond.
groups-picker-ids-label = Session ID
groups-picker-ids-help = Collez les Session ID des personnes à inviter, un par ligne.
groups-picker-own-id = Votre propre Session ID est ignoré : vous êtes membre de toute façon.
groups-picker-count = { $count ->
    [one] { $count } membre sur { $max }
   *[other] { $count } membres sur { $max }
}

## Ce qui empêche d'envoyer un formulaire

groups-error-no-name = Saisissez un nom de groupe.
groups-error-name-too-long = Un nom de groupe fait au plus { $max } octets ; celui-ci en fait { $count }.
groups-error-description-too-long = Une description fait au plus { $max } octets ; celle-ci en fait { $count }.
groups-error-invalid-ids = { $count ->
    [one] Une entrée n'est pas un Session ID : corrigez-la ou supprimez-la.
   *[other] { $count } entrées ne sont pas des Session ID : corrigez-les ou supprimez-les.
}
groups-error-no-member = Choisissez au moins un membre.
groups-error-too-many-picked = Un groupe compte au plus { $max } membres : retirez-en { $count }.

## Pourquoi une action sur un groupe a échoué

groups-error-not-found = Ce groupe n'est plus disponible.
groups-error-name-max = Un nom de groupe fait au plus { $max } octets.
groups-error-members-max = Un groupe compte au plus { $max } membres.
groups-error-bad-member = { $id } n'est pas un Session ID.
groups-error-not-admin = Seuls les administrateurs du groupe peuvent faire cela.
groups-error-storage = Impossible d'enregistrer le groupe : { $error }
groups-error-network = Enregistré ici, mais pas encore envoyé ({ $error }) ; ce sera envoyé dès que le réseau fonctionnera.
groups-error-malformed = données de groupe mal formées : { $what }
groups-error-invalid = saisie de groupe non valide : { $what }
groups-error-bad-key = clé de groupe inutilisable ou ne correspondant pas
groups-error-bad-signature = la signature du groupe n'est pas valide
groups-error-decrypt = aucune clé de groupe détenue ne permet de l'ouvrir
groups-error-decompress = le message de groupe ne peut pas être décompressé
groups-error-only-admin = seul un administrateur du groupe peut faire cela
groups-error-no-keys = aucune clé de groupe n'est encore détenue
groups-error-too-large = le message de groupe de { $size } octets est trop volumineux

## Le panneau du groupe

groups-panel-title = Groupe
groups-members = { $count ->
    [one] { $count } membre
   *[other] { $count } membres
}
groups-add-members = Ajouter des membres
groups-make-admin = Nommer administrateur
groups-remove-member = Retirer du groupe
groups-leave-group = Quitter le groupe
groups-delete-group = Supprimer le groupe
groups-remove-title = Retirer { $name } ?
groups-remove-body = { $name } sera retiré du groupe et ne verra pas ses nouveaux messages.
groups-leave-title = Quitter le groupe ?
groups-leave = Quitter
groups-leave-deletes = Vous êtes le seul administrateur du groupe : le quitter le supprime pour tous ses membres.
groups-leave-body = Vous ne recevrez plus ses messages, et sa conversation sera supprimée de cet appareil. Le groupe sera informé de votre départ.
groups-delete-title = Supprimer le groupe ?
groups-delete-body = Le groupe sera supprimé pour tous ses membres : plus personne ne pourra y écrire.

## Rôles des membres

groups-role-admin = Administrateur
groups-role-promotion-pending = Administrateur (en attente)
groups-role-member = Membre
groups-role-invited = Invité
groups-role-invite-failed = Échec de l'invitation
groups-role-removing = Retrait en cours

## Un groupe auquel on ne peut plus écrire ; la ligne sous son titre

groups-ended-no-longer-member = Vous n'êtes plus membre de ce groupe.
groups-ended-destroyed = Ce groupe a été supprimé par ses administrateurs. Vous ne pouvez plus y envoyer de messages.
groups-ended-kicked = Vous avez été retiré de ce groupe. Vous ne pouvez plus y envoyer de messages.
groups-delete-chat = Supprimer la conversation
groups-header-destroyed = Supprimé par ses administrateurs
groups-header-kicked = Vous avez été retiré
groups-header-invitation = Invitation

## Une invitation

groups-invitation-label = Invitation à un groupe
groups-invitation-from = { $name } vous a invité à rejoindre { $group }.
groups-invitation = Vous avez été invité à rejoindre { $group }.
groups-invitation-detail = Accepter vous fait rejoindre le groupe : ses membres verront que vous l'avez rejoint, ainsi que votre nom d'affichage.
groups-accept = Accepter
groups-decline = Refuser
groups-decline-title = Refuser l'invitation ?
groups-decline-body = L'invitation et ses messages seront supprimés de cet appareil.

## Notifications dans la conversation d'un groupe

groups-notice-created-you = Vous avez créé le groupe.
groups-notice-created = { $name } a créé le groupe.
groups-notice-invited = { $name } vous a invité dans le groupe.
groups-notice-added-you = { $count ->
    [one] Vous avez ajouté { $names }.
   *[other] Vous avez ajouté { $names }.
}
groups-notice-added = { $count ->
    [one] { $name } a ajouté { $names }.
   *[other] { $name } a ajouté { $names }.
}
groups-notice-added-me = { $name } vous a ajouté.
groups-notice-removed-you = { $count ->
    [one] Vous avez retiré { $names }.
   *[other] Vous avez retiré { $names }.
}
groups-notice-removed = { $count ->
    [one] { $name } a retiré { $names }.
   *[other] { $name } a retiré { $names }.
}
groups-notice-removed-me = { $name } vous a retiré.
groups-notice-promoted-you = { $count ->
    [one] Vous avez nommé { $names } administrateur.
   *[other] Vous avez nommé { $names } administrateurs.
}
groups-notice-promoted = { $count ->
    [one] { $name } a nommé { $names } administrateur.
   *[other] { $name } a nommé { $names } administrateurs.
}
groups-notice-promoted-me = { $name } vous a nommé administrateur.
groups-notice-left-you = Vous avez quitté le groupe.
groups-notice-left = { $name } a quitté le groupe.
groups-notice-joined-you = Vous avez rejoint le groupe.
groups-notice-joined = { $name } a rejoint le groupe.
groups-notice-renamed-you = Vous avez renommé le groupe en { $group }.
groups-notice-renamed = { $name } a renommé le groupe en { $group }.
groups-notice-picture-you = Vous avez modifié la photo du groupe.
groups-notice-picture = { $name } a modifié la photo du groupe.
groups-notice-timer-off-you = Vous avez désactivé les messages éphémères.
groups-notice-timer-off = { $name } a désactivé les messages éphémères.
groups-notice-timer-you = Vous avez réglé la disparition des messages { $time } après leur envoi.
groups-notice-timer = { $name } a réglé la disparition des messages { $time } après leur envoi.
groups-notice-kicked = Vous avez été retiré du groupe.
groups-notice-destroyed = Ce groupe a été supprimé par ses administrateurs.
groups-notice-you-inside = vous
groups-notice-nobody = personne
groups-names-two = { $first } et { $last }
groups-names-more = { $first }, { $rest }

## Notre profil : nom d'affichage (création du compte) et photo

groups-profile-name-title = Choisissez votre nom d'affichage
groups-profile-name-intro = Il est envoyé avec vos messages pour que vos interlocuteurs sachent qui écrit. Vous pourrez le modifier plus tard dans les Paramètres.
groups-profile-name-label = Nom d'affichage
groups-profile-password-open = Protéger ce navigateur par un mot de passe (facultatif)
groups-profile-password-intro = Vos messages et vos clés enregistrés ici sont alors chiffrés, et Session demande le mot de passe à l'ouverture. Un mot de passe oublié ne peut pas être récupéré.
groups-profile-password = Mot de passe
groups-profile-password-confirm = Confirmez le mot de passe
groups-profile-name-empty = Saisissez un nom d'affichage.
groups-profile-name-too-long = Un nom d'affichage fait au plus { $max } caractères.
groups-picture-saved = Photo de profil enregistrée
groups-picture-removed = Photo de profil supprimée
groups-picture-change = Changer de photo
groups-picture-add = Ajouter une photo
groups-picture-not-a-picture = Ce n'est pas une image (utilisez un fichier JPEG, PNG, GIF ou WebP).
groups-picture-too-large = L'image fait { $size } Mo ; choisissez-en une d'au plus { $max } Mo.
groups-picture-unreadable = Le navigateur n'a pas pu lire cette image.
groups-picture-resize = Le navigateur n'a pas pu redimensionner cette image.
groups-picture-busy = Une photo est déjà en cours d'enregistrement.
groups-picture-encrypt = L'image n'a pas pu être chiffrée : { $error }
groups-picture-upload = L'image n'a pas pu être envoyée : { $error }
groups-picture-profile = Le profil n'a pas pu être enregistré : { $error }
groups-picture-url = L'avatar ne peut pas être récupéré : { $error }
groups-picture-download = L'avatar n'a pas pu être téléchargé : { $error }
groups-picture-refused = L'avatar a été refusé : { $error }
