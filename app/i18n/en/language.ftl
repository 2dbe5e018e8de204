# The language setting.

language-title = Language
# $language: the browser's language, as the app would show it (in its own name).
language-system = Same as the browser ({ $language })
language-reload = Session reloads to show the new language.
