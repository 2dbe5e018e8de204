//! The message catalogue (`session_web::i18n`): every language complete against English, plural
//! rules by locale, the choice of language, and start-up without a reachable catalogue.

#![cfg(target_arch = "wasm32")]

use session_web::i18n::{self, audit, bundled, Catalogue, Choice, Locale, Problem};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn sources(tag: &str) -> Vec<(&'static str, &'static str)> {
    bundled::ALL
        .iter()
        .find(|(t, _)| *t == tag)
        .map(|(_, files)| files.to_vec())
        .unwrap_or_default()
}

/// The check that fails the build's tests when a language misses a message, has a stale one,
/// uses an argument the code does not pass, or does not parse.
#[wasm_bindgen_test]
fn every_language_has_every_message_of_english() {
    for locale in Locale::ALL {
        let files = sources(locale.tag());
        assert!(!files.is_empty(), "no catalogue folder for {locale}");
        for area in bundled::AREAS {
            assert!(
                files.iter().any(|(a, _)| a == area),
                "{locale} has no {area}.ftl"
            );
        }
        let problems = audit(&files);
        let listed: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
        assert!(problems.is_empty(), "{locale}: {}", listed.join("\n"));
    }
    // Every folder is a language the app knows.
    for (tag, _) in bundled::ALL {
        assert!(
            Locale::from_tag(tag).is_some(),
            "catalogue {tag} is not a Locale"
        );
    }
}

/// The audit itself notices each kind of fault (so the test above can fail).
#[wasm_bindgen_test]
fn the_audit_notices_missing_extra_and_damaged_messages() {
    let mut french = sources("fr");
    let common = french
        .iter()
        .position(|(a, _)| *a == "common")
        .expect("common.ftl");
    let text = french[common].1;
    // Drop one message, add one English lacks, use an argument nobody passes, and break a line.
    let without: String = text
        .lines()
        .filter(|l| !l.starts_with("common-cancel"))
        .collect::<Vec<_>>()
        .join("\n");
    let changed =
        format!("{without}\ncommon-stale = Vieux\ncommon-close = Fermer {{ $qui }}\n= cassé\n");
    let leaked: &'static str = Box::leak(changed.into_boxed_str());
    french[common] = ("common", leaked);
    let problems = audit(&french);
    assert!(
        problems.contains(&Problem::Missing {
            key: "common-cancel".into()
        }),
        "{problems:?}"
    );
    assert!(
        problems.contains(&Problem::Unknown {
            key: "common-stale".into()
        }),
        "{problems:?}"
    );
    assert!(
        problems.contains(&Problem::Duplicate {
            key: "common-close".into()
        }),
        "{problems:?}"
    );
    assert!(
        problems
            .iter()
            .any(|p| matches!(p, Problem::UnknownArgument { key, argument }
            if key == "common-close" && argument == "qui")),
        "{problems:?}"
    );
    assert!(
        problems
            .iter()
            .any(|p| matches!(p, Problem::Damaged { .. })),
        "{problems:?}"
    );
}

/// Plural forms follow each language's CLDR rules: Arabic has six, French counts 0 as one.
#[wasm_bindgen_test]
fn plurals_follow_the_language_rules() {
    let forms = "n = { $n ->\n    [zero] zero\n    [one] one\n    [two] two\n    [few] few\n    [many] many\n   *[other] other\n}\n";
    let arabic = Catalogue::new(Locale::Arabic, [forms]);
    let pick = |c: &Catalogue, n: u64| c.format("n", &[("n", n.into())]);
    let got: Vec<String> = [0, 1, 2, 3, 11, 100]
        .iter()
        .map(|n| pick(&arabic, *n))
        .collect();
    assert_eq!(got, ["zero", "one", "two", "few", "many", "other"]);
    let french = Catalogue::new(Locale::French, [forms]);
    let got: Vec<String> = [0, 1, 2, 17].iter().map(|n| pick(&french, *n)).collect();
    assert_eq!(got, ["one", "one", "other", "other"]);
    let english = Catalogue::english();
    // English has no "n": the key itself comes back rather than nothing.
    assert_eq!(english.format("n", &[]), "n");
}

