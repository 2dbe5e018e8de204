# الشاشة الرئيسية بعد تسجيل الدخول: قائمة المحادثات وقوائمها، والمحادثات الجديدة، وطلبات الرسائل،
# والبحث، وشريط حالة الشبكة، ومسار Onion.

## اللوحة الرئيسية وترويسة القائمة

home-empty-main = اختر محادثة أو ابدأ محادثة جديدة.
home-settings = الإعدادات
home-title = الرسائل
home-new-conversation = محادثة جديدة
home-message-requests = طلبات الرسائل
home-no-conversations = لا توجد محادثات بعد.
home-start-a-conversation = ابدأ محادثة

## محادثة في القائمة

home-note-to-self = ملاحظة لنفسي
home-note-to-self-subtitle = رسائل إلى نفسك
home-preview-failed = فشل الإرسال: { $text }
home-preview-you = أنت: { $text }
home-muted = مكتومة
home-pinned = مثبّتة
home-unread-label = { $count ->
    [one] رسالة واحدة غير مقروءة
    [two] رسالتان غير مقروءتين
    [few] { $badge } رسائل غير مقروءة
   *[other] { $badge } رسالة غير مقروءة
}
home-marked-unread = معلّمة كغير مقروءة
home-deleted-notice = حُذفت هذه الرسالة
home-notification-title = { $title } · { $account }

## قائمة المحادثة

home-conversation-options = خيارات المحادثة
home-close-menu = إغلاق القائمة
home-menu-search = البحث في المحادثة
home-menu-pin = تثبيت المحادثة
home-menu-unpin = إلغاء تثبيت المحادثة
home-menu-mark-read = تعليم كمقروءة
home-menu-mark-unread = تعليم كغير مقروءة
home-menu-mute = كتم الإشعارات…
home-menu-unmute = إلغاء الكتم
home-mute-notifications = كتم الإشعارات
home-menu-set-nickname = تعيين اسم مستعار…
home-menu-change-nickname = تغيير الاسم المستعار…
home-menu-remove-nickname = إزالة الاسم المستعار
home-menu-disappearing = الرسائل المختفية…
home-menu-clear = مسح الرسائل…
home-menu-leave = مغادرة المجتمع…
home-menu-delete = حذف المحادثة…
home-block = حظر
home-unblock = إلغاء الحظر
home-block-title = حظر { $name }؟
home-block-question = هل أنت متأكد من أنك تريد حظر { $name }؟
home-block-detail = لن ترى رسائله ولن تصلك إشعارات بها حتى تلغي حظره.
home-leave = مغادرة
home-leave-title = مغادرة { $name }؟
home-leave-detail = ستُحذف رسائله من هذا الجهاز، وستغادره أجهزتك الأخرى أيضًا.
home-clear = مسح
home-clear-title = مسح جميع الرسائل؟
home-clear-detail = ستُحذف كل رسائل هذه المحادثة من هذا الجهاز.
home-delete-title = حذف المحادثة؟
home-delete-detail = ستُحذف المحادثة ورسائلها من هذا الجهاز، وستختفي من القائمة على أجهزتك الأخرى أيضًا.

## نافذة الاسم المستعار

home-nickname-title = تعيين اسم مستعار
home-nickname-help = لا يرى الاسم المستعار أحد غيرك. يظهر بدلًا من اسمه، على أجهزتك الأخرى أيضًا.
home-nickname-label = الاسم المستعار
home-nickname-error = { $error } (بحد أقصى { $max } بايت).

## جهات الاتصال المحظورة

home-you-blocked = لقد حظرت { $name }.
home-unblock-name = إلغاء حظر { $name }
home-blocked-contacts = جهات الاتصال المحظورة
home-blocked-empty = لم تحظر أي أحد.

## شاشة المحادثة الجديدة

