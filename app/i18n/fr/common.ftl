# Mots employés dans toute l'application.

common-cancel = Annuler
common-close = Fermer
common-save = Enregistrer
common-delete = Supprimer
common-remove = Retirer
common-copy = Copier
common-copied = Copié
common-back = Retour
common-next = Suivant
common-done = Terminé
common-retry = Réessayer
common-continue = Continuer
common-edit = Modifier
common-ok = OK
common-loading = Chargement…
common-you = Vous
