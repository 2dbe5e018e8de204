# كلمات مستخدمة في جميع أنحاء التطبيق.

common-cancel = إلغاء
common-close = إغلاق
common-save = حفظ
common-delete = حذف
common-remove = إزالة
common-copy = نسخ
common-copied = تم النسخ
common-back = رجوع
common-next = التالي
common-done = تم
common-retry = إعادة المحاولة
common-continue = متابعة
common-edit = تعديل
common-ok = حسنًا
common-loading = جارٍ التحميل…
common-you = أنت
