//! The lesson's explanatory text.

use yew::prelude::*;

use crate::ui::i18n::{t, use_lang, Key};

/// What the page teaches, in a few paragraphs.
#[component]
pub fn Lesson() -> Html {
    let lang = use_lang();
    html! {
        <section class="panel lesson">
            <h2>{ t(lang, Key::LessonHeading) }</h2>
            <p>{ t(lang, Key::Lesson1) }</p>
            <p>{ t(lang, Key::Lesson2) }</p>
            <p>{ t(lang, Key::Lesson3) }</p>
        </section>
    }
}
