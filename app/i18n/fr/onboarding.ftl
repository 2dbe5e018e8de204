# Accueil : l'écran de bienvenue, la création et la restauration d'un compte, un compte
# illisible, l'écran de déverrouillage, le verrouillage par mot de passe, le menu des comptes,
# et les erreurs du stockage et du verrouillage qui s'affichent.

## Bienvenue

onboarding-app-name = Session
onboarding-welcome-lead = Des messages privés, chiffrés de bout en bout et acheminés par le réseau onion. Sans numéro de téléphone ni adresse e-mail.
onboarding-welcome-create = Créer un compte
onboarding-welcome-restore = J'ai déjà un compte
onboarding-welcome-back = Revenir à { $name }
onboarding-tab-title = { $name } · Session

## Création d'un compte

onboarding-create-title = Votre compte
onboarding-create-session-id = Session ID
onboarding-create-share = Partagez-le pour que l'on puisse vous écrire.
onboarding-create-qr-label = Code QR de votre Session ID
onboarding-create-copy-id = Copier le Session ID
onboarding-create-id-copied = Session ID copié
onboarding-recovery-phrase = Phrase de récupération
onboarding-create-phrase-warning = Ces 13 mots sont le seul moyen de récupérer votre compte. Notez-les et gardez-les secrets : toute personne qui les possède peut lire vos messages.
onboarding-create-copy-phrase = Copier la phrase
onboarding-create-phrase-copied = Phrase de récupération copiée
onboarding-create-saved = J'ai enregistré ma phrase de récupération en lieu sûr.

## Restauration d'un compte

onboarding-restore-title = Restaurer votre compte
onboarding-phrase-hint = Saisissez les 13 mots, séparés par des espaces.
onboarding-phrase-unknown-word = « { $word } » ne fait pas partie de la liste de mots des phrases de récupération. Vérifiez son orthographe.
onboarding-phrase-word-count = Une phrase de récupération comporte { $expected } mots ; vous en avez saisi { $count }.
onboarding-phrase-checksum = Les mots ne concordent pas : l'un d'eux est erroné ou ils ne sont pas dans le bon ordre.
onboarding-phrase-invalid-words = Ces mots ne forment pas une phrase de récupération valide.
onboarding-phrase-invalid = Ce n'est pas une phrase de récupération valide : { $reason }.

## Le compte enregistré est illisible

onboarding-recover-title = Votre compte n'a pas pu être lu
onboarding-recover-restore = Restaurer
onboarding-recover-other = Utiliser un autre compte
onboarding-recover-delete-open = Supprimer les données enregistrées…
onboarding-recover-delete-warning = Tout ce qui est enregistré dans ce navigateur est supprimé, y compris les messages en attente d'envoi. Sans sa phrase de récupération, ce compte ne pourra pas être restauré.
onboarding-recover-delete-question = Supprimer les données enregistrées ?
onboarding-recover-summary-empty = Aucune conversation n'est enregistrée dans ce navigateur.
onboarding-recover-summary-conversations = { $conversations ->
    [one] { $conversations } conversation est conservée dans ce navigateur pour le compte { $account }. Saisissez la phrase de récupération de ce compte pour la rouvrir.
   *[other] { $conversations } conversations sont conservées dans ce navigateur pour le compte { $account }. Saisissez la phrase de récupération de ce compte pour les rouvrir.
}
onboarding-recover-summary-conversations-unknown = { $conversations ->
    [one] { $conversations } conversation est conservée dans ce navigateur ; on ne peut pas savoir à quel compte elle appartient. Le compte que vous restaurerez l'affichera.
   *[other] { $conversations } conversations sont conservées dans ce navigateur ; on ne peut pas savoir à quel compte elles appartiennent. Le compte que vous restaurerez les affichera.
}
onboarding-recover-summary-waiting = { $waiting ->
    [one] { $waiting } message en attente d'envoi est conservé dans ce navigateur pour le compte { $account }. Saisissez la phrase de récupération de ce compte pour le rouvrir.
   *[other] { $waiting } messages en attente d'envoi sont conservés dans ce navigateur pour le compte { $account }. Saisissez la phrase de récupération de ce compte pour les rouvrir.
}
onboarding-recover-summary-waiting-unknown = { $waiting ->
    [one] { $waiting } message en attente d'envoi est conservé dans ce navigateur ; on ne peut pas savoir à quel compte il appartient. Le compte que vous restaurerez l'affichera.
   *[other] { $waiting } messages en attente d'envoi sont conservés dans ce navigateur ; on ne peut pas savoir à quel compte ils appartiennent. Le compte que vous restaurerez les affichera.
}
onboarding-recover-summary-both = { $conversations ->
    [one] { $conversations } conversation
   *[other] { $conversations } conversations
} et { $waiting ->
    [one] { $waiting } message en attente d'envoi
   *[other] { $waiting } messages en attente d'envoi
} sont conservés dans ce navigateur pour le compte { $account }. Saisissez la phrase de récupération de ce compte pour les rouvrir.
onboarding-recover-summary-both-unknown = { $conversations ->
    [one] { $conversations } conversation
   *[other] { $conversations } conversations
} et { $waiting ->
    [one] { $waiting } message en attente d'envoi
   *[other] { $waiting } messages en attente d'envoi
} sont conservés dans ce navigateur ; on ne peut pas savoir à quel compte ils appartiennent. Le compte que vous restaurerez les affichera.

