# المحادثة المفتوحة: الترويسة والرسائل وخانة الكتابة والملفات والرسائل الصوتية والتفاعلات
# ومنتقي الرموز التعبيرية والرسائل المختفية.

## الترويسة وقائمة الرسائل

chat-back = العودة إلى المحادثات
chat-group-settings = إعدادات المجموعة
chat-blocked = محظور
chat-typing = { $name } يكتب الآن
chat-messages = الرسائل
chat-load-earlier = تحميل الرسائل الأقدم
chat-room-empty = لا توجد رسائل في هذه الغرفة بعد. المنشورات هنا علنية لكل من فيها.
chat-empty = الرسائل مشفرة من طرف إلى طرف. ألقِ التحية!
chat-today = اليوم
chat-yesterday = أمس
chat-unread-marker = { $count ->
    [zero] لا توجد رسائل غير مقروءة
    [one] رسالة واحدة غير مقروءة
    [two] رسالتان غير مقروءتين
    [few] { $count } رسائل غير مقروءة
    [many] { $count } رسالة غير مقروءة
   *[other] { $count } رسالة غير مقروءة
}

## خانة الكتابة

chat-tray = ملفات للإرسال
chat-tray-remove = إزالة { $name }
chat-replying-to = الرد على { $name }
chat-reply-cancel = إلغاء الرد
chat-attach = إرفاق ملفات
chat-emoji = الرموز التعبيرية
chat-composer = رسالة
chat-counter = { $count } / { $max }
chat-send = إرسال
chat-file-too-large = حجم { $name } أكبر من 10 ميغابايت، وهو الحد الأقصى لحجم الملف.
chat-file-empty = الملف { $name } فارغ.
chat-files-too-many = { $count ->
    [one] يمكن أن تحمل الرسالة ملفًا واحدًا على الأكثر.
    [two] يمكن أن تحمل الرسالة ملفين على الأكثر.
    [few] يمكن أن تحمل الرسالة { $count } ملفات على الأكثر.
    [many] يمكن أن تحمل الرسالة { $count } ملفًا على الأكثر.
   *[other] يمكن أن تحمل الرسالة { $count } ملف على الأكثر.
}

## رسالة

chat-status-sending = جارٍ الإرسال
chat-status-sent = أُرسلت
chat-status-read = قُرئت
chat-status-failed = تعذّر الإرسال
chat-status-received = مستلمة
chat-uploading-file = جارٍ رفع الملف { $file } من { $files }… { $percent }٪
chat-uploading = جارٍ الرفع… { $percent }٪
chat-preparing = جارٍ التحضير…
chat-upload-progress = تقدّم الرفع
chat-deleted-notice = حُذفت هذه الرسالة
chat-moderator = مشرف
chat-moderator-badge = مشرف
chat-not-sent = لم تُرسل. انقر لإعادة المحاولة
chat-quote-missing = لم يُعثر على الرسالة الأصلية

## قائمة الرسالة

chat-action-reply = رد
chat-action-copy = نسخ النص
chat-action-resend = إعادة الإرسال
chat-action-info = معلومات الرسالة
chat-action-delete-me = حذف لدي
chat-action-delete-all = حذف لدى الجميع
chat-action-message-author = إرسال رسالة
chat-message-options = خيارات الرسالة
chat-close-menu = إغلاق القائمة
chat-react = تفاعل
chat-react-with = التفاعل بـ { $emoji }
chat-more-reactions = المزيد من التفاعلات
chat-copied = نُسخ إلى الحافظة
chat-copy-refused = لم يسمح المتصفح بالنسخ؛ حدّد النص بدلًا من ذلك.
chat-deleted-for-everyone = حُذفت لدى الجميع
chat-delete-me-title = حذف لدي؟
chat-delete-me-body = ستُحذف هذه الرسالة من هذا الجهاز فقط.
chat-delete-all-title = حذف لدى الجميع؟
chat-delete-all-body = ستُحذف هذه الرسالة لديك ولدى المستلم، على جميع أجهزته التي تعمل بـ Session.

## معلومات الرسالة

chat-info-title = معلومات الرسالة
chat-info-time = { $date }، { $time }
chat-info-sent = أُرسلت
chat-info-stored = خُزّنت
chat-info-received = استُلمت
chat-info-claimed = الوقت الذي ذكره المرسل (غير معتمد)
chat-info-from = من
chat-info-hash = بصمة الرسالة
chat-info-no-hash = لم تُخزَّن في سرب بعد
chat-info-disappears = تختفي
chat-info-once-read = عند قراءتها
chat-info-status = الحالة

## الروابط

chat-link-title = فتح الرابط؟
chat-link-open = فتح
chat-link-question = هل أنت متأكد من أنك تريد فتح { $url }؟

## التفاعلات

