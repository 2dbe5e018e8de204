# المجموعات: إنشاؤها، ولوحة المجموعة (الأعضاء والأدوار والمغادرة والحذف)، والدعوات،
# وإشعارات ما يحدث فيها، واسم الملف الشخصي وصورته.

## إنشاء مجموعة وتعديلها

groups-new-title = مجموعة جديدة
groups-name-label = اسم المجموعة
groups-name-bytes = { $count } من { $max } بايت
groups-description-label = الوصف
groups-optional = (اختياري)
groups-members-heading = الأعضاء
groups-new-members-heading = أعضاء جدد
groups-create = إنشاء
groups-creating = جارٍ الإنشاء…
groups-add = إضافة
groups-adding = جارٍ الإضافة…
groups-saving = جارٍ الحفظ…

## اختيار الأعضاء

groups-picker-no-contacts = لا توجد جهات اتصال للاختيار منها بعد: الصق معرّفات Session ID أدناه.
groups-picker-search = البحث في جهات الاتصال
groups-picker-no-match = لا توجد جهة اتصال مطابقة.
groups-picker-ids-label = معرّفات Session ID
groups-picker-ids-help = الصق معرّفات Session ID للأشخاص الذين تريد دعوتهم، معرّفًا واحدًا في كل سطر.
groups-picker-own-id = تم استبعاد Session ID الخاص بك: فأنت عضو على أي حال.
groups-picker-count = { $count } من أصل { $max } عضو

## ما يمنع إرسال النموذج

groups-error-no-name = أدخل اسمًا للمجموعة.
groups-error-name-too-long = لا يمكن أن يتجاوز اسم المجموعة { $max } بايت؛ وهذا الاسم { $count } بايت.
groups-error-description-too-long = لا يمكن أن يتجاوز الوصف { $max } بايت؛ وهذا الوصف { $count } بايت.
groups-error-invalid-ids = { $count ->
    [one] إدخال واحد ليس Session ID: صحّحه أو احذفه.
    [two] إدخالان ليسا Session ID: صحّحهما أو احذفهما.
    [few] { $count } إدخالات ليست Session ID: صحّحها أو احذفها.
    [many] { $count } إدخالًا ليست Session ID: صحّحها أو احذفها.
   *[other] { $count } إدخال ليست Session ID: صحّحها أو احذفها.
}
groups-error-no-member = اختر عضوًا واحدًا على الأقل.
groups-error-too-many-picked = { $count ->
    [one] لا يمكن أن تضم المجموعة أكثر من { $max } عضو: أزل عضوًا واحدًا.
    [two] لا يمكن أن تضم المجموعة أكثر من { $max } عضو: أزل عضوين.
    [few] لا يمكن أن تضم المجموعة أكثر من { $max } عضو: أزل { $count } أعضاء.
    [many] لا يمكن أن تضم المجموعة أكثر من { $max } عضو: أزل { $count } عضوًا.
   *[other] لا يمكن أن تضم المجموعة أكثر من { $max } عضو: أزل { $count } عضو.
}

## سبب فشل إجراء على مجموعة

groups-error-not-found = هذه المجموعة لم تعد متاحة.
groups-error-name-max = لا يمكن أن يتجاوز اسم المجموعة { $max } بايت.
groups-error-members-max = لا يمكن أن تضم المجموعة أكثر من { $max } عضو.
groups-error-bad-member = { $id } ليس Session ID.
groups-error-not-admin = يمكن لمشرفي المجموعة فقط القيام بذلك.
groups-error-storage = تعذّر حفظ المجموعة: { $error }
groups-error-network = حُفظ هنا، لكنه لم يُرسل بعد ({ $error })؛ سيُرسل عندما تعمل الشبكة.
groups-error-malformed = بيانات مجموعة غير سليمة: { $what }
groups-error-invalid = إدخال مجموعة غير صالح: { $what }
groups-error-bad-key = مفتاح المجموعة غير قابل للاستخدام أو غير مطابق
groups-error-bad-signature = توقيع المجموعة غير صالح
groups-error-decrypt = لا يوجد مفتاح مجموعة محفوظ يفتح هذا
groups-error-decompress = تعذّر فك ضغط رسالة المجموعة
groups-error-only-admin = يمكن لمشرف المجموعة فقط القيام بذلك
groups-error-no-keys = لا يوجد مفتاح للمجموعة بعد
groups-error-too-large = رسالة المجموعة البالغ حجمها { $size } بايت كبيرة جدًا