home-new-group = مجموعة جديدة
home-new-group-detail = راسل ما يصل إلى 100 شخص في آن واحد، بتشفير تام بين الطرفين.
home-join-community = الانضمام إلى مجتمع
home-join-community-detail = غرف عامة على خوادم المجتمعات، مفتوحة لكل من لديه الرابط.
home-recipient-label = Session ID أو اسم ONS
home-recipient-help = الصق Session ID الخاص بالشخص الذي تريد مراسلته، أو أدخل اسم ONS الذي سجّله.
home-recipient-placeholder = 05… أو اسم
home-looking-up-name = جارٍ البحث عن «{ $name }»…
home-resolved-name = «{ $name }» هو
home-looking-up = جارٍ البحث…
home-message-name = مراسلة { $name }
home-start-conversation = بدء المحادثة
home-your-session-id = Session ID الخاص بك
home-copy-session-id = نسخ Session ID الخاص بك
home-session-id-copied = تم نسخ Session ID

## ما أُدخل ليس Session ID ولا اسم ONS

home-recipient-empty = أدخل Session ID.
home-recipient-neither = هذا ليس Session ID (66 حرفًا: أرقام وحروف من a إلى f) ولا اسم ONS (حروف وأرقام و _ و -).
home-recipient-length = يتكون Session ID من 66 حرفًا، وهذا يتكون من { $count }. تحقق من أنك نسخته كاملًا.
home-recipient-not-hex = لا يحتوي Session ID إلا على الأرقام 0–9 والحروف a–f، والحرف رقم { $position } ليس منها.
home-recipient-not-account = هذا ليس Session ID لحساب (يبدأ بـ { $prefix }، ومعرّفات الحسابات تبدأ بـ 05).
home-recipient-unknown-prefix = هذا ليس Session ID (يبدأ بـ { $prefix }، ومعرّفات الحسابات تبدأ بـ 05).
home-recipient-invalid = هذا ليس Session ID صالحًا: { $error }.
home-lookup-not-found = لا يوجد Session ID مسجّل باسم «{ $name }».
home-lookup-not-found-hex = لا يوجد Session ID مسجّل باسم «{ $name }». إن كنت تقصد Session ID، فهو يتكون من 66 حرفًا.
home-lookup-disagreement = أعطت الشبكة إجابات مختلفة عن «{ $name }»، لذا لم يُعتمد أي منها. أعد المحاولة بعد قليل.
home-lookup-garbled = تعذّرت قراءة الإجابة عن «{ $name }» ({ $error }).
home-lookup-network = تعذّر البحث عن «{ $name }»: { $error }. تحقق من اتصالك وأعد المحاولة.

## لماذا ليس المعرّف أو اسم الغرفة صالحًا (عبارات تُدرج داخل جمل أخرى)

home-id-length = يتكون Session ID من 66 حرفًا ست عشريًا، وهذا يتكون من { $count }
home-id-not-hex = لا يحتوي Session ID إلا على أرقام ست عشرية (الحرف رقم { $position } ليس منها)
home-id-unknown-prefix = لا يمكن أن يبدأ Session ID بـ { $prefix }
home-id-not-account = كان المتوقع Session ID لحساب يبدأ بـ 05، لكن هذا يبدأ بـ { $prefix }
home-id-no-conversation = المعرّف الذي يبدأ بـ { $prefix } لا يشير إلى محادثة
home-id-server-url = يُشار إلى خادم المجتمع بعنوان http أو https دون مسار
home-id-room-token = يُشار إلى غرفة المجتمع بـ 1 إلى 64 من الحروف أو الأرقام أو '-' أو '_'
home-id-community = تُكتب غرفة المجتمع بالشكل community:<الغرفة>@<عنوان الخادم>
home-link-no-server-key = ينتهي رابط المجتمع بـ ?public_key= ثم مفتاح الخادم، وهذا الرابط لا يحتوي عليه
home-link-server-key = مفتاح الخادم في الرابط ليس 32 بايت بصيغة hex أو base64 أو base32z
home-link-no-room = يشير الرابط إلى خادم دون غرفة