# وصف زر التفاعل: الرمز التعبيري، وعدد من تفاعلوا، ومن هم («أليس وأنت»).
chat-reaction = { $emoji } { $count }: { $people }
chat-reactors-you = أنت
chat-reactors-you-and-others = { $count ->
    [one] أنت وشخص آخر
    [two] أنت وشخصان آخران
    [few] أنت و{ $count } أشخاص آخرين
    [many] أنت و{ $count } شخصًا آخر
   *[other] أنت و{ $count } شخص آخر
}
chat-reactors-people = { $count ->
    [zero] لا أحد
    [one] شخص واحد
    [two] شخصان
    [few] { $count } أشخاص
    [many] { $count } شخصًا
   *[other] { $count } شخص
}
chat-reactors-two = { $first } و{ $second }
chat-reactors-three = { $first } و{ $second } و{ $third }
chat-reactors-many = { $count ->
    [two] { $first } و{ $second } وشخصان آخران
    [few] { $first } و{ $second } و{ $count } أشخاص آخرين
    [many] { $first } و{ $second } و{ $count } شخصًا آخر
   *[other] { $first } و{ $second } و{ $count } شخص آخر
}

## الملفات

chat-att-open = فتح { $name }
chat-att-save = حفظ { $name }
chat-att-download = تنزيل
chat-att-download-named = تنزيل { $name }
chat-downloading = جارٍ التنزيل…
chat-downloading-percent = جارٍ التنزيل… { $percent }٪
chat-download-progress = تقدّم التنزيل
chat-download-cancel = إلغاء التنزيل
chat-att-expired = لم يعد متاحًا: تُحفظ الملفات على خادم الملفات لمدة محدودة.
chat-try-again = إعادة المحاولة
chat-size-bytes = { $size } بايت
chat-size-kb = { $size } ك.ب
chat-size-mb = { $size } م.ب
chat-fetch-pointer = لا يمكن فتح هذا المرفق: { $reason }
chat-fetch-no-file-server = خادم الملفات غير معروف بعد.
chat-fetch-download = تعذّر التنزيل: { $reason }
chat-fetch-refused = رُفض هذا المرفق: { $reason }
chat-fetch-storage = تعذّر حفظ المرفق: { $reason }
chat-fetch-room = تعذّر جلب المرفق: { $reason }
chat-fetch-no-file = لا يحتوي على ملف
chat-fetch-no-community = لا يوجد مجتمع يمكن سؤاله
chat-refused-too-large = حجم الملف { $size } بايت، والحد الأقصى للمرفقات { $max } بايت
chat-refused-bad-key = طول مفتاح المرفق { $count } بايت، وهو لا يناسب أي مخطط
chat-refused-truncated = المرفق ناقص (وصل { $count } بايت فقط)
chat-refused-no-digest = وصل المرفق دون البصمة التي تثبت سلامته
chat-refused-digest = بصمة المرفق غير مطابقة: لقد تغيّر في الطريق
chat-refused-mac = تعذّر التحقق من صحة المرفق: لقد تغيّر أو أن المفتاح خاطئ
chat-refused-malformed = المرفق بعد فك تشفيره تالف
chat-refused-format = المرفق بصيغة لا يستطيع هذا الإصدار قراءتها
chat-refused-size = كان يُفترض أن يكون حجم المرفق { $expected } بايت، لكن فُك تشفير { $got } بايت فقط

## الرسائل الصوتية

chat-voice-message = رسالة صوتية
chat-voice-play = تشغيل الرسالة الصوتية
chat-voice-pause = إيقاف الرسالة الصوتية مؤقتًا
chat-voice-play-file = تشغيل { $name }
chat-voice-pause-file = إيقاف { $name } مؤقتًا
chat-voice-position = الموضع
chat-voice-position-of = { $position } من { $duration }
chat-voice-speed = سرعة التشغيل
chat-voice-speed-is = سرعة التشغيل { $speed }
chat-voice-record = تسجيل رسالة صوتية
chat-voice-send = إرسال الرسالة الصوتية
chat-voice-cancel = إلغاء الرسالة الصوتية
chat-voice-cancel-key = إلغاء (Esc)
chat-voice-asking = في انتظار الميكروفون…
chat-voice-slide = اسحب بعيدًا للإلغاء
chat-voice-recording = جارٍ التسجيل…
chat-voice-stopped = توقف التسجيل: أرسله أو ألغِه
chat-voice-sending = جارٍ الإرسال…
chat-record-unsupported = لا يستطيع هذا المتصفح تسجيل الرسائل الصوتية.
chat-record-denied = رُفض الوصول إلى الميكروفون. اسمح به في إعدادات الموقع في المتصفح لتسجيل الرسائل الصوتية.
chat-record-no-microphone = لم يُعثر على ميكروفون.
chat-record-unavailable = الميكروفون مستخدم من قبل تطبيق آخر.
chat-record-too-short = الرسالة الصوتية قصيرة جدًا. اضغط مطولًا على زر الميكروفون للتسجيل، أو انقر عليه للتسجيل دون استخدام اليدين.
chat-record-empty = لم يُسجَّل شيء.
chat-record-too-large = حجم الرسالة الصوتية أكبر من 10 ميغابايت.
chat-record-failed = تعذّر التسجيل: { $reason }
chat-record-not-sent = لم تُرسل الرسالة الصوتية: { $reason }
chat-record-stopped = توقف المسجّل
chat-record-closed = أُغلق الميكروفون
chat-record-unreadable = تعذّرت قراءة التسجيل

