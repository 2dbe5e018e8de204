# Paramètres : profil, Session ID, phrase de récupération, apparence, clavier, notifications,
# confidentialité, pièces jointes, chemin, retrait du compte ; la fenêtre des raccourcis clavier ;
# réglages des conversations (sourdine, surnom) et bannière du stockage.

settings-title = Paramètres

## Profil

settings-display-name = Nom d'affichage
settings-display-name-saved = Nom d'affichage enregistré

## Session ID

settings-your-session-id = Votre Session ID
settings-session-id-qr = Code QR de votre Session ID
settings-copy-session-id = Copier le Session ID
settings-session-id-copied = Session ID copié

## Phrase de récupération

settings-recovery-phrase = Phrase de récupération
settings-recovery-phrase-about = Votre phrase de récupération est la clé principale de votre compte.
settings-recovery-phrase-show = Afficher la phrase de récupération
settings-recovery-phrase-show-question = Afficher la phrase de récupération ?
settings-recovery-phrase-warning = Toute personne qui voit ces mots peut lire vos messages et écrire en votre nom. Assurez-vous que personne ne regarde votre écran.
settings-show = Afficher
settings-hide = Masquer
settings-recovery-phrase-copy = Copier la phrase
settings-recovery-phrase-copied = Phrase de récupération copiée

## Apparence

settings-appearance = Apparence
settings-theme = Thème
settings-theme-system = Système
settings-theme-light = Clair
settings-theme-dark = Sombre

## Clavier

settings-keyboard = Clavier
settings-keyboard-about = Tout fonctionne au clavier seul. Appuyez sur Ctrl + / (ou ?) n'importe où pour voir les raccourcis.
settings-keyboard-shortcuts = Raccourcis clavier

## Notifications

settings-notifications = Notifications
settings-notifications-granted = Vous êtes averti des nouveaux messages lorsque Session est en arrière-plan.
settings-notifications-denied = Les notifications sont bloquées pour ce site dans les paramètres du navigateur.
settings-notifications-unsupported = Ce navigateur ne prend pas en charge les notifications.
settings-notifications-ask = Soyez averti des nouveaux messages lorsque Session est en arrière-plan.
settings-notifications-enable = Activer les notifications

## Confidentialité

settings-privacy = Confidentialité
settings-read-receipts = Accusés de lecture
settings-read-receipts-about = Permettez à vos interlocuteurs de voir quand vous lisez leurs messages, et voyez quand ils lisent les vôtres.
settings-typing-indicators = Indicateurs de saisie
settings-typing-indicators-about = Permettez à vos interlocuteurs de voir quand vous écrivez, et voyez quand ils écrivent.
settings-community-requests = Demandes de message des communautés
settings-community-requests-about = Permettez aux membres des communautés que vous avez rejointes de vous envoyer des demandes de message. Vos publications indiquent aux autres si vous les acceptez.

## Pièces jointes

settings-attachments = Pièces jointes
settings-attachments-measuring = Calcul en cours…
settings-attachments-none = Aucune pièce jointe n'est conservée dans ce navigateur.
# $size est une taille comme « 2.4 MB » ; $count le nombre de fichiers (jamais 0).
settings-attachments-usage = { $count ->
    [one] { $size } conservés dans ce navigateur ({ $count } fichier).
   *[other] { $size } conservés dans ce navigateur ({ $count } fichiers).
}
settings-attachments-clear = Effacer les pièces jointes
settings-attachments-cleared = Pièces jointes téléchargées supprimées de ce navigateur.
settings-attachments-clear-failed = Les pièces jointes n'ont pas pu être supprimées.

## Chemin

settings-path = Chemin
settings-path-about = Session masque votre adresse IP en faisant passer vos messages par trois nœuds de service, dont chacun ne connaît que celui qui le précède et celui qui le suit.

## Retrait du compte

settings-remove-account-title = Retirer le compte de ce navigateur
settings-remove-account = Retirer le compte…
settings-remove-account-warning = Les messages de ce compte dans ce navigateur seront supprimés (les autres comptes sont conservés). Sans votre phrase de récupération, le compte ne pourra pas être restauré.
settings-remove-account-question = Retirer le compte ?
settings-remove-account-failed = Suppression impossible : { $reason }

## Fenêtre des raccourcis clavier : les touches et leur action

settings-shortcuts-caption = Les touches et leur action
settings-shortcuts-keys = Touches
settings-shortcuts-action = Action
settings-shortcut-new-conversation-keys = Ctrl + Alt + N
settings-shortcut-new-conversation = Nouvelle conversation
settings-shortcut-settings-keys = Ctrl + Alt + ,
settings-shortcut-settings = Paramètres
settings-shortcut-next-conversation-keys = Alt + ↓
settings-shortcut-next-conversation = Conversation suivante dans la liste
settings-shortcut-previous-conversation-keys = Alt + ↑
settings-shortcut-previous-conversation = Conversation précédente dans la liste
settings-shortcut-help-keys = Ctrl + /  ou  ?
settings-shortcut-help = Cette liste de raccourcis
settings-shortcut-send-keys = Entrée
settings-shortcut-send = Envoyer le message
settings-shortcut-new-line-keys = Maj + Entrée
settings-shortcut-new-line = Nouvelle ligne dans le message
settings-shortcut-tab-keys = Tab, Maj + Tab
settings-shortcut-tab = Passer d'une commande à l'autre
settings-shortcut-press-keys = Entrée ou Espace
settings-shortcut-press = Activer le bouton sélectionné
settings-shortcut-menu-keys = ↑ ↓ dans un menu
settings-shortcut-menu = Passer d'une entrée à l'autre
settings-shortcut-escape-keys = Échap
settings-shortcut-escape = Fermer le menu, la boîte de dialogue ou l'image ouverte

## Réglages des conversations

settings-mute-hour = Pendant 1 heure
settings-mute-eight-hours = Pendant 8 heures
settings-mute-day = Pendant 1 jour
settings-mute-week = Pendant 1 semaine
settings-mute-always = Toujours
settings-nickname-too-long = Veuillez saisir un surnom plus court

## Bannière du stockage

settings-storage-full = Le stockage de ce navigateur est plein : les nouveaux messages ne peuvent pas être enregistrés. Libérez de l'espace sur cet appareil ; d'ici là, les messages patientent sur le réseau (jusqu'à 14 jours).
settings-storage-failing = Les nouveaux messages ne peuvent pas être enregistrés dans ce navigateur ({ $reason }). Rechargez l'application ; d'ici là, les messages patientent sur le réseau (jusqu'à 14 jours).