/// The real catalogues speak their language; names in right-to-left text are isolated so an
/// English name or a Session ID cannot reorder the sentence around it.
#[wasm_bindgen_test]
fn catalogues_speak_their_language() {
    let english = Catalogue::english();
    let all = |tag: &str| sources(tag).into_iter().map(|(_, s)| s).collect::<Vec<_>>();
    let french = Catalogue::new(Locale::French, all("fr"));
    let arabic = Catalogue::new(Locale::Arabic, all("ar"));
    assert_eq!(english.format("common-cancel", &[]), "Cancel");
    assert_eq!(french.format("common-cancel", &[]), "Annuler");
    assert_eq!(arabic.format("common-cancel", &[]), "إلغاء");
    let args = [("language", "English".into())];
    assert_eq!(
        english.format("language-system", &args),
        "Same as the browser (English)"
    );
    let rtl = arabic.format("language-system", &args);
    assert!(rtl.contains("\u{2068}English\u{2069}"), "{rtl:?}");
    // A message one language lacks falls back to English rather than to nothing.
    let partial = Catalogue::new(Locale::French, ["common-close = Fermer\n"]);
    assert_eq!(partial.format("common-cancel", &[]), "Cancel");
    assert_eq!(partial.format("common-close", &[]), "Fermer");
}

#[wasm_bindgen_test]
fn the_language_is_the_browsers_first_the_app_speaks() {
    assert_eq!(Locale::pick(["de-DE", "fr-CA", "en"]), Locale::French);
    assert_eq!(Locale::pick(["ar-EG"]), Locale::Arabic);
    assert_eq!(Locale::pick(["de", "ja"]), Locale::English);
    assert_eq!(Locale::pick([]), Locale::English);
    let langs = vec!["ar".to_owned()];
    assert_eq!(Choice::System.resolve(&langs), Locale::Arabic);
    assert_eq!(
        Choice::Fixed(Locale::French).resolve(&langs),
        Locale::French
    );
    assert_eq!(Locale::Arabic.direction().attribute(), "rtl");
    assert_eq!(Locale::French.direction().attribute(), "ltr");
}

fn root_attribute(name: &str) -> Option<String> {
    let root = web_sys::window()?.document()?.document_element()?;
    root.get_attribute(name)
}

/// What start-up's fetch finds at `url` (`/i18n/<tag>/<area>.ftl`): the bundled file, as the
/// relay serves it (the real fetch through the relay and the service worker is the e2e
/// `languages` scenario's).
async fn served(url: String) -> Option<String> {
    let rest = url.strip_prefix("/i18n/")?;
    let (tag, file) = rest.split_once('/')?;
    let area = file.strip_suffix(".ftl")?;
    let files = sources(tag);
    files
        .iter()
        .find(|(a, _)| *a == area)
        .map(|(_, s)| (*s).to_owned())
}

/// Start-up installs the chosen language's catalogue and lays the page out for it; a
/// catalogue that cannot be fetched (offline, never cached) leaves the app in English rather
/// than blank, and the setting is kept for next time.
#[wasm_bindgen_test]
async fn start_up_loads_the_chosen_language_or_stays_english() {
    Choice::Fixed(Locale::Arabic).save();
    i18n::init_with(|_| async { None }).await;
    assert_eq!(i18n::locale(), Locale::English);
    assert_eq!(i18n::text("common-cancel"), "Cancel");
    assert_eq!(root_attribute("lang").as_deref(), Some("en"));
    assert_eq!(root_attribute("dir").as_deref(), Some("ltr"));
    assert_eq!(Choice::load(), Choice::Fixed(Locale::Arabic));

    // One file missing is as good as none: no half-translated start.
    i18n::init_with(|url: String| async move {
        if url.ends_with("/chat.ftl") {
            None
        } else {
            served(url).await
        }
    })
    .await;
    assert_eq!(i18n::locale(), Locale::English);
    i18n::init_with(served).await;
    assert_eq!(i18n::locale(), Locale::Arabic);
    assert_eq!(i18n::text("common-cancel"), "إلغاء");
    assert_eq!(root_attribute("lang").as_deref(), Some("ar"));
    assert_eq!(root_attribute("dir").as_deref(), Some("rtl"));

    Choice::System.save();
    assert_eq!(Choice::load(), Choice::System);
    i18n::install(Catalogue::english());
    i18n::apply_to_document(Locale::English);
}
