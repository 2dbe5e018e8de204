# البدء: شاشة الترحيب، وإنشاء حساب واستعادته، والحساب الذي تتعذّر قراءته، وشاشة فتح القفل،
# والقفل بكلمة مرور، وقائمة الحسابات، وأخطاء التخزين والقفل التي تظهر على الشاشة.

## الترحيب

onboarding-app-name = Session
onboarding-welcome-lead = رسائل خاصة، مشفّرة من طرف إلى طرف وتمرّ عبر شبكة Onion. بلا رقم هاتف ولا بريد إلكتروني.
onboarding-welcome-create = إنشاء حساب
onboarding-welcome-restore = لديّ حساب
onboarding-welcome-back = العودة إلى { $name }
onboarding-tab-title = { $name } · Session

## إنشاء حساب

onboarding-create-title = حسابك
onboarding-create-session-id = Session ID
onboarding-create-share = شاركه مع الآخرين ليتمكّنوا من مراسلتك.
onboarding-create-qr-label = رمز QR لـ Session ID الخاص بك
onboarding-create-copy-id = نسخ Session ID
onboarding-create-id-copied = تم نسخ Session ID
onboarding-recovery-phrase = عبارة الاسترداد
onboarding-create-phrase-warning = هذه الكلمات الـ13 هي الطريقة الوحيدة لاستعادة حسابك. دوّنها واحتفظ بها سرًّا: أي شخص يمتلكها يمكنه قراءة رسائلك.
onboarding-create-copy-phrase = نسخ العبارة
onboarding-create-phrase-copied = تم نسخ عبارة الاسترداد
onboarding-create-saved = لقد حفظت عبارة الاسترداد في مكان آمن.

## استعادة حساب

onboarding-restore-title = استعادة حسابك
onboarding-phrase-hint = أدخل الكلمات الـ13 مفصولة بمسافات.
onboarding-phrase-unknown-word = «{ $word }» ليست من كلمات قائمة عبارة الاسترداد. تحقّق من إملائها.
onboarding-phrase-word-count = { $expected ->
    [few] تتكوّن عبارة الاسترداد من { $expected } كلمات، وقد أدخلت { $count }.
   *[other] تتكوّن عبارة الاسترداد من { $expected } كلمة، وقد أدخلت { $count }.
}
onboarding-phrase-checksum = الكلمات غير متطابقة: إحداها خاطئة أو أنها ليست بالترتيب الصحيح.
onboarding-phrase-invalid-words = هذه الكلمات لا تشكّل عبارة استرداد صالحة.
onboarding-phrase-invalid = هذه ليست عبارة استرداد صالحة: { $reason }.

## تتعذّر قراءة الحساب المخزّن