## لوحة المجموعة

groups-panel-title = المجموعة
groups-members = { $count ->
    [zero] لا أعضاء
    [one] عضو واحد
    [two] عضوان
    [few] { $count } أعضاء
    [many] { $count } عضوًا
   *[other] { $count } عضو
}
groups-add-members = إضافة أعضاء
groups-make-admin = تعيين مشرفًا
groups-remove-member = إزالة من المجموعة
groups-leave-group = مغادرة المجموعة
groups-delete-group = حذف المجموعة
groups-remove-title = إزالة { $name }؟
groups-remove-body = ستتم إزالة { $name } من المجموعة ولن يرى رسائلها الجديدة.
groups-leave-title = مغادرة المجموعة؟
groups-leave = مغادرة
groups-leave-deletes = أنت المشرف الوحيد على المجموعة: مغادرتك تحذفها لدى جميع الأعضاء.
groups-leave-body = لن تتلقى رسائلها بعد الآن، وستُحذف محادثتها من هذا الجهاز. سيتم إبلاغ المجموعة بمغادرتك.
groups-delete-title = حذف المجموعة؟
groups-delete-body = ستُحذف المجموعة لدى جميع الأعضاء: لن يتمكن أحد من الإرسال إليها بعد الآن.

## أدوار الأعضاء

groups-role-admin = مشرف
groups-role-promotion-pending = مشرف (قيد الانتظار)
groups-role-member = عضو
groups-role-invited = مدعو
groups-role-invite-failed = فشلت الدعوة
groups-role-removing = جارٍ الإزالة

## مجموعة لم يعد بالإمكان الكتابة إليها؛ السطر تحت عنوانها

groups-ended-no-longer-member = لم تعد عضوًا في هذه المجموعة.
groups-ended-destroyed = حذف المشرفون هذه المجموعة. لم يعد بإمكانك إرسال رسائل إليها.
groups-ended-kicked = تمت إزالتك من هذه المجموعة. لم يعد بإمكانك إرسال رسائل إليها.
groups-delete-chat = حذف المحادثة
groups-header-destroyed = حذفها المشرفون
groups-header-kicked = تمت إزالتك
groups-header-invitation = دعوة

## دعوة

groups-invitation-label = دعوة إلى مجموعة
groups-invitation-from = دعاك { $name } للانضمام إلى { $group }.
groups-invitation = تمت دعوتك للانضمام إلى { $group }.
groups-invitation-detail = قبول الدعوة يضمّك إلى المجموعة: سيرى أعضاؤها أنك انضممت، وكذلك اسمك المعروض.
groups-accept = قبول
groups-decline = رفض
groups-decline-title = رفض الدعوة؟
groups-decline-body = ستُحذف الدعوة ورسائلها من هذا الجهاز.

## الإشعارات في محادثة المجموعة

