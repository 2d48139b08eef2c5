//! The browser app's entry point (built by trunk).

/// Mount the app on the page's body (only with the `web` feature).
fn main() {
    #[cfg(feature = "web")]
    yew::Renderer::<distlab::ui::App>::new().render();
}
