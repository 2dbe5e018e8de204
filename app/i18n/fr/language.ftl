# Le réglage de la langue.

language-title = Langue
language-system = Comme le navigateur ({ $language })
language-reload = Session se recharge pour afficher la nouvelle langue.