onboarding-recover-title = تعذّرت قراءة حسابك
onboarding-recover-restore = استعادة
onboarding-recover-other = استخدام حساب آخر
onboarding-recover-delete-open = حذف البيانات المخزّنة…
onboarding-recover-delete-warning = سيُحذف كل ما هو مخزّن في هذا المتصفح، بما في ذلك الرسائل التي في انتظار الإرسال. لا يمكن استعادة ذلك الحساب من دون عبارة الاسترداد الخاصة به.
onboarding-recover-delete-question = حذف البيانات المخزّنة؟
onboarding-recover-summary-empty = لا توجد محادثات مخزّنة في هذا المتصفح.
onboarding-recover-summary-conversations = { $conversations ->
    [one] محادثة واحدة محفوظة في هذا المتصفح للحساب { $account }. أدخل عبارة الاسترداد الخاصة بذلك الحساب لفتحها مجددًا.
    [two] محادثتان محفوظتان في هذا المتصفح للحساب { $account }. أدخل عبارة الاسترداد الخاصة بذلك الحساب لفتحهما مجددًا.
    [few] { $conversations } محادثات محفوظة في هذا المتصفح للحساب { $account }. أدخل عبارة الاسترداد الخاصة بذلك الحساب لفتحها مجددًا.
   *[other] { $conversations } محادثة محفوظة في هذا المتصفح للحساب { $account }. أدخل عبارة الاسترداد الخاصة بذلك الحساب لفتحها مجددًا.
}
onboarding-recover-summary-conversations-unknown = { $conversations ->
    [one] محادثة واحدة محفوظة في هذا المتصفح، ولا يمكن معرفة الحساب الذي تنتمي إليه. سيعرضها الحساب الذي تستعيده.
    [two] محادثتان محفوظتان في هذا المتصفح، ولا يمكن معرفة الحساب الذي تنتميان إليه. سيعرضهما الحساب الذي تستعيده.
    [few] { $conversations } محادثات محفوظة في هذا المتصفح، ولا يمكن معرفة الحساب الذي تنتمي إليه. سيعرضها الحساب الذي تستعيده.
   *[other] { $conversations } محادثة محفوظة في هذا المتصفح، ولا يمكن معرفة الحساب الذي تنتمي إليه. سيعرضها الحساب الذي تستعيده.
}
onboarding-recover-summary-waiting = { $waiting ->
    [one] رسالة واحدة في انتظار الإرسال محفوظة في هذا المتصفح للحساب { $account }. أدخل عبارة الاسترداد الخاصة بذلك الحساب لفتحها مجددًا.
    [two] رسالتان في انتظار الإرسال محفوظتان في هذا المتصفح للحساب { $account }. أدخل عبارة الاسترداد الخاصة بذلك الحساب لفتحهما مجددًا.
    [few] { $waiting } رسائل في انتظار الإرسال محفوظة في هذا المتصفح للحساب { $account }. أدخل عبارة الاسترداد الخاصة بذلك الحساب لفتحها مجددًا.
   *[other] { $waiting } رسالة في انتظار الإرسال محفوظة في هذا المتصفح للحساب { $account }. أدخل عبارة الاسترداد الخاصة بذلك الحساب لفتحها مجددًا.
}
onboarding-recover-summary-waiting-unknown = { $waiting ->
    [one] رسالة واحدة في انتظار الإرسال محفوظة في هذا المتصفح، ولا يمكن معرفة الحساب الذي تنتمي إليه. سيعرضها الحساب الذي تستعيده.
    [two] رسالتان في انتظار الإرسال محفوظتان في هذا المتصفح، ولا يمكن معرفة الحساب الذي تنتميان إليه. سيعرضهما الحساب الذي تستعيده.
    [few] { $waiting } رسائل في انتظار الإرسال محفوظة في هذا المتصفح، ولا يمكن معرفة الحساب الذي تنتمي إليه. سيعرضها الحساب الذي تستعيده.
   *[other] { $waiting } رسالة في انتظار الإرسال محفوظة في هذا المتصفح، ولا يمكن معرفة الحساب الذي تنتمي إليه. سيعرضها الحساب الذي تستعيده.
}
onboarding-recover-summary-both = { $conversations ->
    [one] محادثة واحدة
    [two] محادثتان
    [few] { $conversations } محادثات
   *[other] { $conversations } محادثة
} و{ $waiting ->
    [one] رسالة واحدة
    [two] رسالتان
    [few] { $waiting } رسائل
   *[other] { $waiting } رسالة
} في انتظار الإرسال محفوظة في هذا المتصفح للحساب { $account }. أدخل عبارة الاسترداد الخاصة بذلك الحساب لفتحها مجددًا.
onboarding-recover-summary-both-unknown = { $conversations ->
    [one] محادثة واحدة
    [two] محادثتان
    [few] { $conversations } محادثات
   *[other] { $conversations } محادثة
} و{ $waiting ->
    [one] رسالة واحدة
    [two] رسالتان
    [few] { $waiting } رسائل
   *[other] { $waiting } رسالة
} في انتظار الإرسال محفوظة في هذا المتصفح، ولا يمكن معرفة الحساب الذي تنتمي إليه. سيعرضها الحساب الذي تستعيده.

## أخطاء البدء