## Erreurs de l'accueil

onboarding-error-storage-closed = le stockage n'est pas ouvert
onboarding-error-nothing-to-save = aucun compte à enregistrer
onboarding-error-nothing-to-finish = aucun compte à finaliser
onboarding-error-save-account = Impossible d'enregistrer le compte : { $reason }
onboarding-error-save-name = Impossible d'enregistrer le nom d'affichage : { $reason }
onboarding-error-delete = Impossible de supprimer les données enregistrées : { $reason }
onboarding-error-other-account = Cette phrase de récupération est celle de { $entered }, mais les données enregistrées ici appartiennent à { $stored }. Saisissez la phrase de { $stored }, ou supprimez les données enregistrées pour utiliser ce compte.
onboarding-error-already-here = Ce compte est déjà dans ce navigateur, sous le nom { $name }. Passez-y depuis le menu des comptes.

## L'écran de déverrouillage

onboarding-lock-title = Session est verrouillé
onboarding-lock-hint = Saisissez votre mot de passe pour ouvrir vos messages.
onboarding-lock-password = Mot de passe
onboarding-lock-unlocking = Déverrouillage…
onboarding-lock-unlock = Déverrouiller
onboarding-lock-forgot = Mot de passe oublié ?
onboarding-lock-forgot-text = Sans lui, ce que ce compte a enregistré dans ce navigateur ne peut pas être ouvert. Vous pouvez le supprimer et restaurer le compte à partir de sa phrase de récupération ; les messages des deux dernières semaines reviennent depuis le réseau.
onboarding-lock-forget-open = Supprimer les données de ce navigateur
onboarding-lock-forget-warning = Tous les messages, fichiers et réglages que ce compte a enregistrés dans ce navigateur sont supprimés (les autres comptes sont conservés). Seule votre phrase de récupération permet de le retrouver.
onboarding-lock-forget-confirm = Tout supprimer
onboarding-lock-forget-question = Supprimer les données de ce compte dans ce navigateur ?

## Paramètres → Verrouillage par mot de passe