groups-notice-created-you = أنشأتَ المجموعة.
groups-notice-created = أنشأ { $name } المجموعة.
groups-notice-invited = دعاك { $name } إلى المجموعة.
groups-notice-added-you = أضفتَ { $names }.
groups-notice-added = أضاف { $name } { $names }.
groups-notice-added-me = أضافك { $name }.
groups-notice-removed-you = أزلتَ { $names }.
groups-notice-removed = أزال { $name } { $names }.
groups-notice-removed-me = أزالك { $name }.
groups-notice-promoted-you = { $count ->
    [one] عيّنتَ { $names } مشرفًا.
    [two] عيّنتَ { $names } مشرفَين.
   *[other] عيّنتَ { $names } مشرفين.
}
groups-notice-promoted = { $count ->
    [one] عيّن { $name } { $names } مشرفًا.
    [two] عيّن { $name } { $names } مشرفَين.
   *[other] عيّن { $name } { $names } مشرفين.
}
groups-notice-promoted-me = عيّنك { $name } مشرفًا.
groups-notice-left-you = غادرتَ المجموعة.
groups-notice-left = غادر { $name } المجموعة.
groups-notice-joined-you = انضممتَ إلى المجموعة.
groups-notice-joined = انضم { $name } إلى المجموعة.
groups-notice-renamed-you = غيّرتَ اسم المجموعة إلى { $group }.
groups-notice-renamed = غيّر { $name } اسم المجموعة إلى { $group }.
groups-notice-picture-you = غيّرتَ صورة المجموعة.
groups-notice-picture = غيّر { $name } صورة المجموعة.
groups-notice-timer-off-you = أوقفتَ الرسائل المختفية.
groups-notice-timer-off = أوقف { $name } الرسائل المختفية.
groups-notice-timer-you = ضبطتَ الرسائل لتختفي بعد { $time } من إرسالها.
groups-notice-timer = ضبط { $name } الرسائل لتختفي بعد { $time } من إرسالها.
groups-notice-kicked = تمت إزالتك من المجموعة.
groups-notice-destroyed = حذف المشرفون هذه المجموعة.
groups-notice-you-inside = أنت
groups-notice-nobody = لا أحد
groups-names-two = { $first } و{ $last }
groups-names-more = { $first }، { $rest }

## ملفنا الشخصي: الاسم المعروض (عند إنشاء الحساب) والصورة

groups-profile-name-title = اختر اسمك المعروض
groups-profile-name-intro = يُرسل مع رسائلك ليعرف الآخرون من يكتب. يمكنك تغييره لاحقًا من الإعدادات.
groups-profile-name-label = الاسم المعروض
groups-profile-password-open = حماية هذا المتصفح بكلمة مرور (اختياري)
groups-profile-password-intro = تُشفَّر عندئذٍ رسائلك ومفاتيحك المخزنة هنا، ويطلب Session كلمة المرور عند فتحه. لا يمكن استعادة كلمة مرور منسية.
groups-profile-password = كلمة المرور
groups-profile-password-confirm = تأكيد كلمة المرور
groups-profile-name-empty = أدخل اسمًا معروضًا.
groups-profile-name-too-long = { $max ->
    [few] لا يمكن أن يتجاوز الاسم المعروض { $max } أحرف.
    [many] لا يمكن أن يتجاوز الاسم المعروض { $max } حرفًا.
   *[other] لا يمكن أن يتجاوز الاسم المعروض { $max } حرف.
}
groups-picture-saved = تم حفظ صورة الملف الشخصي
groups-picture-removed = تمت إزالة صورة الملف الشخصي
groups-picture-change = تغيير الصورة
groups-picture-add = إضافة صورة
groups-picture-not-a-picture = هذا ليس صورة (استخدم ملف JPEG أو PNG أو GIF أو WebP).
groups-picture-too-large = حجم الصورة { $size } ميغابايت؛ اختر صورة لا يتجاوز حجمها { $max } ميغابايت.
groups-picture-unreadable = تعذّر على المتصفح قراءة هذه الصورة.
groups-picture-resize = تعذّر على المتصفح تغيير حجم هذه الصورة.
groups-picture-busy = يجري تعيين صورة بالفعل.
groups-picture-encrypt = تعذّر تشفير الصورة: { $error }
groups-picture-upload = تعذّر رفع الصورة: { $error }
groups-picture-profile = تعذّر حفظ الملف الشخصي: { $error }
groups-picture-url = تعذّر جلب الصورة الرمزية: { $error }
groups-picture-download = تعذّر تنزيل الصورة الرمزية: { $error }
groups-picture-refused = رُفضت الصورة الرمزية: { $error }