onboarding-error-storage-closed = التخزين غير مفتوح
onboarding-error-nothing-to-save = لا يوجد حساب لحفظه
onboarding-error-nothing-to-finish = لا يوجد حساب لإكماله
onboarding-error-save-account = تعذّر حفظ الحساب: { $reason }
onboarding-error-save-name = تعذّر حفظ اسم العرض: { $reason }
onboarding-error-delete = تعذّر حذف البيانات المخزّنة: { $reason }
onboarding-error-other-account = عبارة الاسترداد هذه خاصة بالحساب { $entered }، لكن البيانات المخزّنة هنا تعود إلى { $stored }. أدخل عبارة { $stored }، أو احذف البيانات المخزّنة لاستخدام هذا الحساب.
onboarding-error-already-here = هذا الحساب موجود بالفعل في هذا المتصفح باسم { $name }. انتقل إليه من قائمة الحسابات.

## شاشة فتح القفل

onboarding-lock-title = Session مقفل
onboarding-lock-hint = أدخل كلمة المرور لفتح رسائلك.
onboarding-lock-password = كلمة المرور
onboarding-lock-unlocking = جارٍ فتح القفل…
onboarding-lock-unlock = فتح القفل
onboarding-lock-forgot = هل نسيت كلمة المرور؟
onboarding-lock-forgot-text = من دونها لا يمكن فتح ما خزّنه هذا الحساب في هذا المتصفح. يمكنك حذفه واستعادة الحساب من عبارة الاسترداد الخاصة به؛ وتعود رسائل آخر أسبوعين من الشبكة.
onboarding-lock-forget-open = حذف البيانات في هذا المتصفح
onboarding-lock-forget-warning = ستُحذف كل الرسائل والملفات والإعدادات التي خزّنها هذا الحساب في هذا المتصفح (مع الإبقاء على الحسابات الأخرى). لا شيء يعيده سوى عبارة الاسترداد الخاصة بك.
onboarding-lock-forget-confirm = حذف كل شيء
onboarding-lock-forget-question = حذف بيانات هذا الحساب في هذا المتصفح؟

## الإعدادات ← القفل بكلمة مرور

onboarding-password-title = القفل بكلمة مرور
onboarding-password-on = حسابك ورسائلك في هذا المتصفح مشفّرة بكلمة المرور الخاصة بك. يطلبها Session عند فتحه.
onboarding-password-off = يمكن لأي شخص يستطيع فتح ملف تعريف هذا المتصفح قراءة رسائلك. كلمة المرور تشفّرها، ومعها مفاتيحك، على هذا الجهاز.
onboarding-password-auto-lock = القفل التلقائي
onboarding-password-lock-now = القفل الآن
onboarding-password-change = تغيير كلمة المرور
onboarding-password-remove = إزالة كلمة المرور
onboarding-password-set-open = تعيين كلمة مرور
onboarding-password-set = تعيين كلمة المرور
onboarding-password-current = كلمة المرور الحالية
onboarding-password-new = كلمة المرور الجديدة
onboarding-password-confirm = تأكيد كلمة المرور الجديدة
onboarding-password-no-recovery = لا توجد طريقة لاستعادة كلمة مرور منسيّة: لا شيء يعيد الحساب سوى عبارة الاسترداد، ومن دون الرسائل المحفوظة هنا.
onboarding-password-working = جارٍ التنفيذ…
onboarding-password-set-done = تم تعيين كلمة المرور
onboarding-password-changed = تم تغيير كلمة المرور
onboarding-password-removed = تمت إزالة كلمة المرور
onboarding-auto-lock-never = أبدًا
onboarding-auto-lock-minutes = { $count ->
    [one] بعد دقيقة واحدة
    [two] بعد دقيقتين
    [few] بعد { $count } دقائق
   *[other] بعد { $count } دقيقة
}
onboarding-auto-lock-hours = { $count ->
    [one] بعد ساعة واحدة
    [two] بعد ساعتين
    [few] بعد { $count } ساعات
   *[other] بعد { $count } ساعة
}
onboarding-password-too-short = { $count ->
    [one] يجب أن تتكوّن كلمة المرور من حرف واحد على الأقل
    [two] يجب أن تتكوّن كلمة المرور من حرفين على الأقل
    [few] يجب أن تتكوّن كلمة المرور من { $count } أحرف على الأقل
    [many] يجب أن تتكوّن كلمة المرور من { $count } حرفًا على الأقل
   *[other] يجب أن تتكوّن كلمة المرور من { $count } حرف على الأقل
}
onboarding-password-too-long = { $count ->
    [one] لا تتجاوز كلمة المرور حرفًا واحدًا
    [two] لا تتجاوز كلمة المرور حرفين
    [few] لا تتجاوز كلمة المرور { $count } أحرف
    [many] لا تتجاوز كلمة المرور { $count } حرفًا
   *[other] لا تتجاوز كلمة المرور { $count } حرف
}
onboarding-password-mismatch = كلمتا المرور غير متطابقتين
onboarding-password-unavailable = لا يمكن قفل مساحة التخزين في هذا المتصفح
onboarding-password-none = لم يتم تعيين كلمة مرور
onboarding-password-already-set = تم تعيين كلمة مرور بالفعل
onboarding-password-wrong = كلمة المرور غير صحيحة
onboarding-password-too-soon = { $count ->
    [one] محاولات خاطئة كثيرة: أعد المحاولة بعد ثانية واحدة
    [two] محاولات خاطئة كثيرة: أعد المحاولة بعد ثانيتين
    [few] محاولات خاطئة كثيرة: أعد المحاولة بعد { $count } ثوانٍ
   *[other] محاولات خاطئة كثيرة: أعد المحاولة بعد { $count } ثانية
}
onboarding-password-empty = أدخل كلمة مرور
onboarding-password-kdf-damaged = إعدادات القفل بكلمة المرور تالفة
onboarding-password-record-damaged = سجلّ القفل بكلمة المرور تالف: { $reason }
onboarding-password-crypto-failed = فشل التشفير: { $reason }

