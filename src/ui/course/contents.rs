//! The course's table of contents: the lecture's sections in order, each with its lessons.

use yew::prelude::*;

use super::nav::CourseNav;
use crate::lab::course::{Section, LESSONS};
use crate::ui::i18n::course::{t, text, Key};
use crate::ui::i18n::use_lang;

/// Properties of [`Contents`].
#[derive(Properties, PartialEq)]
pub struct ContentsProps {
    /// Open a lesson at its first step.
    pub on_open: Callback<CourseNav>,
    /// Close the contents.
    pub on_close: Callback<()>,
}

/// The table of contents, over the page.
#[component]
pub fn Contents(props: &ContentsProps) -> Html {
    let lang = use_lang();
    let say = |id: String| text(lang, &id).unwrap_or_default();
    let sections = Section::ALL.iter().map(|&section| {
        let lessons: Vec<Html> = LESSONS
            .iter()
            .filter(|l| l.section == section)
            .map(|lesson| {
                let open = props.on_open.reform(move |_: MouseEvent| CourseNav { lesson, step: 0 });
                html! {
                    <li>
                        <button type="button" class="btn quiet course-lesson-link" data-testid={format!("lesson-{}", lesson.id)} onclick={open}>
                            { say(format!("lesson.{}", lesson.id)) }
                        </button>
                    </li>
                }
            })
            .collect();
        html! {
            <li class="course-section" data-section={section.id()}>
                <h3>{ say(format!("section.{}", section.id())) }</h3>
                <ul>{ for lessons }</ul>
            </li>
        }
    });
    let on_key = props.on_close.reform(|_: KeyboardEvent| ());
    let on_keydown = Callback::from(move |e: KeyboardEvent| {
        if e.key() == "Escape" {
            on_key.emit(e);
        }
    });
    html! {
        <div class="course-contents" role="dialog" aria-modal="false" aria-labelledby="course-contents-title"
             data-testid="course-contents" onkeydown={on_keydown}>
            <header class="course-head">
                <h2 id="course-contents-title">{ t(lang, Key::CourseTitle) }</h2>
                <button type="button" class="btn quiet course-close" data-testid="course-contents-close"
                        aria-label={t(lang, Key::CloseContents)} onclick={props.on_close.reform(|_: MouseEvent| ())}>{ "×" }</button>
            </header>
            <p class="course-intro">{ t(lang, Key::ContentsIntro) }</p>
            <ol class="course-sections">{ for sections }</ol>
        </div>
    }
}