## طلبات الرسائل

home-requests-intro = أشخاص لم تراسلهم بعد، ودعوات إلى مجموعات. لن يعرفوا أنك رأيت رسالتهم حتى ترد أو تقبل.
home-no-requests = لا توجد طلبات معلّقة.
home-request-region = طلب رسالة
home-request-text = يريد { $name } مراسلتك. الرد أو القبول يتيح له أن يرى أنك قرأت رسائله ويشاركه اسم العرض الخاص بك.
home-accept = قبول
home-delete-request-title = حذف الطلب؟
home-delete-request-detail = ستُحذف الرسائل الواردة من { $name }.
home-block-request-title = حظر وحذف؟
home-block-request-detail = لن يتمكن { $name } من مراسلتك، وستُحذف رسائله.

## البحث

home-search-messages = البحث في الرسائل
home-search-in-conversation = البحث في هذه المحادثة
home-search-scope = في { $name }
home-search-all = البحث في كل المحادثات
home-indexing = جارٍ فهرسة رسائلك…
home-search-count = { $count ->
    [0] لم يُعثر على أي رسالة
    [one] عُثر على رسالة واحدة
    [two] عُثر على رسالتين
    [few] عُثر على { $count } رسائل
   *[other] عُثر على { $count } رسالة
}
home-search-empty = لا توجد رسائل تطابق «{ $query }».
home-search-results = نتائج البحث

## المجتمعات

home-community-link = رابط المجتمع
home-community-link-help = الصق رابط الغرفة كما يشاركه أعضاؤها: فهو يحدد الخادم والغرفة ومفتاح الخادم.
home-community-link-placeholder = https://server/room?public_key=…
home-join = انضمام
home-joining = جارٍ الانضمام…
home-offered-rooms = غرف هذه الشبكة
home-joined = منضم
home-room-line = { $count ->
    [one] عضو نشط واحد · { $server }
    [two] عضوان نشطان · { $server }
    [few] { $count } أعضاء نشطين · { $server }
    [many] { $count } عضوًا نشطًا · { $server }
   *[other] { $count } عضو نشط · { $server }
}
home-community-not-link = هذا ليس رابط مجتمع: { $error }.
home-community-not-joined = لست عضوًا في هذا المجتمع.
home-community-no-room = لا توجد غرفة كهذه في هذا المجتمع.
home-community-forbidden = خادم المجتمع لا يسمح بذلك.
home-community-refused = رفض خادم المجتمع الطلب ({ $code }).
home-community-refused-text = رفض خادم المجتمع الطلب ({ $code }): { $text }
home-community-answer = أجاب خادم المجتمع إجابة غير متوقعة: { $error }
home-community-unreachable = تعذّر الوصول إلى المجتمع ({ $error }). أعد المحاولة.
home-community-storage = تعذّر الحفظ: { $error }
home-community-files = لم يُرفع أحد ملفات هذه المشاركة بعد.
home-community-refuses-requests = هذا الشخص لا يقبل طلبات الرسائل من أعضاء المجتمعات.
home-community-encrypt = تعذّر تشفير الرسالة: { $error }

## الشبكة

home-banner-offline = أنت غير متصل. ستُرسل الرسائل عند عودة الاتصال.
home-banner-relay = تعذّر الوصول إلى المُرحِّل. جارٍ إعادة الاتصال… رسائلك محفوظة وستُرسل.
home-banner-network = تعذّر الوصول إلى شبكة Session. جارٍ إعادة الاتصال… رسائلك محفوظة وستُرسل.
home-banner-clock = ترفض شبكة Session ساعة هذا الجهاز. تحقق من إعدادات التاريخ والوقت.
home-onion-building = جارٍ إنشاء مسار…
home-onion-entry = عقدة الدخول
home-onion-service = عقدة خدمة
home-onion-destination = الوجهة
home-onion-unknown-address = عنوان غير معروف
