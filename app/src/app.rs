//! The app shell: theme, routing from the location hash, and the screen for the app's phase.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::components::fatal::Fatal;
use crate::components::home::Home;
use crate::components::onboarding::Onboarding;
use crate::components::splash::Splash;
use crate::components::toast::Toast;
use crate::state::onboarding::boot;
use crate::state::route::Route;
use crate::state::session::with_session;
use crate::state::theme::Theme;
use crate::state::ui::{Phase, Ui};
use crate::util::browser;

/// The root component.
#[component]
pub fn App() -> impl IntoView {
    let ui = Ui::new();
    provide_context(ui);

    let theme = Theme::load();
    ui.theme.set(theme);
    theme.apply();

    ui.route.set(Route::from_hash(&browser::location_hash()));
    if let Some(w) = browser::window() {
        browser::listen(&w, "hashchange", move |_| {
            let route = Route::from_hash(&browser::location_hash());
            if ui.route.get_untracked() == route {
                return;
            }
            ui.route.set(route.clone());
            with_session(|s| match route {
                Route::Chat(id) => spawn_local(async move { s.open_chat(id).await }),
                _ => s.close_chat(),
            });
        });
    }

    spawn_local(boot(ui));

    view! {
        {move || match ui.phase.get() {
            Phase::Loading => view! { <Splash /> }.into_any(),
            Phase::Fatal(message) => view! { <Fatal message=message /> }.into_any(),
            Phase::Onboarding(step) => view! { <Onboarding step=step /> }.into_any(),
            Phase::Ready => view! { <Home /> }.into_any(),
        }}
        <Toast />
    }
}