## منتقي الرموز التعبيرية

chat-emoji-recent = المستخدمة مؤخرًا
chat-emoji-none = لم يُعثر على رموز تعبيرية
chat-emoji-close = إغلاق منتقي الرموز التعبيرية
chat-emoji-search = البحث عن رمز تعبيري
chat-emoji-categories = الفئات
chat-emoji-smileys = الوجوه الضاحكة
chat-emoji-people = الأشخاص
chat-emoji-symbols = القلوب والرموز
chat-emoji-nature = الحيوانات والطبيعة
chat-emoji-food = الطعام والشراب
chat-emoji-activities = الأنشطة
chat-emoji-travel = السفر والأماكن
chat-emoji-objects = الأشياء

## الرسائل المختفية

chat-disappearing-title = الرسائل المختفية
chat-disappearing-explained = تختفي الرسائل لديك ولدى المشاركين في هذه المحادثة عند انتهاء المدة.
chat-disappearing-off = إيقاف
chat-disappear-after-read = الاختفاء بعد القراءة
chat-disappear-after-send = الاختفاء بعد الإرسال
chat-disappearing-set = ضبط
chat-summary-after-read = الاختفاء بعد القراءة · { $time }
chat-summary-after-send = الاختفاء بعد الإرسال · { $time }
# تُقال عن شخص لا يُعرف اسمه.
chat-notice-they = جهة الاتصال
chat-notice-off-you = لقد أوقفت الرسائل المختفية.
chat-notice-off = أوقف { $name } الرسائل المختفية.
chat-notice-after-read-you = لقد ضبطت الرسائل لتختفي بعد { $time } من قراءتها.
chat-notice-after-read = ضبط { $name } الرسائل لتختفي بعد { $time } من قراءتها.
chat-notice-after-send-you = لقد ضبطت الرسائل لتختفي بعد { $time } من إرسالها.
chat-notice-after-send = ضبط { $name } الرسائل لتختفي بعد { $time } من إرسالها.
chat-timer-seconds = { $count ->
    [one] ثانية واحدة
    [two] ثانيتين
    [few] { $count } ثوانٍ
    [many] { $count } ثانية
   *[other] { $count } ثانية
}
chat-timer-minutes = { $count ->
    [one] دقيقة واحدة
    [two] دقيقتين
    [few] { $count } دقائق
    [many] { $count } دقيقة
   *[other] { $count } دقيقة
}
chat-timer-hours = { $count ->
    [one] ساعة واحدة
    [two] ساعتين
    [few] { $count } ساعات
    [many] { $count } ساعة
   *[other] { $count } ساعة
}
chat-timer-days = { $count ->
    [one] يوم واحد
    [two] يومين
    [few] { $count } أيام
    [many] { $count } يومًا
   *[other] { $count } يوم
}
chat-timer-weeks = { $count ->
    [one] أسبوع واحد
    [two] أسبوعين
    [few] { $count } أسابيع
    [many] { $count } أسبوعًا
   *[other] { $count } أسبوع
}

## أخطاء الإرسال والتعديل

chat-send-unsupported = لا يمكن إرسال رسائل إلى هذه المحادثة بعد.
chat-send-prepare-failed = تعذّر تحضير الرسالة: { $reason }
chat-send-save-failed = تعذّر حفظ الرسالة: { $reason }
chat-send-unreadable = تعذّرت قراءة { $name }.
chat-send-community-files = لا يمكن بعد إرسال ملفات إلى أشخاص تعرّفت عليهم في المجتمعات: أرسل نصًا، أو انشر الملف في الغرفة.
chat-retry-gone = لم يعد من الممكن إعادة إرسال هذه الرسالة.
chat-retry-storage = تعذّرت قراءة صندوق الصادر: { $reason }
chat-edit-not-emoji = التفاعلات تكون برموز تعبيرية.
chat-edit-not-deletable = لا يمكن حذف الرسائل لدى الجميع إلا إذا كانت رسائلك المُرسلة.
chat-edit-network = تعذّر حذف الرسالة من الشبكة ({ $reason })؛ لم يتغير شيء.
chat-edit-storage = تعذّر حفظ التغيير: { $reason }

chat-preview-photo = صورة
chat-preview-video = فيديو
chat-preview-audio = صوت
chat-preview-file = ملف
chat-preview-file-named = ملف: { $name }
chat-preview-and-more = { $first } و{ $count ->
    [one] ملف آخر
    [two] ملفان آخران
    [few] { $count } ملفات أخرى
   *[other] { $count } ملفًا آخر
}
