# الإعدادات: الملف الشخصي، Session ID، عبارة الاسترداد، المظهر، لوحة المفاتيح، الإشعارات،
# الخصوصية، المرفقات، المسار، إزالة الحساب؛ نافذة اختصارات لوحة المفاتيح؛ إعدادات المحادثات
# (الكتم، الاسم المستعار) وشريط التخزين.

settings-title = الإعدادات

## الملف الشخصي

settings-display-name = الاسم المعروض
settings-display-name-saved = تم حفظ الاسم المعروض

## Session ID

settings-your-session-id = Session ID الخاص بك
settings-session-id-qr = رمز QR لـ Session ID الخاص بك
settings-copy-session-id = نسخ Session ID
settings-session-id-copied = تم نسخ Session ID

## عبارة الاسترداد

settings-recovery-phrase = عبارة الاسترداد
settings-recovery-phrase-about = عبارة الاسترداد هي المفتاح الرئيسي لحسابك.
settings-recovery-phrase-show = إظهار عبارة الاسترداد
settings-recovery-phrase-show-question = إظهار عبارة الاسترداد؟
settings-recovery-phrase-warning = يستطيع أي شخص يرى هذه الكلمات أن يقرأ رسائلك ويكتب باسمك. تأكد من أن لا أحد ينظر إلى شاشتك.
settings-show = إظهار
settings-hide = إخفاء
settings-recovery-phrase-copy = نسخ العبارة
settings-recovery-phrase-copied = تم نسخ عبارة الاسترداد

## المظهر

settings-appearance = المظهر
settings-theme = السمة
settings-theme-system = حسب النظام
settings-theme-light = فاتح
settings-theme-dark = داكن

## لوحة المفاتيح

settings-keyboard = لوحة المفاتيح
settings-keyboard-about = يعمل كل شيء باستخدام لوحة المفاتيح وحدها. اضغط Ctrl + / (أو ?) في أي مكان لعرض الاختصارات.
settings-keyboard-shortcuts = اختصارات لوحة المفاتيح

## الإشعارات

settings-notifications = الإشعارات
settings-notifications-granted = تصلك إشعارات بالرسائل الجديدة عندما يعمل Session في الخلفية.
settings-notifications-denied = الإشعارات محظورة لهذا الموقع في إعدادات المتصفح.
settings-notifications-unsupported = هذا المتصفح لا يدعم الإشعارات.
settings-notifications-ask = احصل على إشعارات بالرسائل الجديدة عندما يعمل Session في الخلفية.
settings-notifications-enable = تفعيل الإشعارات

## الخصوصية

settings-privacy = الخصوصية
settings-read-receipts = إشعارات القراءة
settings-read-receipts-about = اسمح لمن تتحدث معهم بمعرفة متى تقرأ رسائلهم، واعرف متى يقرؤون رسائلك.
settings-typing-indicators = مؤشرات الكتابة
settings-typing-indicators-about = اسمح لمن تتحدث معهم بمعرفة متى تكتب، واعرف متى يكتبون.
settings-community-requests = طلبات الرسائل من المجتمعات
settings-community-requests-about = اسمح لأعضاء المجتمعات التي انضممت إليها بإرسال طلبات رسائل إليك. تُعلم منشوراتك الآخرين بما إذا كنت تقبلها.

## المرفقات

settings-attachments = المرفقات
settings-attachments-measuring = جارٍ الحساب…
settings-attachments-none = لا توجد مرفقات محفوظة في هذا المتصفح.
# $size حجم مثل "2.4 MB"؛ و$count عدد الملفات (لا يكون 0 أبدًا).
settings-attachments-usage = { $count ->
    [zero] { $size } محفوظة في هذا المتصفح (لا ملفات).
    [one] { $size } محفوظة في هذا المتصفح (ملف واحد).
    [two] { $size } محفوظة في هذا المتصفح (ملفان).
    [few] { $size } محفوظة في هذا المتصفح ({ $count } ملفات).
    [many] { $size } محفوظة في هذا المتصفح ({ $count } ملفًا).
   *[other] { $size } محفوظة في هذا المتصفح ({ $count } ملف).
}
settings-attachments-clear = مسح المرفقات
settings-attachments-cleared = أُزيلت المرفقات المنزَّلة من هذا المتصفح.
settings-attachments-clear-failed = تعذّرت إزالة المرفقات.

## المسار

settings-path = المسار
settings-path-about = يُخفي Session عنوان IP الخاص بك بإرسال رسائلك عبر ثلاث عُقد خدمة، لا تعرف كل منها إلا العقدة التي قبلها والعقدة التي بعدها.

## إزالة الحساب

settings-remove-account-title = إزالة الحساب من هذا المتصفح
settings-remove-account = إزالة الحساب…
settings-remove-account-warning = ستُحذف رسائل هذا الحساب على هذا المتصفح (وتبقى الحسابات الأخرى). لا يمكن استعادة الحساب دون عبارة الاسترداد الخاصة بك.
settings-remove-account-question = إزالة الحساب؟
settings-remove-account-failed = تعذّر الحذف: { $reason }

## نافذة اختصارات لوحة المفاتيح: المفاتيح ووظائفها

settings-shortcuts-caption = المفاتيح ووظائفها
settings-shortcuts-keys = المفاتيح
settings-shortcuts-action = الإجراء
settings-shortcut-new-conversation-keys = Ctrl + Alt + N
settings-shortcut-new-conversation = محادثة جديدة
settings-shortcut-settings-keys = Ctrl + Alt + ,
settings-shortcut-settings = الإعدادات
settings-shortcut-next-conversation-keys = Alt + ↓
settings-shortcut-next-conversation = المحادثة التالية في القائمة
settings-shortcut-previous-conversation-keys = Alt + ↑
settings-shortcut-previous-conversation = المحادثة السابقة في القائمة
settings-shortcut-help-keys = Ctrl + /  أو  ?
settings-shortcut-help = قائمة الاختصارات هذه
settings-shortcut-send-keys = Enter
settings-shortcut-send = إرسال الرسالة
settings-shortcut-new-line-keys = Shift + Enter
settings-shortcut-new-line = سطر جديد في الرسالة
settings-shortcut-tab-keys = Tab، Shift + Tab
settings-shortcut-tab = التنقل بين عناصر التحكم
settings-shortcut-press-keys = Enter أو مفتاح المسافة
settings-shortcut-press = تفعيل الزر المحدد
settings-shortcut-menu-keys = ↑ ↓ داخل القائمة
settings-shortcut-menu = التنقل بين عناصرها
settings-shortcut-escape-keys = Esc
settings-shortcut-escape = إغلاق القائمة أو مربع الحوار أو الصورة المفتوحة

## إعدادات المحادثات

settings-mute-hour = لمدة ساعة واحدة
settings-mute-eight-hours = لمدة 8 ساعات
settings-mute-day = لمدة يوم واحد
settings-mute-week = لمدة أسبوع واحد
settings-mute-always = دائمًا
settings-nickname-too-long = يُرجى إدخال اسم مستعار أقصر

## شريط التخزين

settings-storage-full = مساحة التخزين في هذا المتصفح ممتلئة: لا يمكن حفظ الرسائل الجديدة. حرِّر بعض المساحة على هذا الجهاز؛ وحتى ذلك الحين تنتظر الرسائل على الشبكة (لمدة تصل إلى 14 يومًا).
settings-storage-failing = لا يمكن حفظ الرسائل الجديدة في هذا المتصفح ({ $reason }). أعد تحميل التطبيق؛ وحتى ذلك الحين تنتظر الرسائل على الشبكة (لمدة تصل إلى 14 يومًا).