## طلب اسم العرض (الشاشة الرئيسية)

onboarding-name-prompt-title = لا يوجد اسم عرض بعد
onboarding-name-prompt-text = إن كان لحسابك اسم على أجهزتك الأخرى، فسيظهر هنا بعد لحظات. وإلا فاختر اسمًا:
onboarding-name-prompt-placeholder = اسم العرض

## تعذّر تشغيل التطبيق

onboarding-fatal-title = تعذّر تشغيل Session
onboarding-fatal-hint = يحفظ Session حسابك ورسائلك في مساحة تخزين هذا المتصفح. النوافذ الخاصة وبعض إعدادات الخصوصية تمنع ذلك.
onboarding-fatal-lock = القفل بكلمة المرور: { $reason }

## قائمة الحسابات

onboarding-account-menu = الحسابات
onboarding-account-menu-unread = الحسابات (رسائل غير مقروءة في حساب آخر)
onboarding-account-add = إضافة حساب
onboarding-account-new = حساب جديد
onboarding-account-unread = { $count ->
    [one] غير مقروءة
   *[other] غير مقروءة
}
onboarding-account-locked = مقفل بكلمة مرور
onboarding-account-this-tab = علامة التبويب هذه
onboarding-account-this-tab-hidden = حساب علامة التبويب هذه

## أخطاء التخزين

onboarding-storage-unavailable = هذا المتصفح لا يسمح للتطبيق بتخزين البيانات ({ $reason })
onboarding-storage-db = خطأ في التخزين: { $reason }
onboarding-storage-encode = تعذّر ترميز سجلّ: { $reason }
onboarding-storage-migration = تعذّر تحديث البيانات المخزّنة إلى الإصدار { $version } ({ $reason })؛ لم تتغيّر، أعد تحميل الصفحة للمحاولة مجددًا
onboarding-storage-interrupted = تمت مقاطعة عملية التخزين
onboarding-storage-full = مساحة تخزين هذا المتصفح المخصّصة للتطبيق ممتلئة
onboarding-storage-unreadable-account = تتعذّر قراءة الحساب المخزّن في هذا المتصفح
onboarding-storage-account-stored = يوجد حساب آخر مخزّن في هذا المتصفح
onboarding-storage-too-new = البيانات المخزّنة من إصدار أحدث من التطبيق (إصدار البيانات { $found }، وهذا التطبيق يعرف حتى الإصدار { $supported })؛ أعد تحميل الصفحة للحصول على الإصدار الجديد
onboarding-session-signed-out = تم تسجيل الخروج