onboarding-password-title = Verrouillage par mot de passe
onboarding-password-on = Votre compte et vos messages dans ce navigateur sont chiffrés avec votre mot de passe. Session vous le demande à l'ouverture.
onboarding-password-off = Toute personne pouvant ouvrir le profil de ce navigateur peut lire vos messages. Un mot de passe les chiffre, ainsi que vos clés, sur cet appareil.
onboarding-password-auto-lock = Verrouillage automatique
onboarding-password-lock-now = Verrouiller maintenant
onboarding-password-change = Modifier le mot de passe
onboarding-password-remove = Supprimer le mot de passe
onboarding-password-set-open = Définir un mot de passe
onboarding-password-set = Définir le mot de passe
onboarding-password-current = Mot de passe actuel
onboarding-password-new = Nouveau mot de passe
onboarding-password-confirm = Confirmez le nouveau mot de passe
onboarding-password-no-recovery = Un mot de passe oublié ne peut pas être récupéré : seule votre phrase de récupération permet de retrouver le compte, sans les messages conservés ici.
onboarding-password-working = En cours…
onboarding-password-set-done = Mot de passe défini
onboarding-password-changed = Mot de passe modifié
onboarding-password-removed = Mot de passe supprimé
onboarding-auto-lock-never = Jamais
onboarding-auto-lock-minutes = { $count ->
    [one] Après { $count } minute
   *[other] Après { $count } minutes
}
onboarding-auto-lock-hours = { $count ->
    [one] Après { $count } heure
   *[other] Après { $count } heures
}
onboarding-password-too-short = { $count ->
    [one] Un mot de passe doit comporter au moins { $count } caractère
   *[other] Un mot de passe doit comporter au moins { $count } caractères
}
onboarding-password-too-long = { $count ->
    [one] Un mot de passe comporte au plus { $count } caractère
   *[other] Un mot de passe comporte au plus { $count } caractères
}
onboarding-password-mismatch = Les mots de passe ne correspondent pas
onboarding-password-unavailable = Le stockage de ce navigateur ne peut pas être verrouillé
onboarding-password-none = Aucun mot de passe n'est défini
onboarding-password-already-set = Un mot de passe est déjà défini
onboarding-password-wrong = Mot de passe incorrect
onboarding-password-too-soon = { $count ->
    [one] Trop de mots de passe incorrects : réessayez dans { $count } seconde
   *[other] Trop de mots de passe incorrects : réessayez dans { $count } secondes
}
onboarding-password-empty = Saisissez un mot de passe
onboarding-password-kdf-damaged = Les paramètres du verrouillage par mot de passe sont endommagés
onboarding-password-record-damaged = L'enregistrement du verrouillage par mot de passe est endommagé : { $reason }
onboarding-password-crypto-failed = Échec du chiffrement : { $reason }

## Invitation à choisir un nom d'affichage (écran d'accueil)

onboarding-name-prompt-title = Pas encore de nom d'affichage
onboarding-name-prompt-text = Si votre compte en a un sur vos autres appareils, il apparaîtra ici dans un instant. Sinon, choisissez-en un :
onboarding-name-prompt-placeholder = Nom d'affichage

## L'application ne peut pas démarrer

onboarding-fatal-title = Session ne peut pas démarrer
onboarding-fatal-hint = Session conserve votre compte et vos messages dans le stockage de ce navigateur. Les fenêtres de navigation privée et certains paramètres de confidentialité le bloquent.
onboarding-fatal-lock = le verrouillage par mot de passe : { $reason }

## Le menu des comptes

onboarding-account-menu = Comptes
onboarding-account-menu-unread = Comptes (messages non lus dans un autre compte)
onboarding-account-add = Ajouter un compte
onboarding-account-new = Nouveau compte
onboarding-account-unread = { $count ->
    [one] non lu
   *[other] non lus
}
onboarding-account-locked = Verrouillé par mot de passe
onboarding-account-this-tab = Cet onglet
onboarding-account-this-tab-hidden = Le compte de cet onglet

## Erreurs du stockage

onboarding-storage-unavailable = ce navigateur ne permet pas à l'application d'enregistrer des données ({ $reason })
onboarding-storage-db = erreur de stockage : { $reason }
onboarding-storage-encode = impossible d'encoder un enregistrement : { $reason }
onboarding-storage-migration = impossible de mettre à jour les données enregistrées vers la version { $version } ({ $reason }) ; elles sont inchangées, rechargez la page pour réessayer
onboarding-storage-interrupted = l'opération de stockage a été interrompue
onboarding-storage-full = le stockage de ce navigateur pour l'application est plein
onboarding-storage-unreadable-account = le compte enregistré dans ce navigateur ne peut pas être lu
onboarding-storage-account-stored = un autre compte est enregistré dans ce navigateur
onboarding-storage-too-new = les données enregistrées proviennent d'une version plus récente de l'application (version des données { $found }, cette application connaît jusqu'à la version { $supported }) ; rechargez la page pour obtenir la nouvelle version
onboarding-session-signed-out = session fermée
