//! The app shell: theme, routing from the location hash, and the screen for the app's phase.

use leptos::prelude::*;
use leptos::task::spawn_local;
use std::rc::Rc;

use crate::components::fatal::Fatal;
use crate::components::home::Home;
use crate::components::onboarding::Onboarding as OnboardingScreen;
use crate::components::splash::Splash;
use crate::components::toast::Toast;
use crate::components::unlock_screen::UnlockScreen;
use crate::state::context::provide_part;
use crate::state::onboarding::Onboarding;
use crate::state::route::Route;
use crate::state::theme::Theme;
use crate::state::ui::{Phase, Ui};
use crate::util::browser;

/// The root component.
#[component]
pub fn App() -> impl IntoView {
    let ui = Ui::new();
    provide_context(ui);
    let onboarding = Rc::new(Onboarding::new(ui));
    provide_part(onboarding.clone());

    let theme = Theme::load();
    ui.theme.set(theme);
    theme.apply();

    // The tab's account first: a notification of it may have asked for a screen.
    crate::accounts::select_for_tab();
    ui.route.set(Route::from_hash(&browser::location_hash()));
    if let Some(w) = browser::window() {
        let onboarding = onboarding.clone();
        browser::listen(&w, "hashchange", move |_| {
            let session = onboarding.session();
            let mut route = Route::from_hash(&browser::location_hash());
            if let Some(s) = &session {
                route = route.for_account(&s.profile.session_id());
            }
            if ui.route.get_untracked() == route {
                return;
            }
            ui.route.set(route.clone());
            if let Some(s) = session {
                match route {
                    Route::Chat(id) => spawn_local(async move { s.views.open_chat(id).await }),
                    _ => s.views.close_chat(),
                }
            }
        });
    }

    spawn_local(async move { onboarding.boot().await });

    view! {
        {move || match ui.phase.get() {
            Phase::Loading => view! { <Splash /> }.into_any(),
            Phase::Fatal(e) => view! { <Fatal message=e.to_string() /> }.into_any(),
            Phase::Onboarding(step) => view! { <OnboardingScreen step=step /> }.into_any(),
            Phase::Locked => view! { <UnlockScreen /> }.into_any(),
            Phase::Ready => view! { <Home /> }.into_any(),
        }}
        <Toast />
    }
}
