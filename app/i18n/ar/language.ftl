# إعداد اللغة.

language-title = اللغة
language-system = مثل المتصفح ({ $language })
language-reload = يُعاد تحميل Session لعرض اللغة الجديدة.
